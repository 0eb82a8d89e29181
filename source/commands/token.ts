import type {ParsedArgs} from '../args.js';
import type {Environment, GrantKind, ProviderId} from '../providers/types.js';
import {connectionKey} from '../store/index.js';
import {ensureAccessToken} from '../flows/access-token.js';
import {authHeaders} from '../flows/auth-headers.js';
import {configModeWarnings} from '../flows/mode-warnings.js';
import {loginCommand} from '../flows/commands-text.js';
import {getProvider} from '../providers/index.js';
import {printableToken} from '../terminal-text.js';
import type {CommandDeps} from './deps.js';

export type TokenOptions = {
	readonly provider: ProviderId;
	readonly profile: string;
	readonly environment: Environment | undefined;
	readonly grant: GrantKind | undefined;
	readonly minValidSeconds: number | undefined;
	/** Print the request's header lines (for `curl -H @-`) instead of the bare token. */
	readonly headers: boolean;
};

export function tokenOptions(args: ParsedArgs): TokenOptions {
	return {
		provider: args.provider!,
		profile: args.profile,
		environment: args.environment,
		grant: args.grant,
		minValidSeconds: args.minValidSeconds,
		headers: args.headers,
	};
}

/** Prints a valid access token and a newline (or, with --headers, the header lines): the only stdout a token ever reaches. */
export async function runToken(options: TokenOptions, deps: Pick<CommandDeps, 'io' | 'store' | 'http' | 'now' | 'env'>): Promise<number> {
	const {io, store} = deps;
	const key = connectionKey({provider: options.provider, profile: options.profile, environment: options.environment});
	for (const warning of configModeWarnings(store.path, deps.env)) {
		io.err(warning);
	}

	const token = await ensureAccessToken({
		key,
		...(options.grant ? {grant: options.grant} : {}),
		...(options.minValidSeconds === undefined ? {} : {minValidSeconds: options.minValidSeconds}),
	}, {
		store,
		http: deps.http,
		now: deps.now,
		env: deps.env,
		onLockWait: pid => io.err(`… Waiting for mkt-wizard process ${pid}, which holds the config lock but has not touched it for 15 s (stopped or suspended?).\n`),
	});
	for (const note of token.notes ?? []) {
		io.err(`! ${note}\n`);
	}

	const printable = printableToken(token.accessToken, getProvider(options.provider).displayName, loginCommand(key));
	if (options.headers) {
		const headers = authHeaders(key, printable, token.credentials);
		io.out(Object.entries(headers).map(([name, value]) => `${name}: ${value}\n`).join(''));
		return 0;
	}

	io.out(`${printable}\n`);
	return 0;
}
