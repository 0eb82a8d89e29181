import {isLoopbackHost} from '../oauth/loopback.js';
import type {ProviderDefinition} from '../providers/types.js';
import {looksLikeRuName} from '../troubleshoot/redirect-parts.js';
import {checkPresent, fieldError, fieldWarning, type FieldCheck} from './field-check.js';

const example = 'http://localhost:3000/callback';
// URL drops a port equal to the scheme's default, so look at what was typed.
const explicitPort = /^[a-z][a-z\d+.-]*:\/\/(?:[^@/?#]*@)?(?:\[[^\]]*\]|[^/:?#]*):(\d+)(?:[/?#]|$)/i;

/** A loopback callback URL the wizard can listen on: http, this computer, an explicit port, a path. */
export function checkLoopbackRedirect(value: string): FieldCheck | undefined {
	const missing = checkPresent('The callback URL', value, `your app settings (for example ${example})`);
	if (missing) {
		return missing;
	}

	const text = value.trim();
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return fieldError(looksLikeRuName(text)
			? `That looks like an eBay RuName; Etsy wants the callback URL itself, like ${example}.`
			: `This is not a URL; it should look like ${example}.`);
	}

	if (url.protocol !== 'http:') {
		return fieldError(url.protocol === 'https:'
			? 'Use http: the wizard listens on this computer, and a local listener has no certificate for https.'
			: `Use an http:// address, like ${example}.`);
	}

	if (!isLoopbackHost(url.hostname)) {
		return fieldError(`The host must be this computer (localhost, 127.0.0.1 or [::1]), not ${url.hostname}.`);
	}

	const port = explicitPort.exec(text)?.[1];
	if (port === undefined) {
		return fieldError(`Add the port, as in ${example}: the provider matches the port exactly.`);
	}

	if (Number(port) === 0) {
		return fieldError('Port 0 cannot be registered: choose a fixed port such as 3000.');
	}

	if (url.pathname === '/' || url.pathname === '') {
		return fieldError('Add a path, such as /callback, after the port.');
	}

	if (url.hash !== '' || text.includes('#')) {
		return fieldError('Remove the #fragment: callback URLs with one are refused.');
	}

	if (Number(port) < 1024) {
		return fieldWarning(`Port ${port} needs administrator rights on most systems; 3000 or 8080 do not.`);
	}

	return undefined;
}

/** An eBay RuName: a name like Jane_Doe-JaneDoeA-MyApp-abcdef, not the accept URL it points at. */
export function checkRuName(value: string): FieldCheck | undefined {
	const trimmed = value.trim();
	if (/^[a-z][a-z\d+.-]*:\/\//i.test(trimmed)) {
		return fieldWarning('That is the accept URL; eBay wants the RuName (like Jane_Doe-JaneDoeA-MyApp-abcdef).');
	}

	return checkPresent('The RuName', value, 'developer.ebay.com → User Tokens → Get a Token from eBay via Your Application');
}

export function checkRedirect(provider: ProviderDefinition, value: string): FieldCheck | undefined {
	return provider.redirectKind === 'loopback-url' ? checkLoopbackRedirect(value) : checkRuName(value);
}
