// A private PostgreSQL server for tests: initdb into a temporary folder, pg_ctl on a free
// loopback port, stopped (`pg_ctl -m immediate stop`) and removed at the end, even when the
// test fails. Debian's `postgresql` package provides the binaries (.ci/run installs it).
// As root (initdb refuses root) every server command runs as the `postgres` user.
import {execFile, execFileSync} from 'node:child_process';
import {chownSync, existsSync, readdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {promisify} from 'node:util';
import {closedPort} from '../reliability/servers.js';
import {removeTempDir, tempDir} from './temp-dir.js';

const run = promisify(execFile);

export type PostgresServer = {
	readonly port: number;
	/** `postgres://mkt:<password>@127.0.0.1:<port>/<database>` */
	url(database?: string, options?: {password?: string; user?: string}): string;
	readonly password: string;
	/** Creates a database owned by the test user; returns its name. */
	createDatabase(name?: string): Promise<string>;
	/** One SQL text through psql over the server's socket (as the superuser, no password); its output, unaligned. */
	sql(database: string, text: string): Promise<string>;
	/** `pg_dump` of a database, as text. */
	dump(database: string): Promise<string>;
	/** Stops the server at once (as a crash would), then starts it again on the same port. */
	restart(): Promise<void>;
	stop(): Promise<void>;
	start(): Promise<void>;
	/** Stops the server and removes its folder. */
	close(): Promise<void>;
};

/** The newest installed PostgreSQL's bin folder, or undefined. */
export function postgresBin(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) {
		return undefined;
	}

	const versions = readdirSync(root).filter(name => existsSync(path.join(root, name, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
	return versions[0] && path.join(root, versions[0], 'bin');
}

const asRoot = process.getuid?.() === 0;
const live = new Set<() => void>();

// A test process that ends without its after() hooks (a crash) still stops its servers.
process.once('exit', () => {
	for (const stop of live) {
		stop();
	}
});

export type PostgresOptions = {
	/** Serve TLS too (ssl=on) with this certificate and key, PEM. */
	readonly tls?: {readonly cert: string; readonly key: string};
};

export async function startPostgres(serverOptions: PostgresOptions = {}): Promise<PostgresServer> {
	const bin = postgresBin();
	if (!bin) {
		throw new Error('PostgreSQL is not installed (apt-get install postgresql): the PostgreSQL store tests need it.');
	}

	const dir = tempDir('pg');
	const data = path.join(dir, 'data');
	const log = path.join(dir, 'log');
	const password = `pw-${Math.random().toString(36).slice(2)}`;
	const passwordFile = path.join(dir, 'password');
	writeFileSync(passwordFile, `${password}\n`, {mode: 0o600});
	let owner: {uid: number; gid: number} | undefined;
	if (asRoot) {
		owner = {uid: Number(execFileSync('id', ['-u', 'postgres'], {encoding: 'utf8'})), gid: Number(execFileSync('id', ['-g', 'postgres'], {encoding: 'utf8'}))};
		chownSync(dir, owner.uid, owner.gid);
		chownSync(passwordFile, owner.uid, owner.gid);
	}

	const command = (name: string, args: string[]): [string, string[]] => (asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(bin, name), ...args]] : [path.join(bin, name), args]);
	const exec = async (name: string, args: string[]) => {
		const [file, argv] = command(name, args);
		const {stdout} = await run(file, argv, {cwd: dir, maxBuffer: 64 * 1024 * 1024});
		return stdout;
	};

	// Local socket: trust (the helper's own psql and pg_dump); TCP: the password, as a real deployment.
	await exec('initdb', ['-D', data, '-U', 'mkt', '--pwfile', passwordFile, '--auth-local=trust', '--auth-host=scram-sha-256', '--no-sync', '-E', 'UTF8', '--locale=C']);
	const port = await closedPort();
	// fsync=off loses nothing when only the server is killed (the OS keeps what it was given); synchronous_commit=off
	// would: restart() is a crash, and a commit it forgot made the restart test fail one run in two.
	let options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200`;
	if (serverOptions.tls) {
		// The server refuses a key file others can read; as root, the files are the postgres user's.
		for (const [name, text] of [['server.crt', serverOptions.tls.cert], ['server.key', serverOptions.tls.key]] as const) {
			writeFileSync(path.join(dir, name), text, {mode: 0o600});
			if (owner) {
				chownSync(path.join(dir, name), owner.uid, owner.gid);
			}
		}

		options += ` -c ssl=on -c ssl_cert_file=${path.join(dir, 'server.crt')} -c ssl_key_file=${path.join(dir, 'server.key')}`;
	}

	const start = async () => {
		await exec('pg_ctl', ['-D', data, '-o', options, '-l', log, '-w', '-t', '60', 'start']);
	};

	const stopNow = () => {
		const [file, argv] = command('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
		try {
			execFileSync(file, argv, {cwd: dir, stdio: 'ignore'});
		} catch {}
	};

	const remove = () => {
		stopNow();
		removeTempDir(dir);
	};

	live.add(remove);
	try {
		await start();
	} catch (error) {
		live.delete(remove);
		remove();
		throw error;
	}

	let databases = 0;
	const psql = async (database: string, text: string) => exec('psql', ['-h', dir, '-p', String(port), '-U', 'mkt', '-d', database, '-X', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-c', text]);
	return {
		port,
		password,
		url: (database = 'postgres', urlOptions = {}) => `postgres://${urlOptions.user ?? 'mkt'}:${encodeURIComponent(urlOptions.password ?? password)}@127.0.0.1:${port}/${database}`,
		async createDatabase(name) {
			databases += 1;
			const database = name ?? `db${databases}`;
			await psql('postgres', `CREATE DATABASE ${database}`);
			return database;
		},
		sql: psql,
		dump: async database => exec('pg_dump', ['-h', dir, '-p', String(port), '-U', 'mkt', database]),
		async restart() {
			stopNow();
			await start();
		},
		async stop() {
			stopNow();
		},
		start,
		async close() {
			live.delete(remove);
			remove();
		},
	};
}
