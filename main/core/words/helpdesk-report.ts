/**
 * A plain-text report a person can paste into a ticket: what the app concluded and why, every
 * service and source with the age of its data, the connection checks with their timings, and the
 * helpdesk messages in force. It must be safe to paste anywhere: credentials in proxy strings and
 * URLs, and secret-looking query parameters (SAS signatures, tokens) are masked.
 */
import type { LadderResult, StepResult, TargetResult } from '../verdict/connectivity-model.js';
import type { ViewState } from '../contract.js';
import { healthLabel } from '../health.js';
import { hostOf } from '../verdict/ladder-facts.js';
import type { SourceResult } from '../model.js';
import { describeProxyUse, formatAge, formatClock, formatDate, lastKnownPhrase, signInCheckName, startedPhrase } from './display-text.js';
import { oneLine } from './situation.js';

export interface HelpdeskReportMeta {
  readonly appVersion: string;
  readonly platform: string;
  /** Epoch ms. */
  readonly now: number;
}

const MASK = '***';

// Names whose value is a credential wherever they appear (free text, query, fragment, JSON, headers):
// token, access_token, id_token, x-auth-token, jwt, client_secret, password, api_key, authorization.
const SECRET_WORD = /token|jwt|secret|passw(?:or)?d|pwd|api[_-]?key|credential|authorization/i;
// In a query string or fragment more names are secret (SAS `sig`, the `code` of an OAuth redirect, `session`).
const QUERY_SECRET_WORD = /token|jwt|sig|signature|secret|password|passwd|pwd|key|code|auth|credential|session/i;
// "Token: expired" in prose is not a credential; "access_token: x", "password: x" are.
const PROSE_NAME = /^(?:tokens?|jwts?|secrets?|credentials?)$/i;
// A value ends at white space, a separator, a bracket or a quote, so the neighbouring text stays.
const BARE_VALUE = String.raw`[^\s&#,;()\[\]{}'"<>]+`;
const QUOTED_VALUE = String.raw`"(?:\\.|[^"\\\r\n])*"|'(?:\\.|[^'\\\r\n])*'`;
// Authorization schemes (IANA registry and common vendor ones); an unknown word counts as a scheme
// only when a long credential-like token follows it, so "Authorization: required here" keeps "here".
const AUTH_SCHEME = String.raw`(?:(?:Bearer|Basic|Digest|Negotiate|NTLM|Kerberos|Token|JWT|OAuth|DPoP|HOBA|Mutual|SCRAM-SHA-1|SCRAM-SHA-256|vapid|AWS4-HMAC-SHA256|ApiKey|Key|Hawk|Signature|SharedKey|SSWS|MAC)(?![\w-])|[A-Za-z][\w-]*(?=[ \t]+[\w.~+/=-]{16,}))`;
// The credential after the scheme: auth-params (`realm="x", nonce="y"`) or one token68 (`abc.def`, `dXNlcjpwYXNz==`).
const AUTH_PARAMS = String.raw`[\w-]+=(?:"[^"\r\n]*"|[^\s,"]*)(?:[ \t]*,[ \t]*[\w-]+=(?:"[^"\r\n]*"|[^\s,"]*))*`;
const CREDENTIAL = String.raw`(?:${AUTH_SCHEME}(?:[ \t]+(?:${AUTH_PARAMS}|${BARE_VALUE}))?|${AUTH_PARAMS}|${BARE_VALUE})`;

// Every pattern starts where its name starts and reads the whole name at once (the name is then
// tested on its own), so hostile text such as "tokentoken…" costs linear time, not quadratic.
const URL_USERINFO = /(?<![a-z0-9+.-])([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]*@/gi;
const PROXY_USERINFO = /\b(PROXY|HTTPS|HTTP|SOCKS|SOCKS4|SOCKS5)(\s+)[^\s;@/]+@/g;
const JSON_PAIR = new RegExp(String.raw`(["'])([\w.-]+)\1([ \t]*:[ \t]*)(?:(${QUOTED_VALUE})|${BARE_VALUE})`, 'g');
const AUTH_HEADER = new RegExp(String.raw`(?<![\w-])((?:proxy-)?authorization[ \t]*[:=][ \t]*)(["']?)${CREDENTIAL}\2`, 'gi');
const NAMED_VALUE = new RegExp(String.raw`(?<![\w.-])([\w.-]+)([ \t]*[=:][ \t]*)(?:(${QUOTED_VALUE})|${BARE_VALUE})`, 'g');
const QUERY_PARAM = /([?&;#])([^=&\s#?;]+)=([^&\s#)\]'"<>]*)/g;
const BEARER_TOKEN = /(?<![\w-])Bearer[ \t]+[\w.~+/-]{12,}=*/g;

/** The mask in the quotes the value had, so JSON-ish text keeps its shape. */
const maskLike = (quoted: string | undefined): string => {
  const q = quoted?.[0] ?? '';
  return `${q}${MASK}${q}`;
};

/**
 * Masks secrets in free text: URL userinfo (`https://user:pw@host`), proxy credentials
 * (`PROXY user:pw@host:8080`), values of query and fragment parameters whose names look secret
 * (`?sig=`, `#access_token=`), and credentials named in free text, JSON or header lines
 * (`token=…`, `jwt=…`, `"access_token": "…"`, `Authorization: Bearer …` with its scheme word).
 * Case-insensitive; only the value is replaced, so the name and the text around it stay readable.
 */
export function redactSecrets(text: string): string {
  return text
    .replace(URL_USERINFO, `$1${MASK}@`)
    .replace(PROXY_USERINFO, `$1$2${MASK}@`)
    .replace(JSON_PAIR, (match: string, quote: string, name: string, colon: string, quoted: string | undefined) =>
      SECRET_WORD.test(name) ? `${quote}${name}${quote}${colon}${maskLike(quoted)}` : match,
    )
    .replace(AUTH_HEADER, `$1$2${MASK}$2`)
    .replace(NAMED_VALUE, (match: string, name: string, separator: string, quoted: string | undefined) => {
      if (!SECRET_WORD.test(name) || (separator.includes(':') && PROSE_NAME.test(name))) return match;
      return `${name}${separator}${maskLike(quoted)}`;
    })
    .replace(QUERY_PARAM, (match: string, lead: string, name: string) => (QUERY_SECRET_WORD.test(name) ? `${lead}${name}=${MASK}` : match))
    .replace(BEARER_TOKEN, MASK);
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
function describeTarget(target: TargetResult): string {
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
    // From the routes the checks took, so it never contradicts a host's "via" below.
    `- Proxy: ${oneLine(describeProxyUse(ladder), 300)}`,
  ];
  for (const target of ladder.targets) lines.push(`- ${describeTarget(target)}`);
  for (const check of ladder.captive) {
    const status = check.httpStatus !== null ? `, HTTP ${check.httpStatus}` : '';
    lines.push(`- ${signInCheckName(ladder.link) === 'Wi-Fi sign-in' ? 'Wi-Fi' : 'Network'} sign-in check ${oneLine(check.check.id, 60)}: ${check.outcome} in ${Math.round(check.durationMs)} ms${status}${check.errorCode ? ` (${check.errorCode})` : ''}`);
  }
  return lines;
}

function sourceLine(source: SourceResult, now: number): string {
  const parts = [
    `${oneLine(source.name, 100)} (${source.type}, ${oneLine(source.url, 300)}): ${healthLabel(source.health)}`,
    `fetched ${ageOf(source.fetchedAt, now)}${source.stale ? ' (stale)' : ''}`,
  ];
  if (source.error) parts.push(`last attempt failed: ${oneLine(source.error, 200)}`);
  // Warnings are why a source is partial; the report carries them as the CLI and the window do.
  for (const warning of source.warnings.slice(0, 10)) parts.push(`read only in part: ${oneLine(warning, 200)}`);
  if (source.warnings.length > 10) parts.push(`and ${source.warnings.length - 10} more warnings`);
  if (!source.lastKnown) return `- ${parts.join(' · ')}`;
  const marker = lastKnownPhrase(source.lastKnown.asOf, now);
  parts.push(`${marker}: ${oneLine(source.lastKnown.reason, 200)}`);
  // Out-of-date incidents belong to no service any more: listed here, marked, so none reads as current.
  const incidents = source.incidents.slice(0, 10).map((i) => `    ${oneLine(i.id, 60)} · ${oneLine(i.title, 200)} · ${marker}`);
  return [`- ${parts.join(' · ')}`, ...incidents].join('\n');
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
    lines.push(`- ${oneLine(service.name, 100)}: ${healthLabel(service.health)}`);
    for (const incident of service.incidents.slice(0, 10)) {
      const updated = incident.updatedAt ? ` · updated ${ageOf(incident.updatedAt, now)}` : '';
      const startedAt = report.sources.find((s) => s.id === incident.sourceId)?.incidents.find((i) => i.id === incident.id)?.startedAt;
      const started = startedPhrase(startedAt, now);
      lines.push(`    ${oneLine(incident.id, 60)} · ${oneLine(incident.title, 200)} · ${incident.status} · ${healthLabel(incident.health)}${started ? ` · ${started}` : ''}${updated} · from ${oneLine(incident.sourceId, 60)}`);
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
