import type {IncomingHttpHeaders} from 'node:http';
import type {AuthorizeFault} from './faults.js';

/** A request as the route handlers see it: already read, nothing left to stream. */
export type EmulatorRequest = {
	method: string;
	url: URL;
	headers: IncomingHttpHeaders;
	body: string;
	/** A consent-step fault in force for this request (authorize endpoints only). */
	fault: AuthorizeFault | undefined;
};

/** What a handler answers; the server writes it (or, under a reset-after fault, drops it). */
export type Reply = {
	status: number;
	headers: Record<string, string>;
	body: string;
};

export type Handler = (request: EmulatorRequest) => Reply | Promise<Reply>;

const noStore = {'cache-control': 'no-store'};

export function json(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
	return {status, headers: {'content-type': 'application/json', ...noStore, ...headers}, body: JSON.stringify(value)};
}

export function html(status: number, body: string): Reply {
	return {status, headers: {'content-type': 'text/html; charset=utf-8', ...noStore}, body};
}

export function redirect(location: string): Reply {
	return {status: 302, headers: {location, ...noStore}, body: ''};
}

/** `base` with `params` added to its query, in order. */
export function withQuery(base: string | URL, params: Record<string, string | undefined>): string {
	const url = new URL(base);
	for (const [name, value] of Object.entries(params)) {
		if (value !== undefined) {
			url.searchParams.append(name, value);
		}
	}

	return url.href;
}

function mediaType(headers: IncomingHttpHeaders): string {
	return (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * The fields of a form-urlencoded body (or of a JSON object body, which Etsy
 * is known to accept too); undefined for any other content type.
 */
export function readFields(request: EmulatorRequest, {allowJson}: {allowJson: boolean}): URLSearchParams | undefined {
	const type = mediaType(request.headers);
	if (type === 'application/x-www-form-urlencoded') {
		return new URLSearchParams(request.body);
	}

	if (allowJson && type === 'application/json') {
		try {
			const parsed: unknown = JSON.parse(request.body);
			if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
				return undefined;
			}

			const fields = new URLSearchParams();
			for (const [name, value] of Object.entries(parsed)) {
				if (typeof value === 'string' || typeof value === 'number') {
					fields.append(name, String(value));
				}
			}

			return fields;
		} catch {
			return undefined;
		}
	}

	return undefined;
}

/** The token of an `Authorization: Bearer …` header. */
export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
	const match = /^Bearer +(\S+)\s*$/i.exec(headers.authorization ?? '');
	return match?.[1];
}

/** A single-valued header, or undefined when absent. */
export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
	const value = headers[name];
	return Array.isArray(value) ? value[0] : value;
}
