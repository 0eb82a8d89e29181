import {request as httpRequest} from 'node:http';
import type {ApproveResult} from './types.js';

type Answer = {status: number; location: string | undefined; body: string};

/** One request with no connection reuse and no redirect following, as a browser's single step. */
async function fetchOnce({url, method, form}: {url: URL; method: 'GET' | 'POST'; form?: URLSearchParams}): Promise<Answer> {
	const body = form?.toString();
	return new Promise((resolve, reject) => {
		const outgoing = httpRequest(url, {
			method,
			agent: false,
			headers: body === undefined
				? {accept: 'text/html'}
				: {accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body))},
		}, incoming => {
			const chunks: Buffer[] = [];
			incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
			incoming.on('error', reject);
			incoming.on('end', () => {
				resolve({
					status: incoming.statusCode ?? 0,
					location: incoming.headers.location,
					body: Buffer.concat(chunks).toString('utf8'),
				});
			});
		});
		outgoing.on('error', reject);
		outgoing.end(body);
	});
}

function result(answer: Answer): ApproveResult {
	return answer.location === undefined
		? {status: answer.status, body: answer.body}
		: {status: answer.status, location: answer.location, body: answer.body};
}

/**
 * What the user's browser does: open the authorize URL and, if a consent page
 * comes back, press Allow (or Deny). Refusals and error redirects of the
 * authorize step come back as they are.
 */
export async function approveConsent({emulatorUrl, authorizeUrl, deny}: {emulatorUrl: string; authorizeUrl: string; deny: boolean}): Promise<ApproveResult> {
	const url = new URL(authorizeUrl);
	const origin = new URL(emulatorUrl).origin;
	if (url.origin !== origin) {
		throw new Error(`approve() only opens the emulator's own pages (${origin}), not ${url.origin}.`);
	}

	const page = await fetchOnce({url, method: 'GET'});
	const consentId = /name="consent_id" value="([^"]+)"/.exec(page.body)?.[1];
	const action = /<form method="post" action="([^"]+)"/.exec(page.body)?.[1];
	if (page.status !== 200 || consentId === undefined || action === undefined) {
		return result(page);
	}

	const form = new URLSearchParams({consent_id: consentId, decision: deny ? 'deny' : 'allow'});
	return result(await fetchOnce({url: new URL(action, origin), method: 'POST', form}));
}
