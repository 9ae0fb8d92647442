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
const CLI_SECTIONS = ['cli.', 'advice.', 'verdict.', 'service.', 'report.', 'catalog.', 'policy.', 'addSource.'];

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
    // The probes' own details after " - " are technical English from the adapters, in every language.
    expect(englishLeaks(out.replace(/ - .*$/gm, ''))).toEqual([]);
    expect(out).not.toMatch(/none, direct connection|no proxy configured|\[service\]| direct: /);
    const json = await runCli(['diagnose', '--config', probes, '--json'], { env: GERMAN });
    const verdict = (JSON.parse(json.stdout) as { verdict: Record<string, unknown> & { summary: string } }).verdict;
    expect(verdict.summary).toBe('A network sign-in page intercepted 1 of 1 internet checks');
    expect(Object.keys(verdict)).toEqual(['kind', 'title', 'summary', 'advice', 'evidence', 'flags', 'serviceIds']);
  });
});
