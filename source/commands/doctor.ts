import path from 'node:path';
import {isMktError} from '../errors.js';
import type {ParsedArgs} from '../args.js';
import {getProvider, listProviders, namesEnvironment, resolveEndpoints} from '../providers/index.js';
import type {Environment, ProviderId} from '../providers/types.js';
import {resolveConfigDir} from '../store/index.js';
import type {ConnectionStore, StoredConnection} from '../store/types.js';
import {browserCheck, browserFacts} from '../troubleshoot/checks/browser.js';
import {redirectComparisonCheck, redirectValueCheck} from '../troubleshoot/checks/redirect.js';
import {renderChecks} from '../troubleshoot/checks/render.js';
import {tokenChecks} from '../troubleshoot/checks/tokens.js';
import type {Check} from '../troubleshoot/checks/types.js';
import {probeSharedStore} from '../troubleshoot/store-probe.js';
import type {LookupAll} from '../troubleshoot/loopback.js';
import {commandOnPath, probeConfig, probeLocalhost, probePorts, probeReachability, type ConfigProbe, type ReachTarget, type RedirectUse} from '../troubleshoot/probes.js';
import {parseUrlParts} from '../troubleshoot/redirect-parts.js';
import type {CommandDeps, CommandIo} from './deps.js';

export type DoctorOptions = {
	/** Print `{"ok": boolean, "checks": [...]}` on stdout instead of the human report. */
	readonly json: boolean;
	/** Skip the provider reachability requests. */
	readonly offline: boolean;
	/** Config folder to check. @default resolveConfigDir(env) */
	readonly configDir?: string;
	/** --redirect-uri: the value to check (and to compare with `registered`). */
	readonly redirectUri?: string;
	/** --registered: the value in the app settings, to compare character by character. */
	readonly registered?: string;
	/** Limit reachability to one provider, and say what a lone --redirect-uri is for. */
	readonly provider?: ProviderId;
	/** eBay environment of --redirect-uri, to flag a sandbox-looking RuName used with production. */
	readonly environment?: Environment;
	/** Fold the report to this many columns. @default COLUMNS, else the terminal's width, else no folding */
	readonly columns?: number;
	/** Per-request limit of the reachability checks. @default 3000 */
	readonly reachTimeoutMs?: number;
};

export function doctorOptions(args: ParsedArgs): DoctorOptions {
	return {
		json: args.json,
		offline: args.offline,
		...(args.redirectUri === undefined ? {} : {redirectUri: args.redirectUri}),
		...(args.registered === undefined ? {} : {registered: args.registered}),
		...(args.provider === undefined ? {} : {provider: args.provider}),
		...(args.environment === undefined ? {} : {environment: args.environment}),
	};
}

/**
 * The shared deps without a store: doctor opens the config itself, since a store that cannot
 * be opened is one of its findings. The rest is what its probes look at, for tests to stand in.
 */
export type DoctorDeps = Pick<CommandDeps, 'http' | 'now' | 'env'> & {
	readonly io: Pick<CommandIo, 'out' | 'err'>;
	/** An already-open store; its folder is the one checked. */
	readonly store?: ConnectionStore;
	/** Is the browser opener's command there? @default a PATH lookup */
	readonly openBrowserProbe?: (command: string) => Promise<boolean>;
	/** @default dns.lookup */
	readonly lookup?: LookupAll;
	/** @default process.platform */
	readonly platform?: NodeJS.Platform;
};

export type DoctorReport = {
	readonly ok: boolean;
	readonly checks: Check[];
};

function connectionLabel({key}: StoredConnection): string {
	return `${getProvider(key.provider).displayName} · ${key.profile}`;
}

/** The redirect URIs whose port the callback server would need: saved Etsy ones and the command line's. */
function redirectUses(connections: readonly StoredConnection[], options: DoctorOptions): RedirectUse[] {
	const uses: RedirectUse[] = connections
		.filter(({key, connection}) => getProvider(key.provider).redirectKind === 'loopback-url' && connection.redirect)
		.map(stored => ({redirectUri: stored.connection.redirect!.trim(), usedBy: connectionLabel(stored)}));
	for (const [value, usedBy] of [[options.redirectUri, '--redirect-uri'], [options.registered, '--registered']] as const) {
		if (value !== undefined && (options.provider === undefined || getProvider(options.provider).redirectKind === 'loopback-url') && parseUrlParts(value.trim())) {
			uses.push({redirectUri: value.trim(), usedBy});
		}
	}

	// A provider whose browser comes back to an https page (eBay's RuName) has no loopback port to check.
	const named = options.provider === undefined ? undefined : getProvider(options.provider);
	if (uses.length === 0 && (!named || named.redirectKind === 'loopback-url')) {
		const listener = named ?? listProviders().find(provider => provider.redirectKind === 'loopback-url' && provider.defaultRedirect);
		if (listener?.defaultRedirect) {
			uses.push({redirectUri: listener.defaultRedirect, usedBy: `the default ${listener.displayName} redirect`});
		}
	}

	return uses;
}

function rootOf(url: string): string {
	try {
		return `${new URL(url).origin}/`;
	} catch {
		return url;
	}
}

/** Each provider's API host root, once per distinct URL. */
function reachTargets(connections: readonly StoredConnection[], options: DoctorOptions, env: NodeJS.ProcessEnv): ReachTarget[] {
	// Every provider's first environment; another one only where asked for or saved.
	const wanted: Array<{provider: ProviderId; environment: Environment; override: string | undefined}> = listProviders().flatMap(provider => provider.environments
		.filter((environment, index) => index === 0 || options.environment === environment || connections.some(({key}) => key.provider === provider.id && key.environment === environment))
		.map(environment => ({provider: provider.id, environment, override: provider.endpointOverrides?.apiUrl})));

	const seen = new Set<string>();
	const targets: ReachTarget[] = [];
	for (const {provider, environment, override} of wanted) {
		if (options.provider !== undefined && options.provider !== provider) {
			continue;
		}

		const url = rootOf(resolveEndpoints(getProvider(provider), environment, env).apiUrl);
		if (seen.has(url)) {
			continue;
		}

		seen.add(url);
		const several = namesEnvironment(provider);
		const suffix = several && environment !== 'production' ? ` (${environment})` : '';
		targets.push({
			id: `reach:${provider}${several ? `:${environment}` : ''}`,
			label: `${getProvider(provider).displayName} API${suffix}`,
			url,
			...(override && env[override] ? {override} : {}),
		});
	}

	return targets;
}

function redirectChecks(options: DoctorOptions): Check[] {
	const {redirectUri, registered} = options;
	if (redirectUri !== undefined && registered !== undefined) {
		return [redirectComparisonCheck({sent: redirectUri, registered})];
	}

	const single = redirectUri ?? registered;
	return single === undefined
		? []
		: [redirectValueCheck({value: single, ...(options.provider ? {provider: options.provider} : {}), ...(options.environment ? {environment: options.environment} : {})})];
}

function configProbe(options: DoctorOptions, deps: DoctorDeps, platform: NodeJS.Platform): ConfigProbe {
	let dir: string;
	try {
		dir = options.configDir ?? (deps.store ? path.dirname(deps.store.path) : resolveConfigDir(deps.env, platform));
	} catch (error) {
		if (!isMktError(error)) {
			throw error;
		}

		return {checks: [{id: 'config-dir', title: 'Config folder', status: 'fail', detail: error.message, fix: error.remedy}], connections: []};
	}

	return probeConfig({dir, env: deps.env, platform, now: deps.now, ...(deps.store ? {store: deps.store} : {})});
}

/** Every check, in the order shown. Never throws for what it finds: each finding is a check. */
export async function doctorChecks(options: DoctorOptions, deps: DoctorDeps): Promise<DoctorReport> {
	const platform = deps.platform ?? process.platform;
	const {env} = deps;
	const timeoutMs = options.reachTimeoutMs ?? 3000;
	const config = (await probeSharedStore(env)) ?? configProbe(options, deps, platform);
	// `doctor etsy` is about Etsy alone: its tokens, its callback port, its endpoints.
	const connections = config.connections.filter(({key}) => options.provider === undefined || key.provider === options.provider);
	const http = await deps.http({timeoutMs});
	const browser = browserFacts(env, platform);
	const probe = deps.openBrowserProbe ?? (async (command: string) => commandOnPath(command, env, platform));
	const [localhost, ports, reach, openerFound] = await Promise.all([
		probeLocalhost(deps.lookup),
		probePorts(redirectUses(connections, options)),
		probeReachability(reachTargets(connections, options, env), {offline: options.offline, http, timeoutMs}),
		browser.opener === undefined ? Promise.resolve(undefined) : probe(browser.opener),
	]);
	const checks: Check[] = [
		...config.checks,
		...tokenChecks(connections, deps.now()),
		localhost,
		...ports,
		...reach,
		browserCheck({...browser, ...(openerFound === undefined ? {} : {openerFound})}),
		...redirectChecks(options),
	];
	return {ok: checks.every(check => check.status !== 'fail'), checks};
}

/** What the report is folded to: COLUMNS, else the terminal's width; into a pipe, unfolded lines stay greppable. */
function terminalColumns(env: NodeJS.ProcessEnv): number | undefined {
	return Number(env.COLUMNS) || (process.stdout.isTTY ? process.stdout.columns : undefined) || undefined;
}

/** `mkt-wizard doctor`: exit 0 when nothing failed (warnings allowed), 1 otherwise. */
export async function runDoctor(options: DoctorOptions, deps: DoctorDeps): Promise<number> {
	const report = await doctorChecks(options, deps);
	deps.io.out(options.json ? `${JSON.stringify(report, null, 2)}\n` : renderChecks(report.checks, options.columns ?? terminalColumns(deps.env)));
	return report.ok ? 0 : 1;
}
