/**
 * What the CLI does with input a person or a script gets wrong: a config path that is not a file,
 * a JSON typo, a bad proxy, a mistyped flag, and our own bugs. A script that asked for `--json`
 * always gets exactly one JSON object on stdout; a person gets one clear message on stderr.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, writeConfig, type CliRun } from '../helpers/cli.js';
import { serveFixture, startLoopback, type Loopback } from '../helpers/loopback.js';

let server: Loopback;

beforeAll(async () => {
  server = await startLoopback({ '/github/api/v2/summary.json': serveFixture('statuspage/github-summary-2020-04-02-major-outage.json') });
});
afterAll(() => server.close());

interface ErrorObject {
  kind: string;
  message: string;
  file: string | null;
  line: number | null;
  column: number | null;
  key: string | null;
}

/** The one JSON object on stdout, checked to be exactly the documented error shape. */
function jsonError(run: CliRun): ErrorObject {
  const parsed = JSON.parse(run.stdout) as { error: ErrorObject };
  expect(Object.keys(parsed)).toEqual(['error']);
  expect(Object.keys(parsed.error).sort()).toEqual(['column', 'file', 'key', 'kind', 'line', 'message']);
  return parsed.error;
}

/** A hung child must not outlive the test: `timeout` ends it (exit 124), which fails the assertion. */
const bounded = { prefix: ['timeout', '10'] };

function makeFifo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'outage-radar-fifo-'));
  const fifo = join(dir, 'config.json');
  execFileSync('/usr/bin/mkfifo', [fifo]);
  return fifo;
}

describe('config files that are not small regular files', () => {
  it('refuses /dev/zero at once instead of reading gigabytes', async () => {
    const run = await runCli(['check', '--no-probes', '--json', '--config', '/dev/zero'], bounded);
    expect(run.code).toBe(64);
    expect(run.wallMs).toBeLessThan(3000);
    expect(run.stderr).toMatch(/\/dev\/zero: not a regular file \(it is a character device\)/);
    expect(jsonError(run)).toMatchObject({ kind: 'bad-config', file: '/dev/zero', line: null, column: null });
  });

  it('refuses a named pipe without waiting for a writer', async () => {
    const fifo = makeFifo();
    const run = await runCli(['check', '--no-probes', '--config', fifo], bounded);
    expect(run.code).toBe(64);
    expect(run.wallMs).toBeLessThan(3000);
    expect(run.stderr).toContain(`${fifo}: not a regular file (it is a named pipe)`);
  });

  it('refuses a network.caFile that is a named pipe, naming the key', async () => {
    const config = writeConfig({ watch: ['github'], sources: [{ id: 'github', url: `${server.url}/github` }], network: { caFile: makeFifo() } });
    const run = await runCli(['check', '--no-probes', '--json', '--config', config], bounded);
    expect(run.code).toBe(64);
    expect(run.wallMs).toBeLessThan(3000);
    expect(jsonError(run)).toMatchObject({ kind: 'bad-config', file: config, key: 'network.caFile', line: 12, column: 15 });
    expect(run.stderr).toMatch(/network\.caFile: .*not a regular file \(it is a named pipe\)/);
  });

  it('refuses a network.caFile over 1 MB', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outage-radar-ca-'));
    const caFile = join(dir, 'huge.pem');
    writeFileSync(caFile, `-----BEGIN CERTIFICATE-----\n${'A'.repeat(1024 * 1024)}\n-----END CERTIFICATE-----\n`);
    const config = writeConfig({ watch: ['github'], sources: [{ id: 'github', url: `${server.url}/github` }], network: { caFile } });
    const run = await runCli(['check', '--no-probes', '--json', '--config', config], bounded);
    expect(run.code).toBe(64);
    expect(jsonError(run)).toMatchObject({ kind: 'bad-config', key: 'network.caFile' });
    expect(run.stderr).toMatch(/larger than 1 MB/);
  });
});

describe('config text with mistakes', () => {
  it('names the line and column (from 1) of a JSON syntax error', async () => {
    const config = writeConfig('{\n  "sources": [\n    { "id": "github", }\n  ]\n}\n');
    const run = await runCli(['check', '--no-probes', '--json', '--config', config]);
    expect(run.code).toBe(64);
    expect(run.stderr).toContain(`${config}: not valid JSON: `);
    expect(run.stderr).toMatch(/ \(at line 3, column 23\)\n/);
    expect(jsonError(run)).toMatchObject({ kind: 'bad-config', file: config, line: 3, column: 23, key: null });
  });

  it('points a comment in the file out as not JSON, with its position', async () => {
    const config = writeConfig('{\n  // my sources\n  "watch": ["outlook"]\n}\n');
    const run = await runCli(['check', '--no-probes', '--config', config]);
    expect(run.code).toBe(64);
    expect(run.stderr).toMatch(/: not valid JSON: comments are not allowed in JSON \(at line 2, column 3\)/);
  });

  it('rejects a network.proxy that is not a proxy address, naming the key', async () => {
    for (const proxy of ['not a url', 'socks5://proxy.example:1080', 'http://wpad.example/proxy.pac', 'proxycorp']) {
      const config = writeConfig({ watch: ['github'], sources: [{ id: 'github', url: `${server.url}/github` }], network: { proxy } });
      const run = await runCli(['check', '--no-probes', '--json', '--config', config]);
      expect(run.code, proxy).toBe(64);
      expect(jsonError(run), proxy).toMatchObject({ kind: 'bad-config', key: 'network.proxy', line: 12, column: 14 });
      expect(run.stderr, proxy).toMatch(/network\.proxy: .*expected a proxy address/);
    }
  });

  it('locates a problem the schema finds at the key it names', async () => {
    const config = writeConfig({ watch: ['github'], sources: [{ id: 'github', url: `${server.url}/github` }], pollIntervalSeconds: 5 });
    const run = await runCli(['check', '--no-probes', '--json', '--config', config]);
    expect(run.code).toBe(64);
    expect(jsonError(run)).toMatchObject({ kind: 'bad-config', key: 'pollIntervalSeconds', line: 11, column: 26 });
  });
});

describe('usage and internal errors with --json', () => {
  it('answers an unknown flag with one JSON error object and exit 64', async () => {
    const run = await runCli(['check', '--jsno', '--json']);
    expect(run.code).toBe(64);
    expect(jsonError(run)).toMatchObject({ kind: 'bad-usage', file: null, line: null, column: null, key: null });
    expect(jsonError(run).message).toContain('--jsno');
    expect(run.stderr).toContain('Usage:');
  });

  it('answers an unknown command with one JSON error object and exit 64', async () => {
    const run = await runCli(['chekc', '--json']);
    expect(run.code).toBe(64);
    expect(jsonError(run)).toMatchObject({ kind: 'bad-usage', message: 'unknown command "chekc"' });
  });

  it('turns an unexpected exception into an internal error (exit 3), never a stack trace on stdout', async () => {
    // Our own bug, simulated: the clock throws once the command runs.
    const dir = mkdtempSync(join(tmpdir(), 'outage-radar-bug-'));
    const hook = join(dir, 'broken-clock.mjs');
    writeFileSync(hook, "Date.now = () => { throw new Error('clock exploded'); };\n");
    const config = writeConfig({ watch: ['github'], sources: [{ id: 'github', url: `${server.url}/github` }] });
    const run = await runCli(['check', '--no-probes', '--json', '--config', config], { env: { NODE_OPTIONS: `--import=${hook}` } });
    expect(run.code).toBe(3);
    expect(jsonError(run)).toMatchObject({ kind: 'internal', message: 'clock exploded', file: null });
    expect(run.stdout).not.toMatch(/^\s+at /m);
    expect(run.stderr).toContain('internal error');
  });
});
