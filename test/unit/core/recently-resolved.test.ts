/**
 * Incidents resolved in the last 24 hours are kept apart as recently resolved: not open, not
 * health, but the advice needs them (a client running since before the fix may need a restart).
 * Org feed and Statuspage; the recorded Statuspage incidents.json documents carry resolved_at.
 */
import { describe, expect, test } from 'vitest';
import { parseOrgFeed } from '../../../main/core/sources/org-feed.js';
import { parseStatuspage } from '../../../main/core/sources/statuspage.js';
import { incidentPhase } from '../../../main/core/advice/phases.js';
import type { SourceSnapshot } from '../../../main/core/model.js';
import { readFixture } from '../../helpers/fixtures.js';

const NOW = Date.parse('2026-01-22T18:00:00Z');
const HOUR = 3_600_000;
const iso = (ms: number): string => new Date(ms).toISOString();

function orgFeed(incidents: readonly Record<string, unknown>[], services: readonly Record<string, unknown>[] = []): SourceSnapshot {
  const body = JSON.stringify({ format: 'outage-radar/org-feed', version: 1, generatedAt: iso(NOW), services, incidents });
  const outcome = parseOrgFeed(body, NOW);
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome.snapshot;
}

const exchange = (fields: Record<string, unknown>): Record<string, unknown> => ({
  id: 'MO1221364',
  title: 'Mail not sending or receiving',
  service: 'Exchange Online',
  classification: 'incident',
  health: 'outage',
  status: 'resolved',
  startedAt: iso(NOW - 10 * HOUR),
  ...fields,
});

describe('org feed: resolved incidents', () => {
  test('one resolved 2 h ago is kept as recently resolved with its end time; one resolved 30 h ago is dropped', () => {
    const snapshot = orgFeed(
      [exchange({ id: 'RECENT', endedAt: iso(NOW - 2 * HOUR) }), exchange({ id: 'OLD', status: 'postmortem', endedAt: iso(NOW - 30 * HOUR) })],
      [{ name: 'Exchange Online', health: 'operational' }],
    );
    expect(snapshot.recentlyResolved.map((i) => [i.id, i.endedAt])).toEqual([['RECENT', iso(NOW - 2 * HOUR)]]);
    expect(snapshot.incidents).toEqual([]);
    expect(snapshot.health).toBe('operational');
  });

  test('an incident whose endedAt has passed counts as resolved even if its status word lags', () => {
    const snapshot = orgFeed([exchange({ status: 'monitoring', endedAt: iso(NOW - HOUR) })]);
    expect(snapshot.recentlyResolved.map((i) => i.id)).toEqual(['MO1221364']);
    expect(snapshot.incidents).toEqual([]);
  });

  test('a resolved incident without an end time says nothing about when to restart: not kept', () => {
    expect(orgFeed([exchange({})]).recentlyResolved).toEqual([]);
  });

  test("Microsoft's restoringService, extendedRecovery and mitigated read as restoring, not unknown", () => {
    for (const word of ['restoringService', 'extendedRecovery', 'Mitigated']) {
      const snapshot = orgFeed([exchange({ status: word })]);
      const [open] = snapshot.incidents;
      expect(open?.status, word).toBe('monitoring');
      expect(snapshot.warnings, word).toEqual([]);
      expect(incidentPhase({ status: open?.status ?? '', endedAt: open?.endedAt ?? null }, NOW), word).toBe('restoring');
      // Still open: its health still counts.
      expect(snapshot.health, word).toBe('outage');
    }
  });
});

describe('Statuspage: resolved incidents', () => {
  const GITHUB = readFixture('statuspage/github-incidents-json-2024-09-17-two-incidents-with-updates.json');
  // 2024-09-16T22:08:39Z and 14:28:03Z are the two resolved_at times in the recording.

  test('incidents.json: those resolved in the 24 h before now are kept, with resolved_at as their end', () => {
    const outcome = parseStatuspage(GITHUB, Date.parse('2024-09-17T12:00:00Z'));
    if (!outcome.ok) throw new Error(outcome.error);
    expect(outcome.snapshot.recentlyResolved.map((i) => [i.id, i.endedAt, i.status])).toEqual([
      ['69sb0f8lydp4', '2024-09-16T22:08:39.333Z', 'resolved'],
      ['r3x7x31k7nn1', '2024-09-16T14:28:03.812Z', 'resolved'],
    ]);
    expect(outcome.snapshot.incidents).toEqual([]);
  });

  test('one resolved more than 24 h ago is dropped; health is unchanged by either', () => {
    const now = Date.parse('2024-09-17T18:00:00Z');
    const outcome = parseStatuspage(GITHUB, now);
    if (!outcome.ok) throw new Error(outcome.error);
    expect(outcome.snapshot.recentlyResolved.map((i) => i.id)).toEqual(['69sb0f8lydp4']);
    const without = parseStatuspage(GITHUB);
    if (!without.ok) throw new Error(without.error);
    expect(outcome.snapshot.health).toBe(without.snapshot.health);
    expect(outcome.snapshot.warnings).toEqual(without.snapshot.warnings);
  });
});
