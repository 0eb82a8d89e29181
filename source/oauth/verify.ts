import {MktError} from '../errors.js';
import {isJsonObject} from '../guards.js';
import type {Endpoints, ProviderDefinition, VerificationCall} from '../providers/types.js';
import type {Identity} from '../store/types.js';
import type {HttpClient, HttpResponse} from './http.js';
import {toProviderError} from './provider-errors.js';
import {apiKeyHeaders} from './token-client.js';

type Json = Record<string, unknown>;

/** The verification GET (retried on 5xx/429), failures classified; the JSON object of a 2xx answer. */
async function getJson(options: {provider: ProviderDefinition; http: HttpClient; url: string; headers: Record<string, string>; what: string}): Promise<Json> {
	const {provider, http, url, headers, what} = options;
	let response: HttpResponse;
	try {
		response = await http.get(url, {headers, retry: true});
	} catch (error) {
		throw toProviderError({provider, error, during: 'verify'});
	}

	if (response.status < 200 || response.status >= 300 || response.json === undefined) {
		throw toProviderError({provider, response, during: 'verify'});
	}

	if (!isJsonObject(response.json)) {
		throw unexpected(provider, what, response.status);
	}

	return response.json;
}

function unexpected(provider: ProviderDefinition, what: string, status: number): MktError {
	return new MktError(
		'bad_response',
		`${provider.displayName} answered the verification call with something unexpected (${what} missing).`,
		'Try again; if it keeps failing, check any MKT_WIZARD_* endpoint overrides and run `mkt-wizard doctor`.',
		{status},
	);
}

function idText(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isSafeInteger(value)) {
		return String(value);
	}

	return typeof value === 'string' && value !== '' ? value : undefined;
}

function callUrl(endpoints: Endpoints, call: VerificationCall): string {
	return `${call.base === 'apiz' ? endpoints.apizUrl : endpoints.apiUrl}${call.path}`;
}

/** The provider's `clientId:clientSecret` header where its API calls want one (apiKeyHeader.on); without the secret, a clear error. */
function verifyKeyHeaders(provider: ProviderDefinition, clientId: string, clientSecret: string | undefined): Record<string, string> {
	if (provider.apiKeyHeader?.on.includes('api') && !clientSecret) {
		const explanation = provider.errors.shared_secret_required ?? {
			message: `${provider.displayName} needs the ${provider.credentials.clientSecret.label} with every API call, and none was given.`,
			remedy: `Set ${provider.credentials.clientSecret.envVar} or enter it from ${provider.portalUrl}.`,
		};
		throw new MktError('shared_secret_required', explanation.message, explanation.remedy);
	}

	return apiKeyHeaders(provider, 'api', clientId, clientSecret);
}

/** Proves the app's keys before the browser is involved (Etsy's ping): the answer, or undefined where the provider has no such call. */
export async function verifyAppKey(options: {provider: ProviderDefinition; endpoints: Endpoints; http: HttpClient; clientId: string; clientSecret: string}): Promise<Json | undefined> {
	const {provider, endpoints, http, clientId, clientSecret} = options;
	const call = provider.verification.appKey;
	if (!call) {
		return undefined;
	}

	const json = await getJson({provider, http, url: callUrl(endpoints, call), headers: verifyKeyHeaders(provider, clientId, clientSecret), what: call.field});
	if (json[call.field] === undefined) {
		throw unexpected(provider, call.field, 200);
	}

	return json;
}

/** Who the user token belongs to: proves the token works and names the account. */
export async function verifyUser(options: {
	provider: ProviderDefinition;
	endpoints: Endpoints;
	http: HttpClient;
	clientId: string;
	clientSecret?: string;
	accessToken: string;
}): Promise<Identity> {
	const {provider, endpoints, http, clientId, clientSecret, accessToken} = options;
	const call = provider.verification.user;
	const json = await getJson({
		provider,
		http,
		url: callUrl(endpoints, call),
		headers: {...verifyKeyHeaders(provider, clientId, clientSecret), authorization: `Bearer ${accessToken}`},
		what: call.field,
	});
	const userId = idText(json[call.field]);
	if (!userId) {
		throw unexpected(provider, call.field, 200);
	}

	const username = call.username ? idText(json[call.username]) : undefined;
	const shopId = call.shopId ? idText(json[call.shopId]) : undefined;
	return {userId, ...(username ? {username} : {}), ...(shopId ? {shopId} : {})};
}

/** Proves an application token works (eBay: the default category tree of EBAY_US). */
export async function verifyAppToken(options: {provider: ProviderDefinition; endpoints: Endpoints; http: HttpClient; accessToken: string}): Promise<{categoryTreeId: string}> {
	const {provider, endpoints, http, accessToken} = options;
	const call = provider.verification.appToken;
	if (!call) {
		throw new MktError('unsupported_grant', `${provider.displayName} has no application tokens.`, `Use the user grant: run \`mkt-wizard login ${provider.id}\`.`);
	}

	const json = await getJson({provider, http, url: callUrl(endpoints, call), headers: {authorization: `Bearer ${accessToken}`}, what: call.field});
	const value = idText(json[call.field]);
	if (!value) {
		throw unexpected(provider, call.field, 200);
	}

	return {categoryTreeId: value};
}
