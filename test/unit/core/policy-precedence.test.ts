import { describe, expect, it } from 'vitest';
import { jsonPolicySet, plistPolicySets } from '../../../main/core/policy/policy-documents.js';
import { lockedWindowKeys, pollIntervalBounds, resolvePolicy } from '../../../main/core/policy/policy-effective.js';
import type { PolicyLevel, PolicySet } from '../../../main/core/policy/policy-types.js';

const json = (level: PolicyLevel, values: Record<string, unknown>): PolicySet => jsonPolicySet(JSON.stringify(values), level, `${level}.json`);

describe('precedence: machine policy > user policy > user setting > config file > recommended > default', () => {
  // Each row says which layers set pollIntervalSeconds (to a value of their own) and which one must win.
  const table: { layers: ('machine' | 'userPolicy' | 'user' | 'file' | 'recommended')[]; source: string; value: number; locked: boolean }[] = [
    { layers: [], source: 'default', value: 300, locked: false },
    { layers: ['recommended'], source: 'recommended', value: 500, locked: false },
    { layers: ['recommended', 'file'], source: 'config-file', value: 400, locked: false },
    { layers: ['recommended', 'file', 'user'], source: 'user', value: 900, locked: false },
    { layers: ['recommended', 'file', 'user', 'userPolicy'], source: 'user-policy', value: 1200, locked: true },
    { layers: ['recommended', 'file', 'user', 'userPolicy', 'machine'], source: 'machine-policy', value: 1800, locked: true },
    { layers: ['machine', 'recommended'], source: 'machine-policy', value: 1800, locked: true },
    { layers: ['userPolicy', 'file'], source: 'user-policy', value: 1200, locked: true },
    { layers: ['user', 'recommended'], source: 'user', value: 900, locked: false },
  ];
  for (const { layers, source, value, locked } of table) {
    it(`${layers.join(' + ') || 'nothing set'} → ${source}`, () => {
      const sets: PolicySet[] = [];
      if (layers.includes('machine')) sets.push(json('machine-policy', { PollIntervalSeconds: 1800 }));
      if (layers.includes('userPolicy')) sets.push(json('user-policy', { PollIntervalSeconds: 1200 }));
      if (layers.includes('recommended')) sets.push(json('recommended', { PollIntervalSeconds: 500 }));
      const outcome = resolvePolicy({
        sets,
        ...(layers.includes('file') ? { configFile: { pollIntervalSeconds: 400 } } : {}),
        ...(layers.includes('user') ? { user: { pollIntervalSeconds: 900 } } : {}),
      });
      expect(outcome.settings.find((s) => s.key === 'pollIntervalSeconds')).toEqual({ key: 'pollIntervalSeconds', value, source, locked });
      expect(outcome.errors).toEqual([]);
    });
  }

  it('merges groups field by field: a policy on one field leaves the others to the lower layers', () => {
    const outcome = resolvePolicy({ sets: [json('machine-policy', { NotificationsEnabled: false })], user: { notifications: { enabled: true, onWorse: false, onResolved: true, onLocal: true } } });
    const get = (key: string) => outcome.settings.find((s) => s.key === key);
    expect(get('notifications.enabled')).toMatchObject({ value: false, source: 'machine-policy', locked: true });
    expect(get('notifications.onWorse')).toMatchObject({ value: false, source: 'user', locked: false });
    expect(outcome.mandatory).toEqual({ notifications: { enabled: false } });
    // The window cannot edit a group in part: a forced field locks the group there.
    expect(lockedWindowKeys(outcome.lockedKeys)).toEqual(['notifications']);
  });

  it('rejects a bad value for its key alone and applies the rest of the same file', () => {
    const outcome = resolvePolicy({ sets: [json('machine-policy', { PollIntervalSeconds: 5, TenantName: 'contoso', Watch: ['outlook', 'nope'] })] });
    expect(outcome.errors.map((e) => [e.source, e.key])).toEqual([
      ['machine-policy', 'pollIntervalSeconds'],
      ['machine-policy', 'watch'],
    ]);
    expect(outcome.errors[0]?.message).toMatch(/^PollIntervalSeconds: /);
    expect(outcome.errors[1]?.message).toMatch(/^Watch: watch\[1\]: unknown service "nope"/);
    expect(outcome.settings.find((s) => s.key === 'tenantName')).toMatchObject({ value: 'contoso', locked: true });
    expect(outcome.settings.find((s) => s.key === 'pollIntervalSeconds')).toMatchObject({ value: 300, source: 'default', locked: false });
  });

  it('lets a watch policy name a service the config file defines', () => {
    const configFile = { sources: [{ id: 'acme', type: 'statuspage' as const, url: 'https://status.acme.example' }], services: [{ id: 'crm', name: 'CRM', sources: [{ source: 'acme' }] }] };
    const outcome = resolvePolicy({ sets: [json('machine-policy', { Watch: ['crm'] })], configFile });
    expect(outcome.errors).toEqual([]);
  });

  it('calls an unknown policy name an error, whatever its value', () => {
    const outcome = resolvePolicy({ sets: [json('machine-policy', { UpdateMode: 'none', __proto__x: 1 })] });
    expect(outcome.errors.map((e) => e.key)).toEqual(['UpdateMode', '__proto__x']);
    expect(outcome.errors[0]?.message).toMatch(/unknown policy name/);
  });

  it('bounds the poll interval by pollIntervalLimits, naming the limit as the source', () => {
    const outcome = resolvePolicy({ sets: [json('machine-policy', { PollIntervalLimitsMinSeconds: 600 })], user: { pollIntervalSeconds: 120 } });
    expect(outcome.settings.find((s) => s.key === 'pollIntervalSeconds')).toEqual({ key: 'pollIntervalSeconds', value: 600, source: 'machine-policy', locked: true });
    expect(pollIntervalBounds(outcome.mandatory)).toEqual({ min: 600, max: 3600 });
  });
});

describe('no coercion in JSON and plists', () => {
  const cases: [string, unknown, RegExp][] = [
    ['Watch', 'outlook', /expected an array/],
    ['PollIntervalSeconds', '600', /expected a whole number/],
    ['StartAtLogin', 1, /expected true or false/],
    ['StartAtLogin', 'true', /expected true or false/],
    ['Channels', '[]', /expected an array/],
    ['UpdatesMode', 'None', /./],
    ['OrgFeedUrl', '', /./],
  ];
  for (const [name, value, reason] of cases) {
    it(`${name}: ${JSON.stringify(value)} is rejected in JSON`, () => {
      const outcome = resolvePolicy({ sets: [json('machine-policy', { [name]: value })] });
      expect(outcome.errors).toHaveLength(1);
      expect(outcome.errors[0]?.message).toMatch(reason);
      expect(outcome.lockedKeys).toEqual([]);
    });
  }

  it('accepts null in JSON for a key that may be null, and an empty string for it in a plist (which has no null)', () => {
    expect(resolvePolicy({ sets: [json('machine-policy', { OrgFeedUrl: null })] }).settings.find((s) => s.key === 'orgFeedUrl')).toMatchObject({ value: null, locked: true });
    const plist = resolvePolicy({ sets: plistPolicySets({ OrgFeedUrl: '' }, 'machine-policy', 'device.plist') });
    expect(plist.errors).toEqual([]);
    expect(plist.settings.find((s) => s.key === 'orgFeedUrl')).toMatchObject({ value: null, locked: true });
  });

  it('rejects plist dates and data where a setting expects text', () => {
    const outcome = resolvePolicy({ sets: plistPolicySets({ TenantName: new Date(0), HelpdeskContact: new Uint8Array([1]) }, 'machine-policy', 'x.plist') });
    expect(outcome.errors.map((e) => e.key)).toEqual(['tenantName', 'helpdesk.contact']);
  });

  it('reports a file that is not a JSON object, and reads nothing from it', () => {
    const outcome = resolvePolicy({ sets: [jsonPolicySet('["Watch"]', 'machine-policy', '/etc/outage-radar/policy.json'), jsonPolicySet('{"Watch": [', 'recommended', '/etc/outage-radar/recommended.json')] });
    expect(outcome.errors.map((e) => [e.source, e.key])).toEqual([
      ['machine-policy', null],
      ['recommended', null],
    ]);
    expect(outcome.errors[1]?.message).toMatch(/^\/etc\/outage-radar\/recommended\.json: not valid JSON/);
  });
});

describe('plists: forced keys and the Recommended dictionary', () => {
  it('locks the root keys and offers the Recommended ones as changeable', () => {
    const outcome = resolvePolicy({ sets: plistPolicySets({ Watch: ['teams'], Recommended: { StartAtLogin: false } }, 'user-policy', 'user.plist') });
    expect(outcome.settings.find((s) => s.key === 'watch')).toMatchObject({ value: ['teams'], source: 'user-policy', locked: true });
    expect(outcome.settings.find((s) => s.key === 'startAtLogin')).toMatchObject({ value: false, source: 'recommended', locked: false });
  });

  it('reads a .mobileconfig through its payload for org.outageradar.desktop', () => {
    const profile = {
      PayloadType: 'Configuration',
      PayloadIdentifier: 'org.example.outage-radar',
      PayloadContent: [{ PayloadType: 'org.outageradar.desktop', PayloadIdentifier: 'x', PayloadUUID: 'u', PayloadVersion: 1, PollIntervalSeconds: 900 }],
    };
    const outcome = resolvePolicy({ sets: plistPolicySets(profile, 'machine-policy', 'p.mobileconfig') });
    expect(outcome.errors).toEqual([]);
    expect(outcome.settings.find((s) => s.key === 'pollIntervalSeconds')).toMatchObject({ value: 900, locked: true });
  });
});
