import {MktError} from '../errors.js';
import {ebay} from '../providers/ebay.js';
import {etsy} from '../providers/etsy.js';
import type {Endpoints, ProviderDefinition} from '../providers/types.js';
import type {Identity} from '../store/types.js';
import type {HttpClient, HttpResponse} from './http.js';
import {toProviderError} from './provider-errors.js';

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

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

	if (!isRecord(response.json)) {
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

function etsyApiKey(clientId: string, clientSecret: string): string {
	if (!clientSecret) {
		const explanation = etsy.errors.shared_secret_required!;
		throw new MktError('shared_secret_required', explanation.message, explanation.remedy);
	}

	return `${clientId}:${clientSecret}`;
}

/** Etsy's ping: proves the keystring and shared secret work, before any consent. */
export async function verifyEtsyKey(options: {endpoints: Endpoints; http: HttpClient; clientId: string; clientSecret: string}): Promise<{applicationId: number}> {
	const {endpoints, http, clientId, clientSecret} = options;
	const json = await getJson({
		provider: etsy,
		http,
		url: `${endpoints.apiUrl}/application/openapi-ping`,
		headers: {'x-api-key': etsyApiKey(clientId, clientSecret)},
		what: 'application_id',
	});
	if (typeof json.application_id !== 'number') {
		throw unexpected(etsy, 'application_id', 200);
	}

	return {applicationId: json.application_id};
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
	const bearer = {authorization: `Bearer ${accessToken}`};
	if (provider.id === 'etsy') {
		const json = await getJson({
			provider,
			http,
			url: `${endpoints.apiUrl}/application/users/me`,
			headers: {'x-api-key': etsyApiKey(clientId, clientSecret ?? ''), ...bearer},
			what: 'user_id',
		});
		const userId = idText(json.user_id);
		if (!userId) {
			throw unexpected(provider, 'user_id', 200);
		}

		const shopId = idText(json.shop_id);
		return shopId ? {userId, shopId} : {userId};
	}

	const json = await getJson({provider, http, url: `${endpoints.apizUrl}/commerce/identity/v1/user/`, headers: bearer, what: 'userId'});
	const userId = idText(json.userId);
	if (!userId) {
		throw unexpected(provider, 'userId', 200);
	}

	const username = idText(json.username);
	return username ? {userId, username} : {userId};
}

/** eBay application token check: the default category tree of EBAY_US. */
export async function verifyAppToken(options: {endpoints: Endpoints; http: HttpClient; accessToken: string}): Promise<{categoryTreeId: string}> {
	const {endpoints, http, accessToken} = options;
	const json = await getJson({
		provider: ebay,
		http,
		url: `${endpoints.apiUrl}/commerce/taxonomy/v1/get_default_category_tree_id?marketplace_id=EBAY_US`,
		headers: {authorization: `Bearer ${accessToken}`},
		what: 'categoryTreeId',
	});
	const categoryTreeId = idText(json.categoryTreeId);
	if (!categoryTreeId) {
		throw unexpected(ebay, 'categoryTreeId', 200);
	}

	return {categoryTreeId};
}
