import path from 'node:path';
import {MktError} from '../errors.js';

/** The folder name conf (the store's earlier writer) used: projectName plus `-nodejs`; kept so existing configs are found. */
const folderName = 'mkt-wizard-nodejs';

export type ConfigPaths = {
	readonly dir: string;
	/** config.json */
	readonly file: string;
	/** config.json.lock, beside the config file. */
	readonly lock: string;
};

function nonEmpty(value: string | undefined): string | undefined {
	return value === undefined || value === '' ? undefined : value;
}

/**
 * The config folder: `MKT_WIZARD_CONFIG_DIR`, else the folder conf picked
 * for the project `mkt-wizard` (on Linux `$XDG_CONFIG_HOME/mkt-wizard-nodejs`
 * or `~/.config/mkt-wizard-nodejs`). Computed from `env` rather than from
 * env-paths, which reads the home directory once at import time.
 */
export function resolveConfigDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
	const override = nonEmpty(env.MKT_WIZARD_CONFIG_DIR);
	if (override) {
		return path.resolve(override);
	}

	const home = nonEmpty(env.HOME) ?? (platform === 'win32' ? nonEmpty(env.USERPROFILE) : undefined);
	if (platform === 'win32') {
		const appData = nonEmpty(env.APPDATA) ?? (home && path.join(home, 'AppData', 'Roaming'));
		if (appData) {
			return path.join(appData, folderName, 'Config');
		}
	} else if (platform === 'darwin') {
		if (home) {
			return path.join(home, 'Library', 'Preferences', folderName);
		}
	} else {
		const configHome = nonEmpty(env.XDG_CONFIG_HOME) ?? (home && path.join(home, '.config'));
		if (configHome) {
			return path.join(path.resolve(configHome), folderName);
		}
	}

	throw new MktError(
		'no_config_dir',
		'There is no home directory to keep the config in (HOME and XDG_CONFIG_HOME are not set).',
		'Set MKT_WIZARD_CONFIG_DIR to the folder where mkt-wizard should keep its config.',
	);
}

export function configPaths(dir: string): ConfigPaths {
	const file = path.join(dir, 'config.json');
	return {dir, file, lock: `${file}.lock`};
}
