import {Box, Text} from 'ink';
import CharacterDiff from '../components/CharacterDiff.js';
import Frame, {type FramePosition} from '../components/Frame.js';
import Message from '../components/Message.js';
import {useKeyActions, type KeyAction} from '../components/use-keys.js';
import type {ProviderDefinition} from '../providers/types.js';
import type {DifferencePart} from '../troubleshoot/redirect-diff.js';
import type {RedirectCheckResult} from '../wizard/state.js';
import {checkRedirect} from './redirect-checks.js';
import RegisteredPasteField from './RegisteredPasteField.js';
import {terminalText} from '../terminal-text.js';

export type Props = {
	readonly provider: ProviderDefinition;
	/** The redirect URI (or RuName) sent. */
	readonly sent: string;
	/** The paste field's text. @default '' */
	readonly pasted?: string;
	/** The comparison; without it the screen asks for the registered value. */
	readonly result?: RedirectCheckResult;
	/** A line from the caller, e.g. after c. */
	readonly notice?: string;
	/** Enter on the paste field: the text as typed. */
	readonly onCompare: (pasted: string) => void;
	/** r when the fix is to re-run with the registered value. */
	readonly onRerun: (redirect: string) => void;
	/** r otherwise: consent again with the same redirect URI (after changing the registration). */
	readonly onRetry: () => void;
	/** c when the fix is a value to register: copy it. */
	readonly onCopy: (value: string) => void;
	/** Esc. */
	readonly onBack: () => void;
	/** Header: provider and step n of m. @default {} */
	readonly position?: FramePosition;
};

const partNames: Record<DifferencePart, string> = {
	whitespace: 'invisible characters',
	scheme: 'scheme',
	host: 'host',
	port: 'port',
	path: 'path',
	'trailing-slash': 'trailing slash',
	query: 'query',
	fragment: 'fragment',
	case: 'letter case',
	userinfo: 'user name',
	encoding: 'percent-encoding',
	kind: 'RuName or URL',
	environment: 'environment',
	value: 'value',
};

/** What r does on the comparison, if anything. */
export type DiffAction =
	| {readonly kind: 'rerun'; readonly redirect: string}
	| {readonly kind: 'register'; readonly value: string}
	| {readonly kind: 'retry'}
	| {readonly kind: 'none'};

/** The fix on offer: re-run only with a value this provider's redirect step would accept. */
export function diffAction(provider: ProviderDefinition, result: RedirectCheckResult): DiffAction {
	if (result.source === 'error-page') {
		return {kind: 'none'};
	}

	const {comparison} = result;
	if (comparison.equal) {
		return {kind: 'retry'};
	}

	const fix = comparison.fixAction;
	if (fix.kind === 'rerun' && checkRedirect(provider, fix.redirectUri)?.level !== 'error' && !(provider.redirectKind === 'runame' && /^[a-z][a-z\d+.-]*:\/\//i.test(fix.redirectUri))) {
		return {kind: 'rerun', redirect: fix.redirectUri};
	}

	return fix.kind === 'register' ? {kind: 'register', value: fix.value} : {kind: 'none'};
}

/** The fix's keys: r runs it (re-run, or try again once registered), c copies the value to register. */
function fixActions(action: DiffAction | undefined, props: Pick<Props, 'onRerun' | 'onRetry' | 'onCopy'>): Array<KeyAction | false> {
	switch (action?.kind) {
		case 'rerun': {
			return [{key: 'r', label: 're-run with the registered URI', run: () => props.onRerun(action.redirect)}];
		}

		case 'register': {
			return [{key: 'c', label: 'copy it', run: () => props.onCopy(action.value)}, {key: 'r', label: 'try again once registered', run: props.onRetry}];
		}

		case 'retry': {
			return [{key: 'r', label: 'try again', run: props.onRetry}];
		}

		default: {
			return [];
		}
	}
}

function Heading({children}: {readonly children: string}) {
	return <Box marginTop={1}><Text bold>{children}</Text></Box>;
}

function Arrow({children}: {readonly children: string}) {
	return (
		<Box>
			<Box flexShrink={0} marginRight={1}><Text bold>→</Text></Box>
			<Text>{children}</Text>
		</Box>
	);
}

function FromErrorPage({provider, sent, result}: {readonly provider: ProviderDefinition; readonly sent: string; readonly result: RedirectCheckResult}) {
	return (
		<Box flexDirection="column">
			<Text>{`Taken from redirect_uri in the pasted address: what the browser asked ${provider.displayName} for.`}</Text>
			<Box marginTop={1}>
				<CharacterDiff from={sent} to={result.registered} labels={{from: 'sent', to: 'error page'}} legend="[-…-] only in the one sent · {+…+} only on the error page" />
			</Box>
			<Box marginTop={1} flexDirection="column">
				{result.comparison.equal
					? (
						<>
							<Message tone="info">{`The error page is for exactly the redirect URI sent, so the one registered at ${provider.displayName} differs from it.`}</Message>
							<Arrow>{`Press Esc and paste the callback URL from your app settings at ${provider.portalUrl} to see how it differs.`}</Arrow>
						</>
					)
					: (
						<>
							<Message tone="warning">That error page is for another consent URL: an older tab, or an address broken while copying it.</Message>
							<Arrow>Use the consent URL shown now (c shows it, o opens it, on the consent screen); if that is refused too, paste the registered callback URL here.</Arrow>
						</>
					)}
			</Box>
		</Box>
	);
}

function Comparison({provider, sent, result, action}: {readonly provider: ProviderDefinition; readonly sent: string; readonly result: RedirectCheckResult; readonly action: DiffAction}) {
	const {comparison} = result;
	if (comparison.equal) {
		return (
			<Box flexDirection="column">
				<CharacterDiff from={sent} to={result.registered} />
				<Box marginTop={1} flexDirection="column">
					<Message tone="success">{`Identical, character for character: the redirect URI is not what ${provider.displayName} refuses.`}</Message>
					<Arrow>{`Check that the callback URL is saved for this very app (the keystring in the consent URL), then press r to try again.`}</Arrow>
				</Box>
			</Box>
		);
	}

	let fix: string;
	switch (action.kind) {
		case 'rerun': {
			fix = `Re-run with the registered one, ${action.redirect}: nothing changes in your app settings. Press r.`;
			break;
		}

		case 'register': {
			fix = `Register exactly ${action.value} at ${provider.portalUrl}, character for character (c copies it), then press r to try again.`;
			break;
		}

		default: {
			fix = comparison.fix;
		}
	}

	return (
		<Box flexDirection="column">
			<CharacterDiff from={sent} to={result.registered} />
			<Heading>What differs</Heading>
			{comparison.differences.map(difference => (
				<Message key={`${difference.part} ${difference.sent} ${difference.registered}`} tone="error">{`${partNames[difference.part]}: ${difference.explanation}`}</Message>
			))}
			<Heading>The fix</Heading>
			<Arrow>{fix}</Arrow>
		</Box>
	);
}

/** The redirect URI sent next to the registered one, character by character: each difference explained, and the one fix on one key. */
export default function RedirectDiffStep(props: Props) {
	const {provider, sent, result, notice, position} = props;
	const action = result ? diffAction(provider, result) : undefined;
	const hints = useKeyActions(result
		? [...fixActions(action, props), {key: 'esc', label: 'paste another', run: props.onBack}]
		: [{key: 'esc', label: 'back', run: props.onBack}]);
	if (!result) {
		return (
			<Frame title="Compare with the registered redirect URI" position={position} hints={[{key: 'enter', label: 'compare'}, ...hints]}>
				<Text>{`Sent as redirect URI: ${terminalText(sent)}`}</Text>
				<RegisteredPasteField provider={provider} {...(props.pasted ? {initial: props.pasted} : {})} onCompare={props.onCompare} />
			</Frame>
		);
	}

	return (
		<Frame title="Redirect URI: sent and registered" position={position} hints={hints}>
			{result.source === 'error-page'
				? <FromErrorPage provider={provider} sent={sent} result={result} />
				: <Comparison provider={provider} sent={sent} result={result} action={action ?? {kind: 'none'}} />}
			{notice ? <Box marginTop={1}><Message tone="info">{notice}</Message></Box> : null}
		</Frame>
	);
}
