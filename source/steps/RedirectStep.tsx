import {useState} from 'react';
import {Box, Text} from 'ink';
import Frame, {type FramePosition} from '../components/Frame.js';
import TextField from '../components/TextField.js';
import {useKeyActions} from '../components/use-keys.js';
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
	const [value, setValue] = useState(initial?.value ?? provider.defaultRedirect ?? '');
	// Enter was pressed on this value: from then on its error shows.
	const [tried, setTried] = useState(false);
	const hints = useKeyActions([{...backHint, run: onBack}]);
	const check = checkRedirect(provider, value);
	const field = provider.credentials.redirect;
	const title = provider.redirectKind === 'loopback-url' ? 'Redirect URI' : 'RuName';
	return (
		<Frame title={title} position={position} hints={[continueHint, ...hints]}>
			<Explanation provider={provider} />
			<Box marginTop={1}>
				<TextField
					label={field.label}
					value={value}
					hint={prefillHint(field, initial, value)}
					error={check?.level === 'error' && tried ? check.text : undefined}
					warning={check?.level === 'warning' ? check.text : undefined}
					onChange={changed => {
						// The error was about the value Enter was pressed on: an edit clears it until the next Enter.
						setValue(changed);
						setTried(false);
					}}
					onSubmit={submitted => {
						setValue(submitted);
						if (checkRedirect(provider, submitted)?.level === 'error') {
							setTried(true);
						} else {
							onSubmit(submitted.trim());
						}
					}}
				/>
			</Box>
		</Frame>
	);
}
