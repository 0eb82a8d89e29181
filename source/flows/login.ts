import type {CallbackEvent, CallbackServer} from '../oauth/callback-server.js';
import {startCallbackServer} from '../oauth/callback-server.js';
import {serveConsentLinks} from '../oauth/consent-link.js';
import {buildAuthorizeUrl} from '../oauth/authorize-url.js';
import type {HttpClient} from '../oauth/http.js';
import {parseRedirectedUrl} from '../oauth/paste.js';
import {explainConsentError} from '../oauth/provider-errors.js';
import {createPkcePair} from '../oauth/pkce.js';
import {createState} from '../oauth/state.js';
import {exchangeCode, mintAppToken} from '../oauth/token-client.js';
import {verifyAppKey, verifyAppToken, verifyUser} from '../oauth/verify.js';
import {getProvider, resolveEndpoints} from '../providers/index.js';
import type {Connection, ConnectionKey, ConnectionStore, GrantRecord, Identity} from '../store/types.js';
import {grantedScopes, toTokenSet} from './access-token.js';

/** What a login needs, whoever gathered it: flags and environment, or the wizard. */
export type LoginInput = {
	readonly key: ConnectionKey;
	readonly clientId: string;
	readonly clientSecret: string;
	/** Etsy: the loopback callback URL. eBay: the RuName. Unused for eBay application tokens. */
	readonly redirect: string;
	/** Full scope names, verification scopes included. */
	readonly scopes: readonly string[];
	/** Make the provider ask for a fresh sign-in (eBay prompt=login), for a browser signed in to the wrong account. */
	readonly signInAgain?: boolean;
};

export type LoginDeps = {
	readonly store: ConnectionStore;
	readonly http: HttpClient;
	readonly now: () => number;
	readonly env: NodeJS.ProcessEnv;
};

export type LoginStep = 'exchange' | 'verify' | 'save';
export type StepListener = (step: LoginStep, phase: 'start' | 'done') => void;

export type Consent = {
	readonly url: string;
	/** The loopback server, when the redirect is a loopback URL we listen on. */
	readonly server: CallbackServer | undefined;
	readonly codeVerifier: string | undefined;
	/** Checks a redirected URL pasted by hand against this consent's state. */
	readonly acceptPasted: (text: string) => {code: string};
	/** What to give the browser command: a single-use local address, so the state never sits in another process's arguments. */
	readonly browserLink: () => string;
	readonly close: () => Promise<void>;
};

export type ConsentOptions = {
	readonly env: NodeJS.ProcessEnv;
	/** Listen on the loopback redirect (Etsy). False: the code comes back pasted. */
	readonly listen: boolean;
	readonly timeoutMs: number;
	readonly onEvent?: (event: CallbackEvent) => void;
};

/**
 * Starts a consent: PKCE and state, and for a loopback redirect the callback
 * server, listening and self-tested before anyone opens the URL.
 */
export async function beginConsent(input: LoginInput, options: ConsentOptions): Promise<Consent> {
	const provider = getProvider(input.key.provider);
	const endpoints = resolveEndpoints(provider, input.key.environment, options.env);
	const pkce = provider.pkce ? createPkcePair() : undefined;
	const state = createState();
	const explain = (error: string, description: string | undefined) => explainConsentError({provider, error, ...(description ? {description} : {})});
	// Neither Etsy nor eBay documents an issuer: an `iss`, if one ever comes, must be the consent site's own origin.
	const expectedIssuer = new URL(endpoints.authorizeUrl).origin;
	const url = buildAuthorizeUrl({
		provider,
		endpoints,
		clientId: input.clientId,
		redirectUri: input.redirect,
		scopes: [...input.scopes],
		state,
		...(pkce ? {codeChallenge: pkce.challenge} : {}),
		...(input.signInAgain ? {signInAgain: true} : {}),
	});

	let server: CallbackServer | undefined;
	if (options.listen) {
		server = await startCallbackServer({
			redirectUri: input.redirect,
			state,
			timeoutMs: options.timeoutMs,
			explain,
			expectedIssuer,
			consentUrl: url,
			...(options.onEvent ? {onEvent: options.onEvent} : {}),
		});
		try {
			await server.selfTest();
		} catch (error) {
			await server.close();
			throw error;
		}
	}

	// Without a callback server (eBay's RuName, --paste) the links get a listener of their own.
	const links = server ? undefined : await serveConsentLinks(url);
	return {
		url,
		server,
		codeVerifier: pkce?.verifier,
		acceptPasted(text) {
			if (links?.reused) {
				throw links.reused;
			}

			return parseRedirectedUrl({input: text, expectedState: state, explain, expectedIssuer});
		},
		browserLink: () => server?.consentLink() ?? links!.issue(),
		close: async () => {
			await Promise.all([server?.close(), links?.close()]);
		},
	};
}

/** Proves the app's keys before the browser is involved, where the provider has a call for it (Etsy's ping). */
export async function checkAppKey(input: LoginInput, deps: Pick<LoginDeps, 'http' | 'env'>): Promise<void> {
	const provider = getProvider(input.key.provider);
	const endpoints = resolveEndpoints(provider, input.key.environment, deps.env);
	await verifyAppKey({provider, endpoints, http: deps.http, clientId: input.clientId, clientSecret: input.clientSecret});
}

/** Code → tokens → verification → saved. Nothing is written unless verification succeeds. */
export async function finishUserLogin(
	input: LoginInput,
	consent: {code: string; codeVerifier: string | undefined},
	deps: LoginDeps,
	onStep: StepListener = () => undefined,
): Promise<{connection: Connection; identity: Identity; notes: readonly string[]}> {
	const provider = getProvider(input.key.provider);
	const endpoints = resolveEndpoints(provider, input.key.environment, deps.env);

	onStep('exchange', 'start');
	const response = await exchangeCode({
		provider,
		endpoints,
		http: deps.http,
		clientId: input.clientId,
		clientSecret: input.clientSecret,
		code: consent.code,
		redirectUri: input.redirect,
		...(consent.codeVerifier ? {codeVerifier: consent.codeVerifier} : {}),
	});
	const token = toTokenSet(response, deps.now(), undefined, provider.refreshTokenLifetimeSeconds);
	onStep('exchange', 'done');

	onStep('verify', 'start');
	const identity = await verifyUser({
		provider,
		endpoints,
		http: deps.http,
		clientId: input.clientId,
		clientSecret: input.clientSecret,
		accessToken: token.accessToken,
	});
	onStep('verify', 'done');

	onStep('save', 'start');
	// What the answer says was granted is what the token carries, whatever was asked.
	const record: GrantRecord = {scopes: grantedScopes(response, input.scopes), token, identity, verifiedAt: deps.now()};
	const connection = await saveGrant(input, 'user', record, deps);
	onStep('save', 'done');
	return {connection, identity, notes: response.notes ?? []};
}

/** eBay application token: client credentials, a taxonomy call to prove it, saved. */
export async function loginWithClientCredentials(
	input: LoginInput,
	deps: LoginDeps,
	onStep: StepListener = () => undefined,
): Promise<{connection: Connection; categoryTreeId: string; notes: readonly string[]}> {
	const provider = getProvider(input.key.provider);
	const endpoints = resolveEndpoints(provider, input.key.environment, deps.env);
	onStep('exchange', 'start');
	const response = await mintAppToken({provider, endpoints, http: deps.http, clientId: input.clientId, clientSecret: input.clientSecret, scopes: [...input.scopes]});
	const token = toTokenSet(response, deps.now());
	onStep('exchange', 'done');

	onStep('verify', 'start');
	const {categoryTreeId} = await verifyAppToken({provider, endpoints, http: deps.http, accessToken: token.accessToken});
	onStep('verify', 'done');

	onStep('save', 'start');
	const connection = await saveGrant(input, 'app', {scopes: grantedScopes(response, input.scopes), token, verifiedAt: deps.now()}, deps);
	onStep('save', 'done');
	return {connection, categoryTreeId, notes: response.notes ?? []};
}

async function saveGrant(input: LoginInput, grant: 'user' | 'app', record: GrantRecord, deps: LoginDeps): Promise<Connection> {
	return deps.store.withLock(async () => {
		const saved = deps.store.update(input.key, current => {
			// Tokens minted for another keyset are useless with the new one.
			const sameKeys = current?.clientId === input.clientId;
			const kept = sameKeys ? current : undefined;
			const redirect = grant === 'user' ? input.redirect : (kept?.redirect ?? (input.redirect || undefined));
			return {
				provider: input.key.provider,
				environment: input.key.environment,
				clientId: input.clientId,
				clientSecret: input.clientSecret,
				...(redirect ? {redirect} : {}),
				...(kept?.user && grant !== 'user' ? {user: kept.user} : {}),
				...(kept?.app && grant !== 'app' ? {app: kept.app} : {}),
				[grant]: record,
				updatedAt: deps.now(),
			};
		});
		return saved!;
	});
}
