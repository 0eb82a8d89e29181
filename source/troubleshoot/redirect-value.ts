// A sanity check of one redirect value, when there is nothing to compare it with.
import {getProvider} from '../providers/index.js';
import type {Environment, ProviderId} from '../providers/types.js';
import {describeStray, findStrayCharacters, hasStrayCharacters} from './invisible.js';
import {isLoopbackHost} from '../oauth/loopback.js';
import {parseUrlParts, redirectKind, ruNameEnvironmentHint} from './redirect-parts.js';

export type RedirectFinding = {
	readonly status: 'ok' | 'warn' | 'fail';
	/** One or two sentences for people. */
	readonly message: string;
};

export type RedirectValueCheck = {
	/** The worst finding's status. */
	readonly status: 'ok' | 'warn' | 'fail';
	readonly findings: RedirectFinding[];
};

export type ExplainRedirectInput = {
	readonly provider: ProviderId;
	readonly value: string;
	/** eBay: the environment the RuName is meant for, to flag a sandbox-looking RuName used with production. */
	readonly environment?: Environment;
};

const rank = {ok: 0, warn: 1, fail: 2} as const;

function summarise(findings: RedirectFinding[]): RedirectValueCheck {
	const status = findings.reduce<RedirectFinding['status']>((worst, finding) => (rank[finding.status] > rank[worst] ? finding.status : worst), 'ok');
	return {status, findings};
}

function etsyFindings(value: string): RedirectFinding[] {
	if (redirectKind(value) === 'runame') {
		return [{status: 'fail', message: 'This looks like an eBay RuName; Etsy needs the callback URL itself, such as http://localhost:3000/callback.'}];
	}

	const parts = parseUrlParts(value);
	if (!parts) {
		return [{status: 'fail', message: `${value} is not a URL: Etsy needs an http(s) callback URL such as http://localhost:3000/callback.`}];
	}

	const scheme = parts.scheme.toLowerCase();
	if (scheme !== 'http' && scheme !== 'https') {
		return [{status: 'fail', message: `Etsy needs an http or https callback URL, not ${parts.scheme}://.`}];
	}

	const findings: RedirectFinding[] = [];
	if (parts.scheme !== scheme || parts.host !== parts.host.toLowerCase()) {
		findings.push({status: 'warn', message: 'The scheme or host has capital letters: Etsy compares case, so register it written exactly this way.'});
	}

	const loopback = isLoopbackHost(parts.host);
	if (loopback && scheme === 'https') {
		findings.push({status: 'warn', message: "https on a loopback address cannot work locally: mkt-wizard's callback server speaks plain http, so use p to paste the address the browser lands on, or register an http:// one."});
	} else if (!loopback) {
		findings.push({status: 'warn', message: `${parts.host} is not this machine's loopback address, so mkt-wizard cannot listen for the callback: use p to paste the address the browser lands on.`});
	}

	if (loopback && parts.port === undefined) {
		findings.push({status: 'warn', message: `There is no port, so the browser goes to port ${scheme === 'https' ? 443 : 80}, which needs administrator rights to listen on: register one with a port, such as http://localhost:3000/callback.`});
	} else if (parts.port !== undefined && !/^\d{1,5}$/.test(parts.port)) {
		findings.push({status: 'fail', message: `"${parts.port}" is not a port number.`});
	}

	if (parts.fragment !== undefined) {
		findings.push({status: 'fail', message: 'Callback URLs with a #fragment are rejected, and the browser never sends the fragment: remove it here and in your app settings.'});
	}

	if (parts.query === '') {
		findings.push({status: 'warn', message: "It ends with a bare '?': that is part of the string Etsy compares, so register it exactly so or remove it in both places."});
	}

	if (parts.userinfo !== undefined) {
		findings.push({status: 'fail', message: 'It carries a user name before @: callback URLs have none.'});
	}

	if (loopback && parts.host.toLowerCase() === 'localhost') {
		findings.push({status: 'ok', message: 'localhost may resolve to 127.0.0.1 or ::1: mkt-wizard listens on each address it resolves to, but localhost and 127.0.0.1 are different strings to Etsy, so register the one you use.'});
	}

	return findings.length === 0 ? [{status: 'ok', message: 'A loopback callback URL mkt-wizard can listen on; register exactly this in your app settings.'}] : findings;
}

function ebayFindings(value: string, environment: Environment | undefined): RedirectFinding[] {
	const kind = redirectKind(value);
	if (kind === 'url') {
		return [{status: 'fail', message: "eBay wants the RuName in redirect_uri (like Jane_Doe-JaneDoeA-MyApp-abcdef); the https URL is the RuName's accept URL, set in the RuName's settings."}];
	}

	if (kind === 'other') {
		return [{status: 'warn', message: "This does not look like a RuName (Name-Name-App-abcdef): copy it from User Tokens → Get a Token from eBay via Your Application."}];
	}

	const hint = ruNameEnvironmentHint(value);
	if (environment && hint && hint.environment !== environment) {
		return [{status: 'warn', message: `This RuName looks like a ${hint.environment} one (it contains "${hint.marker}") but the environment is ${environment}: each environment has its own RuName.`}];
	}

	return [{status: 'ok', message: 'Shaped like an eBay RuName; it must belong to the same keyset and environment as the client id.'}];
}

export function explainRedirectValue(input: ExplainRedirectInput): RedirectValueCheck {
	const stray = findStrayCharacters(input.value);
	const findings: RedirectFinding[] = [];
	if (hasStrayCharacters(stray)) {
		findings.push({status: 'fail', message: `The value ${describeStray(stray)}: it is invisible but would be sent as part of redirect_uri, so it can never match.`});
	}

	if (stray.cleaned === '') {
		return summarise([...findings, {status: 'fail', message: 'The redirect value is empty.'}]);
	}

	findings.push(...(getProvider(input.provider).redirectKind === 'runame' ? ebayFindings(stray.cleaned, input.environment) : etsyFindings(stray.cleaned)));
	return summarise(findings);
}
