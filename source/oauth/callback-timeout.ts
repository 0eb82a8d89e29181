// The message when no callback arrived in time: what the server saw, and the
// likeliest remedy for that.
import {MktError} from '../errors.js';
import {formatDurationWords} from '../time.js';
import type {RequestOutcome} from './callback-request.js';
import {type ConnectionCounts, describeSilentConnections} from './connection-guard.js';

export type Seen = {readonly path: string; readonly outcome: RequestOutcome};

const outcomeNames: Record<RequestOutcome, string> = {
	favicon: 'the favicon',
	'wrong-path': 'wrong path',
	'wrong-method': 'wrong method',
	'state-mismatch': 'a state mismatch',
	'missing-code': 'no code',
	'after-finish': 'after finishing',
};

function describeSeen(seen: readonly Seen[]): string {
	if (seen.length === 0) {
		return 'no request at all';
	}

	const distinct = [...new Set(seen.map(({path, outcome}) => (outcome === 'wrong-path' ? `${outcomeNames[outcome]} ${path}` : outcomeNames[outcome])))];
	const listed = distinct.slice(0, 5).join(', ') + (distinct.length > 5 ? ', …' : '');
	return `${seen.length} request${seen.length === 1 ? '' : 's'} (${listed})`;
}

/** Past this many connections that sent nothing, they are not a browser's spare sockets but another program's. */
const crowdedConnections = 16;

function timeoutRemedy(seen: readonly Seen[], redirectUri: string, connections: ConnectionCounts): string {
	const wrongPath = seen.find(entry => entry.outcome === 'wrong-path');
	if (seen.length === 0 && (connections.shed > 0 || connections.opened - connections.withRequest >= crowdedConnections)) {
		return 'Another program on this machine kept connections to the callback port open without sending anything, which can keep the browser out: find it (ss -tnp), then sign in again, or paste the redirected address by hand (--paste).';
	}

	if (wrongPath) {
		return `The browser came back to ${wrongPath.path}: register exactly ${redirectUri} with the provider, then sign in again.`;
	}

	if (seen.some(entry => entry.outcome === 'state-mismatch')) {
		return 'An answer from another sign-in arrived: start the sign-in again and approve in the newest browser tab.';
	}

	if (seen.length === 0) {
		return `The provider never redirected here: check that the redirect URI registered with it is exactly ${redirectUri}, or paste the redirected address by hand (--paste).`;
	}

	return 'Start the sign-in again, or paste the redirected address by hand (--paste).';
}

export function timeoutError(options: {timeoutMs: number; seen: readonly Seen[]; redirectUri: string; connections: ConnectionCounts}): MktError {
	const {timeoutMs, seen, redirectUri, connections} = options;
	const silent = describeSilentConnections(connections);
	return new MktError(
		'callback_timeout',
		`No callback arrived within ${formatDurationWords(timeoutMs)}; the callback server saw ${describeSeen(seen)}${silent ? `, and ${silent}` : ''}.`,
		timeoutRemedy(seen, redirectUri, connections),
	);
}
