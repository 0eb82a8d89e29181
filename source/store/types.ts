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

/** A saved connection (or a whole profile, when `key` is absent) that does not have the shape mkt-wizard writes: never used, never rewritten. */
export type DamagedConnection = {
	readonly profile: string;
	readonly key?: ConnectionKey;
	/** Completes "The saved … connection …"; never quotes the file's values. */
	readonly problem: string;
};

/** Where a renewed grant ended up. */
export type RenewalOutcome =
	| {readonly kept: 'config'}
	/** config.json could not be written (`reason`); the grant waits in `path` for the next run that can. */
	| {readonly kept: 'recovery'; readonly path: string; readonly reason: string};

/** The save of a renewed grant, prepared (space reserved, folder checked) before the provider is asked. */
export type PreparedRenewal = {
	/** Saves it; throws an MktError (`renewal_not_saved`) only when it could be kept nowhere. */
	commit(next: GrantRecord): RenewalOutcome;
	/** Gives the prepared space back (nothing was sent, or the provider refused). Never throws. */
	release(): void;
};

export type LockOptions = {
	/** Give up waiting for another process's lock after this long. @default 30000 */
	readonly timeoutMs?: number;
	/** Called once when a live process on this host holds the lock without touching it for staleMs (stopped, suspended), with its pid. */
	readonly onWait?: (holderPid: number) => void;
	/** A lock from another host untouched for this long is taken over (one from this host only when its process is dead). @default 15000 */
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
	/** Connections that cannot be used as saved; get() throws for them, list() leaves them out. */
	damaged?(): DamagedConnection[];
	/**
	 * Inside withLock, before a refresh or mint: makes sure the answer can be kept,
	 * so a rotating refresh token is never sent unless its successor can be saved.
	 * Throws an MktError when it cannot (nothing has been sent then).
	 */
	prepareRenewal?(key: ConnectionKey, grant: 'user' | 'app'): PreparedRenewal;
	/** Throws an MktError when the store cannot be written now: a login checks this before the browser step. */
	checkWritable?(): void;
};
