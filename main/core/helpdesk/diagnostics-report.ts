/**
 * The one diagnostics report for the helpdesk: the window's "Copy report", the report-a-problem
 * flow and `outage-radar report` all build it here. Plain text for people (its first line the
 * summary a ticket system groups by) and JSON for tools, from the same facts.
 *
 * Safe to paste anywhere: secrets are always masked, and personal data (user name, host name,
 * home folder paths, e-mail and IP addresses) is removed unless the organization keeps a kind
 * (`report.include`). Each text is cleaned before it is cut to length, so a cut never leaves half
 * a name behind, and the finished text and every string of the JSON are cleaned once more.
 */
import type { CheckReport } from '../check.js';
import { healthLabel } from '../health.js';
import type { TrayState } from '../tray/tray-icons.js';
import type { LadderResult, VerdictKind } from '../verdict/connectivity-model.js';
import { hostOf } from '../verdict/ladder-facts.js';
import { displayBlock, displayLine, displayText } from '../words/display-text.js';
import { ageOf, checkReportLines, localTime, redactSecrets } from '../words/helpdesk-report.js';
import { KIND_WORDS, personalDataRedactor, REPORT_INCLUDE_KINDS, type ReportIncludeKind } from './personal-data.js';
import { reportSummary } from './report-summary.js';
import { ENGLISH, type Translator } from '../i18n/translate.js';

export { REPORT_INCLUDE_KINDS, type ReportIncludeKind } from './personal-data.js';

/** What the report says about the machine; the Node adapter `main/node/machine-facts.ts` reads it. */
export interface MachineFacts {
  appVersion: string;
  platform: string;
  release: string;
  locale: string;
  timeZone: string;
  userName: string | null;
  homeDir: string | null;
  hostName: string | null;
}

/** A verdict the window showed, and when. */
export interface VerdictHistoryEntry {
  readonly at: string;
  readonly kind: VerdictKind;
}

export interface DiagnosticsInput {
  /** The last full check (main/core/check.ts), or null before one finished. */
  readonly report: CheckReport | null;
  readonly machine: MachineFacts;
  /** Epoch ms. */
  readonly now: number;
  /** How the app reaches the internet (`DIRECT`, `PROXY host:port`, a PAC list); else taken from the probes. */
  readonly proxyMode?: string | null;
  /** The last verdicts shown, oldest first; the last 20 are reported. The CLI has none. */
  readonly history: readonly VerdictHistoryEntry[];
  /** The matched knowledge-base entry id. */
  readonly knowledgeBase: string | null;
  /** What the person typed in the report flow. */
  readonly typed: string | null;
  /** Incidents the flow showed before the person reported anyway. */
  readonly shownIncidents?: readonly { sourceId: string; id: string }[];
  /** The service the person picked in the flow. */
  readonly serviceId?: string | null;
  /** The config file in use; a path under the home folder is removed like any other. */
  readonly configPath?: string | null;
  /** Kinds of personal data the organization keeps (config `report.include`, default []). */
  readonly include: readonly ReportIncludeKind[];
  /**
   * The language of the text for people: its translator and, for the advice in that language, the
   * check said in it (`localizeReport`); default English and `report`. The JSON and the first line
   * (the summary a ticket system groups by) stay English.
   */
  readonly words?: { readonly t: Translator; readonly report: CheckReport | null };
  /** The window's state when it differs from the check (tray after hysteresis, saved status). */
  readonly shown?: { readonly tray: TrayState; readonly fromCache: boolean; readonly updatedAt: string | null } | null;
}

export interface DiagnosticsStep {
  readonly step: string;
  readonly outcome: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly errorCode: string | null;
  readonly detail: string;
  readonly httpStatus: number | null;
}

/** One host the connection checks tried, step by step. */
export interface DiagnosticsProbe {
  readonly id: string;
  readonly host: string;
  readonly url: string;
  readonly role: string;
  readonly serviceId: string | null;
  /** `DIRECT` or `PROXY host:port`. */
  readonly path: string;
  readonly reachable: boolean;
  readonly httpStatus: number | null;
  readonly failedAt: string | null;
  readonly steps: readonly DiagnosticsStep[];
}

export interface DiagnosticsSource {
  readonly id: string;
  readonly type: string;
  readonly name: string;
  readonly url: string;
  readonly health: string;
  /** Age of the data shown, in seconds; null when never fetched. */
  readonly ageSeconds: number | null;
  readonly stale: boolean;
  readonly error: string | null;
  readonly warnings: readonly string[];
  readonly incidentIds: readonly string[];
}

/** The report for tools: the shape, and a few more facts. */
export interface DiagnosticsJson {
  readonly summary: string;
  readonly app: { readonly name: string; readonly version: string };
  readonly os: { readonly platform: string; readonly release: string };
  readonly locale: string;
  /** ISO time the report was made. */
  readonly time: string;
  readonly timeZone: string;
  readonly verdict: {
    readonly kind: VerdictKind;
    readonly title: string;
    readonly summary: string;
    readonly advice: string;
    readonly flags: readonly string[];
    readonly serviceIds: readonly string[];
    readonly evidence: readonly { readonly code: string; readonly text: string }[];
  };
  readonly probes: readonly DiagnosticsProbe[];
  /** The rest of the connection checks: the link and the sign-in (captive portal) checks; null when not run. */
  readonly connection: {
    readonly startedAt: string;
    readonly durationMs: number;
    readonly timedOut: boolean;
    readonly link: { readonly online: boolean | null; readonly detail: string };
    readonly captive: readonly { readonly id: string; readonly outcome: string; readonly durationMs: number; readonly httpStatus: number | null; readonly errorCode: string | null }[];
  } | null;
  readonly proxy: { readonly mode: string | null; readonly source: string | null };
  readonly sources: readonly DiagnosticsSource[];
  readonly services: readonly { readonly id: string; readonly name: string; readonly health: string; readonly incidentIds: readonly string[] }[];
  readonly messages: readonly { readonly id: string; readonly severity: string; readonly incidentId: string | null; readonly text: string }[];
  readonly advice: readonly { readonly id: string; readonly title: string; readonly text: string }[];
  readonly history: readonly VerdictHistoryEntry[];
  readonly knowledgeBase: string | null;
  readonly typed: string | null;
  /** The service the person picked, or null. */
  readonly service: string | null;
  readonly shownIncidents: readonly { readonly sourceId: string; readonly id: string }[];
  /** When the check ran (ISO), or null before one finished. */
  readonly checkedAt: string | null;
  readonly configPath: string | null;
  /** What was removed, by kind, never the values: `removed` by default, `kept` by `report.include`, `found` in this report. */
  readonly redaction: { readonly removed: readonly ReportIncludeKind[]; readonly kept: readonly ReportIncludeKind[]; readonly found: readonly ReportIncludeKind[] };
}

export interface DiagnosticsReport {
  /** The one-line summary, also the text's first line. */
  readonly summary: string;
  readonly text: string;
  readonly json: DiagnosticsJson;
}

/** Verdicts listed: enough to see a flapping connection, short enough to read. */
const HISTORY_SHOWN = 20;
/** Characters of what the person typed. */
const TYPED_MAX = 4000;

/** The incidents the report is about: those shown to the person, then the reported service's (or the verdict's, or all). */
function incidentsInScope(input: DiagnosticsInput, service: string | null): string[] {
  const shown = (input.shownIncidents ?? []).map((i) => i.id);
  const report = input.report;
  if (report === null) return shown;
  const scope = service !== null ? [service] : report.verdict.serviceIds;
  const services = scope.length > 0 ? report.services.filter((s) => scope.includes(s.id)) : report.services;
  return [...new Set([...shown, ...services.flatMap((s) => s.incidents.map((i) => i.id))])];
}

function probesJson(ladder: LadderResult | null): Pick<DiagnosticsJson, 'probes' | 'connection'> {
  if (ladder === null) return { probes: [], connection: null };
  return {
    probes: ladder.targets.map((t) => ({
      id: t.target.id,
      host: hostOf(t),
      url: t.target.url,
      role: t.target.role,
      serviceId: t.target.serviceId,
      path: t.path,
      reachable: t.reachable,
      httpStatus: t.httpStatus,
      failedAt: t.failedAt,
      steps: t.steps.map((s) => ({ step: s.step, outcome: s.outcome, startedAt: s.startedAt, durationMs: Math.round(s.durationMs), errorCode: s.errorCode, detail: s.detail, httpStatus: s.httpStatus ?? null })),
    })),
    connection: {
      startedAt: ladder.startedAt,
      durationMs: Math.round(ladder.durationMs),
      timedOut: ladder.timedOut,
      link: { online: ladder.link.online, detail: ladder.link.detail },
      captive: ladder.captive.map((c) => ({ id: c.check.id, outcome: c.outcome, durationMs: Math.round(c.durationMs), httpStatus: c.httpStatus, errorCode: c.errorCode })),
    },
  };
}

function ageSeconds(iso: string | null, now: number): number | null {
  const at = iso === null ? Number.NaN : Date.parse(iso);
  return Number.isFinite(at) ? Math.max(0, Math.round((now - at) / 1000)) : null;
}

/** Every string of a JSON value passed through `clean`; keys are ours and stay. */
function cleanStrings<T>(value: T, clean: (text: string) => string): T {
  if (typeof value === 'string') return clean(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => cleanStrings(v, clean)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cleanStrings(v as unknown, clean)])) as T;
  }
  return value;
}

function kindList(kinds: readonly ReportIncludeKind[], t: Translator): string {
  if (t.language === 'en') return kinds.length === 0 ? 'none' : kinds.map((k) => KIND_WORDS[k]).join(', ');
  return kinds.length === 0 ? t.t('report.kinds.none') : kinds.map((kind) => t.t('report.kind', { kind })).join(', ');
}

/** The newest successful fetch among the sources, for "data updated 2 min ago". */
function newestFetch(report: CheckReport): string | null {
  const times = report.sources.map((s) => (s.fetchedAt === null ? Number.NaN : Date.parse(s.fetchedAt))).filter(Number.isFinite);
  return times.length === 0 ? null : new Date(Math.max(...times)).toISOString();
}

/** Builds the report. Pure; never throws for odd input (no check yet, empty facts). */
export function buildDiagnosticsReport(input: DiagnosticsInput): DiagnosticsReport {
  const { report, machine, now } = input;
  const kept = REPORT_INCLUDE_KINDS.filter((k) => input.include.includes(k));
  const removed = REPORT_INCLUDE_KINDS.filter((k) => !kept.includes(k));
  const personal = personalDataRedactor(machine, kept);
  // Secrets first: "https://jdoe:pw@host" must lose the password before the name is found in it.
  const clean = (text: string): string => personal(redactSecrets(text));
  const line = (text: string, max: number): string => displayLine(clean(displayText(text)), max);

  const service = input.serviceId ?? (report && report.verdict.serviceIds.length > 0 ? report.verdict.serviceIds.join('+') : null);
  const summary = line(
    reportSummary({ service, verdictKind: report?.verdict.kind ?? 'unknown', incidentIds: incidentsInScope(input, service), knowledgeBase: input.knowledgeBase }),
    500,
  );
  const proxyMode = input.proxyMode ?? report?.probes?.proxy.mode ?? null;
  const history = input.history.slice(-HISTORY_SHOWN);
  const shownIncidents = input.shownIncidents ?? [];
  const typed = input.typed === null ? null : displayBlock(clean(displayText(input.typed)), TYPED_MAX);
  // The text for people in their language; the JSON below reads `report`, in English.
  const t = input.words?.t ?? ENGLISH;
  const said = input.words ? input.words.report : report;

  const head: string[] = [
    t.t('report.title'),
    t.t('report.time', { local: localTime(now), iso: new Date(now).toISOString(), zone: line(machine.timeZone, 60) }),
    t.t('report.app', { version: line(machine.appVersion, 40), platform: line(machine.platform, 40), release: line(machine.release, 80), locale: line(machine.locale, 40) }),
  ];
  if (input.configPath) head.push(t.t('report.configFile', { path: line(input.configPath, 500) }));
  if (proxyMode !== null) {
    const mode = line(proxyMode, 300);
    head.push(report?.probes ? t.t('report.proxyModeFrom', { mode, source: report.probes.proxy.source }) : t.t('report.proxyMode', { mode }));
  }
  if (input.serviceId) head.push(t.t('report.reportedService', { id: line(input.serviceId, 60) }));
  if (shownIncidents.length > 0) {
    head.push(t.t('report.shownAnyway', { list: shownIncidents.map((i) => `${line(i.id, 60)} (${line(i.sourceId, 60)})`).join(', ') }));
  }
  if (input.knowledgeBase !== null) head.push(t.t('report.kb', { id: line(input.knowledgeBase, 100) }));
  if (typed !== null) head.push(t.t('report.typed'), ...(typed === '' ? [`  ${t.t('report.typedNothing')}`] : typed.split('\n').map((l) => `  ${l}`)));

  const body: string[] = [];
  if (said === null) body.push(t.t('report.noCheck'));
  else {
    const checked = Date.parse(said.checkedAt);
    const updatedAt = input.shown ? input.shown.updatedAt : newestFetch(said);
    const tray = input.shown?.tray ?? said.tray;
    const checkedValues = { time: Number.isFinite(checked) ? localTime(checked) : line(said.checkedAt, 40), age: ageOf(updatedAt, now, t) };
    body.push(
      t.t(input.shown?.fromCache ? 'report.checkedCached' : 'report.checked', checkedValues),
      t.t('report.tray', { tray: t.language === 'en' ? tray : t.t(`tray.${tray}`), health: t.language === 'en' ? healthLabel(said.overall) : t.t(`health.${said.overall}`) }),
      '',
      ...checkReportLines(said, now, line, t),
    );
  }
  body.push('', t.t('report.recent', { count: String(HISTORY_SHOWN) }));
  if (history.length === 0) body.push(t.t('report.recent.none'));
  for (const entry of history) {
    const at = Date.parse(entry.at);
    body.push(t.t('report.recent.entry', { time: Number.isFinite(at) ? localTime(at) : line(entry.at, 40), words: t.t(`report.kind.${entry.kind}`), kind: entry.kind }));
  }

  const rawJson: Omit<DiagnosticsJson, 'redaction'> = {
    summary,
    app: { name: 'Outage Radar', version: machine.appVersion },
    os: { platform: machine.platform, release: machine.release },
    locale: machine.locale,
    time: new Date(now).toISOString(),
    timeZone: machine.timeZone,
    verdict: report
      ? {
          kind: report.verdict.kind,
          title: report.verdict.title,
          summary: report.verdict.summary,
          advice: report.verdict.advice,
          flags: report.verdict.flags,
          serviceIds: report.verdict.serviceIds,
          evidence: report.verdict.evidence.map((e) => ({ code: e.code, text: e.text })),
        }
      : { kind: 'unknown', title: 'No check has finished yet', summary: '', advice: '', flags: [], serviceIds: [], evidence: [] },
    ...probesJson(report?.probes ?? null),
    proxy: { mode: proxyMode, source: report?.probes?.proxy.source ?? null },
    sources: (report?.sources ?? []).map((s) => ({
      id: s.id,
      type: s.type,
      name: s.name,
      url: s.url,
      health: s.health,
      ageSeconds: ageSeconds(s.fetchedAt, now),
      stale: s.stale,
      error: s.error,
      warnings: s.warnings,
      incidentIds: s.incidents.map((i) => i.id),
    })),
    services: (report?.services ?? []).map((s) => ({ id: s.id, name: s.name, health: s.health, incidentIds: s.incidents.map((i) => i.id) })),
    messages: (report?.messages ?? []).map((m) => ({ id: m.id, severity: m.severity, incidentId: m.incidentId, text: m.text })),
    advice: (report?.advice ?? []).map((a) => ({ id: a.id, title: a.title, text: a.text })),
    history: history.map((h) => ({ at: h.at, kind: h.kind })),
    knowledgeBase: input.knowledgeBase,
    typed,
    service: input.serviceId ?? null,
    shownIncidents: shownIncidents.map((i) => ({ sourceId: i.sourceId, id: i.id })),
    checkedAt: report?.checkedAt ?? null,
    configPath: input.configPath ?? null,
  };
  const json = cleanStrings(rawJson, clean);
  const rest = clean([...head, '', ...body].join('\n'));

  // Said after everything was cleaned, so it names what this report really held, never the values.
  const found = REPORT_INCLUDE_KINDS.filter((k) => (personal.found[k] ?? 0) > 0);
  const note = t.t('report.personal', { removed: kindList(removed, t), kept: kindList(kept, t), found: kindList(found, t) });
  const [title = '', ...after] = rest.split('\n');
  return {
    summary,
    text: [summary, '', title, note, ...after].join('\n'),
    json: { ...json, redaction: { removed, kept, found } },
  };
}
