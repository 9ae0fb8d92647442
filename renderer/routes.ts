/**
 * Where the window can be: the three sections of the top bar, which section a route belongs to,
 * and the page name a route gives the document title.
 */
import type { Route, ViewState } from '../main/core/contract.js';
import { assertNever } from '../main/core/health.js';
import { trayWord } from './model/labels.js';
import { findIncident, findService } from './model/report.js';
import { t } from './i18n.js';
import type { MessageKey } from '../main/core/i18n/translate.js';

export type Section = 'overview' | 'diagnostics' | 'settings';

/** The top bar's sections; `label` is a catalog key (the window's language may change). */
export const SECTIONS: readonly { readonly id: Section; readonly label: MessageKey }[] = [
  { id: 'overview', label: 'ui.section.status' },
  { id: 'diagnostics', label: 'ui.section.network' },
  { id: 'settings', label: 'ui.section.settings' },
];

/** The section whose tab is current while `route` shows. */
export function sectionOf(route: Route): Section {
  switch (route.view) {
    case 'overview':
    case 'service':
    case 'incident':
    case 'report':
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
      return findService(state.report, route.serviceId)?.name ?? t('ui.page.service');
    case 'incident':
      return findIncident(state.report, route.sourceId, route.incidentId)?.incident.title ?? t('ui.page.incident');
    case 'diagnostics':
      return t('ui.page.network');
    case 'settings':
      return t('ui.section.settings');
    case 'report':
      return t('ui.page.report');
    default:
      return assertNever(route, 'route');
  }
}
