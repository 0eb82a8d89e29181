import {useInput} from 'ink';
import {splitKeys, type KeyEvent} from './keys.js';

export type UseKeysOptions = {
	/** Listen only while true, so only the current step handles a key. @default true */
	readonly isActive?: boolean;
};

/**
 * Like Ink's useInput, but hands over the key presses one by one: a chunk such
 * as ' jj ' arrives as four keys. Keep the state they change in a reducer.
 */
export function useKeys(handler: (keys: readonly KeyEvent[]) => void, options: UseKeysOptions = {}): void {
	useInput((input, key) => {
		const keys = splitKeys(input, key);
		if (keys.length > 0) {
			handler(keys);
		}
	}, {isActive: options.isActive ?? true});
}
