import type {NetworkErrorKind} from '../../oauth/http.js';
import type {Check} from './types.js';

export type ReachFacts = {
	readonly id: string;
	/** `Etsy API`, `eBay API (sandbox)` */
	readonly label: string;
	/** The root URL that was (or would be) requested. */
	readonly url: string;
	/** The MKT_WIZARD_* variable the URL comes from, when overridden. */
	readonly override?: string;
	readonly outcome:
		| {readonly kind: 'skipped'}
		| {readonly kind: 'answered'; readonly status: number}
		| {readonly kind: 'failed'; readonly error: NetworkErrorKind; readonly host: string; readonly code?: string; readonly timeoutMs?: number};
};

function failureText(outcome: Extract<ReachFacts['outcome'], {kind: 'failed'}>): string {
	switch (outcome.error) {
		case 'refused': {
			return `${outcome.host} refused the connection`;
		}

		case 'dns': {
			return `the host name ${outcome.host.replace(/:\d+$/, '')} was not found (no network, or DNS is failing)`;
		}

		case 'timeout': {
			return `no answer from ${outcome.host} within ${Math.round((outcome.timeoutMs ?? 3000) / 1000)} s`;
		}

		case 'reset': {
			return `the connection to ${outcome.host} was cut`;
		}

		case 'tls': {
			return `the certificate of ${outcome.host} did not check out${outcome.code ? ` (${outcome.code})` : ''}: is a proxy intercepting HTTPS?`;
		}

		case 'other': {
			return `the request to ${outcome.host} failed${outcome.code ? ` (${outcome.code})` : ''}`;
		}
	}
}

export function reachabilityCheck(facts: ReachFacts): Check {
	const base = {id: facts.id, title: `${facts.label} reachable`};
	const source = facts.override ? ` (from ${facts.override})` : '';
	switch (facts.outcome.kind) {
		case 'skipped': {
			return {...base, status: 'skip', detail: `${facts.url}${source} not tried (--offline).`};
		}

		case 'answered': {
			return {...base, status: 'ok', detail: `${facts.url}${source} answered (HTTP ${facts.outcome.status}).`};
		}

		case 'failed': {
			return {
				...base,
				status: 'fail',
				detail: `${facts.url}${source}: ${failureText(facts.outcome)}.`,
				fix: facts.override
					? `Check ${facts.override}: nothing usable answers at ${facts.url}.`
					: 'Check your network connection and any proxy (HTTPS_PROXY), then run `mkt-wizard doctor` again.',
			};
		}
	}
}
