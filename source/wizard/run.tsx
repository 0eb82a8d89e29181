import {render} from 'ink';
import App from './app.js';
import {savedAtStart} from './run-input.js';
import type {WizardStart} from './start.js';
import {supportsHyperlinks} from '../components/hyperlink.js';
import type {ParsedArgs} from '../args.js';
import type {Io} from '../io.js';
import {configModeWarnings} from '../flows/mode-warnings.js';
import {chooseStore} from '../store/choose-store.js';
import {createWizardServices} from './services.js';

/** Renders the wizard until it exits; resolves with the exit code (130 when cancelled with Ctrl+C). */
export async function runWizard({args, io}: {args: ParsedArgs; io: Io}): Promise<number> {
	let env = io.env;
	let demo: Awaited<ReturnType<typeof import('../demo.js').startDemo>> | undefined;
	if (args.demo) {
		const {startDemo} = await import('../demo.js');
		demo = await startDemo(env);
		env = demo.env;
	}

	let code = 130;
	// The demo's logins go to its throw-away config, never to a shared store.
	const store = demo ? undefined : await chooseStore({env});
	try {
		const services = createWizardServices({env, browser: args.browser, ...(demo ? {demoDecision: demo.decide} : {}), ...(store ? {store} : {})});
		// Said before Ink draws, so the warning stays above the wizard's screens.
		for (const warning of configModeWarnings(services.configPath)) {
			io.err(warning);
		}

		const start: WizardStart = {
			...(args.provider ? {provider: args.provider} : {}),
			...(args.environment ? {environment: args.environment} : (demo ? {environment: 'sandbox'} : {})),
			...(args.grant ? {grant: args.grant} : {}),
			profile: args.profile,
			...(args.scopes ? {scopes: args.scopes} : {}),
			...(args.redirectUri ? {redirectUri: args.redirectUri} : {}),
			...(args.signInAgain ? {signInAgain: true} : {}),
		};
		const saved = savedAtStart(services, start);
		const instance = render(
			<App
				services={services}
				start={start}
				{...(saved ? {saved} : {})}
				timeoutMs={args.timeoutSeconds * 1000}
				demo={Boolean(demo)}
				writeRaw={text => process.stdout.write(text)}
				terminal={{hyperlinks: supportsHyperlinks(io.env), tmux: Boolean(io.env.TMUX)}}
				onExit={exitCode => {
					code = exitCode;
				}}
			/>,
			// Ctrl+C is the App's own (a key, in raw mode): it replaces the screen with a line saying so, then exits 130.
			{exitOnCtrlC: false, incrementalRendering: true},
		);
		await instance.waitUntilExit();
	} finally {
		await store?.close?.();
		await demo?.close();
	}

	return code;
}
