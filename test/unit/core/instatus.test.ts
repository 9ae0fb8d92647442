import { describe, expect, it } from 'vitest';
import type { SourceSnapshot } from '../../../main/core/model.js';
import { parseInstatus } from '../../../main/core/sources/instatus.js';
import { listFixtures, readFixture } from '../../helpers/fixtures.js';
import { hostileJsonTests, hugeBody, NOW } from './format-hostile.js';

const RECRAFT = 'instatus/recraft-instatus-summary-up-no-incident-arrays.json';
const MANYCHAT = 'instatus/manychat-instatus-summary-2026-05-06-up-with-open-degraded-incident.json';
const COMPONENTS = 'instatus/BUILT-FROM-DOCS-instatus-components-v2-one-degraded.json';

function snapshotOf(body: string): SourceSnapshot {
  const outcome = parseInstatus(body, NOW);
  if (!outcome.ok) throw new Error(`expected a snapshot, got error: ${outcome.error}`);
  return outcome.snapshot;
}

const summary = (status: unknown, extra: Record<string, unknown> = {}) => JSON.stringify({ page: { name: 'Acme', url: 'https://status.acme.example', status }, ...extra });

describe('Instatus: the recorded payloads', () => {
  it('parses every Instatus fixture', () => {
    for (const name of listFixtures('instatus')) expect(parseInstatus(readFixture(name), NOW).ok, name).toBe(true);
  });

  it('a healthy page leaves the incident lists out: operational', () => {
    const snapshot = snapshotOf(readFixture(RECRAFT));
    expect(snapshot.health).toBe('operational');
    expect(snapshot.pageName).toBe('Recraft');
    expect(snapshot.pageUrl).toBe('https://recraft.instatus.com/');
    expect(snapshot.incidents).toEqual([]);
    expect(snapshot.warnings).toEqual([]);
  });

  it('the page says UP while an incident is open: the incident wins (degraded)', () => {
    const snapshot = snapshotOf(readFixture(MANYCHAT));
    expect(snapshot.health).toBe('degraded');
    expect(snapshot.incidents).toEqual([
      expect.objectContaining({
        id: 'cmmxljn3s01ntuud42lsa7zud',
        title: 'Delays in Instagram automation',
        kind: 'incident',
        health: 'degraded',
        status: 'identified',
        impact: 'DEGRADEDPERFORMANCE',
        startedAt: '2026-03-17T03:00:00.000Z',
        updatedAt: '2026-05-06T15:19:52.073Z',
        url: 'https://status.manychat.com/cmmxljn3s01ntuud42lsa7zud',
      }),
    ]);
  });

  it('the components document: one component degraded, group names kept', () => {
    const snapshot = snapshotOf(readFixture(COMPONENTS));
    expect(snapshot.health).toBe('degraded');
    expect(snapshot.components.map((c) => [c.name, c.health])).toEqual([
      ['Group Record', 'operational'],
      ['Public API', 'degraded'],
      ['Integrations / Webhooks', 'operational'],
    ]);
  });
});

describe('Instatus words', () => {
  it('page status words, case- and separator-insensitive; an unknown one is unknown', () => {
    expect(snapshotOf(summary('UP')).health).toBe('operational');
    expect(snapshotOf(summary('HASISSUES')).health).toBe('degraded');
    expect(snapshotOf(summary('under_maintenance')).health).toBe('maintenance');
    const odd = snapshotOf(summary('ON_FIRE'));
    expect(odd.health).toBe('unknown');
    expect(odd.warnings.join(' ')).toMatch(/unknown Instatus page status "ON_FIRE"/);
  });

  it('a major outage is an outage; resolved incidents are gone; unknown impact is degraded', () => {
    const incidents = [
      { id: 'a', name: 'API down', status: 'INVESTIGATING', impact: 'MAJOROUTAGE' },
      { id: 'b', name: 'Old', status: 'RESOLVED', impact: 'MAJOROUTAGE' },
    ];
    const snapshot = snapshotOf(summary('HASISSUES', { activeIncidents: incidents }));
    expect(snapshot.health).toBe('outage');
    expect(snapshot.incidents.map((i) => i.id)).toEqual(['a']);
    expect(snapshotOf(summary('UP', { activeIncidents: [{ id: 'c', status: 'INVESTIGATING', impact: 'WEIRD' }] })).health).toBe('degraded');
  });

  it('maintenance in progress is maintenance, not started yet is upcoming with its end', () => {
    const maintenances = [
      { id: 'm1', name: 'Now', status: 'INPROGRESS', start: '2026-09-18T11:00:00Z', duration: '60' },
      { id: 'm2', name: 'Later', status: 'NOTSTARTEDYET', start: '2026-09-19T11:00:00Z', duration: '30' },
    ];
    const snapshot = snapshotOf(summary('UNDERMAINTENANCE', { activeMaintenances: maintenances }));
    expect(snapshot.health).toBe('maintenance');
    expect(snapshot.incidents.map((m) => [m.id, m.status, m.endsAt])).toEqual([['m1', 'in-progress', '2026-09-18T12:00:00.000Z']]);
    expect(snapshot.upcoming.map((m) => [m.id, m.status])).toEqual([['m2', 'scheduled']]);
  });

  it('lists of the wrong type and skipped rows cost the health', () => {
    expect(snapshotOf(summary('UP', { activeIncidents: 'none' })).health).toBe('unknown');
    expect(snapshotOf(summary('UP', { activeIncidents: [7] })).health).toBe('unknown');
    expect(snapshotOf(JSON.stringify([{ id: 'a', name: 'A', status: 'OPERATIONAL' }, null])).health).toBe('unknown');
  });

  it('the documented nested components form: children count, the parent does not', () => {
    const snapshot = snapshotOf(JSON.stringify([{ id: 'p', name: 'Parent', status: 'MAJOROUTAGE', isParent: true, children: [{ id: 'c', name: 'Child', status: 'PARTIALOUTAGE' }] }]));
    expect(snapshot.components.map((c) => [c.id, c.health])).toEqual([['c', 'outage']]);
  });

  it('a Statuspage summary is not Instatus: its components are unknown words, never green', () => {
    const outcome = parseInstatus(readFixture('statuspage/dropbox-components-2021-12-02-operational.json'), NOW);
    if (outcome.ok) expect(outcome.snapshot.health).not.toBe('operational');
  });
});

describe('Instatus: hostile input', () => {
  hostileJsonTests('instatus', parseInstatus, readFixture(MANYCHAT));

  it('a huge components list is capped, reported and unknown', () => {
    const body = hugeBody(1_500_000, (n) => ({ components: Array.from({ length: n }, (_, i) => ({ id: `c${i}`, name: `C${i}`, status: 'OPERATIONAL' })) }));
    const started = performance.now();
    const snapshot = snapshotOf(body);
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(snapshot.components).toHaveLength(500);
    expect(snapshot.health).toBe('unknown');
  });
});
