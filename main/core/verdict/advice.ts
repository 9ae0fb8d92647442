/**
 * The words a person reads: one headline per verdict ("Your network needs a sign-in") and what to do
 * about it, written for someone who has never heard of DNS. Also the CLI's exit code per tray state.
 */
import type { VerdictKind } from './connectivity-model.js';
import { assertNever, type Health } from '../health.js';
import { isLocalProblem } from './local-problem.js';
import type { TrayState } from '../tray/tray-icons.js';

/** Details that make the advice concrete; everything is optional. */
export interface AdviceContext {
  /** Who has the problem and fixes it, e.g. "Microsoft", "Zoom" (not the page we read it on). */
  readonly provider?: string | null;
  /** The provider's problem is planned maintenance, not an incident. */
  readonly maintenance?: boolean;
  /** The failing part is the sign-in service (everything else answers). */
  readonly signIn?: boolean;
}

/** The one-sentence answer to "is it me or them?". */
export function verdictTitle(kind: VerdictKind, context: AdviceContext = {}): string {
  switch (kind) {
    case 'all-good':
      return 'Nothing is wrong that we can see';
    case 'provider-incident':
      if (context.maintenance) return `${context.provider ?? 'The provider'} is doing planned maintenance`;
      return `${context.provider ?? 'The provider'} has an incident: it is not you`;
    case 'provider-unconfirmed':
      if (context.signIn) return 'Signing in fails on the provider side; your network is fine';
      return 'The service is failing on its side; your network is fine';
    case 'no-network':
      return 'You are not connected to the internet';
    case 'captive-portal':
      return 'Your network needs a sign-in';
    case 'dns-failure':
      return 'Your network cannot look up internet addresses';
    case 'proxy-auth-required':
      return "Your company network's proxy wants you to sign in";
    case 'proxy-unreachable':
      return "Your company's proxy does not answer";
    case 'blocked':
      return 'Your network cannot reach the service but reaches everything else';
    case 'clock-skew':
      return "Your computer's date or time is wrong";
    case 'slow-network':
      return 'Your connection is slow';
    case 'unknown':
      return 'We cannot tell what is wrong';
    default:
      return assertNever(kind, 'verdict kind');
  }
}

/** The same words fit the window and the terminal: both can produce the report. */
const GIVE_REPORT = 'give them the report from Outage Radar';


/** What to do now, in plain words. */
export function verdictAdvice(kind: VerdictKind, context: AdviceContext = {}): string {
  switch (kind) {
    case 'all-good':
      return `If an app still fails, close and reopen it once. If it keeps failing, call the helpdesk and ${GIVE_REPORT}.`;
    case 'provider-incident':
      if (context.maintenance) {
        return 'Nothing to fix on your side. Wait until the maintenance ends; if the app still misbehaves afterwards, close and reopen it once.';
      }
      return `Nothing to fix on your side and no ticket needed: wait for ${context.provider ?? 'the provider'} to fix it. When it is fixed, close and reopen the app.`;
    case 'provider-unconfirmed':
      return `It looks like their problem, but they have not posted anything yet. Wait a few minutes and try again. If it lasts, call the helpdesk and ${GIVE_REPORT}.`;
    case 'no-network':
      return 'Check that Wi-Fi is on or the network cable is plugged in, and that airplane mode is off. Your apps reconnect by themselves.';
    case 'captive-portal':
      return 'Open a web browser and finish the network sign-in page (hotel, train and guest networks, wired or Wi-Fi, have one). Your apps reconnect afterwards.';
    case 'dns-failure':
      return 'Turn Wi-Fi off and on again, or restart your router at home. At the office, call the helpdesk: the network cannot look up addresses (DNS).';
    case 'proxy-auth-required':
      return 'Lock and unlock your computer, or restart it, so it signs in to the company network again. If it keeps asking, call the helpdesk.';
    case 'proxy-unreachable':
      return `Every connection from this computer goes through your company's proxy, and it does not answer, so apps cannot reach anything. If you are away from the office, connect the VPN or try another network; otherwise call the helpdesk and ${GIVE_REPORT}.`;
    case 'blocked':
      return `A firewall, proxy or VPN on this network blocks the service. Try another network (for example your phone hotspot), or call the helpdesk and ${GIVE_REPORT}.`;
    case 'clock-skew':
      return "Your computer's date or time is wrong; fix it in Settings > Time (turn on setting the time automatically), then close and reopen the app.";
    case 'slow-network':
      return 'Move closer to the Wi-Fi, pause large downloads or video, or disconnect the VPN if you do not need it. Calls may stutter until it improves.';
    case 'unknown':
      return `If something fails, wait a few minutes and try again. If it keeps failing, call the helpdesk and ${GIVE_REPORT}.`;
    default:
      return assertNever(kind, 'verdict kind');
  }
}

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
