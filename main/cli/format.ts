/**
 * Human-readable output of the CLI. Plain text, no color codes: it ends up in tickets and logs.
 * Every state is spelled out in words, so nothing depends on color or on a glyph alone.
 * Every text from a source passes the display boundary (`display-text.ts`) before it is printed.
 * Our own words come from the message catalogs in the person's language (`../core/i18n/`); text
 * quoted from a status page stays as its provider wrote it. English keeps the compact ages and UTC
 * times it always had; other languages say moments through `Intl` in the person's time zone.
 */
import type { CheckReport } from '../core/check.js';
import { detailIn, type LadderResult, type StepResult } from '../core/verdict/connectivity-model.js';
import {
  capIncidents,
  displayBlock,
  displayLine,
  DISPLAY_LIMITS,
  formatAge,
  lastKnownPhrase,
  momentWithDistance,
  signInCheckName,
  startedPhrase,
} from '../core/words/display-text.js';
import type { Health } from '../core/health.js';
import { ENGLISH, type Translator } from '../core/i18n/translate.js';
import { builtInName } from '../core/words/advice-words.js';
import type { Incident, SourceResult, UntrustedText } from '../core/model.js';
import { noteText, type ServiceIncident, type ServiceStatus } from '../core/sources/services.js';
import { htmlToText } from './html-text.js';
import { proxyUseWords, roleWords, routeWords } from '../core/words/helpdesk-report.js';

const MARK: Record<Health, string> = {
  operational: '[ ok ]',
  maintenance: '[mnt ]',
  degraded: '[warn]',
  outage: '[DOWN]',
  unknown: '[ ?? ]',
};

/** Warnings listed per source; a hostile source cannot fill the terminal with them. */
const MAX_WARNINGS_SHOWN = 10;

/** An update body as displayable text: HTML reduced to text, then the display boundary, capped at 20 KB. */
function bodyText(text: UntrustedText): string {
  return displayBlock(text.format === 'html' ? htmlToText(text.content) : text.content, DISPLAY_LIMITS.body);
}

/** An update body on one line, cut at `maxLength`. */
function plainText(text: UntrustedText, maxLength = DISPLAY_LIMITS.title): string {
  return displayLine(bodyText(text), maxLength);
}

/** "3 min ago" ("vor 3 Minuten"), or "never" without a time. */
function age(fromIso: string | null, now: number, t: Translator): string {
  const at = fromIso === null ? Number.NaN : Date.parse(fromIso);
  if (!Number.isFinite(at)) return t.t('time.never');
  return t.language === 'en' ? formatAge(now - at) : t.ago(now - at);
}

/** "started 3 min ago" / "starts in 5 min" in the person's words; null without a time. */
function started(startedAt: string | null | undefined, now: number, t: Translator): string | null {
  if (t.language === 'en') return startedPhrase(startedAt, now);
  const at = startedAt ? Date.parse(startedAt) : Number.NaN;
  if (!Number.isFinite(at)) return null;
  return at - now >= 60_000 ? t.t('time.starts', { in: t.in(at - now) }) : t.t('time.started', { ago: t.ago(now - at) });
}

/** A moment with its distance: "14:00 (in 2 h)"; null without a time. */
function moment(iso: string | null | undefined, now: number, t: Translator): string | null {
  if (t.language === 'en') return momentWithDistance(iso, now);
  const at = iso ? Date.parse(iso) : Number.NaN;
  return Number.isFinite(at) ? `${t.moment(at, now)} (${t.relative(at, now)})` : null;
}

/** "last known, as of 14:00 (3 min ago)". */
function lastKnown(asOf: string | null | undefined, now: number, t: Translator): string {
  if (t.language === 'en') return lastKnownPhrase(asOf, now);
  const when = moment(asOf, now, t);
  return when ? t.t('time.lastKnown', { when }) : t.t('time.lastKnownNoTime');
}

function healthWord(health: Health, t: Translator): string {
  return t.t(`health.${health}`);
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/**
 * The mark an incident carries when its source can no longer vouch for it (an expired org feed
 * whose incidents are "last known, as of <time>"); null for current data.
 */
function lastKnownMarker(source: Pick<SourceResult, 'lastKnown'> | undefined, now: number, t: Translator): string | null {
  return source?.lastKnown ? lastKnown(source.lastKnown.asOf, now, t) : null;
}

/** What makes a source unknown or partial, one line each: its error, then its warnings. */
function sourceReasons(source: Pick<SourceResult, 'error' | 'warnings'>, t: Translator): string[] {
  const lines: string[] = [];
  if (source.error) lines.push(t.t('cli.source.error', { text: displayLine(source.error) }));
  for (const warning of source.warnings.slice(0, MAX_WARNINGS_SHOWN)) lines.push(t.t('cli.source.warning', { text: displayLine(warning) }));
  if (source.warnings.length > MAX_WARNINGS_SHOWN) lines.push(t.t('cli.source.moreWarnings', { count: source.warnings.length - MAX_WARNINGS_SHOWN }));
  return lines;
}

function when(incident: Pick<Incident, 'startedAt'>, now: number, t: Translator): string {
  const phrase = started(incident.startedAt, now, t);
  return phrase ? `, ${phrase}` : '';
}

/** A service's incident carries no start time: its source's copy does. */
function startOf(report: CheckReport, incident: ServiceIncident): Pick<Incident, 'startedAt'> {
  const full = report.sources.find((s) => s.id === incident.sourceId)?.incidents.find((i) => i.id === incident.id);
  return { startedAt: full?.startedAt ?? null };
}

/** A health word inside a line: lower case in English ("degraded"), as the language writes it otherwise. */
function healthInLine(health: Health, t: Translator): string {
  return t.language === 'en' ? healthWord(health, t).toLowerCase() : healthWord(health, t);
}

function sourceLines(source: SourceResult, now: number, t: Translator): string[] {
  const lines: string[] = [];
  const fetched = source.fetchedAt ? t.t('cli.source.fetched', { age: age(source.fetchedAt, now, t) }) : t.t('cli.source.noData');
  lines.push(`  ${MARK[source.health]} ${displayLine(source.name, 60)} (${source.type}) - ${healthWord(source.health, t)}, ${fetched}${source.stale && source.fetchedAt ? `, ${t.t('cli.source.stale')}` : ''}`);
  for (const reason of sourceReasons(source, t)) lines.push(`         ${reason}`);
  if (source.lastKnown) lines.push(`         ${lastKnown(source.lastKnown.asOf, now, t)}: ${displayLine(source.lastKnown.reason)}`);
  const incidents = capIncidents(source.incidents);
  for (const incident of incidents.shown) {
    const latest = incident.updates[0];
    const marker = lastKnownMarker(source, now, t);
    lines.push(
      `         ${marker ? `${marker}: ` : ''}${t.t(`incident.kind.${incident.kind}`)} ${displayLine(incident.id, 40)}: ${displayLine(incident.title)} [${t.t(`status.${incident.status}`)}${when(incident, now, t)}]`,
    );
    if (latest) lines.push(`           ${t.t('cli.source.latest', { text: plainText(latest.body) })}`);
  }
  if (incidents.more > 0) lines.push(`         ${t.t('cli.check.moreIncidents', { count: incidents.more })}`);
  const bad = source.components.filter((c) => c.health !== 'operational');
  if (bad.length > 0) {
    const shown = bad.slice(0, 8).map((c) => `${displayLine(c.name, 60)} (${healthInLine(c.health, t)})`);
    const list = `${shown.join(', ')}${bad.length > 8 ? `, ${t.t('cli.source.moreComponents', { count: bad.length - 8 })}` : ''}`;
    lines.push(`         ${t.t('cli.source.components', { list })}`);
  }
  const upcoming = [...source.upcoming].sort((a, b) => (Date.parse(a.startedAt ?? '') || Infinity) - (Date.parse(b.startedAt ?? '') || Infinity));
  for (const planned of upcoming.slice(0, 3)) {
    const starts = moment(planned.startedAt, now, t);
    const title = displayLine(planned.title);
    lines.push(`         ${starts ? t.t('cli.source.upcomingStarts', { title, when: starts }) : t.t('cli.source.upcoming', { title })}`);
  }
  if (upcoming.length > 3) lines.push(`         ${t.t('cli.source.morePlanned', { count: upcoming.length - 3 })}`);
  return lines;
}

/**
 * The check for a person, in the translator's language. `report` should already say its verdict
 * and advice in that language (`localizeReport`); English is the default.
 */
export function formatCheck(report: CheckReport, now: number, t: Translator = ENGLISH): string {
  const lines: string[] = [];
  // Where the window has a "Copy the report" button, the terminal names the command that prints it.
  const reportHint = t.t('cli.check.reportHint');
  const checkedAt = t.language === 'en' ? report.checkedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC') : t.dateTime(report.checkedAt);
  lines.push(t.t('cli.check.header', { time: checkedAt }));
  lines.push('');
  lines.push(t.t('cli.check.overall', { health: healthWord(report.overall, t), tray: t.t(`tray.${report.tray}`) }));
  lines.push(t.t('cli.check.verdict', { title: displayLine(report.verdict.title) }));
  lines.push(t.t('cli.check.because', { summary: displayLine(report.verdict.summary, 1000) }));
  lines.push(t.t('cli.check.whatToDo', { advice: displayLine(report.verdict.advice, 1000) }));
  const advice = report.advice ?? [];
  if (advice[0]?.action?.kind === 'copy-report') lines.push(`  ${reportHint}`);
  // The first item is the line above; the rest of the advice list follows, one item a line.
  for (const item of advice.slice(1)) {
    lines.push(`  - ${displayLine(item.title, 120)}: ${displayLine(item.text, 600)}`);
    if (item.action?.kind === 'copy-report') lines.push(`    ${reportHint}`);
  }
  if (report.verdict.flags.includes('tls-intercepted')) lines.push(t.t('cli.check.tlsIntercepted'));
  for (const message of report.messages) {
    lines.push(t.t('cli.check.helpdeskMessage', { severity: message.severity, text: displayLine(message.text, 400) }));
  }
  lines.push('');
  lines.push(t.t('cli.check.services'));
  const names = report.services.map((s) => displayLine(s.name, 40));
  const width = Math.min(34, Math.max(...names.map((n) => n.length), 10) + 2);
  report.services.forEach((service, index) => {
    lines.push(`  ${MARK[service.health]} ${pad(names[index] ?? '', width)} ${healthWord(service.health, t)}`);
    const incidents = capIncidents(service.incidents);
    for (const incident of incidents.shown) {
      lines.push(
        `         ${displayLine(incident.id, 40)}: ${displayLine(incident.title)} (${t.t(`status.${incident.status}`)}, ${healthInLine(incident.health, t)}${when(startOf(report, incident), now, t)})`,
      );
    }
    if (incidents.more > 0) lines.push(`         ${t.t('cli.check.moreIncidents', { count: incidents.more })}`);
    for (const note of notesOf(service, t)) lines.push(`         ${t.t('cli.check.note', { text: displayLine(note) })}`);
    if (service.health !== 'operational' && service.health !== 'unknown' && service.fallback) {
      lines.push(`         ${t.t('cli.check.meanwhile', { text: displayLine(builtInName(service.fallback, t)) })}`);
    }
  });
  lines.push('');
  lines.push(t.t('cli.check.sources'));
  for (const source of report.sources) lines.push(...sourceLines(source, now, t));
  if (report.probes) {
    lines.push('');
    lines.push(...formatLadder(report.probes, t));
  }
  return `${lines.join('\n')}\n`;
}

/** A service's notes in the person's language (from their data), else as the check wrote them. */
export function notesOf(service: Pick<ServiceStatus, 'notes' | 'noteWords'>, t: Translator): readonly string[] {
  return t.language === 'en' || service.noteWords === undefined ? service.notes : service.noteWords.map((note) => noteText(note, t));
}

function stepLine(step: StepResult, t: Translator): string {
  const outcome = t.t('cli.ladder.outcome', { outcome: step.outcome });
  const code = step.errorCode ? ` ${displayLine(step.errorCode, 40)}` : '';
  const took = step.outcome === 'skipped' ? '' : ` ${Math.round(step.durationMs)} ms`;
  const name = t.language === 'en' ? step.step.toUpperCase() : t.t('cli.ladder.step', { step: step.step });
  return `${pad(name, 5)} ${pad(outcome, 9)}${took}${code} - ${displayLine(detailIn(step, t), 160)}`;
}

/**
 * The connection checks, one line each, in the person's language: the probes' details are said
 * from their words (`detailWords`); hosts, addresses and error codes stay as they are.
 */
export function formatLadder(ladder: LadderResult, t: Translator = ENGLISH): string[] {
  const lines: string[] = [];
  const ms = String(Math.round(ladder.durationMs));
  lines.push(ladder.timedOut ? t.t('cli.ladder.headerCut', { ms }) : t.t('cli.ladder.header', { ms }));
  const state = ladder.link.online === null ? 'unknown' : ladder.link.online ? 'connected' : 'disconnected';
  lines.push(`  ${t.t('cli.ladder.link', { state, detail: displayLine(detailIn(ladder.link, t)) })}`);
  // Derived from the routes the checks took, so it cannot contradict the host lines below.
  lines.push(`  ${t.t('cli.ladder.proxy', { text: displayLine(proxyUseWords(ladder, t)) })}`);
  const check = signInCheckName(ladder.link).startsWith('Wi-Fi') ? 'wifi' : 'network';
  for (const captive of ladder.captive) {
    const values = { check, url: displayLine(captive.check.url, 80), outcome: captive.outcome, ms: String(Math.round(captive.durationMs)) };
    lines.push(`  ${captive.location ? t.t('cli.ladder.captiveTo', { ...values, location: displayLine(captive.location, 80) }) : t.t('cli.ladder.captive', values)}`);
  }
  for (const target of ladder.targets) {
    const reach = target.reachable
      ? t.t('cli.ladder.reachable')
      : target.failedAt
        ? t.t('cli.ladder.notReachableAt', { step: target.failedAt.toUpperCase() })
        : t.t('cli.ladder.notReachable');
    const role = roleWords(target.target.role, t);
    lines.push(`  ${displayLine(target.target.url, 80)} [${role}] ${displayLine(routeWords(target.path, t), 80)}: ${reach}`);
    for (const step of target.steps) lines.push(`      ${stepLine(step, t)}`);
  }
  return lines;
}
