import {Text} from 'ink';
import Frame, {type FramePosition} from '../components/Frame.js';
import Select, {type SelectItem} from '../components/Select.js';
import {useKeyActions} from '../components/use-keys.js';
import type {Environment} from '../providers/types.js';
import {backHint, chooseHint, moveHint} from './hints.js';

export type Props = {
	/** @default 'production' */
	readonly initial?: Environment;
	readonly onSubmit: (environment: Environment) => void;
	readonly onBack: () => void;
	/** Header: provider and step n of m. @default {} */
	readonly position?: FramePosition;
};

const items: ReadonlyArray<SelectItem<Environment>> = [
	{value: 'production', label: 'Production', description: 'real listings and orders; App IDs contain PRD'},
	{value: 'sandbox', label: 'Sandbox', description: 'the test site; App IDs contain SBX'},
];

/** eBay only: production or sandbox, each with its own keys. */
export default function EnvironmentStep({initial, onSubmit, onBack, position}: Props) {
	const hints = useKeyActions([{...backHint, run: onBack}]);
	return (
		<Frame title="Environment" position={position} hints={[moveHint, chooseHint, ...hints]}>
			<Text>Which eBay environment? Each has its own keyset.</Text>
			<Text> </Text>
			<Select items={items} initialValue={initial} onSubmit={onSubmit} />
		</Frame>
	);
}
