import {formatExpiry} from '../time.js';
import {isMktError, MktError, UsageError} from '../errors.js';
import type {ParsedArgs} from '../args.js';
import {describeBrowserResult} from '../oauth/browser.js';
import type {CallbackEvent} from '../oauth/callback-server.js';
import {getProvider, shortScopeName, type Environment, type GrantKind, type ProviderDefinition, type ProviderId} from '../providers/index.js';
import {connectionKey, savedForLogin} from '../store/index.js';
import {tokenCommand} from '../flows/commands-text.js';
import {describeCallbackEvent} from '../flows/describe-event.js';
import {checkLoginFlags, loginDefaults, type LoginDefaults} from '../flows/login-input.js';
import {beginConsent, checkAppKey, finishUserLogin, loginWithClientCredentials, type Consent, type LoginDeps, type LoginInput} from '../flows/login.js';
import {readLine} from './read-line.js';
import {describeIdentity} from '../flows/describe-identity.js';
import {configModeWarnings} from '../flows/mode-warnings.js';
import {terminalText} from '../terminal-text.js';
import type {CommandDeps, CommandIo} from './deps.js';

export type LoginOptions = {
	readonly provider: ProviderId;
	readonly profile: string;
	readonly environment: Environment | undefined;
	readonly grant: GrantKind | undefined;
	readonly scopes: string[] | undefined;
	readonly redirectUri: string | undefined;
	readonly timeoutSeconds: number;
	readonly browser: boolean;
	readonly paste: boolean;
	readonly signInAgain: boolean;
};

export function loginOptions(args: ParsedArgs): LoginOptions {
	return {
		provider: args.provider!,
		profile: args.profile,
		environment: args.environment,
		grant: args.grant,
		scopes: args.scopes,
		redirectUri: args.redirectUri,
		timeoutSeconds: args.timeoutSeconds,
		browser: args.browser,
		paste: args.paste,
		signInAgain: args.signInAgain,
	};
}

/** The input of a login with nothing to ask: every value must already be known. */
export function completeInput(defaults: LoginDefaults, profile: string): LoginInput {
	const provider = getProvider(defaults.provider);
	const {credentials} = provider;
	const variables: string[] = [];
	if (!defaults.clientId) {
		variables.push(credentials.clientId.envVar);
	}

	if (!defaults.clientSecret && credentials.clientSecret.required !== false) {
		variables.push(credentials.clientSecret.envVar);
	}

	const redirectMissing = defaults.grant === 'user' && !defaults.redirect;
	if (variables.length > 0 || redirectMissing) {
		const missing = [...variables, ...(redirectMissing ? [provider.redirectKind === 'runame' ? `the RuName (${credentials.redirect.envVar})` : 'the callback URL (--redirect-uri)'] : [])];
		const set = [
			...(variables.length > 0 ? [`set ${listed(variables)} in the environment`] : []),
			...(redirectMissing ? [provider.redirectKind === 'runame' ? `set ${credentials.redirect.envVar} or pass --redirect-uri RUNAME` : 'pass --redirect-uri URL'] : []),
		].join(' and ');
		throw new UsageError(
			`${provider.displayName} needs ${listed(missing)}, and ${missing.length === 1 ? 'it is not' : 'none of them is'} set or saved.`,
			`${set[0]!.toUpperCase()}${set.slice(1)}, or run \`mkt-wizard login ${provider.id}\` in a terminal to be asked.`,
		);
	}

	return {
		key: connectionKey({provider: defaults.provider, profile, environment: defaults.environment}),
		clientId: defaults.clientId!.value,
		clientSecret: defaults.clientSecret?.value ?? '',
		redirect: defaults.redirect?.value ?? '',
		scopes: defaults.scopes.value,
	};
}

/** `a`, `a and b`, `a, b and c`. */
function listed(items: readonly string[]): string {
	return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** A busy callback port, said with the process that holds it when the system tells (as doctor and the wizard do). */
async function withPortHolder(error: unknown, redirect: string): Promise<unknown> {
	if (!isMktError(error) || error.code !== 'port_in_use') {
		return error;
	}

	let port: number;
	try {
		port = Number(new URL(redirect).port || 80);
	} catch {
		return error;
	}

	const {findPortOwner} = await import('../troubleshoot/port-owner.js');
	const owner = await findPortOwner(port).catch(() => undefined);
	if (!owner) {
		return error;
	}

	return new MktError(
		error.code,
		`Port ${port} is already in use by process ${owner.pid} (${owner.command}), so mkt-wizard cannot receive the callback there.`,
		error.remedy,
		{exitCode: error.exitCode, cause: error},
	);
}

/** What the two kinds of login share once the input is complete. */
type LoginRun = {
	readonly options: LoginOptions;
	readonly deps: CommandDeps;
	readonly input: LoginInput;
	readonly provider: ProviderDefinition;
	readonly flowDeps: LoginDeps;
};

/** `login` without prompts: every value from flags, the environment or the saved connection. */
export async function runLogin(options: LoginOptions, deps: CommandDeps): Promise<number> {
	const {io, store} = deps;
	checkLoginFlags(options);
	for (const warning of configModeWarnings(store.path, deps.env)) {
		io.err(warning);
	}

	const key = connectionKey({provider: options.provider, profile: options.profile, environment: options.environment});
	const saved = savedForLogin(store, key);
	// Before the browser step: a login whose tokens could not be saved is a login thrown away.
	store.checkWritable?.();
	const defaults = loginDefaults(options, deps.env, saved);
	const input = {...completeInput(defaults, options.profile), ...(options.signInAgain ? {signInAgain: true} : {})};
	const run: LoginRun = {options, deps, input, provider: getProvider(input.key.provider), flowDeps: {store, http: await deps.http(), now: deps.now, env: deps.env}};
	return defaults.grant === 'app' ? loginApp(run) : loginUser(run);
}

/** An application token: minted with the client credentials, verified, saved. */
async function loginApp({deps, input, provider, flowDeps}: LoginRun): Promise<number> {
	const {io, store} = deps;
	io.err(`Minting an ${provider.displayName} ${input.key.environment} application token…\n`);
	const {connection, notes} = await loginWithClientCredentials(input, flowDeps);
	reportGrant(io, provider, input.scopes, connection.app?.scopes ?? [], notes);
	io.err(`✔ Application token minted and verified; saved to ${store.path}.\n`);
	io.err(`  It expires ${formatExpiry(connection.app!.token.expiresAt, deps.now())}; \`${tokenCommand(input.key, 'app')}\` mints a new one when needed.\n`);
	return 0;
}

/** A user's consent in the browser, the code exchanged and the user verified, then saved. */
async function loginUser(run: LoginRun): Promise<number> {
	const {options, deps, input, provider, flowDeps} = run;
	const {io, store} = deps;
	await checkAppKey(input, flowDeps);
	// eBay sends the browser to the RuName's https accept URL, which we cannot listen on.
	const paste = options.paste || provider.redirectKind === 'runame';
	const consent = await beginConsent(input, {
		env: deps.env,
		listen: !paste,
		timeoutMs: options.timeoutSeconds * 1000,
		onEvent: event => reportEvent(io, event, provider.displayName),
	}).catch(async (error: unknown) => {
		throw await withPortHolder(error, input.redirect);
	});
	try {
		io.err(`To authorise mkt-wizard with ${provider.displayName}, open this URL:\n\n  ${consent.url}\n\n`);
		if (options.browser) {
			const opened = await deps.openBrowser(consent.browserLink());
			io.err(`${describeBrowserResult(opened, deps.env)}\n`);
		}

		const code = paste ? await pastedCode(run, consent) : await callbackCode(run, consent);
		await consent.close();
		const {identity, connection, notes} = await finishUserLogin(input, {code, codeVerifier: consent.codeVerifier}, flowDeps);
		io.err(`✔ Logged in to ${provider.displayName} as ${describeIdentity(provider.id, identity)}.\n`);
		reportGrant(io, provider, input.scopes, connection.user?.scopes ?? [], notes);
		io.err(`  Saved to ${store.path}${options.profile === 'default' ? '' : ` (profile ${terminalText(options.profile)})`}.\n`);
		io.err(`  Get a token with: ${tokenCommand(input.key)}\n`);
		return 0;
	} finally {
		await consent.close();
	}
}

/** The code from the redirected address the user pastes on stdin. */
async function pastedCode({options, deps: {io}, provider}: LoginRun, consent: Consent): Promise<string> {
	io.err(provider.redirectKind === 'runame'
		? 'After you agree, eBay shows a page whose address holds the code. Paste that whole address here and press Enter:\n'
		: 'After you allow access, paste the whole address the browser was sent to and press Enter:\n');
	const line = await readLine(io.stdin, options.timeoutSeconds * 1000);
	if (line === undefined) {
		throw new MktError('paste_missing', 'No redirected URL arrived on standard input.', 'Paste the address of the page you were sent to after consenting, or pipe it in: mkt-wizard login --paste < url.txt');
	}

	return consent.acceptPasted(line).code;
}

/** The code from the browser's request to the loopback callback server. */
async function callbackCode({options, deps: {io}, input, provider}: LoginRun, consent: Consent): Promise<string> {
	io.err(`Waiting for ${provider.displayName} to send the browser to ${terminalText(input.redirect)} (up to ${formatSeconds(options.timeoutSeconds)})…\n`);
	return (await consent.server!.result).code;
}

function formatSeconds(seconds: number): string {
	return seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
}

function reportEvent(io: CommandIo, event: CallbackEvent, providerName: string): void {
	const text = describeCallbackEvent(event, providerName);
	if (text) {
		io.err(`  · ${text.text}\n`);
	}
}

/** The scopes the token carries (the provider's answer wins over what was asked), and any notes on the answer. */
function reportGrant(io: CommandIo, provider: ProviderDefinition, asked: readonly string[], granted: readonly string[], notes: readonly string[]): void {
	for (const note of notes) {
		io.err(`  ! ${note}\n`);
	}

	io.err(`  Scopes: ${granted.map(name => shortScopeName(provider, name)).join(' ')}\n`);
	const missing = asked.filter(name => !granted.includes(name));
	if (missing.length > 0) {
		io.err(`  ! ${provider.displayName} granted fewer scopes than asked: not ${missing.map(name => shortScopeName(provider, name)).join(', ')}.\n`);
	}
}
