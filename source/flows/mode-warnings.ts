import {tightenFileModes} from '../store/index.js';

function octal(mode: number): string {
	return `0${(mode & 0o777).toString(8)}`;
}

/**
 * Tightens the config file and folder when others can read them, and returns
 * one warning line per change (or per mode that could not be changed), for
 * the commands to print on stderr.
 */
export function configModeWarnings(file: string): string[] {
	return tightenFileModes(file).map(change => {
		const what = change.kind === 'file' ? `The config file ${change.path}` : `The config folder ${change.path}`;
		const wanted = change.kind === 'file' ? '0600' : '0700';
		return (change.after & 0o077) === 0
			? `⚠ ${what} was open to other users (mode ${octal(change.before)}); it is now ${octal(change.after)}.\n`
			: `⚠ ${what} is open to other users (mode ${octal(change.before)}) and mkt-wizard could not change that: run \`chmod ${wanted.slice(1)} ${change.path}\`.\n`;
	});
}
