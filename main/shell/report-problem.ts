/**
 * What the "Report a problem" verbs do in main: the deflection banners, the knowledge-base match
 * as the person types, the flow's next step (core/helpdesk/problem-flow.ts), and the last step:
 * build the report, open the organization's ticket form with it (https or mailto only, the
 * address filled from the setting by core/helpdesk/ticket-url.ts, never taken from the window),
 * or copy it when the form cannot carry it or there is none.
 *
 * No Electron here: the OS (`openExternal`, the clipboard) and the helpdesk settings are
 * injected, so the app and the renderer tests run this same code.
 */
import type { ProblemRequest, ProblemSendOutcome, ViewState } from '../core/contract.js';
import type { ConfigDocument } from '../core/generated/config-document.js';
import { CLOSED_STATUSES, allDeflections, deflectionsFor } from '../core/helpdesk/deflection.js';
import { bestMatch, decideProblem, type HelpdeskSettings, type ProblemMatch } from '../core/helpdesk/problem-flow.js';
import { fillTicketUrl, type TicketFields } from '../core/helpdesk/ticket-url.js';
import { renderPhrase } from '../core/i18n/phrase.js';
import { codesIn } from '../core/knowledge/match.js';
import { ENGLISH, type Translator } from '../core/i18n/translate.js';
import type { InvokeHandlers } from './ipc.js';
import type { ReportRequest } from '../node/app-engine-api.js';

/** What the flow needs from the app besides the engine's view. */
export interface ReportProblemDeps {
  /** `helpdesk.ticketUrl` and `helpdesk.contact` as in force (see `helpdeskSettingsFrom`). */
  readonly helpdesk: () => HelpdeskSettings;
  /** `shell.openExternal`; absent = no ticket form can be opened (the report is copied instead). */
  readonly openExternal?: (url: string) => Promise<void>;
  /** Epoch ms; default `Date.now`. */
  readonly now?: () => number;
  /** Named in the report; default this app's version and this process's OS. */
  readonly appVersion?: string;
  readonly platform?: string;
  readonly log?: { warn(message: string, ...details: unknown[]): void };
}

/** Builds the diagnostics report with the flow's facts (the engine's `helpdeskReport`). */
type ReportBuilder = (request: ReportRequest) => ProblemReport;

export interface ReportProblemHandlerDeps {
  readonly engine: { view(): ViewState; helpdeskReport(request?: ReportRequest): ProblemReport };
  readonly writeClipboard: (text: string) => void | Promise<void>;
  /** Absent: no ticket form and no contact (the report is still copied). */
  readonly reportProblem?: ReportProblemDeps;
  /** The person's language, as main decides it for the window; default English. The report itself stays English. */
  readonly words?: () => Translator;
}

/** The helpdesk settings of a config document (file or policy layer), unset keys as null. */
export function helpdeskSettingsFrom(doc: ConfigDocument): HelpdeskSettings {
  return { ticketUrl: doc.helpdesk?.ticketUrl ?? null, contact: doc.helpdesk?.contact ?? null };
}

function serviceName(view: ViewState, serviceId: string): string {
  return view.report?.services.find((s) => s.id === serviceId)?.name ?? serviceId;
}

/** The open incidents of the service, by id. */
function openIncidentIds(view: ViewState, serviceId: string): string[] {
  const service = view.report?.services.find((s) => s.id === serviceId);
  return [...new Set((service?.incidents ?? []).filter((i) => !CLOSED_STATUSES.includes(i.status)).map((i) => i.id))];
}

/** A report as the flow hands it on: the one-line summary a ticket system groups by, and the full text. */
export interface ProblemReport {
  readonly summary: string;
  readonly text: string;
}

/**
 * THE report of the flow: the one diagnostics report (main/core/helpdesk/diagnostics-report.ts,
 * built by the engine, redacted) with what the flow knows: the service picked, what the person
 * typed, the knowledge-base entry it matched and the incidents they were shown before answering
 * "something else is wrong"; plus, when they were shown a fix on their side first, that they
 * report anyway.
 */
export function reportTextFor(view: ViewState, request: ProblemRequest, knowledgeBase: ProblemMatch | null, now: number, build: ReportBuilder): ProblemReport {
  const deflections = view.report === null ? [] : deflectionsFor(view.report, request.serviceId, now);
  const shownIncidents = request.shownIncidents.map((id) => ({ sourceId: deflections.find((d) => d.incidentId === id)?.sourceId ?? '', id }));
  const report = build({ serviceId: request.serviceId, typed: request.typed, knowledgeBase: knowledgeBase?.id ?? null, shownIncidents });
  if (!request.pastLocalFix) return report;
  return { summary: report.summary, text: `${report.text}\n\nShown a fix on their side first; they report anyway.` };
}

/** The ticket form's fields for this report. */
export function ticketFieldsFor(view: ViewState, request: ProblemRequest, report: ProblemReport): TicketFields {
  const codes = codesIn(request.typed).map((c) => (c.kind === 'hex' ? c.code : [c.reply, c.enhanced].filter((x) => x !== null).join(' ')));
  const incidents = request.shownIncidents.length > 0 ? request.shownIncidents : openIncidentIds(view, request.serviceId);
  return { service: serviceName(view, request.serviceId), summary: report.summary, code: codes.join(', '), report: report.text, incidents: incidents.join(', ') };
}

/** Only these schemes leave the app from this flow (the setting's rules allow nothing else either). */
function isOpenable(url: string): boolean {
  try {
    const protocol = new URL(url).protocol;
    return protocol === 'https:' || protocol === 'mailto:';
  } catch {
    return false;
  }
}

const NO_HELPDESK: ReportProblemDeps = { helpdesk: () => ({ ticketUrl: null, contact: null }) };

type ProblemChannels = 'deflections:get' | 'problem:match' | 'problem:decide' | 'problem:send';

/** The handlers of the flow's channels, for `createInvokeHandlers`. */
export function createReportProblemHandlers(deps: ReportProblemHandlerDeps): Pick<InvokeHandlers, ProblemChannels> {
  const flow = deps.reportProblem ?? NO_HELPDESK;
  const now = flow.now ?? Date.now;
  const log = flow.log ?? console;
  const words = deps.words ?? (() => ENGLISH);

  const copied = async (text: string, contact: string | null, lead: string, t: Translator): Promise<ProblemSendOutcome> => {
    try {
      await deps.writeClipboard(text);
    } catch (error) {
      log.warn('report a problem: copying the report failed', error);
      return { outcome: 'failed', text: t.t('main.report.copyFailed'), contact };
    }
    const how = contact ? t.t('main.report.sendToContact') : t.t('main.report.pasteIt');
    return { outcome: 'copied', text: `${lead} ${how}`, contact };
  };

  return {
    'deflections:get': () => allDeflections(deps.engine.view().report, now(), words()),
    'problem:match': (text) => bestMatch(text, undefined, words()),
    'problem:decide': (request) => decideProblem({ ...request, report: deps.engine.view().report, helpdesk: flow.helpdesk(), now: now(), words: words() }),
    'problem:send': async (request) => {
      const t = words();
      const view = deps.engine.view();
      const helpdesk = flow.helpdesk();
      const at = now();
      const report = reportTextFor(view, request, bestMatch(request.typed), at, (r) => deps.engine.helpdeskReport(r));
      if (helpdesk.ticketUrl === null || flow.openExternal === undefined) return copied(report.text, helpdesk.contact, t.t('main.report.copied'), t);
      const filled = fillTicketUrl(helpdesk.ticketUrl, ticketFieldsFor(view, request, report));
      if (!filled.ok || !isOpenable(filled.url)) {
        log.warn(`report a problem: the ticket form is not usable: ${filled.ok ? 'not https or mailto' : renderPhrase(filled.reason)}`);
        return copied(report.text, helpdesk.contact, t.t('main.report.formFailed'), t);
      }
      try {
        // On the clipboard before the form opens, so it is there when the person pastes.
        if (!filled.reportIncluded) await deps.writeClipboard(report.text);
        await flow.openExternal(filled.url);
      } catch (error) {
        log.warn('report a problem: opening the ticket form failed', error);
        return copied(report.text, helpdesk.contact, t.t('main.report.formFailed'), t);
      }
      if (filled.reportIncluded) {
        const text = t.t(filled.kind === 'mailto' ? 'main.report.openedMail' : 'main.report.openedForm');
        return { outcome: 'opened', text, contact: helpdesk.contact };
      }
      return {
        outcome: 'opened-summary',
        text: t.t(filled.kind === 'mailto' ? 'main.report.summaryMail' : 'main.report.summaryForm'),
        contact: helpdesk.contact,
      };
    },
  };
}
