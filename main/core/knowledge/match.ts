/**
 * Finds the knowledge-base entries a person's text is about: a code typed any way (`451 4.3.2`,
 * `451-4.3.2`, `4.3.2`, `caa70004`, `0xCAA70004`), a whole pasted bounce message, or a few words
 * (`Trying to connect…`, `mail is not arriving`). Ranking: an exact code always ranks above a
 * partial one, and any code above any phrase; a bare enhanced code reaches the entry that lists it
 * bare (`4.3.2` is `451 4.3.2`), the reply code decides only when it is present (`432 4.3.2`).
 */
import { KNOWLEDGE_BASE, type KnowledgeEntry } from './knowledge-base.js';

/** A code found in the text: an SMTP enhanced status code with its reply code if adjacent, or a hex code. */
export type QueryCode = { readonly kind: 'smtp'; readonly reply: string | null; readonly enhanced: string } | { readonly kind: 'hex'; readonly code: string };

export interface KnowledgeMatch {
  readonly entry: KnowledgeEntry;
  readonly score: number;
  /** The codes and phrases of the entry that the text reached. */
  readonly reached: readonly string[];
}

/** Scores; every code score is above every phrase score. */
const SCORE = {
  fullCode: 100,
  bareCode: 90,
  enhancedOfFull: 60,
  codePattern: 50,
  phrase: 30,
  phraseWords: 15,
} as const;

// Longer texts than a pasted bounce or log excerpt are cut, so matching stays linear and cheap.
const MAX_TEXT = 100_000;

// Not part of a dotted number on either side, so IP addresses and versions are not codes.
const SMTP_CODE = /(?<![\d.])(?:([245]\d\d)[\s-]+)?([245]\.\d{1,3}\.\d{1,3})(?!\.?\d)/g;
// Eight hex digits, `0x` optional; only what the knowledge base lists ever matches.
const HEX_CODE = /(?<![0-9a-z])(?:0x)?([0-9a-f]{8})(?![0-9a-z])/gi;

/** The codes in a text, in order, each once. */
export function codesIn(text: string): QueryCode[] {
  const found = new Map<string, QueryCode>();
  const cut = text.slice(0, MAX_TEXT);
  for (const m of cut.matchAll(SMTP_CODE)) {
    const reply = m[1] ?? null;
    const enhanced = m[2] as string;
    found.set(`${reply ?? ''} ${enhanced}`, { kind: 'smtp', reply, enhanced });
  }
  for (const m of cut.matchAll(HEX_CODE)) {
    const code = `0x${(m[1] as string).toUpperCase()}`;
    found.set(code, { kind: 'hex', code });
  }
  return [...found.values()];
}

/** Lower case, apostrophes dropped (`can't` = `cant`), every other non-letter a space. */
function normalizeWords(text: string): string {
  return text
    .slice(0, MAX_TEXT)
    .toLowerCase()
    .replace(/['\u2019\u2018`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const STOP_WORDS = new Set(['a', 'an', 'the', 'is', 'are', 'my', 'i', 'to', 'in', 'of', 'on', 'it', 'me', 'and', 'or', 'for', 'with', 'this', 'that', 'from', 'be']);

/** The words that carry meaning. */
function contentWords(text: string): string[] {
  return normalizeWords(text)
    .split(' ')
    .filter((w) => w !== '' && !STOP_WORDS.has(w));
}

function scoreCode(entryCode: string, query: QueryCode): number {
  if (entryCode.startsWith('0x')) return query.kind === 'hex' && query.code === entryCode ? SCORE.fullCode : 0;
  if (query.kind !== 'smtp') return 0;
  const [first, second] = entryCode.split(' ');
  const reply = second === undefined ? null : (first as string);
  const enhanced = second ?? (first as string);
  if (enhanced.includes('x')) {
    const pattern = new RegExp(`^${enhanced.replace(/\./g, '\\.').replace(/x/g, '\\d')}$`);
    return pattern.test(query.enhanced) ? SCORE.codePattern : 0;
  }
  if (enhanced !== query.enhanced) return 0;
  if (reply === null) return SCORE.bareCode;
  if (query.reply === reply) return SCORE.fullCode;
  // A different reply code was given: it is another condition with the same enhanced code.
  return query.reply === null ? SCORE.enhancedOfFull : 0;
}

function scorePhrase(phrase: string, normalized: string, words: ReadonlySet<string>): number {
  const p = normalizeWords(phrase);
  if (p === '') return 0;
  const length = p.split(' ').length;
  // Longer phrases are more specific; the bonus stays below every code score.
  if (` ${normalized} `.includes(` ${p} `)) return SCORE.phrase + Math.min(length, 10);
  const needed = contentWords(phrase);
  if (needed.length >= 2 && needed.every((w) => words.has(w))) return SCORE.phraseWords + Math.min(needed.length, 10);
  return 0;
}

/** Entries the text is about, best first; empty when nothing matched. */
export function matchKnowledge(text: string, entries: readonly KnowledgeEntry[] = KNOWLEDGE_BASE): KnowledgeMatch[] {
  const codes = codesIn(text);
  const normalized = normalizeWords(text);
  const words = new Set(contentWords(text));
  const matches: Array<KnowledgeMatch & { readonly order: number }> = [];
  entries.forEach((entry, order) => {
    let score = 0;
    const reached: string[] = [];
    for (const code of entry.codes) {
      const s = Math.max(0, ...codes.map((q) => scoreCode(code, q)));
      if (s > 0) reached.push(code);
      score = Math.max(score, s);
    }
    for (const phrase of entry.phrases) {
      const s = scorePhrase(phrase, normalized, words);
      if (s > 0) reached.push(phrase);
      score = Math.max(score, s);
    }
    if (score > 0) matches.push({ entry, score, reached, order });
  });
  // Ties: more reached codes and phrases first, then the file's order.
  matches.sort((a, b) => b.score - a.score || b.reached.length - a.reached.length || a.order - b.order);
  return matches.map(({ entry, score, reached }) => ({ entry, score, reached }));
}

/** Shown when nothing is known about a text: the symptoms people describe most. */
const DEFAULT_SUGGESTIONS = ['symptom-mail-not-arriving', 'symptom-outbox-stuck', 'symptom-cannot-join-meeting', 'symptom-files-not-syncing', 'symptom-cannot-sign-in'];

/**
 * The closest entries for a text that matched none: those sharing words with it, or the class
 * and subject of a code (`4.3.9` is close to `4.3.2`); else the most common symptoms.
 */
export function suggestKnowledge(text: string, entries: readonly KnowledgeEntry[] = KNOWLEDGE_BASE, limit = 5): KnowledgeEntry[] {
  const words = new Set(contentWords(text).filter((w) => w.length > 2));
  const prefixes = codesIn(text).flatMap((q) => (q.kind === 'smtp' ? [q.enhanced.split('.').slice(0, 2).join('.')] : [q.code.slice(0, 5)]));
  const scored = entries
    .map((entry, order) => {
      const own = new Set(contentWords([entry.title, ...entry.phrases].join(' ')));
      const shared = [...words].filter((w) => own.has(w)).length;
      const near = entry.codes.some((c) => prefixes.some((p) => (c.split(' ').at(-1) ?? c).startsWith(p))) ? 2 : 0;
      return { entry, score: shared + near, order };
    })
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map((s) => s.entry);
  if (scored.length > 0) return scored.slice(0, limit);
  return DEFAULT_SUGGESTIONS.map((id) => entries.find((e) => e.id === id)).filter((e): e is KnowledgeEntry => e !== undefined).slice(0, limit);
}
