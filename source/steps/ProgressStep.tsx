import {Box} from 'ink';
import Frame, {type FramePosition} from '../components/Frame.js';
import StatusLine, {type TaskState} from '../components/StatusLine.js';
import {useKeyActions} from '../components/use-keys.js';

export type ProgressTask = {
	/** While running: `Exchanging the code`. */
	readonly label: string;
	/** Once done: `Token exchanged`. @default label */
	readonly doneLabel?: string;
	/** Once failed: `Token exchange failed`. @default label */
	readonly failedLabel?: string;
	readonly state: TaskState;
	/** Time so far or taken; the caller's clock. */
	readonly ms?: number;
};

export type Props = {
	readonly tasks: readonly ProgressTask[];
	/** @default 'Getting the token' */
	readonly title?: string;
	/** Esc; without it Esc does nothing (an authorization code must not be sent twice). */
	readonly onCancel?: () => void;
	/** Header: provider and step n of m. @default {} */
	readonly position?: FramePosition;
};

/** The token exchange and the verification call: a spinner each, then ✔ or ✖ with the time taken. */
export default function ProgressStep({tasks, title = 'Getting the token', onCancel, position}: Props) {
	const hints = useKeyActions([onCancel && {key: 'esc', label: 'cancel', run: onCancel}]);
	return (
		<Frame title={title} position={position} hints={onCancel ? hints : [{key: 'ctrl+c', label: 'quit'}]}>
			<Box flexDirection="column">
				{tasks.map(task => (
					<StatusLine
						key={task.label}
						state={task.state}
						label={task.label}
						doneLabel={task.doneLabel}
						failedLabel={task.failedLabel}
						elapsedMs={task.ms}
					/>
				))}
			</Box>
		</Frame>
	);
}
