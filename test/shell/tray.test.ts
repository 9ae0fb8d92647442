import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRAY_PLATFORMS, TRAY_STATES } from '../../main/core/tray/tray-icons.js';
import { trayIconPath, type TrayActionId, type TrayModelLike } from '../../main/shell/tray.js';
import { fakeTrayController, type FakeTray } from '../fakes/electron.js';
import { MemoryLog } from '../fakes/log.js';
import { createTranslator } from '../../main/core/i18n/translate.js';

const ASSETS = join(import.meta.dirname, '..', '..', 'assets');

const MENU: TrayModelLike['menu'] = [
  { id: 'open', label: 'Open Outage Radar', enabled: true },
  { id: 'refresh', label: 'Check now', enabled: true },
  { id: 'separator' },
  { id: 'mute-1h', label: 'Mute for 1 hour', enabled: true },
  { id: 'quit', label: 'Quit', enabled: true },
];

const model = (overrides: Partial<TrayModelLike> = {}): TrayModelLike => ({ icon: 'ok', tooltip: 'All good', menu: MENU, ...overrides });

function setup(platform: 'linux' | 'darwin' | 'win32' = 'darwin') {
  const done: string[] = [];
  let clicks = 0;
  const log = new MemoryLog();
  const actions = Object.fromEntries(
    (['open', 'refresh', 'mute-1h', 'mute-4h', 'mute-tomorrow', 'unmute', 'settings', 'quit'] as const).map((id) => [id, () => void done.push(id)]),
  ) as Record<TrayActionId, () => void>;
  const { controller, trays } = fakeTrayController({
    platform,
    onClick: () => void clicks++,
    actions,
    log,
  });
  const tray = (): FakeTray => {
    const only = trays[0];
    if (!only || trays.length !== 1) throw new Error(`expected one tray, got ${trays.length}`);
    return only;
  };
  return { controller, tray, done, log, clicks: () => clicks };
}

describe('tray controller', () => {
  it('creates the tray on first render with the state icon, tooltip and menu', () => {
    const { controller, tray } = setup('darwin');
    controller.render(model());
    expect(tray().initialImage.path).toBe('/app/assets/tray/darwin/tray-okTemplate.png');
    expect(tray().tooltips).toEqual(['All good']);
    expect(tray().menus).toHaveLength(1);
  });

  it('sets nothing again when the same model is rendered twice', () => {
    const { controller, tray } = setup('darwin');
    controller.render(model());
    controller.render(model());
    controller.render(JSON.parse(JSON.stringify(model())) as TrayModelLike);
    expect(tray().images).toEqual([]);
    expect(tray().tooltips).toHaveLength(1);
    expect(tray().menus).toHaveLength(1);
  });

  it('sets the image only when the state changes, the tooltip only when its text does', () => {
    const { controller, tray } = setup('win32');
    controller.render(model());
    controller.render(model({ tooltip: 'Checked 1 min ago' }));
    expect(tray().images).toEqual([]);
    controller.render(model({ icon: 'outage', tooltip: 'Checked 1 min ago' }));
    expect(tray().images.map((image) => image.path)).toEqual(['/app/assets/tray/win32/tray-outage.ico']);
    expect(tray().tooltips).toEqual(['All good', 'Checked 1 min ago']);
    expect(tray().menus).toHaveLength(1);
  });

  it('rebuilds the menu only when the menu spec changes', () => {
    const { controller, tray } = setup('darwin');
    controller.render(model());
    const muted = MENU.map((item) => (item.id === 'mute-1h' ? { id: 'unmute' as const, label: 'Unmute', enabled: true } : item));
    controller.render(model({ menu: muted }));
    expect(tray().menus).toHaveLength(2);
    expect(tray().menus[1]?.template.map((item) => item.id ?? item.type)).toEqual(['open', 'refresh', 'separator', 'unmute', 'quit']);
  });

  it('re-sets the context menu after any change on Linux, where AppIndicator needs it', () => {
    const { controller, tray } = setup('linux');
    controller.render(model());
    controller.render(model({ icon: 'degraded', tooltip: 'Teams is degraded' }));
    expect(tray().menus).toHaveLength(2);
    expect(tray().menus[1]).toBe(tray().menus[0]);
    controller.render(model({ icon: 'degraded', tooltip: 'Teams is degraded' }));
    expect(tray().menus).toHaveLength(2);
  });

  it('does not re-set an unchanged menu on macOS and Windows', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const { controller, tray } = setup(platform);
      controller.render(model());
      controller.render(model({ icon: 'degraded', tooltip: 'Teams is degraded' }));
      expect(tray().menus, platform).toHaveLength(1);
    }
  });

  it('dispatches menu items to their actions and a click on the icon to onClick', () => {
    const { controller, tray, done, clicks } = setup('linux');
    controller.render(model());
    tray().clickMenuItem('refresh');
    tray().clickMenuItem('quit');
    tray().emit('click');
    expect(done).toEqual(['refresh', 'quit']);
    expect(clicks()).toBe(1);
    const separator = tray().menus[0]?.template[2];
    expect(separator).toEqual({ type: 'separator' });
  });

  it('reports no bounds where the platform gives zeros (Linux), and real ones elsewhere', () => {
    const { controller, tray } = setup('win32');
    expect(controller.bounds()).toBeNull();
    controller.render(model());
    expect(controller.bounds()).toBeNull();
    tray().bounds = { x: 1800, y: 1040, width: 24, height: 40 };
    expect(controller.bounds()).toEqual({ x: 1800, y: 1040, width: 24, height: 40 });
  });

  it('keeps updating tooltip and menu when an icon file cannot be loaded', () => {
    const { controller, tray, log } = setup('linux');
    controller.render(model());
    tray().setImage = () => {
      throw new Error('bad image');
    };
    controller.render(model({ icon: 'outage', tooltip: 'Outlook is down' }));
    expect(tray().tooltips.at(-1)).toBe('Outlook is down');
    expect(log.has('could not show the outage icon')).toBe(true);
  });

  it('offers "Check for updates…" after Settings only while the update plan offers a check', () => {
    const checks: string[] = [];
    let offers = false;
    const actions = Object.fromEntries(
      (['open', 'refresh', 'mute-1h', 'mute-4h', 'mute-tomorrow', 'unmute', 'settings', 'quit'] as const).map((id) => [id, () => undefined]),
    ) as Record<Exclude<TrayActionId, 'report' | 'check-updates'>, () => void>;
    const { controller, trays } = fakeTrayController({
      platform: 'win32',
      onClick: () => undefined,
      actions: { ...actions, 'check-updates': () => void checks.push('asked') },
      offersUpdateCheck: () => offers,
    });
    const withSettings: TrayModelLike['menu'] = [...MENU.slice(0, -1), { id: 'settings', label: 'Settings…', enabled: true }, MENU[MENU.length - 1] as TrayModelLike['menu'][number]];
    const ids = (): Array<string | undefined> => trays[0]?.menus.at(-1)?.template.map((item) => item.id ?? item.type) ?? [];
    controller.render(model({ menu: withSettings }));
    expect(ids()).not.toContain('check-updates');
    offers = true;
    controller.render(model({ menu: withSettings }));
    expect(ids()).toEqual(['open', 'refresh', 'separator', 'mute-1h', 'settings', 'check-updates', 'quit']);
    expect(trays[0]?.menus.at(-1)?.template.find((item) => item.id === 'check-updates')?.label).toBe('Check for updates…');
    trays[0]?.clickMenuItem('check-updates');
    expect(checks).toEqual(['asked']);
    offers = false;
    controller.render(model({ menu: withSettings }));
    expect(ids()).not.toContain('check-updates');
  });

  it('says its own items ("Report a problem…", "Check for updates…") in the person\'s language', () => {
    const actions = Object.fromEntries(
      (['open', 'refresh', 'mute-1h', 'mute-4h', 'mute-tomorrow', 'unmute', 'settings', 'quit'] as const).map((id) => [id, () => undefined]),
    ) as Record<Exclude<TrayActionId, 'report' | 'check-updates'>, () => void>;
    const german = createTranslator('de');
    const { controller, trays } = fakeTrayController({
      platform: 'linux',
      onClick: () => undefined,
      actions: { ...actions, report: () => undefined, 'check-updates': () => undefined },
      offersUpdateCheck: () => true,
      labels: () => ({ report: german.t('tray.menu.report'), checkUpdates: german.t('tray.menu.checkUpdates') }),
    });
    controller.render(model({ menu: [{ id: 'open', label: 'Outage Radar öffnen', enabled: true }, { id: 'settings', label: 'Einstellungen…', enabled: true }] }));
    expect(trays[0]?.menus.at(-1)?.template.map((item) => item.label)).toEqual(['Outage Radar öffnen', 'Problem melden…', 'Einstellungen…', 'Nach Updates suchen…']);
  });

  it('points at an icon file that exists for every state and platform', () => {
    for (const platform of TRAY_PLATFORMS) {
      for (const state of TRAY_STATES) {
        const path = trayIconPath(ASSETS, state, platform);
        expect(existsSync(path), path).toBe(true);
      }
    }
  });
});
