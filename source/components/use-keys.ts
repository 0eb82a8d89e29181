import {useLayoutEffect, useReducer, useState} from 'react';
import {useStdin} from 'ink';
import {keyRouterOf, type KeySubscriber} from './key-router.js';
import type {KeyHint} from './KeyHints.js';
import {isChar, type KeyEvent} from './keys.js';

export type UseKeysOptions = {
	/** Listen only while true, so only the current step handles a key. @default true */
	readonly isActive?: boolean;
};

/**
 * Like Ink's useInput, but hands over the key presses one by one: a chunk such
 * as ' jj ' arrives as four keys. Keep the state they change in a reducer.
 *
 * Unlike useInput, the handler listens from the commit that draws the component
 * (a layout effect, not a passive one), and each key meets the screen the keys
 * before it produced: see key-router.ts.
 */
export function useKeys(handler: (keys: readonly KeyEvent[]) => void, options: UseKeysOptions = {}): void {
	const isActive = options.isActive ?? true;
	// Both are fixed for an Ink instance.
	const {internal_eventEmitter: events, setRawMode} = useStdin();
	const [, requestCommit] = useReducer((renders: number) => renders + 1, 0);
	const [subscriber] = useState<KeySubscriber>(() => ({handler, requestCommit}));
	const router = keyRouterOf({events, setRawMode});

	// Every commit: the handler of what is now on screen takes the next key.
	useLayoutEffect(() => {
		subscriber.handler = handler;
		router.committed();
	});

	useLayoutEffect(() => {
		if (!isActive) {
			return;
		}

		router.subscribe(subscriber, {events, setRawMode});
		return () => {
			router.unsubscribe(subscriber);
		};
	}, [isActive, router, subscriber, events, setRawMode]);
}

/** A key of a screen, named as its hint shows it: `enter`, `esc`, `ctrl+c` or one character. */
export type KeyAction = KeyHint & {
	readonly run: () => void;
	/** The key does its work and the screen stays: the rest of its chunk is read on. @default false */
	readonly stays?: boolean;
	/** Shown in the footer's hints. @default true */
	readonly hint?: boolean;
};

function pressed(key: KeyEvent, hint: string): boolean {
	if (hint === 'enter') {
		return key.name === 'return';
	}

	if (hint === 'ctrl+c') {
		return key.name === 'char' && key.ctrl && key.char === 'c';
	}

	return hint === 'esc' ? key.name === 'escape' : isChar(key, hint);
}

/**
 * The one way a screen takes its keys: each key of a chunk, in order, runs its action; an action that
 * leaves the screen drops the rest of the chunk (it was meant for what is no longer there). Actions
 * left out (`false`, `undefined`) are not offered. Fields and lists take their own keys (TextField,
 * Select, MultiSelect). Returns the footer's hints, in the order given.
 */
export function useKeyActions(actions: ReadonlyArray<KeyAction | false | undefined>): KeyHint[] {
	const offered = actions.filter((action): action is KeyAction => Boolean(action));
	useKeys(keys => {
		for (const key of keys) {
			const action = offered.find(candidate => pressed(key, candidate.key));
			action?.run();
			if (action && !action.stays) {
				return;
			}
		}
	}, {isActive: offered.length > 0});
	return offered.filter(action => action.hint !== false).map(({key, label}) => ({key, label}));
}
