import fs from 'node:fs';
import {emptyConfig, parseConfig, type ConfigData, type ProfileData} from './config-shape.js';
import {corrupt, errorCode, newerVersion, unreadable} from './store-errors.js';

/** Null-prototype copies, so a profile named `__proto__` is an ordinary key. */
function withoutPrototypes(data: ConfigData): ConfigData {
	const profiles: Record<string, ProfileData> = Object.create(null) as Record<string, ProfileData>;
	for (const [name, profile] of Object.entries(data.profiles)) {
		profiles[name] = Object.assign(Object.create(null) as ProfileData, profile);
	}

	return {...data, profiles};
}

/**
 * Reads config.json afresh (another process may have written it since).
 * Missing means empty. A file that is unreadable or not ours to understand is
 * never reset: it is moved aside to `config.json.corrupt-<time>` where possible,
 * and the MktError names both paths.
 */
export function readConfigFile(file: string, now: number): ConfigData {
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch (error) {
		const code = errorCode(error);
		if (code === 'ENOENT') {
			return withoutPrototypes(emptyConfig());
		}

		if (code === 'EISDIR') {
			throw corrupt(file, 'is a folder, not a file', moveAside(file, now));
		}

		// Permission problems: keep the file out of the way so a new login can start.
		// Anything else (EIO, EMFILE, ENOTDIR…) may pass or needs a human: only report.
		const moved = code === 'EACCES' || code === 'EPERM' ? moveAside(file, now) : undefined;
		throw unreadable(file, error, moved);
	}

	const parsed = parseConfig(text);
	if (parsed.ok) {
		return withoutPrototypes(parsed.data);
	}

	if (parsed.newerVersion !== undefined) {
		throw newerVersion(file, parsed.newerVersion);
	}

	throw corrupt(file, parsed.problem, moveAside(file, now, text));
}

/**
 * Renames `file` to a free `<file>.corrupt-<ISO time, ':' as '-'>` name.
 * When `expected` is given and the renamed file turns out to hold something
 * else (another process replaced it meanwhile), it is put back.
 * Returns the new path, or undefined when the file could not be moved.
 */
function moveAside(file: string, now: number, expected?: string): string | undefined {
	const stamp = new Date(now).toISOString().replaceAll(':', '-');
	for (let attempt = 1; attempt <= 100; attempt++) {
		const target = `${file}.corrupt-${stamp}${attempt === 1 ? '' : `-${attempt}`}`;
		if (fs.existsSync(target)) {
			continue;
		}

		try {
			fs.renameSync(file, target);
		} catch {
			return undefined;
		}

		if (expected !== undefined && readOrUndefined(target) !== expected) {
			putBack(target, file);
			return undefined;
		}

		return target;
	}

	return undefined;
}

function readOrUndefined(file: string): string | undefined {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch {
		return undefined;
	}
}

function putBack(moved: string, file: string): void {
	try {
		fs.linkSync(moved, file);
		fs.unlinkSync(moved);
	} catch {}
}
