import type {EndpointName} from './faults.js';
import type {Handler} from './reply.js';

export type Route = {
	method: 'GET' | 'POST' | 'DELETE';
	path: string;
	/** The name faults and counters use; routes without one cannot be faulted. */
	endpoint?: EndpointName;
	handler: Handler;
};

export type RouteMatch = {route: Route} | {status: 404 | 405};

/** Exact path match: the real providers do not tolerate stray slashes either. */
export function matchRoute({routes, method, path}: {routes: readonly Route[]; method: string; path: string}): RouteMatch {
	const onPath = routes.filter(route => route.path === path);
	if (onPath.length === 0) {
		return {status: 404};
	}

	const route = onPath.find(candidate => candidate.method === method);
	return route ? {route} : {status: 405};
}
