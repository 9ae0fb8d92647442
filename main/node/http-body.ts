/**
 * What both HTTP adapters (undici in Node, Electron's network stack in the app) share about
 * request headers and response bodies, so the two decode a status page the same way.
 */

export const DEFAULT_ACCEPT = 'application/json, application/xml;q=0.9, */*;q=0.1';

/** Decodes a body as UTF-8 unless a BOM or the declared charset says UTF-16; strips the BOM. */
export function decodeBody(bytes: Uint8Array, charset: string | null): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return buffer.subarray(3).toString('utf8');
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return buffer.subarray(2).toString('utf16le');
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return utf16be(buffer.subarray(2));
  if (charset === 'utf-16le') return buffer.toString('utf16le');
  // RFC 2781: UTF-16 without a BOM is big-endian.
  if (charset === 'utf-16be' || charset === 'utf-16') return utf16be(buffer);
  return buffer.toString('utf8');
}

// Swapped by hand: TextDecoder('utf-16be') needs full ICU, which not every Node/Electron build has.
function utf16be(buffer: Buffer): string {
  const swapped = Buffer.from(buffer.subarray(0, buffer.length - (buffer.length % 2)));
  swapped.swap16();
  return swapped.toString('utf16le');
}

