import { describe, expect, it } from 'vitest';
import type { ViewState } from '../../main/core/contract.js';
import { ALL_HEALTH } from '../../main/core/health.js';
import { INCIDENT_STATUSES, type IncidentUpdate, type SourceResult } from '../../main/core/model.js';
import { TRAY_STATES } from '../../main/core/tray/tray-icons.js';
import { healthMeaning, healthTone, healthWord, incidentStatusWord, trayWord } from '../../renderer/model/labels.js';
import {
  acknowledgementsOf,
  acknowledgesOpenIncident,
  announcement,
  dataAge,
  findIncident,
  overallAge,
  servicesWorstFirst,
  updatesNewestFirst,
} from '../../renderer/model/report.js';
import { formatAgo, formatDuration, formatUntil, formatWhen } from '../../renderer/model/time.js';
import { degradedState, helpdeskState, NOW, outageState, staleState, TWILIO_LONG_INCIDENT } from './scenarios.js';

const MIN = 60_000;
const UTC = { locale: 'en-GB', timeZone: 'UTC' } as const;

describe('ages and times', () => {
  it('says how long ago in the coarsest honest unit', () => {
    expect(formatAgo(NOW - 10_000, NOW)).toBe('just now');
    expect(formatAgo(NOW + 30_000, NOW)).toBe('just now');
    expect(formatAgo(NOW - 2 * MIN, NOW)).toBe('2 min ago');
    expect(formatAgo(NOW - 59 * MIN, NOW)).toBe('59 min ago');
    expect(formatAgo(NOW - 3 * 60 * MIN, NOW)).toBe('3 h ago');
    expect(formatAgo(NOW - 5 * 24 * 60 * MIN, NOW)).toBe('5 days ago');
  });

  it('gives absolute times relative to today, and the year only when it differs', () => {
    expect(formatWhen('2026-03-10T08:12:00Z', NOW, UTC)).toBe('today 08:12');
    expect(formatWhen('2026-03-09T22:05:00Z', NOW, UTC)).toBe('yesterday 22:05');
    expect(formatWhen('2026-03-11T08:00:00Z', NOW, UTC)).toBe('tomorrow 08:00');
    expect(formatWhen('2026-03-04T08:12:00Z', NOW, UTC)).toBe('Wed 4 Mar, 08:12');
    expect(formatWhen('2020-04-02T20:20:47Z', NOW, UTC)).toBe('2 Apr 2020, 20:20');
    expect(formatWhen('not a date', NOW, UTC)).toBeNull();
    expect(formatWhen(null, NOW, UTC)).toBeNull();
  });

  it('formats a pause end as a time today or with its day', () => {
    expect(formatUntil('2026-03-10T10:30:00Z', NOW, UTC)).toBe('10:30');
    expect(formatUntil('2026-03-11T08:00:00Z', NOW, UTC)).toBe('tomorrow 08:00');
  });

  it('formats probe timings', () => {
    expect(formatDuration(24)).toBe('24 ms');
    expect(formatDuration(1240)).toBe('1.2 s');
    expect(formatDuration(15_000)).toBe('15 s');
    expect(formatDuration(Number.NaN)).toBe('–');
  });
});

function source(overrides: Partial<SourceResult>): SourceResult {
  return {
    id: 's',
    type: 'statuspage',
    name: 'S',
    url: 'https://s.example',
    health: 'operational',
    fetchedAt: new Date(NOW - 2 * MIN).toISOString(),
    checkedAt: new Date(NOW).toISOString(),
    error: null,
    stale: false,
    components: [],
    incidents: [],
    upcoming: [],
    recentlyResolved: [],
    messages: [],
    warnings: [],
    ...overrides,
  };
}

describe('data age of a service', () => {
  it('reads "updated" from the oldest source', () => {
    const age = dataAge([source({}), source({ fetchedAt: new Date(NOW - 7 * MIN).toISOString() })], NOW, false);
    expect(age).toEqual({ tone: 'fresh', text: 'Updated 7 min ago', error: null });
  });

  it('calls old data stale and says why the last check failed', () => {
    const age = dataAge([source({ stale: true, health: 'unknown', fetchedAt: new Date(NOW - 3 * 60 * MIN).toISOString(), error: 'the request timed out' })], NOW, false);
    expect(age).toEqual({ tone: 'stale', text: 'Stale: last data 3 h ago', error: 'the request timed out' });
  });

  it('never claims data that was never fetched', () => {
    expect(dataAge([source({ fetchedAt: null, error: 'DNS failed' })], NOW, false)).toEqual({ tone: 'none', text: 'Could not check', error: 'DNS failed' });
    expect(dataAge([], NOW, false).text).toBe('No data yet');
  });

  it('says saved status is saved status', () => {
    expect(dataAge([source({})], NOW, true).text).toBe('Showing saved status, refreshing…');
  });

  it('reads the window-wide line from the state', () => {
    const state = outageState();
    expect(overallAge(state, NOW)).toBe('Updated 2 min ago');
    expect(overallAge({ ...state, refreshing: true }, NOW)).toBe('Refreshing…');
    expect(overallAge({ ...state, fromCache: true }, NOW)).toBe('Showing saved status, refreshing…');
    expect(overallAge({ ...state, updatedAt: null, report: null }, NOW)).toBe('Not checked yet');
  });
});

describe('ordering', () => {
  it('puts the worst service first and keeps catalog order among equals', () => {
    const services = (['operational', 'maintenance', 'outage', 'unknown', 'degraded', 'operational'] as const).map((health, i) => ({
      id: `s${i}`,
      name: `S${i}`,
      health,
      sourceIds: [],
      incidents: [],
      messages: [],
      notes: [],
      fallback: null,
    }));
    expect(servicesWorstFirst(services).map((s) => s.id)).toEqual(['s2', 's4', 's3', 's1', 's0', 's5']);
  });

  it('shows the recorded GitHub outage above the working Microsoft services', () => {
    expect(servicesWorstFirst(outageState().report?.services ?? []).map((s) => s.id)).toEqual(['github', 'outlook', 'teams']);
  });

  it('orders timeline posts newest first, undated posts last', () => {
    const post = (id: string, at: string | null): IncidentUpdate => ({ id, at, status: 'investigating', body: { format: 'text', content: id } });
    const sorted = updatesNewestFirst([post('a', '2026-03-10T08:00:00Z'), post('b', null), post('c', '2026-03-10T09:00:00Z'), post('d', 'garbage')]);
    expect(sorted.map((u) => u.id)).toEqual(['c', 'a', 'b', 'd']);
  });
});

describe('lookups on a real report', () => {
  it('finds the Twilio incident with its five posts', () => {
    const found = findIncident(degradedState().report, TWILIO_LONG_INCIDENT.sourceId, TWILIO_LONG_INCIDENT.incidentId);
    expect(found?.incident.title).toBe('SMS Delivery Delays from Subset of Twilio Short Codes to US Sprint');
    expect(found?.incident.updates).toHaveLength(5);
    expect(findIncident(degradedState().report, 'twilio', 'nope')).toBeNull();
    expect(findIncident(null, 'twilio', TWILIO_LONG_INCIDENT.incidentId)).toBeNull();
  });

  it('knows when IT has acknowledged an open incident', () => {
    const report = helpdeskState().report;
    if (!report) throw new Error('no report');
    const [message] = report.messages;
    expect(message && acknowledgesOpenIncident(message, report)).toBe(true);
    expect(acknowledgementsOf(report, 'EX1224375')).toHaveLength(1);
    expect(acknowledgementsOf(report, 'SP1224410')).toHaveLength(0);
    const closed = { ...report, sources: report.sources.map((s) => ({ ...s, incidents: [] })) };
    expect(message && acknowledgesOpenIncident(message, closed)).toBe(false);
  });
});

describe('live announcements', () => {
  const base: ViewState = outageState();

  it('stays quiet on the first state and on a poll with the same answer', () => {
    expect(announcement(null, base)).toBeNull();
    expect(announcement(base, { ...base, updatedAt: new Date(NOW).toISOString() })).toBeNull();
  });

  it('announces a refresh, a changed answer and a finished refresh', () => {
    expect(announcement(base, { ...base, refreshing: true })).toBe('Refreshing…');
    const stale = staleState();
    expect(announcement(base, stale)).toBe(`Status changed: ${stale.report?.verdict.title}`);
    expect(announcement({ ...base, refreshing: true }, base)).toBe('Status is up to date.');
  });
});

describe('labels', () => {
  it('has a word, a sentence and a glyph for every health; unknown is never ok', () => {
    for (const health of ALL_HEALTH) {
      expect(healthWord(health)).not.toBe('');
      expect(healthMeaning(health)).toMatch(/\.$/);
    }
    expect(healthTone('unknown')).toBe('unknown');
    expect(healthTone('operational')).toBe('ok');
    expect(healthMeaning('unknown')).toMatch(/cannot say it works/);
  });

  it('has words for every tray state and incident status', () => {
    expect(new Set(TRAY_STATES.map(trayWord)).size).toBe(TRAY_STATES.length);
    for (const status of INCIDENT_STATUSES) expect(incidentStatusWord(status)).not.toBe('');
  });
});
