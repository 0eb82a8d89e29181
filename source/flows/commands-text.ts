import {namesEnvironment} from '../providers/index.js';
import type {GrantKind} from '../providers/types.js';
import type {ConnectionKey} from '../store/types.js';

function flags(key: ConnectionKey): string {
	let text = '';
	if (namesEnvironment(key.provider) && key.environment !== 'production') {
		text += ` --env ${key.environment}`;
	}

	if (key.profile !== 'default') {
		text += ` --profile ${key.profile}`;
	}

	return text;
}

/** The exact command that logs this connection in again, for remedies. */
export function loginCommand(key: ConnectionKey, grant?: GrantKind): string {
	return `mkt-wizard login ${key.provider}${grant === 'app' ? ' --grant app' : ''}${flags(key)}`;
}

/** The exact command that prints this connection's token. */
export function tokenCommand(key: ConnectionKey, grant?: GrantKind): string {
	return `mkt-wizard token ${key.provider}${grant === 'app' ? ' --grant app' : ''}${flags(key)}`;
}
