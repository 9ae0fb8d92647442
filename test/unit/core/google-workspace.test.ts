import { describe, expect, it } from 'vitest';
import type { SourceSnapshot } from '../../../main/core/model.js';
import { parseGoogleWorkspace } from '../../../main/core/sources/google-workspace.js';
import { listFixtures, readFixture } from '../../helpers/fixtures.js';
import { hostileJsonTests, hugeBody, NOW } from './format-hostile.js';

const CHECKMK = 'google-workspace/EDITED-checkmk-gcp-incidents-2022-07-20-one-open-two-closed.json';
const BUILT = 'google-workspace/BUILT-FROM-SCHEMA-workspace-incidents-open-gmail-outage-closed-meet.json';
const CHECKMK_AT = Date.parse('2022-07-20T14:00:00Z');
const BUILT_AT = Date.parse('2026-09-18T06:30:00Z');

function snapshotOf(body: string, now = NOW): SourceSnapshot {
  const outcome = parseGoogleWorkspace(body, now);
  if (!outcome.ok) throw new Error(`expected a snapshot, got error: ${outcome.error}`);
  return outcome.snapshot;
}

const row = (over: Record<string, unknown> = {}) => ({
  id: 'inc1',
  begin: '2026-09-18T08:00:00+00:00',
  end: '2026-09-18T09:00:00+00:00',
  modified: '2026-09-18T09:00:00+00:00',
  external_desc: 'Gmail delays',
  status_impact: 'SERVICE_DISRUPTION',
  severity: 'medium',
  affected_products: [{ title: 'Gmail', id: 'gmail-id' }],
  uri: 'incidents/inc1',
  ...over,
});

describe('Google Workspace incidents.json: the fixtures', () => {
  it('parses every Google fixture', () => {
    for (const name of listFixtures('google-workspace')) expect(parseGoogleWorkspace(readFixture(name), NOW).ok, name).toBe(true);
  });

  it('the edited Google Cloud report: the one row without end is open and counts; the ended rows do not', () => {
    const snapshot = snapshotOf(readFixture(CHECKMK), CHECKMK_AT);
    expect(snapshot.health).toBe('degraded');
    expect(snapshot.incidents.map((i) => [i.id, i.health, i.startedAt])).toEqual([['mLBHeCxhRia17anXCSX1', 'degraded', '2022-07-19T14:17:00.000Z']]);
    expect(snapshot.incidents[0]?.affects).toEqual(['kzGfErQK3HzkFhptoeHH']);
    expect(snapshot.incidents[0]?.url).toBe('https://www.google.com/appsstatus/dashboard/incidents/mLBHeCxhRia17anXCSX1');
    // Ended 2022-07-19 15:47, within 24 h of the clock: history, for restart advice.
    expect(snapshot.recentlyResolved.map((i) => i.endedAt)).toEqual(['2022-07-19T15:47:00.000Z']);
    expect(snapshot.components.map((c) => [c.name, c.health])).toEqual([
      ['Secret Manager', 'degraded'],
      ['Google Cloud SQL', 'operational'],
    ]);
  });

  it('the Workspace example built from the schema: Gmail is out, Meet resolved, the title without Markdown', () => {
    const snapshot = snapshotOf(readFixture(BUILT), BUILT_AT);
    expect(snapshot.health).toBe('outage');
    expect(snapshot.pageName).toBe('Google Workspace');
    expect(snapshot.incidents).toHaveLength(1);
    expect(snapshot.incidents[0]).toMatchObject({ id: 'B5V4MfnVp97nxoTYbxdX', title: 'Users are unable to send or receive mail in Gmail', health: 'outage', affects: ['prPt2Yra2CbGsbEm9cpC'] });
    expect(snapshot.incidents[0]?.updates.map((u) => u.at)).toEqual(['2026-09-18T06:05:44.000Z', '2026-09-18T05:20:51.000Z']);
    expect(snapshot.recentlyResolved.map((i) => i.id)).toEqual(['x9sTq2Lm4NvB7cR1pK0d']);
    expect(snapshot.components.find((c) => c.name === 'Google Meet')?.health).toBe('operational');
    expect(snapshot.components.find((c) => c.name === 'Gmail')?.health).toBe('outage');
  });
});

describe('Google incidents: open vs closed and impact words', () => {
  it('only incidents without end (or ending later) count', () => {
    expect(snapshotOf(JSON.stringify([row()])).health).toBe('operational');
    expect(snapshotOf(JSON.stringify([row({ end: null })])).health).toBe('degraded');
    expect(snapshotOf(JSON.stringify([row({ end: '' })])).health).toBe('degraded');
    expect(snapshotOf(JSON.stringify([row({ end: undefined })])).health).toBe('degraded');
    expect(snapshotOf(JSON.stringify([row({ end: '2026-09-19T00:00:00Z' })])).health).toBe('degraded');
  });

  it('maps SERVICE_OUTAGE, SERVICE_DISRUPTION and SERVICE_INFORMATION; an unknown word is at least degraded, with a warning', () => {
    expect(snapshotOf(JSON.stringify([row({ end: null, status_impact: 'SERVICE_OUTAGE' })])).health).toBe('outage');
    const info = snapshotOf(JSON.stringify([row({ end: null, status_impact: 'service_information' })]));
    expect(info.health).toBe('degraded');
    expect(info.incidents[0]?.kind).toBe('advisory');
    const odd = snapshotOf(JSON.stringify([row({ end: null, status_impact: 'SERVICE_APOCALYPSE' })]));
    expect(odd.health).toBe('degraded');
    expect(odd.warnings.join(' ')).toMatch(/unknown Google status_impact "SERVICE_APOCALYPSE"/);
  });

  it('an end that is not a date keeps the incident open, with a warning', () => {
    const snapshot = snapshotOf(JSON.stringify([row({ end: 'soon' })]));
    expect(snapshot.health).toBe('degraded');
    expect(snapshot.warnings.join(' ')).toMatch(/not a date/);
  });

  it('a skipped row or an empty list cannot vouch for good health', () => {
    expect(snapshotOf(JSON.stringify([row(), 'junk'])).health).toBe('unknown');
    expect(snapshotOf(JSON.stringify([row(), { begin: '2026-09-18T08:00:00Z' }])).health).toBe('unknown');
    const empty = snapshotOf('[]');
    expect(empty.health).toBe('unknown');
    expect(empty.warnings.join(' ')).toMatch(/no incidents at all/);
  });

  it('an object or an unrelated array is not Google incidents.json', () => {
    expect(parseGoogleWorkspace('{"incidents":[]}', NOW)).toMatchObject({ ok: false, error: expect.stringMatching(/expected an array of incidents/) as unknown });
    expect(parseGoogleWorkspace('[{"name":"x"}]', NOW)).toMatchObject({ ok: false, error: expect.stringMatching(/no row has begin/) as unknown });
  });

  it('a hostile uri never becomes a link elsewhere', () => {
    for (const uri of ['https://evil.example/x', 'javascript:alert(1)', '../../x', 'incidents/../../evil']) {
      expect(snapshotOf(JSON.stringify([row({ end: null, uri })])).incidents[0]?.url, uri).toBeNull();
    }
  });
});

describe('Google incidents: hostile input', () => {
  hostileJsonTests('google-workspace', parseGoogleWorkspace, readFixture(BUILT));

  it('a huge list is capped, reported and unknown unless it shows a problem', () => {
    const body = hugeBody(1_900_000, (n) => Array.from({ length: n }, (_, i) => row({ id: `i${i}` })));
    const started = performance.now();
    const snapshot = snapshotOf(body);
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(snapshot.health).toBe('unknown');
    expect(snapshot.warnings.join(' ')).toMatch(/read only the first 500/);
  });
});
