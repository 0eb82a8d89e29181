// Stand-ins for the packages conf needs only for JSON-schema validation (ajv,
// ajv-formats) and version migrations (semver): the store uses neither option,
// and they would be a third of the package. Using one fails at once, loudly.
function notBundled(what: string): never {
	throw new Error(`The bundled conf has no ${what} (see source/bundle/conf-unused.ts).`);
}

export class Ajv2020 {
	constructor() {
		notBundled('JSON-schema validation');
	}
}

export const ajvFormats = {
	default() {
		notBundled('JSON-schema formats');
	},
};

export const semver = new Proxy({}, {
	get() {
		return () => notBundled('version migrations');
	},
});
