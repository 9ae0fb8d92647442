/**
 * What the diagnostics report says about this machine (app version, OS, locale, time zone) and
 * what it must find to remove (user name, home folder, host name). Never throws: a report is most
 * needed when something is broken, and `os.userInfo()` throws for a user without a passwd entry
 * (containers, some directory setups); a fact the OS will not give is null or "unknown".
 */
import os from 'node:os';
import type { MachineFacts } from '../core/helpdesk/diagnostics-report.js';
import { APP_VERSION } from '../core/version.js';

function attempt<T>(read: () => T, fallback: T): T {
  try {
    return read() ?? fallback;
  } catch {
    return fallback;
  }
}

/** A non-empty string, else null. */
const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

/** Reads the facts now; `appVersion` defaults to this build's. */
export function readMachineFacts(appVersion: string = APP_VERSION): MachineFacts {
  const intl = attempt(() => Intl.DateTimeFormat().resolvedOptions(), null);
  return {
    appVersion,
    platform: attempt(() => os.platform(), 'unknown'),
    release: attempt(() => os.release(), 'unknown'),
    locale: text(intl?.locale) ?? 'unknown',
    timeZone: text(intl?.timeZone) ?? 'unknown',
    userName: attempt(() => text(os.userInfo().username), null),
    homeDir: attempt(() => text(os.homedir()), null),
    hostName: attempt(() => text(os.hostname()), null),
  };
}
