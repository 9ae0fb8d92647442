/**
 * The CLI's language from policy, and its own errors in the person's language: a `Language`
 * policy (machine or user, over the config file; a recommended one under it) picks the words of
 * every human output, usage and config errors included; `--json` stays English. Real CLI, the
 * Linux policy reader pointed at a temp folder (OUTAGE_RADAR_POLICY_DIR), the recorded Microsoft
 * payload on loopback.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, writeConfig } from '../helpers/cli.js';
import { serveFixture, startLoopback, type Loopback } from '../helpers/loopback.js';

const MS_POST = 'microsoft-public-status/status-cloud-microsoft-api-posts-mac-2026-09-18.json';
const ENGLISH = { LANG: 'en_US.UTF-8' };
const GERMAN = { LANG: 'de_DE.UTF-8' };

let server: Loopback;
beforeAll(async () => {
  server = await startLoopback({ '/ms/api/posts/mac': serveFixture(MS_POST) });
});
afterAll(() => server.close());

function config(extra: Record<string, unknown> = {}): string {
  return writeConfig({ sources: [{ id: 'microsoft-public', url: `${server.url}/ms/api/posts/mac` }], ...extra });
}

/** A Linux policy folder with these files (`policy.json` is machine policy, `recommended.json` recommended). */
function policyDir(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'outage-radar-policy-lang-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), JSON.stringify(content));
  return dir;
}

const machineGerman = (): Record<string, string> => ({ OUTAGE_RADAR_POLICY_DIR: policyDir({ 'policy.json': { Language: 'de' } }) });

describe('a Language policy picks the words of check', () => {
  it('machine policy `Language: de` makes check German under an English locale', async () => {
    const run = await runCli(['check', '--config', config(), '--no-probes'], { env: { ...ENGLISH, ...machineGerman() } });
    expect(run.stdout).toMatch(/^Gesamt: /m);
    expect(run.stdout).toMatch(/^Ergebnis: /m);
    expect(run.stdout).not.toMatch(/^(Overall|Verdict): /m);
  });

  it('the policy wins over the config file\'s `language: en`', async () => {
    const run = await runCli(['check', '--config', config({ language: 'en' }), '--no-probes'], { env: { ...ENGLISH, ...machineGerman() } });
    expect(run.stdout).toMatch(/^Gesamt: /m);
    expect(run.stdout).not.toMatch(/^Overall: /m);
  });

  it('a recommended `Language` gives way to the config file, and applies when the config says nothing', async () => {
    const env = { ...ENGLISH, OUTAGE_RADAR_POLICY_DIR: policyDir({ 'recommended.json': { Language: 'de' } }) };
    const configured = await runCli(['check', '--config', config({ language: 'en' }), '--no-probes'], { env });
    expect(configured.stdout).toMatch(/^Overall: /m);
    const recommended = await runCli(['check', '--config', config(), '--no-probes'], { env });
    expect(recommended.stdout).toMatch(/^Gesamt: /m);
  });

  it('a rejected `Language` value is no language: the locale applies', async () => {
    const env = { ...GERMAN, OUTAGE_RADAR_POLICY_DIR: policyDir({ 'policy.json': { Language: 'fr' } }) };
    const run = await runCli(['check', '--config', config(), '--no-probes'], { env });
    expect(run.stdout).toMatch(/^Gesamt: /m);
  });

  it('--json stays English whatever the policy says', async () => {
    const run = await runCli(['check', '--config', config(), '--no-probes', '--json'], { env: { ...ENGLISH, ...machineGerman() } });
    const out = JSON.parse(run.stdout) as { verdict: { title: string } };
    const english = JSON.parse((await runCli(['check', '--config', config(), '--no-probes', '--json'], { env: ENGLISH })).stdout) as { verdict: { title: string } };
    expect(out.verdict.title).toBe(english.verdict.title);
    expect(out.verdict.title).toMatch(/^[A-Z][a-z]+ /);
    expect(out.verdict.title).not.toMatch(/[äöüß]|Störung|keine/);
  });

  it('catalog, explain and a bad config file follow the policy too', async () => {
    const env = { ...ENGLISH, ...machineGerman() };
    expect((await runCli(['catalog'], { env })).stdout).toMatch(/^\d+ Dienste\. Tragen Sie eine ID/);
    const explain = await runCli(['explain', '--offline', '550 5.1.1'], { env });
    expect(explain.stdout).toMatch(/^ {3}Was es bedeutet: /m);
    const bad = await runCli(['check', '--config', writeConfig('{ "pollIntervalSeconds": 5 }')], { env });
    expect(bad.code).toBe(64);
    expect(bad.stderr).toContain('outage-radar: fehlerhafte Konfigurationsdatei');
  });
});

describe('--help in the policy\'s language', () => {
  it('--help, -h and help are German under LANG=C when machine policy says `Language: de`, English without it', async () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const german = await runCli(args, { env: { LANG: 'C', ...machineGerman() } });
      expect(german.code).toBe(0);
      expect(german.stdout).toMatch(/^Aufruf:\n {2}outage-radar check /);
    }
    const english = await runCli(['--help'], { env: { LANG: 'C', OUTAGE_RADAR_POLICY_DIR: policyDir({}) } });
    expect(english.stdout).toMatch(/^Usage:\n {2}outage-radar check /);
  });

  it('a recommended `Language` is the help\'s language too; --version stays a number', async () => {
    const env = { LANG: 'C', OUTAGE_RADAR_POLICY_DIR: policyDir({ 'recommended.json': { Language: 'de' } }) };
    expect((await runCli(['--help'], { env })).stdout).toMatch(/^Aufruf:/);
    expect((await runCli(['--version'], { env })).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe('usage errors in the person\'s language', () => {
  it('says our own usage errors in German, with the German usage after them', async () => {
    const unknown = await runCli(['bogus'], { env: GERMAN });
    expect(unknown.code).toBe(64);
    expect(unknown.stderr).toMatch(/^outage-radar: unbekannter Befehl „bogus“\n\nAufruf:\n/);
    const extra = await runCli(['check', 'now'], { env: GERMAN });
    expect(extra.stderr).toMatch(/^outage-radar: unerwartetes Argument „now“\n/);
    const diagnose = await runCli(['diagnose', '--no-probes'], { env: GERMAN });
    expect(diagnose.stderr).toMatch(/^outage-radar: diagnose führt nur die Verbindungsprüfungen aus/);
    const explain = await runCli(['explain'], { env: GERMAN });
    expect(explain.stderr).toMatch(/^outage-radar: explain braucht den Fehlertext/);
    const policy = await runCli(['policy', 'now'], { env: { ...GERMAN, OUTAGE_RADAR_POLICY_DIR: policyDir({}) } });
    expect(policy.stderr).toMatch(/^outage-radar: unerwartetes Argument „now“\n\nAufruf:\n/);
    const catalog = await runCli(['catalog', 'now'], { env: GERMAN });
    expect(catalog.stderr).toMatch(/^outage-radar: unerwartetes Argument „now“\n\nAufruf:\n/);
    const addSource = await runCli(['add-source'], { env: GERMAN });
    expect(addSource.stderr).toMatch(/^outage-radar: add-source braucht die Adresse der Statusseite/);
  });

  it('says the common option errors of the argument parser in our German words', async () => {
    const unknown = await runCli(['check', '--bogus'], { env: GERMAN });
    expect(unknown.stderr).toMatch(/^outage-radar: unbekannte Option --bogus; /);
    expect(unknown.stderr).toContain('\n\nAufruf:\n');
    const missing = await runCli(['check', '--config'], { env: GERMAN });
    expect(missing.stderr).toMatch(/^outage-radar: die Option -c, --config braucht einen Wert\n/);
    const valued = await runCli(['catalog', '--json=yes'], { env: GERMAN });
    expect(valued.stderr).toMatch(/^outage-radar: die Option --json nimmt keinen Wert an\n/);
  });

  it('the relay says its usage errors in German too; English unchanged', async () => {
    const german = await runCli(['relay', '--client-id', 'x'], { env: GERMAN });
    expect(german.code).toBe(64);
    expect(german.stderr).toMatch(/^outage-radar relay: --tenant ist erforderlich \(die Verzeichnis-ID als GUID/);
    expect(german.stderr).toContain('\n\nAufruf:\n');
    const english = await runCli(['relay', '--bogus'], { env: ENGLISH });
    expect(english.stderr).toMatch(/^outage-radar relay: Unknown option '--bogus'/);
  });

  it('follows a Language policy under an English locale', async () => {
    const run = await runCli(['bogus'], { env: { ...ENGLISH, ...machineGerman() } });
    expect(run.stderr).toMatch(/^outage-radar: unbekannter Befehl „bogus“\n\nAufruf:\n/);
  });

  it('English stays as it was, and the --json error object stays English under a German locale', async () => {
    const english = await runCli(['check', '--bogus'], { env: ENGLISH });
    expect(english.stderr).toMatch(/^outage-radar: Unknown option '--bogus'\. To specify a positional argument/);
    expect(english.stderr).toContain('\n\nUsage:\n');
    expect((await runCli(['bogus'], { env: ENGLISH })).stderr).toMatch(/^outage-radar: unknown command "bogus"\n\nUsage:\n/);
    const json = await runCli(['bogus', '--json'], { env: GERMAN });
    expect(JSON.parse(json.stdout)).toEqual({ error: { kind: 'bad-usage', message: 'unknown command "bogus"', file: null, line: null, column: null, key: null } });
    const parser = await runCli(['check', '--json', '--config'], { env: GERMAN });
    expect((JSON.parse(parser.stdout) as { error: { message: string } }).error.message).toBe("Option '-c, --config <value>' argument missing");
  });
});

describe('policy errors in the person\'s language', () => {
  function tempFile(name: string, content: string): string {
    const path = join(mkdtempSync(join(tmpdir(), 'outage-radar-policy-file-')), name);
    writeFileSync(path, content);
    return path;
  }

  it('--file says every problem in German; the English and the JSON are unchanged', async () => {
    const file = tempFile('x.json', JSON.stringify({ PollIntervalSeconds: 5, Bogus: true, Watch: 'outlook' }));
    const env = { OUTAGE_RADAR_POLICY_DIR: policyDir({}) };
    const german = await runCli(['policy', '--file', file], { env: { ...env, ...GERMAN } });
    expect(german.code).toBe(64);
    expect(german.stderr.split('\n')).toEqual([
      `${file}: PollIntervalSeconds: erwartet: eine Zahl von mindestens 60, gefunden: 5`,
      `${file}: Bogus: unbekannter Richtlinienname (die Namen zeigt \`outage-radar policy\`; jeder ist der Schlüssel einer Einstellung in PascalCase)`,
      `${file}: Watch: erwartet: eine Liste, gefunden: "outlook"`,
      '',
    ]);
    const english = await runCli(['policy', '--file', file], { env: { ...env, ...ENGLISH } });
    expect(english.stderr.split('\n')).toEqual([
      `${file}: PollIntervalSeconds: expected a number of at least 60, got 5`,
      `${file}: Bogus: unknown policy name (see \`outage-radar policy\` for the names; each is a setting's key in PascalCase)`,
      `${file}: Watch: expected an array, got "outlook"`,
      '',
    ]);
    const json = await runCli(['policy', '--file', file, '--json'], { env: { ...env, ...GERMAN } });
    const out = JSON.parse(json.stdout) as { errors: Record<string, unknown>[] };
    expect(out.errors[1]).toEqual({ source: 'machine-policy', key: 'Bogus', message: 'Bogus: unknown policy name (see `outage-radar policy` for the names; each is a setting\'s key in PascalCase)' });
  });

  it('a file that is no policy file, and a .reg export with a deletion, in German', async () => {
    const text = await runCli(['policy', '--file', tempFile('notes.txt', 'hello')], { env: GERMAN });
    expect(text.stderr).toMatch(/: keine Richtliniendatei: erwartet wurde JSON, eine plist \(XML oder binär\) oder ein \.reg-Export\n$/);
    const reg = await runCli(['policy', '--file', tempFile('x.reg', 'Windows Registry Editor Version 5.00\n\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\OutageRadar]\n"Watch"=-\n')], { env: GERMAN });
    expect(reg.stderr).toContain('HKLM\\SOFTWARE\\Policies\\OutageRadar: .reg-Datei Zeile 4: Watch: eine Löschung („-“), die eine Richtliniendatei nicht verwenden kann');
  });

  it('the policy page lists rejected values with the level and the reason in German', async () => {
    const env = { ...GERMAN, OUTAGE_RADAR_POLICY_DIR: policyDir({ 'policy.json': { Bogus: 1 }, 'recommended.json': { PollIntervalSeconds: 5 } }) };
    const run = await runCli(['policy'], { env });
    expect(run.stdout).toContain('  Computerrichtlinie: Bogus: unbekannter Richtlinienname');
    expect(run.stdout).toContain('  empfohlene Richtlinie: PollIntervalSeconds: erwartet: eine Zahl von mindestens 60, gefunden: 5');
  });
});
