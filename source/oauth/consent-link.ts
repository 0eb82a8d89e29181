import {randomBytes} from 'node:crypto';
import http, {type IncomingMessage, type ServerResponse} from 'node:http';
import {MktError} from '../errors.js';
import {type Page, pageHeaders, renderPage} from './callback-pages.js';
import {emptyCounts, guardConnections} from './connection-guard.js';
import {listenOn} from './loopback-listen.js';

// The browser command's arguments can be read by every local user (/proc/<pid>/cmdline, ps),
// so the consent URL with its state and PKCE challenge never goes there. The browser gets a
// single-use local address instead, answered with a redirect to the consent URL once; a second
// request for it means another program has it too, and the sign-in is stopped.

/** Where the single-use addresses live on the listening server. */
export const consentLinkPrefix = '/start/';

export type ConsentLinks = {
	/** A new single-use address on `origin` (`http://127.0.0.1:3000`); earlier unopened ones stop working. */
	issue(origin: string): string;
	/** Answers a request under the links' prefix (404 for a token never issued); false for any other path. */
	handle(request: IncomingMessage, response: ServerResponse): boolean;
};

export type ConsentLinkOptions = {
	/** The provider's consent URL the first request is sent on to. */
	readonly consentUrl: string;
	/** A link was requested twice: the sign-in must stop with this error. */
	readonly onReused: (error: MktError) => void;
	/** The first request for a link was redirected to the consent page. */
	readonly onOpened?: () => void;
};

export function consentLinkReused(): MktError {
	return new MktError(
		'consent_link_reused',
		'The single-use consent link was opened twice, so another program on this machine has it too; the sign-in was stopped before it could be completed for the wrong account.',
		'Start the sign-in again. If this repeats, another user may be watching the browser command\'s arguments: open the consent URL shown in the terminal by hand, or finish with --paste.',
	);
}

const linkPages = {
	reused: {
		title: 'This consent link was already used',
		paragraphs: ['It works once, and it had been opened before, so mkt-wizard stopped this sign-in to keep it safe.', 'Return to the terminal and start the sign-in again.'],
	},
	replaced: {
		title: 'This consent link was replaced',
		paragraphs: ['mkt-wizard opened a newer link for this sign-in. Use the newest browser tab, or the consent URL shown in the terminal.'],
	},
} satisfies Record<string, Page>;

export function consentLinks(options: ConsentLinkOptions): ConsentLinks {
	const {consentUrl, onReused, onOpened} = options;
	// Each token: unopened, opened (redirected once) or replaced by a newer one before it was opened.
	const tokens = new Map<string, 'unopened' | 'opened' | 'replaced'>();
	const send = (response: ServerResponse, status: number, page: Page, headers: Record<string, string> = {}) => {
		response.writeHead(status, {...pageHeaders, connection: 'close', ...headers});
		response.end(renderPage(page));
	};

	return {
		issue(origin) {
			for (const [token, state] of tokens) {
				if (state === 'unopened') {
					tokens.set(token, 'replaced');
				}
			}

			const token = randomBytes(24).toString('base64url');
			tokens.set(token, 'unopened');
			return `${origin}${consentLinkPrefix}${token}`;
		},
		handle(request, response) {
			const path = (request.url ?? '').split('?')[0] ?? '';
			if (!path.startsWith(consentLinkPrefix)) {
				return false;
			}

			const token = path.slice(consentLinkPrefix.length);
			const state = tokens.get(token);
			if (state === undefined) {
				response.writeHead(404, {...pageHeaders, connection: 'close'});
				response.end();
				return true;
			}

			if (request.method !== 'GET') {
				// A HEAD (a link preview) learns nothing and spends nothing.
				response.writeHead(request.method === 'HEAD' ? 204 : 405, {...pageHeaders, allow: 'GET', connection: 'close'});
				response.end();
				return true;
			}

			if (state === 'replaced') {
				send(response, 410, linkPages.replaced);
				return true;
			}

			if (state === 'opened') {
				send(response, 409, linkPages.reused);
				onReused(consentLinkReused());
				return true;
			}

			tokens.set(token, 'opened');
			response.writeHead(303, {...pageHeaders, location: consentUrl, connection: 'close', 'content-length': '0'});
			response.end();
			onOpened?.();
			return true;
		},
	};
}

export type ConsentLinkServer = {
	/** A new single-use address for the browser command. */
	issue(): string;
	/** Set once a link was requested twice. */
	readonly reused: MktError | undefined;
	close(): Promise<void>;
};

/**
 * For sign-ins without a loopback callback (eBay's RuName, --paste): a listener of its own on
 * 127.0.0.1 and a free port, serving only the single-use links.
 */
export async function serveConsentLinks(consentUrl: string): Promise<ConsentLinkServer> {
	let reused: MktError | undefined;
	const links = consentLinks({
		consentUrl,
		onReused: error => {
			reused ??= error;
		},
	});
	const server = http.createServer((request, response) => {
		if (!links.handle(request, response)) {
			response.writeHead(404, {...pageHeaders, connection: 'close'});
			response.end();
		}
	});
	guardConnections(server, emptyCounts());
	server.on('error', () => undefined);
	await listenOn(server, '127.0.0.1', 0);
	// Only a sign-in that is waiting anyway (for a paste) needs it: it never keeps the process alive.
	server.unref();
	const {port} = server.address() as {port: number};
	return {
		issue: () => links.issue(`http://127.0.0.1:${port}`),
		get reused() {
			return reused;
		},
		async close() {
			await new Promise<void>(resolve => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
		},
	};
}
