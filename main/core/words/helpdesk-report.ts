/**
 * The words of the report a person pastes into a ticket: what the app concluded and why, every
 * service and source with the age of its data, the connection checks with their timings, and the
 * helpdesk messages in force. The whole report (with the machine, the history and what the person
 * typed, personal data removed) is built by `../helpdesk/diagnostics-report.ts` from these lines.
 * It must be safe to paste anywhere: credentials in proxy strings and URLs, and secret-looking
 * query parameters (SAS signatures, tokens) are masked.
 */
import type { CheckReport } from '../check.js';
import { detailIn, type LadderResult, type StepResult, type TargetResult } from '../verdict/connectivity-model.js';
import { healthLabel } from '../health.js';
import { hostOf } from '../verdict/ladder-facts.js';
import type { SourceResult } from '../model.js';
import { describeProxyUse, formatAge, formatClock, formatDate, lastKnownPhrase, pathWord, signInCheckName, startedPhrase } from './display-text.js';
import { oneLine } from './situation.js';
import { ENGLISH, type Translator } from '../i18n/translate.js';
import { noteText } from '../sources/services.js';
import { verdictInLanguage } from '../verdict/verdict-in-language.js';

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

/** "2025-03-04 10:02 (UTC+01:00)": the local time with its offset, so a technician elsewhere reads it right. */
export function localTime(ms: number): string {
  const date = new Date(ms);
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const hh = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const mm = String(Math.abs(offset) % 60).padStart(2, '0');
  return `${formatDate(date)} ${formatClock(date)} (UTC${sign}${hh}:${mm})`;
}

/** "3 min ago" ("vor 3 Minuten"), or "never" without a time. */
export function ageOf(iso: string | null, now: number, t: Translator = ENGLISH): string {
  const at = iso === null ? Number.NaN : Date.parse(iso);
  if (t.language !== 'en') return Number.isFinite(at) ? t.ago(now - at) : t.t('time.never');
  return Number.isFinite(at) ? formatAge(now - at) : 'never';
}

/** "started 3 min ago" / "begonnen vor 3 Minuten"; null without a time. */
function startedWords(startedAt: string | null | undefined, now: number, t: Translator): string | null {
  if (t.language === 'en') return startedPhrase(startedAt, now);
  const at = startedAt ? Date.parse(startedAt) : Number.NaN;
  if (!Number.isFinite(at)) return null;
  return at - now >= 60_000 ? t.t('time.starts', { in: t.in(at - now) }) : t.t('time.started', { ago: t.ago(now - at) });
}

/** "last known, as of 14:00 (3 min ago)" in the person's words. */
function lastKnownWords(asOf: string | null | undefined, now: number, t: Translator): string {
  if (t.language === 'en') return lastKnownPhrase(asOf, now);
  const at = asOf ? Date.parse(asOf) : Number.NaN;
  return Number.isFinite(at) ? t.t('time.lastKnown', { when: `${t.moment(at, now)} (${t.relative(at, now)})` }) : t.t('time.lastKnownNoTime');
}

/** A health word: "Degraded" / "Beeinträchtigt". */
function healthWords(health: Parameters<typeof healthLabel>[0], t: Translator): string {
  return t.language === 'en' ? healthLabel(health) : t.t(`health.${health}`);
}

const masked = (text: string): string => text.replace(/[^\s@/]+@/g, '***@');

/** "proxy proxy.corp:8080", "SOCKS5 proxy h:1080", or the route as given (credentials masked). */
function proxyNoun(path: string, t: Translator): string {
  const proxy = /^(PROXY|HTTPS|SOCKS\d?)\s+(.+)$/i.exec(path);
  if (!proxy) return masked(path);
  return t.t('cli.route.proxy', { kind: (proxy[1] ?? '').toUpperCase(), proxy: masked(proxy[2] ?? '') });
}

/** What a probe target stands for: "service", "identity" / "Dienst", "Anmeldung". */
export function roleWords(role: string, t: Translator): string {
  // ICU selectors take no hyphen: `status-page` is `statusPage` in the catalogs.
  return t.language === 'en' ? role : t.t('cli.ladder.role', { role: role === 'status-page' ? 'statusPage' : role });
}

/** How one request travelled: "direct" / "direkt", or "via proxy …" / "über Proxy …". */
export function routeWords(path: string, t: Translator): string {
  if (t.language === 'en') return pathWord(path);
  return path === 'DIRECT' ? t.t('cli.route.direct') : t.t('cli.route.via', { route: proxyNoun(path, t) });
}

/** The proxy in one phrase, from the routes the checks took (as `describeProxyUse`), in the person's language. */
export function proxyUseWords(ladder: Pick<LadderResult, 'proxy' | 'targets'>, t: Translator): string {
  if (t.language === 'en') return describeProxyUse(ladder);
  const from = t.t('cli.route.from', { source: ladder.proxy.source });
  const counts = new Map<string, number>();
  for (const target of ladder.targets) counts.set(target.path, (counts.get(target.path) ?? 0) + 1);
  const paths = counts.size > 0 ? [...counts.keys()] : [ladder.proxy.mode];
  if (paths.length === 1) {
    const only = paths[0] ?? 'DIRECT';
    return t.t('cli.route.single', { route: only === 'DIRECT' ? t.t('cli.route.none') : proxyNoun(only, t), from });
  }
  const parts = [...counts].map(([path, count]) => t.t('cli.route.part', { route: routeWords(path, t), count }));
  return t.t('cli.route.mixed', { from, parts: parts.join(', ') });
}



/**
 * A text from a source or the machine on one line of at most `max` characters. The diagnostics
 * report passes one that removes personal data before cutting, so a cut never leaves half a name.
 */
export type LineOf = (text: string, max: number) => string;

function describeStep(step: StepResult, line: LineOf, t: Translator): string | null {
  if (step.outcome === 'skipped') return null;
  const values = { step: step.step, ms: String(Math.round(step.durationMs)), outcome: String(step.outcome) };
  const code = step.errorCode ? ` (${line(step.errorCode, 60)})` : '';
  return `${t.t('report.step', values)}${step.outcome === 'fail' || step.outcome === 'timeout' ? code : ''}`;
}

/** "outlook.office365.com (service, outlook): DNS 40 ms · TCP 30 ms · TLS 80 ms · HTTP 120 ms → HTTP 200 via DIRECT" */
function describeTarget(target: TargetResult, line: LineOf, t: Translator): string {
  const steps = target.steps
    .filter((s) => s.step !== 'proxy')
    .map((s) => describeStep(s, line, t))
    .filter((s): s is string => s !== null);
  const roleWord = roleWords(target.target.role, t);
  const role = target.target.serviceId ? `${roleWord}, ${line(target.target.serviceId, 60)}` : roleWord;
  const status = target.httpStatus !== null ? ` → HTTP ${target.httpStatus}` : '';
  const issuer = target.steps.find((s) => s.step === 'tls')?.tls;
  const why = issuer?.authorizationError ? ` (${line(issuer.authorizationError, 200)})` : '';
  const cert = issuer && issuer.authorized === false ? ` · ${t.t('report.certNotTrusted')}${why}` : '';
  const ran = steps.join(' · ') || t.t('report.notRun');
  return `${line(hostOf(target), 200)} (${role}): ${ran}${status}${cert} ${t.t('report.via', { path: line(target.path, 300) })}`;
}

function ladderLines(ladder: LadderResult, line: LineOf, t: Translator): string[] {
  const header = { at: ladder.startedAt, ms: String(Math.round(ladder.durationMs)) };
  const link = ladder.link.online === null ? 'unknown' : ladder.link.online ? 'up' : 'down';
  const lines = [
    t.t(ladder.timedOut ? 'report.ladder.headerCut' : 'report.ladder.header', header),
    t.t('report.ladder.link', { state: link, detail: line(detailIn(ladder.link, t), 160) }),
    // From the routes the checks took, so it never contradicts a host's "via" below.
    t.t('report.ladder.proxy', { text: line(proxyUseWords(ladder, t), 300) }),
  ];
  for (const target of ladder.targets) lines.push(`- ${describeTarget(target, line, t)}`);
  for (const check of ladder.captive) {
    const status = check.httpStatus !== null ? `, HTTP ${check.httpStatus}` : '';
    const values = {
      check: signInCheckName(ladder.link) === 'Wi-Fi sign-in' ? 'wifi' : 'network',
      id: line(check.check.id, 60),
      outcome: check.outcome,
      ms: String(Math.round(check.durationMs)),
    };
    lines.push(`${t.t('report.ladder.captive', values)}${status}${check.errorCode ? ` (${line(check.errorCode, 60)})` : ''}`);
  }
  return lines;
}

function sourceLine(source: SourceResult, now: number, line: LineOf, t: Translator): string {
  const age = ageOf(source.fetchedAt, now, t);
  const parts = [
    `${line(source.name, 100)} (${source.type}, ${line(source.url, 300)}): ${healthWords(source.health, t)}`,
    t.t(source.stale ? 'report.source.fetchedStale' : 'report.source.fetched', { age }),
  ];
  if (source.error) parts.push(t.t('report.source.failed', { text: line(source.error, 200) }));
  // Warnings are why a source is partial; the report carries them as the CLI and the window do.
  for (const warning of source.warnings.slice(0, 10)) parts.push(t.t('report.source.partial', { text: line(warning, 200) }));
  if (source.warnings.length > 10) parts.push(t.t('report.source.moreWarnings', { count: String(source.warnings.length - 10) }));
  if (!source.lastKnown) return `- ${parts.join(' · ')}`;
  const marker = lastKnownWords(source.lastKnown.asOf, now, t);
  parts.push(`${marker}: ${line(source.lastKnown.reason, 200)}`);
  // Out-of-date incidents belong to no service any more: listed here, marked, so none reads as current.
  const incidents = source.incidents.slice(0, 10).map((i) => `    ${line(i.id, 60)} · ${line(i.title, 200)} · ${marker}`);
  return [`- ${parts.join(' · ')}`, ...incidents].join('\n');
}

/**
 * What the check found, for a ticket: the verdict with its evidence, the helpdesk messages, every
 * service with its incidents, every source with the age of its data and its error, and every
 * connection check with its timings. Not yet redacted: the caller masks the whole text.
 */
export function checkReportLines(report: CheckReport, now: number, line: LineOf = oneLine, t: Translator = ENGLISH): string[] {
  // Title, summary and evidence said again from the verdict's own words.
  const verdict = t.language === 'en' ? report.verdict : verdictInLanguage(report.verdict, t);
  const lines: string[] = [
    t.t('report.verdict', { text: line(verdict.title, 300) }),
    t.t('report.why', { text: line(verdict.summary, 500) }),
    // The advice list's first item, which a report said in the person's language (`localizeReport`) carries.
    t.t('report.whatToDo', { text: line(report.verdict.advice, 500) }),
  ];
  if (verdict.evidence.length > 0) {
    lines.push(t.t('report.evidence'));
    for (const evidence of verdict.evidence.slice(0, 30)) lines.push(`- ${line(evidence.text, 300)}`);
  }
  if (verdict.flags.includes('tls-intercepted')) lines.push(t.t('report.tlsIntercepted'));

  if (report.messages.length > 0) {
    lines.push('', t.t('report.messages'));
    for (const message of report.messages.slice(0, 20)) {
      const text = line(message.text, 300);
      lines.push(message.incidentId ? t.t('report.message.about', { id: line(message.incidentId, 40), text }) : t.t('report.message', { severity: message.severity, text }));
    }
  }

  lines.push('', t.t('report.services'));
  if (report.services.length === 0) lines.push(t.t('report.services.none'));
  for (const service of report.services) {
    lines.push(`- ${line(service.name, 100)}: ${healthWords(service.health, t)}`);
    for (const incident of service.incidents.slice(0, 10)) {
      const updated = incident.updatedAt ? ` · ${t.t('report.incident.updated', { age: ageOf(incident.updatedAt, now, t) })}` : '';
      const startedAt = report.sources.find((s) => s.id === incident.sourceId)?.incidents.find((i) => i.id === incident.id)?.startedAt;
      const started = startedWords(startedAt, now, t);
      const status = t.language === 'en' ? incident.status : t.t(`status.${incident.status}`);
      const from = t.t('report.incident.from', { source: line(incident.sourceId, 60) });
      lines.push(`    ${line(incident.id, 60)} · ${line(incident.title, 200)} · ${status} · ${healthWords(incident.health, t)}${started ? ` · ${started}` : ''}${updated} · ${from}`);
    }
    const notes = t.language === 'en' || service.noteWords === undefined ? service.notes : service.noteWords.map((note) => noteText(note, t));
    for (const note of notes.slice(0, 5)) lines.push(`    ${t.t('report.note', { text: line(note, 200) })}`);
  }

  lines.push('', t.t('report.sources'));
  if (report.sources.length === 0) lines.push(t.t('report.sources.none'));
  for (const source of report.sources) lines.push(sourceLine(source, now, line, t));

  lines.push('');
  if (report.probes) lines.push(...ladderLines(report.probes, line, t));
  else lines.push(t.t('report.ladder.notRun'));
  return lines;
}

