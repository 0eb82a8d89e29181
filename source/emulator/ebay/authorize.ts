import {takeConsent} from '../consent.js';
import {ebayConsentErrorPages, ebayFacts, ebayScopes} from '../tables.js';
import {consentLifetimeMs} from '../context.js';
import {consentPage, errorPage} from '../pages.js';
import {ebayOpaque, randomId} from '../random.js';
import {html, json, redirect, withQuery, type EmulatorRequest, type Reply} from '../reply.js';
import type {EbayState} from './state.js';

export const ebayConsentPath = '/ebay/oauth2/consent';

const scopeDescriptions = new Map(ebayScopes.map(scope => [scope.name, scope.description]));

/** One of the JSON pages auth.ebay.com shows instead of redirecting. */
function consentErrorPage(id: string): Reply {
	const page = ebayConsentErrorPages[id]!;
	return json(page.status, {error_id: id, ...(page.text ? {error_description: page.text} : {}), http_status_code: page.status});
}

/** eBay's answer to consent parameters it cannot use (unknown client, a URL or unknown RuName): JSON, no redirect. */
function invalidConsentRequest(): Reply {
	return consentErrorPage('invalid_request');
}

/** GET /ebay/oauth2/authorize: check the request as eBay does, then show the consent page. */
export function ebayAuthorize(state: EbayState) {
	return (request: EmulatorRequest): Reply => {
		const query = request.url.searchParams;
		const app = state.apps.get(query.get('client_id') ?? '');
		// redirect_uri is the RuName, never a URL; a URL here is the commonest mistake.
		const ruName = app?.ruNames.find(candidate => candidate.ruName === query.get('redirect_uri'));
		if (!app || !ruName || request.fault?.kind === 'reject-redirect' || query.get('response_type') !== 'code') {
			return invalidConsentRequest();
		}

		const requestState = query.get('state') ?? undefined;
		if (request.fault?.kind === 'error') {
			return redirect(withQuery(ruName.declineUrl, {
				error: request.fault.error,
				error_description: request.fault.description,
				state: requestState,
			}));
		}

		const scopes = (query.get('scope') ?? '').split(' ').filter(Boolean);
		if (scopes.length === 0 || scopes.some(scope => !app.scopes.includes(scope))) {
			// eBay shows this JSON page at auth.ebay.com; nothing reaches the RuName's decline URL.
			return consentErrorPage('invalid_scope');
		}

		const consentId = randomId();
		state.consents.set(consentId, {
			app,
			ruName,
			state: requestState,
			scopes,
			wrongPath: request.fault?.kind === 'wrong-path' ? request.fault.path : undefined,
			expiresAt: state.now() + consentLifetimeMs,
		});
		return html(200, consentPage({
			marketplace: app.environment === 'sandbox' ? 'eBay (sandbox)' : 'eBay',
			appName: app.name,
			userName: state.user.username,
			scopes: scopes.map(name => ({name, description: scopeDescriptions.get(name)})),
			action: ebayConsentPath,
			consentId,
			allowLabel: ebayFacts.allowLabel,
			denyLabel: 'Deny',
		}));
	};
}

/** POST /ebay/oauth2/consent: the user's click on "Agree" or "Deny". */
export function ebayConsent(state: EbayState) {
	return (request: EmulatorRequest): Reply => {
		const answer = takeConsent(state, request);
		if (!answer) {
			return html(400, errorPage({title: 'Something went wrong', message: 'This consent request has expired or was already answered. Start again from the app.'}));
		}

		const {consent, decision} = answer;
		if (decision === 'deny') {
			return redirect(withQuery(consent.ruName.declineUrl, {state: consent.state, error: 'access_denied'}));
		}

		const code = ebayOpaque('code');
		state.codes.set(code, {
			clientId: consent.app.clientId,
			ruName: consent.ruName.ruName,
			scopes: consent.scopes,
			expiresAt: state.now() + (state.codeTtlSeconds * 1000),
			used: false,
		});
		const acceptUrl = consent.ruName.acceptUrl;
		const target = consent.wrongPath === undefined ? acceptUrl : new URL(consent.wrongPath, acceptUrl);
		// withQuery URL-encodes the code once, as eBay does: ^ # = + / all arrive percent-encoded.
		return redirect(withQuery(target, {state: consent.state, code, expires_in: String(Math.max(0, state.codeTtlSeconds - 1))}));
	};
}
