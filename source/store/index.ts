export type * from './types.js';
export {resolveConfigDir, configPaths, type ConfigPaths} from './config-location.js';
export {configNotices, openStore, savedForLogin, type OpenStoreOptions} from './file-store.js';
export {connectionKey} from './connection-key.js';
export {assessGrant, type SessionState} from './assess.js';
export {maskSecret} from './mask.js';
export {checkFileModes, tightenFileModes, unsafeConfigPaths, type FileModes, type ModeChange} from './file-modes.js';
export type {LockRecord} from './lock.js';
export {damagedConnection} from './store-errors.js';
