import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../../main/core/check.js';
import { resolveWatchPlan } from '../../../main/core/settings/config.js';
import { buildDiagnosticsReport } from '../../../main/core/helpdesk/diagnostics-report.js';
import { redactSecrets } from '../../../main/core/words/helpdesk-report.js';
import { incident, makeReport, message, verdict } from '../../helpers/reports.js';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqZG9lIn0.c2lnbmF0dXJlLXZhbHVl';

describe('redactSecrets: credentials named anywhere in the text', () => {
  it.each([
    ['token= in a query string', 'https://x.example/a?token=abc123&page=2', 'https://x.example/a?token=***&page=2'],
    ['#token= in a fragment', 'https://app.example/#token=abc123&view=2 then more', 'https://app.example/#token=***&view=2 then more'],
    ['#access_token in an OAuth redirect', `https://login.example/cb#access_token=${JWT}&expires_in=3600`, 'https://login.example/cb#access_token=***&expires_in=3600'],
    ['id_token after other fragment params', 'https://x.example/p?foo=1#state=abc&id_token=abc.def', 'https://x.example/p?foo=1#state=abc&id_token=***'],
    ['token= in free text', 'failed with token=abc123, retrying in 5 s', 'failed with token=***, retrying in 5 s'],
    ['TOKEN= in capitals', 'TOKEN=abc123; next', 'TOKEN=***; next'],
    ['jwt= in free text', `jwt=${JWT} (expired)`, 'jwt=*** (expired)'],
    ['JWT= in capitals', `JWT=${JWT}`, 'JWT=***'],
    ['a prefixed token name', 'x-auth-token=abc&y=1 and refresh_token=r1', 'x-auth-token=***&y=1 and refresh_token=***'],
    ['access_token: in free text', 'access_token: zzz top', 'access_token: *** top'],
    ['JSON-ish "access_token"', `{"access_token": "${JWT}", "expires_in": 3600}`, '{"access_token": "***", "expires_in": 3600}'],
    ['JSON-ish with single quotes and odd case', "{'Access_Token':'x y z','b':1}", "{'Access_Token':'***','b':1}"],
    ['JSON-ish value with an escaped quote', '{"token": "a\\"b", "next": "kept"}', '{"token": "***", "next": "kept"}'],
    ['JSON-ish "Authorization" header value', '"Authorization": "Bearer xyz", "ok": true', '"Authorization": "***", "ok": true'],
    ['Authorization: Bearer header line', 'Authorization: Bearer abc.def', 'Authorization: ***'],
    ['Authorization in the middle of a sentence', 'sent Authorization: Bearer abc.def and got 401', 'sent Authorization: *** and got 401'],
    ['lower-case authorization with Basic', 'authorization: basic dXNlcjpwYXNz== next words', 'authorization: *** next words'],
    ['AUTHORIZATION without a space', 'AUTHORIZATION:Bearer abc', 'AUTHORIZATION:***'],
    ['Proxy-Authorization with Digest params', 'Proxy-Authorization: Digest username="jdoe", realm="corp", nonce="dcd98b", response="6629fae4" | end', 'Proxy-Authorization: *** | end'],
    ['Authorization without a scheme word', 'Authorization: abc.def.ghi rest', 'Authorization: *** rest'],
    ['Authorization with an unknown scheme and a long token', 'Authorization: Custom abcdefghijklmnopqrstuvwxyz012 tail', 'Authorization: *** tail'],
    ['Authorization in brackets', 'auth header (Authorization: Bearer abc.def) ok', 'auth header (Authorization: ***) ok'],
    ['a bare Bearer token', `header was Bearer ${JWT} yes`, 'header was *** yes'],
    ['password: in free text', 'password: hunter2 ok', 'password: *** ok'],
    ['an API key header', 'X-Api-Key: k-123 sent', 'X-Api-Key: *** sent'],
  ])('%s', (_label, input, expected) => {
    expect(redactSecrets(input)).toBe(expected);
  });

  it('masks each credential on a line and leaves the other lines alone', () => {
    const text = ['GET /feed.json?token=T1 HTTP/1.1', 'Authorization: Bearer T2', 'Accept: application/json', 'body {"access_token":"T3","n":1} jwt=T4'].join('\n');
    expect(redactSecrets(text)).toBe(['GET /feed.json?token=*** HTTP/1.1', 'Authorization: ***', 'Accept: application/json', 'body {"access_token":"***","n":1} jwt=***'].join('\n'));
  });

  it('leaves prose and ordinary values alone', () => {
    for (const text of ['HTTP 401: token expired', 'Token: expired', 'the bearer of bad news', 'code 503, key metric', 'tokens are refreshed hourly', 'Authorization failed (401)', 'https://x.example/a?page=2&sort=asc#top']) {
      expect(redactSecrets(text), text).toBe(text);
    }
  });

  it('takes linear time on hostile text (long words, names repeated without a value)', () => {
    const hostile = ['a-'.repeat(50_000), '?' + 'token'.repeat(20_000), '"' + 'jwt'.repeat(30_000), 'Authorization: Digest ' + 'a=b,'.repeat(20_000)].join(' ');
    const started = performance.now();
    redactSecrets(hostile);
    // Generous bound: the quadratic patterns took tens of seconds on this input.
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('is idempotent: a report redacted twice reads the same', () => {
    const once = redactSecrets(`Authorization: Bearer ${JWT} / ?token=a#access_token=b / {"jwt": "c"}`);
    expect(redactSecrets(once)).toBe(once);
    expect(once).not.toMatch(/abc|eyJ/);
  });
});

describe('helpdesk report text contains no credentials', () => {
  const NOW = new Date(2025, 2, 4, 10, 2, 0).getTime();
  const at = NOW - 2 * 60_000;
  const plan = resolveWatchPlan({
    watch: ['outlook'],
    orgFeedUrl: 'https://feeds.contoso.example/feed.json?token=FEEDTOKEN#access_token=FRAGMENTTOKEN',
    sources: [],
  });
  const report: CheckReport = makeReport(
    [
      {
        id: 'org-feed',
        health: 'outage',
        checkedAt: at,
        error: `HTTP 401 from the feed; sent Authorization: Bearer ${JWT} and got {"error":"invalid","access_token": "LEAKEDTOKEN"}`,
        incidents: [incident('EX1', 'outage', { title: 'Mail down; see https://portal.example/#token=TITLETOKEN for status', affects: ['Exchange Online'], status: 'identified' })],
        messages: [message('help-1', 'Use jwt=MESSAGEJWT to log in. Authorization: Basic dXNlcjpwYXNz then call us', 'EX1')],
      },
    ],
    verdict('provider-incident', { summary: 'Your organization reports EX1 (token=SUMMARYTOKEN)' }),
    at,
    { plan },
  );
  const machine = { appVersion: '0.1.0', platform: 'win32', release: '10.0', locale: 'en-US', timeZone: 'UTC', userName: null, homeDir: null, hostName: null };
  const built = buildDiagnosticsReport({ report, machine, now: NOW, history: [], knowledgeBase: null, typed: 'I pasted: Authorization: Bearer TYPEDTOKEN123456789', include: [] });
  const text = built.text;
  const json = JSON.stringify(built.json);

  it('masks tokens, JWTs and Authorization credentials from every part of the report, text and JSON', () => {
    for (const secret of ['FEEDTOKEN', 'FRAGMENTTOKEN', JWT, 'LEAKEDTOKEN', 'TITLETOKEN', 'MESSAGEJWT', 'dXNlcjpwYXNz', 'SUMMARYTOKEN', 'TYPEDTOKEN', 'Bearer', 'Basic']) {
      expect(text, secret).not.toContain(secret);
      expect(json, secret).not.toContain(secret);
    }
  });

  it('keeps the text around each masked value', () => {
    expect(text).toContain('feed.json?token=***#access_token=***');
    expect(text).toContain('sent Authorization: *** and got {"error":"invalid","access_token": "***"}');
    expect(text).toContain('see https://portal.example/#token=*** for status');
    expect(text).toContain('Use jwt=*** to log in. Authorization: *** then call us');
    expect(text).toContain('(token=***)');
  });
});
