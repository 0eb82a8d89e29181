import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {MktError} from '../../source/errors.js';
import {type HttpResponse, NetworkError} from '../../source/oauth/http.js';
import {explainConsentError, toProviderError} from '../../source/oauth/provider-errors.js';
import {cleanProviderText} from '../../source/oauth/provider-text.js';
import {ebay} from '../../source/providers/ebay.js';
import {etsy} from '../../source/providers/etsy.js';

function response(status: number, body: unknown, headers: HttpResponse['headers'] = {}): HttpResponse {
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {}

	return {status, headers, body: text, json};
}

function allText(error: MktError): string {
	return `${error.code} ${error.message} ${error.remedy}`;
}

describe('toProviderError', () => {
	test('a known OAuth error code gets the provider explanation, the step, the code and the status', () => {
		const error = toProviderError({
			provider: etsy,
			response: response(400, {error: 'invalid_grant', error_description: 'code has been used previously'}),
			during: 'exchange',
		});
		assert.equal(error.code, 'invalid_grant');
		assert.equal(error.providerCode, 'invalid_grant');
		assert.equal(error.status, 400);
		assert.equal(error.message, `During the token exchange, ${etsy.errors.invalid_grant!.message}`);
		assert.equal(error.remedy, etsy.errors.invalid_grant!.remedy);
	});

	test('an explanation starting with "The" is lower-cased after the step', () => {
		const error = toProviderError({provider: ebay, response: response(403, {errors: [{errorId: 1100, message: 'Access denied'}]}), during: 'verify'});
		assert.equal(error.code, 'insufficient_scope');
		assert.match(error.message, /^During the verification call, the eBay token lacks/);
	});

	test('eBay invalid_client on the token endpoint', () => {
		const error = toProviderError({provider: ebay, response: response(401, {error: 'invalid_client', error_description: 'client authentication failed'}), during: 'mint'});
		assert.equal(error.code, 'invalid_client');
		assert.match(error.message, /^During the application-token request, eBay rejected the App ID and Cert ID/);
		assert.equal(error.status, 401);
	});

	test('Etsy 403 "Shared secret is required" becomes shared_secret_required', () => {
		const error = toProviderError({provider: etsy, response: response(403, {error: 'Shared secret is required in x-api-key header.'}), during: 'verify'});
		assert.equal(error.code, 'shared_secret_required');
		assert.equal(error.remedy, etsy.errors.shared_secret_required!.remedy);
		assert.equal(error.status, 403);
	});

	test('Etsy 401 on the API becomes invalid_api_key, with or without a body, but invalid_token stays itself', () => {
		for (const body of [{error: 'Invalid API key'}, '']) {
			const error = toProviderError({provider: etsy, response: response(401, body), during: 'verify'});
			assert.equal(error.code, 'invalid_api_key', JSON.stringify(body));
		}

		const expired = toProviderError({provider: etsy, response: response(401, {error: 'invalid_token', error_description: 'access token is expired'}), during: 'verify'});
		assert.equal(expired.code, 'invalid_token');
	});

	test('eBay errorId 1001 becomes invalid_token', () => {
		const error = toProviderError({
			provider: ebay,
			response: response(401, {errors: [{errorId: 1001, domain: 'OAuth', category: 'REQUEST', message: 'Invalid access token'}]}),
			during: 'verify',
		});
		assert.equal(error.code, 'invalid_token');
		assert.equal(error.providerCode, '1001');
	});

	test('429 becomes rate_limited and quotes Retry-After', () => {
		const error = toProviderError({provider: etsy, response: response(429, '', {'retry-after': '30'}), during: 'verify'});
		assert.equal(error.code, 'rate_limited');
		assert.match(error.message, /Etsy rate-limited the verification call \(HTTP 429\) and asked to wait 30 seconds/);
		assert.match(error.remedy, /Wait 30 seconds/);
		const without = toProviderError({provider: etsy, response: response(429, {error: 'too many'}), during: 'verify'});
		assert.equal(without.code, 'rate_limited');
		assert.match(without.remedy, /Wait a minute/);
	});

	test('5xx becomes provider_unavailable, even with a JSON error body', () => {
		const error = toProviderError({provider: etsy, response: response(503, {error: 'Server Error'}), during: 'exchange'});
		assert.equal(error.code, 'provider_unavailable');
		assert.equal(error.message, "Etsy answered 503 to the token exchange: a problem on Etsy's side.");
		assert.match(error.remedy, /^Try again in a minute/);
	});

	test('an HTML body becomes unexpected_html with the overrides and proxy remedy', () => {
		const error = toProviderError({provider: ebay, response: response(404, '<!DOCTYPE html><html>Not found</html>', {'content-type': 'text/html'}), during: 'exchange'});
		assert.equal(error.code, 'unexpected_html');
		assert.match(error.message, /^eBay answered the token exchange with a web page instead of JSON/);
		assert.match(error.message, /endpoint URL may be wrong or a proxy intercepted it/);
		assert.match(error.remedy, /MKT_WIZARD_\*/);
		assert.match(error.remedy, /HTTPS_PROXY/);
	});

	test('invalid JSON and empty bodies become bad_response', () => {
		const invalid = toProviderError({provider: etsy, response: response(400, '{"error": '), during: 'refresh'});
		assert.equal(invalid.code, 'bad_response');
		assert.match(invalid.message, /not JSON/);
		const empty = toProviderError({provider: etsy, response: response(400, ''), during: 'refresh'});
		assert.equal(empty.code, 'bad_response');
		assert.match(empty.message, /empty body/);
	});

	test('a redirect names only the target host', () => {
		const error = toProviderError({provider: etsy, response: response(302, '', {location: 'https://login.example.com/sso?token=s3cr3t'}), during: 'exchange'});
		assert.equal(error.code, 'unexpected_redirect');
		assert.match(error.message, /login\.example\.com/);
		assert.ok(!allText(error).includes('s3cr3t'));
	});

	test('an unknown code quotes only the code and a cleaned, shortened description', () => {
		const description = `bad\u0007 thing\n${'x'.repeat(300)}`;
		const error = toProviderError({provider: etsy, response: response(400, {error: 'weird_error', error_description: description, access_token: 'AT-secret'}), during: 'exchange'});
		assert.equal(error.code, 'weird_error');
		assert.equal(error.providerCode, 'weird_error');
		assert.ok(error.message.startsWith('Etsy answered the token exchange with error "weird_error" (HTTP 400): bad thing xxx'));
		assert.ok(!/[\u0000-\u001F]/.test(error.message));
		assert.ok(error.message.length < 300);
		assert.ok(!allText(error).includes('AT-secret'));
	});

	test('a JSON body with no error code', () => {
		const error = toProviderError({provider: etsy, response: response(404, {message: 'nope'}), during: 'verify'});
		assert.equal(error.code, 'provider_error');
		assert.match(error.message, /Etsy answered the verification call with HTTP 404/);
	});

	test('network failures map to their codes and name only the host', () => {
		const cases = [
			['refused', 'network_refused', /refused the connection/],
			['dns', 'network_dns', /could not be resolved/],
			['timeout', 'timeout', /did not answer the token exchange within 1\.5 seconds/],
			['reset', 'network_reset', /was cut during the token exchange/],
			['tls', 'tls', /certificate check/],
			['other', 'network_error', /Could not reach Etsy/],
		] as const;
		for (const [kind, code, pattern] of cases) {
			const error = toProviderError({provider: etsy, error: new NetworkError(kind, 'api.etsy.com', undefined, 1500), during: 'exchange'});
			assert.equal(error.code, code, kind);
			assert.match(error.message, pattern, kind);
			assert.match(error.message, /api\.etsy\.com/, kind);
		}
	});

	test('a TLS failure points at NODE_EXTRA_CA_CERTS', () => {
		const error = toProviderError({provider: ebay, error: new NetworkError('tls', 'api.ebay.com', 'SELF_SIGNED_CERT_IN_CHAIN'), during: 'verify'});
		assert.match(error.remedy, /NODE_EXTRA_CA_CERTS/);
		assert.match(error.message, /SELF_SIGNED_CERT_IN_CHAIN/);
	});

	test('a cut Etsy refresh says the refresh token may be spent and which commands to run', () => {
		for (const kind of ['reset', 'timeout'] as const) {
			const error = toProviderError({provider: etsy, error: new NetworkError(kind, 'api.etsy.com', undefined, 15_000), during: 'refresh'});
			assert.match(error.remedy, /refresh token may already be spent/, kind);
			assert.match(error.remedy, /`mkt-wizard token etsy`/, kind);
			assert.match(error.remedy, /`mkt-wizard login etsy`/, kind);
		}

		// eBay keeps its refresh token across refreshes: nothing is spent.
		const ebayError = toProviderError({provider: ebay, error: new NetworkError('reset', 'api.ebay.com', 'ECONNRESET'), during: 'refresh'});
		assert.doesNotMatch(ebayError.remedy, /spent/);
	});

	test('an MktError passes through; any other error is not quoted', () => {
		const original = new MktError('x', 'm.', 'r.');
		assert.equal(toProviderError({provider: etsy, error: original, during: 'exchange'}), original);
		const error = toProviderError({provider: etsy, error: new Error('GET https://api.etsy.com/v3?client_secret=s3cr3t failed'), during: 'exchange'});
		assert.equal(error.code, 'unexpected_error');
		assert.ok(!allText(error).includes('s3cr3t'));
		assert.equal(error.cause, undefined);
	});
});

describe('explainConsentError', () => {
	test('access_denied uses the provider explanation', () => {
		const error = explainConsentError({provider: etsy, error: 'access_denied', description: 'The user denied access'});
		assert.equal(error.code, 'access_denied');
		assert.equal(error.message, etsy.errors.access_denied!.message);
	});

	test('an unknown code quotes the code and cleaned description', () => {
		const error = explainConsentError({provider: ebay, error: 'server_error', description: 'try\r\nlater.'});
		assert.equal(error.code, 'server_error');
		assert.equal(error.message, 'eBay answered the consent with error "server_error": try later.');
	});
});

describe('cleanProviderText', () => {
	test('strips control characters and cuts to the limit', () => {
		assert.equal(cleanProviderText('a\u0000b\u001Bc\td'), 'a b c d');
		assert.equal(cleanProviderText('abcdef', 4), 'abc…');
	});
});
