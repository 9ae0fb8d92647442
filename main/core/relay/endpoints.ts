/**
 * Where the relay talks to: the Graph root and the login root (public cloud by default, a
 * national cloud or a test emulator on request), the two collection URLs and the token URL.
 * Plain http is accepted only for loopback hosts: a bearer token or a client secret must never
 * cross a network unencrypted.
 */
import { isLoopbackHost } from '../sources/url-rules.js';

export const DEFAULT_GRAPH_URL = 'https://graph.microsoft.com';
export const DEFAULT_LOGIN_URL = 'https://login.microsoftonline.com';

export type RootOutcome = { readonly ok: true; readonly root: string } | { readonly ok: false; readonly error: string };

/** A root URL without a trailing slash, or why it cannot be used. `option` names the flag in the message. */
export function checkRootUrl(raw: string, option: string): RootOutcome {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, error: `${option}: not a URL: ${JSON.stringify(raw)}` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, error: `${option}: only https URLs are accepted` };
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) return { ok: false, error: `${option}: plain http is only allowed for loopback hosts; use https` };
  if (url.username !== '' || url.password !== '') return { ok: false, error: `${option}: a URL must not carry a user name or password` };
  if (url.search !== '' || url.hash !== '') return { ok: false, error: `${option}: give the root URL without a query or fragment` };
  return { ok: true, root: url.href.replace(/\/+$/, '') };
}

/** A tenant is a GUID or a domain name; anything else would change the token URL's path. */
export function checkTenant(raw: string): string | null {
  const tenant = raw.trim();
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(tenant)) return tenant;
  if (/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i.test(tenant)) return tenant;
  return null;
}

export interface RelayEndpoints {
  readonly overviews: string;
  readonly issues: string;
  readonly token: string;
  /** `<graph-url>/.default`: app-only access with the permissions consented for the app. */
  readonly scope: string;
  /** The Graph origin; `@odata.nextLink` is followed only there. */
  readonly graphOrigin: string;
}

export function relayEndpoints(graphRoot: string, loginRoot: string, tenant: string): RelayEndpoints {
  const base = `${graphRoot}/v1.0/admin/serviceAnnouncement`;
  return {
    overviews: `${base}/healthOverviews?$expand=issues`,
    issues: `${base}/issues`,
    token: `${loginRoot}/${encodeURIComponent(tenant)}/oauth2/v2.0/token`,
    scope: `${graphRoot}/.default`,
    graphOrigin: new URL(graphRoot).origin,
  };
}

/**
 * The next page's URL when it may be followed: as given, on the same origin as Graph. A link to
 * another host would carry our bearer token there, so it is refused.
 */
export function nextLinkVerdict(link: string, graphOrigin: string): { readonly ok: true; readonly url: string } | { readonly ok: false; readonly error: string } {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return { ok: false, error: `Graph sent an unreadable @odata.nextLink: ${JSON.stringify(link.slice(0, 200))}` };
  }
  if (url.origin !== graphOrigin) return { ok: false, error: `refusing to follow @odata.nextLink to ${url.origin}: only ${graphOrigin} gets the token` };
  return { ok: true, url: link };
}
