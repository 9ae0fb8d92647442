/**
 * Where the window can be: the three sections of the top bar, which section a route belongs to,
 * and the page name a route gives the document title.
 */
import type { Route, ViewState } from '../main/core/contract.js';
import { assertNever } from '../main/core/health.js';
import { trayWord } from './model/labels.js';
import { findIncident, findService } from './model/report.js';

export type Section = 'overview' | 'diagnostics' | 'settings';

export const SECTIONS: readonly { readonly id: Section; readonly label: string }[] = [
  { id: 'overview', label: 'Status' },
  { id: 'diagnostics', label: 'Network' },
  { id: 'settings', label: 'Settings' },
];

/** The section whose tab is current while `route` shows. */
export function sectionOf(route: Route): Section {
  switch (route.view) {
    case 'overview':
    case 'service':
    case 'incident':
      return 'overview';
    case 'diagnostics':
      return 'diagnostics';
    case 'settings':
      return 'settings';
    default:
      return assertNever(route, 'route');
  }
}

export function sameRoute(a: Route, b: Route): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** True for a route the top bar opens directly (Back from it has nowhere to go). */
export function isSection(route: Route): boolean {
  return route.view === 'overview' || route.view === 'diagnostics' || route.view === 'settings';
}

/** The first part of the document title: what this page is about. */
export function pageName(route: Route, state: ViewState): string {
  switch (route.view) {
    case 'overview':
      return trayWord(state.tray);
    case 'service':
      return findService(state.report, route.serviceId)?.name ?? 'Service';
    case 'incident':
      return findIncident(state.report, route.sourceId, route.incidentId)?.incident.title ?? 'Incident';
    case 'diagnostics':
      return 'Network check';
    case 'settings':
      return 'Settings';
    default:
      return assertNever(route, 'route');
  }
}
