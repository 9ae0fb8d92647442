/**
 * The organization's ticket form (`helpdesk.ticketUrl`): what the setting may be, and the address
 * the "Report a problem" flow opens.
 *
 * Two forms:
 * - an https URL template with placeholders `{service}`, `{summary}`, `{code}`, `{report}` and
 *   `{incidents}`, each filled in percent-encoded (RFC 3986 unreserved characters only stay as they
 *   are, so a quote, `&`, `#`, a newline or `ü` can never end a parameter or start a fragment).
 *   The scheme and host are fixed: no placeholder may come before the path, so a filled value can
 *   never send the report to another host;
 * - a `mailto:` address (one or more, comma-separated, nothing else): the subject is the summary,
 *   the body is the report. This setting is the only place where the URL rules accept `mailto:`.
 *
 * Lengths: browsers take addresses of megabytes, but the servers behind ticket forms commonly
 * refuse a request line past about 8 KB (Apache's 8,190 bytes, nginx's default 8 KB buffers), and
 * mail programs cut `mailto:` links far sooner (Outlook's handler at roughly 2,000, some webmail
 * hand-offs lower). So a filled https URL may have at most
 * {@link TICKET_URL_LIMITS}.url = 8,000 characters and a `mailto:` link at most
 * {@link TICKET_URL_LIMITS}.mailto = 1,500. When the full report does not fit, the form gets the
 * summary only (the report field says where the report is) and the caller copies the full
 * report to the clipboard and says so.
 * Pure: no I/O, never throws.
 */
import { phrase, type Phrase } from '../i18n/phrase.js';

/** The placeholders a template may use, each once or more. */
export const TICKET_PLACEHOLDERS = ['service', 'summary', 'code', 'report', 'incidents'] as const;
export type TicketPlaceholder = (typeof TICKET_PLACEHOLDERS)[number];

/** What goes into the placeholders, as plain text (encoded here). */
export type TicketFields = { readonly [P in TicketPlaceholder]: string };

/** Longest filled address, in characters, per kind (see the module comment for why). */
export const TICKET_URL_LIMITS = { url: 8000, mailto: 1500 } as const;

/** In the short form, the summary and the other fields are cut to these lengths. */
const SHORT_FIELD = { summary: 200, service: 100, code: 100, incidents: 200 } as const;

/** What the report field says when the report went to the clipboard instead. */
export const REPORT_ON_CLIPBOARD = 'The full report is on the clipboard: paste it here.';

export type TicketTemplateCheck = { readonly ok: true; readonly kind: 'https' | 'mailto' } | { readonly ok: false; readonly reason: Phrase };

export type FilledTicket =
  | {
      readonly ok: true;
      readonly kind: 'https' | 'mailto';
      readonly url: string;
      /** False when the address carries the summary only: the full report must go to the clipboard. */
      readonly reportIncluded: boolean;
    }
  | { readonly ok: false; readonly reason: Phrase };

const PLACEHOLDER = /\{([^{}]*)\}/g;
// One address: no spaces, separators or a second @; the domain has a dot or is a bare host name.
const MAIL_ADDRESS = /^[^\s@,;?#&<>"'()[\]\\]+@[^\s@,;?#&<>"'()[\]\\]+$/;

/** Lone surrogates become U+FFFD: `encodeURIComponent` would throw on them. */
function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** Percent-encodes everything but RFC 3986's unreserved characters (`encodeURIComponent` leaves `!'()*`). */
export function encodeField(text: string): string {
  return encodeURIComponent(wellFormed(text)).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Line breaks as CRLF, as RFC 6068 asks of a `mailto:` body. */
function crlf(text: string): string {
  return text.replace(/\r\n|\r|\n/g, '\r\n');
}

function isPlaceholder(name: string): name is TicketPlaceholder {
  return (TICKET_PLACEHOLDERS as readonly string[]).includes(name);
}

function checkMailto(raw: string): TicketTemplateCheck {
  const rest = raw.slice('mailto:'.length);
  if (/[?#{}]/.test(rest)) return { ok: false, reason: phrase('problem.ticket.mailtoExtras') };
  let decoded: string;
  try {
    decoded = decodeURIComponent(rest);
  } catch {
    return { ok: false, reason: phrase('problem.ticket.mailtoEncoding') };
  }
  const addresses = decoded.split(',').map((a) => a.trim());
  if (addresses.length === 0 || addresses.some((a) => !MAIL_ADDRESS.test(a))) return { ok: false, reason: phrase('problem.ticket.mailtoAddress', { got: JSON.stringify(raw.slice(0, 200)) }) };
  return { ok: true, kind: 'mailto' };
}

function checkHttps(raw: string): TicketTemplateCheck {
  for (const m of raw.matchAll(PLACEHOLDER)) {
    const name = m[1] as string;
    if (!isPlaceholder(name)) return { ok: false, reason: phrase('problem.ticket.placeholder', { name: `{${name.slice(0, 40)}}`, expected: TICKET_PLACEHOLDERS.map((p) => `{${p}}`).join(', ') }) };
  }
  if (/[{}]/.test(raw.replace(PLACEHOLDER, ''))) return { ok: false, reason: phrase('problem.ticket.brace') };
  const firstPlaceholder = raw.search(PLACEHOLDER);
  let url: URL;
  try {
    url = new URL(raw.replace(PLACEHOLDER, 'x'));
  } catch {
    return { ok: false, reason: phrase('problem.url.invalid', { url: JSON.stringify(raw.slice(0, 200)) }) };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: phrase('problem.ticket.scheme', { scheme: url.protocol }) };
  if (url.username || url.password) return { ok: false, reason: phrase('problem.url.credentials') };
  // The origin must be written out before any placeholder, so a filled value cannot change the host.
  const origin = /^https:\/\/[^/?#]+[/?#]/i.exec(raw)?.[0];
  if (firstPlaceholder >= 0 && (origin === undefined || firstPlaceholder < origin.length - 1)) return { ok: false, reason: phrase('problem.ticket.placeholderPlace') };
  return { ok: true, kind: 'https' };
}

/** Checks a `helpdesk.ticketUrl` value: an https template or a `mailto:` address. */
export function checkTicketUrlTemplate(raw: string): TicketTemplateCheck {
  const text = raw.trim();
  if (text === '') return { ok: false, reason: phrase('problem.ticket.empty') };
  if (/[\s\u0000-\u001f\u007f]/.test(text)) return { ok: false, reason: phrase('problem.ticket.spaces') };
  return /^mailto:/i.test(text) ? checkMailto(`mailto:${text.slice('mailto:'.length)}`) : checkHttps(text);
}

function fillHttps(template: string, fields: TicketFields): string {
  return template.replace(PLACEHOLDER, (_m, name: string) => (isPlaceholder(name) ? encodeField(fields[name]) : ''));
}

function fillMailto(template: string, fields: TicketFields): string {
  return `mailto:${template.slice('mailto:'.length)}?subject=${encodeField(fields.summary.replace(/\s+/g, ' ').trim())}&body=${encodeField(crlf(fields.report))}`;
}

function cut(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** The fields with the report replaced by a pointer to the clipboard and the rest cut short. */
function shortFields(fields: TicketFields): TicketFields {
  return {
    service: cut(fields.service, SHORT_FIELD.service),
    summary: cut(fields.summary, SHORT_FIELD.summary),
    code: cut(fields.code, SHORT_FIELD.code),
    incidents: cut(fields.incidents, SHORT_FIELD.incidents),
    report: REPORT_ON_CLIPBOARD,
  };
}

/**
 * The address to open: the template filled with every field; when that is longer than its limit,
 * filled with the summary only (`reportIncluded: false`: the caller copies the report; also when
 * the template has no `{report}`). Not ok
 * when the template is not allowed, or even the short form is too long.
 */
export function fillTicketUrl(template: string, fields: TicketFields, limits: { readonly url: number; readonly mailto: number } = TICKET_URL_LIMITS): FilledTicket {
  const checked = checkTicketUrlTemplate(template);
  if (!checked.ok) return checked;
  const text = template.trim();
  const fill = checked.kind === 'mailto' ? (f: TicketFields) => fillMailto(`mailto:${text.slice('mailto:'.length)}`, f) : (f: TicketFields) => fillHttps(text, f);
  const limit = checked.kind === 'mailto' ? limits.mailto : limits.url;
  // A template without {report} never carries it: the report then always goes to the clipboard.
  const carriesReport = checked.kind === 'mailto' || text.includes('{report}');
  const full = fill(fields);
  if (full.length <= limit) return { ok: true, kind: checked.kind, url: full, reportIncluded: carriesReport };
  const short = fill(shortFields(fields));
  if (short.length <= limit) return { ok: true, kind: checked.kind, url: short, reportIncluded: false };
  return { ok: false, reason: phrase('problem.ticket.tooLong', { limit: String(limit) }) };
}
