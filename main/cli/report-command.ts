/**
 * `outage-radar report`: the diagnostics report for the helpdesk, printed after one check made
 * exactly like `check`. Text for a person to paste into a ticket, or with `--json` the report's
 * JSON object for tools. It writes no file: the report goes to stdout and nowhere else.
 */
import { resolve } from 'node:path';
import type { CheckReport } from '../core/check.js';
import { buildDiagnosticsReport } from '../core/helpdesk/diagnostics-report.js';
import type { AppConfig } from '../core/settings/config.js';
import { readMachineFacts } from '../node/machine-facts.js';
import { localizeReport } from '../core/advice/localize-report.js';
import type { Translator } from '../core/i18n/translate.js';

interface Io {
  readonly out: (text: string) => void;
}

export interface ReportOptions {
  readonly json: boolean;
  readonly config: AppConfig;
  /** The config file named by `--config`, or null. */
  readonly configPath: string | null;
  /** Epoch ms. */
  readonly now: number;
  /** The person's language for the text, with the watch plan to say the advice in it; absent = English. */
  readonly words?: { readonly t: Translator; readonly plan: Parameters<typeof localizeReport>[1] };
}

/** Prints the report for this check; exit 0 once it is printed, whatever the check found. */
export function printReport(report: CheckReport, options: ReportOptions, io: Io): number {
  const diagnostics = buildDiagnosticsReport({
    report,
    machine: readMachineFacts(),
    now: options.now,
    // A CLI run keeps no history: it is one check, made now.
    history: [],
    knowledgeBase: null,
    typed: null,
    // Absolute, so a path under the home folder is recognised and removed however it was typed.
    configPath: options.configPath === null ? null : resolve(options.configPath),
    include: options.config.report?.include ?? [],
    // The text in the person's language; the JSON stays English whatever the locale.
    ...(options.words && options.words.t.language !== 'en' && !options.json
      ? { words: { t: options.words.t, report: localizeReport(report, options.words.plan, options.words.t) } }
      : {}),
  });
  io.out(options.json ? `${JSON.stringify(diagnostics.json, null, 2)}\n` : `${diagnostics.text}\n`);
  return 0;
}
