// Every failure of a provider call as an MktError naming the step: answers that
// are not a success (response-errors.ts), network and proxy failures, consent errors.
import {MktError} from '../errors.js';
import type {ProviderDefinition} from '../providers/types.js';
import {formatDurationWords} from '../time.js';
import {type HttpResponse, NetworkError} from './http.js';
import {cleanProviderText, explained, type FailedStep, safeCode, stepNames, withoutFinalPeriod} from './provider-text.js';
import {fromResponse} from './response-errors.js';

export type ProviderErrorInput = {
	readonly provider: ProviderDefinition;
	/** A provider answer that is not a success. */
	readonly response?: HttpResponse;
	/** A thrown error (NetworkError from the HTTP client, or anything else). */
	readonly error?: unknown;
	readonly during: FailedStep;
};

/** What to do after the connection failed mid-request: the code or refresh token may be spent. */
function afterCutRemedy(provider: ProviderDefinition, during: FailedStep): string | undefined {
	if (during === 'refresh' && provider.rotatesRefreshToken) {
		return `The saved refresh token may already be spent: run \`mkt-wizard token ${provider.id}\`, and if that fails, run \`mkt-wizard login ${provider.id}\`.`;
	}

	if (during === 'exchange') {
		return `An authorization code works only once: run \`mkt-wizard login ${provider.id}\` again.`;
	}

	return undefined;
}

const proxyRemedy = 'Check HTTPS_PROXY, HTTP_PROXY and NO_PROXY in your environment, then try again.';

/** The failures that are the proxy's own: a setting we cannot use, a refused tunnel, a proxy that is down or unknown. */
function fromProxy(provider: ProviderDefinition, error: NetworkError, during: FailedStep): MktError | undefined {
	const name = provider.displayName;
	const step = stepNames[during];
	const options = {cause: error};
	if (error.code === 'ERR_PROXY_SETTING') {
		return new MktError(
			'proxy_setting',
			`The proxy setting (HTTPS_PROXY, HTTP_PROXY or ALL_PROXY) is not an http:// proxy URL mkt-wizard can use, so ${step} with ${name} was not sent.`,
			'Set it to http://host:port (or http://user:password@host:port), or unset it.',
			options,
		);
	}

	const {via} = error;
	if (!via) {
		return undefined;
	}

	if (via.status !== undefined) {
		return new MktError(
			'proxy_refused',
			`The proxy ${via.proxy} refused to pass ${step} on to ${name} (${error.host}, HTTP ${via.status}).`,
			via.status === 407
				? 'The proxy wants a user name and password: give them in HTTPS_PROXY as http://user:password@host:port.'
				: `Ask whoever runs the proxy to allow ${error.host}, or add it to NO_PROXY if it can be reached directly.`,
			options,
		);
	}

	if (error.kind === 'refused' || error.kind === 'dns') {
		const what = error.kind === 'refused' ? 'refused the connection' : 'could not be found (its host name does not resolve)';
		return new MktError(error.kind === 'refused' ? 'network_refused' : 'network_dns', `Could not reach ${name} for ${step}: the proxy ${via.proxy} ${what}.`, proxyRemedy, options);
	}

	return undefined;
}

function fromNetworkError(provider: ProviderDefinition, error: NetworkError, during: FailedStep): MktError {
	const proxied = fromProxy(provider, error, during);
	if (proxied) {
		return proxied;
	}

	const name = provider.displayName;
	const step = stepNames[during];
	const host = error.via ? `${error.host} through the proxy ${error.via.proxy}` : error.host;
	const options = {cause: error};
	switch (error.kind) {
		case 'refused': {
			return new MktError('network_refused', `Could not reach ${name} for ${step}: ${host} refused the connection.`, 'Check your network connection and any MKT_WIZARD_* endpoint overrides, then try again.', options);
		}

		case 'dns': {
			return new MktError('network_dns', `Could not reach ${name} for ${step}: the host name ${host} could not be resolved.`, 'Check your internet connection and DNS (and any MKT_WIZARD_* endpoint overrides), then try again.', options);
		}

		case 'timeout': {
			const within = error.timeoutMs === undefined ? 'in time' : `within ${formatDurationWords(error.timeoutMs)}`;
			return new MktError(
				'timeout',
				`${name} did not answer ${step} ${within} (${host}).`,
				afterCutRemedy(provider, during) ?? 'Check your connection and try again; on a slow network raise MKT_WIZARD_HTTP_TIMEOUT_MS (milliseconds).',
				options,
			);
		}

		case 'reset': {
			return new MktError('network_reset', `The connection to ${name} (${host}) was cut during ${step}.`, afterCutRemedy(provider, during) ?? 'Try again; if it keeps happening, a proxy or firewall may be cutting connections.', options);
		}

		case 'tls': {
			return new MktError(
				'tls',
				`The secure connection to ${name} (${host}) failed its certificate check during ${step}${error.code ? ` (${error.code})` : ''}.`,
				'If a corporate proxy or antivirus intercepts HTTPS, set NODE_EXTRA_CA_CERTS to the file of its CA certificate; otherwise check the system clock.',
				options,
			);
		}

		case 'other': {
			return new MktError('network_error', `Could not reach ${name} for ${step} (${host}${error.code ? `, ${error.code}` : ''}).`, 'Check your network connection and any MKT_WIZARD_* endpoint overrides, then try again.', options);
		}
	}
}

/**
 * The single classifier of provider failures: a failed answer or a thrown
 * error becomes an MktError naming the provider and the step, with the
 * provider's own explanation when it has one. Never quotes tokens, secrets,
 * codes or URLs: only the provider's error code, its description (cut to 200
 * characters) and host names.
 */
export function toProviderError(input: ProviderErrorInput): MktError {
	const {provider, response, error, during} = input;
	if (error instanceof MktError) {
		return error;
	}

	if (error instanceof NetworkError) {
		return fromNetworkError(provider, error, during);
	}

	if (response) {
		return fromResponse(provider, response, during);
	}

	// Anything else is a bug or an unforeseen failure; its text may hold a URL, so it is not quoted.
	return new MktError('unexpected_error', `Something unexpected went wrong during ${stepNames[during]} with ${provider.displayName}.`, 'Try again; if it keeps failing, run `mkt-wizard doctor` and report the problem.');
}

/**
 * An `error=` the provider sent back to the redirect URI, explained for this
 * provider (`access_denied`, `invalid_scope`…). Pass it as the callback
 * server's and the paste parser's `explain`.
 */
export function explainConsentError(options: {provider: ProviderDefinition; error: string; description?: string}): MktError {
	const {provider, error, description} = options;
	const known = provider.errors[error];
	if (known) {
		return explained({provider, during: 'consent', code: error, explanation: known});
	}

	const code = safeCode(error);
	const detail = description ? `: ${withoutFinalPeriod(cleanProviderText(description))}` : '';
	return new MktError(
		code,
		`${provider.displayName} answered the consent with error "${code}"${detail}.`,
		`Fix what the message names in the app's settings at ${provider.portalUrl}, then run \`mkt-wizard login ${provider.id}\` again.`,
		{providerCode: code},
	);
}

/** A consent `error=` explained without knowing the provider (the callback server and paste parser default). */
export function genericConsentError(error: string, description: string | undefined): MktError {
	const code = safeCode(error);
	const detail = description ? `: ${withoutFinalPeriod(cleanProviderText(description))}` : '';
	return new MktError(
		code,
		`The provider answered the consent with error "${code}"${detail}.`,
		'Fix what the provider\'s message names in the app settings, then sign in again.',
		{providerCode: code},
	);
}
