/**
 * Which URL a named link opens: only https (or loopback http) URLs found in the current state,
 * never one the window sends.
 */
import type { CheckReport } from '../check.js';
import type { SourceDef } from '../sources/catalog.js';
import type { LinkTarget } from '../contract.js';
import type { SourceMemory } from '../sources/source-fetch.js';
import { checkSourceUrl } from '../sources/url-rules.js';

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
      default:
        // The org feed itself is JSON; only its publisher link (from memory) is a page.
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

/** The URL for a named link in this report, or null. `memoryOf` gives a source's remembered snapshot. */
export function findLink(report: CheckReport | null, target: LinkTarget, memoryOf: (sourceId: string) => SourceMemory | null): string | null {
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
    case 'message':
      return safeLink(sourceOf(target.sourceId)?.messages.find((m) => m.id === target.messageId)?.url);
    case 'helpdesk': {
      const feed = report.sources.find((s) => s.type === 'org-feed');
      const page = feed ? pageUrlOf(feed, memoryOf(feed.id)) : null;
      return safeLink(page) ?? safeLink(report.messages.find((m) => safeLink(m.url) !== null)?.url);
    }
    default:
      return null;
  }
}
