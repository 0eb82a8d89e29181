import {Text} from 'ink';
import Frame, {type FramePosition} from '../components/Frame.js';
import Select, {type SelectItem} from '../components/Select.js';
import {useKeyActions} from '../components/use-keys.js';
import {listProviders} from '../providers/index.js';
import type {ProviderId} from '../providers/types.js';
import {chooseHint, moveHint, quitHint} from './hints.js';

export type Props = {
	/** Chosen on a previous visit of this step. @default 'etsy' */
	readonly initial?: ProviderId;
	readonly onSubmit: (provider: ProviderId) => void;
	/** Esc on the first screen; without it Esc does nothing. */
	readonly onCancel?: () => void;
	/** Header: step n of m. @default {} */
	readonly position?: FramePosition;
};


/** Which marketplace to connect. */
export default function ProviderStep({initial, onSubmit, onCancel, position}: Props) {
	const hints = useKeyActions([onCancel && {key: 'esc', label: 'quit', run: onCancel}]);
	return (
		<Frame title="Choose a marketplace" position={position} hints={[moveHint, chooseHint, ...(onCancel ? hints : [quitHint])]}>
			<Text>Which marketplace should your scripts reach?</Text>
			<Text> </Text>
			<Select items={listProviders().map((provider): SelectItem<ProviderId> => ({value: provider.id, label: provider.displayName, description: provider.tagline}))} initialValue={initial} onSubmit={onSubmit} />
		</Frame>
	);
}
