import type {Environment, ProviderId} from '../providers/types.js';

/** Tokens as saved: absolute times in epoch milliseconds. */
export type TokenSet = {
	readonly accessToken: string;
	readonly tokenType: string;
	readonly expiresAt: number;
	readonly refreshToken?: string;
	readonly refreshExpiresAt?: number;
	readonly obtainedAt: number;
};

/** Who the token belongs to, from the verification call. */
export type Identity = {
	/** Etsy user_id; eBay userId (immutable). */
	readonly userId: string;
	/** eBay username. */
	readonly username?: string;
	/** Etsy shop_id. */
	readonly shopId?: string;
};

/** One grant's result: user (consent) or app (client credentials). */
export type GrantRecord = {
	readonly scopes: readonly string[];
	readonly token: TokenSet;
	readonly identity?: Identity;
	readonly verifiedAt: number;
};

/** Everything saved for one provider, profile and environment. */
export type Connection = {
	readonly provider: ProviderId;
	readonly environment: Environment;
	readonly clientId: string;
	/** Etsy shared secret or eBay Cert ID. */
	readonly clientSecret?: string;
	/** Etsy callback URL or eBay RuName. */
	readonly redirect?: string;
	readonly user?: GrantRecord;
	readonly app?: GrantRecord;
	readonly updatedAt: number;
};

export type ConnectionKey = {
	readonly provider: ProviderId;
	readonly profile: string;
	/** Always 'production' for Etsy. */
	readonly environment: Environment;
};

export type StoredConnection = {
	readonly key: ConnectionKey;
	readonly connection: Connection;
};

export type LockOptions = {
	/** Give up waiting for another process's lock after this long. @default 30000 */
	readonly timeoutMs?: number;
	/** A lock older than this whose owner cannot be confirmed alive is taken over. @default 15000 */
	readonly staleMs?: number;
	/** The one connection the task reads and writes: a store that can (PostgreSQL) locks only it. */
	readonly key?: ConnectionKey;
};

/**
 * The only code that touches the config file. Every write is atomic; writes
 * that read-modify-write happen inside withLock so parallel processes never
 * lose each other's updates.
 */
export type ConnectionStore = {
	/** Full path of config.json. */
	readonly path: string;
	/** Where the connections are kept, for people, when not in config.json: `PostgreSQL at host:port/db`. */
	readonly location?: string;
	get(key: ConnectionKey): Connection | undefined;
	list(): StoredConnection[];
	/** Read-modify-write of one connection; `undefined` from `change` deletes it. Returns the saved value. */
	update(key: ConnectionKey, change: (current: Connection | undefined) => Connection | undefined): Connection | undefined;
	/** Deletes one connection; true when something was deleted. */
	remove(key: ConnectionKey): boolean;
	/** Runs `task` holding the cross-process lock that sits beside the config file. */
	withLock<T>(task: () => Promise<T>, options?: LockOptions): Promise<T>;
	/** Ends what the store holds open (a database session). */
	close?(): Promise<void>;
};
