/**
 * Reads a small local file the user pointed us at, and nothing else: a device such as /dev/zero
 * would be read forever, a FIFO would block forever, a directory or a huge file is a wrong path.
 * Type and size are checked on the opened handle, so the file cannot be swapped between the check
 * and the read.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { phrase, type Phrase } from '../core/i18n/phrase.js';
import type { MessageKey } from '../core/i18n/translate.js';

/** Why a file was not read, in no language yet (`renderPhrase`): the CLI says it in the person's. */
export type BoundedRead = { readonly ok: true; readonly bytes: Buffer } | { readonly ok: false; readonly reason: Phrase };

/** Reads `path` if it is a regular file of at most `maxBytes`; otherwise says why not. Never throws. */
export async function readBoundedRegularFile(path: string, maxBytes: number): Promise<BoundedRead> {
  let handle;
  try {
    // O_NONBLOCK: opening a FIFO for reading waits for a writer without it. (0 where unsupported.)
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return { ok: false, reason: cannotRead(error) };
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) return { ok: false, reason: phrase('problem.file.notRegular', { kind: phrase(kindOf(stats)) }) };
    if (stats.size > maxBytes) return { ok: false, reason: phrase('problem.file.tooLargeBytes', { limit: sizeWords(maxBytes), size: String(stats.size) }) };
    // The file may grow after fstat: read at most one byte past the cap to notice.
    const buffer = Buffer.alloc(maxBytes + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, null);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > maxBytes) return { ok: false, reason: phrase('problem.file.tooLarge', { limit: sizeWords(maxBytes) }) };
    return { ok: true, bytes: buffer.subarray(0, filled) };
  } catch (error) {
    return { ok: false, reason: cannotRead(error) };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

function kindOf(stats: Stats): MessageKey {
  if (stats.isDirectory()) return 'problem.file.kind.directory';
  if (stats.isFIFO()) return 'problem.file.kind.pipe';
  if (stats.isCharacterDevice()) return 'problem.file.kind.charDevice';
  if (stats.isBlockDevice()) return 'problem.file.kind.blockDevice';
  if (stats.isSocket()) return 'problem.file.kind.socket';
  return 'problem.file.kind.other';
}

function sizeWords(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MB` : `${bytes} bytes`;
}

const CODE_WORDS: Readonly<Record<string, MessageKey>> = {
  ENOENT: 'problem.file.code.ENOENT',
  EACCES: 'problem.file.code.EACCES',
  EPERM: 'problem.file.code.EACCES',
  ENOTDIR: 'problem.file.code.ENOTDIR',
  ELOOP: 'problem.file.code.ELOOP',
  ENAMETOOLONG: 'problem.file.code.ENAMETOOLONG',
};

/** "cannot read the file (ENOENT): no such file"; the code stays for searching and support. */
function cannotRead(error: unknown): Phrase {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === undefined) return phrase('problem.file.cannotReadMessage', { message: (error as Error).message });
  const words = CODE_WORDS[code];
  return words ? phrase('problem.file.cannotReadWords', { code, words: phrase(words) }) : phrase('problem.file.cannotRead', { code });
}
