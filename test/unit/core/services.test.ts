import { describe, expect, it } from 'vitest';
import type { SourceDef } from '../../../main/core/sources/catalog.js';
import type { SourceResult } from '../../../main/core/model.js';
import { serviceStatus } from '../../../main/core/sources/services.js';
import { ageResult, parseSourceBody } from '../../../main/core/sources/source-fetch.js';
import { readFixture } from '../../helpers/fixtures.js';

const NOW = Date.parse('2026-11-21T12:00:00Z');
const FIVE_MIN = 300_000;

function resultFrom(def: SourceDef, fixture: string, fetchedAt = NOW): SourceResult {
  const parsed = parseSourceBody(def.type, readFixture(fixture), NOW);
  if (!parsed.ok) throw new Error(parsed.error);
  return ageResult(def, { snapshot: parsed.snapshot, fetchedAt, validators: null }, null, NOW, FIVE_MIN);
}

const github: SourceDef = { id: 'github', type: 'statuspage', name: 'GitHub', url: 'http://127.0.0.1/', pollIntervalSeconds: null };
const twilio: SourceDef = { id: 'twilio', type: 'statuspage', name: 'Twilio', url: 'http://127.0.0.1/', pollIntervalSeconds: null };
const ms: SourceDef = { id: 'microsoft-public', type: 'microsoft-public', name: 'Microsoft 365 public status', url: 'http://127.0.0.1/', pollIntervalSeconds: null };

describe('service health from sources', () => {
  it('a whole-source service takes the source health and its incidents', () => {
    const results = new Map([['github', resultFrom(github, 'statuspage/github-summary-2020-04-02-major-outage.json')]]);
    const status = serviceStatus({ id: 'github', name: 'GitHub', sources: [{ source: 'github' }], fallback: null }, results);
    expect(status.health).toBe('outage');
    expect(status.incidents.map((i) => i.id)).toEqual(['80d0cs6kpsps']);
  });

  it('a component filter looks only at the chosen components (by name or id, any case)', () => {
    const results = new Map([['twilio', resultFrom(twilio, 'statuspage/twilio-summary-2020-06-16-degraded-2-incidents-groups.json')]]);
    const degradedOnly = serviceStatus(
      { id: 'sms', name: 'SMS', sources: [{ source: 'twilio', components: ['sms short code, north america'] }], fallback: null },
      results,
    );
    expect(degradedOnly.health).toBe('degraded');
    expect(degradedOnly.incidents.map((i) => i.id)).toEqual(['r0f0vdz8vrgm']);
    // Studio is operational and neither open incident names it: Twilio's trouble is not Studio's.
    const healthy = serviceStatus({ id: 'studio', name: 'Studio', sources: [{ source: 'twilio', components: ['Studio'] }], fallback: null }, results);
    expect(healthy.health).toBe('operational');
    expect(healthy.incidents).toEqual([]);
  });

  it('a filter that matches nothing says so instead of claiming health', () => {
    const results = new Map([['github', resultFrom(github, 'statuspage/github-summary-2020-04-02-major-outage.json')]]);
    const status = serviceStatus({ id: 'x', name: 'X', sources: [{ source: 'github', components: ['No Such Thing'] }], fallback: null }, results);
    expect(status.health).toBe('unknown');
    expect(status.notes.join(' ')).toMatch(/does not mention No Such Thing/);
  });

  it('Microsoft’s public banner covers every Microsoft 365 service', () => {
    const results = new Map([['microsoft-public', resultFrom(ms, 'microsoft-public-status/status-cloud-microsoft-api-posts-mac-2026-09-18.json')]]);
    const status = serviceStatus(
      { id: 'outlook', name: 'Outlook', sources: [{ source: 'microsoft-public' }, { source: 'org-feed', msServices: ['Exchange Online'] }], fallback: null },
      results,
    );
    // The org feed was not checked, so the service cannot be vouched for.
    expect(status.health).toBe('unknown');
    const publicOnly = serviceStatus({ id: 'outlook', name: 'Outlook', sources: [{ source: 'microsoft-public' }], fallback: null }, results);
    expect(publicOnly.health).toBe('operational');
  });

  it("a banner post about Teams alone marks Teams degraded and leaves Outlook operational; one naming no service covers both", () => {
    const banner = (post: Record<string, unknown>): Map<string, SourceResult> => {
      const recorded = JSON.parse(readFixture('microsoft-public-status/status-cloud-microsoft-api-posts-mac-2026-09-18.json')) as Record<string, unknown>;
      const parsed = parseSourceBody('microsoft-public', JSON.stringify({ ...recorded, Status: 'ServiceDegradation', ...post }), NOW);
      if (!parsed.ok) throw new Error(parsed.error);
      return new Map([['microsoft-public', ageResult(ms, { snapshot: parsed.snapshot, fetchedAt: NOW, validators: null }, null, NOW, FIVE_MIN)]]);
    };
    const service = (id: string, msServices: string[]) => ({ id, name: id, sources: [{ source: 'microsoft-public', msServices }], fallback: null });
    const teamsPost = banner({ Title: 'Microsoft Teams access issues', Message: '<div>More information under TM252802.</div>' });
    expect(serviceStatus(service('teams', ['Microsoft Teams']), teamsPost)).toMatchObject({ health: 'degraded', incidents: [{ id: 'TM252802' }] });
    expect(serviceStatus(service('outlook', ['Exchange Online']), teamsPost)).toMatchObject({ health: 'operational', incidents: [] });
    const vague = banner({ Title: 'Service degradation', Message: '<div>Some users are affected.</div>' });
    for (const [id, names] of [['teams', ['Microsoft Teams']], ['outlook', ['Exchange Online']]] as const) {
      expect(serviceStatus(service(id, [...names]), vague).health).toBe('degraded');
    }
  });

  it('Google Workspace names a product only in its incidents: Gmail with an open outage is out, Google Calendar (never named) is operational', () => {
    const google: SourceDef = { id: 'google-workspace', type: 'google-workspace', name: 'Google Workspace', url: 'http://127.0.0.1/', pollIntervalSeconds: null };
    const parsed = parseSourceBody('google-workspace', readFixture('google-workspace/BUILT-FROM-SCHEMA-workspace-incidents-open-gmail-outage-closed-meet.json'), Date.parse('2026-09-18T06:30:00Z'));
    if (!parsed.ok) throw new Error(parsed.error);
    const at = Date.parse('2026-09-18T06:30:00Z');
    const results = new Map([['google-workspace', ageResult(google, { snapshot: parsed.snapshot, fetchedAt: at, validators: null }, null, at, FIVE_MIN)]]);
    const product = (name: string) => serviceStatus({ id: name.toLowerCase(), name, sources: [{ source: 'google-workspace', components: [name] }], fallback: null }, results);
    expect(product('Gmail').health).toBe('outage');
    expect(product('Google Calendar')).toMatchObject({ health: 'operational', incidents: [] });
  });

  it('stale data is unknown, whatever it said', () => {
    const old = resultFrom(github, 'statuspage/github-summary-2020-04-02-major-outage.json', NOW - 3 * FIVE_MIN - 1);
    expect(old.health).toBe('unknown');
    expect(old.stale).toBe(true);
    expect(old.incidents.length).toBe(1);
    const status = serviceStatus({ id: 'github', name: 'GitHub', sources: [{ source: 'github' }], fallback: null }, new Map([['github', old]]));
    expect(status.health).toBe('unknown');
  });
});
