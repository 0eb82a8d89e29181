/** A registered marketplace: `etsy`, `ebay`, or one added with registerProvider. */
export type ProviderId = string;
export type Environment = 'production' | 'sandbox';
/** `user`: authorization code with consent. `app`: client credentials (eBay only). */
export type GrantKind = 'user' | 'app';

/** `limited`: the provider grants it only to some apps (eBay's "limited release"). `withdrawn`: no longer offered. */
export type ScopeStatus = 'current' | 'limited' | 'withdrawn';

export type Scope = {
	readonly name: string;
	/** One line: what the scope lets the app do, in the provider's words where it has them. */
	readonly description: string;
	/** What people type on the command line (eBay: `sell.inventory`). @default name */
	readonly short?: string;
	/** @default 'current' */
	readonly status?: ScopeStatus;
	/** When the provider withdrew it (ISO date), for `withdrawn`. */
	readonly withdrawnOn?: string;
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

/** A JSON (or HTML) page the provider's consent site shows instead of redirecting back. */
export type ConsentErrorPage = {
	/** HTTP status the page comes with. */
	readonly status: number;
	/** The provider's own text on the page, where it is known. */
	readonly text?: string;
	/** Why it happens, most likely first: one sentence. */
	readonly cause: string;
	readonly remedy: string;
};

export type CredentialField = {
	/** What the provider's developer portal calls it. */
	readonly label: string;
	/** Environment variable that supplies it. */
	readonly envVar: string;
	readonly secret: boolean;
	/** A login cannot go on without it. @default true */
	readonly required?: boolean;
};

/** Where a value of a verification answer sits, and which endpoint base the call hangs off. */
export type VerificationCall = {
	/** `api`: Endpoints.apiUrl; `apiz`: Endpoints.apizUrl. */
	readonly base: 'api' | 'apiz';
	/** Path (and query) after the base. */
	readonly path: string;
	/** The answer's field that must be there. */
	readonly field: string;
};

export type Verification = {
	/** Proves the app's keys before any consent (Etsy's ping). */
	readonly appKey?: VerificationCall;
	/** Who a user token belongs to; `field` is the user id. */
	readonly user: VerificationCall & {
		readonly username?: string;
		readonly shopId?: string;
	};
	/** Proves an application token works (eBay's taxonomy call). */
	readonly appToken?: VerificationCall;
};

export type ProviderDefinition = {
	readonly id: ProviderId;
	readonly displayName: string;
	/** One line under the name where a marketplace is chosen. */
	readonly tagline: string;
	readonly environments: readonly Environment[];
	readonly grants: readonly GrantKind[];
	/** Defaults for each environment (an unused environment may repeat another's). */
	readonly endpoints: Readonly<Record<Environment, Endpoints>>;
	/** The environment variable that overrides each endpoint (docs/design.md, "Endpoint overrides"), for staging servers, proxies and tests. */
	readonly endpointOverrides?: Readonly<Partial<Record<keyof Endpoints, string>>>;
	/** With the apiUrl override set and no tokenUrl override, the token endpoint is this path under it (eBay). */
	readonly tokenPathUnderApi?: string;
	/** The calls that prove keys and tokens work. */
	readonly verification: Verification;
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
	/** Scopes for the application (client-credentials) grant; a listed scope not here is user-only. */
	readonly appScopes: readonly string[];
	/** PKCE S256 on the authorization request. */
	readonly pkce: boolean;
	/** How the client authenticates at the token endpoint: none (public client) or HTTP Basic. */
	readonly tokenAuth: 'public' | 'basic';
	/** The refresh response carries a new refresh token that replaces the old one. */
	readonly rotatesRefreshToken: boolean;
	/** Refresh-token lifetime when the provider does not say, in seconds. */
	readonly refreshTokenLifetimeSeconds: number;
	/** Documented access-token lifetime, in seconds: used when `expires_in` is missing or absurd. */
	readonly accessTokenLifetimeSeconds: number;
	/** A header carrying `clientId:clientSecret` (Etsy's x-api-key), and the requests it goes on. */
	readonly apiKeyHeader?: {readonly name: string; readonly on: readonly ('token' | 'api')[]};
	/** The refresh request carries the granted scopes (eBay: optional there, but its own client always sends them). */
	readonly refreshSendsScopes: boolean;
	/** A scope URI not in `scopes` is taken as given (eBay keysets carry scopes no list knows); false: a usage error. */
	readonly acceptsUnlistedScopes: boolean;
	/** A short scope name not in `scopes` expands to `${scopeUriBase}/${short}`. */
	readonly scopeUriBase?: string;
	/** Scopes matching this can never be on an application token, listed or not (eBay: `sell.*`). */
	readonly userOnlyScopePattern?: RegExp;
	/** Authorization parameters that make the provider ask for a fresh sign-in (eBay: prompt=login); absent: unsupported. */
	readonly signInAgainParameters?: Readonly<Record<string, string>>;
	/** Pages the provider shows instead of redirecting when the consent request is bad, by their error id. */
	readonly consentErrorPages?: Readonly<Record<string, ConsentErrorPage>>;
	/** Scope separator in the `scope` parameter. */
	readonly scopeSeparator: ' ';
	/** Provider error codes (`invalid_client`…) explained for this provider. */
	readonly errors: Readonly<Record<string, Explanation>>;
	/** Where the user manages the app: keys, callback URLs, RuNames. */
	readonly portalUrl: string;
	/** The button that grants consent on the provider's page. */
	readonly allowLabel: string;
	/** The text of the page the provider shows instead of redirecting when the redirect URI is not registered. */
	readonly redirectRefusalPage?: string;
	/** Checks of a typed client id that only warn. */
	readonly clientIdChecks?: {
		/** The usual shape, and what to say when it differs. */
		readonly format?: {readonly pattern: RegExp; readonly warning: string};
		/** Markers that tell which environment a client id belongs to (eBay SBX/PRD): a hint, never a reason to refuse. */
		readonly environmentMarkers?: Readonly<Record<Environment, string>>;
	};
	/** The provider's refusal of a consent with invalid_scope names the environment (eBay grants scopes per environment). */
	readonly scopesPerEnvironment?: boolean;
};
