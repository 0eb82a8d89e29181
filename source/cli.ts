#!/usr/bin/env node
import {parseArgv, type ParsedArgs} from './args.js';
import {isMktError, MktError} from './errors.js';
import {helpText} from './help.js';
import {processIo, type Io} from './io.js';
import {withChosenStore} from './store/choose-store.js';
import {terminalLines, terminalText} from './terminal-text.js';

declare const MKT_WIZARD_VERSION: string;

async function httpClient(env: NodeJS.ProcessEnv) {
	const {createHttpClient} = await import('./oauth/http.js');
	return createHttpClient({env});
}

async function run(args: ParsedArgs, io: Io): Promise<number> {
	const now = Date.now;
	switch (args.command) {
		case 'help': {
			io.out(helpText(args.helpFor));
			return 0;
		}

		case 'version': {
			io.out(`${MKT_WIZARD_VERSION}\n`);
			return 0;
		}

		case 'token': {
			const {runToken} = await import('./commands/token.js');
			return withChosenStore({env: io.env}, async store => runToken({
				io,
				deps: {store, http: async () => httpClient(io.env), now, env: io.env, onLockWait: pid => io.err(`… Waiting for mkt-wizard process ${pid}, which holds the config lock but has not touched it for 15 s (stopped or suspended?).\n`)},
				provider: args.provider!,
				profile: args.profile,
				environment: args.environment,
				grant: args.grant,
				minValidSeconds: args.minValidSeconds,
				headers: args.headers,
			}));
		}

		case 'status': {
			const {runStatus} = await import('./commands/status.js');
			return withChosenStore({env: io.env, readOnly: true}, async store => runStatus({io, store, now, json: args.json, profile: args.profile === 'default' ? undefined : args.profile}));
		}

		case 'logout': {
			const {runLogout} = await import('./commands/logout.js');
			return withChosenStore({env: io.env}, async store => runLogout({io, store, now, ...args, provider: args.provider!}));
		}

		case 'login': {
			const {checkLoginFlags} = await import('./flows/login-input.js');
			checkLoginFlags({...args, provider: args.provider!});
			if (io.isTTY && !args.yes && !args.paste) {
				const {runWizard} = await import('./wizard.js');
				return runWizard({args, io});
			}

			const {runLogin} = await import('./commands/login.js');
			const http = await httpClient(io.env);
			return withChosenStore({env: io.env}, async store => runLogin({io, store, http, now, ...args, provider: args.provider!}));
		}

		case 'doctor': {
			const {runDoctor} = await import('./commands/doctor.js');
			return runDoctor({
				io,
				now,
				json: args.json,
				offline: args.offline,
				...(args.redirectUri === undefined ? {} : {redirectUri: args.redirectUri}),
				...(args.registered === undefined ? {} : {registered: args.registered}),
				...(args.provider === undefined ? {} : {provider: args.provider}),
				...(args.environment === undefined ? {} : {environment: args.environment}),
			});
		}

		case 'store': {
			const {runStoreCopy} = await import('./commands/store-copy.js');
			return runStoreCopy({io, ...args.storeCopy!});
		}

		case 'emulator': {
			const {runEmulator} = await import('./commands/emulator.js');
			const controller = new AbortController();
			process.once('SIGINT', () => controller.abort());
			process.once('SIGTERM', () => controller.abort());
			await runEmulator({...(args.port === undefined ? {} : {port: args.port}), out: line => io.out(`${line}\n`), signal: controller.signal});
			return 0;
		}

		case 'wizard': {
			if (!io.isTTY) {
				throw new MktError(
					'no_terminal',
					'The wizard needs an interactive terminal, and this one is not.',
					'Use `mkt-wizard login etsy|ebay` with flags and environment variables instead (see `mkt-wizard login --help`).',
					{exitCode: 2},
				);
			}

			const {runWizard} = await import('./wizard.js');
			return runWizard({args, io});
		}
	}
}

function report(error: unknown, io: Io): number {
	if (isMktError(error)) {
		io.err(`✖ ${terminalText(error.message)}\n  ${terminalLines(error.remedy)}\n`);
		return error.exitCode;
	}

	// A bug: say so without dumping objects that may hold secrets.
	const name = error instanceof Error ? error.name : typeof error;
	io.err(`✖ mkt-wizard failed unexpectedly (${name}).\n  Please report it with the command you ran; run with MKT_WIZARD_DEBUG=1 for the stack trace.\n`);
	if (io.env.MKT_WIZARD_DEBUG && error instanceof Error) {
		io.err(`${error.stack ?? ''}\n`);
	}

	return 1;
}

async function main(): Promise<void> {
	const io = processIo();
	let code: number;
	try {
		code = await run(parseArgv(process.argv.slice(2)), io);
	} catch (error) {
		code = report(error, io);
	}

	process.exitCode = code;
}

// Not a top-level await: dist/core.cjs is CommonJS (see test/tools/build.js).
void main();
