import {useState} from 'react';
import {Box, Text} from 'ink';
import Frame, {type FramePosition, useFrameRoom} from '../components/Frame.js';
import type {KeyHint} from '../components/KeyHints.js';
import Message from '../components/Message.js';
import MultiSelect, {type MultiSelectItem} from '../components/MultiSelect.js';
import {wrappedLines} from '../components/terminal-size.js';
import {useKeyActions} from '../components/use-keys.js';
import {describeScope, offeredScopes, withdrawnScopes} from '../providers/index.js';
import type {ProviderDefinition} from '../providers/types.js';
import {backHint, moveHint} from './hints.js';
import {diffScopes, shortScopeName} from './scope-names.js';
import {terminalText} from '../terminal-text.js';

export type Props = {
	readonly provider: ProviderDefinition;
	/** Scopes of the saved grant, on a re-run: pre-selected, and the diff is shown before going on. */
	readonly granted?: readonly string[];
	/** The saved token still works: with nothing changed, offer to keep it. @default false */
	readonly tokenValid?: boolean;
	/** The choice to start from, e.g. when coming back to this step. @default granted, else provider.defaultScopes */
	readonly selected?: readonly string[];
	/** The chosen scopes (full names, the provider's order; verification scopes always included). */
	readonly onSubmit: (scopes: string[]) => void;
	/** Nothing changed and the token is valid, and the user chose to keep it. The keep offer shows only when given. */
	readonly onKeep?: () => void;
	readonly onBack: () => void;
	/** Header: provider and step n of m. @default {} */
	readonly position?: FramePosition;
};

type Phase = 'choose' | 'review';

const lockReason = 'needed to verify the login';

function ScopeLine({sign, name, description}: {readonly sign: '+' | '−'; readonly name: string; readonly description: string}) {
	return <Text wrap="truncate-end">{`  ${sign} ${name}  `}<Text dimColor>{description}</Text></Text>;
}

/** The list: every scope on offer, the ones the verification call needs locked. */
function scopeItems(provider: ProviderDefinition): MultiSelectItem[] {
	const verification = new Set(provider.verificationScopes);
	return offeredScopes(provider).map(scope => ({
		value: scope.name,
		label: shortScopeName(provider, scope.name),
		description: describeScope(provider, scope),
		locked: verification.has(scope.name) ? lockReason : undefined,
	}));
}

/** What a re-run changes against the saved grant; with nothing changed, whether the saved token can be kept. */
function ScopeChanges({provider, diff, chosen, canKeep}: {readonly provider: ProviderDefinition; readonly diff: ReturnType<typeof diffScopes>; readonly chosen: readonly string[]; readonly canKeep: boolean}) {
	const describe = (name: string) => {
		const scope = provider.scopes.find(candidate => candidate.name === name);
		return scope ? describeScope(provider, scope) : '';
	};

	if (diff.added.length === 0 && diff.removed.length === 0) {
		return (
			<Box flexDirection="column">
				{canKeep
					? <Message tone="success">Nothing changed and the saved token is still valid.</Message>
					: <Message tone="info">Nothing changed, but the saved token needs a new consent.</Message>}
				<Text>{`Scopes: ${chosen.map(name => shortScopeName(provider, name)).join(', ')}`}</Text>
			</Box>
		);
	}

	return (
		<Box flexDirection="column">
			<Text>Compared with the saved grant:</Text>
			{diff.added.map(name => <ScopeLine key={name} sign="+" name={`added    ${terminalText(shortScopeName(provider, name))}`} description={describe(name)} />)}
			{diff.removed.map(name => <ScopeLine key={name} sign="−" name={`removed  ${terminalText(shortScopeName(provider, name))}`} description={describe(name)} />)}
			<Box marginTop={1}>
				<Text>{`${provider.displayName} asks for consent again: scopes are fixed per token.`}</Text>
			</Box>
		</Box>
	);
}

/** Which scopes to ask for. On a re-run: the saved scopes checked, then the difference before consent. */
export default function ScopesStep({provider, granted, tokenValid = false, selected, onSubmit, onKeep, onBack, position}: Props) {
	const [phase, setPhase] = useState<Phase>('choose');
	// A new consent cannot ask for a withdrawn scope: a saved one shows up as removed in the changes.
	const [chosen, setChosen] = useState(() => selected ?? granted?.filter(name => withdrawnScopes(provider, [name]).length === 0) ?? provider.defaultScopes);
	// Bumped when the list is shown again, so it starts from `chosen`.
	const [listKey, setListKey] = useState(0);
	const diff = granted ? diffScopes({granted, chosen}) : undefined;
	const unchanged = diff !== undefined && diff.added.length === 0 && diff.removed.length === 0;
	const canKeep = unchanged && tokenValid && onKeep !== undefined;
	const changeScopes = () => {
		setPhase('choose');
		setListKey(listKey + 1);
	};

	const reviewHints = useKeyActions(phase === 'review'
		? [
			canKeep && onKeep && {key: 'k', label: 'keep the saved token', run: onKeep},
			{key: 'enter', label: canKeep ? 're-authorise anyway' : 'continue to consent', run: () => onSubmit([...chosen])},
			{key: 'esc', label: 'change scopes', run: changeScopes},
		]
		: [{...backHint, run: onBack, hint: false}]);
	const items = scopeItems(provider);
	const listHints: KeyHint[] = [moveHint, {key: 'space', label: 'toggle'}, {key: 'a/n', label: 'all/none'}, {key: 'enter', label: 'continue'}, backHint];
	const room = useFrameRoom(listHints);
	const intro = granted
		? 'Checked: the scopes of your saved grant. Enter shows what changes.'
		: 'Choose what the app may do. The least-privilege set is checked.';
	// The list takes the rows the intro, its margin, the two "more" lines, the count and the
	// notes on locked scopes leave: between 3 and 10 scopes on screen.
	const listRows = room.rows - wrappedLines(intro, room.width) - 1 - 2 - 1 - items.filter(item => item.locked).length;
	const limit = Math.max(3, Math.min(10, listRows));

	if (phase === 'review' && diff) {
		return (
			<Frame title="Scopes: changes" position={position} hints={reviewHints}>
				<ScopeChanges provider={provider} diff={diff} chosen={chosen} canKeep={canKeep} />
			</Frame>
		);
	}

	return (
		<Frame title="Scopes" position={position} hints={listHints}>
			<Text>{intro}</Text>
			<Box marginTop={1}>
				<MultiSelect
					key={listKey}
					items={items}
					limit={limit}
					initialSelected={chosen}
					onChange={setChosen}
					onSubmit={scopes => {
						setChosen(scopes);
						if (granted) {
							setPhase('review');
						} else {
							onSubmit(scopes);
						}
					}}
				/>
			</Box>
		</Frame>
	);
}
