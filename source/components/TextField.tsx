import {Box, Text} from 'ink';
import TextInput from 'ink-text-input';
import {maskSecret} from '../store/mask.js';
import Message from './Message.js';
import {applyTypedChunk} from './typed-text.js';

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
	/** Why the value cannot be used, shown under the field with ✖. */
	readonly error?: string;
	/** Something worth checking that does not block, shown under the field with !. */
	readonly warning?: string;
	/** Shown in the empty field. @default '' */
	readonly placeholder?: string;
	/** Whether this field takes the keys; an inactive field only shows its value. @default true */
	readonly isActive?: boolean;
};

/** A labelled one-line input on ink-text-input; a chunk like 'abc\r' submits 'abc'. */
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
	const handleChange = (next: string) => {
		const typed = applyTypedChunk(value, next);
		if (typed.value !== value) {
			onChange(typed.value);
		}

		if (typed.submitted) {
			onSubmit(typed.value, typed.rest);
		}
	};

	const shown = mask && value.length > 0 ? maskSecret(value) : value;
	return (
		<Box flexDirection="column">
			<Text>
				<Text bold>{label}</Text>
				{hint ? <Text dimColor>{`  (${hint})`}</Text> : null}
			</Text>
			<Box>
				<Text>{isActive ? '❯ ' : '  '}</Text>
				{isActive
					? (
						<TextInput
							value={value}
							placeholder={placeholder}
							mask={mask ? '•' : undefined}
							onChange={handleChange}
							onSubmit={submitted => {
								onSubmit(submitted, '');
							}}
						/>
					)
					: <Text wrap="truncate-end">{shown}</Text>}
			</Box>
			{error ? <Box marginLeft={2}><Message tone="error">{error}</Message></Box> : null}
			{warning && !error ? <Box marginLeft={2}><Message tone="warning">{warning}</Message></Box> : null}
		</Box>
	);
}
