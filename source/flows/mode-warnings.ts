import {configNotices, tightenFileModes} from '../store/index.js';

function octal(mode: number): string {
	return `0${(mode & 0o777).toString(8)}`;
}

/**
 * Refuses (config_unsafe) a config folder or file that is not the user's own or
 * not of its type, before any command does anything; tightens the config file
 * and folder when others can read them; and returns one warning line per change
 * (or per mode that could not be changed), then one per config notice (a file
 * moved aside, tokens waiting in a recovery file), for the commands to print on stderr.
 */
export function configModeWarnings(file: string, env: NodeJS.ProcessEnv = process.env): string[] {
	return [...modeWarnings(file), ...configNotices(file, env).map(notice => `⚠ ${notice}\n`)];
}

function modeWarnings(file: string): string[] {
	return tightenFileModes(file).map(change => {
		const what = change.kind === 'file' ? `The config file ${change.path}` : `The config folder ${change.path}`;
		const wanted = change.kind === 'file' ? '0600' : '0700';
		return (change.after & 0o077) === 0
			? `⚠ ${what} was open to other users (mode ${octal(change.before)}); it is now ${octal(change.after)}.\n`
			: `⚠ ${what} is open to other users (mode ${octal(change.before)}) and mkt-wizard could not change that: run \`chmod ${wanted.slice(1)} ${change.path}\`.\n`;
	});
}
