import assert from 'node:assert/strict';
import {test} from 'node:test';
import {rawSpans} from '../../source/store/raw-spans.js';

const rows: Array<{name: string; text: string; want: Record<string, string>}> = [
	{name: 'no profiles', text: '{"version":1}', want: {}},
	{
		name: 'a number JSON.parse would change is kept as written',
		text: '{"version":1,"profiles":{"default":{"etsy":{"clientId":"k","updatedAt":1e400}}}}',
		want: {'default\0etsy': '{"clientId":"k","updatedAt":1e400}'},
	},
	{
		name: 'blanks, a BOM and strings holding brackets, quotes and escapes',
		text: '\uFEFF{ "other": [1, {"a": "}"}],\n\t"profiles" : {\n  "shop" : { "ebay-sandbox" : {"clientId": "a\\"}]b", "user": null} ,\n "etsy":true }\n}}',
		want: {'shop\0ebay-sandbox': '{"clientId": "a\\"}]b", "user": null}', 'shop\0etsy': 'true'},
	},
	{
		name: 'a profile that is not an object is one span; unknown slots are skipped',
		text: '{"profiles":{"a":"text","b":{"amazon":{"x":1},"ebay-production":[1,2]},"c":-2.5e3}}',
		want: {'a\0': '"text"', 'b\0ebay-production': '[1,2]', 'c\0': '-2.5e3'},
	},
	{name: 'profiles that is not an object', text: '{"profiles":[{"etsy":{}}],"version":1}', want: {}},
];

for (const row of rows) {
	test(`rawSpans: ${row.name}`, () => {
		assert.deepEqual(Object.fromEntries(rawSpans(row.text)), row.want);
	});
}
