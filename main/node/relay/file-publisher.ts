/**
 * `--out FILE`: the feed written for any web server, CDN upload job or file share. Written to a
 * temporary file in the same folder and renamed over the old one, so a reader never sees half a
 * file (a tray would report "the JSON ends early").
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import validateOrgFeed from '../../core/generated/validate-org-feed.js';
import type { OrgFeedDocument } from '../../core/relay/feed-build.js';
import { parseJsonSafely } from '../../core/sources/json-safe.js';
import type { Publisher } from './relay.js';

/** The feed as published: pretty-printed, because admins read it, with a final newline. */
export function feedText(feed: OrgFeedDocument): string {
  return `${JSON.stringify(feed, null, 2)}\n`;
}

export function createFilePublisher(path: string): Publisher {
  return {
    async previous() {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch {
        return null;
      }
      // Only a valid feed counts; anything else is overwritten as if there were no file.
      const json = parseJsonSafely(text);
      if (!json.ok || !validateOrgFeed(json.value)) return null;
      const feed = json.value as Partial<OrgFeedDocument> & { generatedAt: string };
      // A hand-written file may leave out lists and expiresAt: no expiry counts as expired.
      return { ...feed, expiresAt: feed.expiresAt ?? feed.generatedAt, services: feed.services ?? [], incidents: feed.incidents ?? [], messages: feed.messages ?? [] } as OrgFeedDocument;
    },
    async publish(feed) {
      const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      try {
        // 0644: the feed holds nothing secret, and the web server usually runs as another user.
        await writeFile(temp, feedText(feed), { mode: 0o644 });
        await rename(temp, path);
      } catch (error) {
        await rm(temp, { force: true }).catch(() => undefined);
        throw new Error(`cannot write the feed to ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
    },
  };
}
