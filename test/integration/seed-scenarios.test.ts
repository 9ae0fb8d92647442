/**
 * The two incidents this product was made for, replayed (issue 11, item 6): Teams on 2021-04-27
 * (TM252802: clients that kept running after the fix kept failing) and Exchange on 2026-01-22
 * (MO1221364: 451 4.3.2, restored but load balancing for hours). Their timelines, written from the
 * public record in test/scenarios/, are served step by step from loopback as the relay and
 * status.cloud.microsoft would publish them, to the real desktop engine with hand-driven time.
 * Each step asserts the tray, the notifications sent and the advice ids, and each phase's window
 * is rendered in Chromium and saved under test-results/scenarios/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../main/core/check.js';
import type { ProcessInfo } from '../../main/core/advice/clients.js';
import type { AdviceItem } from '../../main/core/advice/engine.js';
import type { ViewState } from '../../main/core/contract.js';
import type { NotificationSpec } from '../../main/core/notifications/notify.js';
import { DEFAULT_SETTINGS } from '../../main/core/settings/settings.js';
import { createManualTime } from '../../main/node/manual-time.js';
import { chromiumMissing, launchChromium, openAppPage, serveRenderer, windowContext, type AppPage, type StaticServer } from '../helpers/chromium.js';
import { ROOT } from '../helpers/cli.js';
import type { Loopback } from '../helpers/loopback.js';
import { settingsView } from '../renderer/scenarios.js';
import { HOUR, MINUTE, useLoopbackEngines, type LoopbackEngine } from '../helpers/engine-scenario.js';

/** How long after a document changes the step is checked: several feed polls and a Microsoft one. */
const SETTLE_MS = 10 * MINUTE;
const SHOTS_DIR = join(ROOT, 'test-results', 'scenarios');

interface Step {
  readonly name: string;
  readonly phase: 'none' | 'active' | 'restoring' | 'recently-resolved';
  readonly offsetMinutes: number;
  readonly orgFeed: Record<string, unknown> & { readonly generatedAt: string };
  readonly microsoftPublic: Record<string, unknown>;
}

interface Scenario {
  readonly id: string;
  readonly start: string;
  readonly watch: readonly string[];
  readonly restart: { readonly platform: 'win32'; readonly before: ProcessInfo; readonly after: ProcessInfo };
  readonly steps: readonly Step[];
}

function loadScenario(file: string): Scenario {
  return JSON.parse(readFileSync(join(ROOT, 'test', 'scenarios', file), 'utf8')) as Scenario;
}

const TEAMS = loadScenario('teams-2021-04-27.json');
const EXCHANGE = loadScenario('exchange-2026-01-22.json');

const engines = useLoopbackEngines('scenarios');

let browser: Browser | null = null;
let renderer: StaticServer | null = null;
beforeAll(async () => {
  mkdirSync(SHOTS_DIR, { recursive: true });
  if (chromiumMissing === null) [browser, renderer] = await Promise.all([launchChromium(), serveRenderer()]);
});
afterAll(async () => {
  await browser?.close();
  await renderer?.close();
});

/** The documents in force; the servers read them at each request. */
interface Published {
  step: Step;
}

/** The org feed as the relay rewrites it every minute: the step's content, stamped now. */
function relayed(step: Step, now: number): string {
  return JSON.stringify({ ...step.orgFeed, generatedAt: new Date(now).toISOString(), expiresAt: new Date(now + HOUR).toISOString() });
}

interface Replay extends LoopbackEngine {
  readonly server: Loopback;
  readonly published: Published;
  /** How often the engine listed processes, by step name. */
  readonly listings: Map<string, number>;
}

async function replay(scenario: Scenario): Promise<Replay> {
  const first = scenario.steps[0];
  if (!first) throw new Error(`${scenario.id} has no steps`);
  const time = createManualTime(Date.parse(scenario.start));
  const published: Published = { step: first };
  const server = await engines.serve({
    '/ms/api/posts/mac': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(published.step.microsoftPublic)),
    '/feed.json': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(relayed(published.step, time.now())),
  });
  const listings = new Map<string, number>();
  const h = await engines.start({
    time,
    server,
    settings: {
      watch: [...scenario.watch],
      // The incidents happened in the evening somewhere; quiet hours are not what these replays test.
      quietHours: { ...DEFAULT_SETTINGS.quietHours, enabled: false },
    },
    cacheFile: engines.cacheFile(scenario.id),
    platform: scenario.restart.platform,
    // The Teams or Outlook this person runs: one started before the fix, one after (see the data).
    listProcesses: () => {
      const name = published.step.name;
      listings.set(name, (listings.get(name) ?? 0) + 1);
      return Promise.resolve([scenario.restart.before, scenario.restart.after]);
    },
  });
  return { ...h, server, published, listings };
}

/** Publishes each step at its moment and calls `check` once the engine has read it. */
async function playSteps(scenario: Scenario, r: Replay, check: (step: Step, view: ViewState, newNotes: NotificationSpec[]) => Promise<void>): Promise<void> {
  const start = Date.parse(scenario.start);
  let told = 0;
  for (const step of scenario.steps) {
    // The data agrees with itself: the feed was written at the step's moment.
    expect(Date.parse(step.orgFeed.generatedAt)).toBe(start + step.offsetMinutes * MINUTE);
    await r.advance(start + step.offsetMinutes * MINUTE - r.time.now());
    r.published.step = step;
    await r.advance(SETTLE_MS);
    await check(step, r.engine.view(), r.notes.slice(told));
    told = r.notes.length;
  }
}

const ids = (advice: readonly AdviceItem[] | undefined): string[] => (advice ?? []).map((a) => a.id);

/** Every suggested channel works now: it depends on nothing, or on a watched service that is operational. */
function expectOnlyHealthyChannels(report: CheckReport): void {
  const channels = (report.advice ?? []).find((a) => a.id === 'switch-channel')?.channels ?? [];
  expect(channels.length).toBeGreaterThan(0);
  for (const channel of channels) {
    if (channel.service === null) continue;
    expect(report.services.find((s) => s.id === channel.service)?.health, `${channel.name} depends on ${channel.service}`).toBe('operational');
  }
}

/** One Chromium window per scenario; null when Chromium is missing here (the replay still runs). */
async function openWindow(now: number): Promise<{ app: AppPage; close(): Promise<void> } | null> {
  if (!browser || !renderer) return null;
  const context = await windowContext(browser, { now });
  return { app: await openAppPage(context, renderer, now), close: () => context.close() };
}

/**
 * Renders the view as the window shows it at `now`, saves test-results/scenarios/<name>.png, and
 * checks that the window shows the advice: the first item's text in the verdict card, the rest
 * (and a restart, whose button lives there) under "What to do now" with their titles.
 */
async function shootPhase(window: { app: AppPage } | null, name: string, view: ViewState, now: number): Promise<void> {
  if (!window) return;
  const { page, log } = window.app;
  await page.clock.setFixedTime(now);
  await window.app.load({ state: view, settings: settingsView() });
  const main = page.locator('main');
  const advice = view.report?.advice ?? [];
  const listed = advice.filter((item, index) => index > 0 || item.action?.kind === 'restart-client');
  const section = page.getByRole('region', { name: 'What to do now' });
  if (listed.length === 0) expect(await section.count()).toBe(0);
  else {
    expect(await section.locator('[data-advice-id]').evaluateAll((items) => items.map((i) => i.getAttribute('data-advice-id')))).toEqual(listed.map((a) => a.id));
    expect(await section.locator('h3').allTextContents()).toEqual(listed.map((a) => a.title));
  }
  const first = advice[0];
  if (first) expect((await main.innerText()).replace(/\s+/g, ' ')).toContain(first.text.replace(/\s+/g, ' '));
  const height = await page.evaluate(() => {
    const m = document.querySelector('main');
    return Math.ceil((m?.getBoundingClientRect().top ?? 0) + (m?.scrollHeight ?? 0));
  });
  await page.setViewportSize({ width: 400, height: Math.min(Math.max(height, 560), 4000) });
  await page.screenshot({ path: join(SHOTS_DIR, `${name}.png`) });
  await page.setViewportSize({ width: 400, height: 560 });
  expect(log.errors).toEqual([]);
}

/** What one step must show. */
interface StepExpectation {
  readonly tray: ViewState['tray'];
  /** Notifications sent since the previous step: key pattern and exact title. */
  readonly notes: ReadonlyArray<readonly [RegExp, string]>;
  /** The first advice item (the one the verdict card and a notification carry). */
  readonly first: string;
  readonly advice: readonly string[];
  readonly notAdvice: readonly string[];
  /** When switch-channel is expected: kinds it must offer (every channel offered must work now). */
  readonly channels?: readonly string[];
  /** Kinds it must not offer. */
  readonly notChannels?: readonly string[];
}

const QUIET: readonly string[] = ['wait-for-fix', 'do-not-reinstall', 'mail-delayed-not-lost', 'switch-channel', 'still-intermittent', 'restart-client'];

async function playScenario(scenario: Scenario, expected: Readonly<Record<string, StepExpectation>>): Promise<{ r: Replay; last: ViewState }> {
  const r = await replay(scenario);
  const window = await openWindow(Date.parse(scenario.start));
  let last: ViewState | null = null;
  try {
    await playSteps(scenario, r, async (step, view, notes) => {
      const want = expected[step.name];
      if (!want) throw new Error(`no expectation for step ${step.name}`);
      const report = view.report;
      if (!report) throw new Error(`${step.name}: no report`);
      expect({ step: step.name, tray: view.tray }).toEqual({ step: step.name, tray: want.tray });
      expect(notes.map((n) => n.title), step.name).toEqual(want.notes.map(([, title]) => title));
      notes.forEach((n, i) => expect(n.key, step.name).toMatch(want.notes[i]?.[0] ?? /^$/));
      const adviceIds = ids(report.advice);
      expect(adviceIds[0], step.name).toBe(want.first);
      expect(adviceIds, step.name).toEqual(expect.arrayContaining([...want.advice]));
      for (const id of want.notAdvice) expect(adviceIds, `${step.name} must not advise ${id}`).not.toContain(id);
      if (want.channels) {
        expectOnlyHealthyChannels(report);
        const kinds = report.advice?.find((a) => a.id === 'switch-channel')?.channels?.map((c) => c.kind) ?? [];
        expect(kinds, step.name).toEqual(expect.arrayContaining([...want.channels]));
        for (const kind of want.notChannels ?? []) expect(kinds, `${step.name} must not offer ${kind}`).not.toContain(kind);
      }
      await shootPhase(window, `${scenario.id}-${step.name}`, view, r.time.now());
      last = view;
    });
    expect(r.offLoopback).toEqual([]);
    if (!last) throw new Error('no steps played');
    return { r, last };
  } finally {
    await window?.close();
  }
}

/**
 * After the all-clear: the engine advises restarting the client started before the fix, and not
 * the one started after it (to the second), and it listed processes only once an incident had ended.
 */
function expectRestartAfterFix(scenario: Scenario, r: Replay, view: ViewState): void {
  const step = scenario.steps.at(-1);
  if (!step) throw new Error('no steps');
  const endedAt = Date.parse(((step.orgFeed.incidents as Array<{ endedAt?: string }> | undefined) ?? []).map((i) => i.endedAt).find((t) => t !== undefined) ?? '');
  const { before, after } = scenario.restart;
  expect(Date.parse(before.startedAt)).toBeLessThan(endedAt);
  expect(Date.parse(after.startedAt)).toBeGreaterThanOrEqual(endedAt);
  const restarts = (view.report?.advice ?? []).filter((a) => a.id === 'restart-client');
  expect(restarts.map((a) => [a.client?.pid, a.client?.startedAt])).toEqual([[before.pid, before.startedAt]]);
  for (const earlier of scenario.steps.slice(0, -1)) expect(r.listings.get(earlier.name) ?? 0, `listed processes during ${earlier.name}`).toBe(0);
  expect(r.listings.get(step.name) ?? 0).toBeGreaterThan(0);
}

const ajv = new Ajv2020({ allErrors: true, strict: false });
const validateFeed = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'schema', 'org-feed.schema.json'), 'utf8')) as object);

describe('the seed scenario documents', () => {
  it.each([TEAMS, EXCHANGE])('$id: every org-feed document is valid against the published schema', (scenario) => {
    for (const step of scenario.steps) expect({ step: step.name, valid: validateFeed(step.orgFeed), errors: validateFeed.errors ?? null }).toEqual({ step: step.name, valid: true, errors: null });
  });
});

describe('seed scenarios through the desktop engine', () => {
  it('Teams, 2021-04-27 (TM252802): wait and switch while down, expect retries while restoring, restart a client older than the fix', async () => {
    const { r, last } = await playScenario(TEAMS, {
      before: { tray: 'ok', notes: [], first: 'call-helpdesk', advice: [], notAdvice: QUIET },
      // First seen in Europe and Asia: only the organization's feed knows.
      investigating: {
        tray: 'outage',
        notes: [[/^worse\/org-feed\/TM252802\//, 'Microsoft Teams is down']],
        first: 'wait-for-fix',
        advice: ['do-not-reinstall', 'switch-channel'],
        // Mail is fine: nothing about mail, and email works as a channel; Teams chat does not.
        notAdvice: ['mail-delayed-not-lost', 'still-intermittent', 'restart-client'],
        channels: ['email', 'phone'],
        notChannels: ['chat'],
      },
      // Confirmed global: Microsoft's public page now names Teams (and TM252802). Teams is already
      // down, so nothing new to tell; mail is not marked failing by a post that names Teams alone.
      identified: {
        tray: 'outage',
        notes: [],
        first: 'wait-for-fix',
        advice: ['do-not-reinstall', 'switch-channel'],
        notAdvice: ['mail-delayed-not-lost', 'still-intermittent', 'restart-client'],
        channels: ['email', 'phone'],
        notChannels: ['chat'],
      },
      // Fix deployed, monitoring: failures still come and go; no "wait" and no "don't reinstall".
      'fix-deployed': {
        tray: 'degraded',
        // The public banner goes, but Teams was never told about through it: nothing to resolve.
        notes: [],
        first: 'still-intermittent',
        advice: ['switch-channel'],
        notAdvice: ['wait-for-fix', 'do-not-reinstall', 'mail-delayed-not-lost', 'restart-client'],
        channels: ['email', 'phone'],
        notChannels: ['chat'],
      },
      resolved: {
        tray: 'ok',
        notes: [[/^resolved\/org-feed\/TM252802$/, 'Resolved: Microsoft Teams']],
        // "If a user is still experiencing impact, they need to restart their clients to recover."
        first: 'restart-client',
        advice: ['call-helpdesk'],
        notAdvice: ['wait-for-fix', 'do-not-reinstall', 'still-intermittent', 'switch-channel'],
      },
    });
    expectRestartAfterFix(TEAMS, r, last);
  });

  it('Exchange, 2026-01-22 (MO1221364): mail is delayed not lost, a channel that works, intermittent while load balancing, restart Outlook after', async () => {
    const { r, last } = await playScenario(EXCHANGE, {
      before: { tray: 'ok', notes: [], first: 'call-helpdesk', advice: [], notAdvice: QUIET },
      // Mail slow; Teams is fine, so chat in Teams is the channel to use.
      'mail-slow': {
        tray: 'degraded',
        notes: [[/^worse\/org-feed\/MO1221364\//, 'Outlook / Exchange has problems']],
        first: 'wait-for-fix',
        advice: ['do-not-reinstall', 'mail-delayed-not-lost', 'switch-channel'],
        notAdvice: ['still-intermittent', 'restart-client'],
        channels: ['chat', 'phone'],
        notChannels: ['email', 'web'],
      },
      // 451 4.3.2, not sending or receiving; Microsoft's public page says Microsoft 365 has
      // problems (Teams, Defender and Purview too), so chat is no longer offered: the phone is.
      'not-sending-451': {
        tray: 'outage',
        notes: [
          [/^worse\/org-feed\/MO1221364\//, 'Outlook / Exchange is down'],
          [/^worse\/microsoft-public\/MO1221364\//, 'Microsoft Teams has problems'],
        ],
        first: 'wait-for-fix',
        advice: ['do-not-reinstall', 'mail-delayed-not-lost', 'switch-channel'],
        notAdvice: ['still-intermittent', 'restart-client'],
        channels: ['phone'],
        notChannels: ['chat', 'email', 'web'],
      },
      // "restored the affected infrastructure to a healthy state" but "further load balancing is required".
      'restored-load-balancing': {
        tray: 'degraded',
        notes: [[/^resolved\/microsoft-public\/MO1221364$/, 'Resolved: Microsoft Teams']],
        first: 'still-intermittent',
        advice: ['mail-delayed-not-lost', 'switch-channel'],
        notAdvice: ['wait-for-fix', 'do-not-reinstall', 'restart-client'],
        channels: ['chat', 'phone'],
        notChannels: ['email', 'web'],
      },
      'extended-recovery': {
        tray: 'degraded',
        notes: [],
        first: 'still-intermittent',
        advice: ['mail-delayed-not-lost', 'switch-channel'],
        notAdvice: ['wait-for-fix', 'do-not-reinstall', 'restart-client'],
        channels: ['chat', 'phone'],
        notChannels: ['email', 'web'],
      },
      resolved: {
        tray: 'ok',
        notes: [[/^resolved\/org-feed\/MO1221364$/, 'Resolved: Outlook / Exchange']],
        first: 'restart-client',
        advice: ['call-helpdesk'],
        notAdvice: ['wait-for-fix', 'do-not-reinstall', 'still-intermittent', 'switch-channel', 'mail-delayed-not-lost'],
      },
    });
    expectRestartAfterFix(EXCHANGE, r, last);
  });
});
