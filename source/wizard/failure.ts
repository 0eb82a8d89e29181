// A thrown error → what the wizard shows: the generic error screen, or one of
// the troubleshooting screens (time-out, provider error=, busy port, self-test).
import {isMktError} from '../errors.js';
import type {CallbackEvent} from '../oauth/callback-server.js';
import {environmentOfClientId, getProvider} from '../providers/index.js';
import type {ResolvedAddress} from '../troubleshoot/loopback.js';
import type {WizardServices} from './services.js';
import type {ConsentView, InputStepId, Run, RunState, RunStepId, ShownFailure, WizardState} from './state.js';

/** The input at fault for each failure code the wizard knows; Esc goes back to it. */
const inputAtFault = new Map<string, 'credentials' | 'scopes' | 'redirect'>([
	['invalid_client', 'credentials'],
	['invalid_api_key', 'credentials'],
	['shared_secret_required', 'credentials'],
	['unauthorized_client', 'credentials'],
	['invalid_scope', 'scopes'],
	['insufficient_scope', 'scopes'],
	['port_in_use', 'redirect'],
	['port_denied', 'redirect'],
	['redirect_not_loopback', 'redirect'],
	['self_test_failed', 'redirect'],
	['callback_timeout', 'redirect'],
]);

/** The first of the error's codes the table knows. Our own code comes first: a provider's code can be free text (Etsy's 401 says "Invalid API key"), and ours is always a known name. */
function knownCode(error: {code: string; providerCode?: string | undefined}): string | undefined {
	return [error.code, error.providerCode].find(code => code !== undefined && inputAtFault.has(code));
}

/** Where a failure sends Esc: the input at fault; scopes only where the run asked for them (user tokens); an unknown code, the last input of the run. */
export function backStepFor(error: {code: string; providerCode?: string | undefined}, state: Pick<WizardState, 'grant'>): InputStepId {
	const code = knownCode(error);
	const input = code === undefined ? undefined : inputAtFault.get(code);
	return input === undefined || input === 'scopes' ? (state.grant === 'user' ? 'scopes' : 'credentials') : input;
}

/**
 * In the wizard the fix for rejected credentials is Esc back to them, not another `mkt-wizard login`:
 * the provider's remedy without its "run … again", after that way back.
 */
export function credentialsRemedy(remedy: string): string {
	const what = remedy
		.replace(/,? (and|then) run `mkt-wizard login[^`]*` again/i, '')
		.replace(/^run `mkt-wizard login[^`]*` again[^.]*\.?\s*/i, '')
		.trim();
	return `Press Esc to go back to the credentials${what ? `: ${what.charAt(0).toLowerCase()}${what.slice(1)}` : ' and correct them.'}`;
}

/** The provider rejected the app's keys (a credentials code, and Esc goes back to the credentials). */
function keysRejected(error: {code: string; providerCode?: string | undefined}): boolean {
	const code = knownCode(error);
	return code !== undefined && inputAtFault.get(code) === 'credentials';
}

export function toFailure(error: unknown, state: Pick<WizardState, 'grant'>, retry: RunStepId, details: string[] = []): ShownFailure {
	if (isMktError(error)) {
		return {
			message: error.message,
			remedy: keysRejected(error) ? credentialsRemedy(error.remedy) : error.remedy,
			...(error.providerCode ? {providerCode: error.providerCode} : {}),
			details,
			retry,
			back: backStepFor(error, state),
		};
	}

	const name = error instanceof Error ? error.name : typeof error;
	return {message: `Something unexpected went wrong (${name}).`, remedy: 'Press r to try again; if it happens again, report it with MKT_WIZARD_DEBUG=1.', details, retry, back: 'credentials'};
}

/** "The callback server saw …" lines for the generic error screen. */
export function seenDetails(state: {readonly consent?: ConsentView | undefined}): string[] {
	const events = state.consent?.events ?? [];
	if (events.length === 0) {
		return ['The callback server saw no request at all.'];
	}

	return ['What the callback server saw:', ...events.map(event => `  ${event.text}`)];
}

function portOf(redirect: string | undefined): number | undefined {
	try {
		const url = new URL(redirect ?? '');
		return Number(url.port || 80);
	} catch {
		return undefined;
	}
}

/** What to check when the callback server did not answer itself, with what `localhost` resolves to here. */
export function selfTestDetails(input: {message: string; redirect: string | undefined; localhost?: readonly ResolvedAddress[] | undefined}): string[] {
	const {message, localhost} = input;
	const failedOnIpv6 = /\[[\da-f:]+\]|::1/i.test(message);
	const lines = ['What to check:', '  A firewall or security tool blocking connections to this machine\'s own loopback addresses: allow them for node.'];
	if (localhost) {
		const foreign = localhost.filter(address => !address.loopback);
		const listed = localhost.map(address => address.address).join(', ') || 'nothing';
		lines.push(foreign.length > 0
			? `  localhost resolves here to ${listed}, and ${foreign.map(address => address.address).join(', ')} is not loopback: fix the localhost lines in /etc/hosts (127.0.0.1 localhost and ::1 localhost).`
			: `  localhost resolves here to ${listed} (loopback, as it should); a hosts entry for localhost that is not loopback would break this.`);
	} else {
		lines.push('  A hosts entry for localhost that is not 127.0.0.1 or ::1 (see /etc/hosts).');
	}

	const port = portOf(input.redirect);
	const where = port === undefined ? '' : `:${port}`;
	lines.push(failedOnIpv6
		? `  IPv6 on loopback may be disabled: use http://127.0.0.1${where}/… as the redirect URI (Esc), and register it.`
		: `  An IPv6-only machine: use http://[::1]${where}/… as the redirect URI (Esc), and register it.`);
	return lines;
}

/** eBay invalid_client: the SBX/PRD mix-up when the App ID tells, else the Cert ID. */
export function exchangeDetails(error: unknown, state: Pick<Run, 'provider' | 'environment' | 'credentials'>): string[] {
	const provider = getProvider(state.provider);
	const markers = provider.clientIdChecks?.environmentMarkers;
	if (!isMktError(error) || (error.providerCode ?? error.code) !== 'invalid_client' || !markers) {
		return [];
	}

	const keyEnvironment = environmentOfClientId(state.credentials.clientId, provider);
	if (keyEnvironment && keyEnvironment !== state.environment) {
		return [
			`The App ID contains ${markers[keyEnvironment]}: a ${keyEnvironment} key, used against ${state.environment}.`,
			`Press Esc for the credentials and enter the ${state.environment} keyset, or go back further and choose ${keyEnvironment}.`,
		];
	}

	return ['The App ID and Cert ID must be from the same keyset and environment (sandbox IDs contain SBX, production IDs PRD): press Esc to check the Cert ID.'];
}

export type ConsentFailureContext = {
	readonly state: RunState;
	readonly services: Pick<WizardServices, 'findPortOwner' | 'freeRedirect' | 'resolveLocalhost'>;
	/** A provider error= seen on the callback during this attempt. */
	readonly providerError?: Extract<CallbackEvent, {type: 'provider-error'}>;
};

/** A provider error= on the callback or in a pasted address: its own screen, with the code and description. */
export function providerFailure(base: ShownFailure, providerName: string, providerError: {error: string; description?: string}): ShownFailure {
	return {
		...base,
		kind: 'provider-error',
		title: `${providerName} answered with an error`,
		providerError: {error: providerError.error, ...(providerError.description ? {description: providerError.description} : {})},
	};
}

/** A consent failure, with the facts its screen needs looked up (port owner, a free port, localhost). */
export async function consentFailure(error: unknown, context: ConsentFailureContext): Promise<ShownFailure> {
	const {state, services, providerError} = context;
	// What the callback server saw does not matter when the provider rejected the app's keys.
	const seen = isMktError(error) && keysRejected(error) ? [] : seenDetails(state);
	const base = toFailure(error, state, 'consent', seen);
	if (!isMktError(error)) {
		return base;
	}

	const name = getProvider(state.provider).displayName;
	switch (error.code) {
		case 'callback_timeout': {
			return {...base, kind: 'timeout', title: 'No callback arrived'};
		}

		case 'port_in_use': {
			const port = portOf(state.redirect);
			if (port === undefined) {
				return base;
			}

			const [owner, alternative] = await Promise.all([
				services.findPortOwner?.(port).catch(() => undefined),
				services.freeRedirect?.(state.redirect ?? '').catch(() => undefined),
			]);
			return {...base, kind: 'port-in-use', title: `Port ${port} is in use`, port: {port, ...(owner ? {owner} : {}), ...(alternative ? {alternative} : {})}};
		}

		case 'self_test_failed': {
			const localhost = await services.resolveLocalhost?.().catch(() => undefined);
			return {
				...base,
				kind: 'self-test',
				title: 'The callback server did not answer itself',
				details: selfTestDetails({message: error.message, redirect: state.redirect, localhost}),
			};
		}

		default: {
			return providerError ? providerFailure(base, name, providerError) : base;
		}
	}
}

/** A failure in a pasted address; a provider error= in it (eBay's accept URL) gets the same screen as one on the callback. */
export function pastedFailure(error: unknown, state: Pick<WizardState, 'grant' | 'provider'>): ShownFailure {
	const base = toFailure(error, state, 'consent');
	return isMktError(error) && error.providerCode && state.provider
		? providerFailure(base, getProvider(state.provider).displayName, {error: error.providerCode})
		: base;
}
