import { describe, expect, it } from 'vitest';
import { FULL_READ_EVERY_MS, fullReadReason, NO_LIGHT_MEMORY, parsePageStatus, type LightMemory } from '../../../main/core/sources/statuspage-light.js';
import { readFixture } from '../../helpers/fixtures.js';

const T0 = Date.parse('2026-12-02T08:00:00Z');
const calm = { updatedAt: '2026-12-02T07:00:00Z', indicator: 'none' };
const afterFull: LightMemory = { validators: null, last: calm, atFullRead: calm, fullReadAt: T0 };

/** status.json is the first two keys of the summary: page and status. */
function statusOf(summaryFixture: string): string {
  const summary = JSON.parse(readFixture(summaryFixture)) as { page: unknown; status: unknown };
  return JSON.stringify({ page: summary.page, status: summary.status });
}

describe('Statuspage light polling', () => {
  it('reads page.updated_at and the indicator of recorded pages', () => {
    expect(parsePageStatus(statusOf('statuspage/github-summary-2020-04-02-major-outage.json'))).toEqual({ ok: true, status: { updatedAt: expect.any(String), indicator: 'major' } });
    expect(parsePageStatus(statusOf('statuspage/cloudamqp-summary-2020-07-16-under-maintenance.json'))).toMatchObject({ ok: true, status: { indicator: expect.any(String) } });
  });

  it('refuses what is not status.json', () => {
    for (const body of ['', '<html></html>', '[]', '{"page":{}}', '{"status":{"indicator":"none"}}', '{"page":{"updated_at":1},"status":{"indicator":"none"}}']) {
      expect(parsePageStatus(body).ok, body).toBe(false);
    }
  });

  it.each([
    ['no full read yet', calm, NO_LIGHT_MEMORY, true, T0, 'first read'],
    ['no snapshot kept', calm, afterFull, false, T0, 'first read'],
    ['nothing changed', calm, afterFull, true, T0 + 60_000, null],
    ['30 minutes since the last full read', calm, afterFull, true, T0 + FULL_READ_EVERY_MS, 'periodic full read'],
    ['an incident moved the indicator', { ...calm, indicator: 'minor' }, afterFull, true, T0 + 60_000, 'indicator minor'],
    // Real pages show indicator none with an open incident, and maintenance changes no indicator.
    ['an incident or maintenance posted under indicator none', { ...calm, updatedAt: '2026-12-02T08:00:30Z' }, afterFull, true, T0 + 60_000, 'page updated'],
  ] as const)('%s', (_name, now, memory, hasSnapshot, at, reason) => {
    expect(fullReadReason(now, memory, hasSnapshot, at)).toBe(reason);
  });

  it('keeps reading in full while the indicator is not none, even when nothing else changed', () => {
    const troubled = { ...calm, indicator: 'major' };
    expect(fullReadReason(troubled, { ...afterFull, atFullRead: troubled, last: troubled }, true, T0 + 60_000)).toBe('indicator major');
  });
});
