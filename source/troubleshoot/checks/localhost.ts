import type {ResolvedAddress} from '../loopback.js';
import type {Check} from './types.js';

export type LocalhostFacts = {readonly addresses: readonly ResolvedAddress[]} | {readonly error: string};

export function localhostCheck(facts: LocalhostFacts): Check {
	const base = {id: 'localhost', title: 'localhost resolves to'};
	if ('error' in facts) {
		return {
			...base,
			status: 'fail',
			detail: `localhost does not resolve here (${facts.error}).`,
			fix: 'Add "127.0.0.1 localhost" and "::1 localhost" to /etc/hosts, or register and use http://127.0.0.1:<port>/callback.',
		};
	}

	const list = facts.addresses.map(address => address.address).join(', ');
	const strangers = facts.addresses.filter(address => !address.loopback).map(address => address.address);
	if (strangers.length === 0) {
		return {...base, status: 'ok', detail: list};
	}

	const anyLoopback = strangers.length < facts.addresses.length;
	return {
		...base,
		status: anyLoopback ? 'warn' : 'fail',
		detail: `${list}: ${strangers.join(', ')} ${strangers.length === 1 ? 'is' : 'are'} not loopback, so a browser going to localhost may ${anyLoopback ? 'sometimes ' : ''}miss the callback server.`,
		fix: 'Point localhost at 127.0.0.1 and ::1 only in /etc/hosts, or register and use http://127.0.0.1:<port>/callback.',
	};
}
