/**
 * Human-readable output of the CLI. Plain text, no colour codes: it ends up in tickets and logs.
 * Every state is spelled out in words, so nothing depends on colour or on a glyph alone.
 */
import { convert } from 'html-to-text';
import type { CheckReport } from '../core/check.js';
import type { LadderResult, StepResult } from '../core/connectivity-model.js';
import { healthLabel, type Health } from '../core/health.js';
import type { UntrustedText } from '../core/model.js';

const MARK: Record<Health, string> = {
  operational: '[ ok ]',
  maintenance: '[mnt ]',
  degraded: '[warn]',
  outage: '[DOWN]',
  unknown: '[ ?? ]',
};

/** Status text is untrusted: reduce HTML to plain text and strip control characters before printing. */
export function plainText(text: UntrustedText, maxLength = 300): string {
  const raw = text.format === 'html' ? convert(text.content, { wordwrap: false, selectors: [{ selector: 'a', options: { ignoreHref: true } }] }) : text.content;
  // eslint-disable-next-line no-control-regex
  const clean = raw.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '').replace(/\s+/g, ' ').trim();
  return clean.length > maxLength ? `${clean.slice(0, maxLength - 1)}…` : clean;
}

/** Strips terminal control characters from any single-line untrusted string (titles, names). */
export function safeLine(text: string, maxLength = 160): string {
  return plainText({ format: 'text', content: text }, maxLength);
}

export function age(fromIso: string | null, now: number): string {
  if (fromIso === null) return 'never';
  const seconds = Math.max(0, Math.round((now - Date.parse(fromIso)) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86_400)} d ago`;
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

export function formatCheck(report: CheckReport, now: number): string {
  const lines: string[] = [];
  lines.push(`Outage Radar - checked ${report.checkedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}`);
  lines.push('');
  lines.push(`Overall: ${healthLabel(report.overall)} (tray: ${report.tray})`);
  lines.push(`Verdict: ${report.verdict.title}`);
  lines.push(`Because: ${report.verdict.summary}`);
  lines.push(`What to do: ${report.verdict.advice}`);
  if (report.verdict.flags.includes('tls-intercepted')) {
    lines.push('Note: your network inspects encrypted traffic (TLS interception). That is normal in many companies.');
  }
  for (const message of report.messages) {
    lines.push(`Helpdesk (${message.severity}): ${safeLine(message.text, 400)}`);
  }
  lines.push('');
  lines.push('Services');
  const width = Math.min(34, Math.max(...report.services.map((s) => s.name.length), 10) + 2);
  for (const service of report.services) {
    lines.push(`  ${MARK[service.health]} ${pad(safeLine(service.name, 40), width)} ${healthLabel(service.health)}`);
    for (const incident of service.incidents) {
      lines.push(`         ${safeLine(incident.id, 40)}: ${safeLine(incident.title)} (${incident.status}, ${healthLabel(incident.health).toLowerCase()})`);
    }
    for (const note of service.notes) lines.push(`         note: ${safeLine(note, 200)}`);
    if (service.health !== 'operational' && service.health !== 'unknown' && service.fallback) {
      lines.push(`         meanwhile: ${service.fallback}`);
    }
  }
  lines.push('');
  lines.push('Sources');
  for (const source of report.sources) {
    const fetched = source.fetchedAt ? `fetched ${age(source.fetchedAt, now)}` : 'no data';
    lines.push(`  ${MARK[source.health]} ${safeLine(source.name, 60)} (${source.type}) - ${healthLabel(source.health)}, ${fetched}${source.stale && source.fetchedAt ? ', stale' : ''}`);
    if (source.error) lines.push(`         error: ${safeLine(source.error, 300)}`);
    for (const incident of source.incidents) {
      const latest = incident.updates[0];
      lines.push(`         ${incident.kind} ${safeLine(incident.id, 40)}: ${safeLine(incident.title)} [${incident.status}]`);
      if (latest) lines.push(`           latest: ${plainText(latest.body, 200)}`);
    }
    const bad = source.components.filter((c) => c.health !== 'operational');
    if (bad.length > 0) {
      const shown = bad.slice(0, 8).map((c) => `${safeLine(c.name, 60)} (${healthLabel(c.health).toLowerCase()})`);
      lines.push(`         components: ${shown.join(', ')}${bad.length > 8 ? `, and ${bad.length - 8} more` : ''}`);
    }
    for (const upcoming of source.upcoming.slice(0, 3)) {
      lines.push(`         upcoming maintenance: ${safeLine(upcoming.title)}${upcoming.startedAt ? ` at ${upcoming.startedAt}` : ''}`);
    }
  }
  if (report.probes) {
    lines.push('');
    lines.push(...formatLadder(report.probes));
  }
  return `${lines.join('\n')}\n`;
}

function stepLine(step: StepResult): string {
  const outcome = step.outcome === 'ok' ? 'ok' : step.outcome === 'skipped' ? 'skipped' : step.outcome === 'timeout' ? 'TIMED OUT' : 'FAILED';
  const code = step.errorCode ? ` ${step.errorCode}` : '';
  const took = step.outcome === 'skipped' ? '' : ` ${Math.round(step.durationMs)} ms`;
  return `${pad(step.step.toUpperCase(), 5)} ${pad(outcome, 9)}${took}${code} - ${safeLine(step.detail, 160)}`;
}

export function formatLadder(ladder: LadderResult): string[] {
  const lines: string[] = [];
  lines.push(`Connection checks (${Math.round(ladder.durationMs)} ms${ladder.timedOut ? ', cut short at the time limit' : ''})`);
  lines.push(`  Network link: ${ladder.link.online === null ? 'cannot tell' : ladder.link.online ? 'connected' : 'NOT connected'} - ${safeLine(ladder.link.detail)}`);
  lines.push(`  Proxy: ${safeLine(ladder.proxy.mode)} (${ladder.proxy.source})`);
  for (const captive of ladder.captive) {
    const what = captive.outcome === 'ok' ? 'no sign-in page in the way' : captive.outcome === 'portal' ? 'a SIGN-IN PAGE intercepts the connection' : captive.outcome;
    lines.push(`  Wi-Fi sign-in check ${safeLine(captive.check.url, 80)}: ${what}${captive.location ? ` (to ${safeLine(captive.location, 80)})` : ''} - ${Math.round(captive.durationMs)} ms`);
  }
  for (const target of ladder.targets) {
    const state = target.reachable ? 'reachable' : `NOT reachable${target.failedAt ? ` (failed at ${target.failedAt.toUpperCase()})` : ''}`;
    lines.push(`  ${safeLine(target.target.url, 80)} [${target.target.role}] via ${target.path}: ${state}`);
    for (const step of target.steps) lines.push(`      ${stepLine(step)}`);
  }
  return lines;
}
