import fs from './node-fs.js';
import {MktError} from '../errors.js';
import {errorCode} from '../guards.js';
import {loginCommand} from '../flows/commands-text.js';
import {reserve, saveMargin, type Reservation} from './atomic-write.js';
import {readConfig, requireConfigLock, writeConfig, type ConfigAccess} from './config-access.js';
import {configText, connectionIn, withConnection} from './config-edit.js';
import {keyOfSlot, slotOf} from './connection-key.js';
import {keepRecovery, pendingRecoveries, renewalHeader, type RecoveryRecord} from './recovery.js';
import {reasonOf, writeRemedy} from './store-errors.js';
import type {ConnectionKey, GrantRecord, PreparedRenewal, RenewalOutcome} from './types.js';

/**
 * Reserves room for the renewed grant beside config.json before the provider
 * is asked: a rotating refresh token is never sent unless its successor can be
 * kept, in the config or else in a recovery file.
 */
export function prepareRenewal(access: ConfigAccess, key: ConnectionKey, grant: 'user' | 'app'): PreparedRenewal {
	requireConfigLock(access, 'prepareRenewal');
	const replacesObtainedAt = connectionIn(readConfig(access), key)?.[grant]?.token.obtainedAt;
	const reservation = reserveRoom(access, key);
	const renewal = {access, key, grant, replacesObtainedAt, reservation};
	return {
		commit: next => commitRenewal(renewal, next),
		release: () => {
			reservation.release();
		},
	};
}

type Renewal = {
	readonly access: ConfigAccess;
	readonly key: ConnectionKey;
	readonly grant: 'user' | 'app';
	/** obtainedAt of the grant being replaced, as it was when the renewal was prepared. */
	readonly replacesObtainedAt: number | undefined;
	readonly reservation: Reservation;
};

/** A temporary file the size of the config plus saveMargin, marked with who renews what. */
function reserveRoom({paths, now}: ConfigAccess, key: ConnectionKey): Reservation {
	let size = 0;
	try {
		size = fs.lstatSync(paths.file).size;
	} catch {}

	try {
		return reserve(paths.file, size + saveMargin, renewalHeader({pid: process.pid, startedAt: now(), profile: key.profile, slot: slotOf(key)}));
	} catch (error) {
		throw new MktError(
			'config_not_writable',
			`Cannot make room to save new tokens in ${paths.file} (${reasonOf(error)}), so nothing was sent to the provider and the saved tokens still work.`,
			writeRemedy(paths.file, error),
			{cause: error},
		);
	}
}

/** Saves `next` into the reserved room; when the config cannot take it, into a recovery file. */
function commitRenewal(renewal: Renewal, next: GrantRecord): RenewalOutcome {
	const {access, key, grant, reservation} = renewal;
	try {
		const contents = readConfig(access);
		const connection = connectionIn(contents, key);
		if (!connection) {
			reservation.release();
			return {kept: 'config'};
		}

		reservation.commit(configText(access.paths.file, withConnection(contents.data, key, {...connection, [grant]: next, updatedAt: access.now()}), contents));
		return {kept: 'config'};
	} catch (error) {
		reservation.release();
		return keepAsRecovery(renewal, next, error);
	}
}

function keepAsRecovery({access, key, grant, replacesObtainedAt}: Renewal, next: GrantRecord, failure: unknown): RenewalOutcome {
	const {paths, env, now} = access;
	const record: RecoveryRecord = {mktWizardRecovery: 1, configPath: paths.file, profile: key.profile, slot: slotOf(key), grant, replacesObtainedAt, record: next, keptAt: now()};
	const reason = failure instanceof MktError ? failure.message : reasonOf(failure);
	try {
		return {kept: 'recovery', path: keepRecovery(paths, env, record), reason};
	} catch (keepError) {
		throw new MktError(
			'renewal_not_saved',
			`The provider issued new tokens, but they could be saved neither in ${paths.file} (${reason}) nor beside it (${reasonOf(keepError)}), so the saved refresh token may now be spent.`,
			`${writeRemedy(paths.file, errorCode(failure) ? failure : keepError).replace(/\.$/, '')}, then run \`${loginCommand(key)}\` to authorise again.`,
			{cause: failure},
		);
	}
}

/** Writes the recoveries earlier runs could not save, while their grant is still the one they replace. */
export function completeRecoveries(access: ConfigAccess): void {
	for (const {path: file, record} of pendingRecoveries(access.paths, access.env)) {
		const key = keyOfSlot(record.profile, record.slot);
		try {
			const contents = readConfig(access);
			const connection = connectionIn(contents, key);
			if (connection && connection[record.grant]?.token.obtainedAt === record.replacesObtainedAt) {
				writeConfig(access, withConnection(contents.data, key, {...connection, [record.grant]: record.record, updatedAt: record.keptAt}), contents);
			}
		} catch {
			// Still cannot be saved: it waits for the next run.
			continue;
		}

		fs.rmSync(file, {force: true});
	}
}
