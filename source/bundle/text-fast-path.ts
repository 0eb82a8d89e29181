// Fast paths patched into string-width, @alcalzone/ansi-tokenize and slice-ansi at
// bundle time (test/tools/patches.js). Ink measures and tokenizes every string it
// draws; those packages split each one into graphemes with Intl.Segmenter and test
// clusters against a /^\p{RGI_Emoji}$/v regex, which costs ~10 ms to create the first
// segmenter and ~20 ms to compile the regex on the first non-ASCII character.
//
// "Plain" text is made only of characters that always form a grapheme of their own
// and have no emoji presentation: for it, every character is one grapheme and its
// width is its East Asian Width, exactly what the original functions compute
// (test/bundle/patches.test.ts checks this on every BMP code point and random text).
import {eastAsianWidth} from 'get-east-asian-width';

// Not plain: no Grapheme_Base (controls, format, marks, unassigned, surrogates),
// spacing marks (join the previous character), default-ignorables (zero width),
// emoji presentation, the Malayalam prepend letter U+0D4E, the Thai and Lao
// SARA AM (U+0E33, U+0EB3: Grapheme_Cluster_Break=SpacingMark though not Mc),
// Hangul jamo (combine into syllables), and anything outside the BMP.
const notPlainSource = String.raw`[\p{Mc}\p{Default_Ignorable_Code_Point}\p{Emoji_Presentation}\u0D4E\u0E33\u0EB3\u1100-\u11FF\uA960-\uA97F\uD7B0-\uD7FF\u{10000}-\u{10FFFF}`;
// string-width 7 (wrap-ansi's) counts text-style emoji (©, ✔…) as 2 columns.
const notPlainPictographic = String.raw`\p{Extended_Pictographic}`;

type Tester = {test(text: string): boolean};

/** A RegExp compiled on its first test. */
export function lazyRegExp(source: string, flags: string): Tester {
	let regExp: RegExp | undefined;
	return {
		test(text) {
			regExp ??= new RegExp(source, flags);
			return regExp.test(text);
		},
	};
}

/** An Intl.Segmenter created on first use (the first one costs ~10 ms). */
export function lazySegmenter(locales?: string | string[], options?: Intl.SegmenterOptions): {segment(text: string): Intl.Segments} {
	let segmenter: Intl.Segmenter | undefined;
	return {
		segment(text) {
			segmenter ??= new Intl.Segmenter(locales, options);
			return segmenter.segment(text);
		},
	};
}

const notPlain = lazyRegExp(String.raw`[^\p{Grapheme_Base}]|${notPlainSource}]`, 'u');
const notPlainOrPictographic = lazyRegExp(String.raw`[^\p{Grapheme_Base}]|${notPlainSource}${notPlainPictographic}]`, 'u');
// Controls are graphemes of their own too, except CR before LF.
const notPlainOrControl = lazyRegExp(String.raw`[^\p{Grapheme_Base}\0-\x0C\x0E-\x1F\x7F-\x9F]|${notPlainSource}]`, 'u');

function sumOfWidths(text: string, ambiguousAsWide: boolean): number {
	const options = {ambiguousAsWide};
	let width = 0;
	for (let index = 0; index < text.length; index++) {
		width += eastAsianWidth(text.charCodeAt(index), options);
	}

	return width;
}

/** string-width 8's result for plain text, or undefined when the text is not plain. */
export function plainTextWidth(text: string, ambiguousAsWide: boolean): number | undefined {
	return notPlain.test(text) ? undefined : sumOfWidths(text, ambiguousAsWide);
}

/** string-width 7's result for plain text without pictographs, or undefined. */
export function plainTextWidthNoPictographs(text: string, ambiguousAsWide: boolean): number | undefined {
	return notPlainOrPictographic.test(text) ? undefined : sumOfWidths(text, ambiguousAsWide);
}

/**
 * What Intl.Segmenter's segment() yields for plain text with ANSI codes (controls
 * allowed, CR not): one grapheme per character. Undefined for any other text.
 */
export function plainGraphemes(text: string): Array<{segment: string; index: number}> | undefined {
	if (notPlainOrControl.test(text)) {
		return undefined;
	}

	const graphemes: Array<{segment: string; index: number}> = [];
	for (let index = 0; index < text.length; index++) {
		graphemes.push({segment: text[index]!, index});
	}

	return graphemes;
}
