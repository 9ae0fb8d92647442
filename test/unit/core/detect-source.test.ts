/**
 * Add by URL: what an answer is decided by its shape (recorded payloads of every format, and
 * look-alikes that are not status documents), how a web page is read (feed links, the login tell,
 * vendor marks), the budget of 5 requests, and the ids and names a config gets. The Http port is
 * a table of answers here; test/integration/cli-add-source.test.ts serves the same on loopback.
 */
import { describe, expect, it } from 'vitest';
import type { Http, HttpFailure, HttpResult } from '../../../main/core/ports.js';
import { cleanName, ID_PATTERN, readHtmlPage, readResponse, sourceIdFor } from '../../../main/core/sources/detect-shape.js';
import { apiBase, configUrl, detectSource, MAX_DETECT_REQUESTS } from '../../../main/core/sources/detect-source.js';
import { listFixtures, readFixture } from '../../helpers/fixtures.js';

const NOW = Date.parse('2026-09-18T12:00:00Z');
const clock = { now: () => NOW };
const JSON_TYPE = 'application/json; charset=utf-8';
const HTML_TYPE = 'text/html; charset=utf-8';

type Answer = { readonly body: string; readonly contentType: string; readonly finalUrl?: string } | { readonly failure: HttpFailure };

/** The Http port as a table of answers by URL; anything else is a 404. Records every URL asked. */
function tableHttp(table: Record<string, Answer>, fallback?: (url: string) => Answer): Http & { readonly asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    get: async ({ url }): Promise<HttpResult> => {
      asked.push(url);
      const answer = table[url] ?? fallback?.(url) ?? { failure: { kind: 'status', status: 404, retryAfterMs: null } };
      if ('failure' in answer) return { ok: false, failure: answer.failure };
      return { ok: true, notModified: false, status: 200, contentType: answer.contentType, body: answer.body, validators: { etag: null, lastModified: null }, bytes: answer.body.length, finalUrl: answer.finalUrl ?? url };
    },
  };
}

const fixture = (name: string, contentType = JSON_TYPE): Answer => ({ body: readFixture(name), contentType });
const page = (head: string, body = '<p>Welcome</p>'): string => `<!DOCTYPE html><html><head><title>Acme</title>${head}</head><body>${body}</body></html>`;

describe('readResponse: the shape decides, the parser and content type confirm', () => {
  const expected: Record<string, string> = {
    statuspage: 'statuspage',
    statusio: 'statusio',
    slack: 'slack',
    incidentio: 'incidentio',
    instatus: 'instatus',
    'google-workspace': 'google-workspace',
  };
  for (const [folder, type] of Object.entries(expected)) {
    it(`reads every recorded ${folder} payload as ${type}`, () => {
      for (const name of listFixtures(folder)) {
        const reading = readResponse(JSON_TYPE, readFixture(name), NOW, 'https://status.example.com/');
        expect(reading.kind === 'source' ? reading.type : reading, name).toBe(type);
      }
    });
  }

  it('reads the recorded Statuspage RSS and Atom feeds as rss', () => {
    for (const name of listFixtures('rss-atom')) {
      const contentType = name.endsWith('.atom-2020-01-11.xml') ? 'application/atom+xml' : 'application/rss+xml';
      const reading = readResponse(contentType, readFixture(name), NOW, 'https://status.example.com/');
      expect(reading.kind === 'source' ? reading.type : reading, name).toBe('rss');
    }
  });

  it('refuses status JSON of formats it cannot add (Heroku, Microsoft Graph, Microsoft public status) and a JSON Schema', () => {
    for (const name of [...listFixtures('other'), ...listFixtures('graph'), ...listFixtures('microsoft-public-status'), ...listFixtures('google-cloud')]) {
      const reading = readResponse(JSON_TYPE, readFixture(name), NOW, 'https://x.example/');
      expect(reading, name).toEqual({ kind: 'other', found: expect.stringContaining('JSON that is not a status API') });
    }
  });

  it('refuses JSON that answers for any path: a user list, a health check, an error object', () => {
    for (const body of ['{"users":[]}', '{"status":"ok"}', '{"error":"not found","status":404}', '[]', '[1,2,3]', '{"incidents":[]}']) {
      expect(readResponse(JSON_TYPE, body, NOW, 'https://x.example/').kind, body).toBe('other');
    }
  });

  it('does not take a Statuspage document served as a web page: every poll would refuse it', () => {
    const reading = readResponse('text/html', readFixture('statuspage/github-summary-2020-04-02-major-outage.json'), NOW, 'https://x.example/');
    expect(reading).toEqual({ kind: 'other', found: expect.stringContaining('a Statuspage page, but served in a way the app would refuse') });
  });

  it('tells XML that is not a feed and a feed that declares entities apart from a feed', () => {
    expect(readResponse('application/xml', '<?xml version="1.0"?><urlset><url><loc>https://x.example/</loc></url></urlset>', NOW, 'https://x.example/')).toEqual({ kind: 'other', found: expect.stringContaining('XML that is not an RSS or Atom feed') });
    const laughs = '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><rss version="2.0"><channel><title>&b;</title></channel></rss>';
    expect(readResponse('application/rss+xml', laughs, NOW, 'https://x.example/')).toEqual({ kind: 'other', found: expect.stringContaining('declares a DTD or XML entities') });
  });

  it('reads an HTML answer as a web page, whatever its content type says', () => {
    expect(readResponse('application/json', page(''), NOW, 'https://x.example/').kind).toBe('html');
    expect(readResponse('text/html', '<div>hi</div>', NOW, 'https://x.example/').kind).toBe('html');
  });
});

describe('readHtmlPage: feed links, the login tell, vendor marks', () => {
  it('finds RSS and Atom alternate links, resolved against the page, and nothing else', () => {
    const html = page(
      [
        '<link rel="stylesheet" href="/a.css">',
        '<link rel="alternate" type="text/html" href="/other-language">',
        '<link rel="alternate" type="application/atom+xml" href="/history.atom">',
        '<LINK REL="Alternate" TYPE="application/rss+xml; charset=utf-8" HREF="history.rss">',
        '<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">',
        '<link rel="alternate" type="application/rss+xml">',
      ].join(''),
    );
    expect(readHtmlPage(html, 'https://status.example.com/sp/').feeds).toEqual(['https://status.example.com/history.atom', 'https://status.example.com/sp/history.rss']);
  });

  it('tells a login page by its password field, and only by that', () => {
    expect(readHtmlPage(page('', '<form><input name="u"><input type="Password" name="p"></form>'), 'https://x.example/').hasPasswordField).toBe(true);
    expect(readHtmlPage(page('', '<form><input type="search" name="q"></form><p>type="password"</p>'), 'https://x.example/').hasPasswordField).toBe(false);
  });

  it('reads the title and the status vendors the markup gives away', () => {
    const read = readHtmlPage(page('<script src="https://dka575ofm4ao0.cloudfront.net/assets/x.js"></script>'), 'https://x.example/');
    expect(read.title).toBe('Acme');
    expect(read.vendors).toEqual(['statuspage']);
    expect(readHtmlPage(page('', '<a href="https://instatus.com">Powered by Instatus</a>'), 'https://x.example/').vendors).toEqual(['instatus']);
    expect(readHtmlPage(page(''), 'https://x.example/').vendors).toEqual([]);
  });
});

describe('detectSource: the URL as given, then under it', () => {
  it('puts API paths under the given path and configures the page root', async () => {
    const http = tableHttp({
      'https://host.example/sp': { body: page(''), contentType: HTML_TYPE },
      'https://host.example/sp/api/v2/summary.json': fixture('statuspage/twilio-summary-2020-06-16-degraded-2-incidents-groups.json'),
    });
    const outcome = await detectSource('https://host.example/sp', { http, clock });
    expect(http.asked).toEqual(['https://host.example/sp', 'https://host.example/sp/api/v2/summary.json']);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.source).toEqual({ id: 'twilio', type: 'statuspage', name: 'Twilio', url: 'https://host.example/sp' });
    // Groups are not components one can pick: they repeat their members.
    const names = outcome.components.map((c) => c.name);
    expect(names).toContain('Studio');
    expect(names).not.toContain('PROGRAMMABLE MESSAGING');
    expect(outcome.components.length).toBeGreaterThan(10);
  });

  it('reads a pasted Statuspage document as given, then its summary for the components, and configures the root', async () => {
    const http = tableHttp({
      'https://host.example/api/v2/incidents.json': fixture('statuspage/github-incidents-json-2024-09-17-two-incidents-with-updates.json'),
      'https://host.example/api/v2/summary.json': fixture('statuspage/github-summary-2020-04-02-major-outage.json'),
    });
    const outcome = await detectSource('https://host.example/api/v2/incidents.json', { http, clock });
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.source).toEqual({ id: 'github', type: 'statuspage', name: 'GitHub', url: 'https://host.example' });
    expect(outcome.components.map((c) => c.name)).toContain('Git Operations');
  });

  it('keeps a pasted feed a feed: one request, nothing it links is followed', async () => {
    const http = tableHttp({ 'https://feeds.example/history.rss': fixture('rss-atom/digitalocean-statuspage-history.rss-2020-01-11.xml', 'application/rss+xml') });
    const outcome = await detectSource('https://feeds.example/history.rss', { http, clock });
    expect(http.asked).toEqual(['https://feeds.example/history.rss']);
    expect(outcome).toEqual({ ok: true, source: { id: 'digitalocean-status', type: 'rss', name: 'DigitalOcean Status', url: 'https://feeds.example/history.rss' }, components: [] });
  });

  it('names a status.io page by its page id, since its API carries no name', async () => {
    const url = 'https://api.status.io/1.0/status/533c6539221ae15e3f000031';
    const outcome = await detectSource(url, { http: tableHttp({ [url]: fixture('statusio/docker-statusio-v1-status-2020-07-16-partial-disruption.json') }), clock });
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.source).toEqual({ id: 'status-io-page-533c6539221ae15e3f000031', type: 'statusio', name: 'status.io page 533c6539221ae15e3f000031', url });
    expect(outcome.components.map((c) => c.name)).toContain('Docker Hub Registry');
  });

  it('asks the API of the vendor the page gives away first', async () => {
    const http = tableHttp({
      'https://status.example.com/': { body: page('', 'Powered by <a href="https://instatus.com">Instatus</a>'), contentType: HTML_TYPE },
      'https://status.example.com/summary.json': fixture('instatus/recraft-instatus-summary-up-no-incident-arrays.json'),
      'https://status.example.com/v2/components.json': fixture('instatus/BUILT-FROM-DOCS-instatus-components-v2-one-degraded.json'),
    });
    const outcome = await detectSource('https://status.example.com/', { http, clock });
    expect(http.asked).toEqual(['https://status.example.com/', 'https://status.example.com/summary.json', 'https://status.example.com/v2/components.json']);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.source).toEqual({ id: 'recraft', type: 'instatus', name: 'Recraft', url: 'https://status.example.com' });
    expect(outcome.components.map((c) => c.name)).toEqual(['Group Record', 'Public API', 'Integrations / Webhooks']);
  });

  it('follows a feed link on the same site only, and says where the other one is', async () => {
    const elsewhere = tableHttp({ 'https://status.example.com/': { body: page('<link rel="alternate" type="application/atom+xml" href="https://feeds.other.example/x.atom">'), contentType: HTML_TYPE } });
    const outcome = await detectSource('https://status.example.com/', { http: elsewhere, clock });
    expect(outcome).toEqual({ ok: false, reason: 'not-status-page', message: expect.stringContaining('on another site (https://feeds.other.example/x.atom), which is not followed') });
    expect(elsewhere.asked.some((url) => url.includes('other.example'))).toBe(false);
  });
});

describe('detectSource: at most 5 requests', () => {
  it('stops at 5 on a site that answers the same page for every path, feed link included', async () => {
    const html = page('<link rel="alternate" type="application/rss+xml" href="/feed.xml"><link rel="alternate" type="application/atom+xml" href="/feed.atom">');
    const http = tableHttp({}, () => ({ body: html, contentType: HTML_TYPE }));
    const outcome = await detectSource('https://www.example.com/', { http, clock });
    expect(outcome).toMatchObject({ ok: false, reason: 'not-status-page' });
    expect(http.asked.length).toBe(MAX_DETECT_REQUESTS);
    // Every vendor API was asked and the feed was kept a request for.
    expect(http.asked).toEqual(['https://www.example.com/', 'https://www.example.com/api/v2/summary.json', 'https://www.example.com/api/v1/summary', 'https://www.example.com/summary.json', 'https://www.example.com/feed.xml']);
  });

  it('makes no more than 5 requests whatever the answers', async () => {
    const answers: Answer[] = [
      { body: page('<link rel="alternate" type="application/rss+xml" href="/f">'), contentType: HTML_TYPE },
      { body: '{"users":[]}', contentType: JSON_TYPE },
      { failure: { kind: 'status', status: 429, retryAfterMs: 1000 } },
      { failure: { kind: 'network', code: 'ECONNRESET', message: 'reset' } },
    ];
    for (const first of answers) {
      for (const rest of answers) {
        const http = tableHttp({ 'https://x.example/': first }, () => rest);
        await detectSource('https://x.example/', { http, clock });
        expect(http.asked.length).toBeLessThanOrEqual(MAX_DETECT_REQUESTS);
      }
    }
  });
});

describe('detectSource: why not', () => {
  it('refuses a URL it may not fetch before asking anything', async () => {
    for (const url of ['ftp://status.example.com/', 'http://status.example.com/', 'not a url', 'https://user:pw@status.example.com/']) {
      const http = tableHttp({});
      expect(await detectSource(url, { http, clock }), url).toMatchObject({ ok: false, reason: 'bad-url' });
      expect(http.asked).toEqual([]);
    }
  });

  it('tells a login page by its password field or by a redirect to a sign-in address', async () => {
    const form = tableHttp({ 'https://status.corp.example/': { body: page('', '<form method="post"><input name="user"><input type="password" name="pass"></form>'), contentType: HTML_TYPE } });
    expect(await detectSource('https://status.corp.example/', { http: form, clock })).toMatchObject({ ok: false, reason: 'login', message: expect.stringContaining('login page') });
    expect(form.asked.length).toBe(1);
    const sso = tableHttp({ 'https://status.corp.example/': { body: page(''), contentType: HTML_TYPE, finalUrl: 'https://login.corp.example/adfs/ls/?wa=wsignin1.0' } });
    expect(await detectSource('https://status.corp.example/', { http: sso, clock })).toMatchObject({ ok: false, reason: 'login' });
  });

  it('says blocked for 401, 403, 429 and a proxy that wants credentials, unreachable for a network failure', async () => {
    const cases: [HttpFailure, string][] = [
      [{ kind: 'status', status: 401, retryAfterMs: null }, 'blocked'],
      [{ kind: 'status', status: 403, retryAfterMs: null }, 'blocked'],
      [{ kind: 'status', status: 429, retryAfterMs: 60_000 }, 'blocked'],
      [{ kind: 'proxy-auth', status: 407 }, 'blocked'],
      [{ kind: 'network', code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND' }, 'unreachable'],
      [{ kind: 'timeout', afterMs: 10_000 }, 'unreachable'],
      [{ kind: 'status', status: 503, retryAfterMs: null }, 'unreachable'],
    ];
    for (const [failure, reason] of cases) {
      const outcome = await detectSource('https://status.example.com/', { http: tableHttp({ 'https://status.example.com/': { failure } }), clock });
      expect(outcome, JSON.stringify(failure)).toMatchObject({ ok: false, reason });
    }
  });

  it('says what it found on a page that is not a status page', async () => {
    const web = await detectSource('https://www.example.com/', { http: tableHttp({}, () => ({ body: page(''), contentType: HTML_TYPE })), clock });
    expect(web).toMatchObject({ ok: false, reason: 'not-status-page', message: expect.stringContaining('a web page without a status feed') });
    const api = await detectSource('https://api.example.com/', { http: tableHttp({}, () => ({ body: '{"users":[]}', contentType: JSON_TYPE })), clock });
    expect(api).toMatchObject({ ok: false, reason: 'not-status-page', message: expect.stringContaining('JSON that is not a status API') });
  });

  it('looks under an address that answers 404 before giving up', async () => {
    const http = tableHttp({ 'https://host.example/status/api/v2/summary.json': fixture('statuspage/cloudamqp-summary-2020-07-16-under-maintenance.json') });
    const outcome = await detectSource('https://host.example/status/', { http, clock });
    expect(outcome).toMatchObject({ ok: true, source: { type: 'statuspage', url: 'https://host.example/status', name: 'CloudAMQP', id: 'cloudamqp' } });
    const nothing = await detectSource('https://host.example/nothing', { http: tableHttp({}), clock });
    expect(nothing).toMatchObject({ ok: false, reason: 'not-status-page', message: expect.stringContaining('HTTP 404') });
  });
});

describe('ids, names and addresses for the config', () => {
  it('makes ids that the config schema accepts, from the name, else the host', () => {
    expect(sourceIdFor('GitHub', 'https://www.githubstatus.com')).toBe('github');
    expect(sourceIdFor('Zürich Café Status!', 'https://x.example')).toBe('zurich-cafe-status');
    expect(sourceIdFor('状态页', 'https://status.example.co.uk/')).toBe('example-co-uk');
    expect(sourceIdFor(null, 'http://127.0.0.1:8080/')).toBe('127-0-0-1');
    expect(sourceIdFor(null, 'http://[::1]:8080/')).toBe('1');
    expect(sourceIdFor('—', 'not a url')).toBe('status-page');
    const long = sourceIdFor('A'.repeat(50) + ' ' + 'b'.repeat(50), 'https://x.example');
    expect(long.length).toBeLessThanOrEqual(64);
    for (const id of [long, sourceIdFor('---x---', 'https://x.example'), sourceIdFor('.hidden', 'https://x.example')]) expect(id).toMatch(ID_PATTERN);
  });

  it('cleans a page name: one line, no control or bidi characters, capped', () => {
    expect(cleanName('  Acme\n\tStatus\u001b[31m ')).toBe('Acme Status [31m');
    expect(cleanName('\u202eevil\u202c name')).toBe('evil name');
    expect(cleanName('   ')).toBeNull();
    expect(cleanName('x'.repeat(500))?.length).toBe(80);
  });

  it('configures the page root only where the type reads this very document under it', () => {
    expect(configUrl('statuspage', 'https://h.example/sp/api/v2/summary.json')).toBe('https://h.example/sp');
    expect(configUrl('statuspage', 'https://h.example/api/v2/components.json')).toBe('https://h.example/api/v2/components.json');
    expect(configUrl('instatus', 'https://h.example/summary.json')).toBe('https://h.example');
    expect(configUrl('instatus', 'https://h.example/v2/components.json')).toBe('https://h.example/v2/components.json');
    expect(configUrl('incidentio', 'https://h.example/api/v1/summary')).toBe('https://h.example');
    expect(configUrl('incidentio', 'https://h.example/proxy/h.example/widget')).toBe('https://h.example/proxy/h.example/widget');
    expect(configUrl('rss', 'https://h.example/history.atom')).toBe('https://h.example/history.atom');
    expect(configUrl('statusio', 'https://api.status.io/1.0/status/abc')).toBe('https://api.status.io/1.0/status/abc');
  });

  it('puts API paths under the given path, without its query, slash or page file', () => {
    expect(apiBase(new URL('https://h.example/sp/?x=1#y'))).toBe('https://h.example/sp');
    expect(apiBase(new URL('https://h.example/'))).toBe('https://h.example');
    expect(apiBase(new URL('https://h.example/status/index.html'))).toBe('https://h.example/status');
  });
});
