import {useState} from 'react';
import {Box, Text} from 'ink';
import {
	initialMultiSelectState,
	reduceMultiSelect,
	type MultiSelectItem,
} from './multi-select-state.js';
import {useKeys} from './use-keys.js';

export type {MultiSelectItem} from './multi-select-state.js';

export type Props = {
	readonly items: readonly MultiSelectItem[];
	/** Values checked at the start; locked items are checked whatever this says. @default [] */
	readonly initialSelected?: readonly string[];
	/** Enter: the checked values, in the items' order. */
	readonly onSubmit: (selected: string[]) => void;
	/** Every change of the checked values, in the items' order. */
	readonly onChange?: (selected: string[]) => void;
	/** Rows shown at once; longer lists scroll, with `↑ 3 more` / `↓ 5 more` lines. @default 10 */
	readonly limit?: number;
	/** Whether the list takes the keys. @default true */
	readonly isActive?: boolean;
};

const labelColumnMax = 28;

/**
 * A checklist: ↑/↓ or k/j move, space toggles, a checks all, n checks none
 * (locked items stay checked), Enter submits.
 */
export default function MultiSelect({items, initialSelected = [], onSubmit, onChange, limit = 10, isActive = true}: Props) {
	const [state, setState] = useState(() => initialMultiSelectState(items, initialSelected));
	// Each chunk meets the list as its last keys left it (the key router waits for that commit).
	useKeys(keys => {
		const {state: next, messages} = reduceMultiSelect(state, keys, {items, limit});
		setState(next);
		for (const message of messages) {
			if (message.type === 'submit') {
				onSubmit([...message.selected]);
			} else {
				onChange?.([...message.selected]);
			}
		}
	}, {isActive});

	const scrolls = items.length > limit;
	const visible = items.slice(state.offset, state.offset + limit);
	const labelWidth = Math.min(labelColumnMax, Math.max(0, ...items.map(item => item.label.length + (item.locked ? 2 : 0))));
	const hiddenBelow = items.length - state.offset - visible.length;
	return (
		<Box flexDirection="column">
			{scrolls && <Text dimColor>{state.offset > 0 ? `  ↑ ${state.offset} more` : ' '}</Text>}
			{visible.map((item, index) => {
				const position = state.offset + index;
				const pointer = position === state.cursor ? '❯' : ' ';
				const box = state.selected.has(item.value) ? '◉' : '◯';
				const label = (item.locked ? `${item.label} *` : item.label).padEnd(labelWidth);
				return (
					<Text key={item.value} wrap="truncate-end" bold={position === state.cursor}>
						{`${pointer} ${box} ${label}  `}
						<Text dimColor>{item.description ?? ''}</Text>
					</Text>
				);
			})}
			{scrolls && <Text dimColor>{hiddenBelow > 0 ? `  ↓ ${hiddenBelow} more` : ' '}</Text>}
			<Text dimColor>{`  ${state.selected.size} of ${items.length} selected`}</Text>
			{items.flatMap(item => item.locked === undefined ? [] : [
				<Text key={item.value} wrap="truncate-end">{`  * ${item.label} is always included: ${item.locked}`}</Text>,
			])}
		</Box>
	);
}
