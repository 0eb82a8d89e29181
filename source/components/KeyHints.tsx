import {Box, Text} from 'ink';

export type KeyHint = {
	/** The key as the user types it: `↑↓`, `space`, `enter`, `esc`, `q`. */
	readonly key: string;
	/** What it does, in one or two words. */
	readonly label: string;
};

export type Props = {
	readonly hints: readonly KeyHint[];
};

/** The footer: `↑↓ move · space toggle · enter continue · esc back`, wrapping only between hints. */
export default function KeyHints({hints}: Props) {
	return (
		<Box flexWrap="wrap">
			{hints.map((hint, index) => (
				<Text key={`${hint.key} ${hint.label}`} dimColor>
					{`${hint.key} ${hint.label}${index < hints.length - 1 ? ' · ' : ''}`}
				</Text>
			))}
		</Box>
	);
}
