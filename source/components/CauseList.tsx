import {Box, Text} from 'ink';
import {terminalLines} from '../terminal-text.js';
import {wrappedLines} from './terminal-size.js';

export type Cause = {
	/** What probably happened. */
	readonly cause: string;
	/** What to do about it. */
	readonly action: string;
};

export type Props = {
	readonly causes: readonly Cause[];
	/** @default 'Likely causes, most likely first' */
	readonly title?: string;
	/**
	 * Only the first this many are listed, with a line saying how many more there are; 0 folds the
	 * list to what to do about the most likely cause. @default all
	 */
	readonly limit?: number;
};

/** How many of `causes`, most likely first, fit in `rows` lines of a list `width` columns wide: 0 when not even one does. */
export function causesThatFit(causes: readonly Cause[], rows: number, width: number): number {
	let used = 2;
	let count = 0;
	for (const cause of causes) {
		used += wrappedLines(cause.cause, width - 3) + wrappedLines(cause.action, width - 5);
		if (used > rows) {
			break;
		}

		count++;
	}

	return count;
}

/** `1. <cause>` with `→ <what to do>` under it, wrapped lines aligned after the number. */
export default function CauseList({causes, title = 'Likely causes, most likely first', limit = causes.length}: Props) {
	const hidden = causes.length - limit;
	const [first] = causes;
	if (limit === 0 && first) {
		return (
			<Box flexDirection="column">
				<Text bold>{title}</Text>
				<Box>
					<Box flexShrink={0} marginRight={1}><Text bold>→</Text></Box>
					<Text>{first.action}</Text>
				</Box>
				<Text dimColor>{`… why, and ${causes.length === 1 ? 'the cause' : `all ${causes.length} causes`}, in a taller terminal`}</Text>
			</Box>
		);
	}

	return (
		<Box flexDirection="column">
			<Text bold>{title}</Text>
			{causes.slice(0, limit).map((cause, index) => (
				<Box key={cause.cause}>
					<Box flexShrink={0} width={3}><Text>{`${index + 1}.`}</Text></Box>
					<Box flexDirection="column">
						<Text>{terminalLines(cause.cause)}</Text>
						<Box>
							<Box flexShrink={0} marginRight={1}><Text bold>→</Text></Box>
							<Text>{terminalLines(cause.action)}</Text>
						</Box>
					</Box>
				</Box>
			))}
			{hidden > 0 ? <Text dimColor>{`… ${hidden} more ${hidden === 1 ? 'cause' : 'causes'} in a taller terminal`}</Text> : null}
		</Box>
	);
}
