import { describe, expect, it } from 'vitest';
import { E2E_GLOBAL, maybeRegisterE2eHooks, type E2eHooks } from '../../main/shell/e2e-hooks.js';

const hooks: E2eHooks = {
  trayState: () => 'ok',
  trayTooltip: () => 'All good',
  windowExists: () => false,
  windowVisible: () => false,
  openWindow: () => undefined,
  hideWindow: () => undefined,
  settingsPath: '/tmp/settings.json',
};

describe('e2e hooks', () => {
  it('stay absent unless OUTAGE_RADAR_E2E=1', () => {
    for (const env of [{}, { OUTAGE_RADAR_E2E: '0' }, { OUTAGE_RADAR_E2E: 'true' }, { NODE_ENV: 'test' }]) {
      const target = {};
      expect(maybeRegisterE2eHooks(env, hooks, target)).toBe(false);
      expect(E2E_GLOBAL in target).toBe(false);
    }
  });

  it('are installed, frozen, when the flag is set', () => {
    const target: Record<string, unknown> = {};
    expect(maybeRegisterE2eHooks({ OUTAGE_RADAR_E2E: '1' }, hooks, target)).toBe(true);
    const installed = target[E2E_GLOBAL] as E2eHooks;
    expect(installed.trayState()).toBe('ok');
    expect(installed.settingsPath).toBe('/tmp/settings.json');
    expect(Object.isFrozen(installed)).toBe(true);
  });
});
