type Environ = Readonly<Record<string, string | undefined>>;

/**
 * NO_COLOR (no-color.org): a non-empty value turns colour off. Ink 6.8 and
 * chalk 5 do not read it, so every colour the wizard uses passes through
 * here; bold, dim and the symbols stay, so nothing is lost.
 */
export function paint(color: string, env: Environ = process.env): string | undefined {
	return env.NO_COLOR ? undefined : color;
}
