import type {DemoAnswer} from '../demo.js';
import {loginDefaults, type LoginDefaults, type LoginFlags} from '../flows/login-input.js';
import {beginConsent, checkAppKey, finishUserLogin, loginWithClientCredentials, type Consent, type LoginInput, type StepListener} from '../flows/login.js';
import {browserNote, openBrowser} from '../oauth/browser.js';
import type {CallbackEvent} from '../oauth/callback-server.js';
import {createHttpClient, type HttpClient} from '../oauth/http.js';
import {assessGrant, connectionKey, openStore, savedForLogin} from '../store/index.js';
import type {Connection, ConnectionKey, ConnectionStore, Identity} from '../store/types.js';
import {resolveLocalhost, type ResolvedAddress} from '../troubleshoot/loopback.js';
import {findPortOwner, type PortOwner} from '../troubleshoot/port-owner.js';
import {redirectWithFreePort} from './free-port.js';

/**
 * Everything the wizard does outside the screen, as plain async functions:
 * the Ink components call these and never got, the store or the OAuth modules directly.
 */
export type WizardServices = {
	readonly configPath: string;
	readonly now: () => number;
	readonly saved: (key: ConnectionKey) => Connection | undefined;
	/** What the screens offer first, from the flags, the environment and `saved` (the saved login, as `saved` returned it). */
	readonly defaults: (flags: LoginFlags, saved: Connection | undefined) => LoginDefaults;
	/** True when the saved user token is still valid for at least 5 minutes. */
	readonly tokenValid: (connection: Connection | undefined) => boolean;
	readonly checkKey: (input: LoginInput) => Promise<void>;
	readonly beginConsent: (input: LoginInput, options: {listen: boolean; timeoutMs: number; onEvent: (event: CallbackEvent) => void}) => Promise<Consent>;
	/** Opens the consent URL; resolves with one sentence saying what happened. */
	readonly openBrowser: (url: string) => Promise<{opened: boolean; note: string}>;
	readonly finishLogin: (input: LoginInput, consent: {code: string; codeVerifier: string | undefined}, onStep: StepListener) => Promise<{connection: Connection; identity: Identity}>;
	readonly mintAppToken: (input: LoginInput, onStep: StepListener) => Promise<{connection: Connection}>;
	/** Demo only: answer the consent page as the emulator's user, as a browser click would. */
	readonly demoDecision?: (url: string, decision: 'approve' | 'deny') => Promise<DemoAnswer>;
	// Troubleshooting; optional, so a failure is still explained (less precisely) without them.
	/** The process listening on a port, when the system can tell. */
	readonly findPortOwner?: (port: number) => Promise<PortOwner | undefined>;
	/** The redirect URI with a free port instead of its own, if one is found. */
	readonly freeRedirect?: (redirect: string) => Promise<string | undefined>;
	/** What `localhost` resolves to here. */
	readonly resolveLocalhost?: () => Promise<ResolvedAddress[]>;
};

export type ServiceOptions = {
	readonly env: NodeJS.ProcessEnv;
	/** Open a browser for consent (false: --no-browser). */
	readonly browser: boolean;
	readonly demoDecision?: WizardServices['demoDecision'];
	/** The store MKT_WIZARD_STORE chose. @default the config file */
	readonly store?: ConnectionStore;
};

export function createWizardServices(options: ServiceOptions): WizardServices {
	const {env} = options;
	const store: ConnectionStore = options.store ?? openStore({env});
	let http: HttpClient | undefined;
	const client = () => {
		http ??= createHttpClient({env});
		return http;
	};

	const deps = () => ({store, http: client(), now: Date.now, env});
	return {
		configPath: store.path,
		now: Date.now,
		saved: key => savedForLogin(store, key),
		defaults: (flags, saved) => loginDefaults(flags, env, saved),
		tokenValid: connection => assessGrant(connection?.user, Date.now()) === 'valid',
		checkKey: async input => checkAppKey(input, {http: client(), env}),
		async beginConsent(input, consentOptions) {
			// Before the browser step: a login whose tokens could not be saved is a login thrown away.
			store.checkWritable?.();
			return beginConsent(input, {env, ...consentOptions});
		},
		async openBrowser(url) {
			if (!options.browser) {
				return {opened: false, note: '--no-browser'};
			}

			const result = await openBrowser(url, {env});
			return {opened: result.opened, note: result.opened ? result.command ?? '' : browserNote(result, env)};
		},
		finishLogin: async (input, consent, onStep) => finishUserLogin(input, consent, deps(), onStep),
		mintAppToken: async (input, onStep) => loginWithClientCredentials(input, deps(), onStep),
		...(options.demoDecision ? {demoDecision: options.demoDecision} : {}),
		findPortOwner: async port => findPortOwner(port),
		freeRedirect: async redirect => redirectWithFreePort(redirect),
		resolveLocalhost: async () => resolveLocalhost(),
	};
}

export {connectionKey};
