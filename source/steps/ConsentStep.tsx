import {useState} from 'react';
import {Box, Text} from 'ink';
import Spinner from 'ink-spinner';
import Frame, {type FramePosition, useFrameRoom} from '../components/Frame.js';
import Message from '../components/Message.js';
import TextField from '../components/TextField.js';
import {wrappedLines} from '../components/terminal-size.js';
import {formatClock} from '../time.js';
import {useKeyActions, type KeyAction} from '../components/use-keys.js';

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

const eventTones = {info: 'info', warn: 'warning', error: 'error'} as const;

/** The waiting screen's keys: c and o do their work and leave the screen as it is; the others move on. */
function waitActions(props: Props, startPasting: () => void): Array<KeyAction | false> {
	const demo = props.demo ?? false;
	return [
		{key: 'c', label: 'show URL', run: props.onShowUrl, stays: true},
		// Whatever followed p in the chunk was meant for the field, which is not there yet: it is dropped.
		{key: 'p', label: 'paste URL', run: startPasting},
		{key: 'o', label: 'open browser', run: props.onOpenAgain, stays: true},
		{key: 't', label: 'troubleshoot', run: props.onTroubleshoot},
		{key: 'esc', label: 'cancel', run: props.onCancel},
		demo && {key: 'y', label: 'approve (demo)', run: () => props.onDemoDecision?.('approve')},
		demo && {key: 'd', label: 'deny (demo)', run: () => props.onDemoDecision?.('deny')},
	];
}

type Paste = {
	readonly value: string;
	/** Why the text cannot be used, while the field still holds it. */
	readonly problem: string | undefined;
	readonly change: (value: string) => void;
	/** Enter: the trimmed text to the caller, or a word that nothing was pasted. */
	readonly submit: (value: string) => void;
	/** p. */
	readonly enter: () => void;
	/** Esc: a rejected paste is not kept for the next p. */
	readonly leave: () => void;
};

/** The paste field's text and its problem: the caller's `pasteError` is about the text last handed over. */
function usePaste(pasteError: string | undefined, onSubmitPaste: (text: string) => void): Paste {
	const [value, setValue] = useState('');
	// Enter was pressed on an empty field.
	const [empty, setEmpty] = useState(false);
	const [submitted, setSubmitted] = useState<string | undefined>(undefined);
	const problem = empty
		? 'Nothing pasted: copy the whole address from the browser.'
		: (pasteError && value.trim() === (submitted ?? '') ? pasteError : undefined);
	return {
		value,
		problem,
		change(changed) {
			setValue(changed);
			setEmpty(false);
		},
		submit(typed) {
			const text = typed.trim();
			if (text === '') {
				setEmpty(true);
			} else {
				setSubmitted(text);
				onSubmitPaste(text);
			}
		},
		enter() {
			setEmpty(false);
		},
		leave() {
			if (problem !== undefined) {
				setValue('');
				setEmpty(false);
			}
		},
	};
}

function BrowserLine({opened, pending, note, short}: {readonly opened: boolean; readonly pending: boolean; readonly note?: string; readonly short: boolean}) {
	if (opened) {
		return <Message tone="success">{note ? `Opened your browser (${note}).` : 'Opened your browser.'}</Message>;
	}

	return pending
		? <Message tone="info">Opening your browser…</Message>
		: <Message tone="warning">{`No browser was opened${note ? `: ${note}` : ''}. Open the URL above yourself.${short ? '' : ' If that browser is on another machine, press p and paste the address it ends on.'}`}</Message>;
}

/** The last `shown` requests the callback server saw. */
function SeenEvents({events, shown}: {readonly events: readonly ConsentEvent[]; readonly shown: number}) {
	if (events.length === 0) {
		return null;
	}

	return (
		<Box flexDirection="column" marginTop={1}>
			<Text>Seen by the callback server:</Text>
			{events.slice(-shown).map((event, index) => (
				// biome-ignore lint/suspicious/noArrayIndexKey: the position in the whole log; the same text may well come twice.
				<Message key={Math.max(0, events.length - shown) + index} tone={eventTones[event.tone]}>{event.text}</Message>
			))}
		</Box>
	);
}

/** Waiting for the browser to come back: live time, the URL, what the callback server saw, and the way out by paste. */
export default function ConsentStep(props: Props) {
	const {url, elapsedMs, timeoutMs = 300_000, events = [], browserOpened, browserPending = false, quietNotice, browserNote, notice, pasteError, position} = props;
	const [mode, setMode] = useState<ConsentMode>(props.initialMode ?? 'wait');
	const paste = usePaste(pasteError, props.onSubmitPaste);
	const pasting = mode === 'paste';
	const keyHints = useKeyActions(pasting
		? [{key: 'esc', label: 'stop pasting', run: () => {
			setMode('wait');
			paste.leave();
		}}]
		: waitActions(props, () => {
			setMode('paste');
			paste.enter();
			props.onPaste?.();
		}));
	// The caller's clock ticks on its own schedule and may lag the moment consent started.
	const elapsed = Math.max(0, elapsedMs);
	const remaining = Math.max(0, timeoutMs - elapsed);
	const hints = pasting ? [{key: 'enter', label: 'use this URL'}, ...keyHints] : keyHints;
	const room = useFrameRoom(hints);
	const {columns} = room;
	// The URL is printed above the frame (wizard/use-clipboard.ts), unbroken: its lines, its label and a blank line share the rows.
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
			<BrowserLine opened={browserOpened} pending={browserPending} {...(browserNote ? {note: browserNote} : {})} short={short} />
			<Box marginTop={1}>
				<Text>{openLine}</Text>
			</Box>
			{notice ? <Message tone="info">{notice}</Message> : null}
			{quietNotice && events.length === 0 && elapsed >= quietNotice.afterMs && !pasting
				? <Box marginTop={1}><Message tone="warning">{quietNotice.text}</Message></Box>
				: null}
			<SeenEvents events={events} shown={shownEvents} />
			{pasting && (
				<Box flexDirection="column" marginTop={1}>
					<Text>Paste the address the browser ended on (it holds code=…):</Text>
					<TextField label="Redirected URL" value={paste.value} error={paste.problem} onChange={paste.change} onSubmit={paste.submit} />
				</Box>
			)}
		</Frame>
	);
}
