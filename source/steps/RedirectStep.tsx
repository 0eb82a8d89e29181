import {useReducer} from 'react';
import {Box, Text} from 'ink';
import Frame, {type FramePosition} from '../components/Frame.js';
import TextField from '../components/TextField.js';
import {useEscape} from '../components/use-keys.js';
import {useOutbox} from '../components/use-outbox.js';
import type {ProviderDefinition} from '../providers/types.js';
import {backHint, continueHint} from './hints.js';
import {prefillHint, type Prefill} from './prefill.js';
import {checkRedirect} from './redirect-checks.js';

export type Props = {
	readonly provider: ProviderDefinition;
	/** The value to start from. @default provider.defaultRedirect (Etsy: http://localhost:3000/callback) */
	readonly initial?: Prefill;
	/** The trimmed value, once it passed the checks (warnings do not stop it). */
	readonly onSubmit: (redirect: string) => void;
	readonly onBack: () => void;
	/** Header: provider and step n of m. @default {} */
	readonly position?: FramePosition;
};

type State = {
	readonly value: string;
	readonly tried: boolean;
	readonly outbox: ReadonlyArray<{type: 'done'; value: string} | {type: 'back'}>;
};

type Action =
	| {type: 'change'; value: string}
	| {type: 'submit'; value: string; blocked: boolean}
	| {type: 'escape'};

function reduce(state: State, action: Action): State {
	switch (action.type) {
		case 'change': {
			// The error was about the value Enter was pressed on: an edit clears it until the next Enter.
			return {...state, value: action.value, tried: false};
		}

		case 'submit': {
			return action.blocked
				? {...state, value: action.value, tried: true}
				: {...state, value: action.value, outbox: [{type: 'done', value: action.value.trim()}]};
		}

		case 'escape': {
			return {...state, outbox: [{type: 'back'}]};
		}
	}
}

function Explanation({provider}: {readonly provider: ProviderDefinition}) {
	if (provider.redirectKind === 'loopback-url') {
		return (
			<Box flexDirection="column">
				<Text>The wizard listens on this address for the browser coming back from {provider.displayName}.</Text>
				<Text bold>Register exactly this in your app settings,</Text>
				<Text>{`character for character, at ${provider.portalUrl}`}</Text>
			</Box>
		);
	}

	return (
		<Box flexDirection="column">
			<Text>The RuName names your redirect settings at {provider.displayName}. Find it at</Text>
			<Text>{`${provider.portalUrl} → User Tokens → Get a Token from eBay via Your Application.`}</Text>
			<Text>It looks like Jane_Doe-JaneDoeA-MyApp-abcdef: the name, not the accept URL.</Text>
		</Box>
	);
}

/** Etsy: the loopback callback URL to register. eBay user grant: the RuName. */
export default function RedirectStep({provider, initial, onSubmit, onBack, position}: Props) {
	const [state, dispatch] = useReducer(reduce, undefined, (): State => ({
		value: initial?.value ?? provider.defaultRedirect ?? '',
		tried: false,
		outbox: [],
	}));
	useEscape(() => {
		dispatch({type: 'escape'});
	});
	useOutbox(state.outbox, message => {
		if (message.type === 'done') {
			onSubmit(message.value);
		} else {
			onBack();
		}
	});

	const check = checkRedirect(provider, state.value);
	const field = provider.credentials.redirect;
	const title = provider.redirectKind === 'loopback-url' ? 'Redirect URI' : 'RuName';
	return (
		<Frame title={title} position={position} hints={[continueHint, backHint]}>
			<Explanation provider={provider} />
			<Box marginTop={1}>
				<TextField
					label={field.label}
					value={state.value}
					hint={prefillHint(field, initial, state.value)}
					error={check?.level === 'error' && state.tried ? check.text : undefined}
					warning={check?.level === 'warning' ? check.text : undefined}
					onChange={value => {
						dispatch({type: 'change', value});
					}}
					onSubmit={value => {
						dispatch({type: 'submit', value, blocked: checkRedirect(provider, value)?.level === 'error'});
					}}
				/>
			</Box>
		</Frame>
	);
}
