/**
 * Reads a small local file the user pointed us at, and nothing else: a device such as /dev/zero
 * would be read forever, a FIFO would block forever, a directory or a huge file is a wrong path.
 * Type and size are checked on the opened handle, so the file cannot be swapped between the check
 * and the read.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Stats } from 'node:fs';

export type BoundedRead = { readonly ok: true; readonly bytes: Buffer } | { readonly ok: false; readonly reason: string };

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
    if (!stats.isFile()) return { ok: false, reason: `not a regular file (it is ${kindOf(stats)})` };
    if (stats.size > maxBytes) return { ok: false, reason: `larger than ${sizeWords(maxBytes)} (${stats.size} bytes); is this the right file?` };
    // The file may grow after fstat: read at most one byte past the cap to notice.
    const buffer = Buffer.alloc(maxBytes + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, null);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > maxBytes) return { ok: false, reason: `larger than ${sizeWords(maxBytes)}; is this the right file?` };
    return { ok: true, bytes: buffer.subarray(0, filled) };
  } catch (error) {
    return { ok: false, reason: cannotRead(error) };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}

function sizeWords(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MB` : `${bytes} bytes`;
}

const CODE_WORDS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'a part of the path is not a folder',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the path is too long',
};

/** "cannot read the file (ENOENT): no such file"; the code stays for searching and support. */
function cannotRead(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === undefined) return `cannot read the file: ${(error as Error).message}`;
  const words = CODE_WORDS[code];
  return words ? `cannot read the file (${code}): ${words}` : `cannot read the file (${code})`;
}
