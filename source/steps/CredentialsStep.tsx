import {useState} from 'react';
import {Box, Text} from 'ink';
import Frame, {type FramePosition} from '../components/Frame.js';
import TextField from '../components/TextField.js';
import {applyTypedChunk} from '../components/typed-text.js';
import {useKeyActions} from '../components/use-keys.js';
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
};

type Check = (field: Field, value: string) => FieldCheck | undefined;

/** Enter on a field: held by an error, on to the secret (with what was typed after Enter), or done. */
function submitField(state: State, input: {field: Field; value: string; rest: string; check: Check}): {state: State; done?: Credentials} {
	const {field, value, rest, check} = input;
	const values = {...state.values, [field]: value};
	const blocked = check(field, value)?.level === 'error';
	const tried = {...state.tried, [field]: blocked};
	if (blocked) {
		return {state: {...state, values, tried}};
	}

	if (field === 'clientId') {
		// 'key\rsecret\r' in one chunk: the keys after Enter belong to the secret field.
		const typed = applyTypedChunk(values.clientSecret, values.clientSecret + rest);
		const next: State = {focus: 'clientSecret', values: {...values, clientSecret: typed.value}, tried};
		return typed.submitted ? submitField(next, {field: 'clientSecret', value: typed.value, rest: '', check}) : {state: next};
	}

	return {state: {...state, values, tried}, done: {clientId: values.clientId.trim(), clientSecret: values.clientSecret.trim()}};
}

/** The app's client id and secret, typed or confirmed, the secret masked. Esc goes back a field, then a step. */
export default function CredentialsStep({provider, environment, initial = {}, onSubmit, onBack, position}: Props) {
	const [state, setState] = useState((): State => ({
		focus: 'clientId',
		values: {clientId: initial.clientId?.value ?? '', clientSecret: initial.clientSecret?.value ?? ''},
		tried: {clientId: false, clientSecret: false},
	}));
	const onFirst = state.focus === 'clientId';
	const hints = useKeyActions([{...backHint, label: onFirst ? 'back' : 'previous field', run: () => onFirst ? onBack() : setState({...state, focus: 'clientId'})}]);
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
			hints={[{...continueHint, label: onFirst ? 'next' : 'continue'}, ...hints]}
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
								// The error was about the value Enter was pressed on: an edit clears it until the next Enter.
								setState(current => ({...current, values: {...current.values, [field]: value}, tried: {...current.tried, [field]: false}}));
							}}
							onSubmit={(value, rest) => {
								const submitted = submitField(state, {field, value, rest, check: checkField});
								setState(submitted.state);
								if (submitted.done) {
									onSubmit(submitted.done);
								}
							}}
						/>
					</Box>
				);
			})}
		</Frame>
	);
}
