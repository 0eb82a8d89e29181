import {MktError} from '../errors.js';
import type {ConfigContents} from './config-file.js';
import {isJsonObject} from '../guards.js';
import {connectionProblem, type ConfigData, type ProfileData} from './config-shape.js';
import {assertKeyMatches, slotOf} from './connection-key.js';
import {rawSpans} from './raw-spans.js';
import {maxConfigBytes} from './safe-path.js';
import type {Connection, ConnectionKey, DamagedConnection} from './types.js';

/** The damage recorded for the key's connection (or its whole profile), if any. */
export function damageOf(damaged: readonly DamagedConnection[], key: ConnectionKey): DamagedConnection | undefined {
	return damaged.find(entry => entry.profile === key.profile && (entry.key === undefined || slotOf(entry.key) === slotOf(key)));
}

/** The key's usable connection in what was read: undefined when there is none or it is damaged. */
export function connectionIn({data, damaged}: ConfigContents, key: ConnectionKey): Connection | undefined {
	return damageOf(damaged, key) ? undefined : data.profiles[key.profile]?.[slotOf(key)];
}

/** `data` with `next` in the key's slot (a damaged entry there is replaced); undefined deletes it. */
export function withConnection(data: ConfigData, key: ConnectionKey, next: Connection | undefined): ConfigData {
	const slot = slotOf(key);
	if (next !== undefined) {
		assertKeyMatches(key, next);
		const problem = connectionProblem(slot, JSON.parse(JSON.stringify(next)));
		if (problem) {
			// Never write what the next read would refuse.
			throw new Error(`Refusing to save a ${slot} connection that ${problem}.`);
		}
	}

	const existing = data.profiles[key.profile];
	const profile: ProfileData = isJsonObject(existing) ? existing as ProfileData : Object.create(null) as ProfileData;
	if (next === undefined) {
		delete profile[slot];
	} else {
		profile[slot] = next;
	}

	if (Object.keys(profile).length === 0) {
		delete data.profiles[key.profile];
	} else {
		data.profiles[key.profile] = profile;
	}

	return data;
}

/** JSON for `file`; damaged connections still in `data` are copied from the text `from` was read from, as they were. */
export function configText(file: string, data: ConfigData, from?: ConfigContents): string {
	const text = from ? withDamagedAsRead(data, from) : JSON.stringify(data);
	if (Buffer.byteLength(text) > maxConfigBytes) {
		throw new MktError('config_too_large', `Refusing to save ${file}: it would be larger than the ${maxConfigBytes / 1024 / 1024} MB a config file can be.`, 'Remove profiles you no longer use with `mkt-wizard logout <etsy|ebay> --all --profile NAME`.');
	}

	return text;
}

/** JSON.stringify(data), with each damaged connection (or profile) that is still there written as the file had it. */
function withDamagedAsRead(data: ConfigData, from: ConfigContents): string {
	if (from.damaged.length === 0) {
		return JSON.stringify(data);
	}

	const spans = rawSpans(from.text);
	const marker = `\u0000mkt-wizard-damaged-${Math.random().toString(36).slice(2)}-`;
	const copies = new Map<string, string>();
	const profiles = {...data.profiles};
	for (const damaged of from.damaged) {
		const slot = damaged.key && slotOf(damaged.key);
		const id = `${damaged.profile}\0${slot ?? ''}`;
		const raw = spans.get(id);
		const holder = profiles[damaged.profile];
		if (raw === undefined || holder === undefined) {
			continue;
		}

		const placeholder = `${marker}${copies.size}`;
		copies.set(JSON.stringify(placeholder), raw);
		if (slot === undefined) {
			if (!isJsonObject(holder)) {
				profiles[damaged.profile] = placeholder as unknown as ProfileData;
			}
		} else if (isJsonObject(holder) && holder[slot] !== undefined && connectionProblem(slot, holder[slot]) !== undefined) {
			profiles[damaged.profile] = Object.assign(Object.create(null) as ProfileData, holder, {[slot]: placeholder});
		}
	}

	let text = JSON.stringify({...data, profiles});
	for (const [placeholder, raw] of copies) {
		text = text.replace(placeholder, () => raw);
	}

	return text;
}
