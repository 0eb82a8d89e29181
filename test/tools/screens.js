// Captures the wizard's screens from a real `mkt-wizard --demo` run in tmux and
// writes them into readme.md between the screens markers, so the readme shows
// what the wizard really looks like. Run with `npm run screens` (needs tmux).
import {execFileSync} from 'node:child_process';
import {readFileSync, writeFileSync} from 'node:fs';
import {setTimeout as sleep} from 'node:timers/promises';

const session = `mkt-wizard-screens-${process.pid}`;
const columns = 80;
const rows = 24;

function tmux(...args) {
	return execFileSync('tmux', args, {encoding: 'utf8'});
}

function screen() {
	return tmux('capture-pane', '-p', '-t', session).replace(/[ \t]+$/gm, '').replace(/\n+$/, '');
}

async function waitFor(pattern, timeoutMs = 10_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const text = screen();
		if (pattern.test(text)) {
			// Let a spinner tick settle so the capture is a whole frame.
			await sleep(150);
			return screen();
		}

		await sleep(50);
	}

	throw new Error(`the screen never matched ${pattern}:\n${screen()}`);
}

function press(...keys) {
	tmux('send-keys', '-t', session, ...keys);
}

/** The consent URL holds a fresh random state each run; show its shape, not noise. */
function tidy(text) {
	return text
		.replace(/http:\/\/127\.0\.0\.1:\d+/g, 'http://127.0.0.1:4010')
		.replace(/mkt-wizard-demo-\w+/g, 'mkt-wizard-demo-Xy12Ab')
		.replace(/⠋|⠙|⠹|⠸|⠼|⠴|⠦|⠧|⠇|⠏/g, '⠋')
		.replace(/\d{1,2}:\d{2} \(in 59 min\)/g, '13:28 (in 59 min)')
		.replace(/\d{1,2} \w{3} \d{4} \d{1,2}:\d{2} \(in 90 days\)/g, '21 Feb 2027 12:28 (in 90 days)');
}

const captures = [];
// A clean environment: no CI (Ink would draw only the last frame), no credentials or overrides of the caller's.
const environment = {PATH: process.env.PATH, HOME: process.env.HOME, TERM: 'xterm-256color', LANG: 'C.UTF-8', BROWSER: 'none', NO_COLOR: '1'};
const quote = value => `'${value.replace(/'/g, '\'\\\'\'')}'`;
const command = ['env', '-i', ...Object.entries(environment).map(([name, value]) => quote(`${name}=${value ?? ''}`)), quote(process.execPath), 'dist/cli.cjs', '--demo'].join(' ');
tmux('new-session', '-d', '-s', session, '-x', String(columns), '-y', String(rows), command);
try {
	captures.push(['Choose a marketplace', await waitFor(/Choose a marketplace/)]);
	press('Enter');
	captures.push(['Credentials: pre-filled from the environment, the secret masked', await waitFor(/Credentials/)]);
	press('Enter');
	await sleep(100);
	press('Enter');
	captures.push(['Redirect URI: the exact string to register', await waitFor(/Redirect URI/)]);
	press('Enter');
	await waitFor(/Scopes/);
	// Down to listings_w (the sixth of Etsy's 12 scopes) and check it.
	press('Down', 'Down', 'Down', 'Down', 'Down', 'Space');
	captures.push(['Scopes: least privilege checked, each with its meaning', await waitFor(/4 of 12 selected/)]);
	press('Enter');
	captures.push(['Consent: a live spinner, the URL, and what the callback server sees', await waitFor(/Waiting for the browser/)]);
	press('y');
	captures.push(['Saved: who the token belongs to, when it expires, how to use it', await waitFor(/Connected to Etsy/)]);
	press('q');
} finally {
	try {
		tmux('kill-session', '-t', session);
	} catch {}
}

const section = captures.map(([title, text]) => `**${title}**\n\n\`\`\`text\n${tidy(text)}\n\`\`\``).join('\n\n');
const readme = readFileSync('readme.md', 'utf8');
const start = '<!-- screens:start -->';
const end = '<!-- screens:end -->';
const updated = readme.replace(
	new RegExp(`${start}[\\s\\S]*?${end}`),
	`${start}\n## What it looks like\n\nCaptured from \`mkt-wizard --demo\` in an 80x24 terminal by \`npm run screens\`.\n\n${section}\n${end}`,
);
writeFileSync('readme.md', updated);
console.log(`wrote ${captures.length} screens into readme.md`);
