/**
 * `outage-radar`: the command-line face of the engine, and the black-box test seam.
 *
 *   outage-radar check [--config FILE] [--json] [--no-probes]
 *   outage-radar diagnose [--config FILE] [--json]
 *
 * Exit codes follow the monitoring-plugin convention: 0 operational, 1 degraded or maintenance,
 * 2 outage or a local network problem, 3 unknown; 64 for bad usage or a bad config file.
 */
import { parseArgs } from 'node:util';
import { runCheck, type CheckReport } from '../core/check.js';
import { resolveWatchPlan } from '../core/config.js';
import { exitCodeFor } from '../core/advice.js';
import { trayStateFor } from '../core/tray-state.js';
import { decideVerdict } from '../core/verdict.js';
import { APP_VERSION, USER_AGENT } from '../core/version.js';
import { loadConfigFile } from '../node/config-file.js';
import { createUndiciHttp } from '../node/http-undici.js';
import type { LadderRunner } from './ladder-runner.js';

export const EXIT_USAGE = 64;

const USAGE = `Usage:
  outage-radar check [--config FILE] [--json] [--no-probes]
      Reads every watched status source once, checks your connection, and says whether
      a failing service is down for everyone or only for you.
  outage-radar diagnose [--config FILE] [--json]
      Runs the connection checks alone and explains each step.
  outage-radar --version | --help

Exit codes: 0 all operational, 1 degraded or maintenance, 2 outage or a local network
problem, 3 unknown, 64 bad usage or bad config file.
`;

interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        config: { type: 'string', short: 'c' },
        json: { type: 'boolean' },
        'no-probes': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    io.err(`outage-radar: ${(error as Error).message}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    io.out(`${APP_VERSION}\n`);
    return 0;
  }
  const command = positionals[0];
  if (values.help || command === undefined || command === 'help') {
    (command === undefined && !values.help ? io.err : io.out)(USAGE);
    return command === undefined && !values.help ? EXIT_USAGE : 0;
  }
  if (command !== 'check' && command !== 'diagnose') {
    io.err(`outage-radar: unknown command "${command}"\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (positionals.length > 1) {
    io.err(`outage-radar: unexpected argument "${positionals[1]}"\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (command === 'diagnose' && values['no-probes']) {
    io.err('outage-radar: diagnose runs only the probes; --no-probes makes no sense here\n');
    return EXIT_USAGE;
  }

  const loaded = await loadConfigFile(values.config ?? null);
  if (!loaded.ok) {
    io.err(`outage-radar: bad config file\n${loaded.message}\n`);
    return EXIT_USAGE;
  }
  const plan = resolveWatchPlan(loaded.config);
  const probesEnabled = loaded.config.connectivity?.enabled !== false;
  const wantsProbes = command === 'diagnose' || (probesEnabled && !values['no-probes']);
  // The probe modules (TLS, DNS, child processes) load only when the probes run.
  const ladder = wantsProbes
    ? (await import('./ladder-runner.js')).createLadderRunner(
        loaded.config,
        plan.services.map((s) => s.id),
        loaded.extraCaPem,
      )
    : null;
  try {
    return await run(command, values, loaded, plan, ladder, io);
  } finally {
    ladder?.close();
  }
}

async function run(
  command: 'check' | 'diagnose',
  values: { json?: boolean },
  loaded: Extract<Awaited<ReturnType<typeof loadConfigFile>>, { ok: true }>,
  plan: ReturnType<typeof resolveWatchPlan>,
  ladder: LadderRunner | null,
  io: Io,
): Promise<number> {
  const clock = { now: () => Date.now() };

  if (command === 'diagnose') {
    if (ladder === null) throw new Error('diagnose needs the ladder');
    const { ladder: result, previousSlow } = await ladder.run();
    const verdict = decideVerdict({ statuses: [], ladder: result, services: plan.services, previousSlow });
    // diagnose makes no claim about status pages, so only the connection decides the tray state.
    const tray = trayStateFor(verdict, 'operational');
    const exitCode = exitCodeFor(tray);
    if (values.json) {
      io.out(`${JSON.stringify({ checkedAt: new Date().toISOString(), tray, exitCode, verdict, probes: result }, null, 2)}\n`);
    } else {
      const { formatLadder } = await import('./format.js');
      io.out(`${[`Verdict: ${verdict.title}`, `Because: ${verdict.summary}`, `What to do: ${verdict.advice}`, '', ...formatLadder(result)].join('\n')}\n`);
    }
    return exitCode;
  }

  const http = createUndiciHttp({
    userAgent: USER_AGENT,
    extraCaPem: loaded.extraCaPem,
    ...(loaded.config.network?.proxy ? { proxy: { httpsProxy: loaded.config.network.proxy, httpProxy: loaded.config.network.proxy } } : {}),
  });
  let report: CheckReport;
  try {
    report = await runCheck(plan, { http, clock, ...(ladder ? { probe: ladder.run } : {}) });
  } finally {
    await http.close();
  }
  if (values.json) io.out(`${JSON.stringify(report, null, 2)}\n`);
  else {
    // Loaded only for people: the HTML-to-text converter is the heaviest module we have.
    const { formatCheck } = await import('./format.js');
    io.out(formatCheck(report, clock.now()));
  }
  return report.exitCode;
}
