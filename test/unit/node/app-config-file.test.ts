import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configPathFromArgv, configProblemPhrase, defaultAppConfigPath, loadAppConfigFile } from '../../../main/node/config-file.js';
import { renderPhrase } from '../../../main/core/i18n/phrase.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'or-app-config-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the desktop app's config file", () => {
  it('is given with --config FILE or --config=FILE, else the per-OS default', () => {
    expect(configPathFromArgv(['/app/outage-radar', '--config', '/etc/or.json'])).toBe('/etc/or.json');
    expect(configPathFromArgv(['/app/outage-radar', '--config=/etc/or.json'])).toBe('/etc/or.json');
    expect(configPathFromArgv(['/app/outage-radar', '--user-data-dir=/tmp/x'])).toBeNull();
    expect(defaultAppConfigPath('win32', { APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'C:\\Users\\a')).toContain(join('Outage Radar', 'config.json'));
    expect(defaultAppConfigPath('darwin', {}, '/Users/a')).toBe('/Users/a/Library/Application Support/Outage Radar/config.json');
    expect(defaultAppConfigPath('linux', { XDG_CONFIG_HOME: '/home/a/.cfg' }, '/home/a')).toBe('/home/a/.cfg/outage-radar/config.json');
    expect(defaultAppConfigPath('linux', {}, '/home/a')).toBe('/home/a/.config/outage-radar/config.json');
  });

  it('no file at the default location is no config file, not a problem', async () => {
    expect(await loadAppConfigFile(null, join(dir, 'config.json'))).toEqual({ ok: true, config: {}, path: null, extraCaPem: null });
  });

  it('a given file that is missing is a problem', async () => {
    const loaded = await loadAppConfigFile(join(dir, 'nope.json'), join(dir, 'config.json'));
    expect(loaded.ok).toBe(false);
  });

  it('a bad file is reported with its file, line and key, in the words of the one settings validator', async () => {
    const file = join(dir, 'config.json');
    await writeFile(file, '{\n  "tenantName": "contoso",\n  "pollIntervalSeconds": 5\n}\n');
    const loaded = await loadAppConfigFile(null, file);
    expect(loaded.ok).toBe(false);
    const problems = loaded.ok ? [] : loaded.problems.map((p) => renderPhrase(configProblemPhrase(p)));
    expect(problems).toEqual([`Config file ${file}, line 3, column 26: pollIntervalSeconds: expected a number of at least 60, got 5`]);
  });

  it('the window keys are accepted in the config file too: one document shape', async () => {
    const file = join(dir, 'config.json');
    await writeFile(file, JSON.stringify({ startAtLogin: false, notifications: { enabled: false }, quietHours: { enabled: true }, customSources: [{ id: 'acme', name: 'ACME', url: 'https://status.acme.example' }] }));
    const loaded = await loadAppConfigFile(file, join(dir, 'other.json'));
    expect(loaded.ok && loaded.config.startAtLogin).toBe(false);
  });
});
