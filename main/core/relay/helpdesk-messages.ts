/**
 * The helpdesk's messages file for `outage-radar relay --messages FILE`: a JSON array of org feed
 * messages, or an object with a `messages` array (so a hand-written feed's messages can be
 * reused). Checked against the same schema as the feed, so the relay never publishes a message the
 * app would refuse; the relay keeps the last good messages when the file is wrong.
 */
import validateOrgFeed from '../generated/validate-org-feed.js';
import { describeSchemaErrors } from '../json-schema.js';
import { isRecord, own, parseJsonSafely } from '../sources/json-safe.js';
import type { RawMessage } from '../sources/org-feed-snapshot.js';

/** One helpdesk message as the feed carries it: the same shape the app's feed reader reads. */
export type FeedMessage = RawMessage;

export type MessagesOutcome = { readonly ok: true; readonly messages: readonly FeedMessage[] } | { readonly ok: false; readonly error: string };

const MAX_REPORTED = 3;

/** Reads and validates a messages file's text. Never throws; errors name the JSON path. */
export function readHelpdeskMessages(body: string): MessagesOutcome {
  const json = parseJsonSafely(body);
  if (!json.ok) return { ok: false, error: json.error };
  const root = json.value;
  const messages = Array.isArray(root) ? root : isRecord(root) ? own(root, 'messages') : undefined;
  if (!Array.isArray(messages)) return { ok: false, error: 'expected a JSON array of messages, or an object with a "messages" array' };
  // Validated inside a minimal feed so the message rules come from the one schema.
  const wrapper = { format: 'outage-radar/org-feed', version: 1, generatedAt: '2000-01-01T00:00:00Z', messages };
  if (!validateOrgFeed(wrapper)) {
    const problems = [...new Set(describeSchemaErrors(validateOrgFeed.errors ?? [], wrapper))];
    const more = problems.length - MAX_REPORTED;
    return { ok: false, error: `${problems.slice(0, MAX_REPORTED).join('; ')}${more > 0 ? ` (and ${more} more)` : ''}` };
  }
  const valid = messages as FeedMessage[];
  for (const [i, message] of valid.entries()) {
    for (const key of ['postedAt', 'expiresAt'] as const) {
      const value = message[key];
      if (typeof value === 'string' && !Number.isFinite(Date.parse(value))) return { ok: false, error: `messages[${i}].${key}: ${JSON.stringify(value)} names no real moment` };
    }
  }
  const ids = new Set<string>();
  for (const [i, message] of valid.entries()) {
    if (ids.has(message.id)) return { ok: false, error: `messages[${i}].id: "${message.id}" is used twice` };
    ids.add(message.id);
  }
  return { ok: true, messages: valid };
}
