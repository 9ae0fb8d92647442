/**
 * What the settings mean at a given moment: quiet hours and mutes. The settings model itself is
 * described by `schema/config.schema.json` and handled by the `settings-*.ts` modules: the one
 * validator (settings-schema), the layers (settings-layers), reading the store (settings-repair),
 * changes from the window (settings-patch) and the page's data (settings-view).
 */
import type { MutePreset, Settings } from '../contract.js';
import { assertNever } from '../health.js';

// Kept for the modules that imported them from here before the split.
export { applySettingsPatch } from './settings-patch.js';
export { DEFAULT_SETTINGS, settingsToAppConfig } from './settings-layers.js';
export { migrateSettings, REPAIRED_SETTINGS, toStoredSettings } from './settings-repair.js';
export { settingsView } from './settings-view.js';

const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

function minutesOf(clock: string): number | null {
  const match = CLOCK_TIME.exec(clock);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/**
 * Whether `now` (local time) falls in the quiet hours. The start is included and the end is not;
 * a start after the end spans midnight (22:00-07:00). Equal or broken times mean never quiet.
 */
export function inQuietHours(settings: Settings, now: Date): boolean {
  const { enabled, start, end } = settings.quietHours;
  if (!enabled) return false;
  const from = minutesOf(start);
  const to = minutesOf(end);
  if (from === null || to === null || from === to) return false;
  const t = now.getHours() * 60 + now.getMinutes();
  return from < to ? t >= from && t < to : t >= from || t < to;
}

/** The hour "until tomorrow" ends: the start of a working day. */
export const MUTE_TOMORROW_HOUR = 8;

/** When a mute preset ends; 'tomorrow' is the next local 08:00; 'off' is null (not muted). */
export function muteUntil(preset: MutePreset, now: Date): Date | null {
  switch (preset) {
    case '1h':
      return new Date(now.getTime() + 60 * 60_000);
    case '4h':
      return new Date(now.getTime() + 4 * 60 * 60_000);
    case 'tomorrow': {
      const at = new Date(now.getTime());
      at.setHours(MUTE_TOMORROW_HOUR, 0, 0, 0);
      // setDate + setHours rather than adding 24 h, so a DST change overnight still ends at 08:00.
      if (at.getTime() <= now.getTime()) {
        at.setDate(at.getDate() + 1);
        at.setHours(MUTE_TOMORROW_HOUR, 0, 0, 0);
      }
      return at;
    }
    case 'off':
      return null;
    default:
      return assertNever(preset, 'mute preset');
  }
}
