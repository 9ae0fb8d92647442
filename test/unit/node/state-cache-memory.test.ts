/**
 * The state cache's memory part (helpdesk messages seen, verdict history): saved with the report,
 * read back validated, and neither part's damage costs the other.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EMPTY_ENGINE_MEMORY, type EngineMemory } from '../../../main/core/engine/memory.js';
import { createStateCache } from '../../../main/node/state-cache.js';
import { makeReport } from '../../helpers/reports.js';

const root = mkdtempSync(join(tmpdir(), 'outage-radar-cache-memory-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshPath = (): string => join(root, `case-${++n}`, 'state.json');

const NOW = Date.parse('2025-03-04T09:40:00Z');
const report = makeReport([{ id: 'org-feed', health: 'operational', checkedAt: NOW }], 'all-good', NOW);
const memory: EngineMemory = {
  seenMessages: [{ sourceId: 'org-feed', id: 'email', update: 'warning|2025-03-04T08:30:00Z|0a1b2c3d' }],
  verdictHistory: [
    { at: '2025-03-04T09:00:00.000Z', kind: 'no-network' },
    { at: '2025-03-04T09:05:00.000Z', kind: 'all-good' },
  ],
};

describe('state cache memory', () => {
  it('saves the memory with the report and reads both back', async () => {
    const path = freshPath();
    await createStateCache(path).save(report, memory);
    const again = createStateCache(path);
    expect(await again.load()).toEqual(report);
    expect(await again.loadMemory()).toEqual(memory);
  });

  it('a file without memory (written before it existed) loads its report and an empty memory', async () => {
    const path = freshPath();
    await createStateCache(path).save(report, memory);
    const { memory: _gone, ...old } = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    writeFileSync(path, JSON.stringify(old));
    expect(await createStateCache(path).load()).toEqual(report);
    expect(await createStateCache(path).loadMemory()).toEqual(EMPTY_ENGINE_MEMORY);
  });

  it('a damaged memory part is dropped alone; a damaged report keeps the memory', async () => {
    const path = freshPath();
    await createStateCache(path).save(report, memory);
    const file = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    writeFileSync(path, JSON.stringify({ ...file, memory: { seenMessages: 'lots', verdictHistory: [{ at: 'never', kind: 'all-good' }] } }));
    expect(await createStateCache(path).load()).toEqual(report);
    expect(await createStateCache(path).loadMemory()).toEqual(EMPTY_ENGINE_MEMORY);

    writeFileSync(path, JSON.stringify({ ...file, report: { checkedAt: 'garbage' } }));
    expect(await createStateCache(path).load()).toBeNull();
    expect(await createStateCache(path).loadMemory()).toEqual(memory);
  });

  it('a save without memory keeps the memory this cache loaded last', async () => {
    const path = freshPath();
    await createStateCache(path).save(report, memory);
    const cache = createStateCache(path);
    await cache.loadMemory();
    await cache.save(report);
    expect(await createStateCache(path).loadMemory()).toEqual(memory);
  });
});
