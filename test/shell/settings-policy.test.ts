/**
 * Policy in the desktop app, through the real pieces the shell wires: the policy monitor reading
 * Linux files from a temp folder, the settings store layering it, the settings controller and the
 * core's patch rules refusing locked keys, the view's bounds, and the tray without Quit.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SettingKey } from '../../main/core/contract.js';
import { lockedWindowKeys, resolvePolicy, type PolicyOutcome } from '../../main/core/policy/policy-effective.js';
import { jsonPolicySet } from '../../main/core/policy/policy-documents.js';
import { boundsWithPolicy, pollBoundsProblems, quitAllowed } from '../../main/core/policy/policy-settings.js';
import { applySettingsPatch, pollBoundsProblem } from '../../main/core/settings/settings-patch.js';
import { migrateSettings, toStoredSettings } from '../../main/core/settings/settings-repair.js';
import { settingsView } from '../../main/core/settings/settings-view.js';
import { DEFAULT_SETTINGS } from '../../main/core/settings/settings-layers.js';
import { createPolicyMonitor } from '../../main/node/policy/policy-monitor.js';
import { createLinuxPolicySource } from '../../main/node/policy/policy-sources.js';
import { createSettingsController } from '../../main/shell/settings-controller.js';
import { openSettingsStore } from '../../main/shell/settings-store.js';
import type { TrayActionId } from '../../main/shell/tray.js';
import { fakeTrayController } from '../fakes/electron.js';
import { openJsonFileBackend } from '../fakes/json-file-backend.js';
import { MemoryLog } from '../fakes/log.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'or-policy-app-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const policyOf = (values: Record<string, unknown>, recommended: Record<string, unknown> = {}): PolicyOutcome =>
  resolvePolicy({ sets: [jsonPolicySet(JSON.stringify(values), 'machine-policy', 'policy.json'), jsonPolicySet(JSON.stringify(recommended), 'recommended', 'recommended.json')] });

async function app(policy: PolicyOutcome, below = {}) {
  let current = policy;
  const store = await openSettingsStore({ dir, migrator: { migrate: migrateSettings, toStored: toStoredSettings }, openBackend: openJsonFileBackend, below, policy, log: new MemoryLog() });
  const controller = createSettingsController({
    store,
    applyPatch: (now, patch, locked) => {
      const bounds = boundsWithPolicy(current, below);
      return pollBoundsProblems(patch, bounds).length > 0 ? { ok: false, problems: [pollBoundsProblem(bounds)] } : applySettingsPatch(now, patch, locked);
    },
    view: (values, locked, notices, t) => ({ ...settingsView(values, locked, notices, t), bounds: { pollIntervalSeconds: boundsWithPolicy(current, below) } }),
    locked: (): SettingKey[] => lockedWindowKeys(current.lockedKeys),
    onChanged: () => undefined,
  });
  const setPolicy = (next: PolicyOutcome): void => {
    current = next;
    store.setPolicy(next);
  };
  return { store, controller, setPolicy };
}

describe('policy in the settings window', () => {
  it('shows policy values as locked, refuses a change to them with a reason, and keeps other changes', async () => {
    const { controller } = await app(policyOf({ PollIntervalSeconds: 900, NotificationsOnLocal: false }, { TenantName: 'contoso' }));
    const view = controller.view();
    expect(view.values.pollIntervalSeconds).toBe(900);
    expect(view.values.tenantName).toBe('contoso');
    expect(view.locked).toEqual(['pollIntervalSeconds', 'notifications']);

    const refused = await controller.update({ pollIntervalSeconds: 600 });
    expect(refused).toMatchObject({
      ok: false,
      problems: [{ at: ['pollIntervalSeconds'], reason: 'problem.settings.managed', text: 'pollIntervalSeconds: Managed by your organization', what: 'Managed by your organization' }],
    });
    expect(refused.view.values.pollIntervalSeconds).toBe(900);

    // A recommended value is the person's to change.
    const accepted = await controller.update({ tenantName: 'fabrikam', startAtLogin: false });
    expect(accepted.ok).toBe(true);
    expect(accepted.view.values).toMatchObject({ tenantName: 'fabrikam', startAtLogin: false, pollIntervalSeconds: 900 });
  });

  it('never stores a forced value as the person\'s own, so lifting the policy gives their choice back', async () => {
    const first = await app(policyOf({}));
    await first.controller.update({ notifications: { onLocal: true }, pollIntervalSeconds: 600 });
    first.setPolicy(policyOf({ NotificationsOnLocal: false, PollIntervalSeconds: 1800 }));
    expect(first.store.current().notifications.onLocal).toBe(false);
    expect(first.store.current().pollIntervalSeconds).toBe(1800);
    // A change elsewhere writes the file: the forced values must not end up in it.
    expect((await first.controller.update({ startAtLogin: false })).ok).toBe(true);
    const stored = JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')) as Record<string, { onLocal?: boolean } | number>;
    expect(stored['pollIntervalSeconds']).toBe(600);
    expect((stored['notifications'] as { onLocal: boolean }).onLocal).toBe(true);

    first.setPolicy(policyOf({}));
    expect(first.store.current()).toMatchObject({ pollIntervalSeconds: 600, notifications: { ...DEFAULT_SETTINGS.notifications, onLocal: true } });
  });

  it('bounds the poll interval by pollIntervalLimits: the view, the value in force and a change', async () => {
    await (await app(policyOf({}))).controller.update({ pollIntervalSeconds: 120 });
    const { controller, store } = await app(policyOf({ PollIntervalLimitsMinSeconds: 600, PollIntervalLimitsMaxSeconds: 1200 }));
    expect(controller.view().bounds.pollIntervalSeconds).toEqual({ min: 600, max: 1200 });
    expect(store.current().pollIntervalSeconds).toBe(600);
    const refused = await controller.update({ pollIntervalSeconds: 3000 });
    expect(refused).toMatchObject({ ok: false, problems: [{ at: ['pollIntervalSeconds'], reason: 'problem.settings.pollBounds', text: 'pollIntervalSeconds: your organization allows 600-1200 seconds' }] });
    expect((await controller.update({ pollIntervalSeconds: 900 })).view.values.pollIntervalSeconds).toBe(900);
  });
});

describe('policy in the tray', () => {
  const MENU = [
    { id: 'open' as const, label: 'Open Outage Radar', enabled: true },
    { id: 'separator' as const },
    { id: 'settings' as const, label: 'Settings…', enabled: true },
    { id: 'separator' as const },
    { id: 'quit' as const, label: 'Quit Outage Radar', enabled: true },
  ];

  it('hides Quit while app.allowQuit is false, and shows it again when the policy is lifted', () => {
    let policy = policyOf({ AppAllowQuit: false });
    const actions = Object.fromEntries((['open', 'refresh', 'mute-1h', 'mute-4h', 'mute-tomorrow', 'unmute', 'settings', 'quit'] as const).map((id) => [id, () => undefined])) as Record<Exclude<TrayActionId, 'report'>, () => void>;
    const { controller: tray, trays } = fakeTrayController({
      platform: 'linux',
      onClick: () => undefined,
      actions,
      allowQuit: () => quitAllowed(policy, {}),
      log: new MemoryLog(),
    });
    const ids = (): (string | undefined)[] => (trays[0]?.menus.at(-1)?.template ?? []).map((item) => item.id ?? item.type);
    tray.render({ icon: 'ok', tooltip: 'All good', menu: MENU });
    expect(ids()).toEqual(['open', 'separator', 'settings']);
    policy = policyOf({});
    tray.render({ icon: 'ok', tooltip: 'All good', menu: MENU });
    expect(ids()).toEqual(['open', 'separator', 'settings', 'separator', 'quit']);
    // The config file may say it too, when no policy does.
    expect(quitAllowed(policyOf({}), { app: { allowQuit: false } })).toBe(false);
  });
});

describe('the policy monitor', () => {
  it('reads on start, tells about a change when the Linux file changes, and stays quiet when nothing changed', async () => {
    const changes: PolicyOutcome[] = [];
    await writeFile(join(dir, 'policy.json'), JSON.stringify({ PollIntervalSeconds: 900 }));
    const monitor = createPolicyMonitor({
      source: createLinuxPolicySource({ dir }),
      configFile: () => ({}),
      watch: { dir, recursive: false },
      onChange: (outcome) => void changes.push(outcome),
      log: new MemoryLog(),
    });
    await monitor.refresh();
    expect(monitor.current().lockedKeys).toEqual(['pollIntervalSeconds']);
    await monitor.start();
    try {
      expect(changes).toEqual([]);
      await writeFile(join(dir, 'policy.json'), JSON.stringify({ PollIntervalSeconds: 900, AppAllowQuit: false }));
      const deadline = Date.now() + 10_000;
      while (changes.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(changes.at(-1)?.lockedKeys).toEqual(['pollIntervalSeconds', 'app.allowQuit']);
      const seen = changes.length;
      await monitor.refresh();
      expect(changes).toHaveLength(seen);
    } finally {
      monitor.stop();
    }
  });

  it('keeps the last policy when the reader fails, and starts without a policy folder', async () => {
    let fail = false;
    const log = new MemoryLog();
    const monitor = createPolicyMonitor({
      source: { read: async () => (fail ? Promise.reject(new Error('boom')) : [jsonPolicySet('{"TenantName":"contoso"}', 'machine-policy', 'p')]) },
      configFile: () => ({}),
      watch: { dir: join(dir, 'missing'), recursive: false },
      onChange: () => undefined,
      log,
    });
    await monitor.start();
    fail = true;
    await monitor.refresh();
    expect(monitor.current().lockedKeys).toEqual(['tenantName']);
    monitor.stop();
  });
});
