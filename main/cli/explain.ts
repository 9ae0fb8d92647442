/**
 * `outage-radar explain TEXT`: what an error code, a status-bar state or a symptom means, whose
 * side it is on and what to do, best match first. Unless `--offline`, one check of the matched
 * services (status sources, and the probes unless the config turns them off) says whether it is
 * an open incident, the connection, or neither. Exit 0 when something matched, 3 when nothing did.
 */
import { runCheck, type CheckReport } from '../core/check.js';
import { MAX_MATCHES, explainContext, explainMatch, narrowWatchPlan, presentSentence, servicesOf, type ExplainReport } from '../core/knowledge/explain.js';
import { localizeEntry, type KnowledgeEntry } from '../core/knowledge/knowledge-base.js';
import { localizeReport } from '../core/advice/localize-report.js';
import { ENGLISH, type Translator } from '../core/i18n/translate.js';
import type { WatchPlan } from '../core/settings/config.js';
import { matchKnowledge, suggestKnowledge } from '../core/knowledge/match.js';
import { USER_AGENT } from '../core/version.js';
import type { LoadedConfig } from '../node/config-file.js';
import { createUndiciHttp } from '../node/http-undici.js';

interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export interface ExplainOptions {
  readonly json: boolean;
  /** The loaded config; null with `--offline` (the knowledge base only, no network). */
  readonly online: Extract<LoadedConfig, { ok: true }> | null;
  /** The language of the human answer; the `--json` answer is English whatever this says. */
  readonly t?: Translator;
}

/** Exit code when nothing matched: the monitoring convention's "unknown". */
const NO_MATCH = 3;

async function checkServices(online: NonNullable<ExplainOptions['online']>, plan: WatchPlan, serviceIds: readonly string[]): Promise<CheckReport> {
  const { config, extraCaPem } = online;
  // Like `check`: the probes run unless the config turns them off, and load only then.
  const ladder = config.connectivity?.enabled !== false ? (await import('./ladder-runner.js')).createLadderRunner(config, serviceIds, extraCaPem) : null;
  const http = createUndiciHttp({
    userAgent: USER_AGENT,
    extraCaPem,
    ...(config.network?.proxy ? { proxy: { httpsProxy: config.network.proxy, httpProxy: config.network.proxy } } : {}),
  });
  try {
    return await runCheck(plan, { http, clock: { now: () => Date.now() }, ...(ladder ? { probe: ladder.run } : {}) });
  } finally {
    ladder?.close();
    await http.close();
  }
}

function formatEntry(original: KnowledgeEntry, index: number, t: Translator): string[] {
  const entry = localizeEntry(original, t);
  const codes = entry.codes.length > 0 ? ` [${entry.codes.join(', ')}]` : '';
  return [
    `${index + 1}. ${entry.title}${codes}`,
    `   ${t.t('cli.explain.whose', { side: t.t(`cli.explain.side.${entry.side}`) })}`,
    `   ${t.t('cli.explain.meaning', { meaning: entry.meaning })}`,
    `   ${t.t('cli.explain.steps')}`,
    ...entry.steps.map((step, i) => `     ${i + 1}) ${step}`),
  ];
}

function howToDescribe(t: Translator): string[] {
  return [
    t.t('cli.explain.howTo'),
    `  - ${t.t('cli.explain.howTo.code')}`,
    `  - ${t.t('cli.explain.howTo.bounce')}`,
    `  - ${t.t('cli.explain.howTo.statusBar')}`,
    `  - ${t.t('cli.explain.howTo.plain')}`,
  ];
}

/** Runs `explain` and returns its exit code. */
export async function runExplain(text: string, options: ExplainOptions, io: Io): Promise<number> {
  const matches = matchKnowledge(text).slice(0, MAX_MATCHES);
  const suggestions = matches.length === 0 ? suggestKnowledge(text) : [];
  const serviceIds = servicesOf(matches);
  const plan = options.online !== null ? narrowWatchPlan(options.online.config, serviceIds) : null;
  const report = options.online !== null && plan !== null && matches.length > 0 ? await checkServices(options.online, plan, serviceIds) : null;
  const answer: ExplainReport = {
    query: text,
    matches: matches.map((m) => explainMatch(m.entry)),
    context: explainContext(report, serviceIds),
    suggestions: suggestions.map((e) => ({ id: e.id, title: e.title })),
  };
  if (options.json) {
    io.out(`${JSON.stringify(answer, null, 2)}\n`);
    return matches.length > 0 ? 0 : NO_MATCH;
  }
  const t = options.t ?? ENGLISH;
  const best = matches[0];
  if (best === undefined) {
    io.out(
      `${[
        t.t('cli.explain.noMatch'),
        '',
        ...howToDescribe(t),
        '',
        t.t('cli.explain.closest'),
        ...suggestions.map((e) => `  - ${localizeEntry(e, t).title}${e.codes.length > 0 ? ` [${e.codes.slice(0, 2).join(', ')}]` : ''}`),
      ].join('\n')}\n`,
    );
    return NO_MATCH;
  }
  const lines = matches.flatMap((m, i) => [...formatEntry(m.entry, i, t), '']);
  const said = report !== null && plan !== null && t.language !== 'en' ? localizeReport(report, plan, t) : report;
  const now = said === null || plan === null ? t.t('cli.explain.notChecked') : t.t('cli.explain.now', { sentence: presentSentence(said, best.entry, plan, t) });
  io.out(`${[...lines, now].join('\n')}\n`);
  return 0;
}
