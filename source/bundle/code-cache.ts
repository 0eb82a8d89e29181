// Loads the CommonJS bundles of dist/ with a V8 code cache, the Node 20 stand-in
// for module.enableCompileCache (Node >= 22.1): compiling the ~1 MB of bundled
// JavaScript costs tens of milliseconds on every start, deserializing it a few.
//
// A cache file is keyed on the bundle's build hash and length, the Node version
// and the architecture, written once a run has compiled what it needs (after
// the wizard's first frame, or at exit), replaced atomically, and never trusted
// blindly: a missing, stale, corrupt or unwritable cache only means compiling
// as if there were none.
//
// A cache holds the functions its run compiled. One written at the exit of a plain
// command (`token`) is marked partial: it lacks the wizard's code, so the first
// wizard run that finds one writes a complete cache in its place after the first
// frame, instead of compiling the wizard's part of core on every start.
import fs from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

export type BundleHashes = Readonly<Record<string, string>>;

type CacheKey = {readonly bundle: string; readonly hash: string; readonly length: number};
/** `upgrade`: a partial cache V8 took, replaced only by a complete one. */
type PendingCache = {readonly script: vm.Script; readonly key: CacheKey; readonly upgrade: boolean};

type NodeModule = Module & {paths: string[]; filename: string; loaded: boolean};
type ModuleStatics = {
	wrapper: readonly [string, string];
	_nodeModulePaths(from: string): string[];
};

/** When the wizard has written nothing this long after loading Ink, the caches are written anyway. */
const fallbackDelayMs = 1000;
/** Cache files kept per bundle, the current one included (another installed version may use the others). */
const keptPerBundle = 3;
const staleTemporaryMs = 10 * 60 * 1000;

/** The per-user cache folder: XDG_CACHE_HOME or ~/.cache on Linux, the platform's own elsewhere. */
export function cacheDirOf(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string | undefined {
	const home = env.HOME ?? env.USERPROFILE;
	if (platform === 'win32') {
		const local = env.LOCALAPPDATA ?? (home ? path.join(home, 'AppData', 'Local') : undefined);
		return local ? path.join(local, 'mkt-wizard', 'Cache') : undefined;
	}

	if (platform === 'darwin') {
		return home ? path.join(home, 'Library', 'Caches', 'mkt-wizard') : undefined;
	}

	const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : (home ? path.join(home, '.cache') : undefined);
	return base ? path.join(base, 'mkt-wizard') : undefined;
}

/** `<bundle>-<hash>-<length>-<node>-<arch>[.partial].v8cache`; the bundle name's slashes become dashes. */
export function cacheFileName({bundle, hash, length}: CacheKey, {partial = false}: {partial?: boolean} = {}): string {
	return `${cachePrefix(bundle)}${hash}-${length}-${process.version}-${process.arch}${partial ? '.partial' : ''}.v8cache`;
}

function cachePrefix(bundle: string): string {
	return `${bundle.replaceAll('/', '-')}-`;
}

export type CacheUse = 'none' | 'accepted' | 'rejected';

export type CodeCacheLoader = {
	/** Runs `<dir>/<bundle>.cjs` once (later calls return its exports). */
	load(bundle: string): unknown;
	/** Whether a loaded bundle came with a cache file and whether V8 took it. */
	cacheUse(bundle: string): CacheUse | undefined;
	/**
	 * Writes the caches that are missing or were rejected, and with `afterFirstOutput` (the
	 * wizard has drawn) replaces partial ones with complete ones; never throws.
	 */
	writeCaches(options?: {afterFirstOutput?: boolean}): void;
};

export type LoaderOptions = {
	/** The folder holding the bundles (dist/). */
	readonly dir: string;
	/** Build hash of each bundle, by name (`core`, `vendor/ui`…). */
	readonly hashes: BundleHashes;
	readonly env: NodeJS.ProcessEnv;
	/** The module that loads the bundles, their parent for require(). */
	readonly parent?: Module;
	/** Bundles whose caches wait for the first output (the wizard's first frame) rather than the exit. */
	readonly firstOutputBundles?: readonly string[];
};

/** What the loader keeps between calls: the bundles run, and the caches still to write. */
type LoaderState = {
	readonly dir: string;
	readonly hashes: BundleHashes;
	readonly parent: Module | undefined;
	readonly firstOutputBundles: readonly string[];
	readonly cacheDir: string;
	readonly loaded: Map<string, unknown>;
	readonly uses: Map<string, CacheUse>;
	readonly pending: PendingCache[];
	/** The fallback for a first frame that does not come. */
	timer: NodeJS.Timeout | undefined;
	exitHooked: boolean;
	/** The first output (the wizard's first frame) has been written. */
	drawn: boolean;
};

export function createLoader({dir, hashes, env, parent, firstOutputBundles = []}: LoaderOptions): CodeCacheLoader {
	const state: LoaderState = {
		dir,
		hashes,
		parent,
		firstOutputBundles,
		// The per-user cache folder; beside the bundles only when there is no home to put one in.
		cacheDir: cacheDirOf(env) ?? path.join(dir, '.cache'),
		loaded: new Map(),
		uses: new Map(),
		pending: [],
		timer: undefined,
		exitHooked: false,
		drawn: false,
	};
	return {
		load: bundle => loadBundle(state, bundle),
		writeCaches: options => {
			writeCaches(state, options);
		},
		cacheUse: bundle => state.uses.get(bundle),
	};
}

function writeCaches(state: LoaderState, {afterFirstOutput = false}: {afterFirstOutput?: boolean} = {}): void {
	if (state.timer) {
		clearTimeout(state.timer);
		state.timer = undefined;
	}

	state.drawn ||= afterFirstOutput;
	for (const entry of state.pending.splice(0)) {
		if (entry.upgrade && !state.drawn) {
			continue;
		}

		try {
			writeCache(entry, state.cacheDir, {partial: !state.drawn});
		} catch {
			// Unwritable: the next start compiles again, as this one did.
		}
	}
}

function schedule(state: LoaderState, entry: PendingCache): void {
	state.pending.push(entry);
	if (!state.exitHooked) {
		state.exitHooked = true;
		// Bundles loaded after the first frame (got, pg) are written at the exit.
		process.once('exit', () => {
			writeCaches(state);
		});
	}
}

// A first-output bundle is loading: the caches wait for the first frame, so they hold
// what rendering it compiled.
function awaitFirstOutput(state: LoaderState): void {
	if (state.timer || state.drawn) {
		return;
	}

	const writeAfterFirstOutput = () => {
		writeCaches(state, {afterFirstOutput: true});
	};

	state.timer = setTimeout(writeAfterFirstOutput, fallbackDelayMs);
	state.timer.unref();
	afterNextStdoutWrite(() => setImmediate(writeAfterFirstOutput));
}

function loadBundle(state: LoaderState, bundle: string): unknown {
	if (state.loaded.has(bundle)) {
		return state.loaded.get(bundle);
	}

	const file = path.join(state.dir, `${bundle}.cjs`);
	const script = compileWithCache(state, bundle, file);
	if (state.firstOutputBundles.includes(bundle)) {
		awaitFirstOutput(state);
	}

	return runBundle(state, bundle, file, script);
}

/** Compiles the bundle with its cache file, if there is one, and schedules the cache it should have. */
function compileWithCache(state: LoaderState, bundle: string, file: string): vm.Script {
	const hash = state.hashes[bundle];
	let source = fs.readFileSync(file, 'utf8');
	if (source.startsWith('#!')) {
		source = `//${source.slice(2)}`;
	}

	const key = hash ? {bundle, hash, length: source.length} : undefined;
	const complete = key ? readCache(path.join(state.cacheDir, cacheFileName(key))) : undefined;
	const partial = key && !complete ? readCache(path.join(state.cacheDir, cacheFileName(key, {partial: true}))) : undefined;
	const {script, use} = compile(source, file, complete ?? partial);
	state.uses.set(bundle, use);
	if (key && (use !== 'accepted' || partial)) {
		schedule(state, {script, key, upgrade: use === 'accepted'});
	}

	return script;
}

/** Runs the compiled bundle as a CommonJS module; its exports are known before it runs, for a require cycle. */
function runBundle(state: LoaderState, bundle: string, file: string, script: vm.Script): unknown {
	const module = new Module(file, state.parent) as NodeModule;
	module.filename = file;
	module.paths = (Module as unknown as ModuleStatics)._nodeModulePaths(path.dirname(file));
	state.loaded.set(bundle, module.exports);
	const run = script.runInThisContext() as (...args: unknown[]) => void;
	run.call(module.exports, module.exports, bundleRequire(state, module), module, file, path.dirname(file));
	module.loaded = true;
	state.loaded.set(bundle, module.exports);
	return module.exports;
}

// Bundles reach each other with require('./vendor/<name>.cjs'): those go through the cache too.
function bundleRequire(state: LoaderState, module: NodeModule): NodeJS.Require {
	const plain = Module.createRequire(module.filename);
	const required = ((id: string) => {
		const vendor = /^\.\/(vendor\/[\w-]+)\.cjs$/.exec(id);
		return vendor ? loadBundle(state, vendor[1]!) : plain(id);
	}) as NodeJS.Require;
	required.resolve = plain.resolve;
	required.cache = plain.cache;
	required.main = plain.main;
	return required;
}

/** Calls `then` once, after the next write to stdout. */
function afterNextStdoutWrite(then: () => void): void {
	const {stdout} = process;
	const write = stdout.write;
	stdout.write = function (this: NodeJS.WriteStream, ...parameters: Parameters<typeof write>) {
		stdout.write = write;
		try {
			return write.apply(this, parameters);
		} finally {
			then();
		}
	} as typeof write;
}

function readCache(file: string): Buffer | undefined {
	try {
		return fs.readFileSync(file);
	} catch {
		// Not there (or unreadable): compile without it.
		return undefined;
	}
}

function compile(source: string, filename: string, cachedData: Buffer | undefined): {script: vm.Script; use: CacheUse} {
	const [head, tail] = (Module as unknown as ModuleStatics).wrapper;
	const options: vm.ScriptOptions = {
		filename,
		// The wrapper's head ends the first line, so line numbers stay those of the file.
		lineOffset: -1,
		...(vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER ? {importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER} : {}),
	};
	const code = `${head.trimEnd()}\n${source}\n${tail}`;
	if (cachedData) {
		try {
			const script = new vm.Script(code, {...options, cachedData});
			return {script, use: script.cachedDataRejected ? 'rejected' : 'accepted'};
		} catch {
			// Fall through: compile without the cache.
		}
	}

	return {script: new vm.Script(code, options), use: cachedData ? 'rejected' : 'none'};
}

function writeCache({script, key}: PendingCache, directory: string, {partial}: {partial: boolean}): void {
	const data = script.createCachedData();
	const name = cacheFileName(key, {partial});
	const file = path.join(directory, name);
	fs.mkdirSync(directory, {recursive: true, mode: 0o700});
	const temporary = `${file}.${process.pid}.tmp`;
	try {
		fs.writeFileSync(temporary, data, {mode: 0o600});
		fs.renameSync(temporary, file);
	} catch (error) {
		fs.rmSync(temporary, {force: true});
		throw error;
	}

	// One cache per build: a complete one replaces the partial one, and a partial one is only
	// written when there was no complete one or V8 rejected it.
	fs.rmSync(path.join(directory, cacheFileName(key, {partial: !partial})), {force: true});

	removeOldCaches(directory, cachePrefix(key.bundle), name);
}

/**
 * Keeps the newest few cache files of one bundle (other installed versions may use
 * them) and removes temporary files a killed process left behind.
 */
function removeOldCaches(directory: string, prefix: string, current: string): void {
	const files = fs.readdirSync(directory)
		.filter(name => name.startsWith(prefix) && name !== current)
		.map(name => ({name, modified: modifiedAt(path.join(directory, name))}));
	const caches = files.filter(file => file.name.endsWith('.v8cache')).sort((a, b) => b.modified - a.modified);
	const leftovers = files.filter(file => file.name.endsWith('.tmp') && file.modified < Date.now() - staleTemporaryMs);
	for (const {name} of [...caches.slice(keptPerBundle - 1), ...leftovers]) {
		fs.rmSync(path.join(directory, name), {force: true});
	}
}

function modifiedAt(file: string): number {
	try {
		return fs.statSync(file).mtimeMs;
	} catch {
		return 0;
	}
}
