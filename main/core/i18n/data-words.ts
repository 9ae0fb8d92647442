/**
 * The English words that live in reviewed data files, as catalog entries: every sentence of
 * `words/advice-words.json` (`advice.<section>.<id>.<field>`) and every text of
 * `knowledge/knowledge-base.json` (`kb.<id>.title`, `kb.<id>.meaning`, `kb.<id>.steps.<n>`).
 * The texts are ICU messages as they stand (the advice words' `{name}` are ICU arguments; the
 * knowledge base has none). The data files stay the one source of the English; `node scripts/gen-catalog.mjs` copies these
 * entries into `catalogs/en.json` and test/unit/core/i18n-catalogs.test.ts fails while they differ.
 */
import adviceWords from '../words/advice-words.json' with { type: 'json' };
import knowledgeBase from '../knowledge/knowledge-base.json' with { type: 'json' };

/** Key prefixes owned by the data files; hand-written catalog keys never start with these. */
export const DATA_KEY_PREFIXES = ['advice.', 'kb.'] as const;

/** The catalog key of a knowledge-base text. */
export function kbKey(id: string, field: 'title' | 'meaning'): string;
export function kbKey(id: string, field: 'steps', index: number): string;
export function kbKey(id: string, field: 'title' | 'meaning' | 'steps', index?: number): string {
  return field === 'steps' ? `kb.${id}.steps.${index ?? 0}` : `kb.${id}.${field}`;
}

interface KnowledgeTexts {
  readonly id: string;
  readonly title: string;
  readonly meaning: string;
  readonly steps: readonly string[];
}

function flatten(prefix: string, value: unknown, into: Record<string, string>): void {
  if (typeof value === 'string') into[prefix] = value;
  else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) if (!key.startsWith('$')) flatten(`${prefix}.${key}`, inner, into);
  }
}

/** The catalog entries of the data files, in the files' order. */
export function dataWordEntries(
  advice: unknown = adviceWords,
  entries: readonly KnowledgeTexts[] = (knowledgeBase as { entries: readonly KnowledgeTexts[] }).entries,
): Record<string, string> {
  const out: Record<string, string> = {};
  flatten('advice', advice, out);
  for (const entry of entries) {
    out[kbKey(entry.id, 'title')] = entry.title;
    out[kbKey(entry.id, 'meaning')] = entry.meaning;
    entry.steps.forEach((step, i) => (out[kbKey(entry.id, 'steps', i)] = step));
  }
  return out;
}
