/**
 * The CLI speaks the person's language: with `LANG=de_DE.UTF-8` the human output of `check`,
 * `explain`, `report`, `catalog`, `policy`, `add-source` and `--help` is German throughout (our
 * words, the verdict's reasons included; text quoted from a status page stays as written),
 * `LC_ALL` and the config's `language` setting override it, and `--json` stays English for
 * scripts and helpdesks. Real CLI, the recorded Microsoft payload and the documented org feed on loopback.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../../main/core/i18n/catalogs/en.json' with { type: 'json' };
import de from '../../main/core/i18n/catalogs/de.json' with { type: 'json' };
import { runCli, writeConfig } from '../helpers/cli.js';
import { serveFixture, startLoopback, type Loopback } from '../helpers/loopback.js';
import { currentExampleFeed } from '../helpers/org-feed.js';
import { readFixture } from '../helpers/fixtures.js';

const MS_POST = 'microsoft-public-status/status-cloud-microsoft-api-posts-mac-2026-09-18.json';
const GERMAN = { LANG: 'de_DE.UTF-8', TZ: 'Europe/Berlin' };

/**
 * English catalog sentences that must not appear in German output: whole messages without
 * placeholders, long enough to be a sentence and different from their German.
 */
const ENGLISH_SENTENCES = Object.entries(en)
  .filter(([key, text]) => !/[{}]/.test(text) && text.length >= 20 && de[key as keyof typeof de] !== text)
  .map(([, text]) => text);

/** Catalog sections whose words the CLI prints. */
const CLI_SECTIONS = ['cli.', 'advice.', 'verdict.', 'service.', 'report.', 'catalog.', 'policy.', 'addSource.', 'problem.'];

/** The English fragments around placeholders, e.g. "Overall: " and " has an incident: it is not you". */
const ENGLISH_FRAGMENTS = Object.entries(en)
  .filter(([key]) => CLI_SECTIONS.some((section) => key.startsWith(section)))
  .flatMap(([, text]) => text.split(/[{}]/))
  .map((part) => part.trim())
  .filter((part) => part.length >= 12 && !/[{}]/.test(part) && !Object.values(de).some((d) => d.includes(part)));

function englishLeaks(output: string): string[] {
  return [...ENGLISH_SENTENCES, ...ENGLISH_FRAGMENTS].filter((text) => output.includes(text));
}

let server: Loopback;
beforeAll(async () => {
  server = await startLoopback({
    '/ms/api/posts/mac': serveFixture(MS_POST),
    '/feed.json': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(currentExampleFeed(Date.now())),
    '/ok': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'),
    '/portal': (_req, res) => res.writeHead(302, { location: '/login?return=msftconnecttest' }).end(),
  });
});
afterAll(() => server.close());

function config(extra: Record<string, unknown> = {}): string {
  return writeConfig({ orgFeedUrl: `${server.url}/feed.json`, sources: [{ id: 'microsoft-public', url: `${server.url}/ms/api/posts/mac` }], ...extra });
}

describe('check with a German locale', () => {
  it('says everything of ours in German during an open Exchange incident', async () => {
    const run = await runCli(['check', '--config', config(), '--no-probes'], { env: GERMAN });
    expect(run.code).toBe(2);
    const out = run.stdout;
    expect(out).toContain('Outage Radar – geprüft');
    expect(out).toMatch(/^Gesamt: Ausfall \(Tray: Ausfall\)$/m);
    expect(out).toContain('Ergebnis: Microsoft hat eine Störung: Es liegt nicht an Ihnen');
    // The reason names the incident in German; its title stays as Microsoft wrote it.
    // Our own name for the org feed is said in German too; a name a config gives stays as given.
    expect(out).toContain('Microsoft 365 (Ihre Organisation)');
    expect(out).not.toContain('your organization');
    expect(out).toMatch(/^Grund: .* meldet die Störung EX1224375 für Outlook \/ Exchange und SharePoint & OneDrive \(„Users may be unable to send or receive email“\) und 1 weitere Störung; die Verbindungsprüfungen wurden übersprungen$/m);
    expect(out).toContain('erwähnt Microsoft 365 suite, Identity Service nicht');
    expect(out).toContain('Was tun: Auf Ihrer Seite ist nichts zu reparieren und kein Ticket nötig: Warten Sie, bis Microsoft das Problem behebt.');
    expect(out).toContain('Nichts neu installieren oder zurücksetzen');
    expect(out).toContain('E-Mails sind verzögert, nicht verloren');
    expect(out).toMatch(/^Dienste$/m);
    expect(out).toMatch(/^Quellen$/m);
    // Status words are ours to translate.
    expect(out).not.toMatch(/\((investigating|identified|monitoring|in-progress)[,)]/);
    expect(englishLeaks(out)).toEqual([]);
  });

  it('the config\'s `language: en` overrides the German locale', async () => {
    const run = await runCli(['check', '--config', config({ language: 'en' }), '--no-probes'], { env: GERMAN });
    expect(run.stdout).toContain('Verdict: Microsoft has an incident: it is not you');
  });

  it('LC_ALL=C wins over a German LANG', async () => {
    const run = await runCli(['check', '--config', config(), '--no-probes'], { env: { ...GERMAN, LC_ALL: 'C' } });
    expect(run.stdout).toMatch(/^Overall: Outage \(tray: outage\)$/m);
  });

  it('--json stays English: field names, enum words and human strings', async () => {
    const run = await runCli(['check', '--config', config(), '--no-probes', '--json'], { env: GERMAN });
    const report = JSON.parse(run.stdout) as {
      verdict: Record<string, unknown> & { title: string; summary: string; evidence: Record<string, unknown>[] };
      advice: Array<{ title: string; text: string }>;
      services: Record<string, unknown>[];
    };
    expect(report.verdict.title).toBe('Microsoft has an incident: it is not you');
    expect(report.verdict.summary).toMatch(/ reports incident EX1224375 for Outlook \/ Exchange and SharePoint & OneDrive \("Users may be unable to send or receive email"\) and 1 more incident; connection checks were skipped$/);
    expect(report.advice.map((a) => a.title)).toContain('Do not reinstall or reset anything');
    expect(run.stdout).not.toMatch(/Störung|Ihnen|nicht verloren|erwähnt/);
    // Exactly the documented members: the words the human output translates from are not printed.
    expect(Object.keys(report.verdict)).toEqual(['kind', 'title', 'summary', 'advice', 'evidence', 'flags', 'serviceIds']);
    for (const item of report.verdict.evidence) expect(Object.keys(item)).toEqual(['code', 'text']);
    for (const service of report.services) expect(Object.keys(service)).toEqual(['id', 'name', 'health', 'sourceIds', 'incidents', 'messages', 'notes', 'fallback']);
    expect(report.services.flatMap((s) => s.notes as string[])).toContain('Microsoft 365 (your organization) does not mention Microsoft 365 suite, Identity Service');
  });
});

describe('a config file that cannot be used, with a German locale', () => {
  const broken = {
    watch: ['github', 'no-such-service'],
    pollIntervalSeconds: 5,
    quietHours: { enabled: true, start: '10:00', end: '10:00' },
    network: { proxy: 'proxy-without-port' },
  };

  it('says each problem of the shape in German with its line and column; --json stays English', async () => {
    const file = writeConfig(JSON.stringify({ ...broken, bogus: 1 }, null, 2));
    const run = await runCli(['check', '--config', file], { env: GERMAN });
    expect(run.code).toBe(64);
    expect(run.stderr).toContain('outage-radar: fehlerhafte Konfigurationsdatei');
    expect(run.stderr).toContain(`${file}: bogus: unbekannter Schlüssel (Schreibweise prüfen) (in Zeile 15, Spalte 12)`);
    expect(run.stderr).toContain(`${file}: pollIntervalSeconds: erwartet: eine Zahl von mindestens 60, gefunden: 5 (in Zeile 6, Spalte 26)`);
    expect(englishLeaks(run.stderr)).toEqual([]);

    const json = await runCli(['check', '--config', file, '--json'], { env: GERMAN });
    const error = (JSON.parse(json.stdout) as { error: { message: string } }).error;
    expect(error.message).toBe('bogus: unknown key (check the spelling)\npollIntervalSeconds: expected a number of at least 60, got 5');
    expect(json.stderr).toContain('fehlerhafte Konfigurationsdatei');
  });

  it('says what the shape cannot (unknown service, quiet hours, proxy) in German, and in English without the locale', async () => {
    const file = writeConfig({ ...broken, pollIntervalSeconds: 300 });
    const german = await runCli(['check', '--config', file], { env: GERMAN });
    expect(german.stderr).toContain('watch[1]: unbekannter Dienst „no-such-service“; erwartet: eine Katalog-ID (');
    expect(german.stderr).toContain('quietHours: Beginn und Ende müssen sich unterscheiden');
    expect(german.stderr).toContain('network.proxy: nennt weder Schema noch Port; erwartet: eine Proxy-Adresse wie "http://proxy.example.com:8080"');
    expect(englishLeaks(german.stderr)).toEqual([]);

    const english = await runCli(['check', '--config', file], { env: { LANG: 'C' } });
    expect(english.stderr).toContain('watch[1]: unknown service "no-such-service"; expected a catalog id (');
    expect(english.stderr).toContain('quietHours: start and end must differ (at line');
    expect(english.stderr).toContain('network.proxy: names no scheme or port; expected a proxy address such as "http://proxy.example.com:8080" (at line');
  });

  it('says a syntax error, a missing file and a folder in German', async () => {
    const syntax = await runCli(['check', '--config', writeConfig('{ "watch": ["github"], }')], { env: GERMAN });
    expect(syntax.stderr).toMatch(/: kein gültiges JSON: erwartet: ein Name in doppelten Anführungszeichen \(ein Komma am Ende ist in JSON nicht erlaubt\) \(in Zeile 1, Spalte 24\)$/m);
    const dir = mkdtempSync(join(tmpdir(), 'outage-radar-test-'));
    const missing = await runCli(['check', '--config', join(dir, 'nothing.json')], { env: GERMAN });
    expect(missing.stderr).toContain('nothing.json: die Datei kann nicht gelesen werden (ENOENT): Datei nicht gefunden');
    const folder = await runCli(['check', '--config', dir], { env: GERMAN });
    expect(folder.stderr).toContain(`${dir}: keine normale Datei (es ist ein Ordner)`);
    for (const run of [syntax, missing, folder]) {
      expect(run.code).toBe(64);
      expect(englishLeaks(run.stderr)).toEqual([]);
    }
  });
});

describe('explain with a German locale', () => {
  it('explains a bounce code in German, offline', async () => {
    const run = await runCli(['explain', '451 4.3.2', '--offline'], { env: GERMAN });
    expect(run.code).toBe(0);
    const out = run.stdout;
    expect(out).toContain('1. Vorübergehender Serverfehler in Exchange Online [451 4.3.2, 4.3.2]');
    expect(out).toContain('Wessen Problem: beim Anbieter (bei Microsoft): nicht bei Ihnen');
    expect(out).toContain('Was es bedeutet: Exchange Online konnte die Nachricht kurzzeitig nicht verarbeiten.');
    expect(out).toContain('Was zu tun ist:');
    expect(out).toContain('Jetzt: nicht geprüft (--offline).');
    expect(englishLeaks(out)).toEqual([]);
  });

  it('--json stays English', async () => {
    const run = await runCli(['explain', '451 4.3.2', '--offline', '--json'], { env: GERMAN });
    const answer = JSON.parse(run.stdout) as { matches: Array<{ title: string; meaning: string; steps: string[] }> };
    expect(answer.matches[0]?.title).toBe('Temporary server error in Exchange Online');
    expect(answer.matches[0]?.steps[0]).toMatch(/^Wait: the sending server keeps the message/);
  });

  it('says in German when nothing matches', async () => {
    const run = await runCli(['explain', 'zzzz qqqq', '--offline'], { env: GERMAN });
    expect(run.code).toBe(3);
    expect(run.stdout).toContain('Zu diesem Text passt nichts in der Wissensdatenbank.');
    expect(englishLeaks(run.stdout)).toEqual([]);
  });
});

describe('report with a German locale', () => {
  it('says the report for the ticket in German, the verdict\'s reasons and evidence included', async () => {
    const run = await runCli(['report', '--config', config(), '--no-probes'], { env: GERMAN });
    expect(run.code).toBe(0);
    const out = run.stdout;
    // The first line is what a ticket system groups by: the same in every language.
    expect(out.split('\n')[0]).toMatch(/^Outage Radar · service outlook\+sharepoint · verdict provider-incident · /);
    expect(out).toContain('Outage-Radar-Bericht');
    expect(out).toMatch(/^Entfernte persönliche Daten: Benutzername, Computername, /m);
    expect(out).toContain('Ergebnis: Microsoft hat eine Störung: Es liegt nicht an Ihnen');
    expect(out).toMatch(/^Grund: .* meldet die Störung EX1224375 /m);
    expect(out).toMatch(/^Was tun: Auf Ihrer Seite ist nichts zu reparieren/m);
    expect(out).toContain('Anzeichen:');
    expect(out).toContain('- Die Verbindungsprüfungen wurden übersprungen, daher wurden nur die Statusseiten befragt.');
    expect(out).toMatch(/^- Outlook \/ Exchange: Ausfall$/m);
    expect(out).toMatch(/EX1224375 · Users may be unable to send or receive email · Ursache gefunden · Ausfall · begonnen vor /);
    expect(out).toContain('Statusquellen:');
    expect(out).toContain('Verbindungsprüfungen: nicht ausgeführt');
    expect(englishLeaks(out)).toEqual([]);
  });

  it('--json stays English', async () => {
    const run = await runCli(['report', '--config', config(), '--no-probes', '--json'], { env: GERMAN });
    const report = JSON.parse(run.stdout) as { verdict: { title: string; summary: string; evidence: { code: string; text: string }[] } };
    expect(report.verdict.title).toBe('Microsoft has an incident: it is not you');
    expect(report.verdict.summary).toContain(' reports incident EX1224375 for ');
    expect(report.verdict.evidence.map((e) => e.text)).toContain('Connection checks were skipped, so only the status pages were consulted.');
    expect(run.stdout).not.toMatch(/Störung|Ihnen|Anzeichen|Statusquellen/);
  });
});

describe('catalog, policy and help with a German locale', () => {
  it('catalog: categories and the header in German; --json unchanged', async () => {
    const run = await runCli(['catalog'], { env: GERMAN });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\d+ Dienste\. Tragen Sie eine ID in die Liste "watch" einer Konfigurationsdatei oder Richtlinie ein\.$/m);
    expect(run.stdout).toMatch(/^Kommunikation \(\d+\)$/m);
    expect(run.stdout).toMatch(/^Identität und SSO \(\d+\)$/m);
    expect(englishLeaks(run.stdout)).toEqual([]);
    expect(run.stdout).not.toMatch(/^(Communication|Identity and SSO|Cloud platforms) \(/m);
    const [german, english] = await Promise.all([runCli(['catalog', '--json'], { env: GERMAN }), runCli(['catalog', '--json'], { env: { LANG: 'C' } })]);
    expect(german.stdout).toBe(english.stdout);
  });

  it('policy: the page for people in German', async () => {
    const env = { ...GERMAN, OUTAGE_RADAR_POLICY_DIR: mkdtempSync(join(tmpdir(), 'outage-radar-policy-de-')) };
    const run = await runCli(['policy'], { env });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Outage-Radar-Richtlinien');
    expect(run.stdout).toContain('Gelesene Richtlinien: keine gefunden');
    expect(run.stdout).toContain('Konfigurationsdatei: keine (--config DATEI)');
    expect(run.stdout).toMatch(/Richtlinienname\s+Einstellung\s+Wert\s+Quelle/);
    expect(run.stdout).toMatch(/Language\s+language\s+"auto"\s+Standard/);
    expect(englishLeaks(run.stdout)).toEqual([]);
    const json = await runCli(['policy', '--json'], { env });
    expect(json.stdout).toContain('"source": "default"');
    expect(json.stdout).not.toMatch(/Standard|Richtlinie/);
  });

  it('--help in German, and English with LANG=C', async () => {
    const run = await runCli(['--help'], { env: GERMAN });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Aufruf:\n  outage-radar check \[--config DATEI\] \[--json\] \[--no-probes\]\n/);
    expect(run.stdout).toContain('{"error": {"kind", "message", "file", "line", "column", "key"}}, und die Meldung geht zusätzlich nach stderr.');
    expect(englishLeaks(run.stdout)).toEqual([]);
    expect(run.stdout).not.toContain('Exit codes:');
    const english = await runCli(['--help'], { env: { LANG: 'C' } });
    expect(english.stdout).toMatch(/^Usage:\n/);
    expect(english.stdout).toContain('Exit codes: 0 all operational');
  });
});

describe('add-source with a German locale', () => {
  it('says what it found and how to use it in German; --json unchanged', async () => {
    const page = await startLoopback({ '/api/v2/summary.json': serveFixture('statuspage/github-summary-2020-04-02-major-outage.json') });
    try {
      const run = await runCli(['add-source', `${page.url}/api/v2/summary.json`], { env: GERMAN });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Gefunden: eine Statuspage-Seite: GitHub');
      expect(run.stdout).toContain('Tragen Sie sie unter "sources" in Ihre Konfigurationsdatei ein (outage-radar check --config DATEI):');
      expect(run.stdout).toMatch(/^Komponenten \(\d+\)\. Der Eintrag "services" oben beobachtet nur "/m);
      expect(englishLeaks(run.stdout)).toEqual([]);
      const json = await runCli(['add-source', `${page.url}/api/v2/summary.json`, '--json'], { env: GERMAN });
      expect(Object.keys(JSON.parse(json.stdout) as object)).toEqual(['source', 'components']);
      expect(json.stdout).not.toMatch(/Gefunden|Komponenten/);

      // A page that is no status page: the reason in German on stderr, the JSON error in English.
      const refused = await runCli(['add-source', `${page.url}/nothing-here`], { env: GERMAN });
      expect(refused.code).toBe(3);
      expect(refused.stderr).toContain('kein Statusformat');
      const refusedJson = await runCli(['add-source', `${page.url}/nothing-here`, '--json'], { env: GERMAN });
      expect((JSON.parse(refusedJson.stdout) as { error: { message: string } }).error.message).not.toMatch(/kein Statusformat/);
    } finally {
      await page.close();
    }
  });
});

describe('diagnose with a German locale', () => {
  it('the verdict\'s reason and every connection-check line in German', async () => {
    const probes = writeConfig({
      watch: [],
      connectivity: {
        baseline: [`${server.url}/ok`],
        captive: [{ id: 'ncsi', url: `${server.url}/portal`, expectStatus: 200, expectBody: 'Microsoft Connect Test' }],
        targets: [{ id: 'outlook-a', url: `${server.url}/ok`, role: 'service', serviceId: 'outlook' }],
      },
    });
    const run = await runCli(['diagnose', '--config', probes], { env: GERMAN });
    expect(run.code).toBe(2);
    const out = run.stdout;
    expect(out).toMatch(/^Grund: Eine Anmeldeseite des Netzwerks hat 1 von 1 Internetprüfungen abgefangen$/m);
    expect(out).toMatch(/^Verbindungsprüfungen \(\d+ ms\)$/m);
    expect(out).toContain('  Proxy: keiner, direkte Verbindung (kein Proxy eingerichtet)');
    expect(out).toMatch(/\/ok \[Dienst\] direkt: erreichbar$/m);
    expect(out).toMatch(/^ {6}DNS {3}/m);
    // The probes' own details are said in German too; hosts, addresses and the server's status text stay as they are.
    const host = new URL(server.url).host;
    expect(out).toContain(` - ${host.replace(/:\d+$/, '')} wurde aufgelöst zu 127.0.0.1`);
    expect(out).toContain(` - ${host} hat mit HTTP 200 OK geantwortet`);
    expect(out).toContain(' - nicht ausgeführt: einfaches http-Ziel, kein TLS');
    expect(out).toMatch(/^ {2}Netzwerkverbindung: .* – (verbunden über|keine Netzwerkschnittstelle|das System meldet)/m);
    expect(englishLeaks(out)).toEqual([]);
    // Our probe sentences around their values, e.g. "answered HTTP" and "(that alone does not prove internet access)".
    const probeFragments = Object.entries(en)
      .filter(([key]) => key.startsWith('probe.'))
      .flatMap(([, text]) => text.split(/\{[^{}]*\}/))
      .map((part) => part.trim())
      .filter((part) => part.length >= 10 && !Object.values(de).some((d) => d.includes(part)));
    expect(probeFragments.length).toBeGreaterThan(20);
    expect(probeFragments.filter((text) => out.includes(text))).toEqual([]);
    expect(out).not.toMatch(/none, direct connection|no proxy configured|\[service\]| direct: |answered HTTP|resolved to|not run:/);
    const json = await runCli(['diagnose', '--config', probes, '--json'], { env: GERMAN });
    const parsed = JSON.parse(json.stdout) as {
      verdict: Record<string, unknown> & { summary: string };
      probes: {
        link: Record<string, unknown>;
        captive: Record<string, unknown>[];
        targets: { steps: (Record<string, unknown> & { step: string; detail: string })[] }[];
      };
    };
    const verdict = parsed.verdict;
    expect(verdict.summary).toBe('A network sign-in page intercepted 1 of 1 internet checks');
    expect(Object.keys(verdict)).toEqual(['kind', 'title', 'summary', 'advice', 'evidence', 'flags', 'serviceIds']);
    // The probes' details stay English for scripts, and the words they are said from are not printed.
    const steps = parsed.probes.targets.flatMap((t) => t.steps);
    expect(steps.find((s) => s.step === 'http')?.detail).toBe(`${host} answered HTTP 200 OK`);
    expect(steps.find((s) => s.step === 'tls')?.detail).toBe('not run: plain http target, no TLS');
    expect(parsed.probes.captive[0]?.['detail']).toBe(`${host} redirected (HTTP 302) to /login?return=msftconnecttest: a sign-in page is intercepting web traffic`);
    expect(Object.keys(parsed.probes.link)).toEqual(['online', 'detail']);
    for (const item of [...steps, ...parsed.probes.captive]) expect(Object.keys(item)).not.toContain('detailWords');
    expect(json.stdout).not.toMatch(/detailWords|probe\.detail|wurde|nicht ausgeführt/);
  });
});

describe('status sources that fail or are read in part, with a German locale', () => {
  // Our sentences about a source (`source.problem.*`) around their values, e.g. "expected JSON but got a web page".
  const SOURCE_FRAGMENTS = Object.entries(en)
    .filter(([key]) => key.startsWith('source.problem.'))
    .flatMap(([, text]) => text.split(/\{[^{}]*\}|\{|\}/))
    .map((part) => part.trim())
    .filter((part) => part.length >= 12 && !Object.values(de).some((d) => d.includes(part)));
  let refusedUrl: string;
  let sources: string;

  beforeAll(async () => {
    server.route('/broken/summary.json', (_req, res) => res.writeHead(503, { 'content-type': 'text/plain' }).end('down'));
    server.route('/login/summary.json', (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Sign in</body></html>'));
    server.route('/partial/summary.json', (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"page":{}}'));
    server.route('/cut/summary.json', (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"page":'));
    const oddWord = { page: { name: 'Odd' }, status: { indicator: 'none' }, components: [{ id: 'x', name: 'X', status: 'sideways' }], incidents: [], scheduled_maintenances: [] };
    server.route('/odd/summary.json', (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(oddWord)));
    // A port nothing listens on: the connection is refused.
    const closed = await startLoopback();
    refusedUrl = `${closed.url}/summary.json`;
    await closed.close();
    sources = writeConfig({
      sources: [
        { id: 'broken', type: 'statuspage', url: `${server.url}/broken/summary.json` },
        { id: 'login', type: 'statuspage', url: `${server.url}/login/summary.json` },
        { id: 'partial', type: 'statuspage', url: `${server.url}/partial/summary.json` },
        { id: 'cut', type: 'statuspage', url: `${server.url}/cut/summary.json` },
        { id: 'odd', type: 'statuspage', url: `${server.url}/odd/summary.json` },
        { id: 'refused', type: 'statuspage', url: refusedUrl },
      ],
    });
  });

  it('says every error and warning of ours in German; codes and the page\'s own words stay as they are', async () => {
    const run = await runCli(['check', '--config', sources, '--no-probes'], { env: GERMAN });
    const out = run.stdout;
    expect(out).toMatch(/^ {9}Fehler: HTTP 503$/m);
    expect(out).toMatch(/^ {9}Fehler: erwartet war JSON, gekommen ist eine Webseite \(text\/html\); die Adresse ist vielleicht falsch oder eine Anmeldeseite steht im Weg$/m);
    expect(out).toMatch(/^ {9}Warnung: das Dokument enthält nicht: status, components, incidents, scheduled_maintenances; der Zustand beruht nur auf den übrigen Teilen$/m);
    expect(out).toMatch(/^ {9}Fehler: die Statuspage-Antwort konnte nicht gelesen werden: das JSON endet vorzeitig \(abgeschnitten nach 8 Zeichen\)$/m);
    expect(out).toMatch(/^ {9}Warnung: unbekannter Wert für Komponentenstatus: "sideways"$/m);
    // The runtime's own message is quoted as it came; the sentence around it is ours.
    expect(out).toMatch(/^ {9}Fehler: Netzwerkfehler ECONNREFUSED: connect ECONNREFUSED 127\.0\.0\.1:\d+$/m);
    // The verdict's reason and the services' notes carry the same words.
    expect(out).toMatch(/^Grund: Nicht zu sagen: .*partial: das Dokument enthält nicht: status/m);
    expect(out).toMatch(/^ {9}Hinweis: login: erwartet war JSON, gekommen ist eine Webseite/m);
    expect(out).toMatch(/^ {9}Hinweis: refused: Netzwerkfehler ECONNREFUSED/m);
    expect(englishLeaks(out)).toEqual([]);
    expect(SOURCE_FRAGMENTS.length).toBeGreaterThan(50);
    expect(SOURCE_FRAGMENTS.filter((text) => out.includes(text))).toEqual([]);
  });

  it('the helpdesk report says them in German too', async () => {
    const run = await runCli(['report', '--config', sources, '--no-probes'], { env: GERMAN });
    const out = run.stdout;
    expect(out).toContain('letzter Abruf fehlgeschlagen: HTTP 503');
    expect(out).toContain('nur teilweise gelesen: das Dokument enthält nicht: status');
    expect(out).toMatch(/Status unbekannt für .*login: erwartet war JSON, gekommen ist eine Webseite/);
    expect(englishLeaks(out)).toEqual([]);
    expect(SOURCE_FRAGMENTS.filter((text) => out.includes(text))).toEqual([]);
  });

  it('English output and --json keep the English sentences, and --json prints no words', async () => {
    const english = await runCli(['check', '--config', sources, '--no-probes'], { env: { ...GERMAN, LC_ALL: 'C' } });
    expect(english.stdout).toMatch(/^ {9}error: HTTP 503$/m);
    expect(english.stdout).toMatch(/^ {9}error: expected JSON but got a web page \(text\/html\); the address may be wrong or a login page is in the way$/m);
    expect(english.stdout).toMatch(/^ {9}warning: the document has no status, components, incidents, scheduled_maintenances; health is based on the other parts only$/m);
    expect(english.stdout).toMatch(/^ {9}error: could not read the Statuspage response: the JSON ends early \(truncated after 8 characters\)$/m);
    expect(english.stdout).toMatch(/^ {9}warning: unknown component status "sideways"$/m);
    expect(english.stdout).toMatch(/^ {9}error: network error ECONNREFUSED: connect ECONNREFUSED 127\.0\.0\.1:\d+$/m);

    const run = await runCli(['check', '--config', sources, '--no-probes', '--json'], { env: GERMAN });
    const report = JSON.parse(run.stdout) as { sources: (Record<string, unknown> & { id: string; error: string | null; warnings: string[] })[] };
    const byId = new Map(report.sources.map((s) => [s.id, s]));
    expect(byId.get('broken')?.error).toBe('HTTP 503');
    expect(byId.get('login')?.error).toBe('expected JSON but got a web page (text/html); the address may be wrong or a login page is in the way');
    expect(byId.get('partial')?.warnings).toEqual(['the document has no status, components, incidents, scheduled_maintenances; health is based on the other parts only']);
    expect(byId.get('cut')?.error).toBe('could not read the Statuspage response: the JSON ends early (truncated after 8 characters)');
    expect(byId.get('odd')?.warnings).toEqual(['unknown component status "sideways"']);
    expect(byId.get('refused')?.error).toMatch(/^network error ECONNREFUSED: /);
    for (const source of report.sources) {
      expect(Object.keys(source)).toEqual(['id', 'type', 'name', 'url', 'health', 'fetchedAt', 'checkedAt', 'error', 'stale', 'components', 'incidents', 'upcoming', 'recentlyResolved', 'messages', 'warnings', 'lastKnown']);
    }
    expect(run.stdout).not.toMatch(/"words"|warningWords|errorWords|source\.problem\.|Fehler|gekommen|Dokument/);

    const diagnostics = await runCli(['report', '--config', sources, '--no-probes', '--json'], { env: GERMAN });
    expect(diagnostics.stdout).toContain('expected JSON but got a web page (text/html)');
    expect(diagnostics.stdout).not.toMatch(/"words"|warningWords|source\.problem\.|gekommen|Dokument/);
  });
});

describe('an incident its provider left untitled, with a German locale', () => {
  // GitHub's recorded outage with the incident's name taken out: the parser gives it our stand-in title.
  const untitled = (): string => {
    const summary = JSON.parse(readFixture('statuspage/github-summary-2020-04-02-major-outage.json')) as { incidents: Record<string, unknown>[] };
    return JSON.stringify({ ...summary, incidents: summary.incidents.map(({ name, ...incident }) => (void name, incident)) });
  };
  let page: Loopback;
  let file: string;
  beforeAll(async () => {
    page = await startLoopback({ '/gh/api/v2/summary.json': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(untitled()) });
    file = writeConfig({ sources: [{ id: 'untitled-page', type: 'statuspage', name: 'GitHub', url: `${page.url}/gh` }] });
  });
  afterAll(() => page.close());

  it('says our stand-in title in German everywhere a person reads it; --json keeps the English', async () => {
    const run = await runCli(['check', '--config', file, '--no-probes'], { env: GERMAN });
    expect(run.stdout).toMatch(/^Grund: GitHub meldet eine Störung \(„Störung ohne Titel“\)/m);
    expect(run.stdout).toMatch(/: Störung ohne Titel \[wird untersucht/m);
    expect(run.stdout).not.toContain('Untitled incident');

    const json = await runCli(['check', '--config', file, '--no-probes', '--json'], { env: GERMAN });
    const report = JSON.parse(json.stdout) as { sources: { incidents: { title: string }[] }[]; verdict: { summary: string } };
    expect(report.sources[0]?.incidents.map((i) => i.title)).toEqual(['Untitled incident']);
    expect(report.verdict.summary).toContain('("Untitled incident")');
  });
});
