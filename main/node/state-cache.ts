/**
 * The last known state on disk, so the tray shows something at once on start (marked stale until
 * refreshed). Written atomically (temp file + rename), so a crash or power loss mid-write leaves
 * the old file or the new one, never half of one. Reading never throws: a missing, corrupt,
 * oversized or foreign file is simply "no cache".
 *
 * Besides the report, the file holds the engine's small memory (helpdesk messages already seen,
 * the last shown verdicts): an optional `memory` part, validated and bounded on reading. A file
 * written before that part existed reads as an empty memory; a damaged memory part is dropped on
 * its own and never costs the report (nor the other way round).
 */
import { isRecord } from '../core/sources/json-safe.js';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CheckReport } from '../core/check.js';
import { EMPTY_ENGINE_MEMORY, readEngineMemory, type EngineMemory } from '../core/engine/memory.js';
import { VERDICT_KINDS } from '../core/verdict/connectivity-model.js';
import { ALL_HEALTH } from '../core/health.js';
import { SOURCE_TYPES } from '../core/model.js';
import { TRAY_STATES } from '../core/tray/tray-icons.js';

export const STATE_CACHE_FORMAT = 'outage-radar/state-cache';
export const STATE_CACHE_VERSION = 1;
/** Reports are tens of KiB; anything far larger is not ours or not worth keeping. */
export const STATE_CACHE_MAX_BYTES = 4 * 1024 * 1024;

export interface StateCache {
  /** The saved report, or null when there is none or it cannot be trusted. Never throws. */
  load(): Promise<CheckReport | null>;
  /** The saved engine memory, validated and bounded; empty when there is none. Never throws. */
  loadMemory(): Promise<EngineMemory>;
  /**
   * Saves atomically. Saves are queued, so the last call wins. Without `memory`, the memory last
   * saved or loaded through this cache is kept. Rejects only on file-system errors.
   */
  save(report: CheckReport, memory?: EngineMemory): Promise<void>;
}

export interface StateCacheOptions {
  readonly maxBytes?: number;
}

interface CacheFile {
  readonly format: typeof STATE_CACHE_FORMAT;
  readonly version: number;
  readonly savedAt: string;
  readonly report: CheckReport;
  /** Absent in files written before the engine kept a memory. */
  readonly memory?: EngineMemory;
}


const isString = (v: unknown): v is string => typeof v === 'string';
const isStringOrNull = (v: unknown): boolean => v === null || typeof v === 'string';
const oneOf = (list: readonly string[]) => (v: unknown): boolean => typeof v === 'string' && list.includes(v);
const isHealth = oneOf(ALL_HEALTH);
const isIso = (v: unknown): boolean => typeof v === 'string' && Number.isFinite(Date.parse(v));
const listOf = (v: unknown, item: (x: unknown) => boolean): boolean => Array.isArray(v) && v.every(item);

const isIncident = (v: unknown): boolean =>
  isRecord(v) && isString(v['id']) && isString(v['title']) && isHealth(v['health']) && isString(v['status']) && isString(v['kind']) &&
  isStringOrNull(v['url']) && isStringOrNull(v['updatedAt']) && isStringOrNull(v['startedAt']) && listOf(v['updates'], isRecord) && listOf(v['affects'], isString);

const isMessage = (v: unknown): boolean => isRecord(v) && isString(v['id']) && isString(v['text']) && isString(v['severity']) && isStringOrNull(v['incidentId']) && isStringOrNull(v['url']);

const isSource = (v: unknown): boolean =>
  isRecord(v) && isString(v['id']) && oneOf(SOURCE_TYPES)(v['type']) && isString(v['name']) && isString(v['url']) && isHealth(v['health']) &&
  isStringOrNull(v['fetchedAt']) && isString(v['checkedAt']) && isStringOrNull(v['error']) && typeof v['stale'] === 'boolean' &&
  listOf(v['components'], (c) => isRecord(c) && isString(c['id']) && isString(c['name']) && isHealth(c['health'])) &&
  listOf(v['incidents'], isIncident) && listOf(v['upcoming'], isIncident) && listOf(v['messages'], isMessage) && listOf(v['warnings'], isString);

const isServiceIncident = (v: unknown): boolean =>
  isRecord(v) && isString(v['sourceId']) && isString(v['id']) && isString(v['title']) && isHealth(v['health']) && isString(v['status']) && isString(v['kind']) &&
  isStringOrNull(v['url']) && isStringOrNull(v['updatedAt']);

const isService = (v: unknown): boolean =>
  isRecord(v) && isString(v['id']) && isString(v['name']) && isHealth(v['health']) && listOf(v['sourceIds'], isString) &&
  listOf(v['incidents'], isServiceIncident) && listOf(v['messages'], isMessage) && listOf(v['notes'], isString) && isStringOrNull(v['fallback']);

const isVerdict = (v: unknown): boolean =>
  isRecord(v) && oneOf(VERDICT_KINDS)(v['kind']) && isString(v['title']) && isString(v['summary']) && isString(v['advice']) &&
  listOf(v['evidence'], (e) => isRecord(e) && isString(e['code']) && isString(e['text'])) && listOf(v['flags'], isString) && listOf(v['serviceIds'], isString);

const isStep = (v: unknown): boolean => isRecord(v) && isString(v['step']) && isString(v['outcome']) && typeof v['durationMs'] === 'number' && isStringOrNull(v['errorCode']);

const isLadder = (v: unknown): boolean =>
  isRecord(v) && isString(v['startedAt']) && typeof v['durationMs'] === 'number' && typeof v['timedOut'] === 'boolean' &&
  isRecord(v['link']) && isRecord(v['proxy']) && isString(v['proxy']['mode']) &&
  listOf(v['captive'], (c) => isRecord(c) && isRecord(c['check']) && isString(c['outcome'])) &&
  listOf(v['targets'], (t) => isRecord(t) && isRecord(t['target']) && isString(t['target']['url']) && isString(t['path']) && listOf(t['steps'], isStep));

/**
 * Whether a parsed value is a report this app can show without tripping over it: every field the
 * tray, the window and the helpdesk report read is present with the right type.
 */
export function isCheckReport(v: unknown): v is CheckReport {
  return (
    isRecord(v) && isIso(v['checkedAt']) && isHealth(v['overall']) && oneOf(TRAY_STATES)(v['tray']) && [0, 1, 2, 3].includes(v['exitCode'] as number) &&
    isVerdict(v['verdict']) && listOf(v['sources'], isSource) && listOf(v['services'], isService) && listOf(v['messages'], isMessage) &&
    (v['probes'] === null || isLadder(v['probes']))
  );
}

/** A leaner copy for when the full report would not fit: newest updates only, no upcoming maintenance. */
function slim(report: CheckReport): CheckReport {
  return {
    ...report,
    sources: report.sources.map((s) => ({
      ...s,
      incidents: s.incidents.map((i) => ({ ...i, updates: i.updates.slice(0, 1) })),
      upcoming: [],
      warnings: s.warnings.slice(0, 5),
      // The words say the warnings entry for entry: cut alike, or the source falls back to English.
      ...(s.words ? { words: { ...s.words, warnings: s.words.warnings.slice(0, 5) } } : {}),
    })),
  };
}

export function createStateCache(filePath: string, options: StateCacheOptions = {}): StateCache {
  const maxBytes = options.maxBytes ?? STATE_CACHE_MAX_BYTES;
  let queue: Promise<void> = Promise.resolve();
  let lastMemory: EngineMemory | null = null;

  /** The parsed file when it is ours (format, version, size), else null. Never throws. */
  const readOurs = async (): Promise<Record<string, unknown> | null> => {
    try {
      const info = await stat(filePath);
      if (!info.isFile() || info.size > maxBytes) return null;
      const parsed: unknown = JSON.parse((await readFile(filePath, 'utf8')).replace(/^\uFEFF/, ''));
      if (!isRecord(parsed) || parsed['format'] !== STATE_CACHE_FORMAT || parsed['version'] !== STATE_CACHE_VERSION) return null;
      return parsed;
    } catch {
      return null;
    }
  };

  const write = async (report: CheckReport, memory: EngineMemory): Promise<void> => {
    const wrap = (r: CheckReport): string =>
      JSON.stringify({ format: STATE_CACHE_FORMAT, version: STATE_CACHE_VERSION, savedAt: new Date().toISOString(), report: r, memory } satisfies CacheFile);
    let text = wrap(report);
    if (Buffer.byteLength(text) > maxBytes) text = wrap(slim(report));
    // Too big even slimmed: keep the previous file rather than write something the loader refuses.
    if (Buffer.byteLength(text) > maxBytes) return;
    await mkdir(dirname(filePath), { recursive: true });
    const temp = `${filePath}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temp, text, { encoding: 'utf8', mode: 0o600 });
      await rename(temp, filePath);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
  };

  return {
    async load() {
      const parsed = await readOurs();
      return parsed !== null && isCheckReport(parsed['report']) ? parsed['report'] : null;
    },

    async loadMemory() {
      const parsed = await readOurs();
      const memory = parsed === null ? EMPTY_ENGINE_MEMORY : readEngineMemory(parsed['memory']);
      lastMemory ??= memory;
      return memory;
    },

    save(report, memory) {
      if (memory !== undefined) lastMemory = memory;
      const kept = lastMemory ?? EMPTY_ENGINE_MEMORY;
      const next = queue.then(() => write(report, kept));
      // The queue itself never rejects, so one failed save does not block the next.
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
