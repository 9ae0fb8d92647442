/**
 * The CLI's exit codes, by the monitoring-plugin convention: from the tray state (`diagnose`) and
 * from the roll-up plus the verdict (`check`).
 */
import type { VerdictKind } from './connectivity-model.js';
import { assertNever, type Health } from '../health.js';
import { isLocalProblem } from './local-problem.js';
import type { TrayState } from '../tray/tray-icons.js';

/**
 * Exit code of `outage-radar check`, by the monitoring-plugin convention: 0 all operational,
 * 1 degraded or maintenance (warning), 2 outage or a problem with the local network (critical),
 * 3 unknown.
 */
export function exitCodeFor(tray: TrayState): 0 | 1 | 2 | 3 {
  switch (tray) {
    case 'ok':
      return 0;
    case 'maintenance':
    case 'degraded':
      return 1;
    case 'outage':
    case 'local':
      return 2;
    case 'unknown':
      return 3;
    default:
      return assertNever(tray, 'tray state');
  }
}

/**
 * Exit code of `outage-radar check` from the roll-up (`overall`) and the verdict, by the documented
 * table: 2 for a local network problem or an outage, 1 for degraded or maintenance, 3 when the
 * roll-up is unknown, 0 only when every watched service is operational and the verdict agrees.
 * With an operational roll-up, a verdict that still sees a problem follows the tray: a provider
 * problem is a warning (1), a slow connection is local (2), and a verdict that cannot tell is 3.
 */
export function exitCodeForReport(overall: Health, verdict: VerdictKind): 0 | 1 | 2 | 3 {
  if (isLocalProblem(verdict)) return 2;
  switch (overall) {
    case 'outage':
      return 2;
    case 'degraded':
    case 'maintenance':
      return 1;
    case 'unknown':
      return 3;
    case 'operational':
      break;
    default:
      return assertNever(overall, 'health');
  }
  switch (verdict) {
    case 'all-good':
      return 0;
    case 'provider-incident':
    case 'provider-unconfirmed':
      return 1;
    case 'slow-network':
      return 2;
    case 'unknown':
      return 3;
    default:
      // Local kinds returned above.
      return 2;
  }
}
