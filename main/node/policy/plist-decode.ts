/**
 * A plist's bytes as a value: XML through `plist`, binary (`bplist00`) through `bplist-parser`.
 * Never throws: a damaged file is a reason, reported like any other policy problem.
 */
import bplist from 'bplist-parser';
import { parse as parseXmlPlist } from 'plist';
import { phrase, type Phrase } from '../../core/i18n/phrase.js';

export type DecodedPlist = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: Phrase };

/** Whether the bytes start like a binary plist. */
export function isBinaryPlist(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 8)).toString('latin1') === 'bplist00';
}

/** Decodes an XML or binary plist. */
export function decodePlist(bytes: Uint8Array): DecodedPlist {
  try {
    if (isBinaryPlist(bytes)) {
      const [value] = bplist.parseBuffer(Buffer.from(bytes));
      return { ok: true, value: value as unknown };
    }
    return { ok: true, value: quietly(() => parseXmlPlist(Buffer.from(bytes).toString('utf8'))) };
  } catch (error) {
    // The parser's own words (English runtime text) are quoted as they are.
    return { ok: false, reason: phrase('policy.file.badPlist', { detail: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error) }) };
  }
}

/**
 * xmldom (under `plist`) prints every XML error to the console before `plist` throws; the error
 * is reported once, as our reason, so the console's copy (a second line on the CLI's stderr) is
 * dropped. Synchronous, so nothing else logs in between.
 */
function quietly<T>(parse: () => T): T {
  const { error, warn } = console;
  console.error = () => undefined;
  console.warn = () => undefined;
  try {
    return parse();
  } finally {
    console.error = error;
    console.warn = warn;
  }
}
