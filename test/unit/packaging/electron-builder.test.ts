/**
 * The installer configuration, validated without building (enterprise.md A7: building needs
 * downloads and real Windows/macOS hosts). What an admin or a security review relies on is
 * pinned here: fuses, per-machine MSI with a stable upgrade code, pkg into /Applications, the
 * Linux packages and their scripts, the files that make up the app, the admin templates and CLI
 * shipped beside it, no update channel, and the schema of
 * electron-builder itself.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const require = createRequire(import.meta.url);
// js-yaml and minimatch come with electron-builder; neither ships types, so only what is used is typed.
const yaml = require('js-yaml') as { load(text: string): unknown };
const { minimatch } = require('minimatch') as { minimatch(path: string, pattern: string, options?: { dot?: boolean }): boolean };

type Json = Record<string, unknown>;
const config = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Json;
const section = (name: string): Json => (config[name] ?? {}) as Json;
const targetsOf = (platform: string): string[] =>
  ((section(platform)['target'] ?? []) as Array<string | { target: string }>).map((entry) => (typeof entry === 'string' ? entry : entry.target));

describe('electron-builder.yml', () => {
  it('names the app as policy and the OS expect it', () => {
    expect(config['appId']).toBe('org.outageradar.desktop');
    expect(config['productName']).toBe('Outage Radar');
    expect(config['asar']).toBe(true);
  });

  it('sets every Electron fuse the security checklist asks for', () => {
    expect(config['electronFuses']).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs the built main, preload and window, and nothing from the sources', () => {
    const files = config['files'] as string[];
    const included = (path: string): boolean => files.some((pattern) => !pattern.startsWith('!') && minimatch(path, pattern, { dot: true }));
    for (const path of ['package.json', 'out/main/main.js', 'out/preload/preload.cjs', 'out/renderer/index.html']) expect(included(path), path).toBe(true);
    for (const path of ['main/shell/main.ts', 'test/shell/tray.test.ts', 'out/cli/outage-radar.js', 'node_modules/.bin/electron']) expect(included(path), path).toBe(false);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Json;
    expect(pkg['main']).toBe('out/main/main.js');
  });

  it('ships the tray and app icons as resources, and every icon it names exists', () => {
    const resources = config['extraResources'] as Array<{ from: string; to: string }>;
    expect(resources).toEqual(expect.arrayContaining([{ from: 'assets/tray', to: 'assets/tray' }, { from: 'assets/icon', to: 'assets/icon' }]));
    for (const { from } of resources) expect(existsSync(join(ROOT, from)), from).toBe(true);
    expect(section('mac')['icon']).toBe('assets/icon/icon.png');
    expect(section('win')['icon']).toBe('assets/icon/icon.ico');
    for (const platform of ['mac', 'win', 'linux']) {
      const icon = section(platform)['icon'] as string;
      expect(statSync(join(ROOT, icon)).size, icon).toBeGreaterThan(1000);
    }
  });

  it('builds a per-machine MSI with a fixed upgrade code and a per-user NSIS installer for Windows', () => {
    expect(targetsOf('win')).toEqual(expect.arrayContaining(['msi', 'nsis']));
    const msi = section('msi');
    expect(msi['perMachine']).toBe(true);
    expect(msi['runAfterFinish']).toBe(false);
    expect(msi['upgradeCode']).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
    // The code the first release shipped with; changing it breaks upgrades of every installed copy.
    expect(msi['upgradeCode']).toBe('73EFEB3A-7D91-4CE4-AE71-A8B03281D145');
    expect(section('nsis')['perMachine']).toBe(false);
  });

  it('builds a hardened, Dock-less macOS pkg that installs into /Applications only, and a dmg', () => {
    const mac = section('mac');
    // pkg for MDM, dmg for a person's own install, zip because electron-updater updates from it.
    expect(targetsOf('mac')).toEqual(expect.arrayContaining(['pkg', 'dmg', 'zip']));
    expect(mac['hardenedRuntime']).toBe(true);
    expect((mac['extendInfo'] as Json)['LSUIElement']).toBe(true);
    for (const key of ['entitlements', 'entitlementsInherit']) {
      const plist = readFileSync(join(ROOT, mac[key] as string), 'utf8');
      expect(plist).toContain('com.apple.security.cs.allow-jit');
    }
    expect(section('pkg')).toMatchObject({ installLocation: '/Applications', allowAnywhere: false, allowCurrentUserHome: false, isRelocatable: false });
  });

  it('ships the admin templates and the CLI bundle with the app', () => {
    const resources = config['extraResources'] as Array<{ from: string; to: string }>;
    expect(resources).toEqual(expect.arrayContaining([{ from: 'policies', to: 'policies' }, { from: 'out/cli', to: 'cli' }]));
    for (const path of ['policies/windows/OutageRadar.admx', 'policies/windows/en-US/OutageRadar.adml', 'policies/macos/org.outageradar.desktop.mobileconfig', 'policies/jamf/org.outageradar.desktop.json', 'policies/linux/policy.json']) {
      expect(existsSync(join(ROOT, path)), path).toBe(true);
    }
    // `node <resources>/cli/outage-radar.js` is the same file npm's `outage-radar` runs.
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Json;
    expect((pkg['bin'] as Json)['outage-radar']).toBe('out/cli/outage-radar.js');
  });

  it('names the executable outage-radar on Windows and Linux, so `outage-radar check` reads the same', () => {
    expect(section('win')['executableName']).toBe('outage-radar');
    expect(section('linux')['executableName']).toBe('outage-radar');
  });

  it('publishes no update channel: no provider anywhere, so no build writes app-update.yml', () => {
    expect(config['publish']).toBeNull();
    const providers: string[] = [];
    const walk = (value: unknown, at: string): void => {
      if (Array.isArray(value)) value.forEach((item, index) => walk(item, `${at}[${index}]`));
      else if (value !== null && typeof value === 'object') {
        for (const [key, child] of Object.entries(value)) {
          if (key === 'publish' && at !== '') providers.push(`${at}.publish`);
          if (key === 'provider') providers.push(`${at}.provider`);
          walk(child, at === '' ? key : `${at}.${key}`);
        }
      }
    };
    walk(config, '');
    expect(providers).toEqual([]);
    expect(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')).not.toMatch(/provider:\s*github/i);
  });

  it('builds deb, rpm and AppImage, with install scripts electron-builder can fill in', () => {
    expect(targetsOf('linux')).toEqual(expect.arrayContaining(['deb', 'rpm', 'AppImage']));
    const known = new Set(['executable', 'sanitizedProductName', 'productFilename']);
    for (const target of ['deb', 'rpm']) {
      for (const key of ['afterInstall', 'afterRemove']) {
        const path = section(target)[key] as string;
        const script = readFileSync(join(ROOT, path), 'utf8');
        expect(script.startsWith('#!/bin/bash'), path).toBe(true);
        // electron-builder replaces every ${name} and fails the build on one it does not know.
        const macros = [...script.matchAll(/\$\{([a-zA-Z]+)\}/g)].map((match) => match[1] as string);
        expect(macros.filter((name) => !known.has(name)), path).toEqual([]);
        // The stock steps (the /usr/bin link and the sandbox helper) must still be there.
        expect(script, path).toContain("/usr/bin/${executable}");
      }
    }
    const install = readFileSync(join(ROOT, 'build/linux/after-install.sh'), 'utf8');
    expect(install).toContain('/etc/xdg/autostart/outage-radar.desktop');
    expect(install).toContain("chrome-sandbox");
  });

  it('ships an XDG autostart entry that starts the installed command', () => {
    const linuxResources = section('linux')['extraResources'] as Array<{ from: string; to: string }>;
    const entry = linuxResources.find((resource) => resource.to === 'autostart.desktop');
    expect(entry).toBeDefined();
    const text = readFileSync(join(ROOT, entry?.from ?? ''), 'utf8');
    expect(text.split('\n')[0]).toBe('[Desktop Entry]');
    expect(text).toContain('Type=Application');
    expect(text).toContain(`Exec=/usr/bin/${section('linux')['executableName'] as string}`);
  });

  const schemaPath = join(ROOT, 'node_modules', 'app-builder-lib', 'scheme.json');
  // Compiling the schema takes about a second; once is enough.
  let compiled: ((data: unknown) => boolean) & { errors?: unknown[] | null | undefined } | null = null;
  const validator = () => {
    compiled ??= new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as Json);
    return compiled;
  };

  it.skipIf(!existsSync(schemaPath))("is valid against electron-builder's own configuration schema", () => {
    const validate = validator();
    const valid = validate(config);
    expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 5), null, 2)).toEqual([]);
    expect(valid).toBe(true);
  });

  it.skipIf(!existsSync(schemaPath))('would fail the schema on a misspelt option (the check has teeth)', () => {
    const validate = validator();
    expect(validate({ ...config, msi: { ...section('msi'), perMachien: true } })).toBe(false);
    expect(validate({ ...config, electronFuses: { runAsNod: false } })).toBe(false);
  });
});
