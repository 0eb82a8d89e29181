import {mkdtempSync, rmSync} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {demo, startEmulator} from './emulator/index.js';
import {isLoopbackHost, localhostAddresses} from './oauth/loopback.js';
import {portIsFree} from './wizard/free-port.js';

/**
 * What the emulator's consent page did: sent the browser to our loopback callback (nothing
 * more to do), to another address (eBay's accept page, pasted for the user), or showed an
 * error page instead of redirecting, said as a sentence for the consent screen.
 */
export type DemoAnswer = {readonly location?: string; readonly refusal?: string};

export type DemoSetup = {
	/** The environment the wizard runs with: emulator endpoints, demo credentials, a throw-away config. */
	readonly env: NodeJS.ProcessEnv;
	/** Answers the consent page as the emulator's user. */
	readonly decide: (url: string, decision: 'approve' | 'deny') => Promise<DemoAnswer>;
	readonly close: () => Promise<void>;
};

/** The message of one of the emulator's error pages (`<h1>title</h1><p>message</p>`). */
function pageMessage(body: string): string | undefined {
	const text = /<p>([^<]*)<\/p>/.exec(body)?.[1];
	return text?.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&').trim();
}

/** Port 3000 as the real default suggests, else another that is free on both loopback addresses. */
async function demoPort(): Promise<number> {
	for (const port of [3000, 3003, 3300, 8976, 0]) {
		const candidate = port || await new Promise<number>(resolve => {
			const server = net.createServer().listen(0, '127.0.0.1', () => {
				const {port: free} = server.address() as net.AddressInfo;
				server.close(() => resolve(free));
			});
		});
		if (await portIsFree(candidate, localhostAddresses)) {
			return candidate;
		}
	}

	throw new Error('no free loopback port');
}

/**
 * ETSY_REDIRECT_URI when it is a loopback http address the demo can listen on (so parallel demos,
 * as in the tests, each keep their own port), else port 3000 or another free one.
 */
async function demoRedirect(env: NodeJS.ProcessEnv): Promise<string> {
	const given = env.ETSY_REDIRECT_URI;
	if (given && /^http:\/\/[^/?#@]*:\d+\//.test(given) && URL.canParse(given) && isLoopbackHost(new URL(given).hostname)) {
		return given;
	}

	return `http://localhost:${await demoPort()}/callback`;
}

/** The built-in emulator on loopback, its demo app registered for a free callback port. */
export async function startDemo(env: NodeJS.ProcessEnv): Promise<DemoSetup> {
	const redirect = await demoRedirect(env);
	const emulator = await startEmulator({etsyApps: [{...demo.etsy, redirectUris: [redirect]}]});
	const ownConfig = env.MKT_WIZARD_CONFIG_DIR ? undefined : mkdtempSync(path.join(os.tmpdir(), 'mkt-wizard-demo-'));
	const sandbox = demo.ebay.sandbox;
	return {
		env: {
			...env,
			...emulator.env,
			...(ownConfig ? {MKT_WIZARD_CONFIG_DIR: ownConfig} : {}),
			ETSY_API_KEY: demo.etsy.keystring,
			ETSY_SHARED_SECRET: demo.etsy.sharedSecret,
			ETSY_REDIRECT_URI: redirect,
			EBAY_CLIENT_ID: sandbox.clientId,
			EBAY_CLIENT_SECRET: sandbox.clientSecret,
			EBAY_RUNAME: sandbox.ruNames[0]!.ruName,
		},
		async decide(url, decision) {
			const answer = await emulator.approve(url, {deny: decision === 'deny'});
			if (!answer.location) {
				// The error page the browser would show, in place of the redirect.
				const shown = pageMessage(answer.body) ?? `an error page (HTTP ${answer.status})`;
				const registered = new URL(url).pathname.startsWith('/ebay/') ? `the RuName ${sandbox.ruNames[0]!.ruName}` : redirect;
				return {refusal: `The emulator showed "${shown}" instead of redirecting. Its demo app is registered with ${registered}: press t to compare what was sent with it, or Esc to go back and change it.`};
			}

			if (answer.location.startsWith(redirect)) {
				// What the browser would do: follow the redirect to our callback server.
				await fetch(answer.location, {redirect: 'manual'}).then(async response => response.text()).catch(() => undefined);
				return {};
			}

			return {location: answer.location};
		},
		async close() {
			await emulator.close();
			if (ownConfig) {
				rmSync(ownConfig, {recursive: true, force: true});
			}
		},
	};
}
