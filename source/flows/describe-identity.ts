import {getProvider} from '../providers/index.js';
import type {ProviderId} from '../providers/types.js';
import type {Identity} from '../store/types.js';
import {terminalText} from '../terminal-text.js';

/** "user 12345678 (shop 87654321)" or "demo_ebay_seller (user ID …)". */
export function describeIdentity(provider: ProviderId, identity: Identity | undefined): string {
	if (!identity) {
		return 'an unverified account';
	}

	// The provider's words: shown in the terminal only made safe.
	if (getProvider(provider).verification.user.shopId) {
		return terminalText(`user ${identity.userId}${identity.shopId ? ` (shop ${identity.shopId})` : ' (no shop)'}`);
	}

	return terminalText(identity.username ? `${identity.username} (user ID ${identity.userId})` : `user ID ${identity.userId}`);
}
