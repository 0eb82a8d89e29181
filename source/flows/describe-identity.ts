import type {ProviderId} from '../providers/types.js';
import type {Identity} from '../store/types.js';

/** "user 12345678 (shop 87654321)" or "demo_ebay_seller (user ID …)". */
export function describeIdentity(provider: ProviderId, identity: Identity | undefined): string {
	if (!identity) {
		return 'an unverified account';
	}

	if (provider === 'etsy') {
		return `user ${identity.userId}${identity.shopId ? ` (shop ${identity.shopId})` : ' (no shop)'}`;
	}

	return identity.username ? `${identity.username} (user ID ${identity.userId})` : `user ID ${identity.userId}`;
}
