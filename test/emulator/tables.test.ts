// The emulator is an independent witness: its tables are its own, written from the
// providers' documentation. This compares them with the client's definitions, so that a
// fact changes on both sides deliberately, and checks that the emulator imports nothing
// from source/providers/ (which would make every wrong fact agree with itself).
import assert from 'node:assert/strict';
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {ebayBaseScope, ebayConsentErrorPages, ebayFacts, ebayScopes, etsyFacts, etsyScopes, type EmulatedScope} from '../../source/emulator/tables.js';
import {getProvider} from '../../source/providers/index.js';
import type {ProviderDefinition} from '../../source/providers/types.js';

const emulatorDir = fileURLToPath(new URL('../../source/emulator/', import.meta.url));

function clientScopes(provider: ProviderDefinition): EmulatedScope[] {
	return provider.scopes.map(scope => ({
		name: scope.name,
		description: scope.description,
		...(scope.status && scope.status !== 'current' ? {status: scope.status} : {}),
		...(scope.withdrawnOn ? {withdrawnOn: scope.withdrawnOn} : {}),
	}));
}

test('Etsy: the emulator and the client agree on every scope, its meaning and status, the lifetimes and the texts', () => {
	const etsy = getProvider('etsy');
	assert.deepEqual(etsyScopes, clientScopes(etsy));
	assert.equal(etsyFacts.accessTokenLifetimeSeconds, etsy.accessTokenLifetimeSeconds);
	assert.equal(etsyFacts.refreshTokenLifetimeSeconds, etsy.refreshTokenLifetimeSeconds);
	assert.equal(etsyFacts.allowLabel, etsy.allowLabel);
	assert.equal(etsyFacts.redirectRefusalPage, etsy.redirectRefusalPage);
});

test('eBay: the emulator and the client agree on every scope, the application scope, lifetimes, error pages and texts', () => {
	const ebay = getProvider('ebay');
	assert.deepEqual(ebayScopes, clientScopes(ebay));
	assert.deepEqual([ebayBaseScope], ebay.appScopes);
	assert.equal(ebayFacts.accessTokenLifetimeSeconds, ebay.accessTokenLifetimeSeconds);
	assert.equal(ebayFacts.refreshTokenLifetimeSeconds, ebay.refreshTokenLifetimeSeconds);
	assert.equal(ebayFacts.allowLabel, ebay.allowLabel);
	assert.deepEqual(
		ebayConsentErrorPages,
		Object.fromEntries(Object.entries(ebay.consentErrorPages ?? {}).map(([id, page]) => [id, {status: page.status, ...(page.text ? {text: page.text} : {})}])),
	);
});

test('the emulator imports nothing from source/providers/', () => {
	const files = readdirSync(emulatorDir, {recursive: true, encoding: 'utf8'}).filter(file => file.endsWith('.ts'));
	assert.ok(files.length > 10);
	for (const file of files) {
		const text = readFileSync(path.join(emulatorDir, file), 'utf8');
		assert.doesNotMatch(text, /from '(\.\.\/)+providers\//, `${file} imports the client's provider definitions`);
	}
});
