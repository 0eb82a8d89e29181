import {useEffect, useState} from 'react';
import {useStdout} from 'ink';

export type TerminalSize = {
	/** Rows of the terminal; Infinity where it does not say (a test's stream, a pipe). */
	readonly rows: number;
	/** Columns of the terminal; Infinity where it does not say. */
	readonly columns: number;
};

function sizeOf(stdout: NodeJS.WriteStream): TerminalSize {
	return {rows: stdout.rows || Number.POSITIVE_INFINITY, columns: stdout.columns || Number.POSITIVE_INFINITY};
}

/** The terminal's size, drawn again when it changes: a screen taller than the terminal makes Ink wipe the screen on every update. */
export function useTerminalSize(): TerminalSize {
	const {stdout} = useStdout();
	const [size, setSize] = useState(() => sizeOf(stdout));
	useEffect(() => {
		const resized = () => {
			setSize(sizeOf(stdout));
		};

		stdout.on('resize', resized);
		return () => {
			stdout.off('resize', resized);
		};
	}, [stdout]);
	return size;
}

/** How many lines `text` takes when Ink wraps it at `width` columns, words kept whole where they fit. */
export function wrappedLines(text: string, width: number): number {
	if (!Number.isFinite(width) || width <= 0) {
		return text.split('\n').length;
	}

	return text.split('\n').reduce((lines, line) => {
		const words = line.split(' ').flatMap(word => {
			const chars = [...word];
			const pieces: string[] = [];
			for (let at = 0; at < chars.length; at += width) {
				pieces.push(chars.slice(at, at + width).join(''));
			}

			return pieces.length > 0 ? pieces : [''];
		});
		return lines + packedLines(words, ' ', width);
	}, 0);
}

/** How many lines items joined by `separator` take when they wrap only between items, as the key hints do. */
export function packedLines(items: readonly string[], separator: string, width: number): number {
	if (items.length === 0) {
		return 0;
	}

	let lines = 1;
	let used = 0;
	for (const [index, item] of items.entries()) {
		const length = [...item].length + (index < items.length - 1 ? separator.length : 0);
		if (used > 0 && used + length > width) {
			lines++;
			used = 0;
		}

		used += length;
	}

	return lines;
}
