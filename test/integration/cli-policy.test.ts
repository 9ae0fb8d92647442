/**
 * `outage-radar policy` end to end: the real CLI reading Linux policy files from a folder named by
 * OUTAGE_RADAR_POLICY_DIR, and `--file` checking JSON, plists (XML and binary) and .reg exports.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bplistCreator from 'bplist-creator';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, writeConfig } from '../helpers/cli.js';

interface PolicyJson {
  settings: { key: string; value: unknown; source: string; locked: boolean }[];
  errors: { source: string; key: string | null; message: string }[];
}

function policyDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'outage-radar-policy-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function tempFile(name: string, content: string | Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), 'outage-radar-policy-file-')), name);
  writeFileSync(path, content);
  return path;
}

const setting = (out: PolicyJson, key: string) => out.settings.find((s) => s.key === key);

const XML_PLIST = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>PollIntervalSeconds</key><integer>900</integer>
  <key>Watch</key><array><string>outlook</string><string>teams</string></array>
  <key>AppAllowQuit</key><false/>
  <key>Recommended</key>
  <dict><key>StartAtLogin</key><false/></dict>
</dict>
</plist>
`;

describe('outage-radar policy (Linux files)', () => {
  it('prints every setting with its value, source and lock, and the rejected values, as JSON', async () => {
    const dir = policyDir({
      'policy.json': JSON.stringify({ PollIntervalSeconds: 900, Watch: 'outlook', AppAllowQuit: false, Helpdesk: 'x', HelpdeskContact: 'Call 555-0100' }),
      'recommended.json': JSON.stringify({ StartAtLogin: false, PollIntervalSeconds: 120, TenantName: 'contoso' }),
    });
    const config = writeConfig({ tenantName: 'fabrikam', quietHours: { enabled: true } });
    const run = await runCli(['policy', '--json', '--config', config], { env: { OUTAGE_RADAR_POLICY_DIR: dir } });
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as PolicyJson;
    expect(Object.keys(out)).toEqual(['settings', 'errors']);
    expect(Object.keys(out.settings[0] ?? {})).toEqual(['key', 'value', 'source', 'locked']);
    expect(setting(out, 'pollIntervalSeconds')).toEqual({ key: 'pollIntervalSeconds', value: 900, source: 'machine-policy', locked: true });
    expect(setting(out, 'app.allowQuit')).toEqual({ key: 'app.allowQuit', value: false, source: 'machine-policy', locked: true });
    expect(setting(out, 'helpdesk.contact')).toMatchObject({ value: 'Call 555-0100', locked: true });
    // The config file beats a recommended value; a recommended value beats the default.
    expect(setting(out, 'tenantName')).toEqual({ key: 'tenantName', value: 'fabrikam', source: 'config-file', locked: false });
    expect(setting(out, 'startAtLogin')).toEqual({ key: 'startAtLogin', value: false, source: 'recommended', locked: false });
    expect(setting(out, 'quietHours.enabled')).toMatchObject({ value: true, source: 'config-file' });
    expect(setting(out, 'language')).toEqual({ key: 'language', value: 'auto', source: 'default', locked: false });
    // A string where a list is expected is an error for that key alone; the unknown name is one too.
    expect(setting(out, 'watch')).toMatchObject({ source: 'default', locked: false });
    expect(out.errors).toEqual([
      { source: 'machine-policy', key: 'watch', message: 'Watch: expected an array, got "outlook"' },
      { source: 'machine-policy', key: 'Helpdesk', message: expect.stringMatching(/^Helpdesk: unknown policy name/) as unknown as string },
    ]);
  });

  it('shows the page for people, and says when no policy is set', async () => {
    const dir = policyDir({ 'policy.json': JSON.stringify({ UpdatesMode: 'none', Bogus: true }) });
    const run = await runCli(['policy'], { env: { OUTAGE_RADAR_POLICY_DIR: dir } });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/UpdatesMode\s+updates\.mode\s+"none"\s+machine policy\s+\[locked\]/);
    expect(run.stdout).toMatch(/Language\s+language\s+"auto"\s+default/);
    expect(run.stdout).toContain('machine-policy: Bogus: unknown policy name');

    const none = await runCli(['policy', '--json'], { env: { OUTAGE_RADAR_POLICY_DIR: policyDir({}) } });
    const out = JSON.parse(none.stdout) as PolicyJson;
    expect(none.code).toBe(0);
    expect(out.errors).toEqual([]);
    expect(out.settings.every((s) => !s.locked && s.source === 'default')).toBe(true);
  });

  it('reports a policy file that is not JSON and still applies the other file', async () => {
    const dir = policyDir({ 'policy.json': '{ "PollIntervalSeconds": 900,', 'recommended.json': JSON.stringify({ Language: 'de' }) });
    const run = await runCli(['policy', '--json'], { env: { OUTAGE_RADAR_POLICY_DIR: dir } });
    const out = JSON.parse(run.stdout) as PolicyJson;
    expect(out.errors).toHaveLength(1);
    expect(out.errors[0]).toMatchObject({ source: 'machine-policy', key: null });
    expect(out.errors[0]?.message).toContain('policy.json: not valid JSON');
    expect(setting(out, 'language')).toMatchObject({ value: 'de', source: 'recommended' });
  });

  it('is listed in --help and refuses stray arguments with 64', async () => {
    const help = await runCli(['--help']);
    expect(help.stdout).toMatch(/^ {2}outage-radar policy \[--json\]/m);
    const bad = await runCli(['policy', 'extra']);
    expect(bad.code).toBe(64);
    const unknown = await runCli(['policy', '--frobnicate']);
    expect(unknown.code).toBe(64);
  });
});

describe('outage-radar policy --file', () => {
  const fixture = (name: string): string => readFileSync(join(ROOT, 'test', 'fixtures', 'policy', name), 'utf8');

  it('accepts a valid JSON policy with exit 0', async () => {
    const run = await runCli(['policy', '--file', tempFile('policy.json', JSON.stringify({ $schema: 'x', Watch: ['teams'], OrgFeedUrl: null }))]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/valid; it sets Watch \(machine-policy\), OrgFeedUrl \(machine-policy\)/);
  });

  it('exits 64 with one line per problem for an invalid JSON policy', async () => {
    const path = tempFile('policy.json', JSON.stringify({ PollIntervalSeconds: 10, Watch: 'teams', StartAtLogin: 'no', NoSuchPolicy: 1 }));
    const run = await runCli(['policy', '--file', path]);
    expect(run.code).toBe(64);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines.every((line) => line.startsWith(`${path}: `))).toBe(true);
    expect(lines[1]).toBe(`${path}: Watch: expected an array, got "teams"`);
  });

  it('checks XML and binary plists alike', async () => {
    const xml = await runCli(['policy', '--file', tempFile('org.outageradar.desktop.plist', XML_PLIST), '--json']);
    expect(xml.code).toBe(0);
    const out = JSON.parse(xml.stdout) as PolicyJson;
    expect(out.settings.map((s) => [s.key, s.value, s.source])).toEqual([
      ['watch', ['outlook', 'teams'], 'machine-policy'],
      ['pollIntervalSeconds', 900, 'machine-policy'],
      ['startAtLogin', false, 'recommended'],
      ['app.allowQuit', false, 'machine-policy'],
    ]);

    const binary = bplistCreator({ PollIntervalSeconds: 900, Watch: ['outlook'], Recommended: { StartAtLogin: false } });
    expect(binary.subarray(0, 8).toString('latin1')).toBe('bplist00');
    const good = await runCli(['policy', '--file', tempFile('device.plist', binary)]);
    expect(good.code).toBe(0);

    const bad = await runCli(['policy', '--file', tempFile('device.plist', bplistCreator({ Watch: 'outlook', PollIntervalSeconds: '900' }))]);
    expect(bad.code).toBe(64);
    expect(bad.stderr).toContain('Watch: expected an array, got "outlook"');
    expect(bad.stderr).toMatch(/PollIntervalSeconds: expected a whole number/);
  });

  it('checks .reg exports, UTF-16 as regedit writes them', async () => {
    const good = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(fixture('policy-export.reg'), 'utf16le')]);
    const ok = await runCli(['policy', '--file', tempFile('policy.reg', good)]);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    const bad = await runCli(['policy', '--file', tempFile('policy.reg', fixture('policy-export-invalid.reg'))]);
    expect(bad.code).toBe(64);
    expect(bad.stderr.trim().split('\n')).toHaveLength(4);
    expect(bad.stderr).toContain('AppAllowQuit: expects REG_DWORD 0 or 1, got REG_SZ "false"');
  });

  it('says what is wrong with a file that is none of the formats, or missing', async () => {
    const odd = await runCli(['policy', '--file', tempFile('policy.txt', 'PollIntervalSeconds=60\n')]);
    expect(odd.code).toBe(64);
    expect(odd.stderr).toMatch(/not a policy file: expected JSON, a plist \(XML or binary\) or a \.reg export/);
    const missing = await runCli(['policy', '--file', join(tmpdir(), 'no-such-outage-radar-policy.json')]);
    expect(missing.code).toBe(64);
    expect(missing.stderr).toMatch(/ENOENT/);
  });
});
