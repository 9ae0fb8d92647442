import { Resvg } from '@resvg/resvg-js';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  isTrayState,
  TRAY_PLATFORMS,
  TRAY_STATES,
  trayIconFiles,
  type TrayPlatform,
  type TrayState,
} from '../../../main/core/tray/tray-icons.js';
import {
  decodeIcoEntry,
  decodePng,
  encodePng,
  parseIcoDirectory,
  PNG_COLOUR_TYPE,
  readPngHeader,
  type Rgba,
} from './raster.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const ASSETS = join(ROOT, 'assets');
const SOURCES = join(ASSETS, 'src');
const SHEET = join(ROOT, 'test-results', 'tray-icons.png');

const read = (relativePath: string): Buffer => readFileSync(join(ASSETS, relativePath));
const readSource = (name: string): string => readFileSync(join(SOURCES, name), 'utf8');

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const full = join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

function pairs<T>(items: readonly T[]): Array<[T, T]> {
  return items.flatMap((a, i) => items.slice(i + 1).map((b): [T, T] => [a, b]));
}

function icoSizes(bytes: Buffer): number[] {
  return parseIcoDirectory(bytes).map((entry) => entry.width);
}

function icoImage(bytes: Buffer, size: number): Rgba {
  const entry = parseIcoDirectory(bytes).find((candidate) => candidate.width === size);
  if (!entry) throw new Error(`no ${size} px entry`);
  return decodeIcoEntry(bytes, entry);
}

/** Pixels where one image is clearly drawn and the other clearly empty (alpha differs by > 50 %). */
function shapeDifference(a: Rgba, b: Rgba): number {
  let differing = 0;
  for (let i = 3; i < a.data.length; i += 4) {
    if (Math.abs((a.data[i] ?? 0) - (b.data[i] ?? 0)) > 127) differing += 1;
  }
  return differing;
}

function relativeLuminance(hex: string): number {
  const channel = (at: number): number => {
    const value = parseInt(hex.slice(at, at + 2), 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

const PAINT = /\b(fill|stroke|stop-color|flood-color|lighting-color|color)="([^"]*)"/g;
const paints = (svg: string): string[] => [...svg.matchAll(PAINT)].map((match) => (match[2] ?? '').toLowerCase());

/** Shape elements with only their geometry, so a colored icon and its template can be compared. */
function geometry(svg: string): string[] {
  const keep = ['d', 'cx', 'cy', 'r', 'rx', 'ry', 'x', 'y', 'width', 'height', 'points', 'stroke-width'];
  return [...svg.matchAll(/<(path|circle|rect|ellipse|polygon|polyline|line)\b([^>]*)>/g)]
    .map(([, tag, attrs]) => {
      const values = [...(attrs ?? '').matchAll(/([\w-]+)="([^"]*)"/g)]
        .filter(([, name]) => keep.includes(name ?? ''))
        .map(([, name, value]) => `${name}=${value}`)
        .sort();
      return `${tag} ${values.join(' ')}`;
    })
    .sort();
}

const BLACK = new Set(['#000', '#000000', 'black', 'none']);
const MASK_PAINTS = new Set([...BLACK, '#fff', '#ffffff', 'white']);

describe('trayIconFiles', () => {
  it('names a .ico on Windows, Template PNGs with an @2x on macOS and plain PNGs on Linux', () => {
    expect(trayIconFiles('outage', 'win32')).toEqual({
      primary: 'tray/win32/tray-outage.ico',
      all: ['tray/win32/tray-outage.ico'],
    });
    expect(trayIconFiles('local', 'darwin')).toEqual({
      primary: 'tray/darwin/tray-localTemplate.png',
      all: ['tray/darwin/tray-localTemplate.png', 'tray/darwin/tray-localTemplate@2x.png'],
    });
    expect(trayIconFiles('unknown', 'linux').primary).toBe('tray/linux/tray-unknown.png');
  });

  it('knows the six tray states and nothing else', () => {
    for (const state of TRAY_STATES) expect(isTrayState(state)).toBe(true);
    for (const other of ['OK', 'operational', '', '__proto__', 'toString', null, 3]) {
      expect(isTrayState(other)).toBe(false);
    }
  });
});

describe('generated tray icons', () => {
  const everyCase = TRAY_STATES.flatMap((state) =>
    TRAY_PLATFORMS.map((platform): [TrayState, TrayPlatform] => [state, platform]),
  );

  it.each(everyCase)('%s on %s: every named file exists, the primary one first', (state, platform) => {
    const files = trayIconFiles(state, platform);
    expect(files.all[0]).toBe(files.primary);
    for (const file of files.all) expect(existsSync(join(ASSETS, file)), file).toBe(true);
  });

  it('assets/tray holds exactly the files trayIconFiles names, no stale extras', () => {
    const named = everyCase.flatMap(([state, platform]) => trayIconFiles(state, platform).all).sort();
    expect(listFiles(join(ASSETS, 'tray')).map((file) => `tray/${file}`)).toEqual(named);
  });

  it.each(TRAY_STATES)('macOS %s: Template names, 16 px and an @2x of exactly twice that', (state) => {
    const [oneX, twoX] = trayIconFiles(state, 'darwin').all;
    expect(oneX).toMatch(/Template\.png$/);
    expect(twoX).toMatch(/Template@2x\.png$/);
    const small = readPngHeader(read(oneX ?? ''));
    const large = readPngHeader(read(twoX ?? ''));
    expect([small.width, small.height]).toEqual([16, 16]);
    expect([large.width, large.height]).toEqual([small.width * 2, small.height * 2]);
  });

  it.each(TRAY_STATES)('macOS %s: the template is black plus alpha only, and not empty', (state) => {
    for (const file of trayIconFiles(state, 'darwin').all) {
      const bytes = read(file);
      expect(readPngHeader(bytes).colorType).toBe(PNG_COLOUR_TYPE.rgba);
      const { data } = decodePng(bytes);
      let colored = 0;
      let drawn = 0;
      let clear = 0;
      for (let i = 0; i < data.length; i += 4) {
        if ((data[i] ?? 0) + (data[i + 1] ?? 0) + (data[i + 2] ?? 0) > 0) colored += 1;
        if ((data[i + 3] ?? 0) === 255) drawn += 1;
        if ((data[i + 3] ?? 0) === 0) clear += 1;
      }
      expect(colored, `${file} has non-black pixels`).toBe(0);
      expect(drawn, `${file} draws nothing solid`).toBeGreaterThan(data.length / 4 / 4);
      expect(clear, `${file} has no transparent cut-out`).toBeGreaterThan(0);
    }
  });

  it.each(TRAY_STATES)('macOS %s: the template source paints only black (white only inside its mask)', (state) => {
    const svg = readSource(`tray-${state}-template.svg`);
    expect(svg).not.toMatch(/\bstyle\s*=|<style|<image|<linearGradient|<radialGradient|<filter/);
    const masks = [...svg.matchAll(/<mask\b[\s\S]*?<\/mask>/g)].map((match) => match[0]);
    const outside = masks.reduce((rest, mask) => rest.replace(mask, ''), svg);
    for (const paint of paints(outside)) expect(BLACK.has(paint), paint).toBe(true);
    for (const paint of masks.flatMap(paints)) expect(MASK_PAINTS.has(paint), paint).toBe(true);
  });

  it.each(TRAY_STATES)('Windows %s: the .ico holds 16, 20, 24, 32 and 48 px bitmaps that draw something', (state) => {
    const bytes = read(trayIconFiles(state, 'win32').primary);
    const entries = parseIcoDirectory(bytes);
    expect(icoSizes(bytes)).toEqual([16, 20, 24, 32, 48]);
    for (const entry of entries) {
      expect(entry.height).toBe(entry.width);
      expect(entry.bitCount).toBe(32);
      expect(entry.offset + entry.byteLength).toBeLessThanOrEqual(bytes.length);
      const image = decodeIcoEntry(bytes, entry);
      const opaque = image.data.filter((value, i) => i % 4 === 3 && value === 255).length;
      // A third of the square: even the triangle badge covers that, an empty or broken bitmap does not.
      expect(opaque).toBeGreaterThan((entry.width * entry.width) / 3);
    }
  });

  it.each(TRAY_STATES)('Linux %s: 22 px, 32 px and a 44 px @2x PNG in color', (state) => {
    const [base, big, twoX] = trayIconFiles(state, 'linux').all.map((file) => readPngHeader(read(file)));
    expect([base?.width, base?.height]).toEqual([22, 22]);
    expect([twoX?.width, twoX?.height]).toEqual([44, 44]);
    expect([big?.width, big?.height]).toEqual([32, 32]);
    for (const header of [base, twoX, big]) expect(header?.colorType).toBe(PNG_COLOUR_TYPE.rgba);
  });

  it('every state has its own file on every platform', () => {
    for (const platform of TRAY_PLATFORMS) {
      for (const [a, b] of pairs(TRAY_STATES)) {
        for (const [fileA, fileB] of trayIconFiles(a, platform).all.map((file, i) => [
          file,
          trayIconFiles(b, platform).all[i] ?? '',
        ])) {
          expect(read(fileA ?? '').equals(read(fileB ?? '')), `${fileA} = ${fileB}`).toBe(false);
        }
      }
    }
  });

  it('the templates differ in shape at 16 px, so states are told apart without color', () => {
    const images = new Map(
      TRAY_STATES.map((state) => [state, decodePng(read(trayIconFiles(state, 'darwin').primary))]),
    );
    for (const [a, b] of pairs(TRAY_STATES)) {
      // At least 16 of the 256 pixels (6 %): a glyph, not a stray pixel, tells them apart.
      const differing = shapeDifference(images.get(a) as Rgba, images.get(b) as Rgba);
      expect(differing, `${a} vs ${b}`).toBeGreaterThanOrEqual(16);
    }
  });

  it.each(TRAY_STATES)('%s: the colored icon draws the same badge and glyph as its template', (state) => {
    const color = geometry(readSource(`tray-${state}.svg`));
    // The template's mask starts from a full white canvas; that rect is the only extra shape.
    const template = geometry(readSource(`tray-${state}-template.svg`)).filter(
      (shape) => shape !== 'rect height=16 width=16',
    );
    expect(template).toEqual(color);
  });

  it.each(TRAY_STATES)('%s: the glyph contrasts with its badge (WCAG ratio >= 4.5)', (state) => {
    const svg = readSource(`tray-${state}.svg`);
    const badge = /<[^>]*\bid="badge"[^>]*>/.exec(svg)?.[0] ?? '';
    const badgeFill = /\bfill="(#[0-9a-f]{6})"/i.exec(badge)?.[1];
    const glyph = /<g id="glyph">([\s\S]*?)<\/g>/.exec(svg)?.[1] ?? '';
    const glyphColors = new Set(paints(glyph).filter((paint) => paint !== 'none'));
    expect(badgeFill).toBeDefined();
    expect(glyphColors.size).toBe(1);
    const [glyphColor] = [...glyphColors] as [string];
    expect(contrastRatio(badgeFill ?? '', glyphColor)).toBeGreaterThanOrEqual(4.5);
  });
});

describe('app icon', () => {
  it('has a 512 px PNG for electron-builder and a .ico from 16 to 256 px', () => {
    const png = readPngHeader(read('icon/icon.png'));
    expect([png.width, png.height]).toEqual([512, 512]);
    const ico = read('icon/icon.ico');
    expect(icoSizes(ico)).toEqual(expect.arrayContaining([16, 24, 32, 48, 64, 128, 256]));
    for (const entry of parseIcoDirectory(ico)) {
      expect(entry.offset + entry.byteLength).toBeLessThanOrEqual(ico.length);
    }
  });
});

describe('scripts/make-icons.mjs', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'outage-radar-icons-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('regenerates byte-identical files, so the committed assets match their SVG sources', () => {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'make-icons.mjs'), '--out', scratch], {
      stdio: 'pipe',
      timeout: 60_000,
    });
    const regenerated = listFiles(scratch);
    const committed = [
      ...listFiles(join(ASSETS, 'tray')).map((file) => `tray/${file}`),
      ...listFiles(join(ASSETS, 'icon')).map((file) => `icon/${file}`),
    ].sort();
    expect(regenerated).toEqual(committed);
    const drifted = regenerated.filter((file) => !readFileSync(join(scratch, file)).equals(read(file)));
    expect(drifted, 'run `node scripts/make-icons.mjs` and commit assets/').toEqual([]);
  });
});

describe('contact sheet for people (test-results/tray-icons.png)', () => {
  it('renders every state and platform variant on a light and a dark background', () => {
    const zoom = 3;
    const columns: Array<{ label: string; size: number; image: (state: TrayState, dark: boolean) => Rgba }> = [
      ...[16, 20, 24, 32].map((size) => ({
        label: `win ${size}`,
        size,
        image: (state: TrayState): Rgba => icoImage(read(trayIconFiles(state, 'win32').primary), size),
      })),
      ...trayIconFiles('ok', 'linux').all.map((file, i) => ({
        label: `linux ${readPngHeader(read(file)).width}`,
        size: readPngHeader(read(file)).width,
        image: (state: TrayState): Rgba => decodePng(read(trayIconFiles(state, 'linux').all[i] ?? '')),
      })),
      ...[16, 32].map((size, i) => ({
        label: `mac ${size}`,
        size,
        // The menu bar tints templates: black on a light bar, white on a dark one.
        image: (state: TrayState, dark: boolean): Rgba => {
          const image = decodePng(read(trayIconFiles(state, 'darwin').all[i] ?? ''));
          if (dark) for (let p = 0; p < image.data.length; p += 4) image.data.fill(255, p, p + 3);
          return image;
        },
      })),
    ];
    const href = (image: Rgba): string => `data:image/png;base64,${encodePng(image).toString('base64')}`;
    const labelWidth = 100;
    const actualWidth = 90;
    const gap = 12;
    const rowHeight = 44 * zoom + gap;
    const columnX: number[] = [];
    let x = labelWidth + actualWidth;
    for (const column of columns) {
      columnX.push(x);
      x += column.size * zoom + gap;
    }
    const width = x;
    const panelHeight = 30 + TRAY_STATES.length * rowHeight;
    const parts: string[] = [];
    for (const [panel, dark] of [false, true].entries()) {
      const top = panel * panelHeight;
      const ink = dark ? '#f5f5f5' : '#111111';
      parts.push(`<rect x="0" y="${top}" width="${width}" height="${panelHeight}" fill="${dark ? '#1f1f1f' : '#f3f3f3'}"/>`);
      parts.push(`<text x="8" y="${top + 20}" fill="${ink}">${dark ? 'dark' : 'light'} taskbar</text>`);
      parts.push(`<text x="${labelWidth}" y="${top + 20}" fill="${ink}">1:1</text>`);
      columns.forEach((column, i) => {
        parts.push(`<text x="${columnX[i] ?? 0}" y="${top + 20}" fill="${ink}">${column.label}</text>`);
      });
      TRAY_STATES.forEach((state, row) => {
        const y = top + 30 + row * rowHeight;
        parts.push(`<text x="8" y="${y + 24}" fill="${ink}">${state}</text>`);
        // Actual size, so the 16 px legibility is judged at the size people see.
        const actual = [columns[0], columns[4], columns[7]];
        actual.forEach((column, i) => {
          if (!column) return;
          parts.push(
            `<image x="${labelWidth + i * 28}" y="${y}" width="${column.size}" height="${column.size}" href="${href(column.image(state, dark))}"/>`,
          );
        });
        columns.forEach((column, i) => {
          const size = column.size * zoom;
          parts.push(
            `<image x="${columnX[i] ?? 0}" y="${y}" width="${size}" height="${size}" image-rendering="optimizeSpeed" href="${href(column.image(state, dark))}"/>`,
          );
        });
      });
    }
    const height = 2 * panelHeight;
    const sheet = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="DejaVu Sans, Arial, sans-serif" font-size="13">${parts.join('')}</svg>`;
    const png = new Resvg(sheet, { font: { loadSystemFonts: true }, logLevel: 'error' }).render().asPng();
    mkdirSync(dirname(SHEET), { recursive: true });
    writeFileSync(SHEET, png);
    expect(readPngHeader(readFileSync(SHEET))).toMatchObject({ width, height });
  });
});
