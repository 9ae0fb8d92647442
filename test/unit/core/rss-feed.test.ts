import { describe, expect, it } from 'vitest';
import type { SourceSnapshot } from '../../../main/core/model.js';
import { parseRssFeed } from '../../../main/core/sources/rss-feed.js';
import { contentTypeProblem } from '../../../main/core/sources/source-fetch.js';
import { listFixtures, readFixture } from '../../helpers/fixtures.js';

const RSS = 'rss-atom/digitalocean-statuspage-history.rss-2020-01-11.xml';
const ATOM = 'rss-atom/digitalocean-statuspage-history.atom-2020-01-11.xml';
const FEED_AT = Date.parse('2020-01-11T12:00:00Z');
const NOW = Date.parse('2026-09-18T12:00:00Z');

function snapshotOf(body: string, now = NOW): SourceSnapshot {
  const outcome = parseRssFeed(body, now);
  if (!outcome.ok) throw new Error(`expected a snapshot, got error: ${outcome.error}`);
  return outcome.snapshot;
}

function errorOf(body: string): string {
  const outcome = parseRssFeed(body, NOW);
  if (outcome.ok) throw new Error(`expected an error, got health ${outcome.snapshot.health}`);
  return outcome.error;
}

/** An escaped Statuspage-style update log, newest first. */
const log = (...words: string[]) => words.map((w) => `&lt;p&gt;&lt;small&gt;Sep 18&lt;/small&gt;&lt;br&gt;&lt;strong&gt;${w}&lt;/strong&gt; - text&lt;/p&gt;`).join('');
const rss = (items: string[]) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Acme Status - Incident History</title><link>https://status.acme.example</link><description>Statuspage</description>
${items.join('\n')}
</channel></rss>`;
const item = (id: string, description: string, pubDate = 'Fri, 18 Sep 2026 11:00:00 +0000') =>
  `<item><title>Incident ${id}</title><description>${description}</description><pubDate>${pubDate}</pubDate><link>https://status.acme.example/incidents/${id}</link><guid>https://status.acme.example/incidents/${id}</guid></item>`;

describe('RSS and Atom: the recorded Statuspage feeds', () => {
  it('parses every recorded feed', () => {
    for (const name of listFixtures('rss-atom')) expect(parseRssFeed(readFixture(name), FEED_AT).ok, name).toBe(true);
  });

  for (const [name, file] of [['history.rss', RSS], ['history.atom', ATOM]] as const) {
    it(`${name}: the maintenance still in progress is the current signal; the rest is history; never green`, () => {
      const snapshot = snapshotOf(readFixture(file), FEED_AT);
      expect(snapshot.pageName).toBe('DigitalOcean Status - Incident History');
      expect(snapshot.incidents.map((i) => [i.title, i.kind, i.status, i.health])).toEqual([['Block Storage Maintenance', 'maintenance', 'in-progress', 'maintenance']]);
      // Maintenance alone cannot vouch for the rest of the page: a feed is never green or blue by default.
      expect(snapshot.health).toBe('unknown');
      expect(snapshot.recentlyResolved.map((i) => [i.title, i.status])).toEqual([['Disruption of DigitalOcean Email Notifications', 'completed']]);
      expect(snapshot.recentlyResolved[0]?.endedAt).toMatch(/^2020-01-11T11:57:(19|20)\.000Z$/);
      expect(snapshot.recentlyResolved[0]?.url).toBe('https://status.digitalocean.com/incidents/2yyk6j58xcxh');
      expect(snapshot.recentlyResolved[0]?.updates[0]?.body.format).toBe('html');
      expect(snapshot.recentlyResolved[0]?.updates[0]?.body.content).toMatch(/<strong>Completed<\/strong>/);
      expect(snapshot.warnings.join(' ')).toMatch(/a feed is history/);
    });
  }

  it('history.atom: the page link is the alternate link, not the feed itself', () => {
    expect(snapshotOf(readFixture(ATOM), FEED_AT).pageUrl).toBe('https://status.digitalocean.com/');
  });

  it('read a week later, the same feed keeps only the still-open maintenance and no history', () => {
    const snapshot = snapshotOf(readFixture(RSS), FEED_AT + 7 * 86_400_000);
    expect(snapshot.recentlyResolved).toEqual([]);
    expect(snapshot.incidents).toHaveLength(1);
  });
});

describe('RSS and Atom: a current signal only where an entry is unresolved', () => {
  it('an entry whose newest word is Investigating, Identified, Update or Monitoring is an open incident: degraded', () => {
    for (const word of ['Investigating', 'Identified', 'Update', 'Monitoring']) {
      const snapshot = snapshotOf(rss([item('a', log(word, 'Investigating'))]));
      expect(snapshot.health, word).toBe('degraded');
      expect(snapshot.incidents.map((i) => i.kind)).toEqual(['incident']);
    }
  });

  it('only the newest word counts: Resolved after Investigating is history', () => {
    const snapshot = snapshotOf(rss([item('a', log('Resolved', 'Investigating'))]));
    expect(snapshot.incidents).toEqual([]);
    expect(snapshot.recentlyResolved.map((i) => [i.status, i.endedAt])).toEqual([['resolved', '2026-09-18T11:00:00.000Z']]);
    expect(snapshot.health).toBe('unknown');
  });

  it('Scheduled is upcoming, never health', () => {
    const snapshot = snapshotOf(rss([item('a', log('Scheduled'))]));
    expect(snapshot.upcoming.map((i) => i.status)).toEqual(['scheduled']);
    expect(snapshot.health).toBe('unknown');
  });

  it('incident.io style "<b>Status: Identified</b>" in an Atom entry counts too', () => {
    const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Acme status</title><link href="https://status.acme.example/"/>
      <entry><id>https://status.acme.example/incidents/01H</id><title>API errors</title><updated>2026-09-18T11:00:00Z</updated><link rel="alternate" href="https://status.acme.example/incidents/01H"/>
      <summary type="html">&lt;b&gt;Status: Identified&lt;/b&gt;&lt;br&gt;Affected: API</summary></entry></feed>`;
    const snapshot = snapshotOf(atom);
    expect(snapshot.health).toBe('degraded');
    expect(snapshot.incidents.map((i) => [i.id, i.status, i.url])).toEqual([['https://status.acme.example/incidents/01H', 'identified', 'https://status.acme.example/incidents/01H']]);
  });

  it('a generic feed without status words is history only: unknown, with a warning', () => {
    const snapshot = snapshotOf(rss([item('a', 'Something happened'), item('b', '')]));
    expect(snapshot.health).toBe('unknown');
    expect(snapshot.incidents).toEqual([]);
    expect(snapshot.warnings.join(' ')).toMatch(/2 entries carry no status word/);
  });

  it('an empty feed is unknown, never operational', () => {
    const snapshot = snapshotOf(rss([]));
    expect(snapshot.health).toBe('unknown');
    expect(snapshot.warnings.join(' ')).toMatch(/no entries/);
  });

  it('an unknown status word is kept as history with a warning that quotes it', () => {
    const snapshot = snapshotOf(rss([item('a', log('Pondering'))]));
    expect(snapshot.incidents).toEqual([]);
    expect(snapshot.warnings.join(' ')).toMatch(/unknown feed status word "pondering"/);
  });

  it('entries repeated by id are read once; javascript: links are dropped', () => {
    const snapshot = snapshotOf(rss([item('a', log('Investigating')), item('a', log('Investigating'))]).replace(/https:\/\/status\.acme\.example\/incidents\/a<\/link>/g, 'javascript:alert(1)</link>'));
    expect(snapshot.incidents).toHaveLength(1);
    expect(snapshot.incidents[0]?.url).toBeNull();
  });

  it('RSS 1.0 (rdf:RDF) is read too', () => {
    const rdf = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel><title>Old</title></channel>
      <item><title>X</title><link>https://old.example/x</link><description>${log('Investigating')}</description></item></rdf:RDF>`;
    expect(snapshotOf(rdf).health).toBe('degraded');
  });
});

describe('RSS and Atom: hostile input', () => {
  it('an entity-expansion ("billion laughs") payload is refused quickly, with bounded memory', () => {
    const lol = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title><description>&lol9;</description><guid>x</guid></item></channel></rss>`;
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    expect(errorOf(lol)).toMatch(/declares a DTD or XML entities/);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);
  });

  it('an external-entity (XXE) payload is refused and reads nothing', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>&xxe;</title><item><title>&xxe;</title><guid>x</guid></item></channel></rss>`;
    expect(errorOf(xxe)).toMatch(/declares a DTD or XML entities/);
    const external = `<?xml version="1.0"?><!DOCTYPE rss SYSTEM "http://127.0.0.1:1/evil.dtd"><rss version="2.0"><channel><title>x</title></channel></rss>`;
    expect(errorOf(external)).toMatch(/declares a DTD/);
    const stray = `<?xml version="1.0"?><!DOCTYPE rss><!ENTITY xxe SYSTEM "file:///etc/passwd"><rss version="2.0"><channel><title>&xxe;</title></channel></rss>`;
    expect(errorOf(stray)).toMatch(/declares a DTD or XML entities/);
    // The Netscape RSS 0.91 DOCTYPE is a plain public identifier: allowed, and never fetched.
    expect(parseRssFeed('<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"><channel><title>x</title></channel></rss>', NOW).ok).toBe(true);
  });

  it('the XML reader never expands an entity it was not given: an undeclared one stays literal text', () => {
    const snapshot = snapshotOf(rss([item('a', 'x').replace('<title>Incident a</title>', '<title>&xxe; &amp; &#65;</title>')]), Date.parse('2026-09-18T11:30:00Z'));
    expect(snapshot.recentlyResolved[0]?.title).toBe('&xxe; & A');
  });

  it('malformed XML and non-feeds are clear errors or honest unknowns, never a throw', () => {
    expect(errorOf('')).toMatch(/empty/);
    expect(errorOf('{"status":"ok"}')).toMatch(/not XML/);
    expect(errorOf('<<<>>>')).toMatch(/no <rss>, <feed>/);
    expect(errorOf('<!doctype html><html><head><title>Sign in</title></head><body></body></html>')).toMatch(/web page|no <rss>/);
    expect(errorOf('<html><body><rss>not here</rss></body></html>')).toMatch(/web page \(HTML\)/);
    for (const broken of ['<rss><channel><item><title>x', '<feed><entry><id>1</id><title>t</title><updated>2026-09-18T11:00:00Z', '<rss><channel></item></item></channel>', '<rss version="2.0"><channel><item><title><![CDATA[ok]]></title><guid>g</guid></item></channel></rss>']) {
      expect(() => parseRssFeed(broken, NOW)).not.toThrow();
      const outcome = parseRssFeed(broken, NOW);
      if (outcome.ok) expect(outcome.snapshot.health).not.toBe('operational');
    }
  });

  it('markup nested very deeply is survived', () => {
    const deep = `<rss><channel><item><guid>g</guid><title>${'<b>'.repeat(20_000)}x${'</b>'.repeat(20_000)}</title></item></channel></rss>`;
    expect(() => parseRssFeed(deep, NOW)).not.toThrow();
    const outcome = parseRssFeed(deep, NOW);
    if (outcome.ok) expect(outcome.snapshot.health).not.toBe('operational');
  });

  it('a huge feed (2 MB, thousands of entries) is capped and read quickly', () => {
    const entries = Array.from({ length: 5_500 }, (_, i) => item(`i${i}`, log('Resolved', 'Investigating'), 'Fri, 18 Sep 2026 11:00:00 +0000'));
    const body = rss(entries);
    expect(body.length).toBeGreaterThan(2_000_000);
    const started = performance.now();
    const snapshot = snapshotOf(body);
    // Generous: two shared cores under load; the point is "seconds, not minutes or a crash".
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(snapshot.recentlyResolved).toHaveLength(500);
    expect(snapshot.warnings.join(' ')).toMatch(/read only the newest 500 of 5500 entries/);
  });

  it('mixed-up encodings: a BOM, a Latin-1 declaration over UTF-8 text, replacement characters', () => {
    const withBom = `\uFEFF${rss([item('a', log('Investigating'))])}`;
    expect(snapshotOf(withBom).health).toBe('degraded');
    const latin1 = rss([item('a', log('Investigating')).replace('Incident a', 'Caf\uFFFD indisponible')]).replace('encoding="UTF-8"', 'encoding="ISO-8859-1"');
    const snapshot = snapshotOf(latin1);
    expect(snapshot.incidents[0]?.title).toBe('Caf\uFFFD indisponible');
    const utf16Declared = rss([item('a', log('Monitoring'))]).replace('encoding="UTF-8"', 'encoding="UTF-16"');
    expect(snapshotOf(utf16Declared).health).toBe('degraded');
  });
});

describe('content types', () => {
  it('rss accepts XML types and refuses HTML and JSON; JSON types refuse XML with a hint', () => {
    const body = rss([]);
    for (const type of ['application/rss+xml', 'application/atom+xml; charset=utf-8', 'application/xml', 'text/xml', 'text/plain', '']) expect(contentTypeProblem(type, body, 'rss'), type).toBeNull();
    expect(contentTypeProblem('text/html', '<!doctype html><html></html>', 'rss')).toMatch(/expected an RSS or Atom feed but got a web page/);
    expect(contentTypeProblem('application/json', '{}', 'rss')).toMatch(/got JSON/);
    expect(contentTypeProblem('application/rss+xml', body, 'slack')).toMatch(/expected JSON but got XML .*use the type "rss"/);
    expect(contentTypeProblem('application/json', '{}', 'statusio')).toBeNull();
  });
});
