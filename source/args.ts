import {parseArgs} from 'node:util';
import {genericUsageRemedy, isMktError, UsageError} from './errors.js';
import {helpCommandFor} from './help.js';
import {getProvider, isProviderId, listProviders, type Environment, type GrantKind, type ProviderId} from './providers/index.js';
import {isPostgresUrl} from './store/choose-store.js';
import {nearest} from './suggest.js';

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
	/** token: print the header lines a request needs instead of the bare token. */
	readonly headers: boolean;
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
	headers: {type: 'boolean'},
	help: {type: 'boolean', short: 'h'},
	version: {type: 'boolean', short: 'v'},
} as const;

/** Node's timers hold at most 2^31-1 ms; a longer --timeout would fire at once. */
const maxTimeoutSeconds = Math.floor(2_147_483_647 / 1000);

function positiveInteger(name: string, value: string | undefined, {allowZero = false, max = Number.MAX_SAFE_INTEGER, unit = ''} = {}): number | undefined {
	if (value === undefined) {
		return undefined;
	}

	const number = Number(value);
	if (!Number.isInteger(number) || number < (allowZero ? 0 : 1)) {
		throw new UsageError(`--${name} must be a whole number${allowZero ? '' : ' above 0'}, not "${value}".`);
	}

	if (number > max) {
		throw new UsageError(`--${name} must be at most ${max}${unit}, not "${value}".`);
	}

	return number;
}

const longNames = Object.keys(options);
const shortNames = new Set<string>(Object.values(options).flatMap(option => ('short' in option ? [option.short] : [])));

/** The option names of the command line that mkt-wizard does not have, as typed. */
function unknownOptions(argv: readonly string[]): string[] {
	const {tokens} = parseArgs({args: [...argv], options, allowPositionals: true, strict: false, tokens: true});
	return tokens.flatMap(token => (token.kind === 'option' && !longNames.includes(token.name) && !shortNames.has(token.name) ? [token.rawName] : []));
}

function parseOrExplain(argv: readonly string[], command: string) {
	try {
		return parseArgs({args: [...argv], options, allowPositionals: true, strict: true});
	} catch (error) {
		// The strict parse fails on any unknown option: only then is the command line read a second time, for its name.
		throw explainUnknown(argv, command) ?? badValue(error, command);
	}
}

function explainUnknown(argv: readonly string[], command: string): UsageError | undefined {
	const [unknown] = unknownOptions(argv);
	if (unknown === undefined) {
		return undefined;
	}

	if (/secret|key|client|password|token/i.test(unknown)) {
		return new UsageError(
			`Unknown option ${unknown}: credentials are never taken as flags, since other users can read a process's arguments.`,
			'Set ETSY_API_KEY and ETSY_SHARED_SECRET, or EBAY_CLIENT_ID and EBAY_CLIENT_SECRET, in the environment instead.',
		);
	}

	const meant = nearest(unknown.replace(/^--?/, ''), longNames);
	return new UsageError(
		`Unknown option ${unknown}.`,
		meant ? `Did you mean --${meant}? (\`${helpCommandFor(meant, command)}\` lists the options)` : `\`${helpCommandFor(undefined, command)}\` lists the options.`,
	);
}

/** What is left: a value missing after an option, or given to one that takes none. */
function badValue(error: unknown, command: string): UsageError {
	const option = error instanceof Error ? /'(--?[\w-]+)/.exec(error.message)?.[1] : undefined;
	const takesNone = error instanceof Error && error.message.includes('does not take an argument');
	return new UsageError(
		option ? `${option} ${takesNone ? 'takes no value' : 'needs a value'}.` : 'The command line could not be read.',
		`\`${helpCommandFor(option?.replace(/^--?/, ''), command)}\` lists the options.`,
	);
}

function unknownCommand(first: string): UsageError {
	if (isProviderId(first.toLowerCase())) {
		return new UsageError(`Unknown command "${first}".`, `Did you mean \`mkt-wizard login ${first.toLowerCase()}\`?`);
	}

	const meant = nearest(first, [...commands]);
	return new UsageError(`Unknown command "${first}".`, meant ? `Did you mean \`mkt-wizard ${meant}\`? (\`mkt-wizard --help\` lists the commands)` : '`mkt-wizard --help` lists the commands.');
}

/** Parses and checks the command line; a usage error's remedy names the help page that explains the flag at fault. */
export function parseArgv(argv: readonly string[]): ParsedArgs {
	const command = argv.find(argument => !argument.startsWith('-') && commands.has(argument)) ?? 'wizard';
	try {
		return parseChecked(argv, command);
	} catch (error) {
		const flag = isMktError(error) && error.remedy === genericUsageRemedy ? /--([\w-]+)/.exec(error.message)?.[1] : undefined;
		if (flag === undefined) {
			throw error;
		}

		throw new UsageError(error instanceof Error ? error.message : String(error), `\`${helpCommandFor(flag, command)}\` explains --${flag}.`);
	}
}

type Values = ReturnType<typeof parseOrExplain>['values'];

/** The command the first word names (none: the wizard), then --help and --version over it. */
function commandOf(first: string | undefined, second: string | undefined, values: Values): {command: CommandName; helpFor: CommandName | undefined} {
	if (first !== undefined && !commands.has(first)) {
		throw unknownCommand(first);
	}

	const named = (first ?? 'wizard') as CommandName;
	if (named === 'help') {
		return {command: 'help', helpFor: second && commands.has(second) ? second as CommandName : 'wizard'};
	}

	if (values.help) {
		return {command: 'help', helpFor: named};
	}

	return {command: values.version ? 'version' : named, helpFor: undefined};
}

/** The marketplace word after a command that takes one; any other word left over is an error. */
function providerOf(command: CommandName, second: string | undefined, rest: readonly string[]): ProviderId | undefined {
	const takesProvider = needsProvider.has(command) || (mayTakeProvider.has(command) && second !== undefined);
	const extra = command === 'help' || command === 'store' ? [] : (takesProvider ? rest : [second, ...rest].filter(Boolean));
	if (extra.length > 0) {
		throw new UsageError(`Unexpected argument "${extra[0]}".`);
	}

	if (!takesProvider) {
		return undefined;
	}

	if (second === undefined) {
		throw new UsageError(`\`mkt-wizard ${command}\` needs a marketplace: etsy or ebay.`, `For example: mkt-wizard ${command} etsy`);
	}

	// `token Etsy` as people write the names.
	const named = second.toLowerCase();
	if (!isProviderId(named)) {
		throw new UsageError(`Unknown marketplace "${second}": choose ${listProviders().map(known => known.id).join(' or ')}.`);
	}

	return named;
}

function checkedEnvironment(environment: string | undefined, provider: ProviderId | undefined): Environment | undefined {
	if (environment !== undefined && environment !== 'production' && environment !== 'sandbox') {
		throw new UsageError(`--env must be sandbox or production, not "${environment}".`);
	}

	if (environment !== undefined && provider !== undefined && !getProvider(provider).environments.includes(environment)) {
		const {displayName, environments} = getProvider(provider);
		throw new UsageError(`${displayName} has no ${environment}: every ${displayName} app talks to ${environments.join(' or ')}.`, `Leave out --env for ${displayName}.`);
	}

	return environment;
}

function checkedGrant(grant: string | undefined, provider: ProviderId | undefined): GrantKind | undefined {
	if (grant !== undefined && grant !== 'user' && grant !== 'app') {
		throw new UsageError(`--grant must be user or app, not "${grant}".`);
	}

	if (grant !== undefined && provider !== undefined && !getProvider(provider).grants.includes(grant)) {
		const {displayName} = getProvider(provider);
		throw new UsageError(grant === 'app' ? `${displayName} has no application tokens: every ${displayName} token comes from a user's consent.` : `${displayName} has no user tokens.`, `Leave out --grant for ${displayName}.`);
	}

	return grant;
}

function checkedProfile(profile = 'default'): string {
	if (!/^[\w.-]{1,64}$/.test(profile)) {
		throw new UsageError(`--profile must be letters, digits, ".", "_" or "-" (at most 64), not "${profile}".`);
	}

	return profile;
}

function checkedScopes(text: string | undefined): string[] | undefined {
	const scopes = text?.split(/[\s,]+/).filter(Boolean);
	if (scopes?.length === 0) {
		throw new UsageError('--scopes is empty.', 'Give a comma-separated list, e.g. --scopes shops_r,listings_r');
	}

	return scopes;
}

function parseChecked(argv: readonly string[], commandGuess: string): ParsedArgs {
	const {values, positionals} = parseOrExplain(argv, commandGuess);
	const [first, second, ...rest] = positionals;
	const {command, helpFor} = commandOf(first, second, values);
	const storeCopy = command === 'store' ? parseStoreCopy(second, rest, values.to, values.from) : undefined;
	const provider = providerOf(command, second, rest);
	const environment = checkedEnvironment(values.env, provider);
	const grant = checkedGrant(values.grant, provider);
	return {
		command,
		provider,
		profile: checkedProfile(values.profile),
		environment,
		grant,
		scopes: checkedScopes(values.scopes),
		redirectUri: values['redirect-uri'],
		registered: values.registered,
		offline: Boolean(values.offline),
		timeoutSeconds: positiveInteger('timeout', values.timeout, {max: maxTimeoutSeconds, unit: ' seconds (about 24 days, the longest wait Node can time)'}) ?? 300,
		browser: !values['no-browser'],
		json: Boolean(values.json),
		yes: Boolean(values.yes),
		paste: Boolean(values.paste),
		signInAgain: Boolean(values['sign-in-again']),
		all: Boolean(values.all),
		demo: Boolean(values.demo),
		port: positiveInteger('port', values.port, {allowZero: true, max: 65_535, unit: ' (the highest TCP port)'}),
		minValidSeconds: positiveInteger('min-valid', values['min-valid'], {allowZero: true}),
		storeCopy,
		headers: Boolean(values.headers),
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
