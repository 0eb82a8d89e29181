// What the callback server makes of one request, decided from its method and
// URL alone: the server only carries the verdict out.
import type {MktError} from '../errors.js';
import {terminalText} from '../terminal-text.js';
import {type Page, pages} from './callback-pages.js';
import {checkIssuer} from './issuer.js';
import {cleanProviderText} from './provider-text.js';
import {statesEqual} from './state.js';

export type RequestOutcome = 'favicon' | 'wrong-path' | 'wrong-method' | 'state-mismatch' | 'missing-code' | 'after-finish';

/** Query parameter of the self-test request: answered 204, never taken for a callback. */
export const SELF_TEST_PARAMETER = 'mkt_wizard_self_test';

export type CallbackExpectations = {
	/** The registered redirect URI, named on the wrong-path page. */
	readonly redirectUri: string;
	/** Its path: the only one a callback comes to. */
	readonly path: string;
	/** The state sent on the authorization request. */
	readonly state: string;
	readonly expectedIssuer?: string;
	/** The secret a self-test request carries when it is our own. */
	readonly selfTestToken: string;
	/** The wait is over: whatever comes now is told so. */
	readonly finished: boolean;
};

/** A request that is not the callback: answered with an explaining page and reported as seen. */
export type Refusal = {
	readonly kind: 'refused';
	readonly path: string;
	readonly outcome: RequestOutcome;
	readonly detail?: string;
	readonly status: number;
	readonly page: Page;
	readonly headers?: Readonly<Record<string, string>>;
};

export type CallbackVerdict =
	| Refusal
	/** Another path: a consent link's, if the link server knows it, else refused. */
	| {readonly kind: 'elsewhere'; readonly refusal: Refusal}
	/** A link preview or prefetch: the headers of a page, and never the code's one use. */
	| {readonly kind: 'head'}
	/** `proven`: it carries our token, so the answer proves this server answered. */
	| {readonly kind: 'self-test'; readonly proven: boolean}
	| {readonly kind: 'issuer-mismatch'; readonly error: MktError}
	/** The provider's error and description, made safe for a terminal. */
	| {readonly kind: 'provider-error'; readonly error: string; readonly description?: string}
	| {readonly kind: 'code'; readonly code: string; readonly params: URLSearchParams};

const closing = {connection: 'close'};

function parseTarget(target: string | undefined): URL {
	try {
		return new URL(target ?? '/', 'http://callback.invalid');
	} catch {
		return new URL('http://callback.invalid/');
	}
}

/** A GET on the callback path that is not a self-test: ours only with our state, then an error or exactly one code. */
function classifyAnswer(path: string, params: URLSearchParams, expected: CallbackExpectations): CallbackVerdict {
	// The state first: nothing else in an answer that is not ours is trusted.
	// Exactly one: a parameter sent twice (RFC 6749 §3.1 forbids it) is not the state we sent.
	const states = params.getAll('state');
	const receivedState = states.length === 1 ? states[0] : undefined;
	if (!statesEqual(expected.state, receivedState)) {
		const detail = states.length > 1 ? 'duplicated' : (receivedState ? 'different' : 'missing');
		return {kind: 'refused', path, outcome: 'state-mismatch', detail, status: 400, page: pages.stateMismatch};
	}

	const issuerProblem = checkIssuer(params, expected.expectedIssuer);
	if (issuerProblem) {
		return {kind: 'issuer-mismatch', error: issuerProblem};
	}

	const error = params.get('error');
	if (error !== null) {
		const description = params.get('error_description') ?? undefined;
		// Whoever sent the browser here wrote these: they reach the terminal only made safe.
		return {
			kind: 'provider-error',
			error: terminalText(cleanProviderText(error, 64)),
			...(description === undefined ? {} : {description: terminalText(cleanProviderText(description))}),
		};
	}

	if (params.getAll('code').length > 1) {
		return {kind: 'refused', path, outcome: 'missing-code', detail: 'duplicated', status: 400, page: pages.duplicatedCode};
	}

	const code = params.get('code');
	return code ? {kind: 'code', code, params} : {kind: 'refused', path, outcome: 'missing-code', status: 400, page: pages.missingCode};
}

/** What one request to the callback server is, in the order the server must judge it. */
export function classifyCallbackRequest(request: {readonly method?: string; readonly url?: string}, expected: CallbackExpectations): CallbackVerdict {
	const {pathname: path, searchParams: params} = parseTarget(request.url);
	const method = request.method ?? 'GET';
	if (path === '/favicon.ico' && path !== expected.path) {
		return {kind: 'refused', path, outcome: 'favicon', status: 404, page: pages.notFound};
	}

	if (expected.finished) {
		return {kind: 'refused', path, outcome: 'after-finish', status: 200, page: pages.afterFinish, headers: closing};
	}

	if (path !== expected.path) {
		const page = pages.wrongPath({path, expectedPath: expected.path, redirectUri: expected.redirectUri});
		return {kind: 'elsewhere', refusal: {kind: 'refused', path, outcome: 'wrong-path', detail: path, status: 404, page}};
	}

	if (method !== 'GET' && method !== 'HEAD') {
		const detail = cleanProviderText(method, 20);
		return {kind: 'refused', path, outcome: 'wrong-method', detail, status: 405, page: pages.wrongMethod, headers: {allow: 'GET, HEAD', ...closing}};
	}

	if (method === 'HEAD') {
		return {kind: 'head'};
	}

	if (params.has(SELF_TEST_PARAMETER)) {
		return {kind: 'self-test', proven: params.get(SELF_TEST_PARAMETER) === expected.selfTestToken};
	}

	return classifyAnswer(path, params, expected);
}
