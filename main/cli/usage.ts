/**
 * The CLI's help and version, answered by `bin.ts` before the engine is loaded: a monitoring
 * system or a person asking `--version` should not pay for the HTTP stack. Imports nothing heavy.
 */
import { APP_VERSION } from '../core/version.js';

/** Every command `outage-radar` accepts; each has a usage line in USAGE. */
export const COMMANDS = ['check', 'diagnose', 'explain', 'help'] as const;

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
  outage-radar help
      Shows this text (also --help or -h).
  outage-radar --version
      Prints the version (also -v).

Exit codes: 0 all operational, 1 degraded or maintenance, 2 outage or a local network
problem, 3 unknown or internal error, 64 bad usage or bad config file.
With --json, stdout always holds one JSON object; on an error it is
{"error": {"kind", "message", "file", "line", "column", "key"}} and the message also goes to stderr.
`;

/** What to print for a run that needs no engine. */
export interface QuickAnswer {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

const QUICK_ARGS = new Set(['--help', '-h', '--version', '-v', 'help']);

/** Answers `--version`, `--help`, `help` and a bare call; null when the command needs the CLI proper. */
export function quickAnswer(argv: readonly string[]): QuickAnswer | null {
  if (argv.length === 0) return { code: 64, out: '', err: USAGE };
  if (!argv.every((arg) => QUICK_ARGS.has(arg))) return null;
  if (argv.includes('--version') || argv.includes('-v')) return { code: 0, out: `${APP_VERSION}\n`, err: '' };
  return { code: 0, out: USAGE, err: '' };
}
