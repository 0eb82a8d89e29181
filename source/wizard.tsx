import type {ParsedArgs} from './args.js';
import {MktError} from './errors.js';
import type {Io} from './io.js';

// Replaced by the Ink wizard (issue 4); until then the wizard says so plainly.
export async function runWizard(_options: {args: ParsedArgs; io: Io}): Promise<number> {
	throw new MktError('no_wizard', 'The interactive wizard is not in this build yet.', 'Use `mkt-wizard login etsy|ebay --yes` with environment variables.', {exitCode: 2});
}
