import {Box, Text} from 'ink';
import CharacterDiff from '../components/CharacterDiff.js';
import Frame, {type FramePosition} from '../components/Frame.js';
import Message from '../components/Message.js';
import {useKeyActions} from '../components/use-keys.js';
import type {ProviderDefinition} from '../providers/types.js';
import type {PortBusy} from '../wizard/state.js';
import {terminalText} from '../terminal-text.js';

export type Props = {
	readonly provider: Pick<ProviderDefinition, 'displayName' | 'portalUrl'>;
	/** The failure in one sentence (the MktError message: port and address). */
	readonly message: string;
	/** The redirect URI whose port is taken. */
	readonly redirect: string;
	readonly busy: PortBusy;
	/** A line from the caller, e.g. after c. */
	readonly notice?: string;
	/** u: consent again with `busy.alternative`. */
	readonly onUseAlternative: (redirect: string) => void;
	/** c: copy the alternative, to register it. */
	readonly onCopy?: (redirect: string) => void;
	/** r: try the same port again (after stopping the other program). */
	readonly onRetry: () => void;
	/** Esc: back to the redirect URI. */
	readonly onBack: () => void;
	readonly onQuit: () => void;
	/** Header: provider and step n of m. @default {} */
	readonly position?: FramePosition;
};

function portOf(redirect: string): string {
	try {
		return new URL(redirect).port;
	} catch {
		return '';
	}
}

/** Who holds the port and, never silently, another port with the reminder that the registration must change too. */
export default function PortBusyStep(props: Props) {
	const {provider, message, redirect, busy, notice, position} = props;
	const {alternative, owner} = busy;
	const {onCopy} = props;
	const otherPort = alternative ? portOf(alternative) : '';
	const hints = useKeyActions([
		alternative ? {key: 'u', label: `use port ${otherPort}`, run: () => props.onUseAlternative(alternative)} : undefined,
		alternative && onCopy ? {key: 'c', label: 'copy the new URI', run: () => onCopy(alternative)} : undefined,
		{key: 'r', label: 'retry this port', run: props.onRetry},
		{key: 'esc', label: 'back', run: props.onBack},
		{key: 'q', label: 'quit', run: props.onQuit},
	]);
	return (
		<Frame title={`Port ${busy.port} is in use`} position={position} hints={hints}>
			<Message tone="error">{message}</Message>
			<Box marginLeft={2} flexDirection="column">
				{owner
					? <Text>{`Held by process ${owner.pid}: ${terminalText(owner.command)}`}</Text>
					: <Text>{`The system does not say which program holds it (another user's, or not Linux: try \`lsof -i :${busy.port}\`).`}</Text>}
			</Box>
			<Box marginTop={1} flexDirection="column">
				<Text>{`Stop that program and press r, or use another port${alternative ? '' : ' in the redirect URI (Esc)'}.`}</Text>
				{alternative
					? (
						<Box marginTop={1} flexDirection="column">
							<Text>{`Port ${otherPort} is free:`}</Text>
							<CharacterDiff from={redirect} to={alternative} labels={{from: 'now', to: 'new'}} legend="[-…-] the busy port · {+…+} the free one" />
							<Box marginTop={1}>
								<Message tone="warning">{`The registered redirect URI must change too: register exactly ${alternative} at ${provider.portalUrl} before you press u, or ${provider.displayName} will refuse it.`}</Message>
							</Box>
						</Box>
					)
					: null}
			</Box>
			{notice ? <Box marginTop={1}><Message tone="info">{notice}</Message></Box> : null}
		</Frame>
	);
}
