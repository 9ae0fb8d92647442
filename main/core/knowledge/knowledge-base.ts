/**
 * The knowledge base: what an error code, a status-bar state or a symptom means, whose side it is
 * on and what to do. The data is reviewed JSON (knowledge-base.json, shape in
 * schema/knowledge-base.schema.json, checked with its references by
 * test/unit/core/knowledge-base.test.ts); this module only gives it types. The bundler inlines
 * the JSON, so reading it costs no I/O.
 */
import data from './knowledge-base.json' with { type: 'json' };
import type { VerdictKind } from '../verdict/connectivity-model.js';
import { kbKey } from '../i18n/data-words.js';
import type { Translator } from '../i18n/translate.js';

/** Whose side a problem is on (connectivity.md B6: Them, Me, Remote, Config, User, Either). */
export const SIDES = ['provider', 'local', 'account', 'config', 'remote', 'either'] as const;
export type Side = (typeof SIDES)[number];

export interface KnowledgeEntry {
  readonly id: string;
  /** A catalog service id. */
  readonly service: string;
  readonly side: Side;
  readonly title: string;
  /** `451 4.3.2`, `4.3.2`, `4.7.5xx` (x = any digit) or `0xCAA70004`. */
  readonly codes: readonly string[];
  /** Words a person types or pastes, matched ignoring case, punctuation and apostrophes. */
  readonly phrases: readonly string[];
  readonly meaning: string;
  /** What to do, in order. */
  readonly steps: readonly string[];
  /** The verdict that decides this entry's cause, where there is one. */
  readonly verdict?: VerdictKind;
}

interface KnowledgeFile {
  readonly entries: readonly KnowledgeEntry[];
}

// JSON imports type `side` and `verdict` as string; the schema test is what narrows them.
/** Every entry, in the file's order (earlier entries win ties). */
export const KNOWLEDGE_BASE: readonly KnowledgeEntry[] = (data as KnowledgeFile).entries;

/**
 * The entry's texts (title, meaning, steps) in the translator's language, read from the catalog
 * (`kb.<id>.title`, `kb.<id>.meaning`, `kb.<id>.steps.<n>`); the data's English where a text
 * has no entry. Ids, codes and phrases stay as they are.
 */
export function localizeEntry(entry: KnowledgeEntry, t: Translator): KnowledgeEntry {
  return {
    ...entry,
    title: t.dynamic(kbKey(entry.id, 'title'), {}, entry.title),
    meaning: t.dynamic(kbKey(entry.id, 'meaning'), {}, entry.meaning),
    steps: entry.steps.map((step, i) => t.dynamic(kbKey(entry.id, 'steps', i), {}, step)),
  };
}
