/**
 * The display boundary: what a person reads of a status source's text in the tray tooltip, a
 * notification, the helpdesk report and the CLI never carries a control character, an escape
 * sequence or a bidi override, and every reason a source is unknown or partial is said.
 */
import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../../main/core/check.js';
import {
  capIncidents,
  describeProxyUse,
  displayBlock,
  displayLine,
  displayText,
  formatAge,
  momentWithDistance,
  signInCheckName,
  startedPhrase,
} from '../../../main/core/words/display-text.js';
import { buildDiagnosticsReport } from '../../../main/core/helpdesk/diagnostics-report.js';
import { decideNotifications, INITIAL_NOTIFY_MEMORY } from '../../../main/core/notifications/notify.js';
import { DEFAULT_SETTINGS } from '../../../main/core/settings/settings.js';
import { trayModel } from '../../../main/core/tray/tray-model.js';
import { htmlToText } from '../../../main/cli/html-text.js';
import { incident, makeReport, viewOf } from '../../helpers/reports.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const NOW = new Date(2025, 2, 4, 14, 30, 0).getTime();

const FORBIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/u;
const HOSTILE = 'Login fails\u001b[2J\u001b]0;x\u0007 for \u202egnp.exe\u2066 users\u200b\u0085\u009b31m';

/** The helpdesk report's text for a check, on a machine with nothing personal to remove. */
function helpdeskText(report: CheckReport): string {
  const machine = { appVersion: '0.1.0', platform: 'linux', release: '6.8', locale: 'en-US', timeZone: 'UTC', userName: null, homeDir: null, hostName: null };
  return buildDiagnosticsReport({ report, machine, now: NOW, history: [], knowledgeBase: null, typed: null, include: [] }).text;
}

describe('displayText, displayLine, displayBlock', () => {
  it('drops control characters and zero-width marks, and names bidi controls instead of obeying them', () => {
    const shown = displayLine(HOSTILE);
    expect(shown).not.toMatch(FORBIDDEN);
    expect(shown).toBe('Login fails[2J]0;x for <U+202E>gnp.exe<U+2066> users31m');
  });

  it('keeps line breaks in blocks (CR LF, CR and U+2028 become one kind) and caps a body at 20 KB', () => {
    expect(displayText('a\r\nb\rc\u2028d\te')).toBe('a\nb\nc\nd\te');
    expect(displayBlock('one\n\n\n\ntwo  \u001b[0m')).toBe('one\n\ntwo [0m');
    const body = displayBlock('x'.repeat(50_000));
    expect(body.length).toBe(20_000);
    expect(body.endsWith('…')).toBe(true);
  });

  it('caps a title at 300 characters, never inside a surrogate pair', () => {
    expect(displayLine('word '.repeat(100)).length).toBeLessThanOrEqual(300);
    const emoji = displayLine('😀'.repeat(200));
    expect(emoji.length).toBeLessThanOrEqual(300);
    expect(emoji).not.toMatch(/[\ud800-\udbff]…$/);
  });

  it('lists the newest 200 incidents of a source and counts the rest', () => {
    const many = Array.from({ length: 205 }, (_, i) => ({ id: `i${i}`, startedAt: new Date(NOW - (205 - i) * MIN).toISOString(), updatedAt: null }));
    const capped = capIncidents(many);
    expect(capped.shown).toHaveLength(200);
    expect(capped.shown[0]?.id).toBe('i204');
    expect(capped.more).toBe(5);
  });
});

describe('one wording for times', () => {
  it('says ages, starts and local moments the same way everywhere', () => {
    expect(formatAge(30_000)).toBe('just now');
    expect(formatAge(5 * MIN)).toBe('5 min ago');
    expect(formatAge(3 * HOUR)).toBe('3 h ago');
    expect(formatAge(3 * 24 * HOUR)).toBe('3 days ago');
    expect(startedPhrase(new Date(NOW - 2 * HOUR - 5 * MIN).toISOString(), NOW)).toBe('started 2 h ago');
    expect(startedPhrase(new Date(NOW + 2 * 24 * HOUR + MIN).toISOString(), NOW)).toBe('starts in 2 days');
    expect(startedPhrase(null, NOW)).toBeNull();
    expect(momentWithDistance(new Date(2025, 2, 6, 22, 0).toISOString(), NOW)).toBe('2025-03-06 22:00 (in 2 days)');
    expect(momentWithDistance(new Date(2025, 2, 5, 8, 0).toISOString(), NOW)).toBe('tomorrow 08:00 (in 17 h)');
  });
});

describe('connection words', () => {
  it('calls the captive-portal check "network sign-in" unless the link is known to be Wi-Fi', () => {
    expect(signInCheckName({ online: true, detail: 'connected through eth0' })).toBe('network sign-in');
    expect(signInCheckName(null)).toBe('network sign-in');
  });

  it('never says "direct" for the proxy while a host went through a proxy', () => {
    const target = (path: string) => ({ path }) as never;
    const direct = describeProxyUse({ proxy: { mode: 'DIRECT', source: 'system' }, targets: [target('DIRECT'), target('DIRECT')] });
    expect(direct).toBe('none, direct connection (from the system settings)');
    const mixed = describeProxyUse({ proxy: { mode: 'DIRECT', source: 'system' }, targets: [target('DIRECT'), target('PROXY proxy.corp:8080'), target('PROXY proxy.corp:8080')] });
    expect(mixed).toBe('depends on the address (from the system settings): direct for 1 host, via proxy proxy.corp:8080 for 2 hosts');
    const all = describeProxyUse({ proxy: { mode: 'DIRECT', source: 'system' }, targets: [target('PROXY u:pw@proxy.corp:8080')] });
    expect(all).toBe('proxy ***@proxy.corp:8080 (from the system settings)');
  });
});

describe('htmlToText (the CLI’s converter)', () => {
  it('turns 30,000 nested <div> into text without exhausting the stack', () => {
    const html = `${'<div>'.repeat(30_000)}deep text${'</div>'.repeat(30_000)}`;
    expect(htmlToText(html)).toBe('deep text');
  });

  it('breaks lines at blocks and <br>, lists items with "- ", decodes entities and reads links as text', () => {
    const html =
      '<p><b>Title:</b> Mail&nbsp;delays &amp; more</p><ul><li>Outlook</li><li>OWA</li></ul>line<br>next<script>alert(1)</script>' +
      '<p>See <a href="https://status.example.com/x">details</a>, <a href="https://status.example.com/">https://status.example.com/</a> and <a href="javascript:alert(1)">this</a>.</p>';
    expect(htmlToText(html)).toBe('Title: Mail\u00a0delays & more\n- Outlook\n- OWA\nline\nnext\nSee details (https://status.example.com/x), https://status.example.com/ and this.');
  });
});

describe('tray tooltip, notifications and helpdesk report', () => {
  const hostileReport = (): CheckReport =>
    makeReport(
      [
        { id: 'microsoft-public', health: 'operational', checkedAt: NOW },
        { id: 'org-feed', health: 'operational', checkedAt: NOW },
        { id: 'acme', health: 'outage', checkedAt: NOW, incidents: [incident('abc123', 'outage', { title: HOSTILE, startedAt: new Date(NOW - 2 * HOUR).toISOString() })] },
      ],
      'provider-incident',
      NOW,
    );

  it('shows a hostile incident title in the tooltip without escapes or overrides', () => {
    for (const platform of ['win32', 'darwin', 'linux']) {
      const tooltip = trayModel(viewOf(hostileReport()), NOW, platform).tooltip;
      expect(tooltip).not.toMatch(FORBIDDEN);
      expect(tooltip).toContain('<U+202E>gnp.exe');
    }
  });

  it('sends notifications whose title and body carry no control or bidi characters', () => {
    const first = decideNotifications(INITIAL_NOTIFY_MEMORY, { report: hostileReport(), mutedUntil: null }, DEFAULT_SETTINGS, NOW);
    const second = decideNotifications(first.memory, { report: { ...hostileReport(), sources: hostileReport().sources.map((s) => ({ ...s, checkedAt: new Date(NOW + 5 * MIN).toISOString() })) }, mutedUntil: null }, DEFAULT_SETTINGS, NOW + 5 * MIN);
    const sent = [...first.notifications, ...second.notifications];
    expect(sent.length).toBeGreaterThan(0);
    for (const n of sent) {
      expect(n.title).not.toMatch(FORBIDDEN);
      expect(n.body).not.toMatch(FORBIDDEN);
    }
    expect(sent.some((n) => n.body.includes('<U+202E>gnp.exe'))).toBe(true);
  });

  it('puts the incident title through the boundary in the helpdesk report, with how long ago it started', () => {
    const text = helpdeskText(hostileReport());
    expect(text).not.toMatch(FORBIDDEN);
    expect(text).toMatch(/abc123 · Login fails\[2J\]0;x for <U\+202E>gnp\.exe<U\+2066> users31m · investigating · Outage · started 2 h ago/);
  });

  it('says in the tooltip and the report why a source is unknown or partial, warnings included', () => {
    const base = makeReport(
      [
        { id: 'microsoft-public', health: 'operational', checkedAt: NOW },
        { id: 'org-feed', health: 'operational', checkedAt: NOW },
        { id: 'acme', health: 'unknown', checkedAt: NOW },
      ],
      'unknown',
      NOW,
    );
    const warning = 'the document has no components, incidents; health is based on the other parts only';
    const report: CheckReport = { ...base, sources: base.sources.map((s) => (s.id === 'acme' ? { ...s, warnings: [warning] } : s)) };
    expect(report.tray).toBe('unknown');
    expect(trayModel(viewOf(report), NOW, 'linux').tooltip).toContain(`ACME (${warning})`);
    expect(helpdeskText(report)).toContain(`read only in part: ${warning}`);

    const partialGreen = makeReport(
      [
        { id: 'microsoft-public', health: 'operational', checkedAt: NOW },
        { id: 'org-feed', health: 'operational', checkedAt: NOW },
        { id: 'acme', health: 'operational', checkedAt: NOW },
      ],
      'all-good',
      NOW,
    );
    const green: CheckReport = { ...partialGreen, sources: partialGreen.sources.map((s) => (s.id === 'acme' ? { ...s, warnings: ['skipped 2 incidents without an id'] } : s)) };
    expect(trayModel(viewOf(green), NOW, 'linux').tooltip).toContain('ACME (skipped 2 incidents without an id) read only in part');
  });
});
