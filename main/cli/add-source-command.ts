/**
 * `outage-radar add-source <url> [--json] [--config FILE]`: finds out which status format a page
 * speaks and prints the source definition for a config file, with the page's components to pick
 * from. `--config` is read only for `network.proxy` and `network.caFile`, so that detection goes
 * the way `check` will. Exit 0 detected; 3 not a status page, a login, blocked or unreachable
 * (the reason said); 64 bad usage (no URL, two URLs, a URL that is not https, or plain http to
 * another machine) or a bad config file.
 */
import { parseArgs } from 'node:util';
import { CATALOG_SOURCES } from '../core/sources/catalog.js';
import { detectSource, type DetectedComponent, type DetectedSource, type DetectFailure } from '../core/sources/detect-source.js';
import type { Translator } from '../core/i18n/translate.js';
import { detectionInWords } from '../core/sources/detect-words.js';
import { phrase } from '../core/i18n/phrase.js';
import { USER_AGENT } from '../core/version.js';
import { loadConfigFile } from '../node/config-file.js';
import { createUndiciHttp } from '../node/http-undici.js';
import type { CliError } from './cli-error.js';
import { reportConfigProblems } from './config-error.js';
import { personTranslator } from './person-language.js';
import { parseArgsProblem, reportUsageError, usageProblem, type UsageProblem } from './usage-error.js';

interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/**
 * The `--json` error object when nothing was detected: the CLI's usual error members, kind
 * `not-detected`, plus `reason` (bad-url is a usage error and never gets here).
 */
interface NotDetectedError extends Omit<CliError, 'kind'> {
  readonly kind: 'not-detected';
  readonly reason: Exclude<DetectFailure, 'bad-url'>;
}

/** Exit code when the page is not a status page or cannot be read (the monitoring-plugin "unknown"). */
const NOT_DETECTED_EXIT = 3;

function usageError(io: Io, json: boolean, problem: UsageProblem): Promise<number> {
  return reportUsageError(io, json, problem);
}

/** Runs `add-source` with the whole argument list (the command word included). */
export async function runAddSourceCommand(argv: readonly string[], io: Io): Promise<number> {
  const json = argv.includes('--json');
  let values: { json?: boolean; config?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: [...argv], allowPositionals: true, options: { json: { type: 'boolean' }, config: { type: 'string', short: 'c' } } }));
  } catch (error) {
    return usageError(io, json, parseArgsProblem(error));
  }
  const urls = positionals.filter((word, i) => !(i === 0 && word === 'add-source'));
  if (urls.length === 0) return usageError(io, json, usageProblem(phrase('cli.usage.addSourceNeedsUrl')));
  if (urls.length > 1) return usageError(io, json, usageProblem(phrase('cli.usage.addSourceOneUrl', { count: String(urls.length), urls: urls.map((u) => JSON.stringify(u)).join(' ') })));
  const raw = urls[0] ?? '';

  const loaded = await loadConfigFile(values.config ?? null);
  if (!loaded.ok) {
    return reportConfigProblems(io, json, loaded.problems, await personTranslator({ json }));
  }
  const proxy = loaded.config.network?.proxy;
  const http = createUndiciHttp({ userAgent: USER_AGENT, extraCaPem: loaded.extraCaPem, ...(proxy ? { proxy: { httpsProxy: proxy, httpProxy: proxy } } : {}) });
  let outcome;
  try {
    outcome = await detectSource(raw, { http, clock: { now: () => Date.now() } });
  } finally {
    await http.close();
  }

  if (!outcome.ok) {
    // Detection's English stays for scripts; another language gets the reason's own sentence.
    if (outcome.reason === 'bad-url') return usageError(io, json, { message: outcome.message, words: phrase('main.addSource.why.bad-url') });
    // The person reads their language on stderr; the JSON error object stays English for scripts.
    const said = json ? outcome : detectionInWords(outcome, await personTranslator({ configLanguage: loaded.config.language }));
    io.err(`outage-radar: ${said.ok ? '' : said.message}\n`);
    if (json) {
      const error: NotDetectedError = { kind: 'not-detected', reason: outcome.reason, message: outcome.message, file: null, line: null, column: null, key: null };
      io.out(`${JSON.stringify({ error }, null, 2)}\n`);
    }
    return NOT_DETECTED_EXIT;
  }
  const { source, components } = outcome;
  if (json) io.out(`${JSON.stringify({ source: { id: source.id, type: source.type, name: source.name, url: source.url }, components: components.map((c) => ({ id: c.id, name: c.name })) }, null, 2)}\n`);
  else io.out(formatDetected(source, components, await personTranslator({ configLanguage: loaded.config.language })));
  return 0;
}

/** How many components the text output lists before saying how many more there are. */
const LISTED_COMPONENTS = 60;

/** The page for people, in their language: what was found, a config snippet to paste, and the components to pick from. */
function formatDetected(source: DetectedSource, components: readonly DetectedComponent[], t: Translator): string {
  // ICU selectors take no hyphen: `google-workspace` is `googleWorkspace` in the catalogs.
  const type = source.type === 'google-workspace' ? 'googleWorkspace' : source.type;
  const lines = [t.t('addSource.found', { type, name: source.name }), `  type  ${source.type}`, `  url   ${source.url}`, ''];
  const first = components[0];
  const snippet = {
    sources: [{ id: source.id, type: source.type, name: source.name, url: source.url }],
    ...(first === undefined ? {} : { services: [{ id: source.id, name: source.name, sources: [{ source: source.id, components: [first.name] }] }] }),
  };
  lines.push(t.t('addSource.addIt'), '', JSON.stringify(snippet, null, 2), '');
  if (CATALOG_SOURCES.some((s) => s.id === source.id)) lines.push(t.t('addSource.alreadyInCatalog', { id: source.id }), '');
  if (first === undefined) {
    lines.push(t.t(source.type === 'rss' || source.type === 'slack' ? 'addSource.noComponentsFormat' : 'addSource.noComponents'));
  } else {
    lines.push(
      t.t('addSource.components', { count: String(components.length), first: first.name }),
      ...components.slice(0, LISTED_COMPONENTS).map((c) => `  ${c.name === c.id ? c.name : t.t('addSource.componentId', { name: c.name, id: c.id })}`),
      ...(components.length > LISTED_COMPONENTS ? [`  ${t.t('addSource.more', { count: String(components.length - LISTED_COMPONENTS) })}`] : []),
    );
  }
  return `${lines.join('\n')}\n`;
}
