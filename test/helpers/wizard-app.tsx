// The one App harness: the whole wizard in ink-testing-library, with the real services against an
// emulator the test owns, in a throw-away config folder.
import {demo, type Emulator} from '../../source/emulator/index.js';
import App, {type Props} from '../../source/wizard/app.js';
import {savedAtStart} from '../../source/wizard/run-input.js';
import {createWizardServices, type WizardServices} from '../../source/wizard/services.js';
import {removeTempDir, tempDir} from './temp-dir.js';
import {cleanupInk, renderInk, type Rendered} from './ink.js';

export type WizardAppOptions = {
	readonly emulator: Emulator;
	/** @default {profile: 'default'} */
	readonly start?: Props['start'];
	/** ETSY_REDIRECT_URI, when the test listens on a port of its own. */
	readonly redirect?: string;
	/** More environment for the services, over the demo app's keys. */
	readonly env?: Record<string, string>;
	/** @default 60000 */
	readonly timeoutMs?: number;
	/** @default the App's own (20 s) */
	readonly nothingSeenHintMs?: number;
	readonly terminal?: Props['terminal'];
	/** Replaces or wraps some of the real services. */
	readonly services?: (real: WizardServices) => WizardServices;
};

export type WizardApp = {
	readonly ink: Rendered;
	/** The exit codes the App reported (one, once it ended). */
	readonly exits: number[];
	/** What the App wrote outside Ink's frame (OSC 52). */
	readonly raw: string[];
	readonly configDir: string;
};

const configs: string[] = [];

/** Renders the wizard against `emulator`, with the demo app's keys in the environment and no browser. */
export async function renderWizardApp(options: WizardAppOptions): Promise<WizardApp> {
	const configDir = tempDir('config');
	configs.push(configDir);
	const real = createWizardServices({
		env: {
			...options.emulator.env,
			MKT_WIZARD_CONFIG_DIR: configDir,
			MKT_WIZARD_HTTP_TIMEOUT_MS: '3000',
			ETSY_API_KEY: demo.etsy.keystring,
			ETSY_SHARED_SECRET: demo.etsy.sharedSecret,
			...(options.redirect ? {ETSY_REDIRECT_URI: options.redirect} : {}),
			EBAY_CLIENT_ID: demo.ebay.sandbox.clientId,
			EBAY_CLIENT_SECRET: demo.ebay.sandbox.clientSecret,
			EBAY_RUNAME: demo.ebay.sandbox.ruNames[0]!.ruName,
			BROWSER: 'none',
			...options.env,
		},
		browser: false,
	});
	const exits: number[] = [];
	const raw: string[] = [];
	const services = options.services ? options.services(real) : real;
	const start = options.start ?? {profile: 'default'};
	// As the CLI does (wizard/run.tsx): the saved login of the start, read before the first frame.
	const saved = savedAtStart(services, start);
	const ink = await renderInk(
		<App
			services={services}
			start={start}
			{...(saved ? {saved} : {})}
			timeoutMs={options.timeoutMs ?? 60_000}
			{...(options.nothingSeenHintMs === undefined ? {} : {nothingSeenHintMs: options.nothingSeenHintMs})}
			{...(options.terminal ? {terminal: options.terminal} : {})}
			onExit={code => exits.push(code)}
			writeRaw={text => raw.push(text)}
		/>,
	);
	return {ink, exits, raw, configDir};
}

/** Unmounts the wizards rendered since the last call and removes their config folders; use in afterEach. */
export async function cleanupWizardApps(): Promise<void> {
	await cleanupInk();
	for (const configDir of configs.splice(0)) {
		removeTempDir(configDir);
	}
}
