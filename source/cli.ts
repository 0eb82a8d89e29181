#!/usr/bin/env node
import {parseArgv, type CommandName, type ParsedArgs} from './args.js';
import {processDeps, type CommandDeps} from './commands/deps.js';
import {reportError} from './commands/report-error.js';
import {MktError} from './errors.js';
import {helpText} from './help.js';
import {processIo, type Io} from './io.js';
import {withChosenStore} from './store/choose-store.js';

declare const MKT_WIZARD_VERSION: string;

type CommandRunner = (args: ParsedArgs, io: Io) => Promise<number>;

/** Runs `run` with the process's dependencies around the chosen store, closed afterwards. */
async function withProcessDeps(io: Io, options: {readOnly?: boolean}, run: (deps: CommandDeps) => Promise<number>): Promise<number> {
	return withChosenStore({env: io.env, ...options}, async store => run({...processDeps(io), store}));
}

async function token(args: ParsedArgs, io: Io): Promise<number> {
	const {runToken, tokenOptions} = await import('./commands/token.js');
	return withProcessDeps(io, {}, async deps => runToken(tokenOptions(args), deps));
}

async function status(args: ParsedArgs, io: Io): Promise<number> {
	const {runStatus, statusOptions} = await import('./commands/status.js');
	return withProcessDeps(io, {readOnly: true}, async deps => runStatus(statusOptions(args), deps));
}

async function logout(args: ParsedArgs, io: Io): Promise<number> {
	const {logoutOptions, runLogout} = await import('./commands/logout.js');
	return withProcessDeps(io, {}, async deps => runLogout(logoutOptions(args), deps));
}

/** In a terminal, unless --yes or --paste, the wizard asks for what is missing; elsewhere runLogin needs it all given. */
async function login(args: ParsedArgs, io: Io): Promise<number> {
	const {checkLoginFlags} = await import('./flows/login-input.js');
	// Before the store opens or the wizard starts (runLogin checks again, for callers of its own).
	checkLoginFlags({...args, provider: args.provider!});
	if (io.isTTY && !args.yes && !args.paste) {
		const {runWizard} = await import('./wizard/run.js');
		return runWizard({args, io});
	}

	const {loginOptions, runLogin} = await import('./commands/login.js');
	return withProcessDeps(io, {}, async deps => runLogin(loginOptions(args), deps));
}

async function doctor(args: ParsedArgs, io: Io): Promise<number> {
	const {doctorOptions, runDoctor} = await import('./commands/doctor.js');
	// No store: doctor opens the config itself, and one that cannot be opened is a finding.
	return runDoctor(doctorOptions(args), processDeps(io));
}

async function storeCopy(args: ParsedArgs, io: Io): Promise<number> {
	const {runStoreCopy, storeCopyOptions} = await import('./commands/store-copy.js');
	// No store: it opens the two it copies between.
	return runStoreCopy(storeCopyOptions(args), processDeps(io));
}

async function emulator(args: ParsedArgs, io: Io): Promise<number> {
	const {runEmulator} = await import('./commands/emulator.js');
	const controller = new AbortController();
	process.once('SIGINT', () => controller.abort());
	process.once('SIGTERM', () => controller.abort());
	await runEmulator({...(args.port === undefined ? {} : {port: args.port}), out: line => io.out(`${line}\n`), signal: controller.signal});
	return 0;
}

async function wizard(args: ParsedArgs, io: Io): Promise<number> {
	if (!io.isTTY) {
		throw new MktError(
			'no_terminal',
			'The wizard needs an interactive terminal, and this one is not.',
			'Use `mkt-wizard login etsy|ebay` with flags and environment variables instead (see `mkt-wizard login --help`).',
			{exitCode: 2},
		);
	}

	const {runWizard} = await import('./wizard/run.js');
	return runWizard({args, io});
}

/** Each command's module is imported when it runs: `token` never loads what `login` needs. */
const runners: Record<CommandName, CommandRunner> = {
	async help(args, io) {
		io.out(helpText(args.helpFor));
		return 0;
	},
	async version(_args, io) {
		io.out(`${MKT_WIZARD_VERSION}\n`);
		return 0;
	},
	token,
	status,
	logout,
	login,
	doctor,
	store: storeCopy,
	emulator,
	wizard,
};

async function main(): Promise<void> {
	const io = processIo();
	let code: number;
	try {
		const args = parseArgv(process.argv.slice(2));
		code = await runners[args.command](args, io);
	} catch (error) {
		code = reportError(error, io, io.env);
	}

	process.exitCode = code;
}

// Not a top-level await: dist/core.cjs is CommonJS (see test/tools/build.js).
void main();
