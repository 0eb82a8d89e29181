import {useState} from 'react';
import {Box, Text} from 'ink';
import TextField from '../components/TextField.js';
import type {ProviderDefinition} from '../providers/types.js';

type Provider = Pick<ProviderDefinition, 'displayName' | 'redirectKind' | 'portalUrl'>;

export type Props = {
	readonly provider: Provider;
	/** The field's text on arrival. @default '' */
	readonly initial?: string;
	/** Enter with something pasted: the text as typed. */
	readonly onCompare: (pasted: string) => void;
};

/** What the registered value is called, and where the user finds it. */
export function pastePrompt(provider: Provider): string {
	return provider.redirectKind === 'loopback-url'
		? `Paste the callback URL from your app settings, or the address bar of ${provider.displayName}'s error page:`
		: `Paste the RuName listed under User Tokens at ${provider.portalUrl} for this keyset:`;
}

/** The prompt and the field for the registered redirect URI (or RuName); Enter on an empty field says so. */
export default function RegisteredPasteField({provider, initial = '', onCompare}: Props) {
	const [pasted, setPasted] = useState(initial);
	const [empty, setEmpty] = useState(false);
	return (
		<Box marginTop={1} flexDirection="column">
			<Text>{pastePrompt(provider)}</Text>
			<TextField
				label={provider.redirectKind === 'loopback-url' ? 'Registered redirect URI' : 'Registered RuName'}
				value={pasted}
				error={empty ? 'Nothing pasted yet.' : undefined}
				onChange={value => {
					setPasted(value);
					setEmpty(false);
				}}
				onSubmit={value => {
					if (value.trim() === '') {
						setEmpty(true);
					} else {
						onCompare(value);
					}
				}}
			/>
		</Box>
	);
}
