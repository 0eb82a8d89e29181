import {Box, Text} from 'ink';
import CauseList, {causesThatFit} from '../components/CauseList.js';
import Frame, {type FramePosition, useFrameRoom} from '../components/Frame.js';
import SeenRequests from '../components/SeenRequests.js';
import {wrappedLines} from '../components/terminal-size.js';
import {formatClock} from '../time.js';
import {useKeyActions} from '../components/use-keys.js';
import type {EventLine} from '../flows/describe-event.js';
import type {CallbackEvent} from '../oauth/callback-server.js';
import type {ProviderDefinition} from '../providers/types.js';
import {consentCauses} from './consent-causes.js';
import RegisteredPasteField, {pastePrompt} from './RegisteredPasteField.js';
import {terminalText} from '../terminal-text.js';

export type Props = {
	readonly provider: Pick<ProviderDefinition, 'id' | 'displayName' | 'redirectKind' | 'portalUrl'> & Partial<Pick<ProviderDefinition, 'consentErrorPages'>>;
	/** What the credentials step warned about: blamed first among the causes. */
	readonly credentialsWarning?: string;
	/** The redirect URI (or eBay RuName) sent in the consent URL. */
	readonly redirect: string;
	/** What the callback server saw so far, in words. */
	readonly events: readonly EventLine[];
	/** The same, as the server reported it: decides the likely causes. @default [] */
	readonly seen?: readonly CallbackEvent[];
	readonly elapsedMs: number;
	/** The paste field's text on arrival (coming back from the comparison). @default '' */
	readonly initialPasted?: string;
	/** Enter on the paste field: the text as typed. */
	readonly onCompare: (pasted: string) => void;
	/** Esc: back to waiting for consent. */
	readonly onBack: () => void;
	/** Header: provider and step n of m. @default {} */
	readonly position?: FramePosition;
};

/** From the consent screen's t: what was sent, what the callback server saw, why, and a field for the registered URI. */
export default function TroubleshootStep(props: Props) {
	const {provider, redirect, events, seen = [], elapsedMs, position} = props;
	const hints = [{key: 'enter', label: 'compare'}, ...useKeyActions([{key: 'esc', label: 'back to waiting', run: props.onBack}])];
	const causes = consentCauses({provider, redirect, seen, live: true, ...(props.credentialsWarning ? {credentialsWarning: props.credentialsWarning} : {})});
	const listening = provider.redirectKind === 'loopback-url';
	const room = useFrameRoom(hints);
	// A short terminal lists fewer requests and causes; the paste field below them always shows.
	const seenLimit = room.rows >= 20 ? 5 : 2;
	const sent = `Sent as redirect URI: ${terminalText(redirect)}`;
	const pasteRows = 1 + wrappedLines(pastePrompt(provider), room.width) + 3;
	const seenRows = listening ? 2 + Math.min(events.length, seenLimit) : 2;
	const causeLimit = causesThatFit(causes, room.rows - wrappedLines(sent, room.width) - seenRows - 1 - pasteRows, room.width);
	return (
		<Frame title="Troubleshooting the redirect" position={position} hints={hints}>
			<Text>{sent}</Text>
			{listening
				? <SeenRequests events={events} limit={seenLimit} lead={`Waiting for ${formatClock(elapsedMs)}; the callback server saw`} />
				: <Text>{`Waiting for ${formatClock(elapsedMs)}; the code comes back by paste (p on the consent screen).`}</Text>}
			<Box marginTop={1}>
				<CauseList causes={causes} limit={causeLimit} />
			</Box>
			<RegisteredPasteField provider={provider} {...(props.initialPasted ? {initial: props.initialPasted} : {})} onCompare={props.onCompare} />
		</Frame>
	);
}
