import type {EventEmitter} from 'node:events';
import {readInkInput} from './ink-keypress.js';
import {splitKeys, type KeyEvent} from './keys.js';

export type KeySubscriber = {
	/** The handler of the subscriber's last commit: what it rendered is what the keys act on. */
	handler: (keys: readonly KeyEvent[]) => void;
	/** Renders the subscriber again, so that a commit follows even a key nobody acted on. */
	readonly requestCommit: () => void;
};

/** What the router needs from Ink's stdin context. */
export type InkStdin = {
	readonly events: EventEmitter;
	readonly setRawMode: (enabled: boolean) => void;
};

/**
 * Hands Ink's input events to the useKeys subscribers of one Ink instance.
 *
 * React renders an update in a scheduler task, commits it (Ink draws the frame),
 * yields, and runs the passive effects (useEffect) in a later task; stdin is
 * read between tasks. Ink's useInput subscribes in a passive effect and keeps
 * each handler's closure until the next one: a key read before a screen's
 * effects ran went to the last screen, and a second key read before the first
 * one's update rendered met the state from before the first. So:
 * - subscribers join, leave and take their new handler in layout effects, which
 *   run in the commit that draws them;
 * - after a key is delivered, the next one waits until React has committed what
 *   the handlers did with it (each subscriber renders again, so a commit comes
 *   even when no handler changed anything), and goes to the handlers on screen then.
 */
export class KeyRouter {
	private readonly subscribers = new Set<KeySubscriber>();
	private readonly queue: string[] = [];
	private listening = false;
	/** A key was delivered and its updates are not committed yet. */
	private waiting = false;

	constructor(private stdin: InkStdin) {}

	subscribe(subscriber: KeySubscriber, stdin: InkStdin): void {
		this.stdin = stdin;
		this.subscribers.add(subscriber);
		if (!this.listening) {
			this.listening = true;
			this.stdin.setRawMode(true);
			this.stdin.events.on('input', this.receive);
		}

		this.committed();
	}

	unsubscribe(subscriber: KeySubscriber): void {
		this.subscribers.delete(subscriber);
		this.committed();
		// One screen's fields leave in the same commit as the next screen's arrive:
		// keep raw mode on through it instead of dropping to a cooked terminal between screens.
		queueMicrotask(() => {
			if (this.subscribers.size === 0) {
				this.stop();
			}
		});
	}

	/** React committed a subscriber's render (its layout effect, or its cleanup, ran). */
	committed(): void {
		if (this.waiting) {
			this.waiting = false;
			// After the commit, and the updates its layout effects scheduled, are all done.
			queueMicrotask(() => {
				this.drain();
			});
		}
	}

	private readonly receive = (data: string): void => {
		this.queue.push(data);
		this.drain();
	};

	private drain(): void {
		while (!this.waiting) {
			const data = this.queue.shift();
			if (data === undefined) {
				return;
			}

			this.deliver(data);
		}
	}

	private deliver(data: string): void {
		const {input, key} = readInkInput(data);
		const keys = splitKeys(input, key);
		const targets = [...this.subscribers];
		if (keys.length === 0 || targets.length === 0) {
			return;
		}

		for (const target of targets) {
			// An earlier handler may have unmounted this one at once (Ink's exit() does): its screen is gone.
			if (this.subscribers.has(target)) {
				target.handler(keys);
			}
		}

		this.waiting = true;
		for (const subscriber of this.subscribers) {
			subscriber.requestCommit();
		}
	}

	private stop(): void {
		if (!this.listening) {
			return;
		}

		this.listening = false;
		this.waiting = false;
		this.queue.length = 0;
		this.stdin.events.removeListener('input', this.receive);
		this.stdin.setRawMode(false);
	}
}

const routers = new WeakMap<EventEmitter, KeyRouter>();

/** The router of the Ink instance whose stdin context this is. */
export function keyRouterOf(stdin: InkStdin): KeyRouter {
	let router = routers.get(stdin.events);
	if (!router) {
		router = new KeyRouter(stdin);
		routers.set(stdin.events, router);
	}

	return router;
}
