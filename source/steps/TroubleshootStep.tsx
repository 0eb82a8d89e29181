import {Box, Text} from 'ink';
import Frame, {type FramePosition} from '../components/Frame.js';
import Message from '../components/Message.js';
import {formatClock} from '../components/time.js';
import {useKeys} from '../components/use-keys.js';
import type {EventLine} from '../flows/describe-event.js';

export type Props = {
	/** Marketplace display name. */
	readonly providerName: string;
	/** The redirect URI (or eBay RuName) sent in the consent URL. */
	readonly redirect: string;
	/** What the callback server saw so far. */
	readonly events: readonly EventLine[];
	readonly elapsedMs: number;
	/** The code comes back pasted (eBay), so nothing is expected on loopback. */
	readonly pasted: boolean;
	/** Esc: back to waiting for consent. */
	readonly onBack: () => void;
};

/** Likely causes, most likely first, given what reached the callback server. */
export function likelyCauses(props: Pick<Props, 'providerName' | 'redirect' | 'events' | 'pasted'>): string[] {
	const seen = props.events.filter(event => event.text !== 'browser reached the callback');
	if (props.pasted) {
		return [
			`After you agree, ${props.providerName} sends the browser to the accept URL of the RuName ${props.redirect}: copy the whole address of that page and press p to paste it.`,
			'A page saying the input parameters are invalid means the RuName does not belong to this App ID or environment: check --env and the RuName.',
		];
	}

	if (seen.some(event => event.text.startsWith('wrong path'))) {
		return [`The browser came back to this machine but to another path than ${props.redirect}: the callback URL registered at ${props.providerName} differs from the one sent. Register exactly ${props.redirect}, or re-run with --redirect-uri set to the registered one.`];
	}

	if (seen.some(event => event.text.startsWith('state did not match'))) {
		return ['A callback arrived with a state this run did not issue: an old browser tab from an earlier attempt. Close it and use the URL shown now (press c).'];
	}

	return [
		`Nothing reached ${props.redirect}. If ${props.providerName} showed "The requested redirect URL is not permitted", the callback URL registered for the app differs from ${props.redirect} by at least one character (localhost vs 127.0.0.1, the port, a trailing /, http vs https): register exactly this one.`,
		'If the consent page is still open, finish it: choose Allow.',
		'If the browser runs on another machine (SSH, a container), it cannot reach this one: press p and paste the address it ended on.',
	];
}

/** What the callback server saw and what to check, from the consent screen's t key. */
export default function TroubleshootStep(props: Props) {
	useKeys(keys => {
		if (keys.some(key => key.name === 'escape')) {
			props.onBack();
		}
	});
	const causes = likelyCauses(props);
	return (
		<Frame title="Troubleshooting the redirect" hints={[{key: 'esc', label: 'back to waiting'}]}>
			<Text>{`Sent as redirect URI: ${props.redirect}`}</Text>
			<Text>{`Waiting for ${formatClock(props.elapsedMs)}; the callback server saw ${props.events.length === 0 ? 'nothing yet' : 'this'}:`}</Text>
			<Box flexDirection="column" marginLeft={2}>
				{props.events.map((event, index) => (
					// eslint-disable-next-line react/no-array-index-key -- the log only grows
					<Message key={index} tone={event.tone === 'warn' ? 'warning' : event.tone}>{event.text}</Message>
				))}
			</Box>
			<Box marginTop={1} flexDirection="column">
				<Text bold>Likely causes, most likely first</Text>
				{causes.map((cause, index) => <Text key={cause}>{`${index + 1}. ${cause}`}</Text>)}
			</Box>
		</Frame>
	);
}
