import type {ReactNode} from 'react';
import {Box, Text, useStdout} from 'ink';
import KeyHints, {type KeyHint} from './KeyHints.js';

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

/** Header `mkt-wizard · Etsy · step 3 of 8 · Credentials`, the step's content, then the key hints. */
export default function Frame({title, hints = [], position = {}, children}: Props) {
	const {stdout} = useStdout();
	const width = Math.min(stdout.columns || maxWidth, maxWidth);
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
