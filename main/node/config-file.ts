/**
 * Reads the configuration file and the files it points to. Every problem names the file, the key
 * and, where it can be found, the line and column, for the CLI's exit 64.
 */
import { stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseConfigText, type AppConfig } from '../core/settings/config.js';
import { parseJsonWithPosition, positionOfKey, splitKeyPath } from '../core/settings/json-position.js';
import { readBoundedRegularFile } from './bounded-file.js';
import { phrase, renderPhrase, type Phrase } from '../core/i18n/phrase.js';
import { ENGLISH, type Translator } from '../core/i18n/translate.js';
import type { SettingProblem } from '../core/settings/settings-schema.js';

/** One thing wrong with the config, located as precisely as we can. */
export interface ConfigProblem {
  /** What is wrong in English (the CLI's JSON error, logs), starting with the key when there is one. */
  readonly message: string;
  /** The same in no language yet, for the person's (`configProblemPhrase` for the settings page, `configProblemLine` for the CLI's stderr). */
  readonly words: Phrase;
  readonly file: string;
  readonly line: number | null;
  readonly column: number | null;
  /** The config key concerned, e.g. `sources[0].url`; null for a file or syntax problem. */
  readonly key: string | null;
}

export type LoadedConfig =
  | { readonly ok: true; readonly config: AppConfig; readonly path: string | null; readonly extraCaPem: string | null }
  | { readonly ok: false; readonly problems: readonly ConfigProblem[] };

/** The config file and the CA file are small text files; anything larger is the wrong file. */
const MAX_CONFIG_BYTES = 1024 * 1024;
const MAX_CA_FILE_BYTES = 1024 * 1024;

/** Loads and checks `path` (null: no config file, all defaults). Never throws for bad input. */
export async function loadConfigFile(path: string | null): Promise<LoadedConfig> {
  if (path === null) return { ok: true, config: {}, path: null, extraCaPem: null };
  const read = await readBoundedRegularFile(path, MAX_CONFIG_BYTES);
  if (!read.ok) return failed({ ...said(read.reason), file: path, line: null, column: null, key: null });
  const text = read.bytes.toString('utf8');

  const syntax = parseJsonWithPosition(text);
  if (!syntax.ok) {
    const { words, position } = syntax.error;
    return failed({ ...said(phrase('problem.json.notValid', { what: words })), file: path, line: position?.line ?? null, column: position?.column ?? null, key: null });
  }
  const checked = parseConfigText(text);
  if (!checked.ok) return { ok: false, problems: checked.problems.map((problem) => locate(problem, text, path)) };

  const caFile = checked.config.network?.caFile;
  let extraCaPem: string | null = null;
  if (caFile !== undefined) {
    const caPath = resolve(dirname(path), caFile);
    const at = positionOfKey(text, 'network.caFile');
    const caProblem = (what: Phrase): LoadedConfig =>
      failed({ ...said(phrase('problem.at', { path: 'network.caFile', what })), file: path, line: at?.line ?? null, column: at?.column ?? null, key: 'network.caFile' });
    const ca = await readBoundedRegularFile(caPath, MAX_CA_FILE_BYTES);
    if (!ca.ok) return caProblem(phrase('problem.caFile.unreadable', { path: caPath, why: ca.reason }));
    extraCaPem = ca.bytes.toString('utf8');
    if (!extraCaPem.includes('-----BEGIN CERTIFICATE-----')) return caProblem(phrase('problem.caFile.noPem', { path: caPath, marker: '"-----BEGIN CERTIFICATE-----"' }));
  }
  return { ok: true, config: checked.config, path, extraCaPem };
}

function failed(problem: ConfigProblem): LoadedConfig {
  return { ok: false, problems: [problem] };
}

function said(words: Phrase): Pick<ConfigProblem, 'message' | 'words'> {
  return { message: renderPhrase(words), words };
}

/** Problems from the checks start with the key they concern ("sources[0].url: ..."). */
function locate(problem: SettingProblem, text: string, file: string): ConfigProblem {
  const { message, words } = problem;
  const prefix = /^([^\s:]+): /.exec(message)?.[1];
  const key = prefix !== undefined && splitKeyPath(prefix) !== null ? prefix : null;
  const at = key === null ? null : positionOfKey(text, key);
  return { message, words, file, line: at?.line ?? null, column: at?.column ?? null, key };
}

/**
 * Where the desktop app looks for its config file when no `--config FILE` is given: per user,
 * beside the app's other files. Windows `%APPDATA%\Outage Radar\config.json`, macOS
 * `~/Library/Application Support/Outage Radar/config.json`, Linux and others
 * `$XDG_CONFIG_HOME/outage-radar/config.json` (`~/.config/outage-radar/config.json`).
 */
export function defaultAppConfigPath(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>, home: string): string {
  if (platform === 'win32') return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), 'Outage Radar', 'config.json');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Outage Radar', 'config.json');
  const xdg = env['XDG_CONFIG_HOME'];
  return join(xdg !== undefined && xdg.startsWith('/') ? xdg : join(home, '.config'), 'outage-radar', 'config.json');
}

/** `--config FILE` or `--config=FILE` from a command line; null when it is not given. */
export function configPathFromArgv(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg.startsWith('--config=')) return arg.slice('--config='.length) || null;
    if (arg === '--config') return argv[i + 1] ?? null;
  }
  return null;
}

/**
 * The app's config file: the given one, else the default location, where a missing file just
 * means "no config file". A problem never stops the app: it runs on the other layers.
 */
export async function loadAppConfigFile(explicit: string | null, defaultPath: string): Promise<LoadedConfig> {
  if (explicit === null) {
    try {
      await stat(defaultPath);
    } catch {
      return { ok: true, config: {}, path: null, extraCaPem: null };
    }
  }
  return loadConfigFile(explicit ?? defaultPath);
}

/** One problem as the settings page says it, in no language yet: file, line and column, then the key and what is wrong. */
export function configProblemPhrase(problem: ConfigProblem): Phrase {
  const what = problem.words;
  if (problem.line === null) return phrase('problem.configFile.in', { file: problem.file, what });
  if (problem.column === null) return phrase('problem.configFile.atLine', { file: problem.file, line: String(problem.line), what });
  return phrase('problem.configFile.at', { file: problem.file, line: String(problem.line), column: String(problem.column), what });
}

/** One problem as the CLI's stderr says it: `file: what (at line L, column C)`. */
export function configProblemLine(problem: ConfigProblem, t: Translator = ENGLISH): string {
  const what = renderPhrase(problem.words, t);
  if (problem.line === null) return t.t('problem.configFile.line', { file: problem.file, what });
  return t.t('problem.configFile.lineAt', { file: problem.file, what, line: String(problem.line), column: String(problem.column ?? 1) });
}
