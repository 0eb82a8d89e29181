import {MktError} from '../errors.js';
import {demo, startEmulator, type Emulator} from '../emulator/index.js';

export type EmulatorCommandOptions = {
	/** Loopback port; 0 picks a free one. @default 0 */
	port?: number;
	/** Receives each line to print. */
	out: (line: string) => void;
	/** Aborting it stops the emulator (the CLI ties it to SIGINT and SIGTERM). */
	signal?: AbortSignal;
};

/** Single-quoted for sh, so the printed lines can be pasted or eval'd as they are. */
function shellQuote(value: string): string {
	return /^[\w./:@,+-]+$/.test(value) ? value : `'${value.replaceAll('\'', '\'\\\'\'')}'`;
}

async function start(port: number): Promise<Emulator> {
	try {
		return await startEmulator({port});
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
			throw new MktError('port_in_use', `Port ${port} on 127.0.0.1 is already in use.`, 'Choose another port with --port, or leave it out to use a free one.', {cause: error});
		}

		throw error;
	}
}

/** Resolves once `signal` aborts; never when there is none. */
async function untilAborted(signal: AbortSignal | undefined): Promise<void> {
	if (!signal) {
		return new Promise(() => {});
	}

	if (signal.aborted) {
		return;
	}

	return new Promise(resolve => {
		signal.addEventListener('abort', () => resolve(), {once: true});
	});
}

/**
 * `mkt-wizard emulator`: runs the built-in Etsy and eBay emulator until the
 * signal aborts, and prints how to point mkt-wizard (or anything else) at it.
 */
export async function runEmulator(options: EmulatorCommandOptions): Promise<void> {
	const emulator = await start(options.port ?? 0);
	try {
		const {out} = options;
		const sandbox = demo.ebay.sandbox;
		out(`mkt-wizard emulator listening on ${emulator.url}`);
		out('');
		out('# Point mkt-wizard at it:');
		for (const [name, value] of Object.entries(emulator.env)) {
			out(`export ${name}=${shellQuote(value)}`);
		}

		out('');
		out('# Demo credentials (they work only against this emulator):');
		out(`export ETSY_API_KEY=${shellQuote(demo.etsy.keystring)} ETSY_SHARED_SECRET=${shellQuote(demo.etsy.sharedSecret)}`);
		out(`export EBAY_CLIENT_ID=${shellQuote(sandbox.clientId)} EBAY_CLIENT_SECRET=${shellQuote(sandbox.clientSecret)} EBAY_RUNAME=${shellQuote(sandbox.ruNames[0]!.ruName)}`);
		out('');
		out(`# The demo Etsy app's registered redirect URI is ${demo.etsy.redirectUris.join(', ')}: use exactly that one.`);
		out(`# eBay's consent lands on ${emulator.url}/ebay/accepted; paste that page's address into mkt-wizard (use --env sandbox).`);
		out(`# Faults and counters: POST/DELETE ${emulator.url}/_emulator/faults, GET ${emulator.url}/_emulator/stats`);
		out('# Stop with Ctrl+C.');
		await untilAborted(options.signal);
	} finally {
		await emulator.close();
	}
}
