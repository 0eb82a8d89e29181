import {isChar, type KeyEvent} from './keys.js';
import {clampCursor, moveCursor, scrollOffset} from './list-window.js';

export type MultiSelectItem = {
	readonly value: string;
	readonly label: string;
	/** One line: what choosing it means. */
	readonly description?: string;
	/** Why it cannot be unchecked; a locked item is always selected. */
	readonly locked?: string;
};

export type MultiSelectMessage = {
	readonly type: 'change' | 'submit';
	/** Selected values in the items' order. */
	readonly selected: readonly string[];
};

export type MultiSelectState = {
	readonly cursor: number;
	/** First visible row. */
	readonly offset: number;
	readonly selected: ReadonlySet<string>;
};

export type MultiSelectConfig = {
	readonly items: readonly MultiSelectItem[];
	/** Visible rows. */
	readonly limit: number;
};

function lockedValues(items: readonly MultiSelectItem[]): string[] {
	return items.filter(item => item.locked !== undefined).map(item => item.value);
}

export function initialMultiSelectState(items: readonly MultiSelectItem[], initialSelected: readonly string[]): MultiSelectState {
	const known = new Set(items.map(item => item.value));
	return {
		cursor: 0,
		offset: 0,
		selected: new Set([...initialSelected.filter(value => known.has(value)), ...lockedValues(items)]),
	};
}

function inOrder(items: readonly MultiSelectItem[], selected: ReadonlySet<string>): string[] {
	return items.map(item => item.value).filter(value => selected.has(value));
}

function toggle(state: MultiSelectState, item: MultiSelectItem | undefined): ReadonlySet<string> {
	if (!item || item.locked !== undefined) {
		return state.selected;
	}

	const next = new Set(state.selected);
	if (next.has(item.value)) {
		next.delete(item.value);
	} else {
		next.add(item.value);
	}

	return next;
}

/**
 * Applies key presses one at a time, so a chunk like ' jj ' ends where the same keys typed slowly would;
 * `messages`: what to report, a change of the selection and then Enter's submit.
 */
export function reduceMultiSelect(state: MultiSelectState, keys: readonly KeyEvent[], {items, limit}: MultiSelectConfig): {state: MultiSelectState; messages: MultiSelectMessage[]} {
	const count = items.length;
	let {cursor, selected} = state;
	let submitted = false;
	for (const key of keys) {
		if (key.name === 'up' || isChar(key, 'k')) {
			cursor = moveCursor({cursor, delta: -1, count});
		} else if (key.name === 'down' || isChar(key, 'j')) {
			cursor = moveCursor({cursor, delta: 1, count});
		} else if (key.name === 'pageUp') {
			cursor = clampCursor(cursor - limit, count);
		} else if (key.name === 'pageDown') {
			cursor = clampCursor(cursor + limit, count);
		} else if (key.name === 'home') {
			cursor = 0;
		} else if (key.name === 'end') {
			cursor = Math.max(0, count - 1);
		} else if (isChar(key, ' ')) {
			selected = toggle({...state, selected}, items[cursor]);
		} else if (isChar(key, 'a')) {
			selected = new Set(items.map(item => item.value));
		} else if (isChar(key, 'n')) {
			selected = new Set(lockedValues(items));
		} else if (key.name === 'return') {
			// The keys after Enter belong to whatever screen comes next.
			submitted = true;
			break;
		}
	}

	const messages: MultiSelectMessage[] = [];
	if (selected !== state.selected) {
		messages.push({type: 'change', selected: inOrder(items, selected)});
	}

	if (submitted) {
		messages.push({type: 'submit', selected: inOrder(items, selected)});
	}

	return {state: {cursor, offset: scrollOffset({cursor, offset: state.offset, limit, count}), selected}, messages};
}
