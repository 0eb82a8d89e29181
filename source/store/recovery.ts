import {randomBytes} from 'node:crypto';
import fs from './node-fs.js';
import os from 'node:os';
import path from 'node:path';
import {syncFolder, writeAll} from './atomic-write.js';
import {folderNames} from './config-file.js';
import type {ConfigPaths} from './config-location.js';
import type {Slot} from './connection-key.js';
import {isAlive} from './lock.js';
import {configTemporary} from './orphans.js';
import {assertSafePath, judgePath, statPath} from './safe-path.js';
import type {GrantRecord} from './types.js';

/**
 * A renewed grant that could not be saved in config.json (full disk, I/O error,
 * read-only remount after the provider answered): kept beside it, or failing
 * that in a private folder elsewhere, until a later run writes it into the config.
 */
export type RecoveryRecord = {
	readonly mktWizardRecovery: 1;
	/** The config.json it belongs in. */
	readonly configPath: string;
	readonly profile: string;
	readonly slot: Slot;
	readonly grant: 'user' | 'app';
	/** obtainedAt of the grant it replaces: applied only while that grant is still the saved one. */
	readonly replacesObtainedAt: number | undefined;
	readonly record: GrantRecord;
	readonly keptAt: number;
};

const recoveryInConfigDir = /^config\.json\.recovery-\d+-[\da-f]{8}$/;
const recoveryElsewhere = /^recovery-\d+-[\da-f]{8}\.json$/;

/** The private folder for recoveries when the config's own folder cannot be written: a per-user runtime folder. */
export function fallbackDir(env: NodeJS.ProcessEnv): string {
	const runtime = env.XDG_RUNTIME_DIR;
	return runtime && path.isAbsolute(runtime)
		? path.join(runtime, 'mkt-wizard')
		: path.join(os.tmpdir(), `mkt-wizard-${process.geteuid?.() ?? os.userInfo().username}`);
}

function writeNew(file: string, text: string): void {
	const fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL, 0o600);
	try {
		writeAll(fd, Buffer.from(text, 'utf8'));
		fs.fsyncSync(fd);
	} catch (error) {
		fs.closeSync(fd);
		fs.rmSync(file, {force: true});
		throw error;
	}

	fs.closeSync(fd);
	syncFolder(path.dirname(file));
}

/**
 * Writes the record beside the config, else in fallbackDir (created 0700, and
 * used only when it is ours and private). Returns where it was kept, or throws
 * the last error when it could be kept nowhere.
 */
export function keepRecovery(paths: ConfigPaths, env: NodeJS.ProcessEnv, record: RecoveryRecord): string {
	const stamp = `${record.keptAt}-${randomBytes(4).toString('hex')}`;
	const text = `${JSON.stringify(record)}\n`;
	try {
		const beside = `${paths.file}.recovery-${stamp}`;
		writeNew(beside, text);
		return beside;
	} catch (besideError) {
		try {
			const folder = fallbackDir(env);
			fs.mkdirSync(folder, {recursive: true, mode: 0o700});
			assertSafePath(folder, 'config folder');
			const elsewhere = path.join(folder, `recovery-${stamp}.json`);
			writeNew(elsewhere, text);
			return elsewhere;
		} catch {
			throw besideError;
		}
	}
}

function isRecoveryRecord(value: unknown, paths: ConfigPaths): value is RecoveryRecord {
	const candidate = value as Partial<RecoveryRecord> | undefined;
	return typeof candidate === 'object' && candidate !== null && candidate.mktWizardRecovery === 1
		&& candidate.configPath === paths.file && typeof candidate.profile === 'string'
		&& typeof candidate.slot === 'string' && (candidate.grant === 'user' || candidate.grant === 'app')
		&& typeof candidate.record === 'object' && candidate.record !== null;
}

export type PendingRecovery = {readonly path: string; readonly record: RecoveryRecord};

/** Paths of the entries of `folder` whose name matches `pattern`; `names`: the folder's entries (none when it cannot be read). */
function matching(folder: string, pattern: RegExp, names: readonly string[] = folderNames(folder)): string[] {
	return names.filter(name => pattern.test(name)).map(name => path.join(folder, name));
}

/**
 * Recoveries waiting for this config, oldest first. Files that are not ours or not private are ignored.
 * `names`: the config folder's entries when the caller has already read it (the fallback folder is always read here).
 */
export function pendingRecoveries(paths: ConfigPaths, env: NodeJS.ProcessEnv, names: readonly string[] = folderNames(paths.dir)): PendingRecovery[] {
	const candidates = [...matching(paths.dir, recoveryInConfigDir, names), ...matching(fallbackDir(env), recoveryElsewhere)];
	const pending: PendingRecovery[] = [];
	for (const file of candidates) {
		try {
			const stat = statPath(file, 'recovery file');
			if (!stat || judgePath(file, 'recovery file', stat)) {
				continue;
			}

			const value: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
			if (isRecoveryRecord(value, paths)) {
				pending.push({path: file, record: value});
			}
		} catch {}
	}

	return pending.sort((a, b) => a.record.keptAt - b.record.keptAt);
}

/** What a renewal's reserved temporary file starts with, so a run that finds it orphaned can say what was interrupted. */
export type RenewalMark = {
	readonly pid: number;
	readonly startedAt: number;
	readonly profile: string;
	readonly slot: Slot;
};

export function renewalHeader(mark: RenewalMark): string {
	return `${JSON.stringify({mktWizardRenewal: mark})}\n`;
}

/**
 * Renewals whose process died between reserving the save and finishing it (SIGKILL, power cut): their answer, if any, is lost.
 * `names`: the config folder's entries when the caller has already read it.
 */
export function interruptedRenewals(paths: ConfigPaths, names: readonly string[] = folderNames(paths.dir)): RenewalMark[] {
	const marks: RenewalMark[] = [];
	for (const file of matching(paths.dir, configTemporary, names)) {
		try {
			const stat = statPath(file, 'temporary config file');
			if (!stat || judgePath(file, 'temporary config file', stat)) {
				continue;
			}

			const fd = fs.openSync(file, 'r');
			const head = Buffer.alloc(512);
			const length = fs.readSync(fd, head, 0, head.length, 0);
			fs.closeSync(fd);
			const firstLine = head.toString('utf8', 0, length).split('\n')[0]!;
			const mark = (JSON.parse(firstLine) as {mktWizardRenewal?: RenewalMark}).mktWizardRenewal;
			if (mark && typeof mark.pid === 'number' && !isAlive(mark.pid)) {
				marks.push(mark);
			}
		} catch {}
	}

	return marks.sort((a, b) => a.startedAt - b.startedAt);
}
