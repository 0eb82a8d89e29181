// Why a consent is not coming back, most likely first, from what the
// callback server saw: the words of the troubleshooter and the time-out screen.
import type {Cause} from '../components/CauseList.js';
import type {CallbackEvent} from '../oauth/callback-server.js';
import type {ProviderDefinition} from '../providers/types.js';

export type {Cause} from '../components/CauseList.js';

export type CauseInput = {
	readonly provider: Pick<ProviderDefinition, 'id' | 'displayName' | 'redirectKind' | 'portalUrl'> & Partial<Pick<ProviderDefinition, 'consentErrorPages' | 'allowLabel' | 'redirectRefusalPage' | 'scopesPerEnvironment'>>;
	/** The redirect URI (or eBay RuName) sent. */
	readonly redirect: string;
	/** What the callback server saw, oldest first. */
	readonly seen: readonly CallbackEvent[];
	/** Still waiting (the troubleshooter), or over (time-out, error): changes which keys the actions name. */
	readonly live: boolean;
	/** What the credentials step warned about (e.g. a production App ID used in the sandbox): blamed first. */
	readonly credentialsWarning?: string;
};

function allowLabel(provider: CauseInput['provider']): string {
	return provider.allowLabel ?? 'Allow';
}

function originOf(redirect: string): string {
	try {
		return new URL(redirect).origin;
	} catch {
		return redirect;
	}
}

function pathOf(redirect: string): string {
	try {
		return new URL(redirect).pathname;
	} catch {
		return redirect;
	}
}

function lowerFirst(text: string): string {
	return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

function withDescription(description: string | undefined): string {
	return description ? ` ("${description.replace(/[.\s]+$/, '')}")` : '';
}

/** A provider `error=` on the callback, for this provider, with what to do in the wizard. */
export function providerErrorCause(input: {provider: CauseInput['provider']; error: string; description?: string}): Cause {
	const {provider, error, description} = input;
	const name = provider.displayName;
	const said = withDescription(description);
	switch (error) {
		case 'access_denied': {
			return {
				cause: `The consent was declined on ${name}'s page${said}: the user chose not to allow the app.`,
				action: `Press r to start again and choose "${allowLabel(provider)}".`,
			};
		}

		case 'invalid_scope': {
			return {
				cause: `${name} refused a requested scope${said}: this app is not granted it${provider.scopesPerEnvironment ? ' in this environment' : ''}.`,
				action: `Press Esc to go back to the scopes and leave out the one ${name} names${provider.scopesPerEnvironment ? `; the app's scopes are listed at ${provider.portalUrl}` : ''}.`,
			};
		}

		case 'invalid_request': {
			return provider.redirectKind === 'runame'
				? {cause: `${name} found the consent request malformed${said}: usually a RuName that belongs to another App ID or environment.`, action: 'Press Esc to check the RuName and the environment, then try again.'}
				: {cause: `${name} found the consent request malformed${said}.`, action: 'Press r to start again; if it repeats, run `mkt-wizard doctor` and check the keystring.'};
		}

		case 'unauthorized_client': {
			return provider.redirectKind === 'runame'
				? {cause: `${name} says this App ID may not use this grant${said}: often because redirect_uri held a URL instead of the RuName.`, action: 'Press Esc and enter the RuName (like Jane_Doe-JaneDoeA-MyApp-abcdef), not its accept URL.'}
				: {cause: `${name} says this app may not ask for user consent${said}.`, action: `Check at ${provider.portalUrl} that the app is active, then press r.`};
		}

		case 'server_error':
		case 'temporarily_unavailable': {
			return {cause: `${name} had a problem on its side${said}.`, action: 'Wait a minute, then press r to start again.'};
		}

		default: {
			return {cause: `${name} answered the consent with error "${error}"${said}.`, action: `Fix what it names in the app settings at ${provider.portalUrl}, then press r.`};
		}
	}
}

function wrongPathCause(input: CauseInput, path: string): Cause {
	const {provider, redirect} = input;
	return {
		cause: `The browser came back to ${originOf(redirect)}${path}, not to ${pathOf(redirect)}: the consent it finished was made with another redirect URI (an older consent URL, or the one registered at ${provider.displayName}).`,
		action: `Compare the registered redirect URI with the one sent: re-run with the registered one, or register exactly ${redirect}.`,
	};
}

function stateMismatchCause(input: CauseInput): Cause {
	return {
		cause: 'A callback came with a state this attempt did not issue: a consent tab from an earlier attempt, or another program signing in on this port.',
		action: input.live
			? 'Close the older consent tabs and use the URL shown now (Esc, then c to show it or o to open it again).'
			: 'Close the older consent tabs, press r to start again, and use only the newest tab.',
	};
}

function missingCodeCause(input: CauseInput): Cause {
	return {
		cause: 'The browser reached the callback without a code: the address was opened by hand, or the page was reloaded.',
		action: input.live ? 'Open the consent page again (Esc, then o) and approve it.' : 'Press r to start again and approve the new consent page.',
	};
}

function nothingCauses(input: CauseInput): Cause[] {
	const {provider, redirect, live} = input;
	const name = provider.displayName;
	const page = provider.redirectRefusalPage;
	return [
		{
			cause: `${name} refused the redirect URI and showed its own error page${page ? ` ("${page}")` : ''} instead of redirecting: the one registered for the app differs from ${redirect} by at least one character.`,
			action: `${live ? 'Paste the registered one below' : 'Press Enter and paste the registered one'} (or the error page's address) to see the difference and the one fix.`,
		},
		{
			cause: `The consent page is still open: nothing comes back until it is answered.`,
			action: `Finish it in the browser: choose "${allowLabel(provider)}".${live ? '' : ' Then press r, since this attempt is over.'}`,
		},
		{
			cause: `The browser runs on another machine (SSH, a container, a VM), so it cannot reach ${originOf(redirect)} here.`,
			action: live
				? 'Copy the address the browser ended on, then on the consent screen (Esc) press p and paste it.'
				: 'Press r, open the new URL there, and paste the address it ends on with p.',
		},
	];
}

function pastedCauses(input: CauseInput): Cause[] {
	const {provider, redirect} = input;
	return [
		{
			cause: `After you agree, ${provider.displayName} sends the browser to the accept URL of the RuName ${redirect}, not to this machine.`,
			action: 'Copy the whole address of the page you land on, and paste it with p on the consent screen.',
		},
		...Object.entries(provider.consentErrorPages ?? {}).map(([id, page]) => ({
			cause: `A page showing ${page.text ? `"${page.text}"` : `"${id}"`} (${id}, HTTP ${page.status}) instead of the consent: ${lowerFirst(page.cause)}`,
			action: page.remedy,
		})),
		{
			cause: 'The page you land on is not the one you expect: the accept URL set for the RuName points elsewhere.',
			action: `Check the RuName's Auth Accepted URL under User Tokens at ${provider.portalUrl}; the code is in that page's address.`,
		},
	];
}

/** Likely causes, most likely first: what the server saw decides the order. */
export function consentCauses(input: CauseInput): Cause[] {
	const causes: Cause[] = [];
	if (input.credentialsWarning) {
		// The wizard warned about it before consent: the likeliest reason, so it comes before any guess about the redirect.
		causes.push({
			cause: `${input.credentialsWarning.replace(/[.\s]+$/, '')}: the credentials step warned about it, and ${input.provider.displayName} then shows an error page instead of the consent.`,
			action: input.live ? 'Press Esc twice to go back to the credentials, and check the keys and the environment.' : 'Press Esc to go back to the credentials, and check the keys and the environment.',
		});
	}


	for (const event of input.seen) {
		if (event.type === 'provider-error') {
			causes.push(providerErrorCause({provider: input.provider, error: event.error, ...(event.description ? {description: event.description} : {})}));
		}
	}

	const warned = input.credentialsWarning ? 1 : 0;
	if (input.provider.redirectKind !== 'loopback-url') {
		return causes.length > warned ? causes : [...causes, ...pastedCauses(input)];
	}

	const wrongPath = input.seen.find(event => event.type === 'request' && event.outcome === 'wrong-path');
	if (wrongPath?.type === 'request') {
		causes.push(wrongPathCause(input, wrongPath.path));
	}

	if (input.seen.some(event => event.type === 'request' && event.outcome === 'state-mismatch')) {
		causes.push(stateMismatchCause(input));
	}

	if (input.seen.some(event => event.type === 'request' && event.outcome === 'missing-code')) {
		causes.push(missingCodeCause(input));
	}

	return causes.length > warned ? causes : [...causes, ...nothingCauses(input)];
}
