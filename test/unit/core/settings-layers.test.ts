import { describe, expect, it } from 'vitest';
import { resolveWatchPlan } from '../../../main/core/settings/config.js';
import type { ConfigDocument } from '../../../main/core/generated/config-document.js';
import { DEFAULT_SETTINGS, effectiveSettings, layerAfterChange, mergeLayers, settingsToAppConfig } from '../../../main/core/settings/settings-layers.js';

const FILE: ConfigDocument = {
  pollIntervalSeconds: 900,
  tenantName: 'Contoso',
  orgFeedUrl: 'https://feeds.contoso.example/feed.json',
  quietHours: { enabled: true },
  network: { proxy: 'http://proxy.contoso.example:8080' },
  connectivity: { baseline: ['https://intranet.contoso.example/'] },
};

describe('effective settings = window > config file > defaults', () => {
  const cases: Array<{ name: string; file: ConfigDocument; window: ConfigDocument; expect: Partial<typeof DEFAULT_SETTINGS> }> = [
    { name: 'nothing set: the defaults', file: {}, window: {}, expect: DEFAULT_SETTINGS },
    { name: 'the file sets a key the window does not: the file', file: FILE, window: {}, expect: { pollIntervalSeconds: 900, tenantName: 'contoso' } },
    { name: 'both set it: the window', file: FILE, window: { pollIntervalSeconds: 120 }, expect: { pollIntervalSeconds: 120 } },
    { name: 'the window cleared the org feed (null): cleared', file: FILE, window: { orgFeedUrl: null }, expect: { orgFeedUrl: null } },
    {
      name: 'groups merge field by field across the layers',
      file: FILE,
      window: { quietHours: { start: '23:30' } },
      expect: { quietHours: { enabled: true, start: '23:30', end: '07:00' } },
    },
    { name: 'a list is replaced, not appended to', file: { watch: ['zoom', 'github'] }, window: { watch: ['teams'] }, expect: { watch: ['teams'] } },
    { name: 'a file with services of its own watches only those', file: { services: [{ id: 'crm', name: 'CRM', sources: [{ source: 'github' }] }] }, window: {}, expect: { watch: [] } },
    { name: 'custom pages add to the default watch list', file: {}, window: { customSources: [{ id: 'acme', name: 'ACME', url: 'https://status.acme.example' }] }, expect: { watch: DEFAULT_SETTINGS.watch } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(effectiveSettings([c.file, c.window])).toMatchObject(c.expect);
    });
  }

  it('the engine config keeps the file keys the window does not show (proxy, probes, sources) under the settings in force', () => {
    const settings = effectiveSettings([FILE, { pollIntervalSeconds: 120 }]);
    const config = settingsToAppConfig(settings, FILE);
    expect(config.network).toEqual({ proxy: 'http://proxy.contoso.example:8080' });
    expect(config.connectivity?.baseline).toEqual(['https://intranet.contoso.example/']);
    expect(config.pollIntervalSeconds).toBe(120);
    expect(resolveWatchPlan(config).sources.map((s) => s.id)).toContain('org-feed');
  });

  it('a later layer never reaches the prototype', () => {
    const merged = mergeLayers([{}, JSON.parse('{"__proto__": {"polluted": true}, "quietHours": {"__proto__": {"x": 1}}}') as ConfigDocument]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
  });

  it('a change stores only the keys it touched, plus start at login and notifications, so the file shows through the rest', () => {
    const before = effectiveSettings([FILE, {}]);
    const after = { ...before, watch: ['teams'] };
    expect(layerAfterChange({}, before, after)).toEqual({ watch: ['teams'], startAtLogin: true, notifications: DEFAULT_SETTINGS.notifications });
  });
});
