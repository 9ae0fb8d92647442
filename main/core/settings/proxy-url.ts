/**
 * What the config's `network.proxy` may hold: the address of an http or https proxy, the forms
 * the HTTP adapter (undici's proxy agent) can use. A host:port without a scheme means http, as it
 * does for HTTPS_PROXY in most tools.
 */

export type ProxyUrlCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Checks a proxy setting; the reason says what was expected. An empty value means "no proxy". */
export function checkProxyUrl(value: string): ProxyUrlCheck {
  const text = value.trim();
  if (text === '') return { ok: true };
  const expected = 'expected a proxy address such as "http://proxy.example.com:8080"';
  if (/\s/.test(text)) return { ok: false, reason: `contains spaces; ${expected}` };
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
  const withScheme = hasScheme ? text : `http://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, reason: `not a valid URL; ${expected}` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: `${url.protocol} proxies are not supported; ${expected}` };
  if (url.hostname === '') return { ok: false, reason: `names no host; ${expected}` };
  // A bare word is more often a slip than a proxy on port 80: without a scheme, ask for the port.
  if (!hasScheme && url.port === '' && !/:\d+\/?$/.test(text)) return { ok: false, reason: `names no scheme or port; ${expected}` };
  if (/\.pac$/i.test(url.pathname) || /\.dat$/i.test(url.pathname)) {
    return { ok: false, reason: `is a proxy auto-configuration (PAC) file, not a proxy; ${expected}` };
  }
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') return { ok: false, reason: `a proxy address has no path or query; ${expected}` };
  return { ok: true };
}
