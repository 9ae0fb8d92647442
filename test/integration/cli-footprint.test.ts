/**
 * A monitoring system may start `outage-radar check` every minute, so the CLI loads only what the
 * run needs. These guard two costs found while profiling for `npm run bench`: Node compiling its
 * own bundled copy of undici (~40 ms of CPU and several MB per start), and the probe modules
 * loaded for a check that runs no probes.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, writeConfig } from '../helpers/cli.js';
import { serveFixture, startLoopback, type Loopback } from '../helpers/loopback.js';

let server: Loopback;

beforeAll(async () => {
  server = await startLoopback({ '/github/api/v2/summary.json': serveFixture('statuspage/github-summary-2020-04-02-major-outage.json') });
});
afterAll(() => server.close());

/** Runs the CLI with a preload that records, at exit, every Node built-in module it loaded. */
async function builtinsLoadedBy(args: readonly string[]): Promise<{ code: number | null; modules: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'outage-radar-footprint-'));
  const hook = join(dir, 'record-modules.mjs');
  const list = join(dir, 'modules.json');
  writeFileSync(hook, `import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(${JSON.stringify(list)}, JSON.stringify(process.moduleLoadList)));\n`);
  const run = await runCli(args, { env: { NODE_OPTIONS: `--import=${hook}` } });
  const modules = (JSON.parse(readFileSync(list, 'utf8')) as string[])
    .filter((entry) => entry.startsWith('NativeModule '))
    .map((entry) => entry.slice('NativeModule '.length));
  return { code: run.code, modules };
}

describe('what one CLI run loads', () => {
  it('checks status pages without compiling Node’s bundled copy of undici', async () => {
    const config = writeConfig({ watch: ['github'], sources: [{ id: 'github', url: `${server.url}/github` }] });
    const { code, modules } = await builtinsLoadedBy(['check', '--config', config, '--json', '--no-probes']);
    expect(code).toBe(2);
    expect(modules).toContain('net');
    expect(modules).not.toContain('internal/deps/undici/undici');
  });

  it('loads no probe machinery (DNS, child processes) when the probes are off', async () => {
    const config = writeConfig({ watch: ['github'], sources: [{ id: 'github', url: `${server.url}/github` }] });
    const { modules } = await builtinsLoadedBy(['check', '--config', config, '--json', '--no-probes']);
    for (const probeOnly of ['dns', 'child_process', 'readline']) expect(modules).not.toContain(probeOnly);
  });
});
