import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {characterDiff, compareRedirects, explainRedirectValue, type DifferencePart} from '../../source/troubleshoot/redirect-diff.js';
import {revealInvisible} from '../../source/troubleshoot/invisible.js';

type Row = {
	name: string;
	sent: string;
	registered: string;
	parts: DifferencePart[];
	/** Words the explanations together must contain. */
	says: RegExp[];
	fix: 'rerun' | 'register' | 'none';
	/** The value the fix names. */
	fixValue?: string;
};

const base = 'http://localhost:3000/callback';

const rows: Row[] = [
	{name: 'wrong port', sent: base, registered: 'http://localhost:3003/callback', parts: ['port'], says: [/port 3000/, /port 3003/], fix: 'rerun', fixValue: 'http://localhost:3003/callback'},
	{name: 'no port against an explicit one', sent: 'http://localhost/callback', registered: base, parts: ['port'], says: [/no port \(so the default, 80\)/, /port 3000/], fix: 'rerun', fixValue: base},
	{name: 'explicit default port against none', sent: 'https://example.com:443/cb', registered: 'https://example.com/cb', parts: ['port'], says: [/Both mean port 443/], fix: 'register', fixValue: 'https://example.com:443/cb'},
	{name: 'trailing slash registered', sent: base, registered: `${base}/`, parts: ['trailing-slash'], says: [/registered one ends with a slash/], fix: 'rerun', fixValue: `${base}/`},
	{name: 'trailing slash sent', sent: `${base}/`, registered: base, parts: ['trailing-slash'], says: [/one sent ends with a slash/], fix: 'rerun', fixValue: base},
	{name: 'slash after the port only', sent: 'http://localhost:3000', registered: 'http://localhost:3000/', parts: ['trailing-slash'], says: [/nothing after the port/], fix: 'rerun'},
	{name: '127.0.0.1 registered but localhost used', sent: base, registered: 'http://127.0.0.1:3000/callback', parts: ['host'], says: [/different strings to the provider even though they reach the same machine/], fix: 'rerun', fixValue: 'http://127.0.0.1:3000/callback'},
	{name: '[::1] against localhost', sent: 'http://[::1]:3000/callback', registered: base, parts: ['host'], says: [/\[::1\]/, /same machine/], fix: 'rerun', fixValue: base},
	{name: 'http sent, https registered', sent: base, registered: 'https://localhost:3000/callback', parts: ['scheme'], says: [/http and the other https/, /plain http/], fix: 'register', fixValue: base},
	{name: 'https sent, http registered', sent: 'https://localhost:3000/callback', registered: base, parts: ['scheme'], says: [/https/], fix: 'rerun', fixValue: base},
	{name: 'path differs', sent: base, registered: 'http://localhost:3000/oauth/callback', parts: ['path'], says: [/\/callback sent, \/oauth\/callback registered/], fix: 'rerun', fixValue: 'http://localhost:3000/oauth/callback'},
	{name: 'path and trailing slash together', sent: base, registered: 'http://localhost:3000/oauth/redirect/', parts: ['trailing-slash', 'path'], says: [/slash/], fix: 'rerun'},
	{name: 'bare ? at the end', sent: base, registered: `${base}?`, parts: ['query'], says: [/bare '\?'/], fix: 'rerun', fixValue: `${base}?`},
	{name: 'query string', sent: `${base}?source=cli`, registered: base, parts: ['query'], says: [/\?source=cli/], fix: 'rerun', fixValue: base},
	{name: 'fragment', sent: `${base}#top`, registered: base, parts: ['fragment'], says: [/#top/, /fragment/], fix: 'rerun', fixValue: base},
	{name: 'letter case in scheme, host and path', sent: base, registered: 'HTTP://LocalHost:3000/Callback', parts: ['case', 'case', 'case'], says: [/HTTP/, /LocalHost/, /\/Callback/, /letter case/], fix: 'register', fixValue: base},
	{name: 'www against no www (Etsy docs example)', sent: 'https://www.example.com/some/location', registered: 'https://example.com/some/location', parts: ['host'], says: [/www\./], fix: 'register', fixValue: 'https://www.example.com/some/location'},
	{name: 'percent-encoding', sent: 'http://localhost:3000/call%62ack', registered: base, parts: ['encoding'], says: [/percent-encoding/], fix: 'rerun', fixValue: base},
	{name: 'user info', sent: 'http://me@localhost:3000/callback', registered: base, parts: ['userinfo'], says: [/@/], fix: 'rerun', fixValue: base},
	{name: 'trailing space sent', sent: `${base} `, registered: base, parts: ['whitespace'], says: [/value sent ends with a space \(U\+0020\)/], fix: 'rerun', fixValue: base},
	{name: 'leading tab and trailing newline in the registered value', sent: base, registered: `\t${base}\n`, parts: ['whitespace'], says: [/starts with a tab \(U\+0009\)/, /ends with a line feed \(U\+000A\)/], fix: 'rerun', fixValue: base},
	{name: 'NBSP in the registered value', sent: base, registered: `${base}\u00A0`, parts: ['whitespace'], says: [/no-break space \(U\+00A0\)/], fix: 'register', fixValue: base},
	{name: 'zero-width space inside the sent value', sent: 'http://local\u200Bhost:3000/callback', registered: base, parts: ['whitespace'], says: [/contains a zero-width space \(U\+200B\)/], fix: 'rerun', fixValue: base},
	{name: 'whitespace and a wrong port together', sent: `${base} `, registered: 'http://localhost:3001/callback', parts: ['whitespace', 'port'], says: [/U\+0020/, /3001/], fix: 'rerun', fixValue: 'http://localhost:3001/callback'},
	{name: 'scheme missing', sent: 'localhost:3000/callback', registered: base, parts: ['scheme'], says: [/no scheme/, /http:\/\//], fix: 'rerun', fixValue: base},
	{name: 'scheme missing and port differs', sent: base, registered: 'localhost:3001/callback', parts: ['scheme', 'port'], says: [/registered value has no scheme/], fix: 'register', fixValue: base},
	{name: 'sandbox-looking RuName against production', sent: 'Demo_Seller-DemoSell-mktwiz-sbxabcdef', registered: 'Demo_Seller-DemoSell-mktwiz-abcdefghi', parts: ['environment'], says: [/sandbox/, /"sbx"/], fix: 'rerun', fixValue: 'Demo_Seller-DemoSell-mktwiz-abcdefghi'},
	{name: 'two unrelated RuNames', sent: 'Jane_Doe-JaneDoeA-MyApp-abcdef', registered: 'Jane_Doe-JaneDoeA-Other-zyxwvu', parts: ['value'], says: [/different RuNames/], fix: 'rerun', fixValue: 'Jane_Doe-JaneDoeA-Other-zyxwvu'},
	{name: 'RuName in different case', sent: 'jane_doe-janedoea-myapp-abcdef', registered: 'Jane_Doe-JaneDoeA-MyApp-abcdef', parts: ['case'], says: [/letter case/], fix: 'rerun', fixValue: 'Jane_Doe-JaneDoeA-MyApp-abcdef'},
	{name: 'URL sent where eBay wants the RuName', sent: 'https://example.com/ebay/accept', registered: 'Jane_Doe-JaneDoeA-MyApp-abcdef', parts: ['kind'], says: [/eBay wants the RuName in redirect_uri; the https URL is the RuName's accept URL/], fix: 'rerun', fixValue: 'Jane_Doe-JaneDoeA-MyApp-abcdef'},
	{name: 'RuName sent, accept URL pasted as the registered one', sent: 'Jane_Doe-JaneDoeA-MyApp-abcdef', registered: 'https://example.com/ebay/accept', parts: ['kind'], says: [/accept URL/], fix: 'none'},
	{name: 'text that is no URL at all', sent: base, registered: 'TBD', parts: ['kind'], says: [/not a URL/], fix: 'register', fixValue: base},
];

describe('compareRedirects', () => {
	for (const row of rows) {
		test(`${row.name}: names ${row.parts.join(', ')}`, () => {
			const result = compareRedirects({sent: row.sent, registered: row.registered});
			assert.equal(result.equal, false);
			assert.deepEqual(result.differences.map(difference => difference.part), row.parts);
			const explanations = result.differences.map(difference => difference.explanation).join('\n');
			for (const pattern of row.says) {
				assert.match(explanations, pattern);
			}

			assert.equal(result.fixAction.kind, row.fix);
			if (row.fix === 'rerun') {
				assert.match(result.fix, /^Re-run with --redirect-uri /);
			} else if (row.fix === 'register') {
				assert.match(result.fix, /^Register exactly /);
			}

			if (row.fixValue !== undefined) {
				assert.ok(result.fix.includes(row.fixValue), result.fix);
				assert.equal(result.fixAction.kind === 'rerun' ? result.fixAction.redirectUri : (result.fixAction.kind === 'register' ? result.fixAction.value : ''), row.fixValue);
			}

			// One sentence: a single full stop, at the end.
			assert.equal(result.fix.split(/\.\s/).length, 1, result.fix);
		});
	}

	test('identical values are equal, with no differences and nothing to fix', () => {
		const result = compareRedirects({sent: base, registered: base});
		assert.deepEqual({equal: result.equal, differences: result.differences, fix: result.fixAction}, {equal: true, differences: [], fix: {kind: 'none'}});
	});

	test('values that look the same but differ only in an invisible character are not equal', () => {
		const result = compareRedirects({sent: base, registered: `\u200B${base}`});
		assert.equal(result.equal, false);
		assert.equal(result.differences[0]?.part, 'whitespace');
		assert.equal(result.differences[0]?.registered, '\u200B');
		assert.equal(result.differences[0]?.sent, '');
	});

	test('each difference carries the two parts as written', () => {
		const result = compareRedirects({sent: base, registered: 'http://127.0.0.1:3003/callback'});
		assert.deepEqual(result.differences.map(({part, sent, registered}) => ({part, sent, registered})), [
			{part: 'host', sent: 'localhost', registered: '127.0.0.1'},
			{part: 'port', sent: '3000', registered: '3003'},
		]);
	});
});

describe('characterDiff', () => {
	function rebuild(segments: ReturnType<typeof characterDiff>, side: 'from' | 'to'): string {
		return segments.filter(segment => segment.kind === 'same' || segment.kind === (side === 'from' ? 'removed' : 'added')).map(segment => segment.text).join('');
	}

	test('aligns two redirect URIs character by character', () => {
		assert.deepEqual(characterDiff(base, 'http://127.0.0.1:3003/callback/'), [
			{kind: 'same', text: 'http://'},
			{kind: 'removed', text: 'localhost'},
			{kind: 'added', text: '127.0.0.1'},
			{kind: 'same', text: ':300'},
			{kind: 'removed', text: '0'},
			{kind: 'added', text: '3'},
			{kind: 'same', text: '/callback'},
			{kind: 'added', text: '/'},
		]);
	});

	test('identical strings are one unchanged segment, empty ones none', () => {
		assert.deepEqual(characterDiff(base, base), [{kind: 'same', text: base}]);
		assert.deepEqual(characterDiff('', ''), []);
		assert.deepEqual(characterDiff('', 'a'), [{kind: 'added', text: 'a'}]);
	});

	test('an inserted path segment shows as one addition', () => {
		assert.deepEqual(characterDiff(base, 'http://localhost:3000/oauth/callback'), [
			{kind: 'same', text: 'http://localhost:3000/'},
			{kind: 'added', text: 'oauth/'},
			{kind: 'same', text: 'callback'},
		]);
	});

	test('both sides can always be rebuilt from the segments, astral characters included', () => {
		const pairs: Array<[string, string]> = [
			[base, 'HTTPS://LocalHost:3000/Callback?'],
			['abc😀def', 'abdef😀'],
			[`${base}\u00A0`, ` ${base}`],
			['Demo_Seller-DemoSell-mktwiz-sbxabcdef', 'https://example.com/accept'],
		];
		for (const [from, to] of pairs) {
			const segments = characterDiff(from, to);
			assert.equal(rebuild(segments, 'from'), from);
			assert.equal(rebuild(segments, 'to'), to);
			for (let index = 1; index < segments.length; index++) {
				assert.notEqual(segments[index]!.kind, segments[index - 1]!.kind, 'adjacent segments of one kind are merged');
			}
		}
	});
});

describe('revealInvisible', () => {
	test('shows invisible characters by code point, keeping ordinary inner spaces', () => {
		assert.equal(revealInvisible(` a b\u00A0c\u200B `), '⟨U+0020⟩a b⟨U+00A0⟩c⟨U+200B⟩⟨U+0020⟩');
	});
});

describe('explainRedirectValue', () => {
	const cases: Array<{name: string; provider: 'etsy' | 'ebay'; value: string; environment?: 'sandbox' | 'production'; status: 'ok' | 'warn' | 'fail'; says: RegExp}> = [
		{name: 'Etsy loopback URL with a port', provider: 'etsy', value: 'http://127.0.0.1:3000/callback', status: 'ok', says: /register exactly this/},
		{name: 'Etsy localhost', provider: 'etsy', value: base, status: 'ok', says: /different strings to Etsy/},
		{name: 'Etsy https on loopback', provider: 'etsy', value: 'https://localhost:3000/callback', status: 'warn', says: /plain http/},
		{name: 'Etsy loopback without a port', provider: 'etsy', value: 'http://localhost/callback', status: 'warn', says: /no port/},
		{name: 'Etsy remote https host', provider: 'etsy', value: 'https://example.com/callback', status: 'warn', says: /not this machine's loopback/},
		{name: 'Etsy not a URL', provider: 'etsy', value: 'localhost:3000/callback', status: 'fail', says: /not a URL/},
		{name: 'Etsy given a RuName', provider: 'etsy', value: 'Jane_Doe-JaneDoeA-MyApp-abcdef', status: 'fail', says: /RuName/},
		{name: 'Etsy fragment', provider: 'etsy', value: `${base}#x`, status: 'fail', says: /fragment/},
		{name: 'Etsy trailing NBSP', provider: 'etsy', value: `${base}\u00A0`, status: 'fail', says: /no-break space \(U\+00A0\)/},
		{name: 'Etsy ftp scheme', provider: 'etsy', value: 'ftp://localhost:3000/x', status: 'fail', says: /http or https/},
		{name: 'eBay RuName', provider: 'ebay', value: 'Jane_Doe-JaneDoeA-MyApp-abcdef', status: 'ok', says: /RuName/},
		{name: 'eBay URL where a RuName is expected', provider: 'ebay', value: 'https://example.com/accept', status: 'fail', says: /accept URL/},
		{name: 'eBay sandbox-looking RuName with production', provider: 'ebay', value: 'Demo_Seller-DemoSell-mktwiz-sbxabcdef', environment: 'production', status: 'warn', says: /sandbox one/},
		{name: 'eBay free text', provider: 'ebay', value: 'myapp', status: 'warn', says: /does not look like a RuName/},
		{name: 'empty value', provider: 'etsy', value: '  ', status: 'fail', says: /empty/},
		{name: 'Etsy 127.0.0.01, read by the callback server as 127.0.0.1', provider: 'etsy', value: 'http://127.0.0.01:3000/callback', status: 'ok', says: /can listen on/},
		{name: 'Etsy 127.999.0.1, no address', provider: 'etsy', value: 'http://127.999.0.1:3000/callback', status: 'warn', says: /not this machine's loopback address/},
	];
	for (const row of cases) {
		test(`${row.name} → ${row.status}`, () => {
			const result = explainRedirectValue({provider: row.provider, value: row.value, environment: row.environment});
			assert.equal(result.status, row.status);
			assert.match(result.findings.map(finding => finding.message).join('\n'), row.says);
		});
	}
});
