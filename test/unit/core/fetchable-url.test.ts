import { describe, expect, it } from 'vitest';
import { checkFetchableUrl } from '../../../main/core/sources/http-response.js';
import { isLoopbackHost } from '../../../main/core/sources/url-rules.js';

describe('isLoopbackHost', () => {
  it.each(['localhost', 'LOCALHOST', 'localhost.', '127.0.0.1', '127.1.2.3', '127.255.255.254', '::1', '[::1]', '[::ffff:7f00:1]', '::ffff:127.0.0.1'])(
    'treats %s as this machine',
    (host) => expect(isLoopbackHost(host)).toBe(true),
  );

  it.each(['128.0.0.1', '10.0.0.1', '192.0.2.1', '0.0.0.0', 'localhost.example.com', '127.0.0.1.example.com', 'example.com', '::2', '[::ffff:c000:201]', ''])(
    'treats %s as another machine',
    (host) => expect(isLoopbackHost(host)).toBe(false),
  );
});

describe('checkFetchableUrl', () => {
  it('accepts https to any host', () => {
    const check = checkFetchableUrl('https://www.githubstatus.com/api/v2/summary.json');
    expect(check.ok && check.url.hostname).toBe('www.githubstatus.com');
  });

  it.each(['http://127.0.0.1:8080/feed.json', 'http://localhost/x', 'http://[::1]:3000/', 'http://[::ffff:127.0.0.1]/', 'http://2130706433/'])(
    'accepts plain http to this machine: %s',
    (url) => expect(checkFetchableUrl(url).ok).toBe(true),
  );

  it.each(['http://192.0.2.1/', 'http://status.example.com/api.json', 'http://127.0.0.1.example.com/'])('refuses plain http to %s as insecure', (url) => {
    const check = checkFetchableUrl(url);
    expect(check.ok ? null : check.failure.kind).toBe('insecure-url');
  });

  it('names the refused URL so the user can fix the config', () => {
    const check = checkFetchableUrl('http://status.example.com/api.json');
    expect(check.ok ? null : check.failure).toEqual({ kind: 'insecure-url', url: 'http://status.example.com/api.json' });
  });

  it.each(['ftp://example.com/x', 'file:///etc/passwd', 'javascript:alert(1)', 'data:application/json,{}', 'ws://127.0.0.1/'])('refuses the %s scheme', (url) => {
    const check = checkFetchableUrl(url);
    expect(check.ok ? null : check.failure.kind).toBe('bad-url');
  });

  it.each(['', 'not a url', '/relative/path', 'https://'])('reports %j as an invalid URL', (url) => {
    const check = checkFetchableUrl(url);
    expect(check.ok ? null : check.failure.kind).toBe('bad-url');
  });

  it('keeps an error message short for a huge hostile URL', () => {
    const check = checkFetchableUrl(`nope ${'x'.repeat(100_000)}`);
    expect(check.ok).toBe(false);
    if (!check.ok && check.failure.kind === 'bad-url') expect(check.failure.message.length).toBeLessThan(300);
  });
});
