/**
 * Where in a JSON text a problem is, as a person counts it: line and column, both from 1.
 * `JSON.parse` stays the one that builds values (jsonc-parser's own object building would honour
 * `__proto__` keys); jsonc-parser is used only to find positions, and only after something failed.
 */
import { findNodeAtLocation, parse, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { phrase, type Phrase } from '../i18n/phrase.js';
import type { MessageKey } from '../i18n/translate.js';

/** A 1-based line and column in a text. */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

/** A JSON syntax error in words, with its position when one could be found. */
interface JsonSyntaxError {
  /** What is wrong, in no language yet (`renderPhrase`). */
  readonly words: Phrase;
  readonly position: TextPosition | null;
}

export type JsonParse = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: JsonSyntaxError };

const STRICT_JSON = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false } as const;

const ERROR_WORDS: Readonly<Record<string, MessageKey>> = {
  InvalidSymbol: 'problem.json.symbol',
  InvalidNumberFormat: 'problem.json.number',
  PropertyNameExpected: 'problem.json.name',
  ValueExpected: 'problem.json.value',
  ColonExpected: 'problem.json.colon',
  CommaExpected: 'problem.json.comma',
  CloseBraceExpected: 'problem.json.closeBrace',
  CloseBracketExpected: 'problem.json.closeBracket',
  EndOfFileExpected: 'problem.json.trailing',
  InvalidCommentToken: 'problem.json.comment',
  UnexpectedEndOfComment: 'problem.json.comment',
  UnexpectedEndOfString: 'problem.json.string',
  UnexpectedEndOfNumber: 'problem.json.number',
  InvalidUnicode: 'problem.json.unicode',
  InvalidEscapeCharacter: 'problem.json.escape',
  InvalidCharacter: 'problem.json.control',
};

/**
 * Parses strict JSON (a leading byte-order mark is ignored). On failure says what is wrong and
 * where; never throws.
 */
export function parseJsonWithPosition(text: string): JsonParse {
  const body = text.replace(/^\uFEFF/, '');
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (error) {
    if (body.trim() === '') return { ok: false, error: { words: phrase('problem.json.empty'), position: { line: 1, column: 1 } } };
    const found = firstSyntaxError(body);
    // JSON.parse's own message is the runtime's English: said as it is, after our words.
    if (found === null) return { ok: false, error: { words: phrase('problem.json.runtime', { message: (error as Error).message }), position: null } };
    const key = ERROR_WORDS[printParseErrorCode(found.error)];
    return { ok: false, error: { words: phrase(key ?? 'problem.json.invalid'), position: positionAt(body, found.offset) } };
  }
}

/**
 * The position of the value at a key path such as `sources[1].url` (as the config problems name
 * them), or of its nearest existing parent when the key itself is missing. Null when the path
 * cannot be read or the text cannot be walked.
 */
export function positionOfKey(text: string, keyPath: string): TextPosition | null {
  const segments = splitKeyPath(keyPath);
  if (segments === null) return null;
  const body = text.replace(/^\uFEFF/, '');
  let root;
  try {
    root = parseTree(body, [], STRICT_JSON);
  } catch {
    // jsonc-parser walks recursively: a hostile nesting depth overflows the stack. No position then.
    return null;
  }
  if (root === undefined) return null;
  for (let length = segments.length; length >= 0; length--) {
    const node = findNodeAtLocation(root, segments.slice(0, length));
    if (node !== undefined) return positionAt(body, node.offset);
  }
  return null;
}

/** `sources[1].url` -> ['sources', 1, 'url']; `["odd key"].x` -> ['odd key', 'x']; null if unreadable. */
export function splitKeyPath(keyPath: string): (string | number)[] | null {
  const segments: (string | number)[] = [];
  const part = /\.?([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;
  let at = 0;
  while (at < keyPath.length) {
    part.lastIndex = at;
    const match = part.exec(keyPath);
    if (match === null) return null;
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else {
      try {
        segments.push(JSON.parse(match[3] ?? '""') as string);
      } catch {
        return null;
      }
    }
    at = part.lastIndex;
  }
  return segments;
}

function firstSyntaxError(text: string): ParseError | null {
  const errors: ParseError[] = [];
  try {
    parse(text, errors, STRICT_JSON);
  } catch {
    return null;
  }
  return errors[0] ?? null;
}

function positionAt(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
