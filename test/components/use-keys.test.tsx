import assert from 'node:assert/strict';
import {EventEmitter} from 'node:events';
import {afterEach, test} from 'node:test';
import {useState} from 'react';
import {Text} from 'ink';
import {KeyRouter, type KeySubscriber} from '../../source/components/key-router.js';
import type {KeyEvent} from '../../source/components/keys.js';
import Select from '../../source/components/Select.js';
import {useKeyActions, useKeys} from '../../source/components/use-keys.js';
import {cleanupInk, keys, press, pressAtOnce, pressAsFramesArrive, renderInk} from '../helpers/ink.js';

afterEach(cleanupInk);

function named(key: KeyEvent): string {
	return key.name === 'char' ? `${key.ctrl ? 'ctrl+' : ''}${key.char}` : key.name;
}

/** Logs its keys as `<name> <key>`; Enter calls onEnter. */
function Screen({name, log, onEnter, isActive}: {name: string; log: string[]; onEnter?: () => void; isActive?: boolean}) {
	useKeys(keys => {
		for (const key of keys) {
			log.push(`${name} ${named(key)}`);
			if (key.name === 'return') {
				onEnter?.();
			}
		}
	}, {isActive});
	return <Text>{`screen ${name}`}</Text>;
}

/** Enter on the first screen shows the second, which mounts its own handler. */
function TwoScreens({log}: {log: string[]}) {
	const [screen, setScreen] = useState<'first' | 'second'>('first');
	return screen === 'first'
		? <Screen name="first" log={log} onEnter={() => setScreen('second')} />
		: <Screen name="second" log={log} />;
}

/** A Select whose choice (handed up through its onSubmit) replaces it with a screen that logs keys. */
function SelectThenScreen({log}: {log: string[]}) {
	const [chosen, setChosen] = useState<string | undefined>(undefined);
	return chosen
		? <Screen name={chosen} log={log} />
		: <Select items={[{value: 'etsy', label: 'Etsy'}, {value: 'ebay', label: 'eBay'}]} onSubmit={setChosen} />;
}

test('a key read after the next screen is drawn, before React\'s passive effects ran, goes to that screen', async () => {
	const log: string[] = [];
	const ink = await renderInk(<TwoScreens log={log} />);
	await pressAsFramesArrive(ink, keys.enter, 'x');
	assert.deepEqual(log, ['first return', 'second x']);
	assert.match(ink.screen(), /screen second/);
});

test('a choice handed up through onSubmit is on screen before the next key is read', async () => {
	const log: string[] = [];
	const ink = await renderInk(<SelectThenScreen log={log} />);
	await pressAsFramesArrive(ink, keys.down, keys.enter, 'x');
	assert.deepEqual(log, ['ebay x']);
});

test('keys read before React rendered the first one\'s update wait for it, then go to the screen it produced', async () => {
	const log: string[] = [];
	const ink = await renderInk(<TwoScreens log={log} />);
	await pressAtOnce(ink, keys.enter, 'x', 'y');
	assert.deepEqual(log, ['first return', 'second x', 'second y']);
	const chose: string[] = [];
	const select = await renderInk(<SelectThenScreen log={chose} />);
	await pressAtOnce(select, keys.down, keys.enter, 'x');
	assert.deepEqual(chose, ['ebay x']);
});

test('a key no handler acts on does not hold up the keys after it', async () => {
	const log: string[] = [];
	const ink = await renderInk(<Screen name="only" log={log} />);
	await pressAtOnce(ink, 'a', 'b', keys.up, 'c');
	assert.deepEqual(log, ['only a', 'only b', 'only up', 'only c']);
	await press(ink, 'd');
	assert.deepEqual(log, ['only a', 'only b', 'only up', 'only c', 'only d']);
});

test('a chunk is handed over key by key, and an inactive handler hears nothing', async () => {
	const log: string[] = [];
	function Pair({secondActive}: {secondActive: boolean}) {
		return (
			<>
				<Screen name="a" log={log} />
				<Screen name="b" log={log} isActive={secondActive} />
			</>
		);
	}

	const ink = await renderInk(<Pair secondActive={false} />);
	await press(ink, 'x\r');
	assert.deepEqual(log.splice(0), ['a x', 'a return']);
	ink.rerender(<Pair secondActive />);
	await press(ink, 'y');
	assert.deepEqual(log.sort(), ['a y', 'b y']);
});

test('Ctrl+C reaches the handlers (the wizard renders with exitOnCtrlC: false and handles it itself)', async () => {
	const log: string[] = [];
	const ink = await renderInk(<Screen name="s" log={log} />);
	await press(ink, keys.ctrlC);
	assert.deepEqual(log, ['s ctrl+c'], 'ink-testing-library renders with exitOnCtrlC: false');
});

test('raw mode stays on while one screen\'s handlers leave and the next one\'s arrive, and ends after the last leaves', async () => {
	const rawMode: boolean[] = [];
	const events = new EventEmitter();
	const stdin = {events, setRawMode: (enabled: boolean) => rawMode.push(enabled)};
	const router = new KeyRouter(stdin);
	const handled: string[] = [];
	const first: KeySubscriber = {handler: keys => handled.push(`first ${keys.map(named).join('')}`), requestCommit() {}};
	const second: KeySubscriber = {handler: keys => handled.push(`second ${keys.map(named).join('')}`), requestCommit() {}};
	router.subscribe(first, stdin);
	router.unsubscribe(first);
	router.subscribe(second, stdin);
	await Promise.resolve();
	assert.deepEqual(rawMode, [true]);
	events.emit('input', 'k');
	assert.deepEqual(handled, ['second k']);
	router.unsubscribe(second);
	await Promise.resolve();
	assert.deepEqual(rawMode, [true, false]);
	assert.equal(events.listenerCount('input'), 0);
});

/** Declares c (stays), t (leaves) and esc; shows its hints. */
function Actions({log}: {log: string[]}) {
	const hints = useKeyActions([
		{key: 'c', label: 'copy', run: () => log.push('copy'), stays: true},
		{key: 't', label: 'troubleshoot', run: () => log.push('troubleshoot')},
		false,
		{key: 'esc', label: 'back', run: () => log.push('back'), hint: false},
	]);
	return <Text>{hints.map(hint => `${hint.key} ${hint.label}`).join(' · ')}</Text>;
}

test('useKeyActions: a key that stays lets its chunk go on, one that leaves drops the rest; hints in order, hidden ones left out', async () => {
	const log: string[] = [];
	const ink = await renderInk(<Actions log={log} />);
	assert.equal(ink.screen(), 'c copy · t troubleshoot');
	await press(ink, 'xcctc');
	assert.deepEqual(log.splice(0), ['copy', 'copy', 'troubleshoot']);
	await press(ink, `z${keys.escape}`);
	assert.deepEqual(log.splice(0), ['back']);
});
