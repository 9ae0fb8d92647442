/**
 * Light polling for Statuspage: most polls read the page's small `status.json` (a few hundred
 * bytes, usually a 304) and the full `summary.json` only when it may have changed. The page
 * indicator alone is not enough: real pages keep indicator `none` with an open incident, and
 * announced maintenance changes no indicator, so the full summary is read on the first poll,
 * whenever `page.updated_at` or the indicator changed since the last full read, while the
 * indicator is not `none`, and at least every 30 minutes.
 */
import type { HttpValidators } from '../ports.js';
import { isRecord, parseJsonSafely, rec, str } from './json-safe.js';

/** The full summary is read at least this often, whatever status.json says. */
export const FULL_READ_EVERY_MS = 30 * 60_000;

/** What status.json says: the page's last change and its indicator. */
export interface PageStatus {
  readonly updatedAt: string;
  readonly indicator: string;
}

/** What a source remembers of its light polls. */
export interface LightMemory {
  /** status.json's validators, for conditional requests. */
  readonly validators: HttpValidators | null;
  /** The last status.json read (fresh or confirmed by a 304). */
  readonly last: PageStatus | null;
  /** status.json as it was when the summary was last read in full. */
  readonly atFullRead: PageStatus | null;
  /** When the summary was last read in full (epoch ms). */
  readonly fullReadAt: number | null;
}

export const NO_LIGHT_MEMORY: LightMemory = { validators: null, last: null, atFullRead: null, fullReadAt: null };

export type PageStatusOutcome = { readonly ok: true; readonly status: PageStatus } | { readonly ok: false; readonly error: string };

/** Reads status.json; anything but its documented shape is an error (the caller then reads the summary). */
export function parsePageStatus(body: string): PageStatusOutcome {
  const parsed = parseJsonSafely(body);
  if (!parsed.ok) return parsed;
  if (!isRecord(parsed.value)) return { ok: false, error: 'status.json is not an object' };
  const page = rec(parsed.value, 'page');
  const status = rec(parsed.value, 'status');
  const updatedAt = page === null ? null : str(page, 'updated_at');
  const indicator = status === null ? null : str(status, 'indicator');
  if (updatedAt === null || indicator === null) return { ok: false, error: 'status.json has no page.updated_at or status.indicator' };
  return { ok: true, status: { updatedAt, indicator } };
}

/** Why the summary must be read in full now; null when status.json vouches that nothing changed. */
export function fullReadReason(now: PageStatus, memory: LightMemory, hasSnapshot: boolean, nowMs: number): string | null {
  if (!hasSnapshot || memory.fullReadAt === null || memory.atFullRead === null) return 'first read';
  if (nowMs - memory.fullReadAt >= FULL_READ_EVERY_MS) return 'periodic full read';
  if (now.indicator !== 'none') return `indicator ${now.indicator}`;
  if (now.indicator !== memory.atFullRead.indicator) return 'indicator changed';
  if (now.updatedAt !== memory.atFullRead.updatedAt) return 'page updated';
  return null;
}
