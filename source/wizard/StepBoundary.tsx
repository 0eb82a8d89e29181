import {Component, type ReactNode} from 'react';
import type {FramePosition} from '../components/Frame.js';
import {isMktError} from '../errors.js';
import ErrorStep from '../steps/ErrorStep.js';
import {terminalText} from '../terminal-text.js';

export type Props = {
	readonly children: ReactNode;
	/** q on the failure screen: ends the wizard with this exit code, which restores the terminal. */
	readonly onQuit: (exitCode: number) => void;
	readonly position?: FramePosition;
};

type Crash = {readonly message: string; readonly remedy: string; readonly exitCode: number};

type State = {readonly crashed?: Crash};

/**
 * An error of ours (a damaged or unreadable store, say) keeps its own cause, remedy and exit code, as the
 * CLI would print them; anything else is a fault, shown by its name only (its message may hold anything).
 */
function crashOf(error: unknown): Crash {
	if (isMktError(error)) {
		return {message: terminalText(error.message), remedy: terminalText(error.remedy), exitCode: error.exitCode};
	}

	return {
		message: `Something unexpected went wrong (${error instanceof Error ? error.name : typeof error}).`,
		remedy: 'Press q to quit, then run the wizard again; if it happens again, report it with the steps that led here.',
		exitCode: 1,
	};
}

/**
 * A step that throws while rendering shows a failure screen instead of Ink's stack trace and exit;
 * q ends the wizard the usual way. Keyed by the step, so the next step renders afresh.
 */
export default class StepBoundary extends Component<Props, State> {
	override state: State = {};

	static getDerivedStateFromError(error: unknown): State {
		return {crashed: crashOf(error)};
	}

	override render() {
		const {crashed} = this.state;
		if (!crashed) {
			return this.props.children;
		}

		return (
			<ErrorStep
				error={{message: crashed.message, remedy: crashed.remedy}}
				{...(this.props.position ? {position: this.props.position} : {})}
				onQuit={() => {
					this.props.onQuit(crashed.exitCode);
				}}
			/>
		);
	}
}
