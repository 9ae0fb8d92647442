/**
 * `outage-radar catalog`: what an admin runs to find the ids for a config or policy. Through the
 * real built CLI; it reads no network and no config, so nothing is served here.
 */
import { describe, expect, it } from 'vitest';
import { CATALOG_SERVICES, CATEGORY_LABELS } from '../../main/core/sources/catalog.js';
import { SOURCE_TYPES } from '../../main/core/model.js';
import { runCli } from '../helpers/cli.js';

describe('outage-radar catalog', () => {
  it('--json prints a top-level array of every service with its category, format and public https address', async () => {
    const run = await runCli(['catalog', '--json']);
    expect(run.code).toBe(0);
    const rows = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(Array.isArray(rows)).toBe(true);
    expect(rows.length).toBe(CATALOG_SERVICES.length);
    expect(rows.length).toBeGreaterThanOrEqual(100);
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(['category', 'id', 'name', 'sourceType', 'url']);
      expect(new URL(String(row['url'])).protocol).toBe('https:');
      expect(SOURCE_TYPES).toContain(row['sourceType']);
      expect(row['sourceType']).not.toBe('org-feed');
      expect(Object.keys(CATEGORY_LABELS)).toContain(row['category']);
    }
    const byId = new Map(rows.map((r) => [r['id'], r]));
    expect(byId.get('outlook')).toEqual({ id: 'outlook', name: 'Outlook / Exchange', category: 'mail', sourceType: 'microsoft-public', url: 'https://status.cloud.microsoft/api/posts/mac' });
    expect(byId.get('zoom')).toMatchObject({ category: 'meetings', sourceType: 'statuspage', url: 'https://14qjgk812kgk.statuspage.io' });
    expect(byId.get('gitlab')).toMatchObject({ sourceType: 'statusio', url: 'https://api.status.io/1.0/status/5b36dc6502d06804c08349f7' });
    expect(byId.get('slack')).toMatchObject({ category: 'communication', sourceType: 'slack' });
    expect(byId.get('defender')).toMatchObject({ category: 'security', sourceType: 'microsoft-public' });
    expect(byId.get('purview')).toMatchObject({ category: 'security', sourceType: 'microsoft-public' });
    expect(run.stderr).toBe('');
  });

  it('prints the services grouped under their category for people', async () => {
    const run = await runCli(['catalog']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\d+ services\./);
    const headings = run.stdout.split('\n').filter((line) => /^\S.* \(\d+\)$/.test(line)).map((line) => line.replace(/ \(\d+\)$/, ''));
    expect(headings).toEqual(Object.values(CATEGORY_LABELS));
    const identity = run.stdout.split('\n\n').find((block) => block.startsWith('Identity and SSO'));
    expect(identity).toMatch(/^ {2}duo\s+Duo Security\s+statuspage\s+https:\/\/qrxf5mzbrsxw\.statuspage\.io$/m);
    expect(identity).not.toMatch(/^ {2}zoom\b/m);
  });

  it('is listed in --help', async () => {
    const run = await runCli(['--help']);
    expect(run.stdout).toMatch(/^ {2}outage-radar catalog \[--json\]$/m);
  });

  it('refuses an unexpected argument as bad usage (exit 64), in JSON when asked', async () => {
    const run = await runCli(['catalog', 'zoom', '--json']);
    expect(run.code).toBe(64);
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { kind: 'bad-usage', message: 'unexpected argument "zoom"' } });
  });
});
