/**
 * "Restart" for real on Linux: a child process that closes itself on SIGTERM (as a client saving
 * its work does) is asked to quit, exits within the wait, and is started again from its own
 * executable and arguments (read from /proc before it quit).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRestartOsSteps } from '../../main/node/client-restart-os.js';
import { restartClient } from '../../main/shell/client-restart.js';

const CLIENT = `
const { appendFileSync } = require('node:fs');
const log = process.argv[2];
appendFileSync(log, 'started ' + process.pid + '\\n');
process.on('SIGTERM', () => { appendFileSync(log, 'closing ' + process.pid + '\\n'); process.exit(0); });
setInterval(() => {}, 1000);
`;

const started: number[] = [];
let scratch = '';

afterAll(async () => {
  for (const pid of started) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  if (scratch !== '') await rm(scratch, { recursive: true, force: true });
});

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100 && !(await check()); i++) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe.skipIf(process.platform !== 'linux')('restarting a client on Linux, for real', () => {
  it('quits it with SIGTERM, sees it exit and starts the same executable with the same arguments', async () => {
    scratch = await mkdtemp(join(tmpdir(), 'or-restart-'));
    const script = join(scratch, 'client.cjs');
    const log = join(scratch, 'log.txt');
    await writeFile(script, CLIENT);
    await writeFile(log, '');
    const child: ChildProcess = spawn(process.execPath, [script, log], { stdio: 'ignore' });
    const pid = child.pid ?? 0;
    started.push(pid);
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
    await until(async () => (await readFile(log, 'utf8')).includes(`started ${pid}`));

    const os = createRestartOsSteps({ platform: 'linux' });
    if (os === null) throw new Error('no Linux steps');
    const result = await restartClient({ name: 'Test client', service: 'teams', pid, startedAt: '' }, { ...os, confirm: async () => true });

    expect(result).toEqual({ pid, outcome: 'restarted', text: 'Test client was restarted.' });
    // It closed itself (exit code 0 from its handler), not killed by a signal.
    await expect(exited).resolves.toBe(0);
    await until(async () => (await readFile(log, 'utf8')).split('\n').filter((l) => l.startsWith('started')).length === 2);
    const lines = (await readFile(log, 'utf8')).trim().split('\n');
    expect(lines[0]).toBe(`started ${pid}`);
    expect(lines[1]).toBe(`closing ${pid}`);
    const again = Number(/^started (\d+)$/.exec(lines[2] ?? '')?.[1]);
    expect(again).toBeGreaterThan(0);
    expect(again).not.toBe(pid);
    started.push(again);
    // Same executable and arguments as the one it replaced.
    const cmdline = (await readFile(`/proc/${again}/cmdline`, 'utf8')).split('\0').filter((a) => a !== '');
    expect(cmdline).toEqual([process.execPath, script, log]);
  });
});
