import {useState} from 'react';
import {Box, Text} from 'ink';
import {maskSecret} from '../store/mask.js';
import {editLine} from './line-edit.js';
import Message from './Message.js';
import {useKeys} from './use-keys.js';
import {terminalText} from '../terminal-text.js';

export type Props = {
	/** What the field holds, as the provider's portal calls it. */
	readonly label: string;
	readonly value: string;
	/** Called with the new value on every edit. */
	readonly onChange: (value: string) => void;
	/**
	 * Called with the value when Enter is pressed, also when Enter arrives inside
	 * a chunk ('abc\r'). `rest` holds what the chunk had after the Enter (usually
	 * ''): keys typed ahead for the next field.
	 */
	readonly onSubmit: (value: string, rest: string) => void;
	/** A secret: typed as `•`, and shown as `••••` plus its last four characters when not being edited. @default false */
	readonly mask?: boolean;
	/** Where a pre-filled value came from, shown beside the label: `from ETSY_API_KEY`. */
	readonly hint?: string;
	/** Why the value cannot be used, shown under the field with ✖; a paste then replaces the value instead of joining it. */
	readonly error?: string;
	/** Something worth checking that does not block, shown under the field with !. */
	readonly warning?: string;
	/** Shown in the empty field. @default '' */
	readonly placeholder?: string;
	/** Whether this field takes the keys; an inactive field only shows its value. @default true */
	readonly isActive?: boolean;
};

/** Where the cursor was left, for the value it was left in; after any other change of the value it is at the end. */
type Cursor = {readonly value: string; readonly offset: number};

/** A labelled one-line input with a cursor; a chunk like 'abc\r' submits 'abc'. */
export default function TextField({
	label,
	value,
	onChange,
	onSubmit,
	mask = false,
	hint,
	error,
	warning,
	placeholder = '',
	isActive = true,
}: Props) {
	const [cursor, setCursor] = useState<Cursor | undefined>(undefined);
	// Coming back to a field puts the cursor at the end of its value.
	const [wasActive, setWasActive] = useState(isActive);
	if (wasActive !== isActive) {
		setWasActive(isActive);
		setCursor(undefined);
	}

	const chars = [...value];
	const offset = cursor?.value === value ? Math.min(cursor.offset, chars.length) : chars.length;
	useKeys(keys => {
		const edit = editLine({value, cursor: offset}, keys, {replaceOnPaste: Boolean(error)});
		if (edit.value !== value || edit.cursor !== offset) {
			setCursor({value: edit.value, offset: edit.cursor});
		}

		if (edit.value !== value) {
			onChange(edit.value);
		}

		if (edit.submitted) {
			onSubmit(edit.value, edit.rest);
		}
	}, {isActive});

	const shown = mask && value.length > 0 ? maskSecret(value) : terminalText(value);
	return (
		<Box flexDirection="column">
			<Text>
				<Text bold>{label}</Text>
				{hint ? <Text dimColor>{`  (${hint})`}</Text> : null}
			</Text>
			<Box>
				<Text>{isActive ? '❯ ' : '  '}</Text>
				{isActive
					? <Editing chars={mask ? chars.map(() => '•') : chars.map(terminalText)} cursor={offset} placeholder={placeholder} />
					: <Text wrap="truncate-end">{shown}</Text>}
			</Box>
			{error ? <Box marginLeft={2}><Message tone="error">{error}</Message></Box> : null}
			{warning && !error ? <Box marginLeft={2}><Message tone="warning">{warning}</Message></Box> : null}
		</Box>
	);
}

/** The value being typed, with the cursor shown as an inverted cell (a space past the end). */
function Editing({chars, cursor, placeholder}: {readonly chars: readonly string[]; readonly cursor: number; readonly placeholder: string}) {
	if (chars.length === 0 && placeholder) {
		const [first = ' ', ...others] = placeholder;
		return (
			<Text>
				<Text inverse>{first}</Text>
				<Text dimColor>{others.join('')}</Text>
			</Text>
		);
	}

	return (
		<Text>
			{chars.slice(0, cursor).join('')}
			<Text inverse>{chars[cursor] ?? ' '}</Text>
			{chars.slice(cursor + 1).join('')}
		</Text>
	);
}
