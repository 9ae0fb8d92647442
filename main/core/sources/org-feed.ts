/**
 * The org feed: Outage Radar's own versioned JSON format through which an organization publishes
 * tenant incidents, per-service health and helpdesk messages to every tray (docs/org-feed.md).
 *
 * `outage-radar relay` writes it from Microsoft Graph; a helpdesk may also write it by hand. The
 * JSON Schema in schema/org-feed.schema.json checks shape, types, required fields and size limits.
 * This module decides whether a body is a feed this app can read at all (format, major version,
 * schema, dates that name a real moment) and words the problems with their JSON path;
 * org-feed-snapshot.ts adds what a schema cannot say well: case-insensitive enum words with an
 * `unknown` fallback, https-only links, expiry against the clock, and the roll-up to one health.
 */
import type { ValidateFunction } from 'ajv';
import validateOrgFeed from '../generated/validate-org-feed.js';
import { schemaErrorPhrases, type SchemaWording } from '../json-schema.js';
import { phrase } from '../i18n/phrase.js';
import { clauses, failed, problem, renderPhrase, type Phrase } from './source-problem.js';
import schema from '../../../schema/org-feed.schema.json' with { type: 'json' };
import type { ParseOutcome } from '../model.js';
import { isRecord, isoTime, own, parseJsonSafely } from './json-safe.js';
import { toSnapshot, type RawFeed } from './org-feed-snapshot.js';

/** The value of the feed's `format` field. */
const ORG_FEED_FORMAT = 'outage-radar/org-feed';

/** The highest major `version` this app reads. */
const ORG_FEED_VERSION = 1;

/** Size limits, taken from the schema so the documentation, the schema and the parser agree. */
export const ORG_FEED_LIMITS = {
  services: schema.properties.services.maxItems,
  incidents: schema.properties.incidents.maxItems,
  messages: schema.properties.messages.maxItems,
  postsPerIncident: schema.$defs.incident.properties.posts.maxItems,
} as const;

/** Only this many schema problems are reported: the first few are enough to fix a hand-written file. */
const MAX_REPORTED_PROBLEMS = 3;

/** Precompiled from schema/org-feed.schema.json by scripts/gen-validators.mjs. */
function validator(): ValidateFunction<RawFeed> {
  return validateOrgFeed as ValidateFunction<RawFeed>;
}

/**
 * Parses an org feed body into a snapshot.
 *
 * `now` (ms since the epoch) decides which helpdesk messages have expired, which maintenance has
 * not started yet, which incidents have ended, and whether the feed itself is out of date. Never
 * throws: malformed, hostile, oversized or too-new feeds give `{ ok: false, error }` in words that
 * name the JSON path and what was expected.
 */
export function parseOrgFeed(body: string, now: number): ParseOutcome {
  const json = parseJsonSafely(body);
  if (!json.ok) return failed(json.errorWords);
  const root = json.value;
  if (!isRecord(root)) return failed(problem('source.problem.orgFeed.notObject'));

  const format = own(root, 'format');
  if (format !== ORG_FEED_FORMAT) {
    return failed(problem('source.problem.orgFeed.format', { format: ORG_FEED_FORMAT }));
  }
  // Checked before the schema: a newer major version may be shaped differently, and "update the
  // app" is the only useful thing to say about it.
  const version = own(root, 'version');
  if (typeof version === 'number' && Number.isInteger(version) && version > ORG_FEED_VERSION) {
    return failed(problem('source.problem.orgFeed.newer', { version: String(version), known: String(ORG_FEED_VERSION) }));
  }

  const validate = validator();
  if (!validate(root)) return failed(describeProblems(schemaErrorPhrases(validate.errors ?? [], root, FEED_WORDING)));

  const dateProblems = findUnreadableDates(root);
  if (dateProblems.length > 0) return failed(describeProblems(dateProblems));

  return { ok: true, snapshot: toSnapshot(root, now) };
}

/** Strings that match the date pattern yet name no real moment, such as month 13. */
function findUnreadableDates(feed: RawFeed): Phrase[] {
  const problems: Phrase[] = [];
  const check = (raw: string | null | undefined, path: string): void => {
    if (typeof raw === 'string' && isoTime(raw) === null) {
      problems.push(phrase('problem.at', { path, what: phrase('problem.schema.expected', { expected: DATE_TIME_EXPECTATION, got: JSON.stringify(raw) }) }));
    }
  };
  check(feed.generatedAt, 'generatedAt');
  check(feed.expiresAt, 'expiresAt');
  feed.incidents?.forEach((incident, i) => {
    check(incident.startedAt, `incidents[${i}].startedAt`);
    check(incident.updatedAt, `incidents[${i}].updatedAt`);
    check(incident.endedAt, `incidents[${i}].endedAt`);
    incident.posts?.forEach((post, p) => check(post.at, `incidents[${i}].posts[${p}].at`));
  });
  feed.messages?.forEach((message, m) => {
    check(message.postedAt, `messages[${m}].postedAt`);
    check(message.expiresAt, `messages[${m}].expiresAt`);
  });
  return problems;
}

const DATE_TIME_EXPECTATION = problem('source.problem.orgFeed.dateTime');

const FEED_WORDING: SchemaWording = { rootName: 'feed', patterns: { [schema.$defs.dateTime.pattern]: DATE_TIME_EXPECTATION } };

function describeProblems(problems: readonly Phrase[]): Phrase {
  const unique = [...new Map(problems.map((said) => [renderPhrase(said), said])).values()];
  const shown = clauses(...unique.slice(0, MAX_REPORTED_PROBLEMS));
  const more = unique.length - MAX_REPORTED_PROBLEMS;
  return more > 0 ? problem('source.problem.orgFeed.invalidMore', { problems: shown, count: more }) : problem('source.problem.orgFeed.invalid', { problems: shown });
}

