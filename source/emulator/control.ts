import {describeInvalidFault, isEndpointName, type Fault, type FaultTable} from './faults.js';
import {json, type EmulatorRequest, type Reply} from './reply.js';
import type {Route} from './router.js';
import {snapshotStats, type EmulatorStats} from './stats.js';

const noContent = (): Reply => ({status: 204, headers: {}, body: ''});
const badRequest = (error: string): Reply => json(400, {error});

/** Switch faults on: JSON `{endpoint, times?, kind, …}`. */
function setFault(faults: FaultTable) {
	return (request: EmulatorRequest): Reply => {
		let parsed: unknown;
		try {
			parsed = JSON.parse(request.body);
		} catch {
			return badRequest('The body must be JSON: {"endpoint": "etsy.token", "kind": "status", "status": 500}.');
		}

		if (typeof parsed !== 'object' || parsed === null) {
			return badRequest('The body must be a JSON object.');
		}

		const {endpoint, times, ...fault} = parsed as Record<string, unknown>;
		if (!isEndpointName(endpoint)) {
			return badRequest(`Unknown endpoint ${JSON.stringify(endpoint)}.`);
		}

		if (times !== undefined && (typeof times !== 'number' || !(times > 0))) {
			return badRequest('times must be a positive number.');
		}

		const problem = describeInvalidFault(fault);
		if (problem) {
			return badRequest(problem);
		}

		try {
			faults.set(endpoint, fault as Fault, times === undefined ? {} : {times});
		} catch (error) {
			return badRequest((error as Error).message);
		}

		return noContent();
	};
}

function clearFaults(faults: FaultTable) {
	return (request: EmulatorRequest): Reply => {
		const endpoint = request.url.searchParams.get('endpoint');
		if (endpoint === null) {
			faults.clear();
		} else if (isEndpointName(endpoint)) {
			faults.clear(endpoint);
		} else {
			return badRequest(`Unknown endpoint ${JSON.stringify(endpoint)}.`);
		}

		return noContent();
	};
}

/** Control over HTTP for tools that run the emulator in another process. */
export function controlRoutes({faults, stats}: {faults: FaultTable; stats: EmulatorStats}): Route[] {
	return [
		{method: 'POST', path: '/_emulator/faults', handler: setFault(faults)},
		{method: 'DELETE', path: '/_emulator/faults', handler: clearFaults(faults)},
		{method: 'GET', path: '/_emulator/stats', handler: () => json(200, snapshotStats(stats))},
	];
}
