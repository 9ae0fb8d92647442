/**
 * Which of the six tray states to show, from the verdict ("me or them") and the roll-up of the
 * watched services (DESIGN.md, "Tray state").
 *
 * - Problems with the person's own connection are `local` (violet), whatever the status pages say:
 *   a status page that fails to load during a local outage must not paint the tray red.
 * - A slow network is `local` only when nothing else is wrong; a real provider problem wins.
 * - A provider problem takes its color from the roll-up. When the roll-up has no problem to show
 *   (the failing service is not watched, or the page only posted an incident without impact), it
 *   is `degraded`: a problem we can see, never green.
 * - Green (`ok`) needs both a clean verdict and an operational roll-up; everything else we cannot
 *   vouch for is `unknown`.
 */
import type { Verdict } from '../verdict/connectivity-model.js';
import { assertNever, type Health } from '../health.js';
import type { TrayState } from './tray-icons.js';

export type { TrayState } from './tray-icons.js';

/** The roll-up's own problem color, or null when it shows no problem (operational or unknown). */
function problemState(overall: Health): TrayState | null {
  switch (overall) {
    case 'outage':
      return 'outage';
    case 'degraded':
      return 'degraded';
    case 'maintenance':
      return 'maintenance';
    case 'operational':
    case 'unknown':
      return null;
    default:
      return assertNever(overall, 'health');
  }
}

/** The tray state for this verdict and the roll-up (`overall`) of the watched services. */
export function trayStateFor(verdict: Verdict, overall: Health): TrayState {
  const kind = verdict.kind;
  switch (kind) {
    case 'no-network':
    case 'captive-portal':
    case 'dns-failure':
    case 'proxy-auth-required':
    case 'proxy-unreachable':
    case 'blocked':
    case 'clock-skew':
      return 'local';
    case 'slow-network':
      return problemState(overall) ?? 'local';
    case 'provider-incident':
    case 'provider-unconfirmed':
      return problemState(overall) ?? 'degraded';
    case 'all-good':
      return overall === 'operational' ? 'ok' : (problemState(overall) ?? 'unknown');
    case 'unknown':
      return 'unknown';
    default:
      return assertNever(kind, 'verdict kind');
  }
}
