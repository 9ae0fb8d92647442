import { describe, expect, it } from 'vitest';
import { CATALOG_SERVICES, DEFAULT_WATCH } from '../../../main/core/sources/catalog.js';
import { checkConfig, parseConfigText, resolveWatchPlan } from '../../../main/core/settings/config.js';

const problemsOf = (raw: unknown): readonly string[] => {
  const result = checkConfig(raw);
  return result.ok ? [] : result.problems.map((p) => p.message);
};

describe('config validation names the key and what was expected', () => {
  it('accepts an empty file and the documented example shape', () => {
    expect(problemsOf({})).toEqual([]);
    expect(
      problemsOf({
        version: 1,
        watch: ['outlook', 'zoom'],
        sources: [{ id: 'acme', type: 'statuspage', url: 'https://acme.statuspage.io', name: 'Acme' }],
        services: [{ id: 'acme-chat', name: 'Acme Chat', sources: [{ source: 'acme', components: ['Chat'] }] }],
        orgFeedUrl: 'https://status.contoso.com/outage-radar.json',
        tenantName: 'contoso',
        pollIntervalSeconds: 120,
        network: { caFile: 'corp-ca.pem' },
      }),
    ).toEqual([]);
  });

  it('reports a misspelt key instead of ignoring it', () => {
    expect(problemsOf({ sorces: [] })).toEqual(['sorces: unknown key (check the spelling)']);
    expect(problemsOf({ 'poll interval': 60 })).toEqual(['["poll interval"]: unknown key (check the spelling)']);
  });

  it('reports wrong types with the path and the value found', () => {
    const problems = problemsOf({ sources: [{ id: 'x', type: 'statuspage', url: 42 }] });
    expect(problems).toContain('sources[0].url: expected a string, got 42');
  });

  it('reports an unknown source type with the allowed values', () => {
    const problems = problemsOf({ sources: [{ id: 'x', type: 'pagerduty', url: 'https://x.example' }] });
    expect(problems[0]).toMatch(/^sources\[0\]\.type: expected one of "statuspage", "microsoft-public", "org-feed", "statusio", "rss", "slack", "google-workspace", "incidentio", "instatus", got "pagerduty"$/);
  });

  it('checks the helpdesk ticket form: an https template or a mailto: address, nothing else', () => {
    expect(problemsOf({ helpdesk: { ticketUrl: 'https://itsm.example/new?summary={summary}&report={report}' } })).toEqual([]);
    expect(problemsOf({ helpdesk: { ticketUrl: 'mailto:helpdesk@contoso.example' } })).toEqual([]);
    expect(problemsOf({ helpdesk: { ticketUrl: 'javascript:alert(1)' } })[0]).toMatch(/^helpdesk\.ticketUrl: /);
    expect(problemsOf({ helpdesk: { ticketUrl: 'https://{service}.example/' } })[0]).toMatch(/^helpdesk\.ticketUrl: /);
    // mailto: is for this setting only.
    expect(problemsOf({ orgFeedUrl: 'mailto:helpdesk@contoso.example' })).not.toEqual([]);
  });

  it('refuses components on a custom page whose format has none (a feed, Slack)', () => {
    expect(problemsOf({ customSources: [{ id: 'feed', name: 'Feed', url: 'https://status.example.com/history.rss', type: 'rss', components: ['API'] }] })[0]).toMatch(/^customSources\[0\]\.components: only /);
    expect(problemsOf({ customSources: [{ id: 'page', name: 'Page', url: 'https://status.example.com', type: 'statuspage', components: ['API'] }] })).toEqual([]);
  });

  it('refuses plain http except on loopback', () => {
    expect(problemsOf({ sources: [{ id: 'x', type: 'statuspage', url: 'http://status.example.com' }] })).toEqual([
      'sources[0].url: plain http is only allowed for loopback hosts; use https for status.example.com',
    ]);
    expect(problemsOf({ sources: [{ id: 'x', type: 'statuspage', url: 'http://127.0.0.1:8080' }] })).toEqual([]);
    expect(problemsOf({ orgFeedUrl: 'ftp://feed.example/x.json' })).toEqual(['orgFeedUrl: unsupported scheme ftp: (expected https)']);
  });

  it('needs type and url for sources outside the catalog, but not for catalog overrides', () => {
    expect(problemsOf({ sources: [{ id: 'mine' }] })).toEqual([
      'sources[0].type: required for a source that is not in the catalog ("mine")',
      'sources[0].url: required for a source that is not in the catalog ("mine")',
    ]);
    expect(problemsOf({ sources: [{ id: 'github', url: 'http://127.0.0.1:9/' }] })).toEqual([]);
  });

  it('checks references between services, sources and the watch list', () => {
    const problems = problemsOf({
      watch: ['outlok'],
      services: [{ id: 's', name: 'S', sources: [{ source: 'nowhere' }, { source: 'github', msServices: ['Exchange Online'] }] }],
    });
    expect(problems[0]).toMatch(/^watch\[0\]: unknown service "outlok"/);
    expect(problems).toContain('services[0].sources[0].source: unknown source "nowhere"; define it in "sources"');
    expect(problems).toContain('services[0].sources[1].msServices: only Microsoft and org-feed sources name Microsoft services');
  });

  it('keeps poll intervals within safe bounds', () => {
    expect(problemsOf({ pollIntervalSeconds: 5 })).toEqual(['pollIntervalSeconds: expected a number of at least 60, got 5']);
  });

  it('captive-portal checks must be plain http, on purpose', () => {
    expect(problemsOf({ connectivity: { captive: [{ id: 'c', url: 'https://x.example/', expectStatus: 204, expectBody: null }] } })).toEqual([
      'connectivity.captive[0].url: captive-portal checks must use plain http, got https:',
    ]);
  });

  it('a captive-portal check must say what body it expects (null: the status alone), so a missing one is not read as a portal', () => {
    expect(problemsOf({ connectivity: { captive: [{ id: 'c', url: 'http://x.example/', expectStatus: 204 }] } })).toEqual([
      'connectivity.captive[0].expectBody: required but missing',
    ]);
  });

  it('reports JSON syntax errors', () => {
    const result = parseConfigText('{"sources": [');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.message).toBe('not valid JSON: line 1, column 14: expected "]" to close the array');
  });
});

describe('watch plan', () => {
  it('watches the Microsoft 365 defaults with zero configuration, from the public signal only', () => {
    const plan = resolveWatchPlan({});
    expect(plan.services.map((s) => s.id)).toEqual([...DEFAULT_WATCH]);
    expect(plan.sources.map((s) => s.id)).toEqual(['microsoft-public']);
  });

  it('adds the org feed to the Microsoft services once it is configured', () => {
    const plan = resolveWatchPlan({ orgFeedUrl: 'https://feed.example/f.json' });
    expect(plan.sources.map((s) => s.id).sort()).toEqual(['microsoft-public', 'org-feed']);
    const outlook = plan.services.find((s) => s.id === 'outlook');
    expect(outlook?.sources).toEqual([{ source: 'microsoft-public', msServices: ['Exchange Online'] }, { source: 'org-feed', msServices: ['Exchange Online'] }]);
  });

  it('lets the user pick catalog services, addressed by stable page-id hosts', () => {
    const plan = resolveWatchPlan({ watch: ['zoom', 'github'] });
    expect(plan.services.map((s) => s.id)).toEqual(['zoom', 'github']);
    expect(plan.sources.map((s) => s.url)).toEqual(['https://14qjgk812kgk.statuspage.io', 'https://kctbh9vrtdwd.statuspage.io']);
  });

  it('watches a source given alone, through its catalog service when there is one', () => {
    const plan = resolveWatchPlan({
      sources: [
        { id: 'github', url: 'http://127.0.0.1:1/github' },
        { id: 'acme', type: 'statuspage', url: 'http://127.0.0.1:1/acme', name: 'Acme' },
      ],
    });
    expect(plan.services.map((s) => [s.id, s.name])).toEqual([
      ['github', 'GitHub'],
      ['acme', 'Acme'],
    ]);
    expect(plan.sources.find((s) => s.id === 'github')?.url).toBe('http://127.0.0.1:1/github');
  });

  it('every catalog service refers only to catalog sources or the optional org feed', () => {
    for (const service of CATALOG_SERVICES) {
      const plan = resolveWatchPlan({ watch: [service.id], orgFeedUrl: 'https://feed.example/f.json' });
      expect(plan.services.map((s) => s.id)).toEqual([service.id]);
      expect(plan.services[0]?.sources.length).toBe(service.sources.length);
    }
  });
});

describe('poll intervals in the plan', () => {
  it('the general interval applies to public pages without their own, never to the org feed', () => {
    const plan = resolveWatchPlan({
      pollIntervalSeconds: 600,
      orgFeedUrl: 'https://feed.example/f.json',
      sources: [{ id: 'acme', type: 'statuspage', url: 'https://acme.statuspage.io', pollIntervalSeconds: 120 }],
      watch: ['outlook'],
    });
    const interval = (id: string): number | null | undefined => plan.sources.find((s) => s.id === id)?.pollIntervalSeconds;
    expect(interval('microsoft-public')).toBe(600);
    expect(interval('org-feed')).toBeNull();
    expect(interval('acme')).toBe(120);
  });
});
