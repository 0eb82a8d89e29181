import {Box, Text} from 'ink';
import Frame, {type FramePosition} from '../components/Frame.js';
import Message from '../components/Message.js';
import {useKeyActions} from '../components/use-keys.js';
import {terminalLines} from '../terminal-text.js';

/** What an MktError carries for the screen: one sentence of cause, one of remedy. */
export type ShownError = {
	readonly message: string;
	readonly remedy: string;
	/** The provider's own code, e.g. invalid_client. */
	readonly providerCode?: string;
};

export type Props = {
	readonly error: ShownError;
	/** @default 'Something went wrong' */
	readonly title?: string;
	/** More lines: what was (not) seen, what to check. @default [] */
	readonly details?: readonly string[];
	/** r; the hint shows only when given. */
	readonly onRetry?: () => void;
	/** Esc: back to fix the input; the hint shows only when given. */
	readonly onBack?: () => void;
	/** q. */
	readonly onQuit: () => void;
	/** Header: provider and step n of m. @default {} */
	readonly position?: FramePosition;
};

/** `✖ <message>`, `→ <remedy>`, `provider said: invalid_client`; r retries, Esc goes back, q quits. */
export default function ErrorStep({error, title = 'Something went wrong', details = [], onRetry, onBack, onQuit, position}: Props) {
	const hints = useKeyActions([
		onRetry && {key: 'r', label: 'retry', run: onRetry},
		onBack && {key: 'esc', label: 'back', run: onBack},
		{key: 'q', label: 'quit', run: onQuit},
	]);
	return (
		<Frame title={title} position={position} hints={hints}>
			<Message tone="error">{error.message}</Message>
			<Box>
				<Box flexShrink={0} marginRight={1}><Text bold>→</Text></Box>
				<Text>{terminalLines(error.remedy)}</Text>
			</Box>
			{error.providerCode ? <Text dimColor>{`provider said: ${error.providerCode}`}</Text> : null}
			{details.length > 0 && (
				<Box flexDirection="column" marginTop={1}>
					{details.map(line => <Message key={line} tone="info">{line}</Message>)}
				</Box>
			)}
		</Frame>
	);
}
