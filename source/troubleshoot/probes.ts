// The doctor's look at the machine: each probe gathers facts for one pure
// check builder in ./checks. Nothing here prints; nothing here writes to disk.
import fs from 'node:fs';
import path from 'node:path';
import {isMktError} from '../errors.js';
import {errorCode} from '../guards.js';
import {NetworkError, type HttpClient} from '../oauth/http.js';
import {listenAddressesOf, parseLoopbackRedirect} from '../oauth/loopback.js';
import {checkFileModes, configNotices, configPaths, damagedConnection, openStore, unsafeConfigPaths} from '../store/index.js';
import type {ConnectionStore, StoredConnection} from '../store/types.js';
import {configDirCheck, configFileCheck, type ConfigFileFacts} from './checks/config.js';
import {localhostCheck} from './checks/localhost.js';
import {portCheck, type PortFacts} from './checks/ports.js';
import {reachabilityCheck, type ReachFacts} from './checks/reachability.js';
import type {Check} from './checks/types.js';
import {checkPortBindable, resolveLocalhost, type LookupAll} from './loopback.js';

export type ConfigProbe = {
	readonly checks: Check[];
	/** What the store holds; empty when it could not be read. */
	readonly connections: StoredConnection[];
};

function dirFacts(dir: string): {exists: boolean; readable: boolean; mode?: number} {
	let mode: number;
	try {
		mode = fs.statSync(dir).mode & 0o777;
	} catch {
		return {exists: false, readable: false};
	}

	try {
		fs.accessSync(dir, fs.constants.R_OK | fs.constants.X_OK);
		return {exists: true, readable: true, mode};
	} catch {
		return {exists: true, readable: false, mode};
	}
}

/**
 * Config folder and file. Modes are read before the store reads the file:
 * a corrupt file is moved aside by that read, and the check says so.
 */
export function probeConfig(options: {dir: string; store?: ConnectionStore; env: NodeJS.ProcessEnv; platform: NodeJS.Platform; now: () => number}): ConfigProbe {
	const {dir, platform} = options;
	const folder = dirFacts(dir);
	const checks: Check[] = [configDirCheck({dir, platform, ...folder})];
	const file = options.store?.path ?? configPaths(dir).file;
	// Owner, type and write access first: a config another user owns, or a FIFO or link in its place, is not read at all.
	const unsafe = unsafeConfigPaths(configPaths(path.dirname(file)));
	if (unsafe.length > 0) {
		checks.push(...unsafe.map((error): Check => ({id: 'config-unsafe', title: 'Config ownership', status: 'fail', detail: error.message, fix: error.remedy})));
		return {checks, connections: []};
	}

	const modes = checkFileModes(file);
	const notices: Check[] = configNotices(file, options.env).map(notice => ({id: 'config-notice', title: 'Config file', status: 'warn', detail: notice}));
	if (!fs.existsSync(file)) {
		checks.push(configFileCheck({path: file, platform, state: 'missing'}), ...notices);
		return {checks, connections: []};
	}

	let facts: ConfigFileFacts;
	let connections: StoredConnection[] = [];
	try {
		// Read only: the doctor never moves or rewrites the file.
		const store = options.store ?? openStore({configDir: dir, env: options.env, now: options.now, readOnly: true});
		connections = store.list();
		for (const damaged of store.damaged?.() ?? []) {
			const error = damagedConnection(file, damaged);
			notices.unshift({id: 'config-damaged', title: 'Saved connection', status: 'fail', detail: error.message, fix: error.remedy});
		}

		facts = {path: file, platform, state: 'parsed', connections: connections.length, ...(modes.fileMode === undefined ? {} : {mode: modes.fileMode})};
	} catch (error) {
		if (!isMktError(error)) {
			throw error;
		}

		facts = {path: file, platform, state: 'error', code: error.code, message: error.message, remedy: error.remedy};
	}

	checks.push(configFileCheck(facts), ...notices);
	return {checks, connections};
}

export async function probeLocalhost(lookup?: LookupAll): Promise<Check> {
	try {
		return localhostCheck({addresses: await resolveLocalhost(lookup)});
	} catch (error) {
		return localhostCheck({error: errorCode(error) ?? 'lookup failed'});
	}
}

/** A redirect URI to test, and who uses it. */
export type RedirectUse = {readonly redirectUri: string; readonly usedBy: string};

/** One check per port: can the callback server listen there right now? */
export async function probePorts(uses: readonly RedirectUse[]): Promise<Check[]> {
	const byPort = new Map<string, {redirectUris: string[]; usedBy: string[]; hostnames: Set<string>; port: number}>();
	const checks: Check[] = [];
	for (const use of uses) {
		let parsed: ReturnType<typeof parseLoopbackRedirect>;
		try {
			parsed = parseLoopbackRedirect(use.redirectUri);
		} catch (error) {
			if (!isMktError(error)) {
				throw error;
			}

			checks.push(portCheck({redirectUri: use.redirectUri, usedBy: [use.usedBy], error: {message: error.message, remedy: error.remedy}}));
			continue;
		}

		const group = byPort.get(String(parsed.port)) ?? {redirectUris: [], usedBy: [], hostnames: new Set<string>(), port: parsed.port};
		if (!group.redirectUris.includes(use.redirectUri)) {
			group.redirectUris.push(use.redirectUri);
		}

		group.usedBy.push(use.usedBy);
		group.hostnames.add(parsed.hostname);
		byPort.set(String(parsed.port), group);
	}

	for (const group of byPort.values()) {
		// `localhost` may reach 127.0.0.1 or ::1: both must be free.
		const addresses = [...new Set([...group.hostnames].flatMap(hostname => listenAddressesOf(hostname)))];
		const results: Array<{address: string; result: Awaited<ReturnType<typeof checkPortBindable>>}> = [];
		for (const address of addresses) {
			results.push({address, result: await checkPortBindable(group.port, address)});
		}

		const hostname = group.hostnames.size === 1 ? [...group.hostnames][0]! : 'localhost';
		const facts: PortFacts = {redirectUri: group.redirectUris.join(', '), usedBy: group.usedBy, hostname, port: group.port, results};
		checks.push(portCheck(facts));
	}

	return checks;
}

export type ReachTarget = Omit<ReachFacts, 'outcome'>;

export async function probeReachability(targets: readonly ReachTarget[], options: {offline: boolean; http: HttpClient; timeoutMs: number}): Promise<Check[]> {
	return Promise.all(targets.map(async (target): Promise<Check> => {
		if (options.offline) {
			return reachabilityCheck({...target, outcome: {kind: 'skipped'}});
		}

		try {
			const response = await options.http.get(target.url);
			return reachabilityCheck({...target, outcome: {kind: 'answered', status: response.status}});
		} catch (error) {
			const host = (() => {
				try {
					return new URL(target.url).host;
				} catch {
					return target.url;
				}
			})();
			const outcome = error instanceof NetworkError
				? {kind: 'failed' as const, error: error.kind, host: error.host, ...(error.code ? {code: error.code} : {}), timeoutMs: error.timeoutMs ?? options.timeoutMs}
				: {kind: 'failed' as const, error: 'other' as const, host};
			return reachabilityCheck({...target, outcome});
		}
	}));
}

/** Whether `command` is an executable file, by path or on PATH. */
export function commandOnPath(command: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): boolean {
	const executable = (file: string): boolean => {
		try {
			fs.accessSync(file, platform === 'win32' ? fs.constants.F_OK : fs.constants.X_OK);
			return fs.statSync(file).isFile();
		} catch {
			return false;
		}
	};

	if (command.includes('/') || (platform === 'win32' && command.includes('\\'))) {
		return executable(command);
	}

	const extensions = platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
	return (env.PATH ?? '').split(path.delimiter).filter(Boolean).some(directory =>
		extensions.some(extension => executable(path.join(directory, command + extension))) || executable(path.join(directory, command)));
}
