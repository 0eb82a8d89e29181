import type {Check, CheckStatus} from './types.js';

const marks: Record<CheckStatus, string> = {ok: '✔ ok  ', warn: '! warn', fail: '✖ fail', skip: '- skip'};
const maxTitle = 34;

/** `text` in lines of at most `room` characters, broken at spaces, a longer word cut at `room`. */
function wrap(text: string, room: number): string[] {
	const lines: string[] = [];
	let line = '';
	const words = text.split(' ').flatMap(word => {
		const characters = [...word];
		return characters.length <= room ? [word] : Array.from({length: Math.ceil(characters.length / room)}, (_, index) => characters.slice(index * room, (index + 1) * room).join(''));
	});
	for (const word of words) {
		if (line !== '' && [...line].length + 1 + [...word].length > room) {
			lines.push(line);
			line = word;
		} else {
			line = line === '' ? word : `${line} ${word}`;
		}
	}

	lines.push(line);
	return lines;
}

/** Fewer columns than this beside the titles, and each detail goes under its title instead. */
const minimumRoom = 40;

/**
 * One line per check, `✔ ok    Config file   /path (0600)`, the fix indented below, a summary last;
 * with `columns`, details and fixes are folded to fit that many columns (under each title when
 * the titles leave too little room beside them).
 */
export function renderChecks(checks: readonly Check[], columns = Number.POSITIVE_INFINITY): string {
	const width = Math.min(maxTitle, Math.max(0, ...checks.map(check => check.title.length)));
	const besideTitles = columns - (marks.ok.length + 2 + width + 2) >= minimumRoom;
	const indent = ' '.repeat(besideTitles ? marks.ok.length + 2 + width + 2 : marks.ok.length + 2);
	const room = columns - indent.length;
	const lines: string[] = [];
	for (const check of checks) {
		const detail = check.detail.split('\n').flatMap(line => wrap(line, room));
		const fix = check.fix && (check.status === 'warn' || check.status === 'fail') ? wrap(`fix: ${check.fix}`, room) : [];
		if (besideTitles) {
			const title = check.title.length > width ? check.title : check.title.padEnd(width);
			lines.push(`${marks[check.status]}  ${title}  ${detail[0] ?? ''}`.trimEnd());
			lines.push(...[...detail.slice(1), ...fix].map(line => `${indent}${line}`));
		} else {
			lines.push(`${marks[check.status]}  ${check.title}`, ...[...detail, ...fix].map(line => `${indent}${line}`));
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
