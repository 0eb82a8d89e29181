import {getProvider, listProviders} from '../../providers/index.js';
import type {Environment, ProviderId} from '../../providers/types.js';
import {characterDiff, type DiffSegment} from '../character-diff.js';
import {codePointLabel, isInvisible, revealInvisible} from '../invisible.js';
import {compareRedirects} from '../redirect-diff.js';
import {explainRedirectValue} from '../redirect-value.js';
import type {Check} from './types.js';

/** A credential's label without its parenthesized aside: "RuName (eBay Redirect URL name)" → "RuName". */
export function shortLabel(label: string): string {
	return label.replace(/ \(.*\)$/, '');
}

function reveal(text: string): string {
	return Array.from(text, character => (isInvisible(character) ? `⟨${codePointLabel(character)}⟩` : character)).join('');
}

const diffMarks: Record<DiffSegment['kind'], readonly [string, string]> = {same: ['', ''], removed: ['[-', '-]'], added: ['{+', '+}']};

/** `http://[-localhost-]{+127.0.0.1+}:3000/callback`: removed (sent only) in [- -], added (registered only) in {+ +}. */
export function inlineDiff(segments: readonly DiffSegment[]): string {
	return segments.map(segment => {
		const [open, close] = diffMarks[segment.kind];
		return `${open}${reveal(segment.text)}${close}`;
	}).join('');
}

export function redirectComparisonCheck(input: {sent: string; registered: string}): Check {
	const comparison = compareRedirects(input);
	const base = {id: 'redirect-compare', title: 'Redirect URI vs registered'};
	const data = {sent: input.sent, registered: input.registered, differences: comparison.differences, fixAction: comparison.fixAction};
	if (comparison.equal) {
		return {...base, status: 'ok', detail: `${revealInvisible(input.sent)} is identical to the registered one, character for character.`, data};
	}

	const detail = [
		`sent:       ${revealInvisible(input.sent)}`,
		`registered: ${revealInvisible(input.registered)}`,
		`difference: ${inlineDiff(characterDiff(input.sent, input.registered))}`,
		...comparison.differences.map(difference => `${difference.part}: ${difference.explanation}`),
	].join('\n');
	return {...base, status: 'fail', detail, fix: comparison.fix, data};
}

/** A redirect value on its own; the provider is guessed from its shape when not given. */
export function redirectValueCheck(input: {provider?: ProviderId; value: string; environment?: Environment}): Check {
	const kind = /^[a-z][a-z\d+.-]*:\/\//i.test(input.value.trim()) ? 'loopback-url' : 'runame';
	const provider = input.provider ?? listProviders().find(candidate => candidate.redirectKind === kind)!.id;
	const {displayName, credentials} = getProvider(provider);
	const result = explainRedirectValue({provider, value: input.value, environment: input.environment});
	// The worst finding is the fix; the rest of what is wrong goes in the detail.
	const worst = result.status === 'ok' ? undefined : result.findings.find(finding => finding.status === result.status);
	const others = result.findings.filter(finding => finding !== worst && (finding.status !== 'ok' || worst === undefined));
	return {
		id: 'redirect-value',
		title: `Redirect URI (${displayName} ${shortLabel(credentials.redirect.label)})`,
		status: result.status,
		detail: [revealInvisible(input.value), ...others.map(finding => finding.message)].join('\n'),
		...(worst ? {fix: worst.message} : {}),
		data: {value: input.value, provider, findings: result.findings},
	};
}
