/**
 * `outage-radar policy [--json] [--config FILE] [--file PATH]`: like a browser's policy page,
 * every setting's value in force, where it came from and whether policy locks it, and every
 * policy value that was rejected with the reason. With `--file`, checks a policy file (JSON, a
 * plist or `.mobileconfig`, XML or binary, or a `.reg` export) before an admin deploys it: exit 0
 * when every value is good, 64 with one line per problem when not.
 */
import { parseArgs } from 'node:util';
import { resolvePolicy, type EffectiveSetting, type PolicyOutcome } from '../core/policy/policy-effective.js';
import { POLICY_KEYS } from '../core/policy/policy-names.js';
import type { PolicyError, PolicySet } from '../core/policy/policy-types.js';
import { named } from '../core/policy/policy-validate.js';
import { loadConfigFile } from '../node/config-file.js';
import { readPolicyFileToCheck } from '../node/policy/policy-files.js';
import { createPlatformPolicySource } from '../node/policy/policy-sources.js';
import { reportConfigProblems } from './config-error.js';
import { cliTranslator, ENGLISH, type Translator } from '../core/i18n/translate.js';
import { languageSetting } from '../core/i18n/languages.js';
import { personTranslator } from './person-language.js';
import { parseArgsProblem, reportUsageError, usageProblem } from './usage-error.js';
import { phrase, renderPhrase } from '../core/i18n/phrase.js';

interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** The JSON answer: exactly these two members; each error's English message without its words. */
export interface PolicyJson {
  readonly settings: readonly EffectiveSetting[];
  readonly errors: readonly Omit<PolicyError, 'words'>[];
}

function errorsForJson(errors: readonly PolicyError[]): PolicyJson['errors'] {
  return errors.map(({ source, key, message }) => ({ source, key, message }));
}

/** A level in words; English keeps the level's own word (`machine-policy`), as scripts have read it. */
function levelWords(level: string, t: Translator): string {
  return t.language === 'en' ? level : sourceWords(level, t);
}

/** Where a value came from, in words: "machine policy" / "Computerrichtlinie". */
function sourceWords(source: string, t: Translator): string {
  // ICU selectors take no hyphen: `config-file` is `configFile` in the catalogs.
  return t.t('policy.source', { source: source.replace(/-([a-z])/g, (_whole, letter: string) => letter.toUpperCase()) });
}

function shortValue(value: unknown, t: Translator): string {
  const text = value === null ? t.t('policy.notSet') : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** The page for people: one row per setting (its policy name, key, value, source), then the rejected values. */
export function formatPolicyPage(outcome: Pick<PolicyOutcome, 'settings' | 'errors'>, header: readonly string[], t: Translator = ENGLISH): string {
  const names = new Map(POLICY_KEYS.map((p) => [p.key, p.name]));
  const column = { name: t.t('policy.column.name'), setting: t.t('policy.column.setting'), value: t.t('policy.column.value') };
  const nameWidth = Math.max(...POLICY_KEYS.map((p) => p.name.length), column.name.length);
  const keyWidth = Math.max(...outcome.settings.map((s) => s.key.length), column.setting.length);
  const rows = outcome.settings.map((s) => {
    const lock = s.locked ? `  ${t.t('policy.locked')}` : '';
    return `  ${(names.get(s.key) ?? '').padEnd(nameWidth)}  ${s.key.padEnd(keyWidth)}  ${shortValue(s.value, t).padEnd(40)}  ${sourceWords(s.source, t)}${lock}`;
  });
  const lines = [...header, '', `  ${column.name.padEnd(nameWidth)}  ${column.setting.padEnd(keyWidth)}  ${column.value.padEnd(40)}  ${t.t('policy.column.source')}`, ...rows];
  if (outcome.errors.length > 0) {
    lines.push('', t.t('policy.rejected', { count: String(outcome.errors.length) }), ...outcome.errors.map((e) => `  ${levelWords(e.source, t)}: ${renderPhrase(e.words, t)}`));
  }
  return `${lines.join('\n')}\n`;
}

/** Runs `outage-radar policy ...` (argv as given to the CLI, `policy` included). */
export async function runPolicyCommand(argv: readonly string[], io: Io): Promise<number> {
  const json = argv.includes('--json');
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { json: { type: 'boolean' }, file: { type: 'string' }, config: { type: 'string', short: 'c' } },
    });
  } catch (error) {
    return reportUsageError(io, json, parseArgsProblem(error));
  }
  const { values, positionals } = parsed;
  const extra = positionals.filter((word) => word !== 'policy');
  if (positionals.length !== 1 || extra.length > 0) return reportUsageError(io, json, usageProblem(phrase('cli.usage.unexpectedArgument', { argument: extra[0] ?? positionals[1] ?? '' })));

  const loaded = await loadConfigFile(values.config ?? null);
  if (!loaded.ok) {
    return reportConfigProblems(io, json, loaded.problems, await personTranslator({ json }));
  }

  // A file to check is not this machine's policy: the person's language comes from the policy in force.
  if (values.file !== undefined) return checkFile(values.file, loaded.config, json, io, await personTranslator({ configLanguage: loaded.config.language, json }));

  const source = createPlatformPolicySource();
  const sets: readonly PolicySet[] = await source.read();
  const outcome = resolvePolicy({ sets, configFile: loaded.config });
  if (json) io.out(`${JSON.stringify({ settings: outcome.settings, errors: errorsForJson(outcome.errors) } satisfies PolicyJson, null, 2)}\n`);
  else {
    // The `language` in force (policy wins over the config) picks the words.
    const t = cliTranslator(process.env, languageSetting(outcome.settings.find((s) => s.key === 'language')?.value));
    const places = sets.map((s) => `${s.origin} (${levelWords(s.level, t)})`);
    io.out(
      formatPolicyPage(
        outcome,
        [
          t.t('policy.title'),
          t.t('policy.read', { places: places.length > 0 ? places.join(', ') : t.t('policy.noneFound') }),
          loaded.path === null ? t.t('policy.noConfigFile') : t.t('policy.configFile', { path: loaded.path }),
          t.t('policy.precedence'),
        ],
        t,
      ),
    );
  }
  return 0;
}

/** `--file PATH`: every value checked as a deployed policy would be. */
async function checkFile(path: string, configFile: Parameters<typeof resolvePolicy>[0]['configFile'], json: boolean, io: Io, t: Translator): Promise<number> {
  const sets = await readPolicyFileToCheck(path);
  const outcome = resolvePolicy({ sets, ...(configFile === undefined ? {} : { configFile }) });
  const set = outcome.settings.filter((s) => s.source === 'machine-policy' || s.source === 'user-policy' || s.source === 'recommended');
  if (json) io.out(`${JSON.stringify({ settings: set, errors: errorsForJson(outcome.errors) } satisfies PolicyJson, null, 2)}\n`);
  if (outcome.errors.length > 0) {
    // Each problem once with the file's name in front (a problem of the file itself has it already).
    io.err(outcome.errors.map((e) => `${renderPhrase(e.message.startsWith(path) ? e.words : named(path, e.words), t)}\n`).join(''));
    return 64;
  }
  if (!json) {
    const names = new Map(POLICY_KEYS.map((p) => [p.key, p.name]));
    const list = set.length === 0 ? t.t('policy.setsNothing') : set.map((s) => `${names.get(s.key) ?? s.key} (${levelWords(s.source, t)})`).join(', ');
    io.out(`${t.t('policy.valid', { path, list })}\n`);
  }
  return 0;
}
