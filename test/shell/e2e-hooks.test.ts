import { describe, expect, it } from 'vitest';
import { E2E_FLAG, E2E_GLOBAL, E2E_SOURCE_URL, e2eSourceUrl, isE2e, maybeRegisterE2eHooks, type E2eHooks } from '../../main/shell/e2e-hooks.js';

const hooks: E2eHooks = {
  trayState: () => 'ok',
  trayTooltip: () => 'All good',
  windowExists: () => false,
  windowVisible: () => false,
  openWindow: () => undefined,
  hideWindow: () => undefined,
  settingsPath: '/tmp/settings.json',
};

const E2E_ENV = { [E2E_FLAG]: '1', [E2E_SOURCE_URL]: 'http://127.0.0.1:4321/api/v2/summary.json' };

describe('e2e hooks', () => {
  it('stay absent unless OUTAGE_RADAR_E2E=1', () => {
    for (const env of [{}, { OUTAGE_RADAR_E2E: '0' }, { OUTAGE_RADAR_E2E: 'true' }, { NODE_ENV: 'test' }]) {
      const target = {};
      expect(maybeRegisterE2eHooks({ env, isPackaged: false }, hooks, target)).toBe(false);
      expect(E2E_GLOBAL in target).toBe(false);
    }
  });

  it('are installed, frozen, when the flag is set in an unpackaged build', () => {
    const target: Record<string, unknown> = {};
    expect(maybeRegisterE2eHooks({ env: { OUTAGE_RADAR_E2E: '1' }, isPackaged: false }, hooks, target)).toBe(true);
    const installed = target[E2E_GLOBAL] as E2eHooks;
    expect(installed.trayState()).toBe('ok');
    expect(installed.settingsPath).toBe('/tmp/settings.json');
    expect(Object.isFrozen(installed)).toBe(true);
  });

  it('in an unpackaged build, the e2e mode watches the source URL from the environment', () => {
    const context = { env: E2E_ENV, isPackaged: false };
    expect(isE2e(context)).toBe(true);
    expect(e2eSourceUrl(context)).toBe('http://127.0.0.1:4321/api/v2/summary.json');
    expect(e2eSourceUrl({ env: { [E2E_FLAG]: '1', [E2E_SOURCE_URL]: '' }, isPackaged: false })).toBeNull();
  });

  it('an installed (packaged) app ignores every test variable: no hooks, no e2e mode, no source from the environment', () => {
    const context = { env: E2E_ENV, isPackaged: true };
    const target = {};
    expect(isE2e(context)).toBe(false);
    expect(maybeRegisterE2eHooks(context, hooks, target)).toBe(false);
    expect(E2E_GLOBAL in target).toBe(false);
    expect(e2eSourceUrl(context)).toBeNull();
    // The source URL alone never turns anything on either.
    expect(e2eSourceUrl({ env: { [E2E_SOURCE_URL]: 'http://127.0.0.1:1/' }, isPackaged: false })).toBeNull();
  });
});
