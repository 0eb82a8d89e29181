import {Box, Text} from 'ink';
import {paint} from './palette.js';
import {terminalLines} from '../terminal-text.js';

export type Tone = 'error' | 'warning' | 'info' | 'success';

export type Props = {
	readonly tone: Tone;
	readonly children: string;
};

// The symbol carries the meaning; colour only repeats it.
const symbols: Record<Tone, string> = {error: '✖', warning: '!', info: '·', success: '✔'};
const colors: Record<Tone, string | undefined> = {error: 'red', warning: 'yellow', info: undefined, success: 'green'};

/** One message: `✖ The keystring is empty.`, `! …`, `✔ …`; wrapped lines align after the symbol. */
export default function Message({tone, children}: Props) {
	return (
		<Box>
			<Box flexShrink={0} marginRight={1}>
				<Text color={colors[tone] && paint(colors[tone])} bold={tone !== 'info'}>{symbols[tone]}</Text>
			</Box>
			<Text>{terminalLines(children)}</Text>
		</Box>
	);
}
