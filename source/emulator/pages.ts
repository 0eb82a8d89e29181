// The HTML the emulator shows in a browser. Every value that comes from a
// request passes through escapeHtml.

import {escapeHtml} from '../escape-html.js';

const style = `
body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#222}
h1{font-size:1.4rem}.note{color:#666;font-size:.9rem}.scopes li{margin:.3rem 0}
code{background:#f3f3f3;padding:0 .2rem;word-break:break-all}
button{font-size:1rem;padding:.5rem 1.2rem;margin-right:.5rem;cursor:pointer}
button.primary{background:#222;color:#fff;border:0;border-radius:4px}`;

/** A whole page; `title` is escaped, `content` must already be safe HTML. */
export function page({title, content}: {title: string; content: string}): string {
	return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${style}</style></head>
<body>
${content}
<p class="note">mkt-wizard emulator: a stand-in for the real marketplace; nothing here reaches Etsy or eBay.</p>
</body>
</html>
`;
}

export function errorPage({title, message}: {title: string; message: string}): string {
	return page({title, content: `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>`});
}

export type ConsentPage = {
	/** Etsy or eBay, for the heading. */
	marketplace: string;
	appName: string;
	/** Who is signed in at the marketplace. */
	userName: string;
	scopes: ReadonlyArray<{name: string; description: string | undefined}>;
	/** Where the form posts. */
	action: string;
	consentId: string;
	allowLabel: string;
	denyLabel: string;
};

/** The consent form: one POST with the consent id and the button pressed as `decision`. */
export function consentPage(consent: ConsentPage): string {
	const scopes = consent.scopes.map(scope => {
		const meaning = scope.description ? ` — ${escapeHtml(scope.description)}` : '';
		return `<li><code>${escapeHtml(scope.name)}</code>${meaning}</li>`;
	}).join('\n');
	const content = `<h1>${escapeHtml(consent.marketplace)}: allow ${escapeHtml(consent.appName)} access?</h1>
<p>Signed in as <strong>${escapeHtml(consent.userName)}</strong>.</p>
<p><strong>${escapeHtml(consent.appName)}</strong> would like to:</p>
<ul class="scopes">
${scopes}
</ul>
<form method="post" action="${escapeHtml(consent.action)}">
<input type="hidden" name="consent_id" value="${escapeHtml(consent.consentId)}">
<button class="primary" type="submit" name="decision" value="allow">${escapeHtml(consent.allowLabel)}</button>
<button type="submit" name="decision" value="deny">${escapeHtml(consent.denyLabel)}</button>
</form>`;
	return page({title: `${consent.marketplace} consent`, content});
}

/** eBay's Auth Accepted URL in the demo apps: the user copies its address into mkt-wizard. */
export function acceptedPage(): string {
	return page({
		title: 'Authorization complete',
		content: `<h1>Authorization complete — copy this page's address into mkt-wizard</h1>
<p>The address bar holds the authorization code. Copy the whole address and paste it where mkt-wizard asks for it.</p>`,
	});
}

export function declinedPage(error: string | undefined): string {
	const reason = error ? `<p>Reason given: <code>${escapeHtml(error)}</code></p>` : '';
	return page({
		title: 'Authorization declined',
		content: `<h1>Authorization declined</h1>
<p>No access was granted. Run mkt-wizard again to start over.</p>
${reason}`,
	});
}
