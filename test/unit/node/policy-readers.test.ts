import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bplistCreator from 'bplist-creator';
import { describe, expect, it } from 'vitest';
import { resolvePolicy } from '../../../main/core/policy/policy-effective.js';
import { renderPhrase } from '../../../main/core/i18n/phrase.js';
import { createTranslator } from '../../../main/core/i18n/translate.js';
import { decodePlist } from '../../../main/node/policy/plist-decode.js';
import { createLinuxPolicySource, createMacPolicySource, createPlatformPolicySource } from '../../../main/node/policy/policy-sources.js';
import { MAC_POLICY_FILE, mayHavePolicy } from '../../../main/node/policy/policy-places.js';
import { PLIST_DOMAIN } from '../../../main/core/policy/policy-documents.js';
import { createWindowsPolicySource, type CommandRun } from '../../../main/node/policy/windows-policy.js';
import { ROOT } from '../../helpers/cli.js';

const fixture = (name: string): string => readFileSync(join(ROOT, 'test', 'fixtures', 'policy', name), 'utf8');

/** Plays the written transcripts back as reg.exe and PowerShell would answer; records the calls. */
function transcriptRunner(answers: { hklm: CommandRun; hkcu: CommandRun; powershell: CommandRun }) {
  const calls: { file: string; args: readonly string[] }[] = [];
  const run = async (file: string, args: readonly string[]): Promise<CommandRun> => {
    calls.push({ file, args });
    if (file.endsWith('reg.exe')) return args[1]?.startsWith('HKLM') ? answers.hklm : answers.hkcu;
    return answers.powershell;
  };
  return { run, calls };
}

const ok = (stdout: string): CommandRun => ({ ok: true, stdout });
const failed = (stderr: string): CommandRun => ({ ok: false, stdout: '', stderr, reason: '1' });

describe('Windows: reg.exe, then PowerShell', () => {
  it('queries both hives with reg.exe from System32, with /s and no shell, and reads the policy', async () => {
    const { run, calls } = transcriptRunner({ hklm: ok(fixture('reg-query-hklm.txt')), hkcu: ok(fixture('reg-query-hkcu.txt')), powershell: failed('not expected') });
    const sets = await createWindowsPolicySource({ run, systemRoot: 'C:\\Windows' }).read();
    expect(calls).toEqual([
      { file: 'C:\\Windows\\System32\\reg.exe', args: ['query', 'HKLM\\SOFTWARE\\Policies\\OutageRadar', '/s'] },
      { file: 'C:\\Windows\\System32\\reg.exe', args: ['query', 'HKCU\\SOFTWARE\\Policies\\OutageRadar', '/s'] },
    ]);
    const outcome = resolvePolicy({ sets });
    expect(outcome.settings.find((s) => s.key === 'pollIntervalSeconds')).toMatchObject({ value: 120, source: 'machine-policy', locked: true });
  });

  it('takes a missing key as no policy', async () => {
    const missing = failed(fixture('reg-query-not-found.stderr.txt'));
    const { run, calls } = transcriptRunner({ hklm: missing, hkcu: missing, powershell: failed('not expected') });
    expect(await createWindowsPolicySource({ run }).read()).toEqual([]);
    expect(calls.every((c) => c.file.endsWith('reg.exe'))).toBe(true);
  });

  it('falls back to PowerShell when registry editing tools are disabled by policy', async () => {
    const { run, calls } = transcriptRunner({ hklm: failed(fixture('reg-query-disabled.stderr.txt')), hkcu: failed('not expected'), powershell: ok(fixture('powershell-get-itemproperty.json')) });
    const sets = await createWindowsPolicySource({ run, systemRoot: 'C:\\Windows' }).read();
    expect(calls.map((c) => c.file)).toEqual(['C:\\Windows\\System32\\reg.exe', 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe']);
    expect(calls[1]?.args.slice(0, 5)).toEqual(['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand']);
    const script = Buffer.from(calls[1]?.args[5] ?? '', 'base64').toString('utf16le');
    expect(script).toContain("Get-ItemProperty -LiteralPath $k");
    expect(script).toContain("'HKCU:\\SOFTWARE\\Policies\\OutageRadar\\Recommended'");
    const outcome = resolvePolicy({ sets });
    expect(outcome.settings.find((s) => s.key === 'helpdesk.contact')).toMatchObject({ source: 'user-policy', locked: true });
  });

  it('reports, and does not throw, when neither can read the registry', async () => {
    const { run } = transcriptRunner({ hklm: failed(fixture('reg-query-disabled.stderr.txt')), hkcu: failed(''), powershell: failed('powershell.exe is blocked by AppLocker') });
    const outcome = resolvePolicy({ sets: await createWindowsPolicySource({ run }).read() });
    expect(outcome.errors).toHaveLength(1);
    expect(outcome.errors[0]?.message).toMatch(/the registry could not be read \(reg\.exe: ERROR: Registry editing has been disabled by your administrator\.; PowerShell: powershell\.exe is blocked by AppLocker\)/);
  });
});

describe('macOS managed preferences', () => {
  const XML = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0"><dict>
  <key>PollIntervalSeconds</key><integer>900</integer>
  <key>OrgFeedUrl</key><string>https://status.contoso.example/feed.json</string>
</dict></plist>`;

  it('reads the device plist (XML) and the user plist (binary), device winning', async () => {
    const root = mkdtempSync(join(tmpdir(), 'outage-radar-mp-'));
    writeFileSync(join(root, 'org.outageradar.desktop.plist'), XML);
    mkdirSync(join(root, 'alice'));
    writeFileSync(join(root, 'alice', 'org.outageradar.desktop.plist'), bplistCreator({ PollIntervalSeconds: 120, Watch: ['zoom'], Recommended: { Language: 'de' } }));
    const sets = await createMacPolicySource({ root, user: 'alice' }).read();
    expect(sets.map((s) => s.level)).toEqual(['machine-policy', 'user-policy', 'recommended']);
    const outcome = resolvePolicy({ sets });
    expect(outcome.errors).toEqual([]);
    const get = (key: string) => outcome.settings.find((s) => s.key === key);
    expect(get('pollIntervalSeconds')).toMatchObject({ value: 900, source: 'machine-policy' });
    expect(get('watch')).toMatchObject({ value: ['zoom'], source: 'user-policy', locked: true });
    expect(get('language')).toMatchObject({ value: 'de', source: 'recommended', locked: false });
  });

  it('reports a damaged plist instead of throwing', async () => {
    expect(decodePlist(Buffer.from('bplist00garbage')).ok).toBe(false);
    expect(decodePlist(Buffer.from('<plist><dict><key>a</key>')).ok).toBe(false);
    const root = mkdtempSync(join(tmpdir(), 'outage-radar-mp-'));
    writeFileSync(join(root, 'org.outageradar.desktop.plist'), 'bplist00 not really');
    const outcome = resolvePolicy({ sets: await createMacPolicySource({ root, user: null }).read() });
    expect(outcome.errors[0]?.message).toMatch(/not a readable plist/);
  });
});

describe('Linux files and the platform choice', () => {
  it('reads nothing, and reports nothing, when there is no policy folder', async () => {
    expect(await createLinuxPolicySource({ dir: join(tmpdir(), 'no-such-outage-radar-dir') }).read()).toEqual([]);
  });

  it('reports a policy path that is a folder instead of a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outage-radar-pol-'));
    mkdirSync(join(dir, 'policy.json'));
    const sets = await createLinuxPolicySource({ dir }).read();
    const problem = sets[0]?.problems[0];
    expect(problem === undefined ? '' : renderPhrase(problem)).toMatch(/not a regular file/);
    expect(problem === undefined ? '' : renderPhrase(problem, createTranslator('de'))).toMatch(/keine normale Datei/);
  });

  it('follows OUTAGE_RADAR_POLICY_DIR on Linux', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outage-radar-pol-'));
    writeFileSync(join(dir, 'policy.json'), '{"TenantName":"contoso"}');
    const sets = await createPlatformPolicySource({ platform: 'linux', env: { OUTAGE_RADAR_POLICY_DIR: dir } }).read();
    expect(sets.map((s) => [s.origin, s.entries.length])).toEqual([[join(dir, 'policy.json'), 1]]);
  });
});

describe('whether a machine may hold a policy (what --help asks before loading the readers)', () => {
  it('on Linux: only when policy.json or recommended.json is in the folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'outage-radar-places-'));
    const env = { OUTAGE_RADAR_POLICY_DIR: dir };
    expect(mayHavePolicy('linux', env)).toBe(false);
    writeFileSync(join(dir, 'recommended.json'), '{}');
    expect(mayHavePolicy('linux', env)).toBe(true);
  });

  it('on macOS: the device plist of our domain; on Windows always (only the registry can tell)', () => {
    const root = mkdtempSync(join(tmpdir(), 'outage-radar-places-'));
    expect(MAC_POLICY_FILE).toBe(`${PLIST_DOMAIN}.plist`);
    expect(mayHavePolicy('darwin', { OUTAGE_RADAR_POLICY_DIR: root })).toBe(false);
    writeFileSync(join(root, MAC_POLICY_FILE), '');
    expect(mayHavePolicy('darwin', { OUTAGE_RADAR_POLICY_DIR: root })).toBe(true);
    expect(mayHavePolicy('win32', {})).toBe(true);
  });
});
