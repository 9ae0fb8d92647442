/**
 * Where in a JSON text a problem is, as a person counts it: line and column, both from 1.
 * `JSON.parse` stays the one that builds values (jsonc-parser's own object building would honour
 * `__proto__` keys); jsonc-parser is used only to find positions, and only after something failed.
 */
import { findNodeAtLocation, parse, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';

/** A 1-based line and column in a text. */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

/** A JSON syntax error in words, with its position when one could be found. */
interface JsonSyntaxError {
  readonly message: string;
  readonly position: TextPosition | null;
}

export type JsonParse = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: JsonSyntaxError };

const STRICT_JSON = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false } as const;

const ERROR_WORDS: Readonly<Record<string, string>> = {
  InvalidSymbol: 'unexpected character; JSON strings and names use double quotes',
  InvalidNumberFormat: 'malformed number',
  PropertyNameExpected: 'expected a name in double quotes (a trailing comma is not allowed in JSON)',
  ValueExpected: 'expected a value (a trailing comma is not allowed in JSON)',
  ColonExpected: 'expected ":" after the name',
  CommaExpected: 'expected "," between entries',
  CloseBraceExpected: 'expected "}" to close the object',
  CloseBracketExpected: 'expected "]" to close the array',
  EndOfFileExpected: 'unexpected text after the end of the JSON value',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'comments are not allowed in JSON',
  UnexpectedEndOfString: 'a string is not closed before the end of the line',
  UnexpectedEndOfNumber: 'malformed number',
  InvalidUnicode: 'invalid \\u escape in a string',
  InvalidEscapeCharacter: 'invalid escape in a string',
  InvalidCharacter: 'a string holds a control character (such as a tab); write it as an escape like \\t',
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
    if (body.trim() === '') return { ok: false, error: { message: 'the file is empty; expected a JSON object', position: { line: 1, column: 1 } } };
    const found = firstSyntaxError(body);
    if (found === null) return { ok: false, error: { message: (error as Error).message, position: null } };
    return { ok: false, error: { message: ERROR_WORDS[printParseErrorCode(found.error)] ?? 'not valid JSON', position: positionAt(body, found.offset) } };
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
