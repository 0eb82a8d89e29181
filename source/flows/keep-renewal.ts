import {MktError} from '../errors.js';
import type {HttpClient, HttpResponse} from '../oauth/http.js';
import {isTime} from '../store/config-shape.js';
import type {ConnectionKey, ConnectionStore, GrantRecord, PreparedRenewal} from '../store/types.js';

export type Renewal = {
	/** The client to send the request with: it remembers the answer, in case the answer cannot be used as a whole. */
	readonly http: HttpClient;
	/** For a request that failed: keeps a new refresh token its answer carried anyway, then gives back the error to throw. */
	failed(error: unknown): unknown;
	/** Saves the renewed grant; returns notes for the user (where it was kept when config.json could not be written). */
	save(next: GrantRecord): string[];
};

export type RenewalInput = {
	readonly store: ConnectionStore;
	readonly key: ConnectionKey;
	readonly grant: 'user' | 'app';
	readonly http: HttpClient;
	readonly previous: GrantRecord | undefined;
	readonly providerName: string;
	readonly now: () => number;
};

/** Times the store would refuse (1e308 seconds from now is not a date) become "due now": the next call renews again. */
function keepable(next: GrantRecord, now: number): GrantRecord {
	const {token} = next;
	if (isTime(token.expiresAt) && (token.refreshExpiresAt === undefined || isTime(token.refreshExpiresAt)) && isTime(token.obtainedAt)) {
		return next;
	}

	const {refreshExpiresAt, ...rest} = token;
	return {
		...next,
		token: {...rest, expiresAt: isTime(token.expiresAt) ? token.expiresAt : now, obtainedAt: isTime(token.obtainedAt) ? token.obtainedAt : now, ...(isTime(refreshExpiresAt) ? {refreshExpiresAt} : {})},
	};
}

function rememberingAnswers(http: HttpClient, answers: HttpResponse[]): HttpClient {
	return {
		async postForm(url, options) {
			const response = await http.postForm(url, options);
			answers.push(response);
			return response;
		},
		get: async (url, options) => http.get(url, options),
	};
}

/** A refresh token the provider issued in an answer that could not be used (no access token, a broken field…). */
function issuedRefreshToken(answers: readonly HttpResponse[], previous: GrantRecord | undefined): string | undefined {
	const json = answers.at(-1)?.json as Record<string, unknown> | undefined;
	const answer = answers.at(-1);
	if (!answer || answer.status < 200 || answer.status > 299 || typeof json !== 'object' || json === null) {
		return undefined;
	}

	const token = json.refresh_token;
	return typeof token === 'string' && token !== '' && token !== previous?.token.refreshToken ? token : undefined;
}

/**
 * Holds "a rotating refresh token is never sent unless its successor can be kept":
 * the save is prepared (folder checked, space reserved) before the request, the
 * answer is saved before the access token is handed out, and when config.json
 * cannot be written after the provider answered, the store keeps it in a recovery file.
 */
export function startRenewal(input: RenewalInput): Renewal {
	const {store, key, grant, previous, providerName, now} = input;
	const prepared: PreparedRenewal | undefined = store.prepareRenewal?.(key, grant);
	const answers: HttpResponse[] = [];
	const saveRecord = (next: GrantRecord): string[] => {
		if (!prepared) {
			store.update(key, current => current && {...current, [grant]: next, updatedAt: now()});
			return [];
		}

		const outcome = prepared.commit(keepable(next, now()));
		return outcome.kept === 'config'
			? []
			: [`${providerName} issued new tokens, but ${store.path} could not be written (${outcome.reason}); they are kept in ${outcome.path}, and the next mkt-wizard command that can write the config saves them.`];
	};

	return {
		http: rememberingAnswers(input.http, answers),
		failed(error: unknown): unknown {
			const issued = issuedRefreshToken(answers, previous);
			if (!issued || !previous) {
				prepared?.release();
				return error;
			}

			const at = now();
			saveRecord({...previous, token: {...previous.token, accessToken: '', expiresAt: at, refreshToken: issued, obtainedAt: at}});
			if (!(error instanceof MktError)) {
				return error;
			}

			return new MktError(error.code, error.message, `The new refresh token in ${providerName}'s answer was saved, so nothing is lost: try again later, or report the answer to ${providerName}.`, {
				exitCode: error.exitCode,
				...(error.providerCode === undefined ? {} : {providerCode: error.providerCode}),
				...(error.status === undefined ? {} : {status: error.status}),
				cause: error,
			});
		},
		save: saveRecord,
	};
}
