import {Box, Text} from 'ink';
import TextField from '../components/TextField.js';
import type {ProviderDefinition} from '../providers/types.js';

type Provider = Pick<ProviderDefinition, 'displayName' | 'redirectKind' | 'portalUrl'>;

/** The paste field's part of a screen's reducer state. */
export type PasteState = {
	readonly pasted: string;
	readonly empty: boolean;
	readonly outbox: ReadonlyArray<{readonly type: string}>;
};

export type PasteAction = {type: 'change'; value: string} | {type: 'submit'};

/** Typing and Enter on the paste field; Enter with text posts `{type: 'compare', text}` to the outbox. */
export function reducePaste<S extends PasteState>(state: S, action: PasteAction): S {
	switch (action.type) {
		case 'change': {
			return {...state, pasted: action.value, empty: false};
		}

		case 'submit': {
			// Enter in a chunk of its own reaches the field before it re-renders with the pasted text,
			// so the value it hands over can be stale: the text the reducer holds is current.
			return state.pasted.trim() === ''
				? {...state, empty: true}
				: {...state, outbox: [{type: 'compare', text: state.pasted}]};
		}
	}
}

/** What the registered value is called, and where the user finds it. */
export function pastePrompt(provider: Provider): string {
	return provider.redirectKind === 'loopback-url'
		? `Paste the callback URL from your app settings, or the address bar of ${provider.displayName}'s error page:`
		: `Paste the RuName listed under User Tokens at ${provider.portalUrl} for this keyset:`;
}

/** The prompt and the field for the registered redirect URI (or RuName). */
export default function RegisteredPasteField({provider, pasted, empty, dispatch}: {
	readonly provider: Provider;
	readonly pasted: string;
	readonly empty: boolean;
	readonly dispatch: (action: PasteAction) => void;
}) {
	return (
		<Box marginTop={1} flexDirection="column">
			<Text>{pastePrompt(provider)}</Text>
			<TextField
				label={provider.redirectKind === 'loopback-url' ? 'Registered redirect URI' : 'Registered RuName'}
				value={pasted}
				error={empty ? 'Nothing pasted yet.' : undefined}
				onChange={value => {
					dispatch({type: 'change', value});
				}}
				onSubmit={() => {
					dispatch({type: 'submit'});
				}}
			/>
		</Box>
	);
}
