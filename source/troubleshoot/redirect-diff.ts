// Compares the redirect URI mkt-wizard sent with the one registered at the
// provider the way providers do (exact, case-sensitive, character for
// character), then says in words what differs and the one fix.
import {isLoopbackHost} from '../oauth/loopback.js';
import {describeStray, findStrayCharacters, hasStrayCharacters, type StrayCharacters} from './invisible.js';
import {
	defaultPort,
	isUsableLoopbackUrl,
	parseUrlParts,
	redirectKind,
	ruNameEnvironmentHint,
	type UrlParts,
} from './redirect-parts.js';

export {characterDiff, type DiffSegment} from './character-diff.js';
export {explainRedirectValue, type RedirectValueCheck, type RedirectFinding} from './redirect-value.js';

export type DifferencePart =
	| 'whitespace' | 'scheme' | 'host' | 'port' | 'path' | 'trailing-slash' | 'query' | 'fragment'
	| 'case' | 'userinfo' | 'encoding' | 'kind'
	/** Two eBay RuNames, one of which looks like a sandbox one. */
	| 'environment'
	/** Two values with nothing to line up: different RuNames, or text that is not a URL. */
	| 'value';

export type Difference = {
	readonly part: DifferencePart;
	/** That part of the value sent, as written ('' when absent). */
	readonly sent: string;
	/** That part of the registered value, as written ('' when absent). */
	readonly registered: string;
	/** One or two sentences for people. */
	readonly explanation: string;
};

/** What the one fix is, for a UI that offers it on a key. */
export type RedirectFix =
	| {readonly kind: 'none'}
	/** Re-run with this redirect URI; nothing changes at the provider. */
	| {readonly kind: 'rerun'; readonly redirectUri: string}
	/** Change the registration at the provider to exactly this value. */
	| {readonly kind: 'register'; readonly value: string};

export type RedirectComparison = {
	readonly equal: boolean;
	readonly differences: Difference[];
	/** One sentence. */
	readonly fix: string;
	readonly fixAction: RedirectFix;
};

export type CompareRedirectsInput = {
	/** The redirect_uri mkt-wizard sent. */
	readonly sent: string;
	/** The one registered at the provider, or the address bar of its error page, as pasted. */
	readonly registered: string;
};

const loopbackNote = 'different strings to the provider even though they reach the same machine';

function lines(...sentences: string[]): string {
	return sentences.join(' ');
}

function whitespaceDifferences(sent: StrayCharacters, registered: StrayCharacters): Difference[] {
	const same = sent.leading === registered.leading && sent.inner === registered.inner && sent.trailing === registered.trailing;
	if (same) {
		return [];
	}

	const differences: Difference[] = [];
	for (const [side, stray] of [['sent', sent], ['registered', registered]] as const) {
		if (hasStrayCharacters(stray)) {
			differences.push({
				part: 'whitespace',
				sent: side === 'sent' ? stray.leading + stray.inner + stray.trailing : '',
				registered: side === 'registered' ? stray.leading + stray.inner + stray.trailing : '',
				explanation: lines(
					`The ${side === 'sent' ? 'value sent' : 'registered value'} ${describeStray(stray)}.`,
					'It cannot be seen on screen, but it is part of the string the provider compares.',
				),
			});
		}
	}

	return differences;
}

function schemeDifference(sent: string, registered: string): Difference | undefined {
	if (sent === registered) {
		return undefined;
	}

	if (sent.toLowerCase() === registered.toLowerCase()) {
		return {part: 'case', sent, registered, explanation: `The scheme is written ${sent} in one and ${registered} in the other: the provider compares letter case too.`};
	}

	const httpPair = new Set([sent.toLowerCase(), registered.toLowerCase()]);
	const explanation = httpPair.has('http') && httpPair.has('https')
		? `One uses ${sent === 'http' || registered === 'http' ? 'http' : 'https'} and the other ${httpPair.has('https') ? 'https' : 'http'}: to the provider these are different addresses, and mkt-wizard's callback server on this machine speaks plain http.`
		: `The scheme differs (${sent}:// sent, ${registered}:// registered).`;
	return {part: 'scheme', sent, registered, explanation};
}

function withoutWww(host: string): string {
	return host.toLowerCase().replace(/^www\./, '');
}

function hostDifference(sent: string, registered: string): Difference | undefined {
	if (sent === registered) {
		return undefined;
	}

	if (sent.toLowerCase() === registered.toLowerCase()) {
		return {part: 'case', sent, registered, explanation: `The host is written ${sent} in one and ${registered} in the other: the provider compares letter case too.`};
	}

	if (isLoopbackHost(sent) && isLoopbackHost(registered)) {
		return {
			part: 'host',
			sent,
			registered,
			explanation: `The host is ${sent} in the one sent and ${registered} in the registered one: ${loopbackNote}.`,
		};
	}

	if (withoutWww(sent) === withoutWww(registered)) {
		const withWww = sent.toLowerCase().startsWith('www.') ? 'sent' : 'registered';
		return {
			part: 'host',
			sent,
			registered,
			explanation: `Only the ${withWww} one has www.: to the provider ${sent} and ${registered} are different hosts.`,
		};
	}

	return {part: 'host', sent, registered, explanation: `The host differs: ${sent} sent, ${registered} registered.`};
}

function describePort(scheme: string, port: string | undefined): string {
	if (port === undefined) {
		const implied = defaultPort(scheme);
		return implied ? `no port (so the default, ${implied})` : 'no port';
	}

	return port === '' ? 'a bare ":" with no port' : `port ${port}`;
}

function portDifference(sent: UrlParts, registered: UrlParts): Difference | undefined {
	if (sent.port === registered.port) {
		return undefined;
	}

	const values = {sent: sent.port ?? '', registered: registered.port ?? ''};
	const sentPort = sent.port || defaultPort(sent.scheme);
	const registeredPort = registered.port || defaultPort(registered.scheme);
	if (sentPort !== undefined && sentPort === registeredPort) {
		return {
			part: 'port',
			...values,
			explanation: `Both mean port ${sentPort}, but one writes it and the other leaves it out: the provider compares the text, so they differ.`,
		};
	}

	return {
		part: 'port',
		...values,
		explanation: `The one sent has ${describePort(sent.scheme, sent.port)} and the registered one has ${describePort(registered.scheme, registered.port)}: the port is part of the string and must match exactly.`,
	};
}

function safeDecode(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

function pathDifferences(sent: string, registered: string): Difference[] {
	if (sent === registered) {
		return [];
	}

	const differences: Difference[] = [];
	const sentSlash = sent.endsWith('/');
	const registeredSlash = registered.endsWith('/');
	const sentBody = sentSlash ? sent.slice(0, -1) : sent;
	const registeredBody = registeredSlash ? registered.slice(0, -1) : registered;
	if (sentSlash !== registeredSlash) {
		differences.push({
			part: 'trailing-slash',
			sent,
			registered,
			explanation: `Only the ${sentSlash ? 'one sent' : 'registered one'} ends with a slash (${sentSlash ? sent : registered} vs ${(sentSlash ? registered : sent) || 'nothing after the port'}): a trailing / makes it a different string.`,
		});
	}

	if (sentBody === registeredBody) {
		return differences;
	}

	if (safeDecode(sentBody) === safeDecode(registeredBody)) {
		differences.push({part: 'encoding', sent, registered, explanation: `The paths are the same once percent-encoding is undone (${sent} vs ${registered}), but the provider compares them as written.`});
	} else if (safeDecode(sentBody).toLowerCase() === safeDecode(registeredBody).toLowerCase()) {
		differences.push({part: 'case', sent, registered, explanation: `The path is written ${sent} in one and ${registered} in the other: the provider compares letter case too.`});
	} else {
		differences.push({part: 'path', sent, registered, explanation: `The path differs: ${sent || '(none)'} sent, ${registered || '(none)'} registered.`});
	}

	return differences;
}

function describeQuery(query: string | undefined): string {
	if (query === undefined) {
		return 'no query';
	}

	return query === '' ? "a bare '?' at the end" : `the query ?${query}`;
}

function queryDifference(sent: string | undefined, registered: string | undefined): Difference | undefined {
	if (sent === registered) {
		return undefined;
	}

	return {
		part: 'query',
		sent: sent === undefined ? '' : `?${sent}`,
		registered: registered === undefined ? '' : `?${registered}`,
		explanation: `The one sent has ${describeQuery(sent)} and the registered one ${describeQuery(registered)}: even an empty '?' makes it a different string.`,
	};
}

function fragmentDifference(sent: string | undefined, registered: string | undefined): Difference | undefined {
	if (sent === registered) {
		return undefined;
	}

	return {
		part: 'fragment',
		sent: sent === undefined ? '' : `#${sent}`,
		registered: registered === undefined ? '' : `#${registered}`,
		explanation: `Only one has a #fragment (${sent === undefined ? `#${registered ?? ''} registered` : `#${sent} sent`}): providers reject callback URLs with a fragment, and the browser never sends it to the server.`,
	};
}

function urlDifferences(sent: UrlParts, registered: UrlParts): Difference[] {
	const userinfo: Difference | undefined = sent.userinfo === registered.userinfo
		? undefined
		: {part: 'userinfo', sent: sent.userinfo ?? '', registered: registered.userinfo ?? '', explanation: 'Only one has a user name before @ in the address: remove it, callback URLs carry none.'};
	return [
		schemeDifference(sent.scheme, registered.scheme),
		userinfo,
		hostDifference(sent.host, registered.host),
		portDifference(sent, registered),
		...pathDifferences(sent.path, registered.path),
		queryDifference(sent.query, registered.query),
		fragmentDifference(sent.fragment, registered.fragment),
	].filter((difference): difference is Difference => difference !== undefined);
}

const ruNameVsUrl = "eBay wants the RuName in redirect_uri; the https URL is the RuName's accept URL (Auth Accepted URL), set in the RuName's settings.";

function ruNameDifferences(sent: string, registered: string): Difference[] {
	if (sent.toLowerCase() === registered.toLowerCase()) {
		return [{part: 'case', sent, registered, explanation: 'The two RuNames differ only in letter case: eBay compares them exactly.'}];
	}

	const sentHint = ruNameEnvironmentHint(sent);
	const registeredHint = ruNameEnvironmentHint(registered);
	if (sentHint?.environment !== registeredHint?.environment && (sentHint?.environment === 'sandbox' || registeredHint?.environment === 'sandbox')) {
		const sandboxSide = sentHint?.environment === 'sandbox' ? 'sent' : 'registered';
		const marker = (sandboxSide === 'sent' ? sentHint : registeredHint)!.marker;
		return [{
			part: 'environment',
			sent,
			registered,
			explanation: `The ${sandboxSide} RuName looks like a sandbox one (it contains "${marker}") and the other does not: each environment has its own RuName, and it only works with that environment's keys.`,
		}];
	}

	return [{part: 'value', sent, registered, explanation: 'These are two different RuNames: each keyset and environment has its own, listed under User Tokens in the eBay developer portal.'}];
}

/** A URL typed without its scheme (`localhost:3000/callback`), read with the other side's scheme. */
function withBorrowedScheme(value: string, other: UrlParts): UrlParts | undefined {
	// A host, then a port or a path: `localhost:3000/callback`, `127.0.0.1/cb`.
	if (!/^(?:\[[\da-f:.]+\]|[a-z\d.-]+)(?::\d+(?:[/?#]|$)|\/)/i.test(value)) {
		return undefined;
	}

	return parseUrlParts(`${other.scheme}://${value}`);
}

function kindDifferences(sent: string, registered: string): Difference[] {
	const sentKind = redirectKind(sent);
	const registeredKind = redirectKind(registered);
	if (sentKind === 'url' && registeredKind === 'url') {
		return urlDifferences(parseUrlParts(sent)!, parseUrlParts(registered)!);
	}

	if (sentKind === 'runame' && registeredKind === 'runame') {
		return ruNameDifferences(sent, registered);
	}

	if ((sentKind === 'url' && registeredKind === 'runame') || (sentKind === 'runame' && registeredKind === 'url')) {
		const url = sentKind === 'url' ? 'sent' : 'registered';
		return [{part: 'kind', sent, registered, explanation: `The ${url} value is a URL and the other an eBay RuName: ${ruNameVsUrl}`}];
	}

	const [urlSide, other] = sentKind === 'url' ? [sent, registered] : (registeredKind === 'url' ? [registered, sent] : []);
	const borrowed = urlSide === undefined ? undefined : withBorrowedScheme(other!, parseUrlParts(urlSide)!);
	if (borrowed) {
		const sentParts = sentKind === 'url' ? parseUrlParts(sent)! : borrowed;
		const registeredParts = sentKind === 'url' ? borrowed : parseUrlParts(registered)!;
		const missing = sentKind === 'url' ? 'registered' : 'sent';
		return [
			{
				part: 'scheme',
				sent: sentKind === 'url' ? sentParts.scheme : '',
				registered: sentKind === 'url' ? '' : registeredParts.scheme,
				explanation: `The ${missing} value has no scheme: it should start with ${borrowed.scheme}://, exactly like the other.`,
			},
			...urlDifferences(sentParts, registeredParts).filter(difference => difference.part !== 'scheme'),
		];
	}

	if (urlSide !== undefined) {
		const notUrl = sentKind === 'url' ? 'registered' : 'sent';
		return [{part: 'kind', sent, registered, explanation: `The ${notUrl} value is not a URL, so it cannot match ${urlSide}.`}];
	}

	return [{part: 'value', sent, registered, explanation: 'The two values differ.'}];
}

function rerun(redirectUri: string): {action: RedirectFix; sentence: string} {
	return {action: {kind: 'rerun', redirectUri}, sentence: `Re-run with --redirect-uri ${redirectUri} (nothing to change in your app settings).`};
}

function register(value: string): {action: RedirectFix; sentence: string} {
	return {action: {kind: 'register', value}, sentence: `Register exactly ${value} in your app settings, character for character.`};
}

function chooseFix(input: {sent: string; registered: string; rawRegistered: StrayCharacters; differences: readonly Difference[]}): {action: RedirectFix; sentence: string} {
	const {sent, registered, differences} = input;
	const parts = new Set(differences.map(difference => difference.part));
	const registeredKind = redirectKind(registered);
	if (registeredKind === 'runame' && (parts.has('kind') || parts.has('environment') || parts.has('value') || parts.has('case'))) {
		return rerun(registered);
	}

	if (parts.has('kind') && redirectKind(sent) === 'runame') {
		return {
			action: {kind: 'none'},
			sentence: `Keep sending the RuName ${sent}: ${registered} is where eBay sends the browser after consent, so paste the address you land on with p.`,
		};
	}

	// Invisible characters in the registration itself are a problem at the provider, not a paste artefact.
	const {rawRegistered} = input;
	const registrationDirty = rawRegistered.inner !== '' || /[^ \t\r\n]/.test(rawRegistered.leading + rawRegistered.trailing);
	if (!registrationDirty && (sent === registered || isUsableLoopbackUrl(registered))) {
		return rerun(registered);
	}

	return register(sent);
}

export function compareRedirects(input: CompareRedirectsInput): RedirectComparison {
	if (input.sent === input.registered) {
		return {equal: true, differences: [], fix: 'Nothing to fix: the two are identical, character for character.', fixAction: {kind: 'none'}};
	}

	const sent = findStrayCharacters(input.sent);
	const registered = findStrayCharacters(input.registered);
	const differences = [
		...whitespaceDifferences(sent, registered),
		...(sent.cleaned === registered.cleaned ? [] : kindDifferences(sent.cleaned, registered.cleaned)),
	];
	const fix = chooseFix({sent: sent.cleaned, registered: registered.cleaned, rawRegistered: registered, differences});
	return {equal: false, differences, fix: fix.sentence, fixAction: fix.action};
}
