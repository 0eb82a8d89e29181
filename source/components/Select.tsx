import {useState} from 'react';
import {Box, Text} from 'ink';
import {reduceSelect, type SelectState} from './select-state.js';
import {useKeys} from './use-keys.js';

export type SelectItem<T extends string> = {
	readonly value: T;
	readonly label: string;
	/** One line after the label. */
	readonly description?: string;
};

export type Props<T extends string> = {
	readonly items: ReadonlyArray<SelectItem<T>>;
	/** The item under the cursor at the start. @default the first item */
	readonly initialValue?: T;
	/** Enter: the chosen value. */
	readonly onSubmit: (value: T) => void;
	/** Whether the list takes the keys. @default true */
	readonly isActive?: boolean;
};

/** A single choice: ↑/↓ or k/j move, Enter chooses. */
export default function Select<T extends string>({items, initialValue, onSubmit, isActive = true}: Props<T>) {
	const [state, setState] = useState((): SelectState => ({cursor: Math.max(0, items.findIndex(item => item.value === initialValue))}));
	// Each chunk meets the list as its last keys left it (the key router waits for that commit).
	useKeys(keys => {
		const {state: next, chosen} = reduceSelect(state, keys, items.length);
		setState(next);
		const item = chosen === undefined ? undefined : items[chosen];
		if (item) {
			onSubmit(item.value);
		}
	}, {isActive});

	const labelWidth = Math.max(0, ...items.map(item => item.label.length));
	return (
		<Box flexDirection="column">
			{items.map((item, index) => (
				<Text key={item.value} wrap="truncate-end" bold={index === state.cursor}>
					{`${index === state.cursor ? '❯' : ' '} ${item.label.padEnd(labelWidth)}  `}
					<Text dimColor>{item.description ?? ''}</Text>
				</Text>
			))}
		</Box>
	);
}
