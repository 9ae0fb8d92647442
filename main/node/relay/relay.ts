/**
 * One relay poll: read the helpdesk's messages file, read Graph (both collections), turn it into
 * the org feed and publish it when it says something new or its `expiresAt` must move on. When
 * Graph fails, the last good feed stays published until its `expiresAt`; after that the relay
 * publishes every service as unknown, with the reason, until Graph answers again.
 */
import { buildOrgFeed, shouldPublish, unavailableFeed, UNAVAILABLE_MESSAGE_ID, type OrgFeedDocument } from '../../core/relay/feed-build.js';
import { readHelpdeskMessages, type FeedMessage } from '../../core/relay/helpdesk-messages.js';
import type { RelayEndpoints } from '../../core/relay/endpoints.js';
import { readCollection } from './graph-pager.js';
import type { RelayTransport } from './relay-http.js';
import type { TokenClient } from './token-client.js';

/** Where the feed goes: a file (`--out`) or the built-in server (`--listen`). */
export interface Publisher {
  /** The feed published before this process started (the `--out` file), or null. */
  previous(): Promise<OrgFeedDocument | null>;
  publish(feed: OrgFeedDocument): Promise<void>;
}

export interface RelayOptions {
  readonly transport: RelayTransport;
  readonly tokens: TokenClient;
  readonly endpoints: RelayEndpoints;
  readonly publisher: Publisher;
  /** Reads the messages file's text; null when no `--messages` was given. */
  readonly readMessagesFile: (() => Promise<{ ok: true; text: string } | { ok: false; error: string }>) | null;
  readonly messagesLabel: string;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly log: (line: string) => void;
  readonly publisherName: string;
  /** How long a published feed stays valid. */
  readonly ttlMs: number;
  /** An unchanged feed is rewritten after this long, to move its expiresAt on. */
  readonly refreshMs: number;
}

export type PollReport =
  | { readonly ok: true; readonly published: boolean; readonly feed: OrgFeedDocument }
  | { readonly ok: false; readonly stage: 'graph'; readonly error: string; readonly retryAfterMs: number | null; readonly published: boolean }
  /** The feed could not be written or served: the relay's own problem, not Graph's. */
  | { readonly ok: false; readonly stage: 'publish'; readonly error: string; readonly retryAfterMs: null; readonly published: false };

export interface Relay {
  /** One poll, waiting out throttling for at most `waitBudgetMs` in all. Never throws. */
  poll(waitBudgetMs: number): Promise<PollReport>;
  /** The feed published last, if any. */
  current(): OrgFeedDocument | null;
}

const isUnavailable = (feed: OrgFeedDocument): boolean => feed.messages.some((m) => m.id === UNAVAILABLE_MESSAGE_ID);

export function createRelay(options: RelayOptions): Relay {
  let current: OrgFeedDocument | null = null;
  let lastGood: OrgFeedDocument | null = null;
  let loadedPrevious = false;
  let messages: readonly FeedMessage[] = [];
  let failingSince: number | null = null;

  async function refreshMessages(): Promise<void> {
    if (options.readMessagesFile === null) return;
    const read = await options.readMessagesFile();
    const outcome = read.ok ? readHelpdeskMessages(read.text) : { ok: false as const, error: read.error };
    if (outcome.ok) {
      messages = outcome.messages;
      return;
    }
    options.log(`messages file ${options.messagesLabel}: ${outcome.error}; keeping the last good messages (${messages.length})`);
  }

  async function publish(feed: OrgFeedDocument): Promise<boolean> {
    if (!shouldPublish(current, feed, options.refreshMs)) return false;
    await options.publisher.publish(feed);
    current = feed;
    return true;
  }

  async function poll(waitBudgetMs: number): Promise<PollReport> {
    try {
      return await pollGraph(waitBudgetMs);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      options.log(message);
      return { ok: false, stage: 'publish', error: message, retryAfterMs: null, published: false };
    }
  }

  async function pollGraph(waitBudgetMs: number): Promise<PollReport> {
    if (!loadedPrevious) {
      loadedPrevious = true;
      current = await options.publisher.previous();
      if (current !== null && !isUnavailable(current)) lastGood = current;
      if (current !== null) messages = current.messages.filter((m) => m.id !== UNAVAILABLE_MESSAGE_ID);
    }
    await refreshMessages();
    const deps = { transport: options.transport, tokens: options.tokens, graphOrigin: options.endpoints.graphOrigin, now: options.now, sleep: options.sleep, budget: { remainingMs: waitBudgetMs } };
    const overviews = await readCollection(options.endpoints.overviews, deps);
    const issues = overviews.ok ? await readCollection(options.endpoints.issues, deps) : overviews;
    const now = options.now();
    if (overviews.ok && issues.ok) {
      failingSince = null;
      const built = buildOrgFeed({ graph: { overviews: overviews.items, issues: issues.items }, messages, now, publisherName: options.publisherName, ttlMs: options.ttlMs });
      for (const warning of built.warnings) options.log(warning);
      lastGood = built.feed;
      const published = await publish(built.feed);
      return { ok: true, published, feed: built.feed };
    }
    const failure = !overviews.ok ? overviews : !issues.ok ? issues : null;
    const error = failure?.error ?? 'unknown failure';
    failingSince ??= now;
    options.log(`cannot read Microsoft Graph: ${error}`);
    let published = false;
    // The last good feed stands until its own expiresAt: trays keep its facts until then.
    if (current === null || now >= Date.parse(current.expiresAt) || isUnavailable(current)) {
      const feed = unavailableFeed({ lastGood, reason: error, messages, failingSince, now, ttlMs: options.ttlMs, publisherName: options.publisherName });
      published = await publish(feed);
      if (published) options.log('published every service as unknown, with the reason');
    }
    return { ok: false, stage: 'graph', error, retryAfterMs: failure?.retryAfterMs ?? null, published };
  }

  return { poll, current: () => current };
}
