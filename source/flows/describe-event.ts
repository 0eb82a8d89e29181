import type {CallbackEvent} from '../oauth/callback-server.js';

export type EventLine = {readonly text: string; readonly tone: 'info' | 'warn' | 'error'};

/** A callback-server event in words, for the log under the consent spinner. */
export function describeCallbackEvent(event: CallbackEvent, providerName: string): EventLine | undefined {
	switch (event.type) {
		case 'listening': {
			return {text: `listening on ${event.addresses.join(' and ')}`, tone: 'info'};
		}

		case 'self-test-ok': {
			return undefined;
		}

		case 'callback-reached': {
			return {text: 'browser reached the callback', tone: 'info'};
		}

		case 'provider-error': {
			return {text: `${providerName} said ${event.error}${event.description ? `: ${event.description}` : ''}`, tone: 'error'};
		}

		case 'request': {
			switch (event.outcome) {
				case 'favicon': {
					return {text: 'ignored /favicon.ico', tone: 'info'};
				}

				case 'wrong-path': {
					return {text: `wrong path ${event.path}: the browser came back to a different address than the redirect URI`, tone: 'warn'};
				}

				case 'wrong-method': {
					return {text: `ignored a request that was not GET on ${event.path}`, tone: 'info'};
				}

				case 'state-mismatch': {
					return {text: 'state did not match — ignored (a stale tab or another login?)', tone: 'warn'};
				}

				case 'missing-code': {
					return {text: event.detail === 'duplicated' ? 'callback with more than one code — ignored' : 'callback without a code — ignored', tone: 'warn'};
				}

				case 'after-finish': {
					return {text: 'ignored a request after the login finished', tone: 'info'};
				}
			}
		}
	}

	return undefined;
}
