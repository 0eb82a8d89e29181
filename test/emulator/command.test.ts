import assert from 'node:assert/strict';
import {test} from 'node:test';
import {runEmulator} from '../../source/commands/emulator.js';
import {demo} from '../../source/emulator/index.js';
import {get} from './helpers.js';

/** The value of `export NAME=value` among printed lines (values here need no quoting). */
function exported(lines: string[], name: string): string | undefined {
	for (const line of lines) {
		const match = new RegExp(`(?:^export | )${name}=(\\S+)`).exec(line);
		if (match) {
			return match[1];
		}
	}

	return undefined;
}

test('mkt-wizard emulator prints the overrides and demo credentials, serves until aborted, then closes', {timeout: 10_000}, async () => {
	const lines: string[] = [];
	const controller = new AbortController();
	let printed: () => void;
	const ready = new Promise<void>(resolve => {
		printed = resolve;
	});
	const running = runEmulator({
		out(line) {
			lines.push(line);
			if (line.includes('Ctrl+C')) {
				printed();
			}
		},
		signal: controller.signal,
	});
	await ready;

	const apiUrl = exported(lines, 'MKT_WIZARD_ETSY_API_URL')!;
	assert.match(apiUrl, /^http:\/\/127\.0\.0\.1:\d+\/etsy\/v3$/);
	for (const name of ['MKT_WIZARD_ETSY_AUTHORIZE_URL', 'MKT_WIZARD_ETSY_TOKEN_URL', 'MKT_WIZARD_EBAY_AUTHORIZE_URL', 'MKT_WIZARD_EBAY_API_URL', 'MKT_WIZARD_EBAY_APIZ_URL']) {
		assert.ok(exported(lines, name), name);
	}

	assert.equal(exported(lines, 'ETSY_API_KEY'), demo.etsy.keystring);
	assert.equal(exported(lines, 'EBAY_CLIENT_ID'), demo.ebay.sandbox.clientId);
	assert.equal(exported(lines, 'EBAY_RUNAME'), demo.ebay.sandbox.ruNames[0]!.ruName);
	assert.ok(lines.some(line => line.includes(demo.etsy.redirectUris[0]!)));

	const key = `${exported(lines, 'ETSY_API_KEY')!}:${exported(lines, 'ETSY_SHARED_SECRET')!}`;
	assert.equal((await get(`${apiUrl}/application/openapi-ping`, {'x-api-key': key})).status, 200);

	controller.abort();
	await running;
	await assert.rejects(get(`${apiUrl}/application/openapi-ping`, {'x-api-key': key}));
});

test('a port in use is reported as an MktError with a remedy', async () => {
	const first = new AbortController();
	const lines: string[] = [];
	let printed: () => void;
	const ready = new Promise<void>(resolve => {
		printed = resolve;
	});
	const running = runEmulator({out(line) {
		lines.push(line);
		if (line.includes('Ctrl+C')) {
			printed();
		}
	}, signal: first.signal});
	await ready;
	const port = Number(new URL(exported(lines, 'MKT_WIZARD_ETSY_API_URL')!).port);
	try {
		await assert.rejects(runEmulator({port, out() {}, signal: AbortSignal.abort()}), {name: 'MktError', code: 'port_in_use'});
	} finally {
		first.abort();
		await running;
	}
});
