import fs from './node-fs.js';

/** The file's text, or undefined when it cannot be read (gone, replaced, unreadable): for comparing with what was written. */
export function readOrUndefined(file: string): string | undefined {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch {
		return undefined;
	}
}
