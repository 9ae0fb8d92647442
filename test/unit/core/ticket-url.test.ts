/**
 * The ticket form's address: every field percent-encoded wherever it lands, mailto with subject
 * and body, and the summary-only form (report to the clipboard) when the address would be too long.
 */
import { describe, expect, it } from 'vitest';
import { renderPhrase } from '../../../main/core/i18n/phrase.js';
import { checkTicketUrlTemplate, encodeField, fillTicketUrl, REPORT_ON_CLIPBOARD, TICKET_URL_LIMITS, type TicketFields } from '../../../main/core/helpdesk/ticket-url.js';

const TEMPLATE = 'https://helpdesk.contoso.com/new?service={service}&summary={summary}&code={code}&incidents={incidents}#report={report}';
const HOSTILE = 'He said "it\'s broken" & #1 <b>\nline two\r\nüñí €中文 😀 a+b=c %20 ?x=/y;z';

const fields = (over: Partial<TicketFields> = {}): TicketFields => ({ service: 'Outlook / Exchange', summary: 'Outlook: mail stuck', code: '451 4.3.2', report: 'Report\nline 2', incidents: 'EX1224375', ...over });

/** The query and fragment values of a filled URL, decoded, by name. */
function valuesOf(url: string): Record<string, string> {
  const parsed = new URL(url);
  const out: Record<string, string> = Object.fromEntries(parsed.searchParams);
  for (const [k, v] of new URLSearchParams(parsed.hash.slice(1))) out[k] = v;
  return out;
}

describe('https templates: every field escaped', () => {
  for (const field of ['service', 'summary', 'code', 'report', 'incidents'] as const) {
    it(`${field}: quotes, &, #, newlines and non-ASCII come back exactly and cannot add parameters`, () => {
      const filled = fillTicketUrl(TEMPLATE, fields({ [field]: HOSTILE }));
      if (!filled.ok) throw new Error(renderPhrase(filled.reason));
      expect(filled.reportIncluded).toBe(true);
      const values = valuesOf(filled.url);
      const key = field === 'report' ? 'report' : field;
      expect(values[key]).toBe(HOSTILE);
      expect(Object.keys(values).sort()).toEqual(['code', 'incidents', 'report', 'service', 'summary']);
      // Nothing outside the unreserved set is left raw in what the field became.
      expect(encodeField(HOSTILE)).toMatch(/^[A-Za-z0-9\-._~%]+$/);
      expect(new URL(filled.url).host).toBe('helpdesk.contoso.com');
    });
  }

  it("encodes RFC 3986's reserved sub-delimiters that encodeURIComponent leaves (!'()*)", () => {
    expect(encodeField("a!b'c(d)e*f")).toBe('a%21b%27c%28d%29e%2Af');
  });

  it('a lone surrogate does not throw; it becomes U+FFFD', () => {
    expect(encodeField('x\uD800y')).toBe('x%EF%BF%BDy');
  });

  it('10,000 characters in the report: the form gets the summary only, the report goes to the clipboard', () => {
    const report = 'ü&#"\n'.repeat(2000);
    const filled = fillTicketUrl(TEMPLATE, fields({ report }));
    if (!filled.ok) throw new Error(renderPhrase(filled.reason));
    expect(filled.reportIncluded).toBe(false);
    expect(filled.url.length).toBeLessThanOrEqual(TICKET_URL_LIMITS.url);
    expect(valuesOf(filled.url)['summary']).toBe('Outlook: mail stuck');
    expect(valuesOf(filled.url)['report']).toBe(REPORT_ON_CLIPBOARD);
  });

  it('10,000 characters in the summary: cut to a short line, still escaped', () => {
    const filled = fillTicketUrl(TEMPLATE, fields({ summary: '"&#\n'.repeat(2500) }));
    if (!filled.ok) throw new Error(renderPhrase(filled.reason));
    expect(filled.reportIncluded).toBe(false);
    expect(Array.from(valuesOf(filled.url)['summary'] ?? '').length).toBe(200);
    expect(valuesOf(filled.url)['summary']?.startsWith('"&#\n')).toBe(true);
  });

  it('a template without {report} opens the form and leaves the report to the clipboard', () => {
    const filled = fillTicketUrl('https://helpdesk.contoso.com/new?s={summary}', fields());
    expect(filled).toMatchObject({ ok: true, reportIncluded: false, url: 'https://helpdesk.contoso.com/new?s=Outlook%3A%20mail%20stuck' });
  });

  it('a template too long even for the summary is not opened', () => {
    const long = `https://helpdesk.contoso.com/${'a'.repeat(TICKET_URL_LIMITS.url - 10)}?s={summary}`;
    expect(fillTicketUrl(long, fields())).toMatchObject({ ok: false });
  });
});

describe('mailto', () => {
  it('fills subject (the summary) and body (the report, CRLF line breaks), escaped', () => {
    const filled = fillTicketUrl('mailto:helpdesk@contoso.com', fields({ summary: 'Outlook & "mail" #1 ü', report: 'a&b\nc#d ü' }));
    if (!filled.ok) throw new Error(renderPhrase(filled.reason));
    expect(filled).toMatchObject({ kind: 'mailto', reportIncluded: true });
    expect(filled.url).toBe('mailto:helpdesk@contoso.com?subject=Outlook%20%26%20%22mail%22%20%231%20%C3%BC&body=a%26b%0D%0Ac%23d%20%C3%BC');
  });

  it('has a lower limit than URLs: a long report goes to the clipboard', () => {
    const filled = fillTicketUrl('mailto:helpdesk@contoso.com', fields({ report: 'x'.repeat(1600) }));
    if (!filled.ok) throw new Error(renderPhrase(filled.reason));
    expect(TICKET_URL_LIMITS.mailto).toBeLessThan(TICKET_URL_LIMITS.url);
    expect(filled.reportIncluded).toBe(false);
    expect(filled.url).toContain(`body=${encodeField(REPORT_ON_CLIPBOARD)}`);
  });
});

describe('what helpdesk.ticketUrl may be', () => {
  const ok = ['https://helpdesk.contoso.com/new?s={summary}', 'https://x.example/{service}/new', 'https://x.example/new#r={report}', 'mailto:helpdesk@contoso.com', 'mailto:a@contoso.com,b@contoso.com', 'https://x.example/form'];
  const bad: readonly [string, RegExp][] = [
    ['http://helpdesk.contoso.com/new?s={summary}', /scheme http:/],
    ['javascript:alert(1)', /not a valid URL|scheme/],
    ['file:///etc/passwd', /scheme file:/],
    ['https://{service}.contoso.com/new', /only follow the host/],
    ['https://helpdesk.contoso.com{summary}/new', /only follow the host/],
    ['https://user:pw@helpdesk.contoso.com/new', /credentials/],
    ['https://helpdesk.contoso.com/new?s={user}', /unknown placeholder \{user\}/],
    ['https://helpdesk.contoso.com/new?s={summary', /not part of a placeholder/],
    ['mailto:helpdesk@contoso.com?subject=x', /addresses only/],
    ['mailto:not an address', /spaces/],
    ['mailto:helpdesk', /e-mail address/],
    ['', /empty/],
  ];
  it.each(ok)('accepts %s', (raw) => expect(checkTicketUrlTemplate(raw).ok).toBe(true));
  it.each(bad)('refuses %s', (raw, reason) => {
    const checked = checkTicketUrlTemplate(raw);
    expect(checked.ok ? 'accepted' : renderPhrase(checked.reason)).toMatch(reason);
  });
});
