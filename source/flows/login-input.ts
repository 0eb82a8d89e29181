import {expandScope, getProvider, scopesToRequest, unknownScopes, type Environment, type GrantKind, type ProviderId} from '../providers/index.js';
import type {Connection} from '../store/types.js';

/** Where a pre-filled value came from, so the wizard can say so. */
export type Origin = 'flag' | 'env' | 'saved' | 'default';
export type Prefilled = {readonly value: string; readonly origin: Origin} | undefined;

export type LoginDefaults = {
	readonly provider: ProviderId;
	readonly environment: Environment;
	readonly grant: GrantKind;
	readonly clientId: Prefilled;
	readonly clientSecret: Prefilled;
	readonly redirect: Prefilled;
	/** Chosen scopes (full names); from --scopes, else the granted ones, else the least-privilege preset. */
	readonly scopes: {readonly value: string[]; readonly origin: Origin};
	/** Unknown names in --scopes, for a usage error. */
	readonly unknownScopes: string[];
};

export type LoginFlags = {
	readonly provider: ProviderId;
	readonly environment: Environment | undefined;
	readonly grant: GrantKind | undefined;
	readonly scopes: readonly string[] | undefined;
	readonly redirectUri: string | undefined;
};

function pick(...candidates: Array<[string | undefined, Origin]>): Prefilled {
	for (const [value, origin] of candidates) {
		if (value !== undefined && value.trim() !== '') {
			return {value: value.trim(), origin};
		}
	}

	return undefined;
}

/**
 * Every value of a login from flags, then environment, then the saved
 * connection, then the provider's default: shared by `login --yes` and the
 * wizard's pre-filled fields.
 */
export function loginDefaults(flags: LoginFlags, env: NodeJS.ProcessEnv, saved: Connection | undefined): LoginDefaults {
	const provider = getProvider(flags.provider);
	const environment = flags.environment ?? saved?.environment ?? 'production';
	const grant = flags.grant ?? 'user';
	const {credentials} = provider;
	const redirect = grant === 'app'
		? undefined
		: pick([flags.redirectUri, 'flag'], [env[credentials.redirect.envVar], 'env'], [saved?.redirect, 'saved'], [provider.defaultRedirect, 'default']);

	const requested = flags.scopes?.map(name => expandScope(provider, name));
	const granted = grant === 'app' ? saved?.app?.scopes : saved?.user?.scopes;
	let scopes: LoginDefaults['scopes'];
	if (requested) {
		scopes = {value: requested, origin: 'flag'};
	} else if (granted?.length) {
		scopes = {value: [...granted], origin: 'saved'};
	} else {
		scopes = {value: [...(grant === 'app' ? provider.appScopes : provider.defaultScopes)], origin: 'default'};
	}

	return {
		provider: provider.id,
		environment,
		grant,
		clientId: pick([env[credentials.clientId.envVar], 'env'], [saved?.clientId, 'saved']),
		clientSecret: pick([env[credentials.clientSecret.envVar], 'env'], [saved?.clientSecret, 'saved']),
		redirect,
		scopes: {
			...scopes,
			value: grant === 'app' ? scopes.value : scopesToRequest(provider, scopes.value),
		},
		unknownScopes: requested ? unknownScopes(provider, requested) : [],
	};
}
