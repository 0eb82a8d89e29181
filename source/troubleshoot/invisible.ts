// Characters that cannot be seen on screen but are part of the string a
// provider compares: spaces pasted with a URL, no-break spaces, zero-width marks.

const names: Readonly<Record<number, string>> = {
	0x09: 'tab',
	0x0A: 'line feed',
	0x0D: 'carriage return',
	0x20: 'space',
	0xA0: 'no-break space',
	0xAD: 'soft hyphen',
	0x200B: 'zero-width space',
	0x200C: 'zero-width non-joiner',
	0x200D: 'zero-width joiner',
	0x200E: 'left-to-right mark',
	0x200F: 'right-to-left mark',
	0x2028: 'line separator',
	0x2029: 'paragraph separator',
	0x202F: 'narrow no-break space',
	0x2060: 'word joiner',
	0x3000: 'ideographic space',
	0xFEFF: 'zero-width no-break space (byte-order mark)',
};

/** `U+00A0` */
export function codePointLabel(character: string): string {
	return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** "a no-break space (U+00A0)" */
export function describeCharacter(character: string): string {
	const name = names[character.codePointAt(0) ?? 0];
	return name ? `a ${name} (${codePointLabel(character)})` : `an invisible character (${codePointLabel(character)})`;
}

/** Whitespace, format characters (zero-width marks, BOM) and control characters. */
export function isInvisible(character: string): boolean {
	return /^[\s\p{Cf}\p{Cc}]$/u.test(character);
}

export type StrayCharacters = {
	/** Invisible characters before the first visible one. */
	readonly leading: string;
	/** Invisible characters after the last visible one. */
	readonly trailing: string;
	/** Invisible characters between visible ones. */
	readonly inner: string;
	/** The value with every invisible character removed. */
	readonly cleaned: string;
};

export function findStrayCharacters(value: string): StrayCharacters {
	const characters = Array.from(value);
	let start = 0;
	while (start < characters.length && isInvisible(characters[start]!)) {
		start++;
	}

	let end = characters.length;
	while (end > start && isInvisible(characters[end - 1]!)) {
		end--;
	}

	const middle = characters.slice(start, end);
	return {
		leading: characters.slice(0, start).join(''),
		trailing: characters.slice(end).join(''),
		inner: middle.filter(character => isInvisible(character)).join(''),
		cleaned: middle.filter(character => !isInvisible(character)).join(''),
	};
}

export function hasStrayCharacters(stray: StrayCharacters): boolean {
	return stray.leading.length + stray.trailing.length + stray.inner.length > 0;
}

/** "a space (U+0020) and a zero-width space (U+200B)": each kind once, in order of appearance. */
export function describeCharacters(characters: string): string {
	const distinct = [...new Set(Array.from(characters))];
	const counted = distinct.map(character => {
		const count = Array.from(characters).filter(other => other === character).length;
		return count === 1 ? describeCharacter(character) : `${count} × ${describeCharacter(character).replace(/^an? /, '')}`;
	});
	return counted.length <= 1 ? (counted[0] ?? '') : `${counted.slice(0, -1).join(', ')} and ${counted.at(-1)!}`;
}

/** "starts with a space (U+0020) and ends with a no-break space (U+00A0)" */
export function describeStray(stray: StrayCharacters): string {
	const parts: string[] = [];
	if (stray.leading) {
		parts.push(`starts with ${describeCharacters(stray.leading)}`);
	}

	if (stray.inner) {
		parts.push(`contains ${describeCharacters(stray.inner)}`);
	}

	if (stray.trailing) {
		parts.push(`ends with ${describeCharacters(stray.trailing)}`);
	}

	return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)!}`;
}

/** The value with each invisible character shown as ⟨U+XXXX⟩ (spaces between visible characters stay as they are). */
export function revealInvisible(value: string): string {
	const characters = Array.from(value);
	const first = characters.findIndex(character => !isInvisible(character));
	const last = characters.length - 1 - [...characters].reverse().findIndex(character => !isInvisible(character));
	return characters.map((character, index) => {
		const inside = first !== -1 && index > first && index < last;
		return isInvisible(character) && !(inside && character === ' ') ? `⟨${codePointLabel(character)}⟩` : character;
	}).join('');
}
