import {formatMode, shellPath, type Check} from './types.js';

export type ConfigDirFacts = {
	readonly dir: string;
	readonly exists: boolean;
	/** Listable and enterable by us. */
	readonly readable: boolean;
	readonly mode?: number;
	/** Modes mean nothing on Windows. */
	readonly platform: NodeJS.Platform;
};

export function configDirCheck(facts: ConfigDirFacts): Check {
	const base = {id: 'config-dir', title: 'Config folder'};
	if (!facts.exists) {
		return {...base, status: 'warn', detail: `${facts.dir} does not exist yet: nothing is saved.`, fix: 'Run `mkt-wizard` to connect a marketplace; the folder is created with mode 0700.'};
	}

	if (!facts.readable) {
		return {...base, status: 'fail', detail: `${facts.dir} exists but this user cannot read it.`, fix: `Give it back to your user: sudo chown -R "$USER" ${shellPath(facts.dir)} && chmod 700 ${shellPath(facts.dir)}`};
	}

	const mode = facts.mode === undefined || facts.platform === 'win32' ? '' : ` (${formatMode(facts.mode)})`;
	if (facts.mode !== undefined && facts.platform !== 'win32' && (facts.mode & 0o077) !== 0) {
		return {...base, status: 'warn', detail: `${facts.dir}${mode}: other users can look inside; it should be 0700.`, fix: `chmod 700 ${shellPath(facts.dir)}`};
	}

	return {...base, status: 'ok', detail: `${facts.dir}${mode}`};
}

export type ConfigFileFacts = {
	readonly path: string;
	readonly platform: NodeJS.Platform;
} & (
	| {readonly state: 'missing'}
	| {readonly state: 'parsed'; readonly connections: number; readonly mode?: number}
	/** The store refused it: corrupt or unreadable (the doctor's read-only store never moves it aside). */
	| {readonly state: 'error'; readonly code: string; readonly message: string; readonly remedy: string}
);

function plural(count: number, word: string): string {
	return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export function configFileCheck(facts: ConfigFileFacts): Check {
	const base = {id: 'config-file', title: 'Config file'};
	switch (facts.state) {
		case 'missing': {
			return {...base, status: 'ok', detail: `${facts.path} not created yet (no saved connections).`};
		}

		case 'error': {
			return {...base, status: 'fail', detail: facts.message, fix: facts.remedy};
		}

		case 'parsed': {
			const windows = facts.platform === 'win32';
			const mode = facts.mode === undefined || windows ? '' : ` (${formatMode(facts.mode)})`;
			const detail = `${facts.path}${mode} · ${plural(facts.connections, 'saved connection')}`;
			if (facts.mode !== undefined && !windows && (facts.mode & 0o077) !== 0) {
				return {...base, status: 'warn', detail: `${detail}: other users can read your tokens; it should be 0600.`, fix: `chmod 600 ${shellPath(facts.path)}`};
			}

			return {...base, status: 'ok', detail};
		}
	}
}
