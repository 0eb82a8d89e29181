import {useReducer} from 'react';
import {Box, Text} from 'ink';
import CauseList, {causesThatFit} from '../components/CauseList.js';
import Frame, {type FramePosition, useFrameRoom} from '../components/Frame.js';
import SeenRequests from '../components/SeenRequests.js';
import {wrappedLines} from '../components/terminal-size.js';
import {formatClock} from '../time.js';
import {useEscape} from '../components/use-keys.js';
import {useOutbox} from '../components/use-outbox.js';
import type {EventLine} from '../flows/describe-event.js';
import type {CallbackEvent} from '../oauth/callback-server.js';
import type {ProviderDefinition} from '../providers/types.js';
import {consentCauses} from './consent-causes.js';
import RegisteredPasteField, {type PasteAction, pastePrompt, reducePaste} from './RegisteredPasteField.js';
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

type State = {
	readonly pasted: string;
	readonly empty: boolean;
	readonly outbox: ReadonlyArray<{type: 'compare'; text: string} | {type: 'back'}>;
};

type Action = PasteAction | {type: 'escape'};

function reduce(state: State, action: Action): State {
	return action.type === 'escape' ? {...state, outbox: [{type: 'back'}]} : reducePaste(state, action);
}

/** From the consent screen's t: what was sent, what the callback server saw, why, and a field for the registered URI. */
export default function TroubleshootStep(props: Props) {
	const {provider, redirect, events, seen = [], elapsedMs, position} = props;
	const [state, dispatch] = useReducer(reduce, undefined, (): State => ({pasted: props.initialPasted ?? '', empty: false, outbox: []}));
	useEscape(() => {
		dispatch({type: 'escape'});
	});
	useOutbox(state.outbox, message => {
		if (message.type === 'compare') {
			props.onCompare(message.text);
		} else {
			props.onBack();
		}
	});
	const causes = consentCauses({provider, redirect, seen, live: true, ...(props.credentialsWarning ? {credentialsWarning: props.credentialsWarning} : {})});
	const listening = provider.redirectKind === 'loopback-url';
	const hints = [{key: 'enter', label: 'compare'}, {key: 'esc', label: 'back to waiting'}];
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
			<RegisteredPasteField provider={provider} pasted={state.pasted} empty={state.empty} dispatch={dispatch} />
		</Frame>
	);
}
