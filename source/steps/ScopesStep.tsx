import {useReducer} from 'react';
import {Box, Text} from 'ink';
import Frame, {type FramePosition, useFrameRoom} from '../components/Frame.js';
import type {KeyHint} from '../components/KeyHints.js';
import {isChar, type KeyEvent} from '../components/keys.js';
import Message from '../components/Message.js';
import MultiSelect, {type MultiSelectItem} from '../components/MultiSelect.js';
import {wrappedLines} from '../components/terminal-size.js';
import {useKeys} from '../components/use-keys.js';
import {useOutbox} from '../components/use-outbox.js';
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
type Outgoing = {type: 'submit'; scopes: readonly string[]} | {type: 'keep'} | {type: 'back'};

type State = {
	readonly phase: Phase;
	readonly selected: readonly string[];
	/** Bumped when the list is shown again, so it starts from `selected`. */
	readonly listKey: number;
	readonly outbox: readonly Outgoing[];
};

type Action =
	| {type: 'change'; selected: readonly string[]}
	| {type: 'chosen'; selected: readonly string[]; review: boolean}
	| {type: 'keys'; keys: readonly KeyEvent[]; canKeep: boolean};

const lockReason = 'needed to verify the login';

function reduce(state: State, action: Action): State {
	switch (action.type) {
		case 'change': {
			return {...state, selected: action.selected};
		}

		case 'chosen': {
			return action.review
				? {...state, selected: action.selected, phase: 'review'}
				: {...state, selected: action.selected, outbox: [{type: 'submit', scopes: action.selected}]};
		}

		case 'keys': {
			for (const key of action.keys) {
				if (key.name === 'escape') {
					return state.phase === 'choose'
						? {...state, outbox: [{type: 'back'}]}
						: {...state, phase: 'choose', listKey: state.listKey + 1};
				}

				if (state.phase === 'review' && key.name === 'return') {
					return {...state, outbox: [{type: 'submit', scopes: state.selected}]};
				}

				if (state.phase === 'review' && action.canKeep && isChar(key, 'k')) {
					return {...state, outbox: [{type: 'keep'}]};
				}
			}

			return state;
		}
	}
}

function ScopeLine({sign, name, description}: {readonly sign: '+' | '−'; readonly name: string; readonly description: string}) {
	return <Text wrap="truncate-end">{`  ${sign} ${name}  `}<Text dimColor>{description}</Text></Text>;
}

/** Which scopes to ask for. On a re-run: the saved scopes checked, then the difference before consent. */
export default function ScopesStep({provider, granted, tokenValid = false, selected, onSubmit, onKeep, onBack, position}: Props) {
	const [state, dispatch] = useReducer(reduce, undefined, (): State => ({
		phase: 'choose',
		// A new consent cannot ask for a withdrawn scope: a saved one shows up as removed in the changes.
		selected: selected ?? granted?.filter(name => withdrawnScopes(provider, [name]).length === 0) ?? provider.defaultScopes,
		listKey: 0,
		outbox: [],
	}));
	const diff = granted ? diffScopes({granted, chosen: state.selected}) : undefined;
	const unchanged = diff !== undefined && diff.added.length === 0 && diff.removed.length === 0;
	const canKeep = unchanged && tokenValid && onKeep !== undefined;
	useKeys(keys => {
		dispatch({type: 'keys', keys, canKeep});
	});
	useOutbox(state.outbox, message => {
		if (message.type === 'submit') {
			onSubmit([...message.scopes]);
		} else if (message.type === 'keep') {
			onKeep?.();
		} else {
			onBack();
		}
	});

	const verification = new Set(provider.verificationScopes);
	const items: MultiSelectItem[] = offeredScopes(provider).map(scope => ({
		value: scope.name,
		label: shortScopeName(provider, scope.name),
		description: describeScope(provider, scope),
		locked: verification.has(scope.name) ? lockReason : undefined,
	}));
	const describe = (name: string) => {
		const scope = provider.scopes.find(candidate => candidate.name === name);
		return scope ? describeScope(provider, scope) : '';
	};
	const listHints: KeyHint[] = [moveHint, {key: 'space', label: 'toggle'}, {key: 'a/n', label: 'all/none'}, {key: 'enter', label: 'continue'}, backHint];
	const room = useFrameRoom(listHints);
	const intro = granted
		? 'Checked: the scopes of your saved grant. Enter shows what changes.'
		: 'Choose what the app may do. The least-privilege set is checked.';
	// The list takes the rows the intro, its margin, the two "more" lines, the count and the
	// notes on locked scopes leave: between 3 and 10 scopes on screen.
	const listRows = room.rows - wrappedLines(intro, room.width) - 1 - 2 - 1 - items.filter(item => item.locked).length;
	const limit = Math.max(3, Math.min(10, listRows));

	if (state.phase === 'review' && diff) {
		const hints: KeyHint[] = canKeep
			? [{key: 'k', label: 'keep the saved token'}, {key: 'enter', label: 're-authorise anyway'}, {key: 'esc', label: 'change scopes'}]
			: [{key: 'enter', label: 'continue to consent'}, {key: 'esc', label: 'change scopes'}];
		return (
			<Frame title="Scopes: changes" position={position} hints={hints}>
				{unchanged
					? (
						<Box flexDirection="column">
							{canKeep
								? <Message tone="success">Nothing changed and the saved token is still valid.</Message>
								: <Message tone="info">Nothing changed, but the saved token needs a new consent.</Message>}
							<Text>{`Scopes: ${state.selected.map(name => shortScopeName(provider, name)).join(', ')}`}</Text>
						</Box>
					)
					: (
						<Box flexDirection="column">
							<Text>Compared with the saved grant:</Text>
							{diff.added.map(name => <ScopeLine key={name} sign="+" name={`added    ${terminalText(shortScopeName(provider, name))}`} description={describe(name)} />)}
							{diff.removed.map(name => <ScopeLine key={name} sign="−" name={`removed  ${terminalText(shortScopeName(provider, name))}`} description={describe(name)} />)}
							<Box marginTop={1}>
								<Text>{`${provider.displayName} asks for consent again: scopes are fixed per token.`}</Text>
							</Box>
						</Box>
					)}
			</Frame>
		);
	}

	return (
		<Frame title="Scopes" position={position} hints={listHints}>
			<Text>{intro}</Text>
			<Box marginTop={1}>
				<MultiSelect
					key={state.listKey}
					items={items}
					limit={limit}
					initialSelected={state.selected}
					onChange={scopes => {
						dispatch({type: 'change', selected: scopes});
					}}
					onSubmit={scopes => {
						dispatch({type: 'chosen', selected: scopes, review: granted !== undefined});
					}}
				/>
			</Box>
		</Frame>
	);
}
