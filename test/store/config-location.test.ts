import assert from 'node:assert/strict';
import path from 'node:path';
import {describe, test} from 'node:test';
import {MktError} from '../../source/errors.js';
import {openStore, resolveConfigDir} from '../../source/store/index.js';

describe('resolveConfigDir', () => {
	test('MKT_WIZARD_CONFIG_DIR wins over everything, made absolute', () => {
		assert.equal(resolveConfigDir({MKT_WIZARD_CONFIG_DIR: '/srv/mkt', HOME: '/home/ann', XDG_CONFIG_HOME: '/x'}), '/srv/mkt');
		assert.equal(resolveConfigDir({MKT_WIZARD_CONFIG_DIR: 'rel/dir'}), path.resolve('rel/dir'));
	});

	test('on Linux: XDG_CONFIG_HOME, else ~/.config, with conf\'s mkt-wizard-nodejs folder', () => {
		assert.equal(resolveConfigDir({HOME: '/home/ann', XDG_CONFIG_HOME: '/xdg'}, 'linux'), '/xdg/mkt-wizard-nodejs');
		assert.equal(resolveConfigDir({HOME: '/home/ann'}, 'linux'), '/home/ann/.config/mkt-wizard-nodejs');
		assert.equal(resolveConfigDir({HOME: '/home/ann', XDG_CONFIG_HOME: ''}, 'linux'), '/home/ann/.config/mkt-wizard-nodejs');
		assert.equal(resolveConfigDir({XDG_CONFIG_HOME: '/xdg'}, 'linux'), '/xdg/mkt-wizard-nodejs');
	});

	test('on macOS: ~/Library/Preferences', () => {
		assert.equal(resolveConfigDir({HOME: '/Users/ann'}, 'darwin'), '/Users/ann/Library/Preferences/mkt-wizard-nodejs');
	});

	test('with neither HOME nor XDG_CONFIG_HOME nor MKT_WIZARD_CONFIG_DIR: no_config_dir, pointing at MKT_WIZARD_CONFIG_DIR', () => {
		for (const env of [{}, {HOME: '', XDG_CONFIG_HOME: '', MKT_WIZARD_CONFIG_DIR: ''}]) {
			assert.throws(() => resolveConfigDir(env, 'linux'), (error: unknown) => {
				assert.ok(error instanceof MktError);
				assert.equal(error.code, 'no_config_dir');
				assert.match(error.message, /HOME/);
				assert.match(error.remedy, /MKT_WIZARD_CONFIG_DIR/);
				return true;
			});
		}
	});

	test('openStore uses the env it is given', () => {
		assert.equal(openStore({env: {MKT_WIZARD_CONFIG_DIR: '/srv/mkt'}}).path, '/srv/mkt/config.json');
		assert.match(openStore({env: {HOME: '/home/ann'}}).path, /^\/home\/ann\/.+\/mkt-wizard-nodejs\/config\.json$/);
		assert.equal(openStore({configDir: '/a/b', env: {MKT_WIZARD_CONFIG_DIR: '/srv/mkt'}}).path, '/a/b/config.json');
		assert.throws(() => openStore({env: {}}), {code: 'no_config_dir'});
	});
});
