import { describe, expect, it } from 'vitest';
import { INVOKE_CHANNELS } from '../../main/core/contract.js';
import { checkLinkTarget, checkSettingsPatch, GUARD_LIMITS, validateInvokeArgs } from '../../main/core/guards.js';

const reasonOf = (result: { ok: boolean; reason?: string }): string => (result.ok ? '' : (result.reason ?? ''));

describe('validateInvokeArgs', () => {
  it('accepts exactly the arguments the contract declares for every channel', () => {
    const good: Record<(typeof INVOKE_CHANNELS)[number], unknown[]> = {
      'state:get': [],
      'state:refresh': [],
      'notifications:mute': ['tomorrow'],
      'settings:get': [],
      'settings:update': [{ pollIntervalSeconds: 120, notifications: { onResolved: false } }],
      'diagnostics:run': [],
      'link:open': [{ kind: 'incident', sourceId: 'github', incidentId: 'abc123' }],
      'report:copy': [],
      'window:hide': [],
      'client:restart': [4242],
      'advice:run': [{ id: 'use-web-version', service: 'outlook' }],
      'deflections:get': [],
      'problem:match': ['451 4.3.2'],
      'problem:decide': [{ serviceId: 'outlook', typed: 'mail is not arriving', shownIncidents: [], pastLocalFix: false }],
      'problem:send': [{ serviceId: 'outlook', typed: '', shownIncidents: ['EX1224375'], pastLocalFix: true }],
      'source:detect': ['https://status.twilio.com'],
    };
    for (const channel of INVOKE_CHANNELS) {
      const result = validateInvokeArgs(channel, good[channel]);
      expect(result, channel).toEqual({ ok: true, args: good[channel] });
    }
  });

  it('refuses extra arguments on channels that take none', () => {
    for (const channel of ['state:get', 'state:refresh', 'settings:get', 'diagnostics:run', 'report:copy', 'window:hide'] as const) {
      expect(reasonOf(validateInvokeArgs(channel, [1]))).toContain('expected no arguments');
    }
  });

  it('takes one positive whole process id for a client restart, nothing else', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1, '4242', null, { pid: 4242 }, [4242]]) {
      expect(reasonOf(validateInvokeArgs('client:restart', [bad])), String(bad)).toContain('process id');
    }
    expect(reasonOf(validateInvokeArgs('client:restart', [4242, 1]))).toContain('expected one argument');
  });

  it('takes one advice target: a known advice id and a short service id or null, nothing else', () => {
    expect(validateInvokeArgs('advice:run', [{ id: 'fix-clock', service: null }])).toEqual({ ok: true, args: [{ id: 'fix-clock', service: null }] });
    const bads: unknown[] = [
      'use-web-version',
      null,
      { id: 'open-anything', service: null },
      { id: 'use-web-version' },
      { id: 'use-web-version', service: 'outlook', url: 'https://evil.example/' },
      { id: 'use-web-version', service: '' },
      { id: 'use-web-version', service: 'x'.repeat(GUARD_LIMITS.idLength + 1) },
      JSON.parse('{"id":"fix-clock","service":null,"__proto__":{}}'),
    ];
    for (const bad of bads) expect(reasonOf(validateInvokeArgs('advice:run', [bad])), JSON.stringify(bad)).toContain('advice target');
    expect(reasonOf(validateInvokeArgs('advice:run', [{ id: 'fix-clock', service: null }, 1]))).toContain('expected one argument');
  });

  it('takes one status page address of at most 2048 characters for "Add a status page", nothing else', () => {
    const longest = `https://status.example.com/${'a'.repeat(GUARD_LIMITS.textLength - 'https://status.example.com/'.length)}`;
    expect(validateInvokeArgs('source:detect', [longest])).toEqual({ ok: true, args: [longest] });
    // What the address means (a bad URL, not a status page) is detection's answer, in words, not a refused call.
    expect(validateInvokeArgs('source:detect', ['not a url'])).toEqual({ ok: true, args: ['not a url'] });
    for (const bad of [`${longest}x`, 42, null, undefined, { url: 'https://status.example.com' }, ['https://status.example.com'], new String('https://x.example')]) {
      expect(reasonOf(validateInvokeArgs('source:detect', [bad])), String(bad).slice(0, 40)).toBe('source:detect: the status page address is not a string of at most 2048 characters');
    }
    expect(reasonOf(validateInvokeArgs('source:detect', []))).toContain('expected one argument');
    expect(reasonOf(validateInvokeArgs('source:detect', ['https://status.example.com', 'https://evil.example']))).toContain('expected one argument');
  });

  it('refuses a channel that is not in the contract', () => {
    expect(reasonOf(validateInvokeArgs('shell:exec', []))).toContain('unknown channel');
  });

  it('refuses unknown mute presets', () => {
    for (const bad of ['forever', '', 1, null, ['1h']]) expect(validateInvokeArgs('notifications:mute', [bad]).ok).toBe(false);
  });
});

describe('checkLinkTarget', () => {
  it('accepts each link kind with exactly its ids', () => {
    for (const target of [
      { kind: 'incident', sourceId: 's', incidentId: 'i' },
      { kind: 'source', sourceId: 's' },
      { kind: 'message', sourceId: 's', messageId: 'm' },
      { kind: 'helpdesk' },
    ]) {
      expect(checkLinkTarget(target).ok, JSON.stringify(target)).toBe(true);
    }
  });

  it('refuses raw URLs, unknown kinds, extra fields, empty and oversized ids', () => {
    const long = 'x'.repeat(GUARD_LIMITS.idLength + 1);
    for (const target of [
      'https://evil.example',
      { kind: 'url', url: 'https://evil.example' },
      { kind: 'source', sourceId: 's', url: 'https://evil.example' },
      { kind: 'source', sourceId: '' },
      { kind: 'source', sourceId: long },
      { kind: 'incident', sourceId: 's' },
      { kind: 'incident', sourceId: 's', incidentId: 7 },
      null,
      [],
    ]) {
      expect(checkLinkTarget(target).ok, JSON.stringify(target)).toBe(false);
    }
  });
});

describe('checkSettingsPatch', () => {
  it('accepts a patch of known settings with plausible types, groups in part', () => {
    const patch = {
      watch: ['outlook', 'teams'],
      customSources: [{ id: 'acme', name: 'Acme', url: 'https://status.acme.example/api/v2/summary.json' }],
      orgFeedUrl: null,
      tenantName: 'contoso',
      quietHours: { enabled: true },
      startAtLogin: false,
    };
    expect(checkSettingsPatch(patch)).toEqual({ ok: true, value: patch });
  });

  it('refuses prototype-polluting keys at the top and inside groups', () => {
    // JSON.parse makes "__proto__" an own key, exactly what structured clone delivers.
    const top = JSON.parse('{"__proto__": {"polluted": true}}') as unknown;
    const nested = JSON.parse('{"notifications": {"__proto__": {"enabled": false}}}') as unknown;
    const inList = JSON.parse('{"customSources": [{"id": "a", "name": "b", "url": "c", "constructor": {}}]}') as unknown;
    expect(reasonOf(checkSettingsPatch(top))).toContain('forbidden key "__proto__"');
    expect(reasonOf(checkSettingsPatch(nested))).toContain('forbidden key "__proto__"');
    expect(reasonOf(checkSettingsPatch(inList))).toContain('forbidden key "constructor"');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuses unknown settings, wrong types and huge values, in the words of the one settings validator', () => {
    const cases: Array<[unknown, string]> = [
      [{ theme: 'dark' }, 'theme: not a setting the window can change'],
      [{ network: { proxy: 'http://proxy.example:8080' } }, 'network: not a setting the window can change'],
      [{ pollIntervalSeconds: '60' }, 'pollIntervalSeconds: expected a whole number, got "60"'],
      [{ pollIntervalSeconds: Number.NaN }, 'pollIntervalSeconds: expected a whole number'],
      [{ startAtLogin: 'yes' }, 'startAtLogin: expected true or false, got "yes"'],
      [{ orgFeedUrl: 'x'.repeat(2049) }, 'orgFeedUrl: expected at most 2048 characters'],
      [{ watch: Array.from({ length: 201 }, (_, i) => `s${i}`) }, 'watch: expected at most 200 items'],
      [{ watch: 'outlook' }, 'watch: expected an array, got "outlook"'],
      [{ notifications: { enabled: 'no' } }, 'notifications.enabled: expected true or false, got "no"'],
      [{ customSources: [{ id: 'a', name: 'b' }] }, 'customSources[0].url: required but missing'],
      [[], 'not an object'],
      [new Date(), 'not an object'],
    ];
    for (const [patch, reason] of cases) expect(reasonOf(checkSettingsPatch(patch)), JSON.stringify(patch)).toContain(reason);
  });
});
