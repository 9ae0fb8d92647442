/**
 * The `source:detect` verb ("Add a status page" in Settings), wired as main.ts wires it: the real
 * handlers behind the IPC wrapper's sender check and argument guard, core's real detection, and a
 * status Http that answers from recorded payloads (the app's Electron Http is tested on its own).
 * Main reads the address; the window only gets the answer.
 */
import { describe, expect, it } from 'vitest';
import type { Settings } from '../../main/core/contract.js';
import type { DetectOutcome } from '../../main/core/sources/detect-source.js';
import { applySettingsPatch, DEFAULT_SETTINGS, settingsView } from '../../main/core/settings/settings.js';
import type { AddSourceDeps } from '../../main/shell/add-source.js';
import { MAX_WAITING_DETECTIONS } from '../../main/shell/add-source.js';
import { createInvokeHandlers, type EngineLike } from '../../main/shell/handlers.js';
import { createIpc, createTrustedSenders, IPC_REFUSED } from '../../main/shell/ipc.js';
import { APP_INDEX_URL } from '../../main/shell/protocol.js';
import { createSettingsController } from '../../main/shell/settings-controller.js';
import { FakeIpcMain, FakeWebContents } from '../fakes/electron.js';
import { MemoryLog } from '../fakes/log.js';
import { readFixture } from '../helpers/fixtures.js';
import { fakeStatusHttp, type FakeStatusPage } from '../helpers/test-bridge.js';

const TWILIO_SUMMARY = 'statuspage/twilio-summary-2020-06-16-degraded-2-incidents-groups.json';

/** Handlers with only what `source:detect` uses; the other verbs have their own tests. */
function setup(addSource: (requested: string[]) => AddSourceDeps | undefined) {
  const log = new MemoryLog();
  let saved: Settings = DEFAULT_SETTINGS;
  const engine = { view: () => ({}), applySettings: () => undefined } as unknown as EngineLike;
  const settings = createSettingsController({
    store: { current: () => saved, save: (next) => ((saved = next), true), notices: () => [] },
    applyPatch: applySettingsPatch,
    view: settingsView,
    locked: () => [],
    onChanged: () => undefined,
    log,
  });
  const requested: string[] = [];
  const ipcMain = new FakeIpcMain();
  const trusted = createTrustedSenders();
  createIpc({ ipcMain, trusted, log }).handleAll(
    createInvokeHandlers({
      engine,
      settings,
      openLink: async () => false,
      writeClipboard: () => undefined,
      hideWindow: () => undefined,
      restartClient: async (client) => ({ pid: client.pid, outcome: 'refused', text: '' }),
      runAdviceAction: async (item) => ({ id: item.id, service: item.service, outcome: 'refused', text: '' }),
      addSource: addSource(requested),
    }),
  );
  const window = new FakeWebContents();
  trusted.add(window);
  const detect = (...args: unknown[]) => ipcMain.invoke({ id: window.id, url: APP_INDEX_URL }, 'source:detect', ...args) as Promise<DetectOutcome>;
  return { detect, requested, log };
}

const withPages = (pages: Record<string, FakeStatusPage>) => (requested: string[]): AddSourceDeps => ({ http: fakeStatusHttp(pages, requested), clock: { now: () => Date.parse('2020-06-16T21:05:00Z') } });

describe('source:detect', () => {
  it('finds a Statuspage page from its API address: its name, the page root to watch, and its live components', async () => {
    const { detect, requested } = setup(withPages({ 'https://status.twilio.com/api/v2/summary.json': { body: readFixture(TWILIO_SUMMARY) } }));
    const outcome = await detect('  https://status.twilio.com/api/v2/summary.json ');
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.source).toMatchObject({ type: 'statuspage', name: 'Twilio', url: 'https://status.twilio.com' });
    // Components a person can pick, by their id and name as the page lists them.
    expect(outcome.components).toEqual(expect.arrayContaining([{ id: 'g2dt752kwqs0', name: 'PSTN' }, { id: '39mb8cmw8y2v', name: 'SMS Short Code, North America' }]));
    expect(outcome.components.length).toBeGreaterThan(50);
    expect(requested.length).toBeLessThanOrEqual(5);
    expect(requested.every((url) => url.startsWith('https://status.twilio.com/'))).toBe(true);
  });

  it('says why it could not: a login page, an address nothing answers at', async () => {
    const login = '<!doctype html><html><head><title>Sign in</title></head><body><form method="post"><input name="user"><input type="password" name="pw"></form></body></html>';
    const { detect } = setup(withPages({ 'https://status.intranet.example/': { contentType: 'text/html; charset=utf-8', body: login } }));
    await expect(detect('https://status.intranet.example/')).resolves.toMatchObject({ ok: false, reason: 'login' });
    const unreachable = await detect('https://status.nowhere.example/');
    expect(unreachable).toMatchObject({ ok: false, reason: 'unreachable' });
    expect(unreachable.ok ? '' : unreachable.message).toContain('status.nowhere.example');
  });

  it('answers a malformed address with the reason, as an answer (the window shows it), not a refused call', async () => {
    const { detect, requested } = setup(withPages({}));
    await expect(detect('ftp://status.example.com')).resolves.toMatchObject({ ok: false, reason: 'bad-url' });
    expect(requested).toEqual([]);
  });

  it('refuses what the window could never send, before any request', async () => {
    const { detect, requested, log } = setup(withPages({}));
    await expect(detect(`https://status.example.com/${'a'.repeat(2048)}`)).rejects.toThrow(IPC_REFUSED);
    await expect(detect({ url: 'https://status.example.com' })).rejects.toThrow(IPC_REFUSED);
    await expect(detect('https://status.example.com', 'https://other.example')).rejects.toThrow(IPC_REFUSED);
    expect(requested).toEqual([]);
    expect(log.has('source:detect')).toBe(true);
  });

  it('turns a failure of detection itself into an answer in words, so the window never stays at "Checking…"', async () => {
    const { detect, log } = setup(() => ({
      http: fakeStatusHttp({}),
      clock: { now: Date.now },
      detect: async () => {
        throw new Error('parser exploded');
      },
      log: { warn: (message: string) => void log.warn(message) },
    }));
    await expect(detect('https://status.example.com')).resolves.toEqual({ ok: false, reason: 'unreachable', message: 'the address could not be checked (parser exploded)' });
    expect(log.has('parser exploded')).toBe(true);
  });

  it('reads one address at a time and answers a window that keeps sending more with "try again"', async () => {
    const started: string[] = [];
    const finish: (() => void)[] = [];
    const { detect } = setup(() => ({
      http: fakeStatusHttp({}),
      clock: { now: Date.now },
      detect: (url) =>
        new Promise<DetectOutcome>((resolve) => {
          started.push(url);
          finish.push(() => resolve({ ok: false, reason: 'unreachable', message: url }));
        }),
    }));
    const answers = Array.from({ length: MAX_WAITING_DETECTIONS + 3 }, (_, i) => detect(`https://s${i}.example`));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(started).toEqual(['https://s0.example']);
    const turnedAway = await answers[answers.length - 1];
    expect(turnedAway).toEqual({ ok: false, reason: 'unreachable', message: 'other addresses are still being checked; try again in a moment' });
    for (let i = 0; i <= MAX_WAITING_DETECTIONS; i++) {
      finish[i]?.();
      await answers[i];
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    expect(started).toEqual(Array.from({ length: MAX_WAITING_DETECTIONS + 1 }, (_, i) => `https://s${i}.example`));
  });

  it('answers every address as unavailable where no status Http was given', async () => {
    const { detect } = setup(() => undefined);
    await expect(detect('https://status.twilio.com')).resolves.toMatchObject({ ok: false, reason: 'unreachable' });
  });
});
