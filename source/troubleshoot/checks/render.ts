import type {Check, CheckStatus} from './types.js';

const marks: Record<CheckStatus, string> = {ok: '✔ ok  ', warn: '! warn', fail: '✖ fail', skip: '- skip'};
const maxTitle = 34;

/** One line per check, `✔ ok    Config file   /path (0600)`, the fix indented below, a summary last. */
export function renderChecks(checks: readonly Check[]): string {
	const width = Math.min(maxTitle, Math.max(0, ...checks.map(check => check.title.length)));
	const indent = ' '.repeat(marks.ok.length + 2 + width + 2);
	const lines: string[] = [];
	for (const check of checks) {
		const [first = '', ...rest] = check.detail.split('\n');
		const title = check.title.length > width ? check.title : check.title.padEnd(width);
		lines.push(`${marks[check.status]}  ${title}  ${first}`.trimEnd());
		lines.push(...rest.map(line => `${indent}${line}`));
		if (check.fix && (check.status === 'warn' || check.status === 'fail')) {
			lines.push(`${indent}fix: ${check.fix}`);
		}
	}

	lines.push('', summary(checks));
	return `${lines.join('\n')}\n`;
}

function count(checks: readonly Check[], status: CheckStatus): number {
	return checks.filter(check => check.status === status).length;
}

export function summary(checks: readonly Check[]): string {
	const failed = count(checks, 'fail');
	const warned = count(checks, 'warn');
	if (failed === 0 && warned === 0) {
		return `All ${checks.length} check${checks.length === 1 ? '' : 's'} passed${count(checks, 'skip') > 0 ? ` (${count(checks, 'skip')} skipped)` : ''}.`;
	}

	const parts = [
		failed > 0 ? `${failed} failed` : '',
		warned > 0 ? `${warned} warning${warned === 1 ? '' : 's'}` : '',
	].filter(Boolean);
	return `${parts.join(', ')} out of ${checks.length} checks.`;
}
