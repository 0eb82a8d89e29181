import {MktError} from '../errors.js';
import type {HttpClient} from '../oauth/http.js';
import {mintAppToken, refreshAccessToken, type TokenResponse} from '../oauth/token-client.js';
import {getProvider, namesEnvironment, resolveEndpoints, type Endpoints, type GrantKind, type ProviderDefinition} from '../providers/index.js';
import {assessGrant, type SessionState} from '../store/assess.js';
import type {Connection, ConnectionKey, ConnectionStore, GrantRecord, TokenSet} from '../store/types.js';
import {loginCommand, tokenCommand} from './commands-text.js';
import {startRenewal} from './keep-renewal.js';

export type AccessTokenOptions = {
	readonly key: ConnectionKey;
	/** Which token: eBay connections can hold a user token and an application token. Default: user if saved, else app. */
	readonly grant?: GrantKind;
	/** Refresh when fewer seconds than this remain. @default 300 */
	readonly minValidSeconds?: number;
};

export type AccessTokenDeps = {
	readonly store: ConnectionStore;
	/** Created only when a refresh or mint is needed, so a valid token never loads the HTTP client. */
	readonly http: () => Promise<HttpClient>;
	readonly now: () => number;
	readonly env: NodeJS.ProcessEnv;
	/** Told once when another live process on this host holds the config lock. */
	readonly onLockWait?: (holderPid: number) => void;
};

export type AccessToken = {
	readonly accessToken: string;
	readonly expiresAt: number;
	readonly grant: GrantKind;
	/** True when this call refreshed or minted it. */
	readonly renewed: boolean;
	/** Worth telling the user about the provider's answer (e.g. a lifetime replaced by the documented one). */
	readonly notes?: readonly string[];
	/** The saved app credentials of the connection this token was read from: what authHeaders puts in the provider's key header. */
	readonly credentials: Credentials;
};

export type Credentials = Pick<Connection, 'clientId' | 'clientSecret'>;

function credentialsOf(connection: Connection): Credentials {
	return {clientId: connection.clientId, clientSecret: connection.clientSecret};
}

/** The scopes a token answer says were granted, else the ones already known. */
export function grantedScopes(response: Pick<TokenResponse, 'scope'>, asked: readonly string[]): string[] {
	const granted = response.scope?.split(/\s+/).filter(Boolean);
	return granted && granted.length > 0 ? granted : [...asked];
}

/**
 * Turns a token response into what is saved, with absolute expiry times. A new
 * refresh token without a lifetime (Etsy) gets the provider's documented one
 * from now, so a refresh never loses the expiry.
 */
export function toTokenSet(response: TokenResponse, now: number, previous?: TokenSet, refreshLifetimeSeconds?: number): TokenSet {
	const refreshToken = response.refreshToken ?? previous?.refreshToken;
	let refreshExpiresAt: number | undefined;
	if (response.refreshToken) {
		const seconds = response.refreshTokenExpiresIn ?? refreshLifetimeSeconds;
		refreshExpiresAt = seconds === undefined ? undefined : now + (seconds * 1000);
	} else {
		// eBay: a refresh returns no new refresh token and its expiry does not roll forward.
		refreshExpiresAt = previous?.refreshExpiresAt;
	}

	return {
		accessToken: response.accessToken,
		tokenType: response.tokenType,
		expiresAt: now + (response.expiresIn * 1000),
		...(refreshToken === undefined ? {} : {refreshToken}),
		...(refreshExpiresAt === undefined ? {} : {refreshExpiresAt}),
		obtainedAt: now,
	};
}

function pickGrant(connection: Connection, wanted: GrantKind | undefined, key: ConnectionKey): GrantKind {
	if (wanted) {
		return wanted;
	}

	if (connection.user || !connection.app) {
		return 'user';
	}

	// An application token cannot act for a seller: handing it out unasked would fail later, at the API.
	const {displayName} = getProvider(key.provider);
	const where = key.profile === 'default' ? '' : ` for profile "${key.profile}"`;
	throw new MktError(
		'grant_required',
		`Only an ${displayName} ${key.environment} application token is saved${where}, and it cannot act for a seller account.`,
		`Ask for it by name (\`grant: 'app'\`, or \`${tokenCommand(key, 'app')}\`), or log a seller in with \`${loginCommand(key).replace(`login ${key.provider}`, `login ${key.provider} --grant user`)}\`.`,
	);
}

function notLoggedIn(key: ConnectionKey, grant: GrantKind | undefined, store: ConnectionStore): MktError {
	const name = getProvider(key.provider).displayName;
	const where = key.profile === 'default' ? '' : ` for profile "${key.profile}"`;
	const environment = namesEnvironment(key.provider) ? ` ${key.environment}` : '';
	// The commonest slip: the login exists, under another environment or profile.
	const elsewhere = store.list().find(({key: other, connection}) => other.provider === key.provider
		&& (other.environment !== key.environment || other.profile !== key.profile)
		&& Boolean(grant === 'app' ? connection.app : (connection.user ?? connection.app)));
	const remedy = elsewhere
		? `A login is saved for ${describeKey(elsewhere.key)}: run \`${tokenCommand(elsewhere.key, grant)}\`, or \`${loginCommand(key, grant)}\` to add this one.`
		: `Run \`${loginCommand(key, grant)}\` first.`;
	return new MktError('not_logged_in', `No saved ${name}${environment} ${grant === 'app' ? 'application token' : 'login'}${where}.`, remedy);
}

function describeKey(key: ConnectionKey): string {
	const parts = [];
	if (namesEnvironment(key.provider)) {
		parts.push(`the ${key.environment} environment`);
	}

	if (key.profile !== 'default') {
		parts.push(`profile "${key.profile}"`);
	}

	return parts.join(' and ') || 'the default profile';
}

/**
 * A valid access token for a saved connection, refreshed (Etsy, eBay user) or
 * minted (eBay app) when it is about to expire. Renewal happens under the
 * store's lock and re-reads the store first, so parallel callers renew once,
 * and a rotated refresh token is saved before the new access token is handed out.
 */
export async function ensureAccessToken(options: AccessTokenOptions, deps: AccessTokenDeps): Promise<AccessToken> {
	const {key} = options;
	const minValidSeconds = options.minValidSeconds ?? 300;
	const initial = deps.store.get(key);
	if (!initial) {
		throw notLoggedIn(key, options.grant, deps.store);
	}

	const grant = pickGrant(initial, options.grant, key);
	const fresh = usable(initial[grant], deps.now(), minValidSeconds);
	if (fresh) {
		return {accessToken: fresh.accessToken, expiresAt: fresh.expiresAt, grant, renewed: false, credentials: credentialsOf(initial)};
	}

	return deps.store.withLock(async () => renewUnderLock(key, grant, minValidSeconds, deps), {key, ...(deps.onLockWait ? {onWait: deps.onLockWait} : {})});
}

/** Inside withLock: the saved token read again (another process may have renewed it), else renewed and saved. */
async function renewUnderLock(key: ConnectionKey, grant: GrantKind, minValidSeconds: number, deps: AccessTokenDeps): Promise<AccessToken> {
	const connection = deps.store.get(key);
	if (!connection) {
		throw notLoggedIn(key, grant, deps.store);
	}

	const record = connection[grant];
	const state = assessGrant(record, deps.now(), minValidSeconds);
	if (state === 'valid') {
		return {accessToken: record!.token.accessToken, expiresAt: record!.token.expiresAt, grant, renewed: false, credentials: credentialsOf(connection)};
	}

	const provider = getProvider(key.provider);
	const saved: SavedGrant = {key, connection, provider, endpoints: resolveEndpoints(provider, key.environment, deps.env), now: deps.now};
	const http = await deps.http();
	// Each grant's preconditions first, then one renewal: the request, and the grant record its answer makes.
	const {request, recordOf} = grant === 'app' ? appTokenRenewal(saved, record, deps.store) : userTokenRenewal(saved, record, state, deps.store);
	const renewal = startRenewal({store: deps.store, key, grant, http, previous: record, providerName: provider.displayName, now: deps.now});
	const response = await request(renewal.http).catch((error: unknown) => {
		throw renewal.failed(aimedAt(error, key, grant));
	});
	const next = recordOf(response);

	// Saved before it is returned: a rotated refresh token must never exist only in memory.
	const kept = renewal.save(next);
	const notes = kept.length > 0 ? [...(response.notes ?? []), ...kept] : response.notes;
	return {accessToken: next.token.accessToken, expiresAt: next.token.expiresAt, grant, renewed: true, ...(notes ? {notes} : {}), credentials: credentialsOf(connection)};
}

/** What a renewal of a saved grant starts from. */
type SavedGrant = {
	readonly key: ConnectionKey;
	readonly connection: Connection;
	readonly provider: ProviderDefinition;
	readonly endpoints: Endpoints;
	readonly now: () => number;
};

/** One renewal: its token request, and the grant record the answer makes. */
type TokenRenewal = {
	readonly request: (client: HttpClient) => Promise<TokenResponse>;
	readonly recordOf: (response: TokenResponse) => GrantRecord;
};

/** eBay's application token: minted again with the saved client secret, for the scopes it had. */
function appTokenRenewal({key, connection, provider, endpoints, now}: SavedGrant, record: GrantRecord | undefined, store: ConnectionStore): TokenRenewal {
	const scopes = record?.scopes.length ? record.scopes : provider.appScopes;
	const {clientSecret} = connection;
	if (!clientSecret) {
		throw notLoggedIn(key, 'app', store);
	}

	return {
		request: async client => mintAppToken({provider, endpoints, http: client, clientId: connection.clientId, clientSecret, scopes: [...scopes]}),
		recordOf(response) {
			const at = now();
			return {scopes, token: toTokenSet(response, at), verifiedAt: record?.verifiedAt ?? at};
		},
	};
}

/** A user token: refreshed with the saved refresh token, while that one has not expired. */
function userTokenRenewal({key, connection, provider, endpoints, now}: SavedGrant, record: GrantRecord | undefined, state: SessionState, store: ConnectionStore): TokenRenewal {
	if (!record) {
		throw notLoggedIn(key, 'user', store);
	}

	const {refreshToken} = record.token;
	if (state !== 'refresh' || !refreshToken) {
		throw new MktError(
			'login_required',
			`The saved ${provider.displayName} refresh token has expired, so the access token cannot be renewed.`,
			`Run \`${loginCommand(key)}\` to authorise again.`,
		);
	}

	return {
		request: async client => refreshAccessToken({
			provider,
			endpoints,
			http: client,
			clientId: connection.clientId,
			clientSecret: connection.clientSecret,
			refreshToken,
			scopes: record.scopes,
		}),
		recordOf: response => ({...record, scopes: grantedScopes(response, record.scopes), token: toTokenSet(response, now(), record.token, provider.refreshTokenLifetimeSeconds)}),
	};
}

function usable(record: GrantRecord | undefined, now: number, minValidSeconds: number): TokenSet | undefined {
	return assessGrant(record, now, minValidSeconds) === 'valid' ? record!.token : undefined;
}

/**
 * Provider explanations name `mkt-wizard login etsy` and `mkt-wizard token etsy`;
 * for a connection in another profile or environment, the remedy gives the
 * command with the flags that reach it.
 */
function aimedAt(error: unknown, key: ConnectionKey, grant: GrantKind): unknown {
	if (!(error instanceof MktError)) {
		return error;
	}

	const kind = grant === 'app' ? 'app' : undefined;
	const remedy = error.remedy
		.replaceAll(`\`mkt-wizard login ${key.provider}\``, `\`${loginCommand(key, kind)}\``)
		.replaceAll(`\`mkt-wizard token ${key.provider}\``, `\`${tokenCommand(key, kind)}\``);
	if (remedy === error.remedy) {
		return error;
	}

	return new MktError(error.code, error.message, remedy, {
		exitCode: error.exitCode,
		...(error.providerCode === undefined ? {} : {providerCode: error.providerCode}),
		...(error.status === undefined ? {} : {status: error.status}),
		...(error.cause === undefined ? {} : {cause: error.cause}),
	});
}
