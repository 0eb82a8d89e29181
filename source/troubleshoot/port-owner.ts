// Which process listens on a TCP port, read from /proc on Linux: the LISTEN
// socket's inode in /proc/net/tcp{,6}, then the process holding a file
// descriptor on `socket:[inode]`. Other platforms, and processes we may not
// look into, give undefined: the caller then says it cannot tell.
import {readdir, readFile, readlink} from 'node:fs/promises';
import path from 'node:path';

export type PortOwner = {
	readonly pid: number;
	/** The command line, at most 80 characters. */
	readonly command: string;
};

export type FindPortOwnerOptions = {
	/** @default '/proc' */
	readonly procRoot?: string;
	/** @default process.platform */
	readonly platform?: NodeJS.Platform;
};

const listenState = '0A';
const commandLimit = 80;

/** Inodes of sockets listening on `port`, from the text of /proc/net/tcp or tcp6. */
export function listeningInodes(table: string, port: number): string[] {
	const inodes: string[] = [];
	for (const line of table.split('\n').slice(1)) {
		const fields = line.trim().split(/\s+/);
		const localPort = fields[1]?.split(':').at(-1);
		if (localPort && Number.parseInt(localPort, 16) === port && fields[3] === listenState && fields[9] && fields[9] !== '0') {
			inodes.push(fields[9]);
		}
	}

	return inodes;
}

async function readText(file: string): Promise<string | undefined> {
	try {
		return await readFile(file, 'utf8');
	} catch {
		return undefined;
	}
}

async function holdsSocket(procRoot: string, pid: string, sockets: ReadonlySet<string>): Promise<boolean> {
	const fdDirectory = path.join(procRoot, pid, 'fd');
	let descriptors: string[];
	try {
		descriptors = await readdir(fdDirectory);
	} catch {
		// Someone else's process, or gone already.
		return false;
	}

	for (const descriptor of descriptors) {
		try {
			if (sockets.has(await readlink(path.join(fdDirectory, descriptor)))) {
				return true;
			}
		} catch {
			// Closed while we looked.
		}
	}

	return false;
}

async function commandOf(procRoot: string, pid: string): Promise<string> {
	const cmdline = (await readText(path.join(procRoot, pid, 'cmdline')))?.split('\0').filter(Boolean).join(' ').trim();
	const command = cmdline || (await readText(path.join(procRoot, pid, 'comm')))?.trim() || '(unknown command)';
	return command.length > commandLimit ? `${command.slice(0, commandLimit - 1)}…` : command;
}

export async function findPortOwner(port: number, options: FindPortOwnerOptions = {}): Promise<PortOwner | undefined> {
	const procRoot = options.procRoot ?? '/proc';
	if ((options.platform ?? process.platform) !== 'linux') {
		return undefined;
	}

	const tables = await Promise.all(['tcp', 'tcp6'].map(async name => readText(path.join(procRoot, 'net', name))));
	const inodes = tables.flatMap(table => (table === undefined ? [] : listeningInodes(table, port)));
	if (inodes.length === 0) {
		return undefined;
	}

	const sockets = new Set(inodes.map(inode => `socket:[${inode}]`));
	let entries: string[];
	try {
		entries = await readdir(procRoot);
	} catch {
		return undefined;
	}

	// Look at our own process first: cheap, and the commonest owner in tests.
	const pids = entries.filter(entry => /^\d+$/.test(entry)).sort((a, b) => Number(b === String(process.pid)) - Number(a === String(process.pid)));
	for (const pid of pids) {
		if (await holdsSocket(procRoot, pid, sockets)) {
			return {pid: Number(pid), command: await commandOf(procRoot, pid)};
		}
	}

	return undefined;
}
