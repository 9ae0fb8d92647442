#!/usr/bin/env node
/**
 * Rasterizes the source SVGs in assets/src into every tray icon and app icon each platform wants.
 *
 *   node scripts/make-icons.mjs              writes into assets/ (the committed copies)
 *   node scripts/make-icons.mjs --out DIR    writes the same tree into DIR instead
 *
 * The output is committed so that a build never needs this script. The output is deterministic
 * (no system fonts, no timestamps, files written in a fixed order), so
 * test/unit/assets/tray-icons.test.ts can regenerate into a temp folder and demand identical bytes.
 * Naming rules per platform are explained in assets/README.md.
 */
import { Resvg } from '@resvg/resvg-js';
import pngToIco from 'png-to-ico';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ASSETS = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'assets');
const SOURCES = join(ASSETS, 'src');

/** Keep in step with TRAY_STATES in main/core/tray/tray-icons.ts (the test checks every file exists). */
const TRAY_STATES = ['ok', 'maintenance', 'degraded', 'outage', 'local', 'unknown'];

// Windows picks the entry nearest to the tray's size: 16 px at 100 %, 20 at 125 %, 24 at 150 %,
// 32 at 200 %; 48 serves 300 % and the notification area settings page.
const WIN_TRAY_SIZES = [16, 20, 24, 32, 48];
// 22 px is the freedesktop "status" size that KDE and most AppIndicator hosts use; @2x for HiDPI,
// and a 32 px one for hosts that ask for a bigger icon and would otherwise blur an upscaled 22.
const LINUX_TRAY = [
  { suffix: '', size: 22 },
  { suffix: '@2x', size: 44 },
  { suffix: '-32', size: 32 },
];
// macOS menu bar: 16 pt, and Electron loads the @2x sibling by itself on Retina screens.
const DARWIN_TRAY = [
  { suffix: 'Template', size: 16 },
  { suffix: 'Template@2x', size: 32 },
];
const APP_ICON_PNG_SIZE = 512;
const APP_ICO_SIZES = [16, 20, 24, 32, 40, 48, 64, 128, 256];

function parseArgs(argv) {
  let out = ASSETS;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--out') {
      const dir = argv[i + 1];
      if (!dir) throw new Error('--out needs a folder');
      out = resolve(dir);
      i += 1;
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write('usage: node scripts/make-icons.mjs [--out DIR]\n');
      process.exit(0);
    } else {
      throw new Error(`unknown argument: ${arg}`);
    }
  }
  return { out };
}

function readSource(name) {
  return readFileSync(join(SOURCES, name));
}

/** One square PNG of the SVG at `size` px. Icons carry no text, so no font lookup at all. */
function renderPng(svg, size) {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: size },
    font: { loadSystemFonts: false },
    logLevel: 'error',
  });
  const image = resvg.render();
  if (image.width !== size || image.height !== size) {
    throw new Error(`expected a ${size}x${size} render, got ${image.width}x${image.height}`);
  }
  return image.asPng();
}

async function renderIco(svg, sizes) {
  // One hand-rendered PNG per size: png-to-ico's own resizing from one big PNG blurs 16 px glyphs.
  return pngToIco(sizes.map((size) => renderPng(svg, size)));
}

function write(out, relativePath, bytes, written) {
  const target = join(out, relativePath);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, bytes);
  written.push(relativePath);
}

async function main() {
  const { out } = parseArgs(process.argv.slice(2));
  const written = [];

  for (const state of TRAY_STATES) {
    const color = readSource(`tray-${state}.svg`);
    const template = readSource(`tray-${state}-template.svg`);

    write(out, `tray/win32/tray-${state}.ico`, await renderIco(color, WIN_TRAY_SIZES), written);
    for (const { suffix, size } of LINUX_TRAY) {
      write(out, `tray/linux/tray-${state}${suffix}.png`, renderPng(color, size), written);
    }
    for (const { suffix, size } of DARWIN_TRAY) {
      write(out, `tray/darwin/tray-${state}${suffix}.png`, renderPng(template, size), written);
    }
  }

  const appIcon = readSource('icon.svg');
  write(out, 'icon/icon.png', renderPng(appIcon, APP_ICON_PNG_SIZE), written);
  write(out, 'icon/icon.ico', await renderIco(appIcon, APP_ICO_SIZES), written);

  process.stdout.write(`make-icons: wrote ${written.length} files into ${out}\n`);
}

main().catch((error) => {
  process.stderr.write(`make-icons: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
