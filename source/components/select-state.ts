import {isChar, type KeyEvent} from './keys.js';
import {moveCursor} from './list-window.js';

export type SelectState = {
	readonly cursor: number;
};

/** Applies key presses one at a time: ↑/↓ or k/j move (wrapping), Enter chooses (`chosen`, the index); the keys after it are left. */
export function reduceSelect(state: SelectState, keys: readonly KeyEvent[], count: number): {state: SelectState; chosen?: number} {
	let {cursor} = state;
	for (const key of keys) {
		if (key.name === 'up' || isChar(key, 'k')) {
			cursor = moveCursor({cursor, delta: -1, count});
		} else if (key.name === 'down' || isChar(key, 'j')) {
			cursor = moveCursor({cursor, delta: 1, count});
		} else if (key.name === 'home') {
			cursor = 0;
		} else if (key.name === 'end') {
			cursor = Math.max(0, count - 1);
		} else if (key.name === 'return' && count > 0) {
			return {state: {cursor}, chosen: cursor};
		}
	}

	return {state: {cursor}};
}
