import { describe, expect, it } from 'vitest';
import { checkProxyUrl } from '../../../main/core/settings/proxy-url.js';
import { renderPhrase } from '../../../main/core/i18n/phrase.js';

describe('network.proxy values', () => {
  it('accepts the forms the HTTP adapter can use', () => {
    for (const ok of ['http://proxy.example:8080', 'https://proxy.example:3128/', 'http://user:p%40ss@proxy.example:8080', 'proxy.example:8080', 'http://10.0.0.1:3128', 'http://[::1]:3128', '']) {
      expect(checkProxyUrl(ok), ok).toEqual({ ok: true });
    }
  });

  it('rejects what is not a proxy address, saying what was expected', () => {
    for (const bad of ['not a url', 'proxycorp', 'socks5://proxy.example:1080', 'ftp://proxy.example:21', 'http://', 'http://wpad.example/wpad.dat', 'http://proxy.example:8080/path', 'http://proxy.example:99999']) {
      const result = checkProxyUrl(bad);
      expect(result.ok, bad).toBe(false);
      if (!result.ok) expect(renderPhrase(result.reason), bad).toMatch(/expected a proxy address such as "http:\/\/proxy\.example\.com:8080"$/);
    }
  });
});
