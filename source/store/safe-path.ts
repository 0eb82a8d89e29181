import fs from './node-fs.js';
import {MktError} from '../errors.js';
import {errorCode} from '../guards.js';

/** Larger than any config mkt-wizard writes (a connection is a few KB): a bigger file is refused unread. */
export const maxConfigBytes = 4 * 1024 * 1024;

/** Write permission for group or others. */
const writableByOthers = 0o022;

export type PathRole = 'config folder' | 'config file' | 'config lock' | 'temporary config file' | 'recovery file';

/** Why a path next to the config cannot be trusted with secrets, with what a message needs to name it. */
export type UnsafePath = {
	readonly path: string;
	readonly role: PathRole;
	readonly problem: 'not-ours' | 'writable-by-others' | 'wrong-type' | 'too-large';
	/** `symbolic link`, `FIFO`, `character device`… for wrong-type. */
	readonly type: string;
	readonly uid: number;
	readonly mode: number;
	readonly size: number;
};

/** The effective uid, or undefined where there is none (Windows): ownership is then not checked. */
function effectiveUid(): number | undefined {
	return process.geteuid?.();
}

export function typeOf(stat: fs.Stats): string {
	if (stat.isSymbolicLink()) {
		return 'symbolic link';
	}

	if (stat.isDirectory()) {
		return 'folder';
	}

	if (stat.isFile()) {
		return 'regular file';
	}

	if (stat.isFIFO()) {
		return 'FIFO';
	}

	if (stat.isCharacterDevice()) {
		return 'character device';
	}

	if (stat.isBlockDevice()) {
		return 'block device';
	}

	return stat.isSocket() ? 'socket' : 'special file';
}

/**
 * What is wrong with a path the config uses (`stat` from lstat, or from stat for the
 * folder, whose own path may be a link to a folder of ours), or undefined when it is ours,
 * of the right type and not writable by anyone else.
 */
export function judgePath(target: string, role: PathRole, stat: fs.Stats): UnsafePath | undefined {
	if (role === 'config file' && stat.isDirectory()) {
		// Not a link, nothing to hang on or leak to: the read reports it and a write moves it aside.
		return undefined;
	}

	const facts = {path: target, role, type: typeOf(stat), uid: stat.uid, mode: stat.mode & 0o7777, size: stat.size};
	const wanted = role === 'config folder' ? stat.isDirectory() : stat.isFile();
	if (!wanted) {
		return {...facts, problem: 'wrong-type'};
	}

	const euid = effectiveUid();
	if (euid !== undefined && stat.uid !== euid) {
		return {...facts, problem: 'not-ours'};
	}

	if (euid !== undefined && (stat.mode & writableByOthers) !== 0) {
		return {...facts, problem: 'writable-by-others'};
	}

	if (role === 'config file' && stat.size > maxConfigBytes) {
		return {...facts, problem: 'too-large'};
	}

	return undefined;
}

/** lstat, or stat for the folder; undefined when it cannot be looked at (missing, or a file in the path: what uses it next reports that). */
export function statPath(target: string, role: PathRole): fs.Stats | undefined {
	try {
		return role === 'config folder' ? fs.statSync(target) : fs.lstatSync(target);
	} catch {
		return undefined;
	}
}

let passwd: Map<number, string> | undefined;

/** A user's name from /etc/passwd, for messages; undefined when it has none. */
export function userName(uid: number): string | undefined {
	if (!passwd) {
		passwd = new Map();
		try {
			for (const line of fs.readFileSync('/etc/passwd', 'utf8').split('\n')) {
				const [name, , id] = line.split(':');
				if (name && id !== undefined && !passwd.has(Number(id))) {
					passwd.set(Number(id), name);
				}
			}
		} catch {}
	}

	return passwd.get(uid);
}

function who(uid: number): string {
	const name = userName(uid);
	return name ? `${name} (uid ${uid})` : `uid ${uid}`;
}

export function octal(mode: number): string {
	return `0${(mode & 0o7777).toString(8).padStart(3, '0')}`;
}

/** "owned by …, mode …": the facts OpenSSH's StrictModes messages give. */
function facts(unsafe: UnsafePath): string {
	return `owned by ${who(unsafe.uid)}, mode ${octal(unsafe.mode)}`;
}

/** Completes "The <role> <path> …". */
export function describeUnsafe(unsafe: UnsafePath): string {
	const you = effectiveUid();
	switch (unsafe.problem) {
		case 'not-ours': {
			const yours = you === undefined ? 'your user' : (userName(you) ? `${userName(you)!}, uid ${you}` : `uid ${you}`);
			return `is owned by ${who(unsafe.uid)}, not by you (${yours}); its mode is ${octal(unsafe.mode)}`;
		}

		case 'writable-by-others': {
			return `is writable by other users (${facts(unsafe)})`;
		}

		case 'too-large': {
			return `is ${Math.ceil(unsafe.size / 1024 / 1024)} MB, larger than the ${maxConfigBytes / 1024 / 1024} MB a config file can be`;
		}

		default: {
			return `is a ${unsafe.type}, not a ${unsafe.role === 'config folder' ? 'folder' : 'regular file'} (${facts(unsafe)})`;
		}
	}
}

/** The StrictModes-style fix: what to run, or where else to keep the config. */
export function unsafeRemedy(unsafe: UnsafePath): string {
	const elsewhere = 'or set MKT_WIZARD_CONFIG_DIR to a folder of your own';
	const you = effectiveUid();
	const owner = you === undefined ? 'your user' : (userName(you) ?? String(you));
	switch (unsafe.problem) {
		case 'not-ours': {
			return `If its contents are yours, run \`chown ${owner} ${unsafe.path}\` and \`chmod go-w ${unsafe.path}\`; otherwise remove it, ${elsewhere}.`;
		}

		case 'writable-by-others': {
			return `Run \`chmod go-w ${unsafe.path}\` (check first that nobody else changed what it holds), ${elsewhere}.`;
		}

		case 'too-large': {
			return `Move ${unsafe.path} away and log in again, ${elsewhere}.`;
		}

		default: {
			return `Remove ${unsafe.path} (mkt-wizard never creates one of these), ${elsewhere}.`;
		}
	}
}

export function unsafeError(unsafe: UnsafePath): MktError {
	const verb = unsafe.problem === 'too-large' ? 'Refusing to read' : 'Refusing to use';
	return new MktError('config_unsafe', `${verb} the ${unsafe.role} ${unsafe.path}: it ${describeUnsafe(unsafe)}.`, unsafeRemedy(unsafe));
}

/** Throws config_unsafe when an existing path fails judgePath; a missing path passes. */
export function assertSafePath(target: string, role: PathRole): fs.Stats | undefined {
	const stat = statPath(target, role);
	const unsafe = stat && judgePath(target, role, stat);
	if (unsafe) {
		throw unsafeError(unsafe);
	}

	return stat;
}

const noFollow = fs.constants.O_NOFOLLOW ?? 0;
const nonBlocking = fs.constants.O_NONBLOCK ?? 0;

/**
 * Reads the config file without following a link, without blocking on a FIFO
 * and without reading more than maxConfigBytes; the opened file itself is judged,
 * so a file swapped in after a check is judged too. ENOENT is thrown as is.
 */
export function readConfigText(file: string): string {
	const before = fs.lstatSync(file);
	if (before.isDirectory()) {
		throw Object.assign(new Error('a folder'), {code: 'EISDIR'});
	}

	const unsafeBefore = judgePath(file, 'config file', before);
	if (unsafeBefore) {
		throw unsafeError(unsafeBefore);
	}

	let fd: number;
	try {
		fd = fs.openSync(file, fs.constants.O_RDONLY | noFollow | nonBlocking);
	} catch (error) {
		const code = errorCode(error);
		if (code === 'ELOOP' || code === 'ENXIO') {
			// Replaced by a link or a socket since the lstat: judge what is there now.
			assertSafePath(file, 'config file');
		}

		throw error;
	}

	try {
		const stat = fs.fstatSync(fd);
		const unsafe = judgePath(file, 'config file', stat);
		if (unsafe) {
			throw unsafeError(unsafe);
		}

		const buffer = Buffer.alloc(Math.min(stat.size, maxConfigBytes) + 1);
		let length = 0;
		for (let read = -1; read !== 0 && length < buffer.length;) {
			read = fs.readSync(fd, buffer, length, buffer.length - length, null);
			length += read;
		}

		if (length > maxConfigBytes) {
			throw unsafeError({path: file, role: 'config file', problem: 'too-large', type: 'regular file', uid: stat.uid, mode: stat.mode & 0o7777, size: length});
		}

		return buffer.toString('utf8', 0, length);
	} finally {
		fs.closeSync(fd);
	}
}

