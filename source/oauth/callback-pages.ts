// The small pages the callback server answers the browser with. Every piece of
// text goes through escapeHtml, so nothing from the request can become markup.

import {escapeHtml} from '../escape-html.js';

/** Sent with every response of the callback server. */
export const pageHeaders: Readonly<Record<string, string>> = {
	'content-type': 'text/html; charset=utf-8',
	'cache-control': 'no-store',
	'referrer-policy': 'no-referrer',
	'x-content-type-options': 'nosniff',
	'content-security-policy': 'default-src \'none\'; style-src \'unsafe-inline\'; form-action \'none\'; frame-ancestors \'none\'',
};

const style = 'body{font:16px/1.5 system-ui,sans-serif;max-width:40em;margin:4em auto;padding:0 1em;color:#222}'
	+ 'h1{font-size:1.4em}code{background:#f2f2f2;padding:0 .2em}.note{color:#666}';

export type Page = {
	readonly title: string;
	readonly paragraphs: readonly string[];
};

export function renderPage(page: Page): string {
	const body = page.paragraphs.map(paragraph => `<p>${escapeHtml(paragraph)}</p>`).join('\n');
	return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(page.title)} · mkt-wizard</title><style>${style}</style></head>
<body>
<h1>${escapeHtml(page.title)}</h1>
${body}
<p class="note">mkt-wizard</p>
</body>
</html>
`;
}

export const pages = {
	success: {
		title: 'Authorization received',
		paragraphs: ['mkt-wizard has the authorization. You can close this tab and return to the terminal.'],
	},
	providerError: (options: {error: string; description?: string; message: string; remedy: string}): Page => ({
		title: `The provider answered: ${options.error}`,
		paragraphs: [
			...(options.description ? [options.description] : []),
			options.message,
			options.remedy,
			'Nothing was saved. You can close this tab and return to the terminal.',
		],
	}),
	stateMismatch: {
		title: 'This answer does not belong to the current sign-in',
		paragraphs: [
			'Its state parameter is missing or does not match the sign-in mkt-wizard is waiting for: it may come from an older tab or another login.',
			'mkt-wizard is still waiting: approve again from the newest consent page, or restart the sign-in in the terminal.',
		],
	},
	missingCode: {
		title: 'No authorization code',
		paragraphs: [
			'This address reached mkt-wizard without a code or an error parameter.',
			'mkt-wizard is still waiting: approve again from the consent page, or restart the sign-in in the terminal.',
		],
	},
	duplicatedCode: {
		title: 'More than one authorization code',
		paragraphs: [
			'This address carries the code parameter more than once, so mkt-wizard cannot tell which one the provider issued.',
			'mkt-wizard is still waiting: approve again from the consent page, or restart the sign-in in the terminal.',
		],
	},
	wrongPath: (options: {path: string; expectedPath: string; redirectUri: string}): Page => ({
		title: 'Not the callback address',
		paragraphs: [
			`mkt-wizard is waiting on the path ${options.expectedPath}, but this request went to ${options.path}.`,
			`If the provider sent you here, the redirect URI registered with it differs from the one mkt-wizard uses: register exactly ${options.redirectUri}.`,
		],
	}),
	wrongMethod: {
		title: 'Unexpected request',
		paragraphs: ['The callback address answers only GET requests from the browser.'],
	},
	notFound: {
		title: 'Not found',
		paragraphs: [],
	},
	afterFinish: {
		title: 'This sign-in has already finished',
		paragraphs: ['mkt-wizard already received an answer for it. You can close this tab and return to the terminal.'],
	},
} satisfies Record<string, Page | ((options: never) => Page)>;
