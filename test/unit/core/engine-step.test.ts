/**
 * The engine's decisions as tables: `step(state, event)` driven by a fake clock, with fetch and
 * ladder results handed in as events. No sockets, no timers: the effects are the answer.
 */
import { describe, expect, it } from 'vitest';
import type { AppConfig } from '../../../main/core/settings/config.js';
import type { CaptiveResult, LadderResult } from '../../../main/core/verdict/connectivity-model.js';
import { DEFAULT_SETTINGS } from '../../../main/core/settings/settings.js';
import { initialEngineState, step } from '../../../main/core/engine/step.js';
import type { Effect, EngineEvent, EngineState, FetchResult } from '../../../main/core/engine/types.js';
import { ageResult, type FetchOutcome, type SourceMemory } from '../../../main/core/sources/source-fetch.js';
import { parseStatuspage } from '../../../main/core/sources/statuspage.js';
import { trayModel } from '../../../main/core/tray/tray-model.js';
import { viewOf } from '../../../main/core/engine/view.js';
import { readFixture } from '../../helpers/fixtures.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
// Noon local time: outside the default quiet hours wherever the tests run.
const T0 = new Date(2025, 2, 4, 12, 0, 0).getTime();
const OPERATIONAL = readFixture('statuspage/dropbox-components-2021-12-02-operational.json');
const OUTAGE = readFixture('statuspage/github-summary-2020-04-02-major-outage.json');

const captive = (outcome: CaptiveResult['outcome']): CaptiveResult => ({
  check: { id: 'ncsi', url: 'http://www.msftconnecttest.com/connecttest.txt', expectStatus: 200, expectBody: 'Microsoft Connect Test' },
  outcome,
  durationMs: 30,
  httpStatus: outcome === 'ok' ? 200 : 302,
  location: null,
  errorCode: null,
  detail: outcome,
});
const ladder = (portal = false): LadderResult => ({
  startedAt: new Date(T0).toISOString(),
  durationMs: 10,
  timedOut: false,
  link: { online: true, detail: 'test' },
  proxy: { mode: 'DIRECT', source: 'none' },
  captive: [captive(portal ? 'portal' : 'ok')],
  targets: [],
});

type Input = EngineEvent extends infer E ? (E extends unknown ? Omit<E, 'now' | 'random'> : never) : never;

/** The engine over one status page, ACME, with time and results in the test's hands. */
class World {
  now = T0;
  state: EngineState;
  effects: Effect[] = [];
  readonly config: AppConfig;

  constructor(options: { pollSeconds?: number; probes?: boolean; pageUrl?: boolean } = {}) {
    // Addressed by its summary document, the page is read in full every poll: the general rules.
    // By its page address it is polled lightly, through status.json (`pageUrl`).
    const url = options.pageUrl === true ? 'https://status.acme.example/' : 'https://status.acme.example/api/v2/summary.json';
    this.config = {
      watch: [],
      sources: [{ id: 'acme', type: 'statuspage', name: 'ACME', url, ...(options.pollSeconds ? { pollIntervalSeconds: options.pollSeconds } : {}) }],
      ...(options.probes === false ? { connectivity: { enabled: false } } : {}),
    };
    this.state = initialEngineState({ ...DEFAULT_SETTINGS, watch: [] }, this.config);
  }

  send(input: Input, random = 1): Effect[] {
    const result = step(this.state, { ...input, now: this.now, random } as EngineEvent);
    this.state = result.state;
    this.effects.push(...result.effects);
    return [...result.effects];
  }

  /** The latest `schedule` effect for a timer: when it fires (null: cleared or never set). */
  timer(key: string): number | null {
    const last = this.effects.filter((e): e is Effect & { kind: 'schedule' } => e.kind === 'schedule' && e.timer === key).at(-1);
    return last?.at ?? null;
  }

  lastFetch(): (Effect & { kind: 'fetch' }) | undefined {
    return this.effects.filter((e): e is Effect & { kind: 'fetch' } => e.kind === 'fetch').at(-1);
  }

  /** Answers the fetch in flight. */
  answer(kind: 'ok' | 'outage' | '304' | 'fail' | 'throw', extra: { retryAfterMs?: number; random?: number } = {}): Effect[] {
    const fetch = this.lastFetch();
    if (!fetch) throw new Error('no fetch asked for');
    const def = fetch.def;
    const interval = fetch.intervalMs;
    let result: FetchResult;
    const kept: SourceMemory = fetch.memory ?? { snapshot: null, fetchedAt: null, validators: null };
    if (kind === 'throw') result = { ok: false, error: 'parser exploded' };
    else if (kind === 'fail') {
      const failure = { kind: 'status' as const, status: 503, retryAfterMs: extra.retryAfterMs ?? null };
      const outcome: FetchOutcome = { result: ageResult(def, kept, 'HTTP 503', this.now, interval), memory: kept, reachedServer: true, failure, notModified: false, bytes: 0 };
      result = { ok: true, outcome, digest: null };
    } else if (kind === '304') {
      const memory = { ...kept, fetchedAt: this.now };
      result = { ok: true, outcome: { result: ageResult(def, memory, null, this.now, interval), memory, reachedServer: true, failure: null, notModified: true, bytes: 0 }, digest: null };
    } else {
      const parsed = parseStatuspage(kind === 'ok' ? OPERATIONAL : OUTAGE);
      if (!parsed.ok) throw new Error(parsed.error);
      const memory = { snapshot: parsed.snapshot, fetchedAt: this.now, validators: { etag: '"x"', lastModified: null } };
      result = { ok: true, outcome: { result: ageResult(def, memory, null, this.now, interval), memory, reachedServer: true, failure: null, notModified: false, bytes: 100 }, digest: kind };
    }
    return this.send({ kind: 'fetched', sourceId: fetch.sourceId, run: fetch.run, result }, extra.random ?? 1);
  }

  probed(result: LadderResult | null = ladder()): Effect[] {
    const probe = this.effects.filter((e): e is Effect & { kind: 'probe' } => e.kind === 'probe').at(-1);
    if (!probe) throw new Error('no probe asked for');
    return this.send({ kind: 'probed', mode: probe.mode, job: probe.job, result });
  }

  /** Moves the clock to `at` and fires the timer `key` there. */
  fire(key: 'source:acme' | 'ladder' | 'persist' | 'stale' | 'mute', at = this.timer(key)): Effect[] {
    if (at === null) throw new Error(`timer ${key} is not set`);
    this.now = at;
    // A timer that fired is gone.
    this.effects.push({ kind: 'schedule', timer: key, at: null });
    return this.send({ kind: 'tick', timer: key });
  }

  /** Started, first poll answered `ok`, first ladder run done. */
  static started(options: { pollSeconds?: number; probes?: boolean } = {}): World {
    const w = new World(options);
    w.send({ kind: 'start', cached: null });
    w.answer('ok');
    if (options.probes !== false) w.probed();
    return w;
  }
}

const kinds = (effects: readonly Effect[]): string[] => effects.map((e) => (e.kind === 'schedule' ? `schedule ${e.timer}` : e.kind));

describe('step: when a source is polled', () => {
  it.each<[string, Array<'ok' | 'outage' | '304' | 'fail' | 'throw'>, number, number]>([
    // name, answers in order, jitter roll, expected delay after the last answer
    ['regular interval, full roll', ['ok'], 1, 5 * MINUTE],
    ['regular interval, lowest roll: 20 % earlier, never later', ['ok'], 0, 4 * MINUTE],
    ['an open incident: every 2 min', ['outage'], 1, 2 * MINUTE],
    ['a 304 keeps the incident cadence', ['outage', '304'], 1, 2 * MINUTE],
    ['first failure backs off to 10 min', ['fail'], 1, 10 * MINUTE],
    ['then 20 min', ['fail', 'fail'], 1, 20 * MINUTE],
    ['capped at 30 min', ['fail', 'fail', 'fail', 'fail'], 1, 30 * MINUTE],
    ['a throwing fetch is a failure, not a crash', ['throw'], 1, 10 * MINUTE],
    ['success after failures starts over', ['fail', 'fail', 'ok'], 1, 5 * MINUTE],
  ])('%s', (_name, answers, roll, delay) => {
    const w = new World({ probes: false });
    w.send({ kind: 'start', cached: null });
    for (const [i, answer] of answers.entries()) {
      if (i > 0) w.fire('source:acme');
      w.answer(answer, { random: roll });
    }
    expect(w.timer('source:acme')).toBe(w.now + delay);
  });

  it('a Statuspage addressed by its page is polled lightly: every 2 min, whatever the general 5 min; an hourly choice too', () => {
    for (const pollSeconds of [undefined, 3600]) {
      const w = new World({ probes: false, pageUrl: true, ...(pollSeconds ? { pollSeconds } : {}) });
      w.send({ kind: 'start', cached: null });
      w.answer('ok', { random: 1 });
      expect(w.timer('source:acme')).toBe(w.now + 2 * MINUTE);
    }
    const chosen = new World({ probes: false, pageUrl: true, pollSeconds: 60 });
    chosen.send({ kind: 'start', cached: null });
    chosen.answer('ok', { random: 1 });
    expect(chosen.timer('source:acme')).toBe(chosen.now + MINUTE);
  });

  it('never polls a public page faster than once a minute, whatever is configured', () => {
    const w = new World({ probes: false, pollSeconds: 5 });
    w.send({ kind: 'start', cached: null });
    w.answer('ok', { random: 0 });
    expect(w.timer('source:acme')).toBe(T0 + 48 * SECOND);
  });

  it.each<[string, number | undefined, number]>([
    ['Retry-After longer than the backoff is honoured', 60 * MINUTE, 60 * MINUTE],
    ['a shorter Retry-After keeps the backoff', 1 * MINUTE, 10 * MINUTE],
    ['an absurd Retry-After is capped at 6 h', 100 * 60 * MINUTE, 6 * 60 * MINUTE],
  ])('%s', (_name, retryAfterMs, delay) => {
    const w = new World({ probes: false });
    w.send({ kind: 'start', cached: null });
    w.answer('fail', retryAfterMs === undefined ? {} : { retryAfterMs });
    expect(w.timer('source:acme')).toBe(T0 + delay);
  });
});

describe('step: refresh requests', () => {
  const table: Array<[string, (w: World) => void, EngineEvent['kind'] | 'refresh', 'user' | 'resume' | 'network-change', boolean, number | null]> = [
    // name, setup, -, reason, fetches at once, next poll timer afterwards (relative to T0)
    ['a user refresh runs at once, even in a backoff', (w) => w.answer('fail'), 'refresh', 'user', true, null],
    ['resume within 10 s of a good check is merged', (w) => w.answer('ok'), 'refresh', 'resume', false, 5 * MINUTE],
    ['a user refresh is never merged', (w) => w.answer('ok'), 'refresh', 'user', true, null],
    ['a network change 3 s after a failed check retries 10 s after it', (w) => w.answer('fail'), 'refresh', 'network-change', false, 10 * SECOND],
    ['nothing overrides Retry-After', (w) => w.answer('fail', { retryAfterMs: 60 * MINUTE }), 'refresh', 'user', false, 60 * MINUTE],
  ];
  it.each(table)('%s', (_name, setup, _kind, reason, fetches, timer) => {
    const w = new World({ probes: false });
    w.send({ kind: 'start', cached: null });
    setup(w);
    w.now += 3 * SECOND;
    const effects = w.send({ kind: 'refresh', reason, waiter: 1 });
    expect(effects.some((e) => e.kind === 'fetch')).toBe(fetches);
    if (timer !== null) expect(w.timer('source:acme')).toBe(T0 + timer);
  });

  it('never starts a second fetch while one is in flight; the refresh is answered by it', () => {
    const w = new World({ probes: false });
    w.send({ kind: 'start', cached: null });
    const effects = w.send({ kind: 'refresh', reason: 'user', waiter: 7 });
    expect(effects.filter((e) => e.kind === 'fetch')).toEqual([]);
    expect(viewOf(w.state, w.now).refreshing).toBe(true);
    const after = w.answer('ok');
    expect(after).toContainEqual({ kind: 'settled', waiter: 7 });
    expect(viewOf(w.state, w.now).refreshing).toBe(false);
  });

  it('a network change during a check that then fails retries 10 s later, not after the backoff', () => {
    const w = new World({ probes: false });
    w.send({ kind: 'start', cached: null });
    w.now += 4 * SECOND;
    w.send({ kind: 'refresh', reason: 'network-change', waiter: 1 });
    w.answer('fail');
    expect(w.timer('source:acme')).toBe(T0 + 14 * SECOND);
  });

  it('a result that arrives after stop is dropped, and stop clears every timer', () => {
    const w = World.started();
    w.fire('source:acme');
    const stopped = w.send({ kind: 'stop' });
    expect(stopped).toContainEqual({ kind: 'abort', target: 'source:acme' });
    for (const key of ['source:acme', 'ladder', 'stale', 'persist', 'mute']) expect(w.timer(key)).toBeNull();
    expect(w.answer('outage')).toEqual([]);
  });
});

describe('step: confirmation, notification, publishing', () => {
  it('a posted incident is shown and notified on the first poll that shows it, without a confirming ladder run', () => {
    const w = World.started();
    const effects = w.fire('source:acme');
    expect(kinds(effects)).toEqual(['fetch']);
    const answered = w.answer('outage');
    expect(answered.filter((e) => e.kind === 'notify').map((e) => e.kind === 'notify' && e.notification.key)).toEqual(['worse/acme/80d0cs6kpsps/yqsdhyw44qzj']);
    expect(answered.some((e) => e.kind === 'probe')).toBe(false);
    expect(w.state.report?.verdict.kind).toBe('provider-incident');
  });

  it('a sign-in page seen by one ladder run shows at once and notifies once; the next identical run says nothing', () => {
    const w = World.started();
    const first = w.send({ kind: 'diagnose', waiter: 1 });
    expect(first.filter((e) => e.kind === 'probe').map((e) => e.kind === 'probe' && e.mode)).toEqual(['full']);
    const shown = w.probed(ladder(true));
    expect(shown.filter((e) => e.kind === 'notify').map((e) => e.kind === 'notify' && e.notification.key)).toEqual(['local/captive-portal']);
    expect(shown).toContainEqual({ kind: 'settled', waiter: 1 });
    expect(w.state.report?.tray).toBe('local');
    // Troubled: the next full run within a minute.
    expect(w.timer('ladder')).toBe(w.now + MINUTE);
    const again = w.fire('ladder');
    expect(again.some((e) => e.kind === 'probe')).toBe(true);
    expect(w.probed(ladder(true)).filter((e) => e.kind === 'notify')).toEqual([]);
  });

  it('a light run that sees what the full run did not calls for the full ladder at once', () => {
    const w = World.started();
    expect(w.state.ladder.plannedMode).toBe('light');
    w.fire('ladder');
    const light = w.probed(ladder(true));
    expect(light.filter((e) => e.kind === 'probe').map((e) => e.kind === 'probe' && e.mode)).toEqual(['full']);
    expect(w.state.counters).toMatchObject({ full: 1, light: 1 });
  });

  it('a 304 rebuilds nothing and publishes nothing; new data publishes once', () => {
    const w = World.started();
    const rebuilds = w.state.counters.rebuilds;
    w.fire('source:acme');
    // Only the next poll and the staleness moment (the 304 made the data fresher) move.
    expect(kinds(w.answer('304'))).toEqual(['schedule source:acme', 'schedule stale']);
    expect(w.state.counters.rebuilds).toBe(rebuilds);
    w.fire('source:acme');
    expect(kinds(w.answer('outage')).filter((k) => k === 'publish')).toEqual(['publish']);
  });

  it('the cache is written at once, then at most every 30 s', () => {
    const w = World.started();
    expect(w.effects.filter((e) => e.kind === 'persist')).toHaveLength(1);
    w.now += 10 * SECOND;
    w.send({ kind: 'diagnose', waiter: 1 });
    const rebuilt = w.probed();
    expect(rebuilt.some((e) => e.kind === 'persist')).toBe(false);
    expect(w.timer('persist')).toBe(T0 + 30 * SECOND);
    expect(kinds(w.fire('persist'))).toEqual(['persist']);
  });
});

describe('step: the one staleness rule', () => {
  it.each<[string, number | undefined, number, boolean]>([
    // name, configured interval, stale after, "(stale)" in the tray 20 min after the last fetch
    ['default 5 min interval: stale after 15 min', undefined, 15 * MINUTE, true],
    ['an hourly source: stale after 3 h, not after a fixed 15 min', 3600, 3 * 60 * MINUTE, false],
  ])('%s', (_name, pollSeconds, after, staleAt20) => {
    const w = World.started(pollSeconds ? { pollSeconds } : {});
    expect(w.timer('stale')).toBe(T0 + after + 1);
    // A diagnostics run 20 min on rebuilds the report; tray and window read the same flag.
    w.now = T0 + 20 * MINUTE;
    w.send({ kind: 'diagnose', waiter: 1 });
    w.probed();
    expect(w.state.report?.sources[0]?.stale).toBe(staleAt20);
    expect(trayModel(viewOf(w.state, w.now), w.now, 'linux').tooltip.endsWith('(stale)')).toBe(staleAt20);
  });

  it('the source stops answering: at the stale moment the report is rebuilt, published, and says so', () => {
    const w = World.started();
    w.fire('source:acme');
    const effects = w.fire('stale');
    expect(effects.some((e) => e.kind === 'publish')).toBe(true);
    expect(w.state.report?.sources[0]).toMatchObject({ stale: true, health: 'unknown' });
    expect(trayModel(viewOf(w.state, w.now), w.now, 'linux').tooltip).toMatch(/\(stale\)$/);
  });
});

describe('step: settings', () => {
  it('a removed source stops: its fetch is aborted, its timer cleared, and a refresh waiting on it is answered', () => {
    const w = World.started();
    w.fire('source:acme');
    w.send({ kind: 'refresh', reason: 'user', waiter: 3 });
    const effects = w.send({ kind: 'settings', settings: w.state.settings, config: { ...w.config, sources: [] } });
    expect(effects).toContainEqual({ kind: 'abort', target: 'source:acme' });
    expect(w.timer('source:acme')).toBeNull();
    expect(w.state.sources.size).toBe(0);
    w.probed();
    expect(w.effects).toContainEqual({ kind: 'settled', waiter: 3 });
  });

  it('step never changes the state it is given', () => {
    const w = World.started();
    const before = w.state;
    const frozen = JSON.stringify({ ...before, sources: [...before.sources] });
    step(before, { kind: 'tick', timer: 'source:acme', now: T0 + 5 * MINUTE, random: 0.5 });
    expect(JSON.stringify({ ...before, sources: [...before.sources] })).toBe(frozen);
  });
});
