// Logins made in process against the emulator (consent approved, the redirect taken as pasted),
// through the same flows the CLI runs: what a test that needs a saved login seeds, so that it
// does not depend on a test before it having logged in.
import {demo, type Emulator} from '../../source/emulator/index.js';
import {beginConsent, finishUserLogin, loginWithClientCredentials, type LoginDeps, type LoginInput} from '../../source/flows/login.js';
import {createHttpClient} from '../../source/oauth/http.js';
import {connectionKey, openStore, type Connection, type ConnectionStore} from '../../source/store/index.js';

/** The deps of a login saved in `store`, with an HTTP client that never sees the test process's proxy variables. */
function depsFor(emulator: Emulator, store: ConnectionStore): LoginDeps {
	return {store, http: createHttpClient({env: {}}), now: Date.now, env: emulator.env};
}

/** Consent approved in the emulator, the code taken from the redirect as if pasted, then exchanged, verified and saved. */
async function userLogin(emulator: Emulator, input: LoginInput, deps: LoginDeps): Promise<Connection> {
	const consent = await beginConsent(input, {env: emulator.env, listen: false, timeoutMs: 10_000});
	const approved = await emulator.approve(consent.url);
	const {code} = consent.acceptPasted(approved.location!);
	const {connection} = await finishUserLogin(input, {code, codeVerifier: consent.codeVerifier}, deps);
	return connection;
}

/** A real Etsy login against the emulator with the demo app, saved in `configDir`. */
export async function loginEtsy(options: {emulator: Emulator; configDir: string; scopes?: string[]; profile?: string; redirect?: string; store?: ConnectionStore}): Promise<Connection> {
	const {emulator, configDir} = options;
	const input: LoginInput = {
		key: connectionKey({provider: 'etsy', profile: options.profile ?? 'default'}),
		clientId: demo.etsy.keystring,
		clientSecret: demo.etsy.sharedSecret,
		redirect: options.redirect ?? demo.etsy.redirectUris[0]!,
		scopes: options.scopes ?? ['shops_r'],
	};
	return userLogin(emulator, input, depsFor(emulator, options.store ?? openStore({configDir})));
}

/**
 * eBay sandbox logins with the demo keyset, saved in `configDir`: a user token (RuName, the
 * accept URL pasted) and an application token, or only the grants named.
 */
export async function loginEbay(options: {emulator: Emulator; configDir: string; grants?: ReadonlyArray<'user' | 'app'>}): Promise<Connection> {
	const {emulator, configDir, grants = ['user', 'app']} = options;
	const deps = depsFor(emulator, openStore({configDir}));
	const sandbox = demo.ebay.sandbox;
	const input: LoginInput = {
		key: connectionKey({provider: 'ebay', environment: 'sandbox'}),
		clientId: sandbox.clientId,
		clientSecret: sandbox.clientSecret,
		redirect: sandbox.ruNames[0]!.ruName,
		scopes: ['https://api.ebay.com/oauth/api_scope', 'https://api.ebay.com/oauth/api_scope/commerce.identity.readonly'],
	};
	let connection: Connection | undefined;
	if (grants.includes('user')) {
		connection = await userLogin(emulator, input, deps);
	}

	if (grants.includes('app')) {
		connection = (await loginWithClientCredentials({...input, scopes: ['https://api.ebay.com/oauth/api_scope']}, deps)).connection;
	}

	if (!connection) {
		throw new Error('loginEbay: no grant named');
	}

	return connection;
}
