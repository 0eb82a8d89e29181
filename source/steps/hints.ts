import type {KeyHint} from '../components/KeyHints.js';

export const moveHint: KeyHint = {key: '↑↓', label: 'move'};
export const chooseHint: KeyHint = {key: 'enter', label: 'choose'};
export const continueHint: KeyHint = {key: 'enter', label: 'continue'};
export const backHint: KeyHint = {key: 'esc', label: 'back'};
export const quitHint: KeyHint = {key: 'ctrl+c', label: 'quit'};
