import {Box, Text} from 'ink';
import {terminalLines} from '../terminal-text.js';

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
};

/** `1. <cause>` with `→ <what to do>` under it, wrapped lines aligned after the number. */
export default function CauseList({causes, title = 'Likely causes, most likely first'}: Props) {
	return (
		<Box flexDirection="column">
			<Text bold>{title}</Text>
			{causes.map((cause, index) => (
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
		</Box>
	);
}
