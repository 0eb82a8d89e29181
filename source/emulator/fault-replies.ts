import {STATUS_CODES} from 'node:http';
import type {TransportFault} from './faults.js';
import {html, json, type Reply} from './reply.js';

/**
 * The answer a transport fault gives instead of the real one; undefined for
 * the kinds that are not a reply (slow, reset, reset-after).
 */
export function faultReply(fault: TransportFault): Reply | undefined {
	switch (fault.kind) {
		case 'status': {
			const body = fault.body ?? JSON.stringify({error: fault.status >= 500 ? 'Server Error' : (STATUS_CODES[fault.status] ?? 'Error')});
			const looksJson = /^\s*[{[]/.test(body);
			return {status: fault.status, headers: {'content-type': looksJson ? 'application/json' : 'text/plain; charset=utf-8'}, body};
		}

		case 'rate-limit': {
			return json(429, {error: 'Too many requests'}, {'retry-after': String(fault.retryAfter)});
		}

		case 'html': {
			const status = fault.status ?? 200;
			return html(status, `<!doctype html>
<html><head><title>${status} ${STATUS_CODES[status] ?? ''}</title></head>
<body><h1>${status} ${STATUS_CODES[status] ?? ''}</h1><p>The page you requested is not available right now.</p></body></html>
`);
		}

		case 'invalid-json': {
			return {status: 200, headers: {'content-type': 'application/json'}, body: '{"access_token": "v^1.1#i^1#unterminated'};
		}

		case 'empty': {
			return {status: 200, headers: {'content-type': 'application/json'}, body: ''};
		}

		case 'slow':
		case 'reset':
		case 'reset-after': {
			return undefined;
		}
	}
}
