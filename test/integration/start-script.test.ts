/**
 * `npm start` on a machine without the Electron binary (offline, locked down, or a CI box like
 * this one) must say what is missing and how to get it, quickly, instead of trying to download
 * it; where a binary exists it must be launched on this app.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const START = join(ROOT, 'scripts', 'start.mjs');
const executableName = process.platform === 'win32' ? 'electron.exe' : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron';

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly wallMs: number;
}

function runStart(env: NodeJS.ProcessEnv): Promise<Run> {
  const started = performance.now();
  // No proxy or mirror settings from the developer's shell: a download attempt would have nowhere to go.
  const child = spawn(process.execPath, [START], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: process.env['HOME'] ?? '/tmp', ...env },
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr, wallMs: performance.now() - started });
    });
  });
}

function expectExplanation(run: Run): void {
  expect(run.code).toBe(1);
  expect(run.wallMs).toBeLessThan(10_000);
  const text = run.stdout + run.stderr;
  expect(text).toMatch(/Electron/);
  expect(text).toContain('ELECTRON_OVERRIDE_DIST_PATH');
  expect(text).toMatch(/npx install-electron/);
  expect(text).toMatch(/node_modules\/electron\/dist/);
  expect(text).not.toMatch(/Downloading/i);
  expect(text).not.toMatch(/^\s+at /m);
  // One paragraph: no blank line inside.
  expect(text.trim()).not.toMatch(/\n\s*\n/);
}

describe('npm start', () => {
  it('is wired to the launcher script, not to the download-on-first-run electron command', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['start']).toMatch(/&& node scripts\/start\.mjs$/);
  });

  it('explains how to get Electron when ELECTRON_OVERRIDE_DIST_PATH holds no binary', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'outage-radar-electron-'));
    expectExplanation(await runStart({ ELECTRON_OVERRIDE_DIST_PATH: empty }));
  });

  it.skipIf(existsSync(join(ROOT, 'node_modules', 'electron', 'dist')))('explains how to get Electron when the package has no binary', async () => {
    expectExplanation(await runStart({}));
  });

  it.skipIf(process.platform === 'win32')('launches the binary it finds on this app and passes its exit code on', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'outage-radar-electron-'));
    const stub = join(dist, executableName);
    const argsFile = join(dist, 'args.txt');
    mkdirSync(dirname(stub), { recursive: true });
    writeFileSync(stub, `#!/bin/sh\nprintf '%s\\n' "$@" > ${JSON.stringify(argsFile)}\nexit 7\n`);
    chmodSync(stub, 0o755);
    const run = await runStart({ ELECTRON_OVERRIDE_DIST_PATH: dist });
    expect(run.code).toBe(7);
    expect(readFileSync(argsFile, 'utf8').split('\n')[0]).toBe(ROOT);
  });
});
