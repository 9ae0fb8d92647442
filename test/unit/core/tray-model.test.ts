import { describe, expect, it } from 'vitest';
import { resolveWatchPlan } from '../../../main/core/settings/config.js';
import type { CheckReport } from '../../../main/core/check.js';
import { mutePresetFor, trayModel, trayModelChanges, trayModelEqual, type MenuSpec } from '../../../main/core/tray/tray-model.js';
import { incident, makeReport, viewOf } from '../../helpers/reports.js';

const NOW = new Date(2025, 2, 4, 14, 30, 0).getTime();
const MIN = 60_000;

const exchangeIncident = incident('EX1224375', 'outage', { title: 'Users may be unable to send or receive email', affects: ['Exchange Online'] });

function outlookIncident(at: number): CheckReport {
  return makeReport(
    [
      { id: 'microsoft-public', health: 'operational', checkedAt: at },
      { id: 'org-feed', health: 'outage', incidents: [exchangeIncident], checkedAt: at },
      { id: 'acme', health: 'operational', checkedAt: at },
    ],
    'provider-incident',
    at,
  );
}

function allGood(at: number): CheckReport {
  return makeReport(
    [
      { id: 'microsoft-public', health: 'operational', checkedAt: at },
      { id: 'org-feed', health: 'operational', checkedAt: at },
      { id: 'acme', health: 'operational', checkedAt: at },
    ],
    'all-good',
    at,
  );
}

const labels = (menu: readonly MenuSpec[]): string[] => menu.map((m) => (m.id === 'separator' ? '---' : `${m.label}${m.enabled ? '' : ' (disabled)'}`));

describe('tray tooltip', () => {
  it('names the service and the Microsoft incident, with the age of the data', () => {
    const report = outlookIncident(NOW - 2 * MIN);
    const model = trayModel(viewOf(report), NOW, 'win32');
    expect(model.icon).toBe('outage');
    expect(model.tooltip).toBe('Outlook / Exchange: Microsoft incident EX1224375 · updated 2 min ago');
  });

  it('says all is well only when the tray is green', () => {
    expect(trayModel(viewOf(allGood(NOW - MIN)), NOW, 'darwin').tooltip).toBe('All watched services are working · updated 1 min ago');
  });

  it('a local problem speaks for itself; its age shows only once the data is old', () => {
    const report = makeReport([{ id: 'acme', health: 'operational', checkedAt: NOW }], 'captive-portal', NOW);
    expect(trayModel(viewOf(report), NOW + MIN, 'win32').tooltip).toBe('Your network needs a sign-in');
    // The engine rebuilds the report when a source crosses the staleness rule (three of its intervals).
    const later = makeReport([{ id: 'acme', health: 'operational', checkedAt: NOW + 20 * MIN, fetchedAt: NOW }], 'captive-portal', NOW + 20 * MIN);
    expect(trayModel(viewOf(later, { updatedAt: new Date(NOW).toISOString() }), NOW + 20 * MIN, 'win32').tooltip).toBe('Your network needs a sign-in · updated 20 min ago (stale)');
  });

  it('unknown says why, and old data is marked stale', () => {
    const checked = NOW - 3 * 60 * MIN;
    const report = makeReport(
      [
        { id: 'microsoft-public', health: 'unknown', checkedAt: checked, fetchedAt: null, error: 'network error ENOTFOUND' },
        { id: 'org-feed', health: 'unknown', checkedAt: checked, fetchedAt: null, error: 'network error ENOTFOUND' },
        { id: 'acme', health: 'unknown', checkedAt: checked, fetchedAt: null, error: 'no complete answer within 10 s' },
      ],
      'unknown',
      checked,
    );
    expect(report.tray).toBe('unknown');
    expect(trayModel(viewOf(report), NOW, 'win32').tooltip).toBe('Status unknown: cannot reach status pages (network error ENOTFOUND; no complete answer within 10 s) · updated 3 h ago (stale)');
  });

  it('saved status shown at start says when it was saved and that it is refreshing', () => {
    const report = outlookIncident(new Date(2025, 2, 4, 14, 2).getTime());
    const model = trayModel(viewOf(report, { fromCache: true, refreshing: true }), NOW, 'win32');
    expect(model.tooltip).toBe('Outlook / Exchange: Microsoft incident EX1224375 · showing saved status from 14:02 · refreshing…');
    const yesterday = outlookIncident(new Date(2025, 2, 3, 17, 45).getTime());
    expect(trayModel(viewOf(yesterday, { fromCache: true }), NOW, 'linux').tooltip).toMatch(/showing saved status from yesterday 17:45$/);
  });

  it('before the first check it says it is checking', () => {
    expect(trayModel(viewOf(null, { refreshing: true }), NOW, 'win32').tooltip).toBe('Outage Radar: checking…');
  });

  it('fits the Windows limit of 127 characters, shortening the situation but keeping the age', () => {
    const plan = resolveWatchPlan({
      watch: [],
      sources: ['a', 'b', 'c', 'd'].map((id) => ({ id: `vendor-${id}`, type: 'statuspage' as const, name: `A rather long vendor name number ${id}`, url: `https://${id}.example/` })),
    });
    const report = makeReport(
      ['a', 'b', 'c', 'd'].map((id) => ({ id: `vendor-${id}`, health: 'outage' as const, incidents: [incident(`x${id}`, 'outage', { title: `Everything is on fire in region ${id}` })], checkedAt: NOW })),
      'provider-incident',
      NOW,
      { plan },
    );
    const win = trayModel(viewOf(report), NOW + 5 * MIN, 'win32').tooltip;
    expect(win.length).toBeLessThanOrEqual(127);
    expect(win).toMatch(/^A rather long vendor name number a: Everything is on fire in region a; .*… · updated 5 min ago$/);
    expect(trayModel(viewOf(report), NOW + 5 * MIN, 'darwin').tooltip.length).toBeGreaterThan(127);
  });
});

describe('tray menu', () => {
  it('offers open, refresh, three mute presets, settings and quit', () => {
    const menu = trayModel(viewOf(allGood(NOW)), NOW, 'darwin').menu;
    expect(labels(menu)).toEqual([
      'Open Outage Radar',
      'Refresh now',
      '---',
      'Mute notifications for 1 hour',
      'Mute notifications for 4 hours',
      'Mute notifications until tomorrow',
      '---',
      'Settings…',
      'Quit Outage Radar',
    ]);
    expect(menu.map((m) => m.id).filter((id) => id.startsWith('mute')).map((id) => mutePresetFor(id as 'mute-1h'))).toEqual(['1h', '4h', 'tomorrow']);
  });

  it('shows "Refreshing…" disabled while a check runs, and "Unmute" with the time while muted', () => {
    const muted = new Date(2025, 2, 4, 15, 0).toISOString();
    const menu = trayModel(viewOf(allGood(NOW), { refreshing: true, mutedUntil: muted }), NOW, 'win32').menu;
    expect(labels(menu)).toEqual(['Open Outage Radar', 'Refreshing… (disabled)', '---', 'Unmute (muted until 15:00)', '---', 'Settings…', 'Exit']);
    expect(mutePresetFor('unmute')).toBe('off');
    const overnight = new Date(2025, 2, 5, 8, 0).toISOString();
    expect(labels(trayModel(viewOf(allGood(NOW), { mutedUntil: overnight }), NOW, 'win32').menu)).toContain('Unmute (muted until tomorrow 08:00)');
    // An expired mute no longer shows.
    expect(labels(trayModel(viewOf(allGood(NOW), { mutedUntil: new Date(NOW - MIN).toISOString() }), NOW, 'win32').menu)).toContain('Mute notifications for 1 hour');
  });
});

describe('changes', () => {
  it('tells the shell which parts changed, so the icon and menu are set only when they did', () => {
    const report = allGood(NOW);
    const first = trayModel(viewOf(report), NOW + MIN, 'win32');
    const later = trayModel(viewOf(report), NOW + 2 * MIN, 'win32');
    expect(trayModelChanges(first, later)).toEqual({ icon: false, tooltip: true, menu: false });
    expect(trayModelEqual(first, trayModel(viewOf(report), NOW + MIN + 10_000, 'win32'))).toBe(true);
    const refreshing = trayModel(viewOf(report, { refreshing: true }), NOW + MIN, 'win32');
    expect(trayModelChanges(first, refreshing)).toEqual({ icon: false, tooltip: false, menu: true });
    expect(trayModelChanges(null, first)).toEqual({ icon: true, tooltip: true, menu: true });
    expect(trayModelChanges(first, trayModel(viewOf(outlookIncident(NOW)), NOW + MIN, 'win32')).icon).toBe(true);
  });
});
