// The few parts of oidc-provider 9 (no bundled types) that the tests use.
declare module 'oidc-provider' {
	import type {IncomingMessage, ServerResponse} from 'node:http';

	type Client = {grantTypeAllowed(type: string): boolean};
	type InteractionDetails = {
		uid: string;
		prompt: {name: string; details: Record<string, unknown>};
		params: Record<string, unknown>;
		session?: {accountId: string};
		grantId?: string;
	};

	class Grant {
		constructor(properties: {accountId: string; clientId: string});
		addOIDCScope(scope: string): void;
		addOIDCClaims(claims: string[]): void;
		addResourceScope(indicator: string, scope: string): void;
		save(): Promise<string>;
	}

	export default class Provider {
		constructor(issuer: string, configuration: Record<string, unknown> & {
			issueRefreshToken?: (ctx: unknown, client: Client, code: unknown) => Promise<boolean> | boolean;
			findAccount?: (ctx: unknown, sub: string) => Promise<{accountId: string; claims: () => Promise<Record<string, unknown>>}>;
			interactions?: {url: (ctx: unknown, interaction: InteractionDetails) => string};
		});
		Grant: typeof Grant;
		callback(): (request: IncomingMessage, response: ServerResponse) => Promise<void>;
		interactionDetails(request: IncomingMessage, response: ServerResponse): Promise<InteractionDetails>;
		interactionFinished(request: IncomingMessage, response: ServerResponse, result: Record<string, unknown>, options?: {mergeWithLastSubmission?: boolean}): Promise<void>;
	}
}
