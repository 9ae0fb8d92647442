import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_INDEX_URL, CONTENT_SECURITY_POLICY, createAppProtocolHandler, resolveAppPath } from '../../main/shell/protocol.js';
import { MemoryLog } from '../fakes/log.js';

let base: string;
let root: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'or-protocol-'));
  root = join(base, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Outage Radar</title>');
  await writeFile(join(root, 'app.js'), 'console.log(1)');
  await writeFile(join(root, 'assets', 'logo.svg'), '<svg/>');
  // A neighbour that must never be served.
  await writeFile(join(base, 'secret.txt'), 'SECRET');
  await writeFile(join(base, 'renderer-secret.txt'), 'SECRET');
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

const get = (url: string, method = 'GET') => createAppProtocolHandler({ rootDir: root, log: new MemoryLog() })(new Request(url, { method }));

describe('app:// protocol', () => {
  it('serves the renderer files with their content type and the CSP header', async () => {
    const response = await get(APP_INDEX_URL);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('Outage Radar');
    const script = await get('app://renderer/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get('app://renderer/assets/logo.svg')).status).toBe(200);
    expect(await (await get('app://renderer/')).text()).toContain('Outage Radar');
  });

  it('refuses every spelling of a path outside the renderer folder', async () => {
    for (const url of [
      'app://renderer/../secret.txt',
      'app://renderer/%2e%2e/secret.txt',
      'app://renderer/%2E%2E%2Fsecret.txt',
      'app://renderer/assets/%2e%2e/%2e%2e/secret.txt',
      'app://renderer/..%5csecret.txt',
      'app://renderer/..%2f..%2fsecret.txt',
      'app://renderer/%2e%2e/renderer-secret.txt',
      'app://renderer/index.html%00.png',
      `app://renderer/${encodeURIComponent(join(base, 'secret.txt'))}`,
    ]) {
      const response = await get(url);
      expect(response.status, url).toBeGreaterThanOrEqual(400);
      expect(await response.text(), url).not.toContain('SECRET');
    }
  });

  it('refuses other hosts, malformed encodings and non-GET methods', async () => {
    expect((await get('app://evil/index.html')).status).toBe(404);
    expect((await get('app://renderer/%E0%A4%A')).status).toBe(400);
    expect((await get(APP_INDEX_URL, 'POST')).status).toBe(405);
    expect((await get('app://renderer/missing.js')).status).toBe(404);
  });

  it('resolves a path inside the folder and names the problem otherwise', () => {
    expect(resolveAppPath('app://renderer/assets/logo.svg', root)).toEqual({ ok: true, path: join(root, 'assets', 'logo.svg') });
    // An encoded slash survives URL parsing and only becomes ".." after decoding: caught here.
    expect(resolveAppPath('app://renderer/..%2fsecret.txt', root)).toMatchObject({ ok: false, status: 403 });
    // Plain and %2e dot segments are already resolved by the URL parser, inside the folder.
    expect(resolveAppPath('app://renderer/%2e%2e/secret.txt', root)).toEqual({ ok: true, path: join(root, 'secret.txt') });
  });

  it('locks the page down: no network, no frames, no inline script', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });
});
