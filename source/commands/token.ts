import type {Io} from '../io.js';
import type {Environment, GrantKind, ProviderId} from '../providers/types.js';
import {connectionKey} from '../store/index.js';
import {ensureAccessToken, type AccessTokenDeps} from '../flows/access-token.js';
import {authHeaders} from '../flows/auth-headers.js';
import {configModeWarnings} from '../flows/mode-warnings.js';
import {loginCommand} from '../flows/commands-text.js';
import {getProvider} from '../providers/index.js';
import {printableToken} from '../terminal-text.js';

export type TokenOptions = {
	readonly io: Io;
	readonly deps: AccessTokenDeps;
	readonly provider: ProviderId;
	readonly profile: string;
	readonly environment: Environment | undefined;
	readonly grant: GrantKind | undefined;
	readonly minValidSeconds: number | undefined;
	/** Print the request's header lines (for `curl -H @-`) instead of the bare token. */
	readonly headers?: boolean;
};

/** Prints a valid access token and a newline (or, with --headers, the header lines): the only stdout a token ever reaches. */
export async function runToken(options: TokenOptions): Promise<number> {
	const key = connectionKey({provider: options.provider, profile: options.profile, environment: options.environment});
	for (const warning of configModeWarnings(options.deps.store.path)) {
		options.io.err(warning);
	}

	const token = await ensureAccessToken({
		key,
		...(options.grant ? {grant: options.grant} : {}),
		...(options.minValidSeconds === undefined ? {} : {minValidSeconds: options.minValidSeconds}),
	}, options.deps);
	for (const note of token.notes ?? []) {
		options.io.err(`! ${note}
`);
	}

	const printable = printableToken(token.accessToken, getProvider(options.provider).displayName, loginCommand(key));
	if (options.headers) {
		const headers = authHeaders(key, printable, token.credentials);
		options.io.out(Object.entries(headers).map(([name, value]) => `${name}: ${value}\n`).join(''));
		return 0;
	}

	options.io.out(`${printable}\n`);
	return 0;
}
