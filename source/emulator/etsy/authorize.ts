import {takeConsent} from '../consent.js';
import {etsyFacts, etsyScopes} from '../tables.js';
import {consentLifetimeMs} from '../context.js';
import {consentPage, errorPage} from '../pages.js';
import {randomId} from '../random.js';
import {html, redirect, withQuery, type EmulatorRequest, type Reply} from '../reply.js';
import type {EtsyState} from './state.js';

export const etsyConsentPath = '/etsy/oauth/consent';

// Withdrawn scopes are still accepted: whether Etsy now refuses them at consent is not known (docs/providers.md).
const knownScopes = new Map(etsyScopes.map(scope => [scope.name, scope.description]));
const pkceChallenge = /^[\w-]{43}$/;

/** Etsy's page for a redirect URI that is not registered character for character; it never redirects. */
function redirectNotPermitted(): Reply {
	return html(400, errorPage({title: 'An error occurred', message: `${etsyFacts.redirectRefusalPage}.`}));
}

/** GET /etsy/oauth/connect: check the request as Etsy does, then show the consent page. */
export function etsyAuthorize(state: EtsyState) {
	return (request: EmulatorRequest): Reply => {
		const query = request.url.searchParams;
		const app = state.apps.get(query.get('client_id') ?? '');
		if (!app) {
			return html(400, errorPage({title: 'An error occurred', message: 'The application making this request could not be found.'}));
		}

		const redirectUri = query.get('redirect_uri') ?? '';
		if (request.fault?.kind === 'reject-redirect' || !app.redirectUris.includes(redirectUri)) {
			return redirectNotPermitted();
		}

		// From here on Etsy trusts the redirect URI and reports errors to it.
		const requestState = query.get('state') ?? '';
		const back = (error: string, description: string | undefined) => redirect(withQuery(redirectUri, {
			error,
			error_description: description,
			state: requestState === '' ? undefined : requestState,
		}));

		if (requestState === '') {
			return back('invalid_request', 'state is required');
		}

		if (request.fault?.kind === 'error') {
			return back(request.fault.error, request.fault.description);
		}

		if (query.get('response_type') !== 'code') {
			return back('invalid_request', 'response_type must be code');
		}

		const codeChallenge = query.get('code_challenge') ?? '';
		if (codeChallenge === '') {
			return back('invalid_request', 'code_challenge is required');
		}

		if (query.get('code_challenge_method') !== 'S256') {
			return back('invalid_request', 'code_challenge_method must be S256');
		}

		if (!pkceChallenge.test(codeChallenge)) {
			return back('invalid_request', 'code_challenge is invalid');
		}

		const scopes = (query.get('scope') ?? '').split(' ').filter(Boolean);
		if (scopes.length === 0) {
			return back('invalid_scope', 'scope is required');
		}

		const unknown = scopes.find(scope => !knownScopes.has(scope));
		if (unknown !== undefined) {
			return back('invalid_scope', `Invalid scope: ${unknown}`);
		}

		const consentId = randomId();
		state.consents.set(consentId, {
			app,
			redirectUri,
			state: requestState,
			scopes,
			codeChallenge,
			wrongPath: request.fault?.kind === 'wrong-path' ? request.fault.path : undefined,
			expiresAt: state.now() + consentLifetimeMs,
		});
		return html(200, consentPage({
			marketplace: 'Etsy',
			appName: app.name,
			userName: state.user.loginName,
			scopes: scopes.map(name => ({name, description: knownScopes.get(name)})),
			action: etsyConsentPath,
			consentId,
			allowLabel: etsyFacts.allowLabel,
			denyLabel: 'Deny',
		}));
	};
}

/** POST /etsy/oauth/consent: the user's click on "Allow access" or "Deny". */
export function etsyConsent(state: EtsyState) {
	return (request: EmulatorRequest): Reply => {
		const answer = takeConsent(state, request);
		if (!answer) {
			return html(400, errorPage({title: 'An error occurred', message: 'This consent request has expired or was already answered. Start again from the app.'}));
		}

		const {consent, decision} = answer;
		if (decision === 'deny') {
			return redirect(withQuery(consent.redirectUri, {
				error: 'access_denied',
				error_description: 'The user denied the request',
				state: consent.state,
			}));
		}

		const code = randomId(48);
		state.codes.set(code, {
			clientId: consent.app.keystring,
			redirectUri: consent.redirectUri,
			scopes: consent.scopes,
			codeChallenge: consent.codeChallenge,
			userId: state.user.userId,
			expiresAt: state.now() + (state.codeTtlSeconds * 1000),
			used: false,
		});
		const target = consent.wrongPath === undefined ? consent.redirectUri : new URL(consent.wrongPath, consent.redirectUri);
		return redirect(withQuery(target, {code, state: consent.state}));
	};
}
