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
import { loadConfigFile } from '../node/config-file.js';
import { readPolicyFileToCheck } from '../node/policy/policy-files.js';
import { createPlatformPolicySource } from '../node/policy/policy-sources.js';
import { plainError, reportError } from './cli-error.js';
import { USAGE } from './usage.js';
import { cliTranslator, ENGLISH, type Translator } from '../core/i18n/translate.js';
import { languageSetting } from '../core/i18n/languages.js';

interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** The JSON answer: exactly these two members. */
export interface PolicyJson {
  readonly settings: readonly EffectiveSetting[];
  readonly errors: readonly PolicyError[];
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
    lines.push('', t.t('policy.rejected', { count: String(outcome.errors.length) }), ...outcome.errors.map((e) => `  ${e.source}: ${e.message}`));
  }
  return `${lines.join('\n')}\n`;
}

function usage(io: Io, json: boolean, message: string): number {
  return reportError(io, json, plainError('bad-usage', message), `outage-radar: ${message}\n\n${USAGE}`);
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
    return usage(io, json, (error as Error).message);
  }
  const { values, positionals } = parsed;
  const extra = positionals.filter((word) => word !== 'policy');
  if (positionals.length !== 1 || extra.length > 0) return usage(io, json, `unexpected argument "${extra[0] ?? positionals[1] ?? ''}"`);

  const loaded = await loadConfigFile(values.config ?? null);
  if (!loaded.ok) {
    const problems = loaded.problems.map((p) => `${p.file}: ${p.message}`);
    const first = loaded.problems[0];
    return reportError(
      io,
      json,
      { kind: 'bad-config', message: loaded.problems.map((p) => p.message).join('\n'), file: first?.file ?? null, line: first?.line ?? null, column: first?.column ?? null, key: first?.key ?? null },
      `outage-radar: bad config file\n${problems.join('\n')}`,
    );
  }

  // The person's language: the config's `language`, else the locale (policy's own value is applied below).
  const configT = cliTranslator(process.env, languageSetting(loaded.config.language));
  if (values.file !== undefined) return checkFile(values.file, loaded.config, json, io, configT);

  const source = createPlatformPolicySource();
  const sets: readonly PolicySet[] = await source.read();
  const outcome = resolvePolicy({ sets, configFile: loaded.config });
  if (json) io.out(`${JSON.stringify({ settings: outcome.settings, errors: outcome.errors } satisfies PolicyJson, null, 2)}\n`);
  else {
    // The `language` in force (policy wins over the config) picks the words.
    const t = cliTranslator(process.env, languageSetting(outcome.settings.find((s) => s.key === 'language')?.value));
    const places = sets.map((s) => `${s.origin} (${t.language === 'en' ? s.level : sourceWords(s.level, t)})`);
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
  if (json) io.out(`${JSON.stringify({ settings: set, errors: outcome.errors } satisfies PolicyJson, null, 2)}\n`);
  if (outcome.errors.length > 0) {
    io.err(outcome.errors.map((e) => `${e.message.startsWith(path) ? e.message : `${path}: ${e.message}`}\n`).join(''));
    return 64;
  }
  if (!json) {
    const names = new Map(POLICY_KEYS.map((p) => [p.key, p.name]));
    const list = set.length === 0 ? t.t('policy.setsNothing') : set.map((s) => `${names.get(s.key) ?? s.key} (${t.language === 'en' ? s.source : sourceWords(s.source, t)})`).join(', ');
    io.out(`${t.t('policy.valid', { path, list })}\n`);
  }
  return 0;
}
