export const endpointNames = [
	'etsy.authorize',
	'etsy.token',
	'etsy.ping',
	'etsy.me',
	'ebay.authorize',
	'ebay.token',
	'ebay.taxonomy',
	'ebay.identity',
] as const;

export type EndpointName = typeof endpointNames[number];

/** Failures of the transport or the provider's infrastructure; any endpoint. */
export type TransportFault =
	| {kind: 'status'; status: number; body?: string}
	| {kind: 'rate-limit'; retryAfter: number}
	/** Waits, then answers normally. */
	| {kind: 'slow'; delayMs: number}
	/** A proxy or captive-portal page instead of JSON. @default status 200 */
	| {kind: 'html'; status?: number}
	| {kind: 'invalid-json'}
	| {kind: 'empty'}
	/** Drops the connection without answering. */
	| {kind: 'reset'}
	/** Does the work (a code is spent, a refresh token rotated), then drops the connection: a lost response. */
	| {kind: 'reset-after'};

/** Misbehaviour of the consent step; only for the authorize endpoints. */
export type AuthorizeFault =
	/** The "redirect URL is not permitted" answer even for a registered redirect. */
	| {kind: 'reject-redirect'}
	/** After Allow, redirect to the same origin as the redirect URI but this path. */
	| {kind: 'wrong-path'; path: string}
	/** Redirect back with `error=` instead of showing the consent page. */
	| {kind: 'error'; error: string; description?: string};

export type Fault = TransportFault | AuthorizeFault;

export type FaultOptions = {
	/** How many requests the fault applies to; then it clears itself. @default unlimited */
	times?: number;
};

export type FaultController = {
	set(endpoint: EndpointName, fault: Fault, options?: FaultOptions): void;
	/** Clears the fault of one endpoint, or of all when none is given. */
	clear(endpoint?: EndpointName): void;
};

const authorizeKinds = new Set<Fault['kind']>(['reject-redirect', 'wrong-path', 'error']);

export function isAuthorizeFault(fault: Fault): fault is AuthorizeFault {
	return authorizeKinds.has(fault.kind);
}

export function isEndpointName(value: unknown): value is EndpointName {
	return typeof value === 'string' && (endpointNames as readonly string[]).includes(value);
}

type Armed = {fault: Fault; remaining: number};

/** The faults in force, one per endpoint; `take` spends one use. */
export class FaultTable implements FaultController {
	readonly #armed = new Map<EndpointName, Armed>();

	set(endpoint: EndpointName, fault: Fault, options: FaultOptions = {}): void {
		if (!isEndpointName(endpoint)) {
			throw new TypeError(`Unknown emulator endpoint "${String(endpoint)}"; expected one of ${endpointNames.join(', ')}.`);
		}

		const problem = describeInvalidFault(fault);
		if (problem) {
			throw new TypeError(problem);
		}

		if (isAuthorizeFault(fault) && !endpoint.endsWith('.authorize')) {
			throw new TypeError(`The fault "${fault.kind}" applies only to the authorize endpoints, not ${endpoint}.`);
		}

		const times = options.times ?? Number.POSITIVE_INFINITY;
		if (!(times > 0)) {
			throw new TypeError('times must be a positive number.');
		}

		this.#armed.set(endpoint, {fault, remaining: times});
	}

	clear(endpoint?: EndpointName): void {
		if (endpoint === undefined) {
			this.#armed.clear();
		} else {
			this.#armed.delete(endpoint);
		}
	}

	/** The fault for this request, if any, counting it as used. */
	take(endpoint: EndpointName): Fault | undefined {
		const armed = this.#armed.get(endpoint);
		if (!armed) {
			return undefined;
		}

		armed.remaining -= 1;
		if (armed.remaining <= 0) {
			this.#armed.delete(endpoint);
		}

		return armed.fault;
	}
}

/** Why a value is not a usable fault, or undefined when it is one (for faults that arrive as JSON). */
export function describeInvalidFault(fault: unknown): string | undefined {
	if (typeof fault !== 'object' || fault === null) {
		return 'A fault must be an object with a "kind".';
	}

	const value = fault as Record<string, unknown>;
	const isNumber = (key: string) => typeof value[key] === 'number' && Number.isFinite(value[key]);
	switch (value.kind) {
		case 'status': {
			const status = value.status;
			if (!isNumber('status') || (status as number) < 100 || (status as number) > 599) {
				return 'A "status" fault needs a status between 100 and 599.';
			}

			return value.body === undefined || typeof value.body === 'string' ? undefined : 'A "status" fault body must be a string.';
		}

		case 'rate-limit': {
			return isNumber('retryAfter') && (value.retryAfter as number) >= 0 ? undefined : 'A "rate-limit" fault needs retryAfter in seconds.';
		}

		case 'slow': {
			return isNumber('delayMs') && (value.delayMs as number) >= 0 ? undefined : 'A "slow" fault needs delayMs.';
		}

		case 'html': {
			return value.status === undefined || isNumber('status') ? undefined : 'An "html" fault status must be a number.';
		}

		case 'wrong-path': {
			return typeof value.path === 'string' && value.path.startsWith('/') ? undefined : 'A "wrong-path" fault needs a path starting with "/".';
		}

		case 'error': {
			return typeof value.error === 'string' && value.error !== '' ? undefined : 'An "error" fault needs an error code.';
		}

		case 'invalid-json':
		case 'empty':
		case 'reset':
		case 'reset-after':
		case 'reject-redirect': {
			return undefined;
		}

		default: {
			return `Unknown fault kind "${String(value.kind)}".`;
		}
	}
}
