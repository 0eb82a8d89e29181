import {Text} from 'ink';

export type Tone = 'error' | 'warning' | 'info' | 'success';

export type Props = {
	readonly tone: Tone;
	readonly children: string;
};

// The symbol carries the meaning; colour only repeats it.
const symbols: Record<Tone, string> = {error: '✖', warning: '!', info: '·', success: '✔'};
const colors: Record<Tone, string | undefined> = {error: 'red', warning: 'yellow', info: undefined, success: 'green'};

/** One line of feedback: `✖ The keystring is empty.`, `! …`, `✔ …`. */
export default function Message({tone, children}: Props) {
	return (
		<Text>
			<Text color={colors[tone]} bold={tone !== 'info'}>{symbols[tone]}</Text>
			{' '}
			{children}
		</Text>
	);
}
