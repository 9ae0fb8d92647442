/**
 * `outage-radar`: the command-line face of the engine, and the black-box test seam.
 *
 *   outage-radar check [--config FILE] [--json] [--no-probes]
 *   outage-radar diagnose [--config FILE] [--json]
 *   outage-radar explain TEXT [--config FILE] [--json] [--offline]
 *   outage-radar report [--json] [--config FILE] [--no-probes]
 *
 * Exit codes follow the monitoring-plugin convention: 0 operational, 1 degraded or maintenance,
 * 2 outage or a local network problem, 3 unknown or an internal error; 64 for bad usage or a bad
 * config file (see cli-error.ts for the `--json` error object).
 */
import { parseArgs } from 'node:util';
import { runCheck, type CheckDeps, type CheckReport } from '../core/check.js';
import { resolveWatchPlan } from '../core/settings/config.js';
import { exitCodeFor } from '../core/verdict/exit-code.js';
import { trayStateFor } from '../core/tray/tray-state.js';
import { decideVerdict } from '../core/verdict/verdict.js';
import { APP_VERSION, USER_AGENT } from '../core/version.js';
import { loadConfigFile, type ConfigProblem } from '../node/config-file.js';
import { createUndiciHttp } from '../node/http-undici.js';
import { internalError, reportError } from './cli-error.js';
import { reportConfigProblems } from './config-error.js';
import { phrase, type Phrase } from '../core/i18n/phrase.js';
import type { LadderRunner } from './ladder-runner.js';
import { usageFor } from './usage.js';
import type { Translator } from '../core/i18n/translate.js';
import { localizeReport } from '../core/advice/localize-report.js';
import { ladderForJson, verdictForJson } from '../core/verdict/connectivity-model.js';
import { verdictInLanguage } from '../core/verdict/verdict-in-language.js';

interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/**
 * Runs one command and returns its exit code. Never throws: an unexpected exception becomes an
 * `internal` error (exit 3), reported as one JSON object on stdout when `--json` was asked for.
 */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  // Read before parsing, so that even a usage error answers a script in JSON.
  const json = argv.includes('--json');
  try {
    // The relay has options of its own and runs for as long as it is a service; loaded only here.
    if (argv[0] === 'relay') return await (await import('./relay-command.js')).runRelayCommand(argv.slice(1), io);
    return await command(argv, io, json);
  } catch (error) {
    const { error: cliError, detail } = internalError(error);
    return reportError(io, json, cliError, (await personTranslator(null, json)).t('cli.error.internal', { detail }));
  }
}

/**
 * The person's language for human output: the `language` in force (machine policy, user policy,
 * the config file's, recommended policy), else the POSIX locale (`LC_ALL`, `LC_MESSAGES`, `LANG`).
 * With `json`, no policy is read: JSON output, errors for scripts and logs stay English.
 */
async function personTranslator(config: { readonly language?: string } | null, json = false): Promise<Translator> {
  return (await import('./person-language.js')).personTranslator({ configLanguage: config?.language, json });
}

/** The report as `--json` prints it: English only, without the data the human output says other languages from. */
function reportForJson(report: CheckReport): CheckReport {
  const services = report.services.map((service) => {
    const { noteWords, ...json } = service;
    void noteWords;
    return json;
  });
  const sources = report.sources.map((source) => {
    const { words, ...json } = source;
    void words;
    if (json.lastKnown?.reasonWords === undefined) return json;
    const { reasonWords, ...lastKnown } = json.lastKnown;
    void reasonWords;
    return { ...json, lastKnown };
  });
  return { ...report, verdict: verdictForJson(report.verdict), services, sources, probes: report.probes && ladderForJson(report.probes) };
}

/** A usage error in the person's language, the usage after it; `problem` is Node's parseArgs error or our own words. */
async function usageError(io: Io, json: boolean, problem: Phrase | { readonly parseArgs: unknown }): Promise<number> {
  const { parseArgsProblem, reportUsageError, usageProblem } = await import('./usage-error.js');
  return reportUsageError(io, json, 'parseArgs' in problem ? parseArgsProblem(problem.parseArgs) : usageProblem(problem));
}

/** A config file that cannot be used: said in the language of the locale (the file's own `language` is unread). */
async function configError(io: Io, json: boolean, problems: readonly ConfigProblem[]): Promise<number> {
  return reportConfigProblems(io, json, problems, await personTranslator(null, json));
}

async function command(argv: readonly string[], io: Io, json: boolean): Promise<number> {
  // `policy` takes options of its own (--file) and loads its readers only when asked for.
  const word = argv.find((arg, i) => !arg.startsWith('-') && argv[i - 1] !== '--config' && argv[i - 1] !== '-c');
  if (word === 'policy') return (await import('./policy-command.js')).runPolicyCommand(argv, io);
  if (word === 'catalog') return (await import('./catalog-command.js')).runCatalogCommand(argv, io);
  if (word === 'add-source') return (await import('./add-source-command.js')).runAddSourceCommand(argv, io);
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        config: { type: 'string', short: 'c' },
        json: { type: 'boolean' },
        'no-probes': { type: 'boolean' },
        offline: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    return usageError(io, json, { parseArgs: error });
  }
  const { values, positionals } = parsed;
  if (values.version) {
    io.out(`${APP_VERSION}\n`);
    return 0;
  }
  const command = positionals[0];
  if (values.help || command === 'help') {
    // Reached with other words beside --help (`check --help`); the bare `--help` bin.ts answers.
    io.out(await usageFor(process.env));
    return 0;
  }
  if (command === undefined) return usageError(io, json, phrase('cli.usage.noCommand'));
  if (command === 'explain') return explain(positionals.slice(1), values, io, json);
  if (values.offline) return usageError(io, json, phrase('cli.usage.offlineExplainOnly'));
  if (command !== 'check' && command !== 'diagnose' && command !== 'report') return usageError(io, json, phrase('cli.usage.unknownCommand', { command }));
  if (positionals.length > 1) return usageError(io, json, phrase('cli.usage.unexpectedArgument', { argument: positionals[1] ?? '' }));
  if (command === 'diagnose' && values['no-probes']) {
    return usageError(io, json, phrase('cli.usage.diagnoseNoProbes'));
  }

  const loaded = await loadConfigFile(values.config ?? null);
  if (!loaded.ok) return configError(io, json, loaded.problems);
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

/**
 * The process lister for restart advice, loaded only when runCheck calls it (after an incident
 * resolved lately): a normal `check` loads no child-process machinery.
 */
function clientLister(): Pick<CheckDeps, 'listProcesses' | 'platform'> {
  const platform = process.platform;
  if (platform !== 'win32' && platform !== 'darwin' && platform !== 'linux') return {};
  return { platform, listProcesses: async () => (await import('../node/process-list.js')).createProcessLister({ platform }).list() };
}

/** `explain TEXT`: the words may come quoted or not; the knowledge base loads only here. */
async function explain(words: readonly string[], values: { config?: string; offline?: boolean; 'no-probes'?: boolean }, io: Io, json: boolean): Promise<number> {
  if (values['no-probes']) return usageError(io, json, phrase('cli.usage.explainNoProbes'));
  const text = words.join(' ').trim();
  if (text === '') return usageError(io, json, phrase('cli.usage.explainNeedsText'));
  // Offline answers from the knowledge base alone; a config named anyway is still checked.
  const loaded = values.offline && values.config === undefined ? null : await loadConfigFile(values.config ?? null);
  if (loaded !== null && !loaded.ok) return configError(io, json, loaded.problems);
  const { runExplain } = await import('./explain.js');
  return runExplain(text, { json, online: values.offline ? null : loaded, t: await personTranslator(loaded?.config ?? null, json) }, io);
}

async function run(
  command: 'check' | 'diagnose' | 'report',
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
      io.out(`${JSON.stringify({ checkedAt: new Date().toISOString(), tray, exitCode, verdict: verdictForJson(verdict), probes: ladderForJson(result) }, null, 2)}\n`);
    } else {
      const { formatLadder } = await import('./format.js');
      const t = await personTranslator(loaded.config);
      const said = t.language === 'en' ? verdict : verdictInLanguage(verdict, t);
      const head = [t.t('cli.check.verdict', { title: said.title }), t.t('cli.check.because', { summary: said.summary }), t.t('cli.check.whatToDo', { advice: said.advice })];
      io.out(`${[...head, '', ...formatLadder(result, t)].join('\n')}\n`);
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
    report = await runCheck(plan, { http, clock, ...(ladder ? { probe: ladder.run } : {}), ...clientLister() });
  } finally {
    await http.close();
  }
  if (command === 'report') {
    const { printReport } = await import('./report-command.js');
    const words = { t: await personTranslator(loaded.config, values.json === true), plan };
    return printReport(report, { json: values.json === true, config: loaded.config, configPath: loaded.path, now: clock.now(), words }, io);
  }
  if (values.json) io.out(`${JSON.stringify(reportForJson(report), null, 2)}\n`);
  else {
    // Loaded only for people: the HTML-to-text converter is the heaviest module we have.
    const { formatCheck } = await import('./format.js');
    const t = await personTranslator(loaded.config);
    io.out(formatCheck(t.language === 'en' ? report : localizeReport(report, plan, t), clock.now(), t));
  }
  return report.exitCode;
}
