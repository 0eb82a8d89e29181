import type {Dispatch} from 'react';
import type {FramePosition} from '../components/Frame.js';
import type {WizardServices} from './services.js';
import type {WizardStart} from './start.js';
import type {StateOf, StepId, WizardAction} from './state.js';

/** What the host hands each step's screen: the step's own state, and the ways to report. */
export type ScreenProps<S extends StepId> = {
	readonly state: StateOf<S>;
	readonly dispatch: Dispatch<WizardAction>;
	readonly services: WizardServices;
	readonly start: WizardStart;
	/** Header: provider and step n of m. */
	readonly position: FramePosition;
};
