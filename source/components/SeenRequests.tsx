import {Box, Text} from 'ink';
import Message from './Message.js';

export type SeenLine = {
	readonly text: string;
	readonly tone: 'info' | 'warn' | 'error';
};

export type Props = {
	/** What the callback server saw, oldest first. */
	readonly events: readonly SeenLine[];
	/** The first line, e.g. `Waited 0:25; the callback server saw`. */
	readonly lead: string;
	/** Only the last this many are listed. @default 5 */
	readonly limit?: number;
};

const tones = {info: 'info', warn: 'warning', error: 'error'} as const;

/** `<lead> nothing.` or `<lead>:` and the requests, each with its symbol. */
export default function SeenRequests({events, lead, limit = 5}: Props) {
	if (events.length === 0) {
		return <Text>{`${lead} no request at all.`}</Text>;
	}

	const hidden = Math.max(0, events.length - limit);
	return (
		<Box flexDirection="column">
			<Text>{`${lead}:`}</Text>
			<Box flexDirection="column" marginLeft={2}>
				{hidden > 0 ? <Text dimColor>{`… ${hidden} earlier`}</Text> : null}
				{events.slice(hidden).map((event, index) => (
					// biome-ignore lint/suspicious/noArrayIndexKey: the position in the whole log; the same text may well come twice.
					<Message key={hidden + index} tone={tones[event.tone]}>{event.text}</Message>
				))}
			</Box>
		</Box>
	);
}
