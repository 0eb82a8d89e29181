import {randomBytes} from 'node:crypto';
import fs from './node-fs.js';
import path from 'node:path';

/**
 * Space set aside for a save beyond the config's current size: room for new
 * tokens (eBay's user tokens are a few KB). Written, not just sized, so the
 * blocks exist before a provider is asked for anything.
 */
export const saveMargin = 16 * 1024;

export type Reservation = {
	/** The temporary file, beside the target. */
	readonly path: string;
	/**
	 * Puts `text` in the temporary file (overwriting the reserved bytes, then
	 * cutting them to size), fsyncs it, renames it over the target and fsyncs
	 * the folder. Throws the file system's error; the target is then unchanged.
	 */
	commit(text: string): void;
	/** Removes the temporary file; never throws. */
	release(): void;
};

/** `<file>.tmp-<10 digits><6 hex>`: the shape conf used, so older runs' leftovers are still recognised (orphans.ts). */
function temporaryPath(file: string): string {
	const digits = String(randomBytes(5).readUIntBE(0, 5) % 10_000_000_000).padStart(10, '0');
	return `${file}.tmp-${digits}${randomBytes(3).toString('hex')}`;
}

/** Writes all of `data` at the start of the file (writeSync may write less than asked). */
export function writeAll(fd: number, data: Buffer): void {
	for (let offset = 0; offset < data.length;) {
		offset += fs.writeSync(fd, data, offset, data.length - offset, offset);
	}
}

/** fsync of the folder, so the rename itself survives a power cut. Windows cannot open folders: skipped there. */
export function syncFolder(folder: string): void {
	if (process.platform === 'win32') {
		return;
	}

	const fd = fs.openSync(folder, 'r');
	try {
		fs.fsyncSync(fd);
	} finally {
		fs.closeSync(fd);
	}
}

/**
 * Creates a private (0600, exclusive: never through a link) temporary file beside
 * `file` holding `bytes` bytes (`header` first, then blanks), flushed to disk: a later commit of up to that size
 * needs no new space. (Copy-on-write file systems such as btrfs and ZFS may still
 * need space to overwrite; there the reservation only proves the folder is writable.)
 */
export function reserve(file: string, bytes: number, header = ''): Reservation {
	const temporary = temporaryPath(file);
	let fd = fs.openSync(temporary, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL, 0o600);
	const release = (): void => {
		try {
			fs.unlinkSync(temporary);
		} catch {}
	};

	try {
		const start = Buffer.from(header, 'utf8');
		const filled = Buffer.alloc(Math.max(bytes, start.length), 0x20);
		start.copy(filled);
		if (filled.length > 0) {
			writeAll(fd, filled);
			fs.fsyncSync(fd);
		}

	} catch (error) {
		fs.closeSync(fd);
		release();
		throw error;
	}

	fs.closeSync(fd);
	return {
		path: temporary,
		commit(text: string): void {
			const data = Buffer.from(text, 'utf8');
			fd = fs.openSync(temporary, fs.constants.O_WRONLY | (fs.constants.O_NOFOLLOW ?? 0));
			try {
				writeAll(fd, data);
				fs.ftruncateSync(fd, data.length);
				fs.fsyncSync(fd);
			} finally {
				fs.closeSync(fd);
			}

			fs.renameSync(temporary, file);
			syncFolder(path.dirname(file));
		},
		release,
	};
}

/** temp + fsync + rename + fsync of the folder, whatever the environment (conf wrote in place when SNAP was set). */
export function writeFileAtomic(file: string, text: string): void {
	const reservation = reserve(file, 0);
	try {
		reservation.commit(text);
	} catch (error) {
		reservation.release();
		throw error;
	}
}
