import type {Environment, GrantKind, ProviderId} from '../providers/index.js';

/** What `login <provider>` and flags fixed before the wizard starts. */
export type WizardStart = {
	readonly provider?: ProviderId;
	readonly environment?: Environment;
	readonly grant?: GrantKind;
	readonly profile: string;
	readonly scopes?: readonly string[];
	readonly redirectUri?: string;
	/** Ask the provider for a fresh sign-in (eBay prompt=login). */
	readonly signInAgain?: boolean;
};
