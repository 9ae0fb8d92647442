/**
 * Just enough PNG and ICO reading (and PNG writing) to check generated icons byte by byte.
 *
 * resvg-js renders SVG but cannot decode a PNG, and no image decoder is a project dependency, so
 * the tests read the formats themselves: PNG chunks + zlib for pixels, the ICONDIR table and the
 * 32-bit BMP entries that png-to-ico writes.
 */
import { crc32, deflateSync, inflateSync } from 'node:zlib';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** PNG color types from the IHDR chunk (PNG spec 11.2.2). */
export const PNG_COLOUR_TYPE = { grey: 0, rgb: 2, palette: 3, greyAlpha: 4, rgba: 6 } as const;

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlace: number;
}

/** An 8-bit RGBA bitmap, rows top to bottom. */
export interface Rgba {
  width: number;
  height: number;
  data: Uint8Array;
}

interface Chunk {
  type: string;
  data: Buffer;
}

function pngChunks(bytes: Buffer): Chunk[] {
  if (bytes.length < 8 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG');
  const chunks: Chunk[] = [];
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    chunks.push({ type, data: bytes.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
    if (type === 'IEND') break;
  }
  return chunks;
}

/** The IHDR fields, read straight from the bytes (IHDR is always the first chunk). */
export function readPngHeader(bytes: Buffer): PngHeader {
  const ihdr = pngChunks(bytes)[0];
  if (!ihdr || ihdr.type !== 'IHDR') throw new Error('PNG without IHDR first');
  return {
    width: ihdr.data.readUInt32BE(0),
    height: ihdr.data.readUInt32BE(4),
    bitDepth: ihdr.data.readUInt8(8),
    colorType: ihdr.data.readUInt8(9),
    interlace: ihdr.data.readUInt8(12),
  };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

/** Decodes the only PNG flavour resvg writes: 8-bit RGBA, not interlaced. */
export function decodePng(bytes: Buffer): Rgba {
  const header = readPngHeader(bytes);
  if (header.bitDepth !== 8 || header.colorType !== PNG_COLOUR_TYPE.rgba || header.interlace !== 0) {
    throw new Error(`unsupported PNG flavour ${JSON.stringify(header)}`);
  }
  const idat = Buffer.concat(
    pngChunks(bytes)
      .filter((chunk) => chunk.type === 'IDAT')
      .map((chunk) => chunk.data),
  );
  const raw = inflateSync(idat);
  const { width, height } = header;
  const stride = width * 4;
  const data = new Uint8Array(stride * height);
  for (let y = 0; y < height; y += 1) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x += 1) {
      const left = x >= 4 ? (data[y * stride + x - 4] ?? 0) : 0;
      const up = y > 0 ? (data[(y - 1) * stride + x] ?? 0) : 0;
      const upLeft = x >= 4 && y > 0 ? (data[(y - 1) * stride + x - 4] ?? 0) : 0;
      const value = line[x] ?? 0;
      let predicted: number;
      switch (filter) {
        case 0:
          predicted = 0;
          break;
        case 1:
          predicted = left;
          break;
        case 2:
          predicted = up;
          break;
        case 3:
          predicted = Math.floor((left + up) / 2);
          break;
        case 4:
          predicted = paeth(left, up, upLeft);
          break;
        default:
          throw new Error(`bad PNG filter ${String(filter)} on row ${y}`);
      }
      data[y * stride + x] = (value + predicted) & 0xff;
    }
  }
  return { width, height, data };
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** Encodes an RGBA bitmap as PNG (used to show ICO entries on the contact sheet). */
export function encodePng(image: Rgba): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(image.width, 0);
  ihdr.writeUInt32BE(image.height, 4);
  ihdr.writeUInt8(8, 8);
  ihdr.writeUInt8(PNG_COLOUR_TYPE.rgba, 9);
  const stride = image.width * 4;
  const raw = Buffer.alloc((stride + 1) * image.height);
  for (let y = 0; y < image.height; y += 1) {
    Buffer.from(image.data.buffer, image.data.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  }
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

export interface IcoEntry {
  width: number;
  height: number;
  bitCount: number;
  byteLength: number;
  offset: number;
}

/** The ICONDIR table of a .ico file; a stored 0 means 256 px. */
export function parseIcoDirectory(bytes: Buffer): IcoEntry[] {
  if (bytes.length < 6 || bytes.readUInt16LE(0) !== 0 || bytes.readUInt16LE(2) !== 1) {
    throw new Error('not an ICO file');
  }
  const count = bytes.readUInt16LE(4);
  const entries: IcoEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    const at = 6 + i * 16;
    entries.push({
      width: bytes.readUInt8(at) || 256,
      height: bytes.readUInt8(at + 1) || 256,
      bitCount: bytes.readUInt16LE(at + 6),
      byteLength: bytes.readUInt32LE(at + 8),
      offset: bytes.readUInt32LE(at + 12),
    });
  }
  return entries;
}

/** The pixels of one ICO entry, stored either as PNG or as a bottom-up 32-bit BGRA bitmap. */
export function decodeIcoEntry(bytes: Buffer, entry: IcoEntry): Rgba {
  const image = bytes.subarray(entry.offset, entry.offset + entry.byteLength);
  if (image.subarray(0, 8).equals(PNG_SIGNATURE)) return decodePng(image);
  const headerSize = image.readUInt32LE(0);
  const width = image.readInt32LE(4);
  const height = image.readInt32LE(8) / 2; // BMP height in an ICO counts the AND mask too
  const bitCount = image.readUInt16LE(14);
  if (bitCount !== 32 || width !== entry.width || height !== entry.height) {
    throw new Error(`unsupported ICO bitmap ${width}x${height}x${bitCount}`);
  }
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const from = headerSize + ((height - 1 - y) * width + x) * 4;
      const to = (y * width + x) * 4;
      data[to] = image[from + 2] ?? 0;
      data[to + 1] = image[from + 1] ?? 0;
      data[to + 2] = image[from] ?? 0;
      data[to + 3] = image[from + 3] ?? 0;
    }
  }
  return { width, height, data };
}
