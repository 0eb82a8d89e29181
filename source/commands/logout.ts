import {configModeWarnings} from '../flows/mode-warnings.js';
import type {ParsedArgs} from '../args.js';
import {getProvider, namesEnvironment, type Environment, type ProviderId} from '../providers/index.js';
import {connectionKey} from '../store/index.js';
import type {CommandDeps} from './deps.js';

export type LogoutOptions = {
	readonly provider: ProviderId;
	readonly profile: string;
	readonly environment: Environment | undefined;
	/** Forget the credentials too, not just the tokens. */
	readonly all: boolean;
};

export function logoutOptions(args: ParsedArgs): LogoutOptions {
	return {provider: args.provider!, profile: args.profile, environment: args.environment, all: args.all};
}

export async function runLogout(options: LogoutOptions, deps: Pick<CommandDeps, 'io' | 'store' | 'now' | 'env'>): Promise<number> {
	const {io, store} = deps;
	for (const warning of configModeWarnings(store.path, deps.env)) {
		io.err(warning);
	}

	const key = connectionKey(options);
	const name = getProvider(options.provider).displayName;
	const label = `${name}${namesEnvironment(key.provider) ? ` ${key.environment}` : ''}${key.profile === 'default' ? '' : ` (profile ${key.profile})`}`;
	const removed = await store.withLock(async () => {
		const current = store.get(key);
		if (!current) {
			return false;
		}

		if (options.all) {
			return store.remove(key);
		}

		const {user, app, ...credentials} = current;
		store.update(key, () => ({...credentials, updatedAt: deps.now()}));
		return Boolean(user ?? app);
	});

	if (!removed) {
		io.err(`Nothing to forget: no saved ${label} tokens.\n`);
		return 0;
	}

	io.err(options.all
		? `✔ Forgot the ${label} tokens and credentials.\n`
		: `✔ Forgot the ${label} tokens; the credentials are kept for the next login (--all forgets them too).\n`);
	io.err(`  Access is not revoked at ${name}: remove the app from your account settings there to revoke it.\n`);
	return 0;
}
