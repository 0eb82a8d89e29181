import {UsageError} from '../errors.js';
import {expandScope, getProvider, offeredScopes, scopesToRequest, shortScopeName, unknownScopes, userOnlyScopes, withdrawnScopes, type Environment, type GrantKind, type ProviderId} from '../providers/index.js';
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
	// A withdrawn scope keeps working for the saved grant, but a new consent cannot ask for it.
	const withdrawn = new Set(withdrawnScopes(provider, [...(saved?.user?.scopes ?? []), ...(saved?.app?.scopes ?? [])]).map(scope => scope.name));
	const granted = (grant === 'app' ? saved?.app?.scopes : saved?.user?.scopes)?.filter(name => !withdrawn.has(name));
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
	};
}

/**
 * --scopes as a usage error (exit 2) when it names a scope the provider does
 * not know, has withdrawn, or cannot put on this grant's token. Saved grants
 * holding a withdrawn scope are never refused: only new requests.
 */
export function checkRequestedScopes(providerId: ProviderId, grant: GrantKind, names: readonly string[] | undefined): void {
	if (!names) {
		return;
	}

	const provider = getProvider(providerId);
	const requested = names.map(name => expandScope(provider, name));
	const unknown = unknownScopes(provider, names);
	if (unknown.length > 0) {
		throw new UsageError(
			`Unknown ${provider.displayName} scope: ${unknown.join(', ')}.`,
			provider.scopeUriBase
				? `See \`mkt-wizard login --help\`; ${provider.displayName} scopes may be given short, like ${shortScopeName(provider, provider.defaultScopes.at(-1)!)}, or as full URIs.`
				: `Known scopes: ${offeredScopes(provider).map(scope => scope.name).join(', ')}.`,
		);
	}

	const withdrawn = withdrawnScopes(provider, requested);
	if (withdrawn.length > 0) {
		const [first] = withdrawn;
		throw new UsageError(
			`${provider.displayName} withdrew the scope${withdrawn.length === 1 ? '' : 's'} ${withdrawn.map(scope => scope.name).join(', ')}${first!.withdrawnOn ? ` on ${first!.withdrawnOn}` : ''}, so a new login cannot ask for ${withdrawn.length === 1 ? 'it' : 'them'}.`,
			`Choose from the current ${provider.displayName} scopes: ${offeredScopes(provider).map(scope => shortScopeName(provider, scope.name)).join(', ')}.`,
		);
	}

	const userOnly = grant === 'app' ? userOnlyScopes(provider, requested) : [];
	if (userOnly.length > 0) {
		const shown = userOnly.map(name => shortScopeName(provider, name)).join(', ');
		throw new UsageError(
			`${shown} ${userOnly.length === 1 ? 'needs' : 'need'} a user's consent: ${provider.displayName} application tokens carry only public scopes (${provider.appScopes.map(name => shortScopeName(provider, name)).join(', ')}).`,
			`Use --grant user for seller scopes: mkt-wizard login ${provider.id} --grant user --scopes ${userOnly.map(name => shortScopeName(provider, name)).join(',')}`,
		);
	}
}

/** Every login flag the provider cannot honour, as a usage error (exit 2): checked before any prompt or request. */
export function checkLoginFlags(flags: {provider: ProviderId; grant: GrantKind | undefined; scopes: readonly string[] | undefined; signInAgain: boolean}): void {
	checkRequestedScopes(flags.provider, flags.grant ?? 'user', flags.scopes);
	const provider = getProvider(flags.provider);
	if (flags.signInAgain && !provider.signInAgainParameters) {
		throw new UsageError(
			`${provider.displayName} has no documented way to ask for a fresh sign-in, so --sign-in-again cannot be honoured.`,
			`Sign out of ${provider.displayName} in the browser first, then run \`mkt-wizard login ${provider.id}\` without --sign-in-again.`,
		);
	}

	if (flags.signInAgain && flags.grant === 'app') {
		throw new UsageError('--sign-in-again is for a user\'s consent; application tokens involve no sign-in.', 'Leave out --sign-in-again, or use --grant user.');
	}
}
