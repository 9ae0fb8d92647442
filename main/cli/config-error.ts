/**
 * The bad-config error, apart from `cli-error.ts`: that module is loaded by every start (even
 * `--version`), this one brings the config parser's words and only loads with a command.
 */
import { configProblemLine, type ConfigProblem } from '../node/config-file.js';
import type { Translator } from '../core/i18n/translate.js';
import { reportError, type CliError, type Io } from './cli-error.js';

/**
 * A bad config file (exit 64): each problem on stderr in the person's language with its file,
 * line and column; with `json`, the English error object naming the first problem's place.
 */
export function reportConfigProblems(io: Io, json: boolean, problems: readonly ConfigProblem[], t: Translator): number {
  const first = problems[0];
  const error: CliError = {
    kind: 'bad-config',
    message: problems.map((p) => p.message).join('\n'),
    file: first?.file ?? null,
    line: first?.line ?? null,
    column: first?.column ?? null,
    key: first?.key ?? null,
  };
  return reportError(io, json, error, [t.t('cli.error.badConfig'), ...problems.map((p) => configProblemLine(p, t))].join('\n'));
}
