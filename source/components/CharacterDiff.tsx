import {Box, Text} from 'ink';
import {characterDiff, type DiffSegment} from '../troubleshoot/character-diff.js';
import {codePointLabel, isInvisible} from '../troubleshoot/invisible.js';
import {paint} from './palette.js';

export type Props = {
	/** The first value, e.g. the redirect URI sent. */
	readonly from: string;
	/** The second value, e.g. the registered one. */
	readonly to: string;
	/** Labels before each line. @default {from: 'sent', to: 'registered'} */
	readonly labels?: {readonly from: string; readonly to: string};
	/** What the marks mean, under the lines. @default '[-…-] only in the one sent · {+…+} only in the registered one' */
	readonly legend?: string;
};

/** Invisible characters (a space, U+200B) made visible as ⟨U+0020⟩: they are part of the string compared. */
export function reveal(text: string): string {
	return Array.from(text).map(character => (isInvisible(character) ? `⟨${codePointLabel(character)}⟩` : character)).join('');
}

/**
 * One line as text, changes marked without colour: `[-localhost-]` for text
 * only in the first value, `{+127.0.0.1+}` for text only in the second.
 */
export function markedLine(segments: readonly DiffSegment[], side: 'from' | 'to'): string {
	const changed = side === 'from' ? 'removed' : 'added';
	return segments.map(segment => {
		if (segment.kind === 'same') {
			return reveal(segment.text);
		}

		if (segment.kind !== changed) {
			return '';
		}

		return side === 'from' ? `[-${reveal(segment.text)}-]` : `{+${reveal(segment.text)}+}`;
	}).join('');
}

function Line({segments, side}: {readonly segments: readonly DiffSegment[]; readonly side: 'from' | 'to'}) {
	const changed = side === 'from' ? 'removed' : 'added';
	const color = paint(side === 'from' ? 'red' : 'green');
	return (
		<Text wrap="wrap">
			{segments.map((segment, index) => {
				if (segment.kind === 'same') {
					// biome-ignore lint/suspicious/noArrayIndexKey: segments never reorder
					return <Text key={index}>{reveal(segment.text)}</Text>;
				}

				if (segment.kind !== changed) {
					return null;
				}

				const text = reveal(segment.text);
				return (
					// biome-ignore lint/suspicious/noArrayIndexKey: segments never reorder
					<Text key={index} bold color={color} underline>
						{side === 'from' ? `[-${text}-]` : `{+${text}+}`}
					</Text>
				);
			})}
		</Text>
	);
}

/**
 * Two values one above the other, character by character: what only the
 * first has in `[-…-]`, what only the second has in `{+…+}` (colour repeats it).
 */
export default function CharacterDiff({from, to, labels = {from: 'sent', to: 'registered'}, legend = '[-…-] only in the one sent · {+…+} only in the registered one'}: Props) {
	const segments = characterDiff(from, to);
	const width = Math.max(labels.from.length, labels.to.length) + 2;
	return (
		<Box flexDirection="column">
			<Box>
				<Box width={width} flexShrink={0}><Text dimColor>{labels.from}</Text></Box>
				<Line segments={segments} side="from" />
			</Box>
			<Box>
				<Box width={width} flexShrink={0}><Text dimColor>{labels.to}</Text></Box>
				<Line segments={segments} side="to" />
			</Box>
			{from === to ? null : <Box marginLeft={width}><Text dimColor>{legend}</Text></Box>}
		</Box>
	);
}
