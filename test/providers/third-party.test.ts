// A third marketplace that source/ has never heard of, against a certified
// third-party OAuth server (oidc-provider) configured like Etsy: the generic
// provider registers itself and goes through non-interactive login, token,
// two rotating refreshes and status with no change to source/. A replayed
// refresh token makes the server revoke the grant, and mkt-wizard then says to
// log in again with the exact command.
import assert from 'node:assert/strict';
import {PassThrough} from 'node:stream';
import {after, before, test} from 'node:test';
import type {CommandDeps} from '../../source/commands/deps.js';
import {runLogin} from '../../source/commands/login.js';
import {runStatus} from '../../source/commands/status.js';
import {runToken} from '../../source/commands/token.js';
import {isMktError} from '../../source/errors.js';
import type {Io} from '../../source/io.js';
import {createHttpClient} from '../../source/oauth/http.js';
import {openStore} from '../../source/store/index.js';
import {freePort} from '../helpers/cli.js';
import {genericId, registerGenericProvider} from './generic-provider.js';
import {accountId, actAsBrowser, type OidcServer, startOidcServer} from './oidc-server.js';
import {removeTempDir, tempDir} from '../helpers/temp-dir.js';

// A client per command, as each CLI run has its own: a kept-alive socket the server has since closed is not reused.
const httpClient = () => createHttpClient({timeoutMs: 5000, retryDelayMs: 1});
const configDir = tempDir('config');
const store = openStore({configDir});
const key = {provider: genericId, profile: 'default', environment: 'production'} as const;
let server: OidcServer;
let redirectUri: string;
/** Refresh tokens rotated away, oldest first. */
const rotatedAway: string[] = [];

type Captured = Io & {readonly output: () => string; readonly errors: () => string};

function captureIo(onErr?: (text: string) => void): Captured {
	let out = '';
	let err = '';
	return {
		out(text) {
			out += text;
		},
		err(text) {
			err += text;
			onErr?.(err);
		},
		isTTY: false,
		stdin: new PassThrough(),
		env: {BROWSER: 'none', OIDC_TEST_CLIENT_ID: ''},
		output: () => out,
		errors: () => err,
	};
}

before(async () => {
	redirectUri = `http://127.0.0.1:${await freePort()}/callback`;
	server = await startOidcServer(redirectUri);
	registerGenericProvider(server.issuer, redirectUri);
});

after(async () => {
	await server.close();
	removeTempDir(configDir);
});

function savedRefreshToken(): string {
	return store.get(key)!.user!.token.refreshToken!;
}

/** The CLI's dependencies, with no browser: the test acts as one. */
function depsOf(io: Captured, env: NodeJS.ProcessEnv = io.env): CommandDeps {
	return {io, store, http: async () => httpClient(), now: Date.now, env, openBrowser: async () => ({opened: false, reason: 'disabled'})};
}

async function token(minValidSeconds: number): Promise<{code: number; io: Captured}> {
	const io = captureIo();
	const code = await runToken({provider: genericId, profile: 'default', environment: undefined, grant: undefined, minValidSeconds, headers: false}, depsOf(io));
	return {code, io};
}

test('log in without prompts: consent in the "browser", code exchanged with PKCE, identity verified, saved', async () => {
	let browsing: Promise<string> | undefined;
	const io = captureIo(text => {
		const url = /open this URL:\n\n {2}(\S+)/.exec(text)?.[1];
		if (url && !browsing) {
			browsing = actAsBrowser(url, redirectUri);
		}
	});
	io.env.OIDC_TEST_CLIENT_ID = server.clientId;
	const code = await runLogin({provider: genericId, profile: 'default', environment: undefined, grant: undefined, scopes: undefined, redirectUri: undefined, timeoutSeconds: 30, browser: false, paste: false, signInAgain: false}, depsOf(io));
	assert.equal(code, 0, io.errors());
	const landed = new URL(await browsing!);
	// RFC 9207: oidc-provider names itself on the redirect, and mkt-wizard checked it.
	assert.equal(landed.searchParams.get('iss'), server.issuer);
	const consentUrl = new URL(/open this URL:\n\n {2}(\S+)/.exec(io.errors())![1]!);
	assert.equal(consentUrl.searchParams.get('code_challenge_method'), 'S256');
	assert.match(io.errors(), new RegExp(`Logged in to Generic OAuth as user ID ${accountId}`));
	const saved = store.get(key)!;
	assert.equal(saved.user!.identity!.userId, accountId);
	assert.deepEqual([...saved.user!.scopes].sort(), ['openid', 'profile']);
	assert.ok(saved.user!.token.refreshToken);
	assert.ok(saved.user!.token.refreshExpiresAt! > Date.now());
});

test('token prints the saved access token, then refreshes twice, each time saving the rotated refresh token', async () => {
	const first = await token(60);
	assert.equal(first.code, 0);
	assert.equal(first.io.output(), `${store.get(key)!.user!.token.accessToken}\n`);

	for (let round = 0; round < 2; round++) {
		const previous = savedRefreshToken();
		// More validity asked for than any access token has: forces a refresh.
		const refreshed = await token(10 * 24 * 60 * 60);
		assert.equal(refreshed.code, 0, refreshed.io.errors());
		assert.notEqual(refreshed.io.output(), first.io.output());
		assert.notEqual(savedRefreshToken(), previous, 'the refresh token was rotated');
		rotatedAway.push(previous);
	}
});

test('status lists the third marketplace with its identity, scopes and expiries', async () => {
	const io = captureIo();
	assert.equal(await runStatus({json: false, profile: undefined}, depsOf(io)), 0);
	const text = io.output();
	assert.match(text, /Generic OAuth · profile default/);
	assert.match(text, new RegExp(`user ID ${accountId}`));
	assert.match(text, /scopes: openid profile/);
	assert.match(text, /refresh expires/);
});

test('a replayed old refresh token makes the server revoke the grant; mkt-wizard then names the login command', async () => {
	const before = store.get(key)!.user!.token;
	// A stale copy (or a thief) replays a refresh token that was already rotated away.
	const replay = await fetch(`${server.issuer}/token`, {
		method: 'POST',
		headers: {'content-type': 'application/x-www-form-urlencoded'},
		body: new URLSearchParams({grant_type: 'refresh_token', client_id: server.clientId, refresh_token: rotatedAway.at(-1)!}).toString(),
	});
	const answer = await replay.json() as {error?: string};
	assert.equal(replay.status, 400);
	assert.equal(answer.error, 'invalid_grant');

	// The server revoked the whole grant: the saved, newest refresh token is dead too.
	const refused = await runToken({
		provider: genericId,
		profile: 'default',
		environment: undefined,
		grant: undefined,
		minValidSeconds: 10 * 24 * 60 * 60,
		headers: false,
	}, depsOf(captureIo(), {})).then(() => undefined, (error: unknown) => error);
	assert.ok(isMktError(refused), String(refused));
	assert.equal(refused.code, 'invalid_grant');
	assert.match(refused.remedy, new RegExp(`Run \`mkt-wizard login ${genericId}\``));
	// Nothing saved was thrown away by the failed refresh.
	assert.deepEqual(store.get(key)!.user!.token, before);
});
