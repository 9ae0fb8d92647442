import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { LadderResult } from '../../main/core/verdict/connectivity-model.js';
import type { LadderOptions, LadderPlan } from '../../main/node/probes/ladder.js';
import { runNodeInNetns } from './netns.js';

/**
 * Runs the real ladder inside a throwaway network namespace (see netns.ts). The ladder is
 * TypeScript, so it is bundled with esbuild into one plain .mjs that the pinned node can run
 * without vitest. The script can start an HTTP server on the namespace's own 127.0.0.1 first;
 * `{{PORT}}` in target URLs is replaced with its port.
 */

export interface NsScenario {
  readonly plan: LadderPlan;
  /** JSON-safe ladder options (no functions). */
  readonly options?: Omit<LadderOptions, 'resolveProxy' | 'isOnline' | 'signal'>;
  /** Start `200 OK` HTTP server on 127.0.0.1 inside the namespace. */
  readonly httpServer?: boolean;
  /** /etc/hosts inside the namespace. */
  readonly hosts?: string;
  /**
   * Listen on the namespace's 127.0.0.1:53 and never answer: every DNS lookup hangs until the
   * resolver gives up (after `resolverOptions`), the worst case for dns.lookup's threadpool.
   */
  readonly dnsBlackhole?: boolean;
  /** resolv.conf options line inside the namespace. */
  readonly resolverOptions?: string;
}

export interface NsRun {
  readonly result: LadderResult;
  /** Port of the in-namespace server, when one was started. */
  readonly port: number | null;
}

const here = dirname(fileURLToPath(import.meta.url));
const ladderPath = resolve(here, '../../main/node/probes/ladder.ts');

const RUNNER_SOURCE = `
import { createServer } from 'node:http';
import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { runLadder } from ${JSON.stringify(ladderPath)};

const scenario = JSON.parse(readFileSync(process.argv[2], 'utf8'));
let port = null;
let server = null;
if (scenario.httpServer) {
  server = createServer((req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = server.address().port;
}
if (scenario.dnsBlackhole) {
  const blackhole = createSocket('udp4');
  blackhole.on('message', () => undefined);
  await new Promise((resolve) => blackhole.bind(53, '127.0.0.1', resolve));
  blackhole.unref();
}
const fill = (url) => url.replace('{{PORT}}', String(port));
const plan = {
  targets: scenario.plan.targets.map((t) => ({ ...t, url: fill(t.url) })),
  captive: scenario.plan.captive.map((c) => ({ ...c, url: fill(c.url) })),
};
const result = await runLadder(plan, scenario.options ?? {});
server?.close();
// Node's exit joins libuv's threadpool, so with lookups still hung (dnsBlackhole) a normal exit
// would wait for the resolver to give up; the result is out, so end at once.
process.stdout.write(JSON.stringify({ result, port }), () => (scenario.dnsBlackhole ? process.kill(process.pid, 'SIGKILL') : process.exit(0)));
`;

/** Bundles the runner, runs `scenario` in a fresh namespace and returns the ladder's result. */
export async function runLadderInNetns(scenario: NsScenario): Promise<NsRun> {
  const dir = await mkdtemp(join(tmpdir(), 'outage-radar-ns-'));
  try {
    const bundle = await build({
      stdin: { contents: RUNNER_SOURCE, resolveDir: here, loader: 'ts', sourcefile: 'ladder-in-ns-runner.ts' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      write: false,
      logLevel: 'silent',
    });
    const code = bundle.outputFiles[0]?.text;
    if (code === undefined) throw new Error('esbuild produced no output');
    const scriptPath = join(dir, 'runner.mjs');
    const scenarioPath = join(dir, 'scenario.json');
    await writeFile(scriptPath, code);
    await writeFile(scenarioPath, JSON.stringify(scenario));
    const stdout = await runNodeInNetns(scriptPath, {
      args: [scenarioPath],
      ...(scenario.hosts !== undefined ? { hosts: scenario.hosts } : {}),
      ...(scenario.resolverOptions !== undefined ? { resolverOptions: scenario.resolverOptions } : {}),
      ...(scenario.dnsBlackhole ? { acceptSignal: 'SIGKILL' as const } : {}),
    });
    return JSON.parse(stdout) as NsRun;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
