/**
 * The BUILT main process (out/main/main.js), started in plain Node with a stand-in `electron`
 * module (test/fakes/electron-runtime): the composition root, the real electron-store, the real
 * engine and the adapters, wired as they ship. Where the Electron binary exists the Playwright
 * e2e test covers the same ground in Electron itself; this one runs everywhere and proves the
 * wiring: every channel handled behind the sender check, the tray up, the window created only
 * on demand with secure preferences, settings persisted, status fetched through the session's
 * fetch with our User-Agent, and a clean quit.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVOKE_CHANNELS } from '../../main/core/contract.js';
import { E2E_FLAG, E2E_SOURCE_URL } from '../../main/shell/e2e-hooks.js';
import { serveFixture, startLoopback, type Loopback } from '../helpers/loopback.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const MAIN = join(ROOT, 'out', 'main', 'main.js');
const RUNTIME = join(ROOT, 'test', 'fakes', 'electron-runtime');

type Report = Record<string, unknown> & { failure?: string };

let source: Loopback;
let scratch: string;

beforeAll(async () => {
  source = await startLoopback({ '/api/v2/summary.json': serveFixture('statuspage/github-summary-2020-04-02-major-outage.json') });
  scratch = await mkdtemp(join(tmpdir(), 'or-compose-'));
});

afterAll(async () => {
  await source?.close();
  await rm(scratch, { recursive: true, force: true });
});

function drive(userData: string): Promise<Report> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'] ?? '',
    HOME: join(scratch, 'home'),
    XDG_CONFIG_HOME: join(scratch, 'home', '.config'),
    [E2E_FLAG]: '1',
    [E2E_SOURCE_URL]: `${source.url}/api/v2/summary.json`,
    DRIVE_MAIN: MAIN,
  };
  return new Promise((resolvePromise, reject) => {
    execFile(
      process.execPath,
      ['--import', join(RUNTIME, 'register.mjs'), join(RUNTIME, 'drive-main.mjs'), `--user-data-dir=${userData}`],
      { env, cwd: ROOT, timeout: 40_000, maxBuffer: 8 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const line = stdout.split('\n').find((text) => text.startsWith('DRIVE-RESULT '));
        if (!line) return reject(new Error(`no result from the driver (${error?.message ?? 'exit 0'})\n${stderr.slice(-2000)}`));
        resolvePromise(JSON.parse(line.slice('DRIVE-RESULT '.length)) as Report);
      },
    );
  });
}

describe.skipIf(!existsSync(MAIN))('main process composition (built main.js on a stand-in Electron)', () => {
  let report: Report;
  let userData: string;

  beforeAll(async () => {
    userData = join(scratch, 'user-data');
    report = await drive(userData);
  }, 60_000);

  it('starts without a failure', () => {
    expect(report.failure).toBeUndefined();
  });

  it('registers the app:// scheme as privileged before ready and serves the window with its CSP, refusing traversal', () => {
    expect(report['schemesRegisteredBeforeReady']).toBe(true);
    expect(report['privilegedSchemes']).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(report['indexStatus']).toBe(200);
    expect(report['indexCsp']).toContain("default-src 'none'");
    expect(report['traversalStatus']).toBe(403);
  });

  it('handles every contract channel, refusing strangers and bad arguments', () => {
    expect(report['channels']).toEqual([...INVOKE_CHANNELS].sort());
    expect(report['stateFromStranger']).toEqual({ error: 'request refused' });
    expect(report['badMute']).toEqual({ error: 'request refused' });
    expect(report['stateFromWindow']).toMatchObject({ fromCache: false });
  });

  it('shows one tray icon from an existing file, with Open and Quit in its menu', () => {
    expect(report['trayCount']).toBe(1);
    expect(report['trayImageExists']).toBe(true);
    expect(report['trayMenuIds']).toEqual(expect.arrayContaining(['open', 'refresh', 'quit']));
  });

  it('creates the window only on demand, from app://, with the preload and secure defaults', () => {
    expect(report['windowsBeforeClick']).toBe(0);
    expect(report['windowUrl']).toBe('app://renderer/index.html');
    expect(Object.keys(report['webPreferences'] as object).sort()).toEqual(['devTools', 'preload', 'spellcheck']);
    expect(report['preloadExists']).toBe(true);
    expect(report['windowOpenDenied']).toEqual({ action: 'deny' });
    expect(report['windowStateSent']).toBe(true);
    expect(report['visibleAfterHide']).toBe(false);
  });

  it('persists settings through electron-store in the user-data folder given on the command line', () => {
    expect(report['updateOk']).toBe(true);
    expect(report['settingsPath']).toBe(join(userData, 'settings.json'));
    expect(report['settingsOnDisk']).toMatchObject({ version: 2, pollIntervalSeconds: 600 });
  });

  it('fetches status through the session fetch with our User-Agent and shows the outage in the tray', () => {
    expect(report['userAgents']).toEqual([expect.stringMatching(/^OutageRadar\/\d+\.\d+\.\d+/)]);
    expect(['degraded', 'outage']).toContain(report['trayState']);
    expect(String(report['trayTooltip']).length).toBeGreaterThan(0);
  });

  it('copies the helpdesk report to the clipboard', () => {
    const copied = (report['copy'] as { value?: string }).value ?? '';
    expect(copied).toContain('Outage Radar report');
    expect(report['clipboard']).toEqual([copied]);
  });

  it('quits cleanly: stops, removes the tray, and quits once the engine is done', () => {
    expect(report['quitCalls']).toBe(2);
    expect(report['trayDestroyed']).toBe(true);
    expect(report['exitCode']).toBeNull();
  });
});
