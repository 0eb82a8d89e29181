import type {ReactNode} from 'react';
import {Box, Text} from 'ink';
import KeyHints, {type KeyHint} from './KeyHints.js';
import {packedLines, useTerminalSize} from './terminal-size.js';

/** Where the wizard is: shown in the header of every screen. */
export type FramePosition = {
	/** Marketplace display name (`Etsy`, `eBay`), once chosen. */
	readonly provider?: string;
	/** 1-based number of this step. */
	readonly step?: number;
	/** How many steps this run has. */
	readonly steps?: number;
};

export type Props = {
	/** The step's title, last in the header. */
	readonly title: string;
	/** Keys that work on this screen, shown in the footer. @default [] */
	readonly hints?: readonly KeyHint[];
	/** Provider and step n of m for the header. @default {} */
	readonly position?: FramePosition;
	readonly children?: ReactNode;
};

/** The widest the wizard draws, so it reads the same in an 80-column terminal as in a wide one. */
export const maxWidth = 80;

export function headerText(title: string, position: FramePosition = {}): string {
	const parts = ['mkt-wizard'];
	if (position.provider) {
		parts.push(position.provider);
	}

	if (position.step !== undefined && position.steps !== undefined) {
		parts.push(`step ${position.step} of ${position.steps}`);
	}

	parts.push(title);
	return parts.join(' · ');
}

/** The space a Frame leaves its content in this terminal: screens with lists size them to `rows`; `columns` is the terminal's own width. */
export type FrameRoom = {readonly rows: number; readonly width: number; readonly columns: number};

/**
 * The rows and columns a Frame with these hints leaves for its content: the terminal's rows less
 * the header, the margins, the hints as they wrap, and the line Ink keeps free under its output
 * (a frame as tall as the terminal makes Ink wipe the screen and scrollback on every update).
 */
export function useFrameRoom(hints: readonly KeyHint[] = []): FrameRoom {
	const {rows, columns} = useTerminalSize();
	const width = Math.min(columns, maxWidth);
	const hintLines = hints.length > 0 ? 1 + packedLines(hints.map(hint => `${hint.key} ${hint.label}`), ' · ', width) : 0;
	return {rows: rows - 1 - 2 - hintLines, width, columns};
}

/** Header `mkt-wizard · Etsy · step 3 of 8 · Credentials`, the step's content, then the key hints. */
export default function Frame({title, hints = [], position = {}, children}: Props) {
	const {width} = useFrameRoom();
	return (
		<Box flexDirection="column" width={width}>
			<Text bold wrap="truncate-end">{headerText(title, position)}</Text>
			<Box flexDirection="column" marginTop={1}>
				{children}
			</Box>
			{hints.length > 0 && (
				<Box marginTop={1}>
					<KeyHints hints={hints} />
				</Box>
			)}
		</Box>
	);
}
