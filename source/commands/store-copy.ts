import type {ParsedArgs} from '../args.js';
import {getProvider, namesEnvironment} from '../providers/index.js';
import {chooseStore} from '../store/choose-store.js';
import {openStore} from '../store/index.js';
import type {ConnectionKey, ConnectionStore} from '../store/types.js';
import type {CommandDeps} from './deps.js';

export type StoreCopyOptions = {
	/** `--to URL`: from this machine's config file into the database at URL. */
	readonly to?: string | undefined;
	/** `--from URL`: from the database at URL into this machine's config file. */
	readonly from?: string | undefined;
};

export function storeCopyOptions(args: ParsedArgs): StoreCopyOptions {
	return {...args.storeCopy!};
}

function describe(key: ConnectionKey): string {
	const name = getProvider(key.provider).displayName;
	return `${name}${namesEnvironment(key.provider) ? ` ${key.environment}` : ''} (profile ${key.profile})`;
}

function where(store: ConnectionStore): string {
	return store.location ?? store.path;
}

/**
 * `mkt-wizard store copy --to URL | --from URL`: copies every connection between
 * the config file and PostgreSQL, secrets decrypted from one and sealed for the
 * other. Nothing is deleted from the source, and a connection the target
 * already has is left as it is: it may hold a newer refresh token than the copy.
 */
export async function runStoreCopy(options: StoreCopyOptions, deps: Pick<CommandDeps, 'io' | 'env'>): Promise<number> {
	const {io} = deps;
	const url = (options.to ?? options.from)!;
	const file = openStore({env: deps.env});
	const database = await chooseStore({env: deps.env, url});
	try {
		const [source, target] = options.to === undefined ? [database, file] : [file, database];
		const connections = source.list();
		if (connections.length === 0) {
			io.err(`Nothing to copy: no saved connections in ${where(source)}.\n`);
			return 0;
		}

		const copied: ConnectionKey[] = [];
		const kept: ConnectionKey[] = [];
		await target.withLock(async () => {
			for (const {key, connection} of connections) {
				if (target.get(key)) {
					kept.push(key);
				} else {
					target.update(key, () => connection);
					copied.push(key);
				}
			}
		});

		const lines: string[] = [];
		if (copied.length > 0) {
			lines.push(`✔ Copied ${copied.length} connection${copied.length === 1 ? '' : 's'} from ${where(source)} to ${where(target)}: ${copied.map(key => describe(key)).join(', ')}.`);
			lines.push(`  Nothing was deleted from ${where(source)}. Use one store from now on: a refresh through one spends the refresh token the other still holds (Etsy's work once).`);
			if (options.to !== undefined) {
				lines.push(`  On every machine: export MKT_WIZARD_STORE='<the URL>' MKT_WIZARD_STORE_KEY='<the same key>'.`);
			}
		}

		if (kept.length > 0) {
			lines.push(`${copied.length > 0 ? '  ' : ''}Left as they are, already in ${where(target)}: ${kept.map(key => describe(key)).join(', ')} (its copy may hold newer tokens; log out there first to replace it).`);
		}

		io.err(`${lines.join('\n')}\n`);
		return 0;
	} finally {
		await database.close?.();
	}
}
