import {Text} from 'ink';
import Frame, {type FramePosition} from '../components/Frame.js';
import Select, {type SelectItem} from '../components/Select.js';
import {useKeyActions} from '../components/use-keys.js';
import type {GrantKind} from '../providers/types.js';
import {backHint, chooseHint, moveHint} from './hints.js';

export type Props = {
	/** @default 'user' */
	readonly initial?: GrantKind;
	readonly onSubmit: (grant: GrantKind) => void;
	readonly onBack: () => void;
	/** Header: provider and step n of m. @default {} */
	readonly position?: FramePosition;
};

const items: ReadonlyArray<SelectItem<GrantKind>> = [
	{value: 'user', label: 'User token', description: 'sign in and consent as a seller: inventory, orders'},
	{value: 'app', label: 'Application token', description: 'client credentials, no sign-in: public data'},
];

/** eBay only: a user token (consent in the browser) or an application token (client credentials). */
export default function GrantStep({initial, onSubmit, onBack, position}: Props) {
	const hints = useKeyActions([{...backHint, run: onBack}]);
	return (
		<Frame title="Token type" position={position} hints={[moveHint, chooseHint, ...hints]}>
			<Text>Act for a seller, or only read public data?</Text>
			<Text> </Text>
			<Select items={items} initialValue={initial} onSubmit={onSubmit} />
		</Frame>
	);
}
