import {parseArgs} from 'node:util';
import {UsageError} from './errors.js';
import {isProviderId, type Environment, type GrantKind, type ProviderId} from './providers/index.js';
import {isPostgresUrl} from './store/choose-store.js';

export type CommandName = 'wizard' | 'login' | 'token' | 'status' | 'logout' | 'doctor' | 'emulator' | 'store' | 'help' | 'version';

/** Everything the command line said, parsed and checked; commands read nothing else from argv. */
export type ParsedArgs = {
	readonly command: CommandName;
	readonly provider: ProviderId | undefined;
	readonly profile: string;
	readonly environment: Environment | undefined;
	readonly grant: GrantKind | undefined;
	readonly scopes: string[] | undefined;
	readonly redirectUri: string | undefined;
	/** doctor: the redirect URI registered in the app settings, to compare with --redirect-uri. */
	readonly registered: string | undefined;
	/** doctor: skip the network checks. */
	readonly offline: boolean;
	readonly timeoutSeconds: number;
	readonly browser: boolean;
	readonly json: boolean;
	readonly yes: boolean;
	readonly paste: boolean;
	/** login: make the provider ask for a fresh sign-in (eBay prompt=login). */
	readonly signInAgain: boolean;
	readonly all: boolean;
	readonly demo: boolean;
	readonly port: number | undefined;
	readonly minValidSeconds: number | undefined;
	/** store copy: `--to URL` (config file → database) or `--from URL` (database → config file). */
	readonly storeCopy: {readonly to?: string; readonly from?: string} | undefined;
	/** The command whose help was asked for, with --help. */
	readonly helpFor: CommandName | undefined;
};

const commands = new Set<string>(['login', 'token', 'status', 'logout', 'doctor', 'emulator', 'store', 'help']);
/** Commands that may name a marketplace but need not. */
const mayTakeProvider = new Set<string>(['doctor']);
const needsProvider = new Set<string>(['login', 'token', 'logout']);

const options = {
	profile: {type: 'string'},
	env: {type: 'string'},
	grant: {type: 'string'},
	scopes: {type: 'string'},
	'redirect-uri': {type: 'string'},
	registered: {type: 'string'},
	offline: {type: 'boolean'},
	timeout: {type: 'string'},
	'no-browser': {type: 'boolean'},
	json: {type: 'boolean'},
	yes: {type: 'boolean', short: 'y'},
	paste: {type: 'boolean'},
	'sign-in-again': {type: 'boolean'},
	all: {type: 'boolean'},
	demo: {type: 'boolean'},
	port: {type: 'string'},
	'min-valid': {type: 'string'},
	to: {type: 'string'},
	from: {type: 'string'},
	help: {type: 'boolean', short: 'h'},
	version: {type: 'boolean', short: 'v'},
} as const;

function positiveInteger(name: string, value: string | undefined, {allowZero = false} = {}): number | undefined {
	if (value === undefined) {
		return undefined;
	}

	const number = Number(value);
	if (!Number.isInteger(number) || number < (allowZero ? 0 : 1)) {
		throw new UsageError(`--${name} must be a whole number${allowZero ? '' : ' above 0'}, not "${value}".`);
	}

	return number;
}

function parseOrExplain(argv: readonly string[]) {
	try {
		return parseArgs({args: [...argv], options, allowPositionals: true, strict: true});
	} catch (error) {
		// Node's message names the bad option and nothing secret.
		const text = error instanceof Error ? error.message.split('\n')[0]! : 'Bad arguments.';
		throw new UsageError(text.replace(/\.?$/, '.'));
	}
}

export function parseArgv(argv: readonly string[]): ParsedArgs {
	const {values, positionals} = parseOrExplain(argv);
	const [first, second, ...rest] = positionals;
	let command: CommandName = 'wizard';
	if (first !== undefined) {
		if (!commands.has(first)) {
			throw new UsageError(`Unknown command "${first}".`);
		}

		command = first as CommandName;
	}

	let helpFor: CommandName | undefined;
	if (command === 'help') {
		helpFor = second && commands.has(second) ? second as CommandName : 'wizard';
	} else if (values.help) {
		helpFor = command;
		command = 'help';
	} else if (values.version) {
		command = 'version';
	}

	const storeCopy = command === 'store' ? parseStoreCopy(second, rest, values.to, values.from) : undefined;
	const takesProvider = needsProvider.has(command) || (mayTakeProvider.has(command) && second !== undefined);
	const extra = command === 'help' || command === 'store' ? [] : (takesProvider ? rest : [second, ...rest].filter(Boolean));
	if (extra.length > 0) {
		throw new UsageError(`Unexpected argument "${extra[0]}".`);
	}

	let provider: ProviderId | undefined;
	if (takesProvider) {
		if (second === undefined) {
			throw new UsageError(`\`mkt-wizard ${command}\` needs a marketplace: etsy or ebay.`, `For example: mkt-wizard ${command} etsy`);
		}

		if (!isProviderId(second)) {
			throw new UsageError(`Unknown marketplace "${second}": choose etsy or ebay.`);
		}

		provider = second;
	}

	const environment = values.env;
	if (environment !== undefined && environment !== 'production' && environment !== 'sandbox') {
		throw new UsageError(`--env must be sandbox or production, not "${environment}".`);
	}

	if (environment === 'sandbox' && provider === 'etsy') {
		throw new UsageError('Etsy has no sandbox: every Etsy app talks to production.', 'Leave out --env for Etsy.');
	}

	const grant = values.grant;
	if (grant !== undefined && grant !== 'user' && grant !== 'app') {
		throw new UsageError(`--grant must be user or app, not "${grant}".`);
	}

	if (grant === 'app' && provider === 'etsy') {
		throw new UsageError('Etsy has no application tokens: every Etsy token comes from a user\'s consent.', 'Leave out --grant for Etsy.');
	}

	const profile = values.profile ?? 'default';
	if (!/^[\w.-]{1,64}$/.test(profile)) {
		throw new UsageError(`--profile must be letters, digits, ".", "_" or "-" (at most 64), not "${profile}".`);
	}

	const scopes = values.scopes === undefined
		? undefined
		: values.scopes.split(/[\s,]+/).filter(Boolean);
	if (scopes?.length === 0) {
		throw new UsageError('--scopes is empty.', 'Give a comma-separated list, e.g. --scopes shops_r,listings_r');
	}

	return {
		command,
		provider,
		profile,
		environment,
		grant,
		scopes,
		redirectUri: values['redirect-uri'],
		registered: values.registered,
		offline: Boolean(values.offline),
		timeoutSeconds: positiveInteger('timeout', values.timeout) ?? 300,
		browser: !values['no-browser'],
		json: Boolean(values.json),
		yes: Boolean(values.yes),
		paste: Boolean(values.paste),
		signInAgain: Boolean(values['sign-in-again']),
		all: Boolean(values.all),
		demo: Boolean(values.demo),
		port: positiveInteger('port', values.port, {allowZero: true}),
		minValidSeconds: positiveInteger('min-valid', values['min-valid'], {allowZero: true}),
		storeCopy,
		helpFor,
	};
}

/** `store copy --to URL` or `store copy --from URL`: one of them, a PostgreSQL URL. */
function parseStoreCopy(action: string | undefined, rest: readonly string[], to: string | undefined, from: string | undefined): {to?: string; from?: string} {
	const example = 'For example: mkt-wizard store copy --to postgres://user:password@host:5432/db';
	if (action !== 'copy') {
		throw new UsageError(action === undefined ? '`mkt-wizard store` needs an action: copy.' : `Unknown store action "${action}": the one action is copy.`, example);
	}

	if (rest.length > 0) {
		throw new UsageError(`Unexpected argument "${rest[0]}".`, example);
	}

	if ((to === undefined) === (from === undefined)) {
		throw new UsageError('`mkt-wizard store copy` needs --to URL (config file → database) or --from URL (database → config file), one of them.');
	}

	const url = (to ?? from)!;
	if (!isPostgresUrl(url)) {
		throw new UsageError(`--${to === undefined ? 'from' : 'to'} must be a postgres:// or postgresql:// URL.`);
	}

	return to === undefined ? {from: url} : {to: url};
}
