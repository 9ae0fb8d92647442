/**
 * Human-readable output of the CLI. Plain text, no color codes: it ends up in tickets and logs.
 * Every state is spelled out in words, so nothing depends on color or on a glyph alone.
 * Every text from a source passes the display boundary (`display-text.ts`) before it is printed.
 */
import type { CheckReport } from '../core/check.js';
import type { LadderResult, StepResult } from '../core/verdict/connectivity-model.js';
import {
  andMore,
  capIncidents,
  describeProxyUse,
  displayBlock,
  displayLine,
  DISPLAY_LIMITS,
  formatAge,
  lastKnownPhrase,
  momentWithDistance,
  pathWord,
  signInCheckName,
  startedPhrase,
} from '../core/words/display-text.js';
import { healthLabel, type Health } from '../core/health.js';
import type { Incident, SourceResult, UntrustedText } from '../core/model.js';
import type { ServiceIncident } from '../core/sources/services.js';
import { htmlToText } from './html-text.js';

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

/** "3 min ago", or "never" without a time. */
function age(fromIso: string | null, now: number): string {
  const at = fromIso === null ? Number.NaN : Date.parse(fromIso);
  return Number.isFinite(at) ? formatAge(now - at) : 'never';
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/**
 * The mark an incident carries when its source can no longer vouch for it (an expired org feed
 * whose incidents are "last known, as of <time>"); null for current data.
 */
function lastKnownMarker(source: Pick<SourceResult, 'lastKnown'> | undefined, now: number): string | null {
  return source?.lastKnown ? lastKnownPhrase(source.lastKnown.asOf, now) : null;
}

/** What makes a source unknown or partial, one line each: its error, then its warnings. */
function sourceReasons(source: Pick<SourceResult, 'error' | 'warnings'>): string[] {
  const lines: string[] = [];
  if (source.error) lines.push(`error: ${displayLine(source.error)}`);
  for (const warning of source.warnings.slice(0, MAX_WARNINGS_SHOWN)) lines.push(`warning: ${displayLine(warning)}`);
  if (source.warnings.length > MAX_WARNINGS_SHOWN) lines.push(andMore(source.warnings.length - MAX_WARNINGS_SHOWN, 'more warnings'));
  return lines;
}

function when(incident: Pick<Incident, 'startedAt'>, now: number): string {
  const started = startedPhrase(incident.startedAt, now);
  return started ? `, ${started}` : '';
}

/** A service's incident carries no start time: its source's copy does. */
function startOf(report: CheckReport, incident: ServiceIncident): Pick<Incident, 'startedAt'> {
  const full = report.sources.find((s) => s.id === incident.sourceId)?.incidents.find((i) => i.id === incident.id);
  return { startedAt: full?.startedAt ?? null };
}

function sourceLines(source: SourceResult, now: number): string[] {
  const lines: string[] = [];
  const fetched = source.fetchedAt ? `fetched ${age(source.fetchedAt, now)}` : 'no data';
  lines.push(`  ${MARK[source.health]} ${displayLine(source.name, 60)} (${source.type}) - ${healthLabel(source.health)}, ${fetched}${source.stale && source.fetchedAt ? ', stale' : ''}`);
  for (const reason of sourceReasons(source)) lines.push(`         ${reason}`);
  if (source.lastKnown) lines.push(`         ${lastKnownPhrase(source.lastKnown.asOf, now)}: ${displayLine(source.lastKnown.reason)}`);
  const incidents = capIncidents(source.incidents);
  for (const incident of incidents.shown) {
    const latest = incident.updates[0];
    const marker = lastKnownMarker(source, now);
    lines.push(`         ${marker ? `${marker}: ` : ''}${incident.kind} ${displayLine(incident.id, 40)}: ${displayLine(incident.title)} [${incident.status}${when(incident, now)}]`);
    if (latest) lines.push(`           latest: ${plainText(latest.body)}`);
  }
  if (incidents.more > 0) lines.push(`         ${andMore(incidents.more, 'more incidents')}`);
  const bad = source.components.filter((c) => c.health !== 'operational');
  if (bad.length > 0) {
    const shown = bad.slice(0, 8).map((c) => `${displayLine(c.name, 60)} (${healthLabel(c.health).toLowerCase()})`);
    lines.push(`         components: ${shown.join(', ')}${bad.length > 8 ? `, and ${bad.length - 8} more` : ''}`);
  }
  const upcoming = [...source.upcoming].sort((a, b) => (Date.parse(a.startedAt ?? '') || Infinity) - (Date.parse(b.startedAt ?? '') || Infinity));
  for (const planned of upcoming.slice(0, 3)) {
    const starts = momentWithDistance(planned.startedAt, now);
    lines.push(`         upcoming maintenance: ${displayLine(planned.title)}${starts ? ` - starts ${starts}, local time` : ''}`);
  }
  if (upcoming.length > 3) lines.push(`         ${andMore(upcoming.length - 3, 'more planned maintenances')}`);
  return lines;
}

export function formatCheck(report: CheckReport, now: number): string {
  const lines: string[] = [];
  lines.push(`Outage Radar - checked ${report.checkedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}`);
  lines.push('');
  lines.push(`Overall: ${healthLabel(report.overall)} (tray: ${report.tray})`);
  lines.push(`Verdict: ${displayLine(report.verdict.title)}`);
  lines.push(`Because: ${displayLine(report.verdict.summary, 1000)}`);
  lines.push(`What to do: ${displayLine(report.verdict.advice, 1000)}`);
  // The first item is the line above; the rest of the advice list follows, one item a line.
  for (const item of (report.advice ?? []).slice(1)) lines.push(`  - ${displayLine(item.title, 120)}: ${displayLine(item.text, 600)}`);
  if (report.verdict.flags.includes('tls-intercepted')) {
    lines.push('Note: your network inspects encrypted traffic (TLS interception). That is normal in many companies.');
  }
  for (const message of report.messages) {
    lines.push(`Helpdesk (${message.severity}): ${displayLine(message.text, 400)}`);
  }
  lines.push('');
  lines.push('Services');
  const names = report.services.map((s) => displayLine(s.name, 40));
  const width = Math.min(34, Math.max(...names.map((n) => n.length), 10) + 2);
  report.services.forEach((service, index) => {
    lines.push(`  ${MARK[service.health]} ${pad(names[index] ?? '', width)} ${healthLabel(service.health)}`);
    const incidents = capIncidents(service.incidents);
    for (const incident of incidents.shown) {
      lines.push(`         ${displayLine(incident.id, 40)}: ${displayLine(incident.title)} (${incident.status}, ${healthLabel(incident.health).toLowerCase()}${when(startOf(report, incident), now)})`);
    }
    if (incidents.more > 0) lines.push(`         ${andMore(incidents.more, 'more incidents')}`);
    for (const note of service.notes) lines.push(`         note: ${displayLine(note)}`);
    if (service.health !== 'operational' && service.health !== 'unknown' && service.fallback) {
      lines.push(`         meanwhile: ${displayLine(service.fallback)}`);
    }
  });
  lines.push('');
  lines.push('Sources');
  for (const source of report.sources) lines.push(...sourceLines(source, now));
  if (report.probes) {
    lines.push('');
    lines.push(...formatLadder(report.probes));
  }
  return `${lines.join('\n')}\n`;
}

function stepLine(step: StepResult): string {
  const outcome = step.outcome === 'ok' ? 'ok' : step.outcome === 'skipped' ? 'skipped' : step.outcome === 'timeout' ? 'TIMED OUT' : 'FAILED';
  const code = step.errorCode ? ` ${displayLine(step.errorCode, 40)}` : '';
  const took = step.outcome === 'skipped' ? '' : ` ${Math.round(step.durationMs)} ms`;
  return `${pad(step.step.toUpperCase(), 5)} ${pad(outcome, 9)}${took}${code} - ${displayLine(step.detail, 160)}`;
}

export function formatLadder(ladder: LadderResult): string[] {
  const lines: string[] = [];
  lines.push(`Connection checks (${Math.round(ladder.durationMs)} ms${ladder.timedOut ? ', cut short at the time limit' : ''})`);
  lines.push(`  Network link: ${ladder.link.online === null ? 'cannot tell' : ladder.link.online ? 'connected' : 'NOT connected'} - ${displayLine(ladder.link.detail)}`);
  // Derived from the routes the checks took, so it cannot contradict the host lines below.
  lines.push(`  Proxy: ${displayLine(describeProxyUse(ladder))}`);
  const signIn = signInCheckName(ladder.link);
  for (const captive of ladder.captive) {
    const what = captive.outcome === 'ok' ? 'no sign-in page in the way' : captive.outcome === 'portal' ? 'a SIGN-IN PAGE intercepts the connection' : captive.outcome;
    lines.push(`  ${signIn[0]?.toUpperCase()}${signIn.slice(1)} check ${displayLine(captive.check.url, 80)}: ${what}${captive.location ? ` (to ${displayLine(captive.location, 80)})` : ''} - ${Math.round(captive.durationMs)} ms`);
  }
  for (const target of ladder.targets) {
    const state = target.reachable ? 'reachable' : `NOT reachable${target.failedAt ? ` (failed at ${target.failedAt.toUpperCase()})` : ''}`;
    lines.push(`  ${displayLine(target.target.url, 80)} [${target.target.role}] ${displayLine(pathWord(target.path), 80)}: ${state}`);
    for (const step of target.steps) lines.push(`      ${stepLine(step)}`);
  }
  return lines;
}
