/**
 * Which URL a named link opens: only https (or loopback http) URLs found in the current state,
 * never one the window sends. A helpdesk message's link is stricter: https only (the feed's
 * loopback exception is for testing status data, not for links people click), and none once the
 * message has expired.
 */
import type { CheckReport } from '../check.js';
import type { SourceDef } from '../sources/catalog.js';
import type { LinkTarget } from '../contract.js';
import type { SourceMemory } from '../sources/source-fetch.js';
import { checkSourceUrl } from '../sources/url-rules.js';
import { messageInForce } from '../notifications/helpdesk-messages.js';

/** A status page a person can open, for a source: its own page link, else the page the URL belongs to. */
export function pageUrlOf(def: Pick<SourceDef, 'type' | 'url'>, memory: SourceMemory | null): string | null {
  const own = memory?.snapshot?.pageUrl;
  if (own) return own;
  try {
    const url = new URL(def.url);
    switch (def.type) {
      case 'statuspage':
        url.pathname = url.pathname.replace(/\/api\/v2\/[^/]*\.json$/, '/');
        url.search = '';
        return url.href;
      case 'microsoft-public':
        return `${url.origin}/`;
      case 'slack':
        // The API and the page share a host: slack-status.com/api/v2.0.0/current -> slack-status.com/.
        return `${url.origin}/`;
      case 'incidentio':
      case 'instatus':
        url.pathname = url.pathname.replace(/\/(api\/v\d\/[\w.-]+|proxy\/[^/]+(\/widget)?|(v\d\/)?(summary|components)\.json)$/, '/');
        url.search = '';
        return url.href;
      case 'google-workspace':
        // …/appsstatus/dashboard/incidents.json -> …/appsstatus/dashboard/
        url.pathname = url.pathname.replace(/\/incidents\.json$/, '/');
        url.search = '';
        return url.href;
      case 'rss':
        // A feed's own <link> (from memory) is its page; the feed address is not one.
        return null;
      case 'statusio':
        // api.status.io serves JSON only; the page lives on the vendor's own host, unknown here.
        return null;
      case 'org-feed':
        // The org feed itself is JSON; only its publisher link (from memory) is a page.
        return null;
      default:
        return null;
    }
  } catch {
    return null;
  }
}

function safeLink(url: string | null | undefined): string | null {
  if (typeof url !== 'string' || url === '') return null;
  const checked = checkSourceUrl(url);
  return checked.ok ? checked.url.href : null;
}

/** An https URL, or null: what a helpdesk message may link to. */
function httpsLink(url: string | null | undefined): string | null {
  const safe = safeLink(url);
  return safe !== null && safe.startsWith('https://') ? safe : null;
}

/**
 * The URL for a named link in this report, or null. `memoryOf` gives a source's remembered
 * snapshot; `now` (ms), when given, refuses the link of a message past its `expiresAt`.
 */
export function findLink(report: CheckReport | null, target: LinkTarget, memoryOf: (sourceId: string) => SourceMemory | null, now?: number): string | null {
  if (report === null || typeof target !== 'object' || target === null) return null;
  const sourceOf = (id: unknown) => report.sources.find((s) => s.id === id);
  switch (target.kind) {
    case 'incident': {
      const source = sourceOf(target.sourceId);
      const incident = source?.incidents.find((i) => i.id === target.incidentId) ?? source?.upcoming.find((i) => i.id === target.incidentId);
      return safeLink(incident?.url);
    }
    case 'source': {
      const source = sourceOf(target.sourceId);
      return source ? safeLink(pageUrlOf(source, memoryOf(source.id))) : null;
    }
    case 'message': {
      const message = sourceOf(target.sourceId)?.messages.find((m) => m.id === target.messageId);
      if (message === undefined || (now !== undefined && !messageInForce(message, now))) return null;
      return httpsLink(message.url);
    }
    case 'helpdesk': {
      const feed = report.sources.find((s) => s.type === 'org-feed');
      const page = feed ? pageUrlOf(feed, memoryOf(feed.id)) : null;
      return safeLink(page) ?? httpsLink(report.messages.find((m) => httpsLink(m.url) !== null)?.url);
    }
    default:
      return null;
  }
}
