import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {buildAuthorizeUrl} from '../../source/oauth/authorize-url.js';
import {ebay} from '../../source/providers/ebay.js';
import {etsy} from '../../source/providers/etsy.js';

describe('buildAuthorizeUrl', () => {
	test('Etsy: every parameter, scopes joined by %20, PKCE S256', () => {
		const href = buildAuthorizeUrl({
			provider: etsy,
			endpoints: etsy.endpoints.production,
			clientId: 'abc123keystring',
			redirectUri: 'http://localhost:3000/callback',
			scopes: ['shops_r', 'listings_r'],
			state: 'st-ate_1',
			codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
		});
		assert.equal(
			href,
			'https://www.etsy.com/oauth/connect?response_type=code&client_id=abc123keystring'
			+ '&redirect_uri=http%3A%2F%2Flocalhost%3A3000%2Fcallback&scope=shops_r%20listings_r&state=st-ate_1'
			+ '&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256',
		);
		const parsed = new URL(href).searchParams;
		assert.equal(parsed.get('scope'), 'shops_r listings_r');
		assert.equal(parsed.get('redirect_uri'), 'http://localhost:3000/callback');
	});

	test('eBay: the RuName as redirect_uri, full scope URIs, no PKCE even when a challenge is passed', () => {
		const href = buildAuthorizeUrl({
			provider: ebay,
			endpoints: ebay.endpoints.sandbox,
			clientId: 'JaneDoe-MyApp-SBX-0123456789-abcdef01',
			redirectUri: 'Jane_Doe-JaneDoeA-MyApp-abcdef',
			scopes: ['https://api.ebay.com/oauth/api_scope', 'https://api.ebay.com/oauth/api_scope/commerce.identity.readonly'],
			state: 's',
			codeChallenge: 'unused',
		});
		const url = new URL(href);
		assert.equal(url.origin + url.pathname, 'https://auth.sandbox.ebay.com/oauth2/authorize');
		assert.ok(href.includes('scope=https%3A%2F%2Fapi.ebay.com%2Foauth%2Fapi_scope%20https%3A%2F%2Fapi.ebay.com%2Foauth%2Fapi_scope%2Fcommerce.identity.readonly'));
		assert.equal(url.searchParams.get('redirect_uri'), 'Jane_Doe-JaneDoeA-MyApp-abcdef');
		assert.equal(url.searchParams.get('response_type'), 'code');
		assert.equal(url.searchParams.has('code_challenge'), false);
		assert.equal(url.searchParams.has('code_challenge_method'), false);
	});

	test('a query already on the authorize URL is kept; a literal + stays %2B', () => {
		const href = buildAuthorizeUrl({
			provider: ebay,
			endpoints: {...ebay.endpoints.production, authorizeUrl: 'http://127.0.0.1:9/oauth2/authorize?prompt=login&locale=de-DE'},
			clientId: 'id+plus',
			redirectUri: 'RuName',
			scopes: ['a', 'b'],
			state: 's',
		});
		const parameters = new URL(href).searchParams;
		assert.equal(parameters.get('prompt'), 'login');
		assert.equal(parameters.get('locale'), 'de-DE');
		assert.equal(parameters.get('client_id'), 'id+plus');
		assert.ok(href.includes('client_id=id%2Bplus'));
		assert.ok(!href.includes('+'));
	});

	test('a provider that needs PKCE refuses to build without a challenge', () => {
		assert.throws(() => buildAuthorizeUrl({
			provider: etsy,
			endpoints: etsy.endpoints.production,
			clientId: 'k',
			redirectUri: 'http://localhost:3000/callback',
			scopes: ['shops_r'],
			state: 's',
		}), /PKCE/);
	});
});
