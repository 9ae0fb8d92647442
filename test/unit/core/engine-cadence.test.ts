import { describe, expect, it } from 'vitest';
import type { CaptiveOutcome, LadderResult, ProbeStep, StepResult, TargetResult } from '../../../main/core/verdict/connectivity-model.js';
import {
  FRESHNESS_REPUBLISH_MS,
  LADDER_CADENCE,
  ladderClimate,
  nextLadderRun,
  pollWork,
  sentinelChange,
  viewDiffers,
  type ClimateInput,
  type LadderClimate,
  type PollWorkInput,
  type ViewSummary,
} from '../../../main/core/engine/engine-cadence.js';
import { earliestStaleAt } from '../../../main/core/staleness.js';

const MIN = 60_000;
const T = 1_000_000_000;

describe('ladderClimate', () => {
  it.each<[string, ClimateInput, LadderClimate]>([
    ['green, nothing pending', { tray: 'ok', shownKind: 'all-good', pendingConfirmation: false }, 'calm'],
    ['maintenance', { tray: 'maintenance', shownKind: 'provider-incident', pendingConfirmation: false }, 'calm'],
    ['a confirmed provider incident', { tray: 'outage', shownKind: 'provider-incident', pendingConfirmation: false }, 'incident'],
    ['unknown', { tray: 'unknown', shownKind: 'unknown', pendingConfirmation: false }, 'incident'],
    ['a verdict waiting for confirmation', { tray: 'ok', shownKind: 'all-good', pendingConfirmation: true }, 'troubled'],
    ['a local problem', { tray: 'local', shownKind: 'blocked', pendingConfirmation: false }, 'troubled'],
    ['their endpoints fail, nothing posted', { tray: 'degraded', shownKind: 'provider-unconfirmed', pendingConfirmation: false }, 'troubled'],
  ])('%s -> %s', (_name, input, climate) => {
    expect(ladderClimate(input)).toBe(climate);
  });
});

describe('nextLadderRun', () => {
  it.each<[string, LadderClimate, number | null, number | null, number, { mode: string; at: number }]>([
    ['never run: full now', 'calm', null, null, T, { mode: 'full', at: T }],
    ['calm, just after a full run: light in 5 min', 'calm', T, null, T, { mode: 'light', at: T + 5 * MIN }],
    ['calm, after a light run: the next light 5 min later', 'calm', T, T + 5 * MIN, T + 5 * MIN, { mode: 'light', at: T + 10 * MIN }],
    ['calm, the full run is due every two hours', 'calm', T, T + 115 * MIN, T + 115 * MIN, { mode: 'full', at: T + 120 * MIN }],
    ['incident: full every 30 min', 'incident', T, T + 25 * MIN, T + 25 * MIN, { mode: 'full', at: T + 30 * MIN }],
    ['troubled: full every minute', 'troubled', T, null, T, { mode: 'full', at: T + MIN }],
    ['overdue: now, never in the past', 'calm', T, T + 100 * MIN, T + 150 * MIN, { mode: 'full', at: T + 150 * MIN }],
  ])('%s', (_name, climate, lastFullAt, lastLightAt, now, expected) => {
    expect(nextLadderRun({ climate, now, lastFullAt, lastLightAt })).toEqual(expected);
  });

  it('runs the full ladder at most 12 times a day while calm and 48 during an incident', () => {
    const fullPerDay = (climate: LadderClimate): number => {
      let now = T;
      let lastFull: number | null = T;
      let lastLight: number | null = null;
      let full = 0;
      while (now < T + 24 * 60 * MIN) {
        const next = nextLadderRun({ climate, now, lastFullAt: lastFull, lastLightAt: lastLight });
        now = next.at;
        if (next.mode === 'full') {
          full += 1;
          lastFull = now;
        } else lastLight = now;
      }
      return full;
    };
    expect(fullPerDay('calm')).toBe(12);
    expect(fullPerDay('incident')).toBe(48);
    expect(LADDER_CADENCE.calm.lightMs).toBe(5 * MIN);
  });
});

/** A target that got as far as `tcp` (`ok`: connected) and, in a full run, on through tls and http. */
function target(id: string, tcp: 'ok' | 'fail', full: boolean): TargetResult {
  const step = (name: ProbeStep, outcome: StepResult['outcome']): StepResult => ({ step: name, outcome, startedAt: new Date(T).toISOString(), durationMs: 1, errorCode: outcome === 'fail' ? 'ECONNREFUSED' : null, detail: '' });
  const rest: StepResult[] = tcp === 'ok' && full ? [step('tls', 'ok'), step('http', 'ok')] : [step('tls', 'skipped'), step('http', 'skipped')];
  return {
    target: { id, url: `https://${id}.example/`, role: 'service', serviceId: id, expectedIssuers: [] },
    path: 'DIRECT',
    steps: [step('proxy', 'ok'), step('dns', 'ok'), step('tcp', tcp), ...rest],
    failedAt: tcp === 'fail' ? 'tcp' : null,
    reachable: tcp === 'ok' && full,
    httpStatus: null,
  };
}

function withTargets(result: LadderResult, targets: TargetResult[]): LadderResult {
  return { ...result, targets };
}

function ladder(captive: Record<string, CaptiveOutcome>, online: boolean | null = true): LadderResult {
  return {
    startedAt: new Date(T).toISOString(),
    durationMs: 10,
    timedOut: false,
    link: { online, detail: '' },
    proxy: { mode: 'DIRECT', source: 'none' },
    captive: Object.entries(captive).map(([id, outcome]) => ({
      check: { id, url: `http://127.0.0.1/${id}`, expectStatus: 204, expectBody: null },
      outcome,
      durationMs: 1,
      httpStatus: null,
      location: null,
      errorCode: null,
      detail: '',
    })),
    targets: [],
  };
}

describe('sentinelChange', () => {
  it.each<[string, LadderResult, LadderResult | null, boolean]>([
    ['same as the last full run', ladder({ ncsi: 'ok' }), ladder({ ncsi: 'ok' }), false],
    ['a sign-in page appeared', ladder({ ncsi: 'portal' }), ladder({ ncsi: 'ok' }), true],
    ['the checks stopped answering (network or DNS gone)', ladder({ ncsi: 'unreachable' }), ladder({ ncsi: 'ok' }), true],
    ['the problem went away', ladder({ ncsi: 'ok' }), ladder({ ncsi: 'portal' }), true],
    ['the link went down', ladder({ ncsi: 'ok' }, false), ladder({ ncsi: 'ok' }), true],
    ['no full run to compare with', ladder({ ncsi: 'ok' }), null, true],
    ['no captive checks configured', ladder({}), ladder({}), false],
    [
      'a service host still accepts connections (the light run stops at tcp)',
      withTargets(ladder({ ncsi: 'ok' }), [target('outlook', 'ok', false)]),
      withTargets(ladder({ ncsi: 'ok' }), [target('outlook', 'ok', true)]),
      false,
    ],
    [
      'a service host stopped accepting connections (a firewall or DNS filter), the rest unchanged',
      withTargets(ladder({ ncsi: 'ok' }), [target('outlook', 'fail', false), target('teams', 'ok', false)]),
      withTargets(ladder({ ncsi: 'ok' }), [target('outlook', 'ok', true), target('teams', 'ok', true)]),
      true,
    ],
    [
      'a blocked service host accepts connections again',
      withTargets(ladder({ ncsi: 'ok' }), [target('outlook', 'ok', false)]),
      withTargets(ladder({ ncsi: 'ok' }), [target('outlook', 'fail', true)]),
      true,
    ],
  ])('%s', (_name, light, full, changed) => {
    expect(sentinelChange(light, full) !== null).toBe(changed);
  });
});

describe('pollWork', () => {
  const calm: PollWorkInput = { changed: false, awaitsPoll: false, now: T, staleAt: null, publishedUpdatedAt: T - MIN, newestFetchAt: T };
  it.each<[string, Partial<PollWorkInput>, 'rebuild' | 'none']>([
    ['a 304 or identical body, nothing pending', {}, 'none'],
    ['new data', { changed: true }, 'rebuild'],
    ['a decision waits for this poll to agree', { awaitsPoll: true }, 'rebuild'],
    ['a source turned stale since the last rebuild', { staleAt: T - 1 }, 'rebuild'],
    ['a source turns stale later', { staleAt: T + 1 }, 'none'],
    ['the window is far behind on freshness', { publishedUpdatedAt: T - FRESHNESS_REPUBLISH_MS }, 'rebuild'],
    ['nothing published yet', { publishedUpdatedAt: null }, 'rebuild'],
  ])('%s -> %s', (_name, patch, expected) => {
    expect(pollWork({ ...calm, ...patch })).toBe(expected);
  });
});

describe('earliestStaleAt', () => {
  it('is the first source to pass three intervals after the last rebuild; already-stale ones do not count again', () => {
    const sources = [
      { fetchedAt: T, intervalMs: 5 * MIN },
      { fetchedAt: T - 10 * MIN, intervalMs: 5 * MIN },
      { fetchedAt: T - 60 * MIN, intervalMs: 5 * MIN },
      { fetchedAt: null, intervalMs: 5 * MIN },
    ];
    expect(earliestStaleAt(sources, T)).toBe(T + 5 * MIN + 1);
    expect(earliestStaleAt([], T)).toBeNull();
  });
});

describe('viewDiffers', () => {
  const report = { any: 'report' };
  const base: ViewSummary = { report, fromCache: false, refreshing: false, mutedUntil: null, tray: 'ok', overall: 'operational', updatedAt: '2025-03-04T12:00:00.000Z' };
  it.each<[string, Partial<ViewSummary>, boolean]>([
    ['the same report object and fields', {}, false],
    ['a rebuilt report, even with the same content', { report: { any: 'report' } }, true],
    ['refreshing', { refreshing: true }, true],
    ['muted', { mutedUntil: '2025-03-04T13:00:00.000Z' }, true],
    ['fresher data', { updatedAt: '2025-03-04T12:05:00.000Z' }, true],
  ])('%s -> %s', (_name, patch, differs) => {
    expect(viewDiffers(base, { ...base, ...patch })).toBe(differs);
  });
  it('the first view always differs', () => expect(viewDiffers(null, base)).toBe(true));
});
