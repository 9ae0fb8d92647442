/**
 * What the engine remembers across restarts besides the report: the helpdesk messages already
 * seen (so a restart does not notify them again) and the last shown verdicts with their times
 * (for the diagnostics report). Small and bounded; read back from disk through `readEngineMemory`,
 * which keeps what is valid and drops the rest, so a damaged or foreign file costs at most a
 * repeated notification, never a crash.
 */
import { isRecord, own } from '../sources/json-safe.js';
import { MAX_SEEN_MESSAGES, type SeenMessage } from '../notifications/helpdesk-messages.js';
import { VERDICT_KINDS, type VerdictKind } from '../verdict/connectivity-model.js';

/** One shown verdict and when it was first shown. */
export interface VerdictHistoryEntry {
  /** ISO time the engine first showed this kind. */
  readonly at: string;
  readonly kind: VerdictKind;
}

export interface EngineMemory {
  readonly seenMessages: readonly SeenMessage[];
  /** Oldest first; a new entry only when the shown kind changes. */
  readonly verdictHistory: readonly VerdictHistoryEntry[];
}

export const EMPTY_ENGINE_MEMORY: EngineMemory = { seenMessages: [], verdictHistory: [] };

/** The diagnostics report lists the last 20 verdicts. */
export const MAX_VERDICT_HISTORY = 20;

/** Ids, keys and times are short; anything longer is not ours. */
const MAX_FIELD = 600;

/** The history with `kind` appended when it differs from the last one shown, cut to the last 20. */
export function recordVerdict(history: readonly VerdictHistoryEntry[], kind: VerdictKind, now: number): readonly VerdictHistoryEntry[] {
  if (history[history.length - 1]?.kind === kind) return history;
  return [...history, { at: new Date(now).toISOString(), kind }].slice(-MAX_VERDICT_HISTORY);
}

const shortString = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_FIELD;
const isVerdictKind = (v: unknown): v is VerdictKind => typeof v === 'string' && (VERDICT_KINDS as readonly string[]).includes(v);

function readSeen(value: unknown): SeenMessage[] {
  if (!Array.isArray(value)) return [];
  const out: SeenMessage[] = [];
  for (const item of value.slice(-MAX_SEEN_MESSAGES)) {
    if (!isRecord(item)) continue;
    const sourceId = own(item, 'sourceId');
    const id = own(item, 'id');
    const update = own(item, 'update');
    if (shortString(sourceId) && shortString(id) && shortString(update)) out.push({ sourceId, id, update });
  }
  return out;
}

function readHistory(value: unknown): VerdictHistoryEntry[] {
  if (!Array.isArray(value)) return [];
  const out: VerdictHistoryEntry[] = [];
  for (const item of value.slice(-MAX_VERDICT_HISTORY)) {
    if (!isRecord(item)) continue;
    const at = own(item, 'at');
    const kind = own(item, 'kind');
    if (shortString(at) && Number.isFinite(Date.parse(at)) && isVerdictKind(kind)) out.push({ at: new Date(Date.parse(at)).toISOString(), kind });
  }
  return out;
}

/** The memory in a parsed cache file, validated and bounded; empty for anything unreadable. Never throws. */
export function readEngineMemory(value: unknown): EngineMemory {
  if (!isRecord(value)) return EMPTY_ENGINE_MEMORY;
  return { seenMessages: readSeen(own(value, 'seenMessages')), verdictHistory: readHistory(own(value, 'verdictHistory')) };
}
