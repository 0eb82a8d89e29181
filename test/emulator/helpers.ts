import {createHash, randomBytes} from 'node:crypto';
import {demo, type Emulator} from '../../source/emulator/index.js';

export const etsyApiKey = `${demo.etsy.keystring}:${demo.etsy.sharedSecret}`;
export const etsyRedirect = demo.etsy.redirectUris[0]!;
export const sandbox = demo.ebay.sandbox;
export const sandboxRuName = sandbox.ruNames[0]!.ruName;
export const apiScope = 'https://api.ebay.com/oauth/api_scope';
export const identityScope = `${apiScope}/commerce.identity.readonly`;

export function pkcePair(): {verifier: string; challenge: string} {
	const verifier = randomBytes(32).toString('base64url');
	return {verifier, challenge: createHash('sha256').update(verifier).digest('base64url')};
}

/** An Etsy authorize URL for the demo app; `overrides` replace (or, with undefined, remove) parameters. */
export function etsyAuthorizeUrl(emulator: Emulator, {challenge, overrides = {}}: {challenge: string; overrides?: Record<string, string | undefined>}): string {
	const parameters: Record<string, string | undefined> = {
		response_type: 'code',
		client_id: demo.etsy.keystring,
		redirect_uri: etsyRedirect,
		scope: 'shops_r listings_r',
		state: 'state-123',
		code_challenge: challenge,
		code_challenge_method: 'S256',
		...overrides,
	};
	const url = new URL(emulator.env.MKT_WIZARD_ETSY_AUTHORIZE_URL!);
	for (const [name, value] of Object.entries(parameters)) {
		if (value !== undefined) {
			url.searchParams.set(name, value);
		}
	}

	return url.href;
}

export function ebayAuthorizeUrl(emulator: Emulator, overrides: Record<string, string | undefined> = {}): string {
	const parameters: Record<string, string | undefined> = {
		client_id: sandbox.clientId,
		redirect_uri: sandboxRuName,
		response_type: 'code',
		scope: `${apiScope} ${identityScope}`,
		state: 'ebay-state-1',
		...overrides,
	};
	const url = new URL(emulator.env.MKT_WIZARD_EBAY_AUTHORIZE_URL!);
	for (const [name, value] of Object.entries(parameters)) {
		if (value !== undefined) {
			url.searchParams.set(name, value);
		}
	}

	return url.href;
}

export type Answer = {status: number; headers: Headers; text: string; json: any};

async function answer(response: Response): Promise<Answer> {
	const text = await response.text();
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}

	return {status: response.status, headers: response.headers, text, json};
}

/** POST a form body as written (a string is sent byte for byte, so tests can get the encoding wrong on purpose). */
export async function postForm(url: string, body: Record<string, string> | string, headers: Record<string, string> = {}): Promise<Answer> {
	const encoded = typeof body === 'string' ? body : new URLSearchParams(body).toString();
	return answer(await fetch(url, {
		method: 'POST',
		headers: {'content-type': 'application/x-www-form-urlencoded', ...headers},
		body: encoded,
		redirect: 'manual',
	}));
}

export async function get(url: string, headers: Record<string, string> = {}): Promise<Answer> {
	return answer(await fetch(url, {headers, redirect: 'manual'}));
}

export function basicAuth(clientId: string, secret: string): Record<string, string> {
	return {authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`};
}

/** Runs the Etsy flow up to the tokens. */
export async function etsyTokens(emulator: Emulator, scope = 'shops_r listings_r'): Promise<{access_token: string; refresh_token: string}> {
	const {verifier, challenge} = pkcePair();
	const approved = await emulator.approve(etsyAuthorizeUrl(emulator, {challenge, overrides: {scope}}));
	const code = new URL(approved.location!).searchParams.get('code')!;
	const tokens = await postForm(emulator.env.MKT_WIZARD_ETSY_TOKEN_URL!, {
		grant_type: 'authorization_code',
		client_id: demo.etsy.keystring,
		redirect_uri: etsyRedirect,
		code,
		code_verifier: verifier,
	});
	if (tokens.status !== 200) {
		throw new Error(`token exchange failed: ${tokens.status} ${tokens.text}`);
	}

	return tokens.json;
}

/** Runs the eBay sandbox consent and code exchange. */
export async function ebayTokens(emulator: Emulator, scope = `${apiScope} ${identityScope}`): Promise<{access_token: string; refresh_token: string}> {
	const approved = await emulator.approve(ebayAuthorizeUrl(emulator, {scope}));
	const code = new URL(approved.location!).searchParams.get('code')!;
	const tokens = await postForm(`${emulator.env.MKT_WIZARD_EBAY_API_URL!}/identity/v1/oauth2/token`, {
		grant_type: 'authorization_code',
		code,
		redirect_uri: sandboxRuName,
	}, basicAuth(sandbox.clientId, sandbox.clientSecret));
	if (tokens.status !== 200) {
		throw new Error(`token exchange failed: ${tokens.status} ${tokens.text}`);
	}

	return tokens.json;
}
