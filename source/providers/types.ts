export type ProviderId = 'etsy' | 'ebay';
export type Environment = 'production' | 'sandbox';
/** `user`: authorization code with consent. `app`: client credentials (eBay only). */
export type GrantKind = 'user' | 'app';

export type Scope = {
	readonly name: string;
	/** One line: what the scope lets the app do. */
	readonly description: string;
};

export type Endpoints = {
	/** Browser consent page. */
	readonly authorizeUrl: string;
	/** Token endpoint for every grant. */
	readonly tokenUrl: string;
	/** REST base: Etsy `…/v3`, eBay `https://api.ebay.com`. */
	readonly apiUrl: string;
	/** eBay identity host base (`https://apiz.ebay.com`); unused for Etsy. */
	readonly apizUrl: string;
};

/** One sentence of cause and one of remedy. */
export type Explanation = {
	readonly message: string;
	readonly remedy: string;
};

export type CredentialField = {
	/** What the provider's developer portal calls it. */
	readonly label: string;
	/** Environment variable that supplies it. */
	readonly envVar: string;
	readonly secret: boolean;
};

export type ProviderDefinition = {
	readonly id: ProviderId;
	readonly displayName: string;
	readonly environments: readonly Environment[];
	readonly grants: readonly GrantKind[];
	/** Defaults for each environment; `MKT_WIZARD_*` variables override them (see providers/endpoints.ts). */
	readonly endpoints: Readonly<Record<Environment, Endpoints>>;
	readonly credentials: {
		readonly clientId: CredentialField;
		readonly clientSecret: CredentialField;
		/** Etsy: the loopback redirect URL. eBay: the RuName. */
		readonly redirect: CredentialField;
	};
	/** What `redirect_uri` holds: a loopback URL the CLI listens on, or an eBay RuName. */
	readonly redirectKind: 'loopback-url' | 'runame';
	/** Default redirect value offered to a first-time user. */
	readonly defaultRedirect: string | undefined;
	readonly scopes: readonly Scope[];
	/** Least-privilege preset offered on first run (user grant). */
	readonly defaultScopes: readonly string[];
	/** Scopes the verification call needs; always requested for the user grant. */
	readonly verificationScopes: readonly string[];
	/** Scopes for the application (client-credentials) grant. */
	readonly appScopes: readonly string[];
	/** PKCE S256 on the authorization request. */
	readonly pkce: boolean;
	/** How the client authenticates at the token endpoint: none (public client) or HTTP Basic. */
	readonly tokenAuth: 'public' | 'basic';
	/** The refresh response carries a new refresh token that replaces the old one. */
	readonly rotatesRefreshToken: boolean;
	/** Refresh-token lifetime when the provider does not say, in seconds. */
	readonly refreshTokenLifetimeSeconds: number;
	/** Scope separator in the `scope` parameter. */
	readonly scopeSeparator: ' ';
	/** Provider error codes (`invalid_client`…) explained for this provider. */
	readonly errors: Readonly<Record<string, Explanation>>;
	/** Where the user manages the app: keys, callback URLs, RuNames. */
	readonly portalUrl: string;
};
