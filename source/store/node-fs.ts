// The store's one default import of node:fs. In the bundle every module's own default import of
// a built-in copies its ~100 exports into a new object at start-up (esbuild's __toESM): once here,
// not once per module. It is still fs itself, so a test that replaces fs.renameSync reaches every caller.
import fs from 'node:fs';

export default fs;
