import {Component, type ReactNode} from 'react';
import type {FramePosition} from '../components/Frame.js';
import ErrorStep from '../steps/ErrorStep.js';

export type Props = {
	readonly children: ReactNode;
	/** q on the failure screen: ends the wizard (exit code 1), which restores the terminal. */
	readonly onQuit: () => void;
	readonly position?: FramePosition;
};

type State = {readonly crashed?: {readonly name: string}};

/**
 * A step that throws while rendering shows a failure screen instead of Ink's stack trace and exit;
 * q ends the wizard the usual way. Keyed by the step, so the next step renders afresh.
 */
export default class StepBoundary extends Component<Props, State> {
	override state: State = {};

	static getDerivedStateFromError(error: unknown): State {
		return {crashed: {name: error instanceof Error ? error.name : typeof error}};
	}

	override render() {
		const {crashed} = this.state;
		if (!crashed) {
			return this.props.children;
		}

		return (
			<ErrorStep
				error={{message: `Something unexpected went wrong (${crashed.name}).`, remedy: 'Press q to quit, then run the wizard again; if it happens again, report it with the steps that led here.'}}
				{...(this.props.position ? {position: this.props.position} : {})}
				onQuit={this.props.onQuit}
			/>
		);
	}
}
