import {AsyncLocalStorage} from 'node:async_hooks';
import {randomUUID} from 'node:crypto';
import fs from './node-fs.js';
import os from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {MktError} from '../errors.js';
import {errorCode} from '../guards.js';
import {readOrUndefined} from './read-if-present.js';
import {notWritable} from './store-errors.js';
import type {LockOptions} from './types.js';

/** What a lock file holds. */
export type LockRecord = {
	readonly pid: number;
	readonly hostname: string;
	readonly createdAt: number;
	readonly nonce: string;
};

/** Lock files the current async context holds: nested withLock calls on the same file run at once. */
const held = new AsyncLocalStorage<ReadonlySet<string>>();

/** Nonces of the locks this process holds now: a lock file with our pid and another nonce was left by us (its removal failed). */
const heldNonces = new Set<string>();

/** True when the calling code runs inside withFileLock for this lock file. */
export function holdsLock(lockPath: string): boolean {
	return held.getStore()?.has(path.resolve(lockPath)) ?? false;
}

/**
 * Runs `task` holding a lock file that works across processes: it is created
 * atomically (a private temp file hard-linked into place, EEXIST = taken),
 * touched while held so waiters can tell a live holder from a stale one, and
 * removed afterwards only if it is still ours.
 *
 * A waiter takes the lock over when its holder is a dead process on this host,
 * or, for a holder on another host, when it has not been touched for `staleMs`.
 * A live holder on this host is never taken over, however long since it touched
 * the lock: a stopped (SIGSTOP, Ctrl+Z) or suspended process resumes in the
 * middle of its refresh. The waiter says so through `onWait` and times out naming it.
 */
export async function withFileLock<T>(lockPath: string, task: () => Promise<T>, options: LockOptions = {}): Promise<T> {
	const resolved = path.resolve(lockPath);
	const current = held.getStore();
	if (current?.has(resolved)) {
		return task();
	}

	const staleMs = options.staleMs ?? 15_000;
	const record: LockRecord = {pid: process.pid, hostname: os.hostname(), createdAt: Date.now(), nonce: randomUUID()};
	const content = JSON.stringify(record);
	// Ours from the moment it may be linked into place, so our own other callers never judge it stale.
	heldNonces.add(record.nonce);
	try {
		await acquire(resolved, {content, nonce: record.nonce}, {timeoutMs: options.timeoutMs ?? 30_000, staleMs, ...(options.onWait ? {onWait: options.onWait} : {})});
	} catch (error) {
		heldNonces.delete(record.nonce);
		throw error instanceof MktError ? error : notWritable(resolved, error, 'the config lock');
	}

	const heartbeat = setInterval(() => {
		touchIfOurs(resolved, content);
	}, Math.max(20, Math.floor(staleMs / 3)));
	heartbeat.unref();
	try {
		return await held.run(new Set([...(current ?? []), resolved]), task);
	} finally {
		heldNonces.delete(record.nonce);
		clearInterval(heartbeat);
		if (readOrUndefined(resolved) === content) {
			try {
				fs.unlinkSync(resolved);
			} catch {}
		}
	}
}

async function acquire(lockPath: string, ours: {content: string; nonce: string}, options: {timeoutMs: number; staleMs: number; onWait?: (pid: number) => void}): Promise<void> {
	const {content} = ours;
	const deadline = Date.now() + options.timeoutMs;
	// The pid in the name lets the next holder clear it away even when a kill left it empty.
	const temporary = `${lockPath}.${process.pid}-${ours.nonce}.tmp`;
	fs.writeFileSync(temporary, content, {mode: 0o600, flag: 'wx'});
	let waitedFor: number | undefined;
	try {
		for (;;) {
			if (tryLink(temporary, lockPath, content)) {
				return;
			}

			const seen = inspect(lockPath);
			if (seen && isStale(seen, options.staleMs)) {
				takeOver(lockPath, seen, options.staleMs);
				continue;
			}

			// Not stale, so a holder on this host is a live process (isStale just probed it).
			const holder = seen && localHolder(seen);
			// A holder at work touches the lock; one that has not for staleMs is stopped or suspended: worth saying why we wait.
			if (holder !== undefined && holder !== waitedFor && Date.now() - seen!.touchedAt > options.staleMs) {
				waitedFor = holder;
				options.onWait?.(holder);
			}

			if (Date.now() >= deadline) {
				throw lockTimeout(lockPath, options.timeoutMs, holder ?? waitedFor);
			}

			await sleep(10 + Math.floor(Math.random() * 40));
		}
	} finally {
		try {
			fs.unlinkSync(temporary);
		} catch {}
	}
}

/** True when the lock is now ours. */
function tryLink(temporary: string, lockPath: string, content: string): boolean {
	try {
		fs.linkSync(temporary, lockPath);
		return true;
	} catch (error) {
		const code = errorCode(error);
		if (code === 'EEXIST') {
			return false;
		}

		if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS' || code === 'EOPNOTSUPP') {
			// No hard links on this file system: exclusive create is atomic too, only the content lands a moment later.
			return createExclusive(lockPath, content);
		}

		throw error;
	}
}

function createExclusive(lockPath: string, content: string): boolean {
	try {
		fs.writeFileSync(lockPath, content, {mode: 0o600, flag: 'wx'});
		return true;
	} catch (error) {
		if (errorCode(error) === 'EEXIST') {
			return false;
		}

		throw error;
	}
}

type SeenLock = {
	readonly content: string;
	readonly record: LockRecord | undefined;
	/** Last touched (epoch ms). */
	readonly touchedAt: number;
};

function inspect(file: string): SeenLock | undefined {
	try {
		const content = fs.readFileSync(file, 'utf8');
		const touchedAt = fs.statSync(file).mtimeMs;
		return {content, record: parseRecord(content), touchedAt};
	} catch {
		// Gone meanwhile: the next attempt will tell.
		return undefined;
	}
}

function parseRecord(content: string): LockRecord | undefined {
	try {
		const value = JSON.parse(content) as Partial<LockRecord>;
		return typeof value.pid === 'number' && typeof value.hostname === 'string' && typeof value.nonce === 'string'
			? value as LockRecord
			: undefined;
	} catch {
		return undefined;
	}
}

function isStale(seen: SeenLock, staleMs: number): boolean {
	const {record} = seen;
	if (record && record.hostname === os.hostname()) {
		return record.pid === process.pid ? !heldNonces.has(record.nonce) : !isAlive(record.pid);
	}

	return Date.now() - seen.touchedAt > staleMs;
}

/** The pid of the lock's holder when it is on this host; for a lock isStale judged not stale, that process is alive. */
function localHolder(seen: SeenLock): number | undefined {
	const {record} = seen;
	return record && record.hostname === os.hostname() ? record.pid : undefined;
}

/** True when a process with this pid exists on this host (someone else's included). */
export function isAlive(pid: number): boolean {
	if (!Number.isInteger(pid) || pid <= 0) {
		return false;
	}

	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: it exists, it is someone else's.
		return errorCode(error) !== 'ESRCH';
	}
}

/**
 * Moves the stale lock out of the way under a unique name, then checks that
 * what was moved is the lock judged stale (same content, still stale). If it
 * is not — another waiter replaced it with a fresh lock meanwhile — it goes back.
 */
function takeOver(lockPath: string, seen: SeenLock, staleMs: number): void {
	const aside = `${lockPath}.stale-${randomUUID()}`;
	try {
		fs.renameSync(lockPath, aside);
	} catch {
		return;
	}

	const moved = inspect(aside);
	if (moved && moved.content === seen.content && isStale(moved, staleMs)) {
		try {
			fs.unlinkSync(aside);
		} catch {}

		return;
	}

	try {
		fs.linkSync(aside, lockPath);
	} catch {}

	try {
		fs.unlinkSync(aside);
	} catch {}
}

/**
 * True for a lock's temporary or set-aside file (`<lock>.<nonce>.tmp`,
 * `<lock>.stale-<id>`) whose process, on this host, is dead: what a process
 * killed while taking the lock leaves behind. Anything else is left alone.
 */
export function isOrphanedLockFile(file: string): boolean {
	const seen = inspect(file);
	const record = seen?.record;
	if (record) {
		return record.hostname === os.hostname() && !isAlive(record.pid);
	}

	// Killed while writing its temporary file: empty or cut short, but named after its process.
	const pid = /\.(\d+)-[\da-f-]{36}\.tmp$/.exec(file)?.[1];
	return seen !== undefined && pid !== undefined && !isAlive(Number(pid));
}

function touchIfOurs(lockPath: string, content: string): void {
	if (readOrUndefined(lockPath) !== content) {
		return;
	}

	try {
		const now = new Date();
		fs.utimesSync(lockPath, now, now);
	} catch {}
}

function lockTimeout(lockPath: string, timeoutMs: number, holder: number | undefined): MktError {
	const seconds = Math.round(timeoutMs / 100) / 10;
	return holder === undefined
		? new MktError(
			'lock_timeout',
			`Another mkt-wizard process held the config lock ${lockPath} for more than ${seconds} s.`,
			`If no other mkt-wizard is running, delete ${lockPath} and try again.`,
		)
		: new MktError(
			'lock_timeout',
			`Waited ${seconds} s for mkt-wizard process ${holder}, which holds the config lock ${lockPath} and is still running.`,
			`If process ${holder} is stopped (Ctrl+Z), resume it (\`fg\`, or \`kill -CONT ${holder}\`) or end it; if it is not mkt-wizard, delete ${lockPath}; then try again.`,
		);
}
