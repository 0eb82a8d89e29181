import {browserReason} from './commands/login.js';
import {loginDefaults, type LoginDefaults, type LoginFlags} from './flows/login-input.js';
import {beginConsent, checkAppKey, finishUserLogin, loginWithClientCredentials, type Consent, type LoginInput, type StepListener} from './flows/login.js';
import {openBrowser} from './oauth/browser.js';
import type {CallbackEvent} from './oauth/callback-server.js';
import {createHttpClient, type HttpClient} from './oauth/http.js';
import {assessGrant, connectionKey, openStore} from './store/index.js';
import type {Connection, ConnectionKey, ConnectionStore, Identity} from './store/types.js';

/**
 * Everything the wizard does outside the screen, as plain async functions:
 * the Ink components call these and never got, conf or the OAuth modules directly.
 */
export type WizardServices = {
	readonly configPath: string;
	readonly now: () => number;
	readonly saved: (key: ConnectionKey) => Connection | undefined;
	readonly defaults: (flags: LoginFlags, key: ConnectionKey) => LoginDefaults;
	/** True when the saved user token is still valid for at least 5 minutes. */
	readonly tokenValid: (connection: Connection | undefined) => boolean;
	readonly checkKey: (input: LoginInput) => Promise<void>;
	readonly beginConsent: (input: LoginInput, options: {listen: boolean; timeoutMs: number; onEvent: (event: CallbackEvent) => void}) => Promise<Consent>;
	/** Opens the consent URL; resolves with one sentence saying what happened. */
	readonly openBrowser: (url: string) => Promise<{opened: boolean; note: string}>;
	readonly finishLogin: (input: LoginInput, consent: {code: string; codeVerifier: string | undefined}, onStep: StepListener) => Promise<{connection: Connection; identity: Identity}>;
	readonly mintAppToken: (input: LoginInput, onStep: StepListener) => Promise<{connection: Connection}>;
	/** Demo only: answer the consent page as the emulator's user, as a browser click would. */
	readonly demoDecision?: (url: string, decision: 'approve' | 'deny') => Promise<string | undefined>;
};

export type ServiceOptions = {
	readonly env: NodeJS.ProcessEnv;
	/** Open a browser for consent (false: --no-browser). */
	readonly browser: boolean;
	readonly demoDecision?: WizardServices['demoDecision'];
};

export function createWizardServices(options: ServiceOptions): WizardServices {
	const {env} = options;
	const store: ConnectionStore = openStore({env});
	let http: HttpClient | undefined;
	const client = () => {
		http ??= createHttpClient({env});
		return http;
	};

	const deps = () => ({store, http: client(), now: Date.now, env});
	return {
		configPath: store.path,
		now: Date.now,
		saved: key => store.get(key),
		defaults: (flags, key) => loginDefaults(flags, env, store.get(key)),
		tokenValid: connection => assessGrant(connection?.user, Date.now()) === 'valid',
		checkKey: async input => checkAppKey(input, {http: client(), env}),
		beginConsent: async (input, consentOptions) => beginConsent(input, {env, ...consentOptions}),
		async openBrowser(url) {
			if (!options.browser) {
				return {opened: false, note: '--no-browser'};
			}

			const result = await openBrowser(url, {env});
			return {opened: result.opened, ...(result.opened ? {note: result.command ?? ''} : {note: browserReason(result)})};
		},
		finishLogin: async (input, consent, onStep) => finishUserLogin(input, consent, deps(), onStep),
		mintAppToken: async (input, onStep) => loginWithClientCredentials(input, deps(), onStep),
		...(options.demoDecision ? {demoDecision: options.demoDecision} : {}),
	};
}

export {connectionKey};
