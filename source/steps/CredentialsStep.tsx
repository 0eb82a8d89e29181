import {useReducer} from 'react';
import {Box, Text} from 'ink';
import Frame, {type FramePosition} from '../components/Frame.js';
import TextField from '../components/TextField.js';
import {applyTypedChunk} from '../components/typed-text.js';
import {useEscape} from '../components/use-keys.js';
import {useOutbox} from '../components/use-outbox.js';
import type {Environment, ProviderDefinition} from '../providers/types.js';
import {checkClientId, checkClientSecret} from './credential-checks.js';
import type {FieldCheck} from './field-check.js';
import {backHint, continueHint} from './hints.js';
import {prefillHint, type Prefill} from './prefill.js';

export type Credentials = {
	readonly clientId: string;
	readonly clientSecret: string;
};

export type Props = {
	readonly provider: ProviderDefinition;
	/** Etsy: always production. */
	readonly environment: Environment;
	/** Values to start from, with where they came from (said beside the label). @default {} */
	readonly initial?: {
		readonly clientId?: Prefill;
		readonly clientSecret?: Prefill;
	};
	/** Both values, trimmed, once each passed its checks. */
	readonly onSubmit: (credentials: Credentials) => void;
	/** Esc on the first field. */
	readonly onBack: () => void;
	/** Header: provider and step n of m. @default {} */
	readonly position?: FramePosition;
};

type Field = 'clientId' | 'clientSecret';

type State = {
	readonly focus: Field;
	readonly values: Readonly<Record<Field, string>>;
	/** Enter was pressed on the field: from then on its error shows. */
	readonly tried: Readonly<Record<Field, boolean>>;
	readonly outbox: ReadonlyArray<{type: 'done'; credentials: Credentials} | {type: 'back'}>;
};

type Action =
	| {type: 'change'; field: Field; value: string}
	| {type: 'submit'; field: Field; value: string; rest: string; check: (field: Field, value: string) => FieldCheck | undefined}
	| {type: 'escape'};

function reduce(state: State, action: Action): State {
	switch (action.type) {
		case 'change': {
			// The error was about the value Enter was pressed on: an edit clears it until the next Enter.
			return {...state, values: {...state.values, [action.field]: action.value}, tried: {...state.tried, [action.field]: false}};
		}

		case 'submit': {
			const values = {...state.values, [action.field]: action.value};
			if (action.check(action.field, action.value)?.level === 'error') {
				return {...state, values, tried: {...state.tried, [action.field]: true}};
			}

			if (action.field === 'clientId') {
				const next: State = {...state, values, focus: 'clientSecret'};
				// 'key\rsecret\r' in one chunk: the keys after Enter belong to the secret field.
				const typed = applyTypedChunk(values.clientSecret, values.clientSecret + action.rest);
				const withRest: State = {...next, values: {...values, clientSecret: typed.value}};
				return typed.submitted ? reduce(withRest, {...action, field: 'clientSecret', value: typed.value, rest: ''}) : withRest;
			}

			return {...state, values, outbox: [{type: 'done', credentials: {clientId: values.clientId.trim(), clientSecret: values.clientSecret.trim()}}]};
		}

		case 'escape': {
			return state.focus === 'clientSecret' ? {...state, focus: 'clientId'} : {...state, outbox: [{type: 'back'}]};
		}
	}
}

/** The app's client id and secret, typed or confirmed, the secret masked. Esc goes back a field, then a step. */
export default function CredentialsStep({provider, environment, initial = {}, onSubmit, onBack, position}: Props) {
	const [state, dispatch] = useReducer(reduce, undefined, (): State => ({
		focus: 'clientId',
		values: {clientId: initial.clientId?.value ?? '', clientSecret: initial.clientSecret?.value ?? ''},
		tried: {clientId: false, clientSecret: false},
		outbox: [],
	}));
	useEscape(() => {
		dispatch({type: 'escape'});
	});
	useOutbox(state.outbox, message => {
		if (message.type === 'done') {
			onSubmit(message.credentials);
		} else {
			onBack();
		}
	});

	const checkField = (field: Field, value: string) => field === 'clientId'
		? checkClientId({provider, environment, value})
		: checkClientSecret({provider, value});
	const checks: Record<Field, FieldCheck | undefined> = {
		clientId: checkField('clientId', state.values.clientId),
		clientSecret: checkField('clientSecret', state.values.clientSecret),
	};
	const fields: Field[] = ['clientId', 'clientSecret'];
	const where = provider.environments.length > 1 ? ` for ${environment}` : '';
	return (
		<Frame
			title="Credentials"
			position={position}
			hints={[{...continueHint, label: state.focus === 'clientId' ? 'next' : 'continue'}, {...backHint, label: state.focus === 'clientId' ? 'back' : 'previous field'}]}
		>
			<Text>{`Your app's keys${where}, from ${provider.portalUrl}`}</Text>
			{fields.map(field => {
				const definition = provider.credentials[field];
				const check = checks[field];
				// A blocking problem shows once Enter was tried; a warning as soon as there is something to warn about.
				const showError = check?.level === 'error' && state.tried[field];
				const showWarning = check?.level === 'warning' && state.values[field].trim() !== '';
				return (
					<Box key={field} marginTop={1}>
						<TextField
							label={definition.label}
							value={state.values[field]}
							mask={definition.secret}
							hint={prefillHint(definition, initial[field], state.values[field])}
							error={showError ? check.text : undefined}
							warning={showWarning ? check.text : undefined}
							isActive={state.focus === field}
							onChange={value => {
								dispatch({type: 'change', field, value});
							}}
							onSubmit={(value, rest) => {
								dispatch({type: 'submit', field, value, rest, check: checkField});
							}}
						/>
					</Box>
				);
			})}
		</Frame>
	);
}
