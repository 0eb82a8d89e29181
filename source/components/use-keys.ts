import {useLayoutEffect, useReducer, useState} from 'react';
import {useStdin} from 'ink';
import {keyRouterOf, type InkStdin, type KeySubscriber} from './key-router.js';
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
	const context = useStdin();
	const stdin: InkStdin = {
		events: context.internal_eventEmitter,
		setRawMode: context.setRawMode,
	};
	const [, requestCommit] = useReducer((renders: number) => renders + 1, 0);
	const [subscriber] = useState<KeySubscriber>(() => ({handler, requestCommit}));
	const router = keyRouterOf(stdin);

	// Every commit: the handler of what is now on screen takes the next key.
	useLayoutEffect(() => {
		subscriber.handler = handler;
		router.committed();
	});

	// biome-ignore lint/correctness/useExhaustiveDependencies: the stdin context is fixed for an Ink instance; `router` follows it.
	useLayoutEffect(() => {
		if (!isActive) {
			return;
		}

		router.subscribe(subscriber, stdin);
		return () => {
			router.unsubscribe(subscriber);
		};
	}, [isActive, router]);
}

/** Esc anywhere in a chunk of keys calls `onEscape`, once; every other key is left to the fields. */
export function useEscape(onEscape: () => void, options: UseKeysOptions = {}): void {
	useKeys(keys => {
		if (keys.some(key => key.name === 'escape')) {
			onEscape();
		}
	}, options);
}

/** A key that leaves the screen, named as its hint shows it: `enter`, `esc` or one character. */
export type KeyAction = KeyHint & {readonly run: () => void};

function pressed(key: KeyEvent, hint: string): boolean {
	if (hint === 'enter') {
		return key.name === 'return';
	}

	return hint === 'esc' ? key.name === 'escape' : isChar(key, hint);
}

/**
 * Keys that each leave the screen: the first key of a chunk that has an action runs it and
 * the rest of the chunk is dropped. Actions left out (`false`, `undefined`) are not offered;
 * returns the footer's hints, in the order given.
 */
export function useKeyActions(actions: ReadonlyArray<KeyAction | false | undefined>): KeyHint[] {
	const offered = actions.filter((action): action is KeyAction => Boolean(action));
	useKeys(keys => {
		for (const key of keys) {
			const action = offered.find(candidate => pressed(key, candidate.key));
			if (action) {
				action.run();
				return;
			}
		}
	});
	return offered.map(({key, label}) => ({key, label}));
}
