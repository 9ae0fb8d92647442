/**
 * Which verdicts mean "it is your connection, not them": the tray paints them violet, the CLI
 * exits 2, notifications and the situation line name them first.
 */
import { assertNever } from '../health.js';
import type { VerdictKind } from './connectivity-model.js';

/** True for the verdicts that mean "it is your connection, not them". */
export function isLocalProblem(kind: VerdictKind): boolean {
  switch (kind) {
    case 'no-network':
    case 'captive-portal':
    case 'dns-failure':
    case 'proxy-auth-required':
    case 'proxy-unreachable':
    case 'blocked':
    case 'clock-skew':
      return true;
    case 'slow-network':
    case 'all-good':
    case 'provider-incident':
    case 'provider-unconfirmed':
    case 'unknown':
      return false;
    default:
      return assertNever(kind, 'verdict kind');
  }
}
