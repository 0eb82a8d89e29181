import {Text} from 'ink';

export type KeyHint = {
	/** The key as the user types it: `↑↓`, `space`, `enter`, `esc`, `q`. */
	readonly key: string;
	/** What it does, in one or two words. */
	readonly label: string;
};

export type Props = {
	readonly hints: readonly KeyHint[];
};

/** The footer line: `↑↓ move · space toggle · enter continue · esc back`. */
export default function KeyHints({hints}: Props) {
	return (
		<Text dimColor>
			{hints.map(hint => `${hint.key} ${hint.label}`).join(' · ')}
		</Text>
	);
}
