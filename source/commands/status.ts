import type {ParsedArgs} from '../args.js';
import {getProvider, namesEnvironment, scopeStatusNote, shortScopeName, withdrawnScopes, type ProviderId} from '../providers/index.js';
import {assessGrant, damagedConnection, maskSecret} from '../store/index.js';
import type {GrantRecord, StoredConnection} from '../store/types.js';
import {formatExpiry} from '../time.js';
import {describeIdentity} from '../flows/describe-identity.js';
import {configModeWarnings} from '../flows/mode-warnings.js';
import {terminalText} from '../terminal-text.js';
import type {CommandDeps} from './deps.js';

export type StatusOptions = {
	readonly json: boolean;
	/** Only this profile, when given. */
	readonly profile: string | undefined;
};

/** `--profile default`, like no --profile, lists every profile. */
export function statusOptions(args: ParsedArgs): StatusOptions {
	return {json: args.json, profile: args.profile === 'default' ? undefined : args.profile};
}

type GrantStatus = {
	grant: 'user' | 'app';
	state: 'valid' | 'expired' | 'refresh-expired';
	scopes: readonly string[];
	/** Saved scopes the provider has since withdrawn: they keep working for this login, a new one cannot ask for them. */
	withdrawnScopes: string[];
	accessExpiresAt: string;
	refreshExpiresAt: string | undefined;
	identity: GrantRecord['identity'] | undefined;
	verifiedAt: string;
};

export type StatusEntry = {
	provider: string;
	profile: string;
	environment: string;
	clientId: string;
	clientSecret: string;
	redirect: string | undefined;
	grants: GrantStatus[];
};

function grantStatus(provider: ProviderId, grant: 'user' | 'app', record: GrantRecord, now: number): GrantStatus {
	const assessed = assessGrant(record, now, 0);
	return {
		grant,
		state: assessed === 'valid' ? 'valid' : (assessed === 'refresh' || grant === 'app' ? 'expired' : 'refresh-expired'),
		scopes: record.scopes,
		withdrawnScopes: withdrawnScopes(getProvider(provider), record.scopes).map(scope => scope.name),
		accessExpiresAt: new Date(record.token.expiresAt).toISOString(),
		refreshExpiresAt: record.token.refreshExpiresAt === undefined ? undefined : new Date(record.token.refreshExpiresAt).toISOString(),
		identity: record.identity,
		verifiedAt: new Date(record.verifiedAt).toISOString(),
	};
}

export function statusEntries(connections: StoredConnection[], now: number): StatusEntry[] {
	return connections.map(({key, connection}) => ({
		provider: key.provider,
		profile: key.profile,
		environment: key.environment,
		clientId: connection.clientId,
		clientSecret: maskSecret(connection.clientSecret),
		redirect: connection.redirect,
		grants: (['user', 'app'] as const)
			.filter(grant => connection[grant])
			.map(grant => grantStatus(key.provider, grant, connection[grant]!, now)),
	}));
}

function describeGrant(entry: StatusEntry, grant: GrantStatus, now: number): string[] {
	const access = Date.parse(grant.accessExpiresAt);
	const lines = [
		`  ${grant.grant === 'app' ? 'application token' : 'user token'}: ${grant.state === 'valid' ? '✔ valid' : (grant.state === 'expired' ? '↻ expired, renews on next use' : '✖ expired, log in again')}`
		+ (grant.identity ? ` · ${describeIdentity(entry.provider, grant.identity)}` : ''),
		`    access expires ${formatExpiry(access, now)}`,
	];
	if (grant.refreshExpiresAt) {
		lines.push(`    refresh expires ${formatExpiry(Date.parse(grant.refreshExpiresAt), now)}`);
	}

	const provider = getProvider(entry.provider as ProviderId);
	const withdrawn = new Map(withdrawnScopes(provider, grant.scopes).map(scope => [scope.name, scopeStatusNote(provider, scope)]));
	lines.push(`    scopes: ${terminalText(grant.scopes.map(name => shortScopeName(provider, name) + (withdrawn.has(name) ? ` (${withdrawn.get(name)})` : '')).join(' '))}`);
	return lines;
}

export async function runStatus(options: StatusOptions, deps: Pick<CommandDeps, 'io' | 'store' | 'now' | 'env'>): Promise<number> {
	const {io, store} = deps;
	for (const warning of configModeWarnings(store.path, deps.env)) {
		io.err(warning);
	}

	const damaged = (store.damaged?.() ?? []).filter(entry => options.profile === undefined || entry.profile === options.profile);
	for (const entry of damaged) {
		const error = damagedConnection(store.path, entry);
		io.err(`✖ ${terminalText(error.message)}\n  ${terminalText(error.remedy)}\n`);
	}

	const now = deps.now();
	const entries = statusEntries(
		store.list().filter(({key}) => options.profile === undefined || key.profile === options.profile),
		now,
	);
	// As `gh auth status`: the listing on stdout, exit 1 with nothing saved, the note saying so on stderr.
	if (options.json) {
		io.out(`${JSON.stringify({configPath: store.path, ...(store.location ? {store: store.location} : {}), connections: entries, ...(damaged.length > 0 ? {damaged} : {})}, null, 2)}\n`);
		return entries.length === 0 ? 1 : 0;
	}

	if (entries.length === 0 && damaged.length > 0) {
		return 1;
	}

	if (entries.length === 0) {
		const which = options.profile === undefined ? '' : ` for profile "${options.profile}"`;
		io.err(`No saved connections${which} in ${store.location ?? store.path}.\nRun \`mkt-wizard\` or \`mkt-wizard login etsy|ebay\` to add one.\n`);
		return 1;
	}

	const lines = [`Saved in ${store.location ?? store.path}`, ''];
	for (const entry of entries) {
		const name = getProvider(entry.provider).displayName;
		lines.push(`${name}${namesEnvironment(entry.provider) ? ` ${entry.environment}` : ''} · profile ${terminalText(entry.profile)}`);
		lines.push(`  client id ${terminalText(entry.clientId)} · secret ${entry.clientSecret || '(none saved)'}${entry.redirect ? ` · redirect ${terminalText(entry.redirect)}` : ''}`);
		if (entry.grants.length === 0) {
			lines.push('  no tokens (logged out)');
		}

		for (const grant of entry.grants) {
			lines.push(...describeGrant(entry, grant, now));
		}

		lines.push('');
	}

	io.out(`${lines.join('\n')}`);
	return 0;
}
