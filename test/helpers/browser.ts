import {accessSync, constants} from 'node:fs';
import path from 'node:path';
import {chromium, type Browser} from 'playwright-core';

const installHint = 'apt-get install chromium';

function executable(file: string): boolean {
	try {
		accessSync(file, constants.X_OK);
		return true;
	} catch {
		return false;
	}
}

/** CHROMIUM_PATH when set, else the first chromium or chromium-browser on PATH. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
	if (env.CHROMIUM_PATH) {
		return executable(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : undefined;
	}

	for (const folder of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
		for (const name of ['chromium', 'chromium-browser']) {
			if (executable(path.join(folder, name))) {
				return path.join(folder, name);
			}
		}
	}

	return undefined;
}

function missingText(env: NodeJS.ProcessEnv): string {
	return env.CHROMIUM_PATH
		? `Chromium is not at CHROMIUM_PATH=${env.CHROMIUM_PATH}`
		: 'Chromium is not installed (no chromium or chromium-browser on PATH)';
}

/**
 * For `describe(name, {skip: skipWithoutChromium()}, …)`: outside CI a missing Chromium skips the
 * browser tests with the command that installs it; under CI=true it is an error, thrown right away,
 * because CI must run them.
 */
export function skipWithoutChromium(env: NodeJS.ProcessEnv = process.env): string | false {
	if (findChromium(env)) {
		return false;
	}

	if (env.CI && env.CI !== 'false') {
		throw new Error(`${missingText(env)}, and CI=true needs the browser tests: ${installHint} (.ci/run does).`);
	}

	return `${missingText(env)}: ${installHint} to run these tests`;
}

/** Chromium, headless, with the flags a container or sandbox needs (docs/engineering.md, "A real browser"). */
export async function launchChromium(): Promise<Browser> {
	const executablePath = findChromium();
	if (!executablePath) {
		throw new Error(`${missingText(process.env)}: ${installHint}.`);
	}

	return chromium.launch({
		executablePath,
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
	});
}
