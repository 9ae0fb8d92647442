/**
 * "Report a problem": what the flow does next, from the service a person picked, what they typed
 * and the current check.
 *
 * In order:
 * 1. `deflect`: an open incident is known for the picked service (or for the service of the
 *    knowledge-base entry the text matches, when that is another watched one): IT is aware, no
 *    ticket needed (deflection.ts). Once the person said "something else is wrong" about an
 *    incident (`shownIncidents` is not empty), the flow does not deflect again.
 * 2. `local-fix`: the problem is on this computer's side and the person can fix it now: the
 *    verdict is a local one (the Wi-Fi needs a sign-in, no network, DNS, proxy, clock), or the text
 *    matches a knowledge-base entry on the local side whose verdict, if it names one, is the
 *    verdict in force (a clock error code while the clock is right is not a local fix). Skipped
 *    once the person said the fix did not help (`pastLocalFix`).
 * 3. `ticket`: the organization has a usable ticket form (`helpdesk.ticketUrl`).
 * 4. `contact`: no ticket form (or one that is not allowed): copy the report, show
 *    `helpdesk.contact`.
 * Pure: no I/O.
 */
import type { CheckReport } from '../check.js';
import { localizeEntry, type KnowledgeEntry } from '../knowledge/knowledge-base.js';
import { ENGLISH, type Translator } from '../i18n/translate.js';
import { matchKnowledge } from '../knowledge/match.js';
import { isLocalProblem } from '../verdict/local-problem.js';
import type { ExplainMatch } from '../knowledge/explain.js';
import { deflectionsFor, type Deflection } from './deflection.js';
import { checkTicketUrlTemplate } from './ticket-url.js';

/** The organization's helpdesk settings, as in force. */
export interface HelpdeskSettings {
  readonly ticketUrl: string | null;
  readonly contact: string | null;
}

/** The knowledge-base entry a text matches best, as the window shows it while the person types. */
export interface ProblemMatch extends Omit<ExplainMatch, 'codes'> {
  /** The codes and phrases of the entry the text reached. */
  readonly reached: readonly string[];
}

export interface ProblemInput {
  readonly serviceId: string;
  readonly typed: string;
  readonly report: CheckReport | null;
  readonly helpdesk: HelpdeskSettings;
  /** Incidents the person was shown and answered "something else is wrong" about. */
  readonly shownIncidents: readonly string[];
  /** The person saw the local fix and wants to report anyway. */
  readonly pastLocalFix: boolean;
  /** Epoch ms, for helpdesk messages that expire. */
  readonly now: number;
  /** The person's language for the deflection sentence and the knowledge base's texts; default English. */
  readonly words?: Translator;
}

export type ProblemDecision =
  | { readonly kind: 'deflect'; readonly deflection: Deflection; readonly match: ProblemMatch | null }
  | {
      readonly kind: 'local-fix';
      /** What is wrong, in a line ("Your Wi-Fi needs a sign-in"). */
      readonly title: string;
      /** What to do, in order. */
      readonly steps: readonly string[];
      /** `verdict`: the connection checks found it; `knowledge`: the text matches a local problem. */
      readonly because: 'verdict' | 'knowledge';
      readonly match: ProblemMatch | null;
    }
  | { readonly kind: 'ticket'; readonly match: ProblemMatch | null }
  | { readonly kind: 'contact'; readonly contact: string | null; readonly match: ProblemMatch | null };

/** The entry as the window shows it, its texts in the translator's language (the catalog's `kb.<id>.*`). */
function asMatch(original: KnowledgeEntry, reached: readonly string[], t: Translator): ProblemMatch {
  const entry = localizeEntry(original, t);
  return { id: entry.id, service: entry.service, side: entry.side, title: entry.title, meaning: entry.meaning, steps: entry.steps, reached };
}

/**
 * The best knowledge-base match for what a person typed, or null (nothing typed, nothing matched).
 * Matching reads the codes and phrases, which are the same in every language; only the texts shown are translated.
 */
export function bestMatch(typed: string, entries?: readonly KnowledgeEntry[], t: Translator = ENGLISH): ProblemMatch | null {
  if (typed.trim() === '') return null;
  const best = matchKnowledge(typed, entries)[0];
  return best ? asMatch(best.entry, best.reached, t) : null;
}

/** Whether the organization has a ticket form the app may open. */
export function hasTicketForm(helpdesk: HelpdeskSettings): boolean {
  return helpdesk.ticketUrl !== null && checkTicketUrlTemplate(helpdesk.ticketUrl).ok;
}

function deflection(input: ProblemInput, match: ProblemMatch | null): Deflection | null {
  if (input.report === null || input.shownIncidents.length > 0) return null;
  const services = [input.serviceId, ...(match && match.service !== input.serviceId ? [match.service] : [])];
  for (const id of services) {
    const found = deflectionsFor(input.report, id, input.now, input.words)[0];
    if (found) return found;
  }
  return null;
}

function localFix(input: ProblemInput, match: ProblemMatch | null, entry: KnowledgeEntry | undefined): ProblemDecision | null {
  if (input.pastLocalFix) return null;
  const verdict = input.report?.verdict;
  if (verdict && isLocalProblem(verdict.kind)) return { kind: 'local-fix', title: verdict.title, steps: [verdict.advice], because: 'verdict', match };
  if (match === null || entry === undefined || match.side !== 'local') return null;
  // An entry tied to a verdict is a local fix only while the checks agree.
  if (entry.verdict !== undefined && entry.verdict !== verdict?.kind) return null;
  return { kind: 'local-fix', title: match.title, steps: match.steps, because: 'knowledge', match };
}

/** What the flow shows next. */
export function decideProblem(input: ProblemInput, entries?: readonly KnowledgeEntry[]): ProblemDecision {
  const best = input.typed.trim() === '' ? undefined : matchKnowledge(input.typed, entries)[0];
  const match = best ? asMatch(best.entry, best.reached, input.words ?? ENGLISH) : null;
  const deflected = deflection(input, match);
  if (deflected) return { kind: 'deflect', deflection: deflected, match };
  const fix = localFix(input, match, best?.entry);
  if (fix) return fix;
  if (hasTicketForm(input.helpdesk)) return { kind: 'ticket', match };
  return { kind: 'contact', contact: input.helpdesk.contact, match };
}
