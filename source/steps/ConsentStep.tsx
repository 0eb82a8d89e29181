import {useReducer} from 'react';
import {Box, Text} from 'ink';
import Spinner from 'ink-spinner';
import Frame, {type FramePosition, useFrameRoom} from '../components/Frame.js';
import type {KeyHint} from '../components/KeyHints.js';
import {isChar, type KeyEvent} from '../components/keys.js';
import Message from '../components/Message.js';
import TextField from '../components/TextField.js';
import {wrappedLines} from '../components/terminal-size.js';
import {formatClock} from '../time.js';
import {useKeys} from '../components/use-keys.js';
import {useOutbox} from '../components/use-outbox.js';

/** One thing the callback server saw, in words the caller chose. */
export type ConsentEvent = {
	readonly text: string;
	readonly tone: 'info' | 'warn' | 'error';
};

export type ConsentMode = 'wait' | 'paste';

export type Props = {
	/** The consent URL: always printed in full. */
	readonly url: string;
	/** Time since the browser was sent to the URL; the caller's clock. */
	readonly elapsedMs: number;
	/** When the wait gives up. @default 300000 */
	readonly timeoutMs?: number;
	/** What the callback server saw, oldest first; the last five are shown. @default [] */
	readonly events?: readonly ConsentEvent[];
	/** The browser was started. */
	readonly browserOpened: boolean;
	/** The opener is still being watched: say so instead of "no browser". @default false */
	readonly browserPending?: boolean;
	/** Shown as a warning once `afterMs` passed with nothing seen by the callback server (a refused redirect). */
	readonly quietNotice?: {readonly afterMs: number; readonly text: string};
	/** Why it was not (`BROWSER=none`, no display), or which command opened it. */
	readonly browserNote?: string;
	/** A line from the caller, e.g. after c: `Copied to the clipboard.` */
	readonly notice?: string;
	/** Start in paste mode, e.g. for an eBay RuName whose accept URL is not on this machine. @default 'wait' */
	readonly initialMode?: ConsentMode;
	/** Why the pasted text was not usable, from the caller's parser. */
	readonly pasteError?: string;
	/** The built-in emulator: y approves and d denies as its user, for machines with no browser. @default false */
	readonly demo?: boolean;
	/** c: print the URL again (and copy it where the terminal allows). */
	readonly onShowUrl: () => void;
	/** o: open the browser again. */
	readonly onOpenAgain: () => void;
	/** t: explain what to check. */
	readonly onTroubleshoot: () => void;
	/** Esc while waiting. */
	readonly onCancel: () => void;
	/** p: the screen switched to the paste field. */
	readonly onPaste?: () => void;
	/** Enter in the paste field: the trimmed text. */
	readonly onSubmitPaste: (text: string) => void;
	/** y or d, only with `demo`. */
	readonly onDemoDecision?: (decision: 'approve' | 'deny') => void;
	/** Header: provider and step n of m. @default {} */
	readonly position?: FramePosition;
};

type Outgoing =
	| {type: 'show-url' | 'open-again' | 'troubleshoot' | 'cancel' | 'paste'}
	| {type: 'demo'; decision: 'approve' | 'deny'}
	| {type: 'submit-paste'; text: string};

type State = {
	readonly mode: ConsentMode;
	readonly pasted: string;
	/** Enter was pressed on an empty paste field. */
	readonly emptyPaste: boolean;
	/** The text last handed over: the caller's pasteError is about it, and shows only while the field still holds it. */
	readonly submitted?: string;
	readonly outbox: readonly Outgoing[];
};

type Action =
	| {type: 'keys'; keys: readonly KeyEvent[]; demo: boolean; rejected: boolean}
	| {type: 'paste-change'; value: string}
	| {type: 'paste-submit'; value: string};

function reduceWaitingKeys(state: State, keys: readonly KeyEvent[], demo: boolean): State {
	const outbox: Outgoing[] = [];
	let next: State = state;
	for (const key of keys) {
		if (isChar(key, 'c')) {
			outbox.push({type: 'show-url'});
		} else if (isChar(key, 'o')) {
			outbox.push({type: 'open-again'});
		} else if (isChar(key, 't')) {
			outbox.push({type: 'troubleshoot'});
			break;
		} else if (key.name === 'escape') {
			outbox.push({type: 'cancel'});
			break;
		} else if (isChar(key, 'p')) {
			// Whatever followed p in the chunk was meant for the field, which is not there yet: drop it.
			outbox.push({type: 'paste'});
			next = {...state, mode: 'paste', emptyPaste: false};
			break;
		} else if (demo && (isChar(key, 'y') || isChar(key, 'd'))) {
			outbox.push({type: 'demo', decision: key.char === 'y' ? 'approve' : 'deny'});
			break;
		}
	}

	return outbox.length > 0 ? {...next, outbox} : next;
}

function reduce(state: State, action: Action): State {
	switch (action.type) {
		case 'keys': {
			if (state.mode === 'wait') {
				return reduceWaitingKeys(state, action.keys, action.demo);
			}

			// A rejected paste is not kept for the next p.
			return action.keys.some(key => key.name === 'escape') ? {...state, mode: 'wait', ...(action.rejected ? {pasted: '', emptyPaste: false} : {})} : state;
		}

		case 'paste-change': {
			return {...state, pasted: action.value, emptyPaste: false};
		}

		case 'paste-submit': {
			// Enter in a chunk of its own reaches the field before it re-renders with the pasted text,
			// so the value it hands over can be stale: the text the reducer holds is current.
			const text = state.pasted.trim();
			return text === ''
				? {...state, emptyPaste: true}
				: {...state, submitted: text, outbox: [{type: 'submit-paste', text}]};
		}
	}
}

const eventTones = {info: 'info', warn: 'warning', error: 'error'} as const;

function waitHints(demo: boolean): KeyHint[] {
	const hints: KeyHint[] = [
		{key: 'c', label: 'show URL'},
		{key: 'p', label: 'paste URL'},
		{key: 'o', label: 'open browser'},
		{key: 't', label: 'troubleshoot'},
		{key: 'esc', label: 'cancel'},
	];
	return demo ? [...hints, {key: 'y', label: 'approve (demo)'}, {key: 'd', label: 'deny (demo)'}] : hints;
}

/** Waiting for the browser to come back: live time, the URL, what the callback server saw, and the way out by paste. */
export default function ConsentStep(props: Props) {
	const {url, elapsedMs, timeoutMs = 300_000, events = [], browserOpened, browserPending = false, quietNotice, browserNote, notice, pasteError, demo = false, position} = props;
	const [state, dispatch] = useReducer(reduce, undefined, (): State => ({
		mode: props.initialMode ?? 'wait',
		pasted: '',
		emptyPaste: false,
		outbox: [],
	}));
	const pasteProblem = state.emptyPaste
		? 'Nothing pasted: copy the whole address from the browser.'
		: (pasteError && state.pasted.trim() === (state.submitted ?? '') ? pasteError : undefined);
	useKeys(keys => {
		dispatch({type: 'keys', keys, demo, rejected: pasteProblem !== undefined});
	});
	useOutbox(state.outbox, message => {
		switch (message.type) {
			case 'show-url': {
				props.onShowUrl();
				break;
			}

			case 'open-again': {
				props.onOpenAgain();
				break;
			}

			case 'troubleshoot': {
				props.onTroubleshoot();
				break;
			}

			case 'cancel': {
				props.onCancel();
				break;
			}

			case 'paste': {
				props.onPaste?.();
				break;
			}

			case 'demo': {
				props.onDemoDecision?.(message.decision);
				break;
			}

			case 'submit-paste': {
				props.onSubmitPaste(message.text);
				break;
			}
		}
	});

	// The caller's clock ticks on its own schedule and may lag the moment consent started.
	const elapsed = Math.max(0, elapsedMs);
	const remaining = Math.max(0, timeoutMs - elapsed);
	const pasting = state.mode === 'paste';
	const hints = pasting ? [{key: 'enter', label: 'use this URL'}, {key: 'esc', label: 'stop pasting'}] : waitHints(demo);
	const room = useFrameRoom(hints);
	const {columns} = room;
	// The URL is printed above the frame (wizard/app.tsx), unbroken: its lines, its label and a blank line share the rows.
	const urlRows = Number.isFinite(columns) ? Math.ceil(url.length / columns) + 2 : 0;
	const openLine = 'Open the page printed above to consent (c prints it again).';
	const fixedRows = 1 + 3 + 1 + wrappedLines(openLine, room.width) + (notice ? wrappedLines(notice, room.width) : 0) + (pasting ? 6 : 0) + 2;
	// The last few requests the callback server saw, as many as fit: at least one, at most five.
	const shownEvents = Math.max(1, Math.min(5, room.rows - urlRows - fixedRows));
	// In a short terminal the help folds to what to do.
	const short = room.rows - urlRows < 12;
	return (
		<Frame title="Consent in the browser" position={position} hints={hints}>
			<Text>
				<Spinner type="dots" />
				{` Waiting for the browser… ${formatClock(elapsed)} (times out in ${formatClock(remaining)})`}
			</Text>
			{browserOpened
				? <Message tone="success">{browserNote ? `Opened your browser (${browserNote}).` : 'Opened your browser.'}</Message>
				: (browserPending
					? <Message tone="info">Opening your browser…</Message>
					: <Message tone="warning">{`No browser was opened${browserNote ? `: ${browserNote}` : ''}. Open the URL above yourself.${short ? '' : ' If that browser is on another machine, press p and paste the address it ends on.'}`}</Message>)}
			<Box marginTop={1}>
				<Text>{openLine}</Text>
			</Box>
			{notice ? <Message tone="info">{notice}</Message> : null}
			{quietNotice && events.length === 0 && elapsed >= quietNotice.afterMs && !pasting
				? <Box marginTop={1}><Message tone="warning">{quietNotice.text}</Message></Box>
				: null}
			{events.length > 0 && (
				<Box flexDirection="column" marginTop={1}>
					<Text>Seen by the callback server:</Text>
					{events.slice(-shownEvents).map((event, index) => (
						// biome-ignore lint/suspicious/noArrayIndexKey: the position in the whole log; the same text may well come twice.
						<Message key={Math.max(0, events.length - shownEvents) + index} tone={eventTones[event.tone]}>{event.text}</Message>
					))}
				</Box>
			)}
			{pasting && (
				<Box flexDirection="column" marginTop={1}>
					<Text>Paste the address the browser ended on (it holds code=…):</Text>
					<TextField
						label="Redirected URL"
						value={state.pasted}
						error={pasteProblem}
						onChange={value => {
							dispatch({type: 'paste-change', value});
						}}
						onSubmit={value => {
							dispatch({type: 'paste-submit', value});
						}}
					/>
				</Box>
			)}
		</Frame>
	);
}
