/** The verdict on one typed value: an error blocks Enter, a warning only asks the user to check. */
export type FieldCheck = {
	readonly level: 'error' | 'warning';
	readonly text: string;
};

export function fieldError(text: string): FieldCheck {
	return {level: 'error', text};
}

export function fieldWarning(text: string): FieldCheck {
	return {level: 'warning', text};
}

/** Empty, blank, or holding a space inside: the same checks for every field. */
export function checkPresent(label: string, value: string, whereToFind: string): FieldCheck | undefined {
	const trimmed = value.trim();
	if (trimmed === '') {
		return fieldError(`${label} is empty: copy it from ${whereToFind}.`);
	}

	if (/\s/.test(trimmed)) {
		return fieldError(`${label} contains a space or line break: copy it again as one word.`);
	}

	return undefined;
}
