import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolvePolicy, type PolicyOutcome } from '../../../main/core/policy/policy-effective.js';
import { parsePowerShellRegistryJson, parseRegExport, parseRegQuery, registryPolicySets } from '../../../main/core/policy/registry-text.js';
import { decodePolicyText } from '../../../main/core/policy/policy-documents.js';
import { renderPhrase, type Phrase } from '../../../main/core/i18n/phrase.js';
import { createTranslator } from '../../../main/core/i18n/translate.js';

const GERMAN = createTranslator('de');
const said = (words: Phrase | undefined, t = GERMAN): string => (words === undefined ? '' : renderPhrase(words, t));
import { ROOT } from '../../helpers/cli.js';

const fixture = (name: string): string => readFileSync(join(ROOT, 'test', 'fixtures', 'policy', name), 'utf8');

function row(outcome: PolicyOutcome, key: string): { value: unknown; source: string; locked: boolean } {
  const found = outcome.settings.find((s) => s.key === key);
  if (found === undefined) throw new Error(`no row ${key}`);
  return { value: found.value, source: found.source, locked: found.locked };
}

const errorFor = (outcome: PolicyOutcome, key: string): string[] => outcome.errors.filter((e) => e.key === key).map((e) => e.message);

describe('reg.exe query /s transcripts', () => {
  const hklm = parseRegQuery(fixture('reg-query-hklm.txt'));
  const hkcu = parseRegQuery(fixture('reg-query-hkcu.txt'));
  const sets = registryPolicySets({ keys: [...hklm.keys, ...hkcu.keys], problems: [...hklm.problems, ...hkcu.problems] });
  const outcome = resolvePolicy({ sets });

  it('reads every line of the documented format, keys and subkeys, without a problem', () => {
    expect(hklm.problems).toEqual([]);
    expect(hkcu.problems).toEqual([]);
    expect(hklm.keys.map((k) => k.path)).toEqual(['HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\OutageRadar', 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\OutageRadar\\Recommended']);
    expect(sets.map((s) => [s.origin, s.level])).toEqual([
      ['HKLM\\SOFTWARE\\Policies\\OutageRadar', 'machine-policy'],
      ['HKCU\\SOFTWARE\\Policies\\OutageRadar', 'user-policy'],
      ['HKLM\\SOFTWARE\\Policies\\OutageRadar\\Recommended', 'recommended'],
      ['HKCU\\SOFTWARE\\Policies\\OutageRadar\\Recommended', 'recommended'],
    ]);
  });

  it('turns REG_DWORD hex, REG_MULTI_SZ, REG_SZ and JSON in REG_SZ into the settings they lock', () => {
    expect(row(outcome, 'pollIntervalSeconds')).toEqual({ value: 120, source: 'machine-policy', locked: true });
    expect(row(outcome, 'watch')).toEqual({ value: ['outlook', 'teams', 'zoom'], source: 'machine-policy', locked: true });
    expect(row(outcome, 'app.allowQuit')).toEqual({ value: false, source: 'machine-policy', locked: true });
    expect(row(outcome, 'updates.mode').value).toBe('none');
    expect(row(outcome, 'report.include').value).toEqual(['hostName']);
    expect(row(outcome, 'channels').value).toEqual([{ name: 'Helpdesk phone', kind: 'phone', how: 'Call 555-0100', service: null }]);
    // Runs of spaces inside the data are the admin's text, not separators.
    expect(row(outcome, 'helpdesk.contact').value).toBe('Call the  IT desk   on 555-0100 (08:00-18:00)');
    // An empty REG_SZ is how the registry says "none" for a key that may be null.
    expect(row(outcome, 'helpdesk.ticketUrl')).toEqual({ value: null, source: 'machine-policy', locked: true });
  });

  it('tolerates odd spacing (a tab, two spaces, trailing blanks) in the user hive', () => {
    expect(row(outcome, 'quietHours.enabled')).toEqual({ value: true, source: 'user-policy', locked: true });
    expect(row(outcome, 'helpdesk.criticalPiercesQuietHours')).toEqual({ value: true, source: 'user-policy', locked: true });
    expect(row(outcome, 'customSources').value).toEqual([{ id: 'acme', name: 'Acme CRM', url: 'https://status.acme.example' }]);
  });

  it('lets the machine win over the user, and reads Recommended as changeable values', () => {
    // HKCU says 3600; HKLM's 120 wins.
    expect(row(outcome, 'pollIntervalSeconds').value).toBe(120);
    expect(row(outcome, 'startAtLogin')).toEqual({ value: false, source: 'recommended', locked: false });
    expect(row(outcome, 'language')).toEqual({ value: 'de', source: 'recommended', locked: false });
    expect(row(outcome, 'notifications.onResolved')).toEqual({ value: false, source: 'recommended', locked: false });
  });

  it('rejects each bad value for its key alone, with the reason, and keeps the rest', () => {
    expect(errorFor(outcome, 'notifications.enabled')).toEqual(['NotificationsEnabled: expects REG_DWORD 0 or 1, got REG_SZ "1"']);
    expect(row(outcome, 'notifications.enabled')).toEqual({ value: true, source: 'default', locked: false });
    expect(errorFor(outcome, 'quietHours.start')[0]).toMatch(/^QuietHoursStart: expects REG_SZ text, got REG_DWORD 22/);
    expect(errorFor(outcome, 'pollIntervalLimits.maxSeconds')[0]).toMatch(/^PollIntervalLimitsMaxSeconds: .*3600/);
    expect(errorFor(outcome, 'connectivity.baseline')[0]).toMatch(/^ConnectivityBaseline: expects JSON text \(an array\) in REG_SZ; it is not valid JSON/);
    expect(errorFor(outcome, 'StatusSources')[0]).toMatch(/^StatusSources: unknown policy name/);
    expect(outcome.errors.every((e) => e.source === 'machine-policy' || e.source === 'user-policy')).toBe(true);
  });
});

describe('the PowerShell fallback (Get-ItemProperty | ConvertTo-Json)', () => {
  const reading = parsePowerShellRegistryJson(fixture('powershell-get-itemproperty.json'));
  const outcome = resolvePolicy({ sets: registryPolicySets(reading) });

  it('reads the keys named by PSPath and skips PowerShell bookkeeping', () => {
    expect(reading.problems).toEqual([]);
    expect(reading.keys.map((k) => k.values.map((v) => v.name))).toEqual([['PollIntervalSeconds', 'Watch', 'TenantName', 'AppAllowQuit', 'Sources', 'NotificationsEnabled'], ['StartAtLogin'], ['PollIntervalSeconds', 'HelpdeskContact']]);
  });

  it('gives the same settings as reg.exe would', () => {
    expect(row(outcome, 'pollIntervalSeconds')).toEqual({ value: 120, source: 'machine-policy', locked: true });
    expect(row(outcome, 'watch').value).toEqual(['outlook', 'teams']);
    expect(row(outcome, 'app.allowQuit').value).toBe(false);
    expect(row(outcome, 'sources').value).toEqual([{ id: 'acme-status', type: 'statuspage', url: 'https://status.acme.example' }]);
    expect(row(outcome, 'startAtLogin')).toEqual({ value: false, source: 'recommended', locked: false });
    expect(row(outcome, 'helpdesk.contact')).toEqual({ value: 'Ruf uns an: 555-0100 (Mo–Fr)', source: 'user-policy', locked: true });
    expect(errorFor(outcome, 'notifications.enabled')).toEqual(['NotificationsEnabled: expects REG_DWORD 0 or 1, got REG_SZ "0"']);
  });

  it('says so when the output is not JSON', () => {
    const problem = parsePowerShellRegistryJson('Get-ItemProperty : Access denied').problems[0];
    expect(renderPhrase(problem ?? { clauses: [] })).toMatch(/^PowerShell: the output is not JSON \(/);
    expect(said(problem)).toMatch(/^PowerShell: die Ausgabe ist kein JSON \(/);
  });
});

describe('.reg exports', () => {
  it('reads strings with escapes, dword, hex(7) continued over lines, and the Recommended key, in UTF-8 or UTF-16 LE', () => {
    const text = fixture('policy-export.reg');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    for (const source of [text, decodePolicyText(utf16)]) {
      const reading = parseRegExport(source);
      expect(reading.problems).toEqual([]);
      const outcome = resolvePolicy({ sets: registryPolicySets(reading) });
      expect(outcome.errors).toEqual([]);
      expect(row(outcome, 'pollIntervalSeconds').value).toBe(180);
      expect(row(outcome, 'watch').value).toEqual(['outlook', 'teams']);
      expect(row(outcome, 'helpdesk.contact').value).toBe('C:\\Help\\read me.txt, or call 555-0100');
      // Services naming a source the same file defines is good: the rules across keys see the whole set.
      expect(row(outcome, 'services').value).toEqual([{ id: 'crm', name: 'Acme CRM', sources: [{ source: 'acme' }] }]);
      expect(row(outcome, 'startAtLogin')).toEqual({ value: false, source: 'recommended', locked: false });
    }
  });

  it('reports a bad value, an unknown name and a string where a boolean is expected, one error each', () => {
    const outcome = resolvePolicy({ sets: registryPolicySets(parseRegExport(fixture('policy-export-invalid.reg'))) });
    expect(outcome.errors.map((e) => e.key)).toEqual(['pollIntervalSeconds', 'watch', 'UpdateMode', 'app.allowQuit']);
    expect(outcome.errors[1]?.message).toBe('Watch: expects JSON text (an array) in REG_SZ; it is not valid JSON (Unexpected token \'o\', "outlook" is not valid JSON)');
    // The same errors in German; names, types and the parser's own text stay as they are.
    expect(outcome.errors.map((e) => said(e.words))).toEqual([
      expect.stringMatching(/^PollIntervalSeconds: erwartet/),
      'Watch: erwartet JSON-Text (ein Array) in REG_SZ; das ist kein gültiges JSON (Unexpected token \'o\', "outlook" is not valid JSON)',
      expect.stringMatching(/^UpdateMode: unbekannter Richtlinienname/),
      'AppAllowQuit: erwartet REG_DWORD 0 oder 1, erhalten: REG_SZ "false"',
    ]);
    expect(outcome.errors.map((e) => renderPhrase(e.words))).toEqual(outcome.errors.map((e) => e.message));
  });

  it('refuses a file without the regedit header, and key deletions', () => {
    const header = parseRegExport('[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\OutageRadar]\n"A"="b"\n').problems[0];
    const deletion = parseRegExport('REGEDIT4\n[-HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\OutageRadar]\n').problems[0];
    expect(said(header, createTranslator('en'))).toBe('.reg file: the first line must be "Windows Registry Editor Version 5.00" (or "REGEDIT4")');
    expect(said(deletion, createTranslator('en'))).toBe('.reg file line 2: deletes a key ("[-...]"), which a policy file cannot do');
    expect(said(header)).toBe('.reg-Datei: die erste Zeile muss „Windows Registry Editor Version 5.00“ (oder „REGEDIT4“) lauten');
    expect(said(deletion)).toBe('.reg-Datei Zeile 2: löscht einen Schlüssel („[-...]“), was eine Richtliniendatei nicht kann');
  });

  it('never reads a key outside SOFTWARE\\Policies\\OutageRadar as policy', () => {
    const sets = registryPolicySets(parseRegExport('Windows Registry Editor Version 5.00\n\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Other]\n"PollIntervalSeconds"=dword:0000003c\n'));
    const outcome = resolvePolicy({ sets });
    expect(row(outcome, 'pollIntervalSeconds').source).toBe('default');
    expect(outcome.errors[0]?.message).toMatch(/not an Outage Radar policy key/);
  });
});
