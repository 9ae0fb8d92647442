/**
 * The pure rules behind issue 9's honest signals: the exit-code table, the watch plan of a config
 * that overrides catalog sources, the advice words, and parsers that never drop a row silently.
 */
import { describe, expect, it } from 'vitest';
import { verdictAdvice, verdictTitle } from '../../../main/core/words/advice-words.js';
import { exitCodeForReport } from '../../../main/core/verdict/exit-code.js';
import { DEFAULT_WATCH } from '../../../main/core/sources/catalog.js';
import { checkConfig, resolveWatchPlan } from '../../../main/core/settings/config.js';
import { VERDICT_KINDS } from '../../../main/core/verdict/connectivity-model.js';
import { ALL_HEALTH } from '../../../main/core/health.js';
import { parseMicrosoftPublic } from '../../../main/core/sources/microsoft-public.js';
import { parseStatuspage } from '../../../main/core/sources/statuspage.js';
import { isLocalProblem } from '../../../main/core/verdict/local-problem.js';

describe('exit code from the roll-up and the verdict', () => {
  it('follows the documented table for every combination', () => {
    for (const kind of VERDICT_KINDS) {
      for (const overall of ALL_HEALTH) {
        const code = exitCodeForReport(overall, kind);
        const at = `${kind} / ${overall}`;
        if (isLocalProblem(kind) || overall === 'outage') expect(code, at).toBe(2);
        else if (overall === 'degraded' || overall === 'maintenance') expect(code, at).toBe(1);
        else if (overall === 'unknown') expect(code, at).toBe(3);
        else if (kind === 'all-good') expect(code, at).toBe(0);
        else expect(code, at).not.toBe(0);
      }
    }
  });

  it('an unknown roll-up is 3 even when a provider posted an incident', () => {
    expect(exitCodeForReport('unknown', 'provider-incident')).toBe(3);
    expect(exitCodeForReport('unknown', 'proxy-unreachable')).toBe(2);
  });
});

describe('watch plan of a config that overrides catalog sources', () => {
  it('keeps the default watch list and the org feed', () => {
    const plan = resolveWatchPlan({
      orgFeedUrl: 'https://feeds.contoso.example/feed.json',
      sources: [{ id: 'microsoft-public', type: 'microsoft-public', url: 'https://mirror.contoso.example/mac' }],
    });
    expect(plan.services.map((s) => s.id)).toEqual([...DEFAULT_WATCH]);
    expect(plan.sources.map((s) => s.id).sort()).toEqual(['microsoft-public', 'org-feed']);
    expect(plan.sources.find((s) => s.id === 'microsoft-public')?.url).toBe('https://mirror.contoso.example/mac');
    expect(plan.sources.find((s) => s.id === 'org-feed')?.name).toBe('Microsoft 365 (your organization)');
  });

  it('an overridden catalog source no watched service reads is watched on its own, beside the defaults', () => {
    const plan = resolveWatchPlan({ sources: [{ id: 'github', url: 'https://mirror.example/github' }] });
    expect(plan.services.map((s) => s.id)).toEqual([...DEFAULT_WATCH, 'github']);
  });

  it('a source of one’s own still replaces the default list', () => {
    const plan = resolveWatchPlan({ sources: [{ id: 'acme', type: 'statuspage', url: 'https://status.acme.example' }] });
    expect(plan.services.map((s) => s.id)).toEqual(['acme']);
  });

  it('the org feed may be given as a source with its catalog id', () => {
    const config = checkConfig({ sources: [{ id: 'org-feed', url: 'https://feeds.contoso.example/feed.json' }] });
    expect(config.ok).toBe(true);
    if (!config.ok) return;
    const plan = resolveWatchPlan(config.config);
    expect(plan.services.map((s) => s.id)).toEqual([...DEFAULT_WATCH]);
    expect(plan.sources.find((s) => s.id === 'org-feed')).toMatchObject({ type: 'org-feed', name: 'Microsoft 365 (your organization)' });
  });
});

describe('advice words', () => {
  it('fit both the window and the terminal, in US spelling', () => {
    for (const kind of VERDICT_KINDS) {
      const text = `${verdictTitle(kind)} ${verdictAdvice(kind)}`;
      expect(text, kind).not.toMatch(/this window|organis|colour/);
    }
  });

  it('name no other channel themselves: the switch-channel advice item does, and only working ones', () => {
    expect(verdictAdvice('provider-incident', { provider: 'GitHub' })).toBe(
      'Nothing to fix on your side and no ticket needed: wait for GitHub to fix it. When it is fixed, close and reopen the app.',
    );
  });

  it('a proxy that does not answer is its own verdict, with its own words', () => {
    expect(verdictTitle('proxy-unreachable')).toBe("Your company's proxy does not answer");
    expect(verdictAdvice('proxy-unreachable')).not.toMatch(/reaches everything else/);
  });
});

describe('parsers never drop a row silently', () => {
  const green = { page: { name: 'Acme' }, status: { indicator: 'none' }, components: [{ id: 'api', name: 'API', status: 'operational' }], scheduled_maintenances: [] };

  it('Statuspage: an incident row we cannot read makes a green page unknown, with the reason', () => {
    const parsed = parseStatuspage(JSON.stringify({ ...green, incidents: [{ id: { nested: true }, name: 'Everything is down', status: 'investigating', impact: 'critical' }] }));
    expect(parsed.ok && parsed.snapshot.health).toBe('unknown');
    expect(parsed.ok && parsed.snapshot.warnings.join('\n')).toMatch(/skipped an open incident whose id is an object/);
  });

  it('Statuspage: a numeric component id is read as text, not skipped', () => {
    const parsed = parseStatuspage(JSON.stringify({ ...green, components: [{ id: 17, name: 'API', status: 'major_outage' }], incidents: [] }));
    expect(parsed.ok && parsed.snapshot.components.map((c) => [c.id, c.health])).toEqual([['17', 'outage']]);
    expect(parsed.ok && parsed.snapshot.health).toBe('outage');
  });

  it('Microsoft: a numeric Id is kept as the incident id', () => {
    const parsed = parseMicrosoftPublic(JSON.stringify([{ Id: 1224375, Status: 'ServiceDegradation', Title: 'Mail delays', Message: '', ServiceDisplayName: 'Outlook.com', ServiceWorkloadName: 'OutlookCom' }]));
    expect(parsed.ok && parsed.snapshot.incidents.map((i) => i.id)).toEqual(['1224375']);
  });
});
