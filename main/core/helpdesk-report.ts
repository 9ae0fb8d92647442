/**
 * A plain-text report a person can paste into a ticket: what the app concluded and why, every
 * service and source with the age of its data, the connection checks with their timings, and the
 * helpdesk messages in force. It must be safe to paste anywhere: credentials in proxy strings and
 * URLs, and secret-looking query parameters (SAS signatures, tokens) are masked.
 */
import type { LadderResult, StepResult, TargetResult } from './connectivity-model.js';
import type { ViewState } from './contract.js';
import { healthLabel } from './health.js';
import { hostOf } from './ladder-facts.js';
import type { SourceResult } from './model.js';
import { formatAge, formatClock, formatDate, oneLine } from './situation.js';

export interface HelpdeskReportMeta {
  readonly appVersion: string;
  readonly platform: string;
  /** Epoch ms. */
  readonly now: number;
}

const MASK = '***';

/**
 * Masks secrets in free text: URL userinfo (`https://user:pw@host`), proxy credentials
 * (`PROXY user:pw@host:8080`) and values of query parameters whose names look secret.
 */
export function redactSecrets(text: string): string {
  return text
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]*@/gi, `$1${MASK}@`)
    .replace(/\b(PROXY|HTTPS|HTTP|SOCKS|SOCKS4|SOCKS5)(\s+)[^\s;@/]+@/g, `$1$2${MASK}@`)
    .replace(/([?&;][^=&\s#]*(?:token|sig|signature|secret|password|passwd|pwd|key|code|auth|credential|session)[^=&\s#]*=)[^&\s#)\]'"<>]*/gi, `$1${MASK}`);
}

function localTime(ms: number): string {
  const date = new Date(ms);
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const hh = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const mm = String(Math.abs(offset) % 60).padStart(2, '0');
  return `${formatDate(date)} ${formatClock(date)} (UTC${sign}${hh}:${mm})`;
}

function ageOf(iso: string | null, now: number): string {
  const at = iso === null ? Number.NaN : Date.parse(iso);
  return Number.isFinite(at) ? formatAge(now - at) : 'never';
}

const STEP_NAMES: Readonly<Record<StepResult['step'], string>> = {
  link: 'Link',
  proxy: 'Proxy',
  captive: 'Captive',
  dns: 'DNS',
  tcp: 'TCP',
  tls: 'TLS',
  http: 'HTTP',
};

function describeStep(step: StepResult): string | null {
  const name = STEP_NAMES[step.step];
  const ms = `${Math.round(step.durationMs)} ms`;
  const code = step.errorCode ? ` (${step.errorCode})` : '';
  switch (step.outcome) {
    case 'ok':
      return `${name} ${ms}`;
    case 'fail':
      return `${name} failed after ${ms}${code}`;
    case 'timeout':
      return `${name} timed out after ${ms}${code}`;
    case 'skipped':
      return null;
    default:
      return `${name} ${String(step.outcome)}`;
  }
}

/** "outlook.office365.com (service, outlook): DNS 40 ms · TCP 30 ms · TLS 80 ms · HTTP 120 ms → HTTP 200 via DIRECT" */
export function describeTarget(target: TargetResult): string {
  const steps = target.steps
    .filter((s) => s.step !== 'proxy')
    .map(describeStep)
    .filter((s): s is string => s !== null);
  const role = target.target.serviceId ? `${target.target.role}, ${target.target.serviceId}` : target.target.role;
  const status = target.httpStatus !== null ? ` → HTTP ${target.httpStatus}` : '';
  const issuer = target.steps.find((s) => s.step === 'tls')?.tls;
  const cert = issuer && issuer.authorized === false ? ` · certificate not trusted${issuer.authorizationError ? ` (${issuer.authorizationError})` : ''}` : '';
  return `${hostOf(target)} (${role}): ${steps.join(' · ') || 'not run'}${status}${cert} via ${target.path}`;
}

function ladderLines(ladder: LadderResult): string[] {
  const lines = [
    `Connection checks (${ladder.startedAt}, ${Math.round(ladder.durationMs)} ms${ladder.timedOut ? ', cut short by the time limit' : ''}):`,
    `- Network link: ${ladder.link.online === null ? 'cannot tell' : ladder.link.online ? 'up' : 'down'} (${oneLine(ladder.link.detail, 160)})`,
    `- Proxy: ${ladder.proxy.mode} (from ${ladder.proxy.source})`,
  ];
  for (const target of ladder.targets) lines.push(`- ${describeTarget(target)}`);
  for (const check of ladder.captive) {
    const status = check.httpStatus !== null ? `, HTTP ${check.httpStatus}` : '';
    lines.push(`- Internet check ${check.check.id}: ${check.outcome} in ${Math.round(check.durationMs)} ms${status}${check.errorCode ? ` (${check.errorCode})` : ''}`);
  }
  return lines;
}

function sourceLine(source: SourceResult, now: number): string {
  const parts = [
    `${source.name} (${source.type}, ${source.url}): ${healthLabel(source.health)}`,
    `fetched ${ageOf(source.fetchedAt, now)}${source.stale ? ' (stale)' : ''}`,
  ];
  if (source.error) parts.push(`last attempt failed: ${oneLine(source.error, 200)}`);
  return `- ${parts.join(' · ')}`;
}

/** The ticket-ready report for the current view. */
export function helpdeskReport(view: ViewState, meta: HelpdeskReportMeta): string {
  const { now } = meta;
  const lines: string[] = [
    'Outage Radar report',
    `Time: ${localTime(now)} / ${new Date(now).toISOString()}`,
    `App: Outage Radar ${meta.appVersion} on ${meta.platform}`,
  ];
  const report = view.report;
  if (report === null) {
    lines.push('', 'No check has finished yet.');
    return redactSecrets(lines.join('\n'));
  }
  const checked = Date.parse(report.checkedAt);
  lines.push(
    `Checked: ${Number.isFinite(checked) ? localTime(checked) : report.checkedAt}; data updated ${ageOf(view.updatedAt, now)}` +
      (view.fromCache ? ' (saved status from an earlier session, not refreshed yet)' : ''),
    `Tray: ${view.tray}; overall: ${healthLabel(view.overall)}`,
    '',
    `Verdict: ${oneLine(report.verdict.title, 300)}`,
    `Why: ${oneLine(report.verdict.summary, 500)}`,
    `What to do: ${oneLine(report.verdict.advice, 500)}`,
  );
  if (report.verdict.evidence.length > 0) {
    lines.push('Evidence:');
    for (const evidence of report.verdict.evidence.slice(0, 30)) lines.push(`- ${oneLine(evidence.text, 300)}`);
  }
  if (report.verdict.flags.includes('tls-intercepted')) lines.push('Note: a proxy or security tool reads encrypted traffic on this network (TLS intercepted).');

  if (report.messages.length > 0) {
    lines.push('', 'Helpdesk messages:');
    for (const message of report.messages.slice(0, 20)) {
      const about = message.incidentId ? `IT knows about ${oneLine(message.incidentId, 40)}: ` : `(${message.severity}) `;
      lines.push(`- ${about}${oneLine(message.text, 300)}`);
    }
  }

  lines.push('', 'Services:');
  if (report.services.length === 0) lines.push('- none watched');
  for (const service of report.services) {
    lines.push(`- ${service.name}: ${healthLabel(service.health)}`);
    for (const incident of service.incidents.slice(0, 10)) {
      const updated = incident.updatedAt ? ` · updated ${ageOf(incident.updatedAt, now)}` : '';
      lines.push(`    ${oneLine(incident.id, 60)} · ${oneLine(incident.title, 200)} · ${incident.status} · ${healthLabel(incident.health)}${updated} · from ${incident.sourceId}`);
    }
    for (const note of service.notes.slice(0, 5)) lines.push(`    note: ${oneLine(note, 200)}`);
  }

  lines.push('', 'Status sources:');
  if (report.sources.length === 0) lines.push('- none checked');
  for (const source of report.sources) lines.push(sourceLine(source, now));

  lines.push('');
  if (report.probes) lines.push(...ladderLines(report.probes));
  else lines.push('Connection checks: not run');
  return redactSecrets(lines.join('\n'));
}
