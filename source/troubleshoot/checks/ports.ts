import {isAbsentAddress} from '../../oauth/loopback.js';
import type {BindResult} from '../loopback.js';
import type {Check} from './types.js';

export type PortFacts = {
	readonly redirectUri: string;
	/** Who uses this redirect: `Etsy · default`, `--redirect-uri`, `the default redirect`. */
	readonly usedBy: readonly string[];
} & (
	| {readonly error: {readonly message: string; readonly remedy: string}}
	| {
		readonly hostname: string;
		readonly port: number;
		/** Each address tried, in order. */
		readonly results: ReadonlyArray<{readonly address: string; readonly result: BindResult}>;
	}
);

function otherPortUri(redirectUri: string, port: number): string {
	const next = port >= 65_535 ? 3000 : port + 1;
	return redirectUri.replace(`:${port}`, `:${next}`);
}

function describeFailure(address: string, port: number, result: Extract<BindResult, {ok: false}>): string {
	switch (result.code) {
		case 'EADDRINUSE': {
			const who = result.owner ? `process ${result.owner.pid} (${result.owner.command})` : 'another program (the system does not say which)';
			return `port ${port} on ${address} is in use by ${who}`;
		}

		case 'EACCES': {
			return `port ${port} on ${address} needs administrator rights to listen on`;
		}

		case 'EADDRNOTAVAIL': {
			return `${address} is not available on this machine`;
		}

		default: {
			return `port ${port} on ${address} cannot be opened (${result.code})`;
		}
	}
}

/** Whether the callback server could listen for this redirect URI right now. */
export function portCheck(facts: PortFacts): Check {
	const users = facts.usedBy.length > 0 ? ` (${facts.usedBy.join(', ')})` : '';
	if ('error' in facts) {
		return {id: `port:${facts.redirectUri}`, title: 'Callback port', status: 'warn', detail: `${facts.redirectUri}${users}: ${facts.error.message}`, fix: facts.error.remedy};
	}

	const base = {id: `port:${facts.port}`, title: `Callback port ${facts.port}`};
	// `localhost` may reach either address: ::1 missing (no IPv6) is fine, busy is not.
	const optional = (address: string, result: BindResult) => facts.hostname === 'localhost' && address === '::1' && !result.ok && isAbsentAddress(result.code);
	const failures = facts.results.filter(({address, result}) => !result.ok && !optional(address, result));
	const free = facts.results.filter(({result}) => result.ok).map(({address}) => address);
	const notes = facts.results.filter(({address, result}) => optional(address, result)).map(() => '::1 is not available here (no IPv6), browsers use 127.0.0.1');
	if (failures.length === 0) {
		return {...base, status: 'ok', detail: [`free on ${free.join(' and ')} · ${facts.redirectUri}${users}`, ...notes].join('; ')};
	}

	const reasons = failures.map(({address, result}) => describeFailure(address, facts.port, result as Extract<BindResult, {ok: false}>));
	const busy = failures.map(({result}) => result).find((result): result is Extract<BindResult, {ok: false}> => !result.ok && result.code === 'EADDRINUSE');
	const denied = failures.some(({result}) => !result.ok && result.code === 'EACCES');
	let fix = `Check that ${facts.hostname} is a loopback address on this machine, or register and use http://127.0.0.1:${facts.port}/… instead.`;
	if (busy) {
		const stop = busy.owner ? `Stop process ${busy.owner.pid} (kill ${busy.owner.pid})` : 'Stop the program using it';
		fix = `${stop}, or register and use another port such as ${otherPortUri(facts.redirectUri, facts.port)}: the URI in your app settings must change too.`;
	} else if (denied) {
		fix = 'Register and use a port above 1023, such as http://localhost:3000/callback: the URI in your app settings must change too.';
	}

	return {...base, status: 'fail', detail: `${reasons.join('; ')} · ${facts.redirectUri}${users}`, fix};
}
