/**
 * Usage errors of every command, said in the person's language (`person-language.ts`) with the
 * usage in that language after them; the `--json` error object keeps the English message.
 * Node's `parseArgs` explains a bad option in English runtime text: the common cases (an
 * unknown option, an option without its value, a switch given a value) get our own words in
 * other languages; any other text is quoted as it is. English output is unchanged.
 */
import { phrase, renderPhrase, type Phrase } from '../core/i18n/phrase.js';
import { plainError, reportError, type Io } from './cli-error.js';
import { personTranslator } from './person-language.js';
import { usageIn } from './usage.js';

/** What was wrong with the command line: the English message (as scripts read it), and words for other languages when we have them. */
export interface UsageProblem {
  readonly message: string;
  readonly words: Phrase | null;
}

/** A usage problem in our own words. */
export function usageProblem(words: Phrase): UsageProblem {
  return { message: renderPhrase(words), words };
}

/** Node's `parseArgs` error: its English text, with our words for the errors people make most. */
export function parseArgsProblem(error: unknown): UsageProblem {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  // Node names the option in quotes: `Unknown option '--foo'.`, `Option '-c, --config <value>' argument missing`.
  const option = /^(?:Unknown option|Option) '([^']+)'/.exec(message)?.[1];
  if (option === undefined) return { message, words: null };
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return { message, words: phrase('cli.usage.unknownOption', { option }) };
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && / argument missing$/.test(message)) return { message, words: phrase('cli.usage.optionNeedsValue', { option: option.replace(/ <value>$/, '') }) };
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && / does not take an argument$/.test(message)) return { message, words: phrase('cli.usage.optionTakesNoValue', { option }) };
  return { message, words: null };
}

/** Writes the usage error (stderr: the problem and the usage; with `json`, the English error object on stdout). Exit 64. */
export async function reportUsageError(io: Io, json: boolean, problem: UsageProblem): Promise<number> {
  const t = await personTranslator({ json });
  const said = t.language === 'en' || problem.words === null ? problem.message : renderPhrase(problem.words, t);
  return reportError(io, json, plainError('bad-usage', problem.message), `${t.t('cli.error.usage', { message: said })}\n\n${usageIn(t)}`);
}
