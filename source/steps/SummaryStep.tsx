import {Box, Text} from 'ink';
import Frame, {type FramePosition} from '../components/Frame.js';
import Message from '../components/Message.js';
import {formatExpiry} from '../time.js';
import {useKeyActions} from '../components/use-keys.js';
import {tokenCommand} from '../flows/commands-text.js';
import {describeIdentity} from '../flows/describe-identity.js';
import type {Environment, GrantKind, ProviderDefinition} from '../providers/types.js';
import type {Identity} from '../store/types.js';
import {shortScopeName} from './scope-names.js';
import {terminalText} from '../terminal-text.js';

export type Props = {
	readonly provider: ProviderDefinition;
	readonly environment: Environment;
	readonly profile: string;
	/** Full path of the config file the connection was saved to. */
	readonly configPath: string;
	/** @default 'user' */
	readonly grant?: GrantKind;
	/** Who the token belongs to, from the verification call; none for an application token. */
	readonly identity?: Identity;
	readonly scopes: readonly string[];
	/** Epoch ms. */
	readonly accessExpiresAt: number;
	/** Epoch ms, when there is a refresh token. */
	readonly refreshExpiresAt?: number;
	/** Epoch ms, for "in 59 min". */
	readonly now: number;
	/** q or Enter. */
	readonly onQuit: () => void;
	/** The demo: its config folder is deleted when it ends, so it says so and how a real login is used. @default false */
	readonly throwaway?: boolean;
	/** Header: provider and step n of m. @default {} */
	readonly position?: FramePosition;
};

const lineLimit = 76;

/** The library call, on one line when it fits. */
function libraryLines({provider, environment, profile, grant}: Pick<Props, 'provider' | 'environment' | 'profile' | 'grant'>): string[] {
	const options: string[] = [];
	if (profile !== 'default') {
		options.push(`profile: '${profile}'`);
	}

	if (provider.environments.length > 1 && environment !== 'production') {
		options.push(`environment: '${environment}'`);
	}

	if (grant === 'app') {
		options.push("grant: 'app'");
	}

	const importLine = "import {getAccessToken} from 'mkt-wizard';";
	const callLine = `await getAccessToken('${provider.id}'${options.length > 0 ? `, {${options.join(', ')}}` : ''})`;
	const oneLine = `${importLine} ${callLine}`;
	return oneLine.length <= lineLimit ? [oneLine] : [importLine, callLine];
}

function headline({provider, environment, grant, identity}: Pick<Props, 'provider' | 'environment' | 'grant' | 'identity'>): string {
	const where = provider.environments.length > 1 ? ` (${environment})` : '';
	if (grant === 'app') {
		return `${provider.displayName}${where} application token obtained`;
	}

	return `Connected to ${provider.displayName}${where} as ${describeIdentity(provider.id, identity)}`;
}


/** Saved: who, where, which scopes, when the tokens expire, and how to use them. q quits. */
export default function SummaryStep(props: Props) {
	const {provider, environment, profile, configPath, grant = 'user', scopes, accessExpiresAt, refreshExpiresAt, now, onQuit, position, throwaway = false} = props;
	const hints = useKeyActions([{key: 'q', label: 'quit', run: onQuit}, {key: 'enter', label: 'quit', run: onQuit, hint: false}]);
	const command = tokenCommand({provider: provider.id, profile, environment}, grant);
	return (
		<Frame title="Done" position={position} hints={hints}>
			<Message tone="success">{headline({...props, grant})}</Message>
			<Box flexDirection="column" marginLeft={2}>
				<Text>{throwaway ? 'saved to the demo\'s throw-away config folder, deleted when the demo ends' : terminalText(`saved to ${configPath}${profile === 'default' ? '' : ` (profile ${profile})`}`)}</Text>
				<Text>{terminalText(`scopes: ${scopes.map(name => shortScopeName(provider, name)).join(', ')}`)}</Text>
				<Text>{`access token expires ${formatExpiry(accessExpiresAt, now)}`}</Text>
				{refreshExpiresAt === undefined ? null : <Text>{`refresh token expires ${formatExpiry(refreshExpiresAt, now)}`}</Text>}
			</Box>
			<Box flexDirection="column" marginTop={1}>
				<Text bold>{throwaway ? 'After a real login (mkt-wizard without --demo), use it:' : 'Use it:'}</Text>
				<Text>{`  ${command}`}</Text>
				{libraryLines({provider, environment, profile, grant}).map(line => <Text key={line}>{`  ${line}`}</Text>)}
			</Box>
		</Frame>
	);
}
