import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {after, before, describe, test} from 'node:test';
import {demo, startEmulator, type Emulator, type EndpointName, type TransportFault} from '../../source/emulator/index.js';
import {type CliResult, followRedirect, freePort, runCli, startCli, testEnv} from '../helpers/cli.js';
import {scanCliRunsForSecrets} from '../helpers/secret-scan.js';
import {closedPort, type Certificate, type Front, selfSignedCertificate, startTlsFront} from './servers.js';
import {configFile, ebaySandboxKey, expireToken, loginEbay, loginEtsy, sandboxApp} from './setup.js';
import {Tally} from './tally.js';
import {removeTempDir, tempDir} from '../helpers/temp-dir.js';

scanCliRunsForSecrets();

type Step = 'exchange' | 'refresh' | 'mint' | 'verify';

type Fault = {
	readonly name: string;
	/** An emulator fault on the step's endpoint… */
	readonly http?: TransportFault;
	/** …or a base URL standing in for the emulator's at that step. */
	readonly base?: (front: Front) => string;
	readonly env?: Record<string, string>;
	/** What the cause line must say. */
	readonly cause: RegExp;
	readonly remedy?: RegExp;
};

/** Where each step's requests go: the emulator endpoint that counts them, and the override that can redirect them. */
const stepTargets: Record<Step, {endpoint: EndpointName; variable: string; path: string}> = {
	exchange: {endpoint: 'etsy.token', variable: 'MKT_WIZARD_ETSY_TOKEN_URL', path: '/etsy/v3/public/oauth/token'},
	refresh: {endpoint: 'etsy.token', variable: 'MKT_WIZARD_ETSY_TOKEN_URL', path: '/etsy/v3/public/oauth/token'},
	mint: {endpoint: 'ebay.token', variable: 'MKT_WIZARD_EBAY_API_URL', path: '/ebay'},
	verify: {endpoint: 'ebay.identity', variable: 'MKT_WIZARD_EBAY_APIZ_URL', path: '/ebay-apiz'},
};

/** How many requests the step may send for a fault: the only retries are GET verification on 5xx/429 and a 429 (with Retry-After) on refresh and mint. */
function expectedRequests(step: Step, fault: Fault): number {
	if (fault.http?.kind === 'rate-limit') {
		return step === 'exchange' ? 1 : 3;
	}

	if (fault.http?.kind === 'status' && fault.http.status >= 500) {
		return step === 'verify' ? 3 : 1;
	}

	return 1;
}

/** The last two stderr lines are the one `✖` cause and its remedy; no other `✖`. */
function causeAndRemedy(result: CliResult): {cause: string; remedy: string} {
	const lines = result.stderr.split('\n').filter(line => line !== '');
	assert.equal(lines.filter(line => line.startsWith('✖')).length, 1, `one ✖ line:\n${result.stderr}`);
	const [cause, remedy] = lines.slice(-2);
	assert.match(cause!, /^✖ \S.*\.$/, 'the cause is a sentence');
	assert.match(remedy!, /^ {2}\S.*\.$/, 'the remedy is a sentence');
	return {cause: cause!.slice(2), remedy: remedy!.trim()};
}

/** One emulator, config folder and TLS front per step, so the four steps run side by side without sharing faults. */
type World = {
	emulator: Emulator;
	configDir: string;
	env: NodeJS.ProcessEnv;
	redirect: string;
	front: Front;
	close: () => Promise<void>;
};

describe('provider faults at code exchange, refresh, mint and verification', {concurrency: 4}, () => {
	let certificate: Certificate;
	let refusedPort: number;

	before(async () => {
		certificate = selfSignedCertificate();
		refusedPort = await closedPort();
	});

	after(() => {
		certificate.cleanup();
	});

	async function world(): Promise<World> {
		const port = await freePort();
		const redirect = `http://127.0.0.1:${port}/callback`;
		const emulator = await startEmulator({etsyApps: [{...demo.etsy, redirectUris: [redirect]}]});
		const configDir = tempDir('config');
		await loginEbay({emulator, configDir});
		const env = testEnv({
			...emulator.env,
			MKT_WIZARD_CONFIG_DIR: configDir,
			ETSY_API_KEY: demo.etsy.keystring,
			ETSY_SHARED_SECRET: demo.etsy.sharedSecret,
			EBAY_CLIENT_ID: sandboxApp.clientId,
			EBAY_CLIENT_SECRET: sandboxApp.clientSecret,
			EBAY_RUNAME: sandboxApp.ruNames[0]!.ruName,
		});
		const front = await startTlsFront(emulator.url, certificate);
		return {
			emulator, configDir, env, redirect, front,
			async close() {
				await front.close();
				await emulator.close();
				removeTempDir(configDir);
			},
		};
	}

	const faults: Fault[] = [
		{name: '5xx', http: {kind: 'status', status: 503}, cause: /answered 503 to the .*: a problem on .*'s side/},
		{name: '429 with Retry-After', http: {kind: 'rate-limit', retryAfter: 1}, cause: /rate-limited the .* \(HTTP 429\) and asked to wait 1 second/, remedy: /^Wait 1 second and try again/},
		// The timeout is generous for a loaded machine; the emulator answers well after it.
		{name: 'slower than the timeout', http: {kind: 'slow', delayMs: 6000}, env: {MKT_WIZARD_HTTP_TIMEOUT_MS: '2000'}, cause: /did not answer the .* within 2 seconds/},
		{name: 'an HTML page', http: {kind: 'html'}, cause: /with a web page instead of JSON/},
		{name: 'invalid JSON', http: {kind: 'invalid-json'}, cause: /with something that is not JSON \(HTTP 200\)/},
		{name: 'an empty body', http: {kind: 'empty'}, cause: /with an empty body \(HTTP 200\)/},
		{name: 'connection refused', base: () => `http://127.0.0.1:${refusedPort}`, cause: /127\.0\.0\.1:\d+ refused the connection/},
		{name: 'DNS failure', base: () => 'https://mkt-wizard-test.invalid', cause: /the host name mkt-wizard-test\.invalid could not be resolved/},
		{name: 'an untrusted TLS certificate', base: front => front.url, cause: /failed its certificate check .*\(DEPTH_ZERO_SELF_SIGNED_CERT\)/, remedy: /NODE_EXTRA_CA_CERTS/},
	];

	/** Runs `step` once in `stepEnv`, with whatever set-up it needs first; returns the CLI's result. */
	async function runStep({emulator, redirect}: World, step: Step, stepEnv: NodeJS.ProcessEnv): Promise<CliResult> {
		switch (step) {
			case 'exchange': {
				const cli = startCli(['login', 'etsy', '--yes', '--no-browser', '--redirect-uri', redirect, '--scopes', 'shops_r'], stepEnv);
				const [, url] = await cli.waitForStderr(/(http:\/\/127\.0\.0\.1:\d+\/etsy\/oauth\/connect\?\S+)/);
				await cli.waitForStderr(/Waiting for Etsy/);
				const approved = await emulator.approve(url!);
				await followRedirect(approved.location!);
				return cli.done;
			}

			case 'refresh': {
				return runCli(['token', 'etsy'], stepEnv);
			}

			case 'mint': {
				return runCli(['token', 'ebay', '--env', 'sandbox', '--grant', 'app'], stepEnv);
			}

			case 'verify': {
				const cli = startCli(['login', 'ebay', '--env', 'sandbox', '--paste', '--no-browser', '--scopes', 'sell.inventory'], stepEnv);
				const [, url] = await cli.waitForStderr(/(http:\/\/127\.0\.0\.1:\d+\/ebay\/oauth2\/authorize\?\S+)/);
				await cli.waitForStderr(/Paste/);
				const approved = await emulator.approve(url!);
				cli.write(`${approved.location!}\n`);
				return cli.done;
			}
		}
	}

	/** What a step needs saved before it runs: fresh Etsy tokens made expired (refresh), an expired eBay application token (mint). */
	async function prepare({emulator, configDir, redirect}: World, step: Step): Promise<void> {
		if (step === 'refresh') {
			await loginEtsy({emulator, configDir, redirect});
			await expireToken({configDir});
		}

		if (step === 'mint') {
			await expireToken({configDir, key: ebaySandboxKey, grant: 'app'});
		}
	}

	for (const step of ['exchange', 'refresh', 'mint', 'verify'] as const) {
		test(`${step}: every fault exits 1 with one clear cause and remedy, config.json unchanged, only safe retries`, {timeout: 300_000}, async t => {
			const here = await world();
			const {emulator, configDir, env, front} = here;
			const tally = new Tally(`provider-faults-${step}`, `provider faults at the ${step === 'verify' ? 'verification call' : step === 'mint' ? 'application-token mint' : step === 'exchange' ? 'code exchange' : 'refresh'}`);
			const target = stepTargets[step];
			for (const fault of faults) {
				tally.add('faults');
				await prepare(here, step);
				const before = readFileSync(configFile(configDir));
				const stepEnv: NodeJS.ProcessEnv = {...env, ...fault.env};
				if (fault.base) {
					stepEnv[target.variable] = `${fault.base(front)}${target.path}`;
				}

				if (fault.http) {
					emulator.faults.set(target.endpoint, fault.http);
				}

				const seen = emulator.stats().endpoints[target.endpoint];
				const tlsSeen = front.connections();
				const result = await runStep(here, step, stepEnv).finally(() => {
					emulator.faults.clear();
				});
				await tally.attempt(`${step}, ${fault.name}`, () => {
					assert.equal(result.code, 1, result.stderr);
					if (step === 'refresh' || step === 'mint') {
						assert.equal(result.stdout, '');
					}

					const {cause, remedy} = causeAndRemedy(result);
					assert.match(cause, fault.cause);
					if (fault.remedy) {
						assert.match(remedy, fault.remedy);
					}

					assert.deepEqual(readFileSync(configFile(configDir)), before, 'config.json is byte for byte the same');
					const requests = emulator.stats().endpoints[target.endpoint] - seen;
					if (fault.http) {
						assert.equal(requests, expectedRequests(step, fault), `requests to ${target.endpoint}`);
					} else {
						assert.equal(requests, 0, `nothing reached ${target.endpoint}`);
					}

					if (fault.name === 'an untrusted TLS certificate') {
						assert.equal(front.connections() - tlsSeen, 1, 'one TLS connection attempt, not retried');
					}
				});
				tally.add('cases');
			}

			// The same step through the same TLS server works once its certificate is trusted: NODE_EXTRA_CA_CERTS.
			await prepare(here, step);
			await tally.attempt(`${step}, TLS trusted through NODE_EXTRA_CA_CERTS`, async () => {
				const trusted = await runStep(here, step, {...env, [target.variable]: `${front.url}${target.path}`, NODE_EXTRA_CA_CERTS: certificate.certFile});
				assert.equal(trusted.code, 0, trusted.stderr);
			});
			tally.add('cases');

			// A rate limit that lifts within its Retry-After: refresh and mint wait and succeed; the code exchange does not retry.
			if (step === 'refresh' || step === 'mint') {
				await prepare(here, step);
				emulator.faults.set(target.endpoint, {kind: 'rate-limit', retryAfter: 1}, {times: 1});
				const seen = emulator.stats().endpoints[target.endpoint];
				const recovered = await runStep(here, step, env);
				await tally.attempt(`${step}, a 429 once`, () => {
					assert.equal(recovered.code, 0, recovered.stderr);
					assert.equal(emulator.stats().endpoints[target.endpoint] - seen, 2, 'tried again once, after Retry-After');
				});
				tally.add('cases');
			}

			await here.close();
			tally.report(t, `${faults.length} faults (${tally.counts.cases} cases)`);
			tally.assertPassed();
		});
	}
});
