/**
 * The CLI's help and version, answered by `bin.ts` before the engine is loaded: a monitoring
 * system or a person asking `--version` should not pay for the HTTP stack. Imports nothing heavy.
 */
import { APP_VERSION } from '../core/version.js';
import { cliLanguage } from '../core/i18n/languages.js';
import { mayHavePolicy } from '../node/policy/policy-places.js';
import type { Translator } from '../core/i18n/translate.js';

type Env = Readonly<Record<string, string | undefined>>;

/** The `--json` error object's shape, quoted in the usage; kept out of the catalogs, where braces are ICU syntax. */
export const ERROR_SHAPE = '{"error": {"kind", "message", "file", "line", "column", "key"}}';

/** Every command `outage-radar` accepts; each has a usage line in USAGE. */
export const COMMANDS = ['check', 'diagnose', 'explain', 'report', 'relay', 'policy', 'catalog', 'add-source', 'help'] as const;

export const USAGE = `Usage:
  outage-radar check [--config FILE] [--json] [--no-probes]
      Reads every watched status source once, checks your connection, and says whether
      a failing service is down for everyone or only for you.
  outage-radar diagnose [--config FILE] [--json]
      Runs the connection checks alone and explains each step.
  outage-radar explain TEXT [--config FILE] [--json] [--offline]
      Says what an error code, a bounce message, an Outlook status or a symptom means and
      what to do; unless --offline, checks the service to say whether it is an incident.
      Exit 0 when something matched, 3 when nothing did.
  outage-radar report [--json] [--config FILE] [--no-probes]
      Checks once like check, then prints the diagnostics report for the helpdesk: paste
      it into your ticket. Your user name, computer name, home folder paths, e-mail and IP
      addresses are removed unless the config's report.include keeps them; writes no file.
      Exit 0 when the report was printed.
  outage-radar relay --tenant ID --client-id ID (--secret-env NAME | --secret-file PATH |
      --certificate PEM) [--messages FILE] (--out FILE | --listen [HOST:]PORT) [--once]
      [--graph-url URL] [--login-url URL]
      For admins: reads your tenant's Microsoft 365 service health from Microsoft Graph with
      the app's own credentials and publishes the org feed for every tray, to a file
      (written atomically) or served over http; polls every 60-120 s, or once with --once.
      The secret comes from an environment variable or a file only its owner can read.
      Exit 0 feed written, 2 Graph or sign-in unreachable or refused, 3 feed not written.
  outage-radar policy [--json] [--config FILE] [--file PATH]
      Lists every setting's value in force, where it came from (default, recommended
      policy, config file, user setting, user policy, machine policy), whether policy locks
      it, and any rejected policy value with the reason. With --file, checks a policy file
      (JSON, plist or .mobileconfig, or a .reg export) before you deploy it: exit 0 when
      valid, 64 with one line per problem when not.
  outage-radar catalog [--json]
      Lists every built-in service by category: its id (for "watch" in a config file or
      policy), name, status format and public status address. Reads no network. Exit 0.
  outage-radar add-source URL [--json] [--config FILE]
      Finds out which status format a page speaks (Statuspage, status.io, incident.io,
      Instatus, an RSS or Atom feed, or a web page that links one) and prints the source
      for a config file with the page's components to pick from; at most 5 requests, and
      --config is read only for network.proxy and network.caFile. Exit 0 found, 3 not a
      status page, a login, blocked or unreachable (the reason is printed), 64 bad usage.
  outage-radar help
      Shows this text (also --help or -h).
  outage-radar --version
      Prints the version (also -v).

Exit codes: 0 all operational, 1 degraded or maintenance, 2 outage or a local network
problem, 3 unknown or internal error, 64 bad usage or bad config file.
With --json, stdout always holds one JSON object; on an error it is
${ERROR_SHAPE} and the message also goes to stderr.
`;

/**
 * The usage in the person's language: a `Language` policy's when this machine has a policy (the
 * readers load only then), else the locale's (`LC_ALL`, `LC_MESSAGES`, `LANG`). English is
 * `USAGE` and loads nothing more; another language reads its catalog entry `cli.usage`.
 */
export async function usageFor(env: Env, platform: NodeJS.Platform = process.platform): Promise<string> {
  if (mayHavePolicy(platform, env)) {
    const { personTranslator } = await import('./person-language.js');
    return usageIn(await personTranslator({ env }));
  }
  if (cliLanguage(env) === 'en') return USAGE;
  const { cliTranslator } = await import('../core/i18n/translate.js');
  return usageIn(cliTranslator(env));
}

/** The usage in a translator's language (the one a usage error is said in). */
export function usageIn(t: Translator): string {
  return t.language === 'en' ? USAGE : t.t('cli.usage', { errorShape: ERROR_SHAPE });
}

/** What to print for a run that needs no engine. */
export interface QuickAnswer {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

const QUICK_ARGS = new Set(['--help', '-h', '--version', '-v', 'help']);

/**
 * Answers `--version`, `--help`, `help` and a bare call, the usage in the person's language;
 * null when the command needs the CLI proper.
 */
export async function quickAnswer(argv: readonly string[], env: Env = {}): Promise<QuickAnswer | null> {
  if (argv.length === 0) return { code: 64, out: '', err: await usageFor(env) };
  if (!argv.every((arg) => QUICK_ARGS.has(arg))) return null;
  if (argv.includes('--version') || argv.includes('-v')) return { code: 0, out: `${APP_VERSION}\n`, err: '' };
  return { code: 0, out: await usageFor(env), err: '' };
}
