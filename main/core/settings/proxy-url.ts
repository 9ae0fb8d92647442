/**
 * What the config's `network.proxy` may hold: the address of an http or https proxy, the forms
 * the HTTP adapter (undici's proxy agent) can use. A host:port without a scheme means http, as it
 * does for HTTPS_PROXY in most tools.
 */

import { clauses, phrase, type Phrase } from '../i18n/phrase.js';

export type ProxyUrlCheck = { readonly ok: true } | { readonly ok: false; readonly reason: Phrase };

/** Checks a proxy setting; the reason says what was expected. An empty value means "no proxy". */
export function checkProxyUrl(value: string): ProxyUrlCheck {
  const text = value.trim();
  if (text === '') return { ok: true };
  const refuse = (what: Phrase): ProxyUrlCheck => ({ ok: false, reason: clauses(what, phrase('problem.proxy.expected', { example: '"http://proxy.example.com:8080"' })) });
  if (/\s/.test(text)) return refuse(phrase('problem.proxy.spaces'));
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
  const withScheme = hasScheme ? text : `http://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return refuse(phrase('problem.proxy.invalid'));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return refuse(phrase('problem.proxy.scheme', { scheme: url.protocol }));
  if (url.hostname === '') return refuse(phrase('problem.proxy.noHost'));
  // A bare word is more often a slip than a proxy on port 80: without a scheme, ask for the port.
  if (!hasScheme && url.port === '' && !/:\d+\/?$/.test(text)) return refuse(phrase('problem.proxy.noPort'));
  if (/\.pac$/i.test(url.pathname) || /\.dat$/i.test(url.pathname)) {
    return refuse(phrase('problem.proxy.pac'));
  }
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') return refuse(phrase('problem.proxy.path'));
  return { ok: true };
}
