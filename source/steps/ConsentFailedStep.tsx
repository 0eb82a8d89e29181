import {Box, Text} from 'ink';
import CauseList from '../components/CauseList.js';
import Frame, {type FramePosition} from '../components/Frame.js';
import Message from '../components/Message.js';
import SeenRequests from '../components/SeenRequests.js';
import {useKeyActions} from '../components/use-keys.js';
import type {EventLine} from '../flows/describe-event.js';
import type {CallbackEvent} from '../oauth/callback-server.js';
import type {ProviderDefinition} from '../providers/types.js';
import {consentCauses} from './consent-causes.js';
import {terminalText} from '../terminal-text.js';

export type Props = {
	readonly provider: Pick<ProviderDefinition, 'id' | 'displayName' | 'redirectKind' | 'portalUrl'> & Partial<Pick<ProviderDefinition, 'consentErrorPages'>>;
	/** What the credentials step warned about: blamed first among the causes. */
	readonly credentialsWarning?: string;
	/** The redirect URI (or eBay RuName) that was sent. */
	readonly redirect: string;
	/** @default 'No callback arrived' */
	readonly title?: string;
	/** The failure in one sentence (the MktError message). */
	readonly message: string;
	/** What the callback server saw, in words. */
	readonly events: readonly EventLine[];
	/** The same, as the server reported it: decides the likely causes. @default [] */
	readonly seen?: readonly CallbackEvent[];
	/** r: consent again. */
	readonly onRetry: () => void;
	/** Enter: compare the redirect URI with the registered one; the hint shows only when given. */
	readonly onCompare?: () => void;
	/** Esc: back to the input most likely to fix it. */
	readonly onBack: () => void;
	/** q. */
	readonly onQuit: () => void;
	/** Header: provider and step n of m. @default {} */
	readonly position?: FramePosition;
};

/** The consent is over without a code (time-out, a provider error=): what the server saw, why, most likely first. */
export default function ConsentFailedStep(props: Props) {
	const {provider, redirect, title = 'No callback arrived', message, events, seen = [], onRetry, onCompare, onBack, onQuit, position} = props;
	const hints = useKeyActions([
		{key: 'r', label: 'retry', run: onRetry},
		onCompare && {key: 'enter', label: 'compare with the registered URI', run: onCompare},
		{key: 'esc', label: 'back', run: onBack},
		{key: 'q', label: 'quit', run: onQuit},
	]);
	return (
		<Frame title={title} position={position} hints={hints}>
			<Message tone="error">{message}</Message>
			<Box marginTop={1}>
				{provider.redirectKind === 'loopback-url' && events.length > 0
					? <SeenRequests events={events} lead={`Sent ${terminalText(redirect)}; the callback server saw`} />
					: <Text>{`Sent as redirect URI: ${terminalText(redirect)}`}</Text>}
			</Box>
			<Box marginTop={1}>
				<CauseList causes={consentCauses({provider, redirect, seen, live: false, ...(props.credentialsWarning ? {credentialsWarning: props.credentialsWarning} : {})})} />
			</Box>
		</Frame>
	);
}
