/**
 * `outage-radar explain TEXT`: what an error code, a status-bar state or a symptom means, whose
 * side it is on and what to do, best match first. Unless `--offline`, one check of the matched
 * services (status sources, and the probes unless the config turns them off) says whether it is
 * an open incident, the connection, or neither. Exit 0 when something matched, 3 when nothing did.
 */
import { runCheck, type CheckReport } from '../core/check.js';
import { MAX_MATCHES, explainContext, explainMatch, narrowWatchPlan, presentSentence, servicesOf, type ExplainReport } from '../core/knowledge/explain.js';
import type { KnowledgeEntry, Side } from '../core/knowledge/knowledge-base.js';
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

const SIDE_WORDS: Record<Side, string> = {
  provider: "the provider's side (Microsoft's side): not you",
  local: 'your side: this computer, the app or your network',
  account: 'your account',
  config: "a setting or policy of your organisation's IT",
  remote: "the other party's side (for mail: the recipient's server)",
  either: "either side: the check below tells which",
};

function formatEntry(entry: KnowledgeEntry, index: number): string[] {
  const codes = entry.codes.length > 0 ? ` [${entry.codes.join(', ')}]` : '';
  return [
    `${index + 1}. ${entry.title}${codes}`,
    `   Whose problem: ${SIDE_WORDS[entry.side]}`,
    `   What it means: ${entry.meaning}`,
    '   What to do:',
    ...entry.steps.map((step, i) => `     ${i + 1}) ${step}`),
  ];
}

const HOW_TO_DESCRIBE = [
  'Describe the problem with one of these:',
  '  - the exact error code, e.g. outage-radar explain "451 4.3.2" or outage-radar explain 0xCAA70004',
  '  - the whole bounce message (paste it in quotes)',
  '  - the words in Outlook\'s status bar, e.g. "Trying to connect"',
  '  - a few plain words, e.g. "mail is not arriving", "can\'t join a meeting", "files won\'t sync"',
];

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
  const best = matches[0];
  if (best === undefined) {
    io.out(
      `${[
        'Nothing in the knowledge base matches this text.',
        '',
        ...HOW_TO_DESCRIBE,
        '',
        'Closest entries:',
        ...suggestions.map((e) => `  - ${e.title}${e.codes.length > 0 ? ` [${e.codes.slice(0, 2).join(', ')}]` : ''}`),
      ].join('\n')}\n`,
    );
    return NO_MATCH;
  }
  const lines = matches.flatMap((m, i) => [...formatEntry(m.entry, i), '']);
  const now = report === null || plan === null ? 'Now: not checked (--offline).' : `Now: ${presentSentence(report, best.entry, plan)}`;
  io.out(`${[...lines, now].join('\n')}\n`);
  return 0;
}
