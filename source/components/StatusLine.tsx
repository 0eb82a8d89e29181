import {Text} from 'ink';
import Spinner from 'ink-spinner';
import {paint} from './palette.js';
import {formatDurationShort} from '../time.js';

export type TaskState = 'pending' | 'running' | 'done' | 'failed';

export type Props = {
	readonly state: TaskState;
	/** What is happening, as a running task: `Exchanging the code`. */
	readonly label: string;
	/** What happened, once done: `Token exchanged`. @default label */
	readonly doneLabel?: string;
	/** What failed: `Token exchange failed`. @default label */
	readonly failedLabel?: string;
	/** Time spent so far (running) or taken (done, failed); the caller's clock. */
	readonly elapsedMs?: number;
};

/**
 * One task's line: `⠋ Exchanging the code… 1.2s`, `✔ Token exchanged in 0.3s`,
 * `✖ Token exchange failed after 2.0s`, or `· Verifying the token` while it waits.
 */
export default function StatusLine({state, label, doneLabel = label, failedLabel = label, elapsedMs}: Props) {
	const time = elapsedMs === undefined ? '' : formatDurationShort(elapsedMs);
	switch (state) {
		case 'running': {
			return (
				<Text>
					<Spinner type="dots" />
					{` ${label}…${time ? ` ${time}` : ''}`}
				</Text>
			);
		}

		case 'done': {
			return (
				<Text>
					<Text color={paint('green')} bold>✔</Text>
					{` ${doneLabel}${time ? ` in ${time}` : ''}`}
				</Text>
			);
		}

		case 'failed': {
			return (
				<Text>
					<Text color={paint('red')} bold>✖</Text>
					{` ${failedLabel}${time ? ` after ${time}` : ''}`}
				</Text>
			);
		}

		case 'pending': {
			return <Text dimColor>{`· ${label}`}</Text>;
		}
	}
}
