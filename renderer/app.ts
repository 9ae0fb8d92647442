/**
 * The window's controller: holds the latest ViewState and the current route, builds the shell
 * (section bar, main region, live region), runs the actions views ask for, and re-renders without
 * losing focus, open details or scroll position.
 */
import type { AppApi, LinkTarget, MutePreset, Route, ViewState } from '../main/core/contract.js';
import { assertNever } from '../main/core/health.js';
import { trayWord } from './model/labels.js';
import { announcement, findIncident, findService } from './model/report.js';
import type { ViewActions, ViewContext } from './views/context.js';
import { button, h } from './views/dom.js';
import { captureUi, findKey, restoreUi, type UiSnapshot } from './views/focus.js';
import { glyph } from './views/glyph.js';
import { diagnosticsView } from './views/diagnostics.js';
import { incidentView } from './views/incident.js';
import { overviewView } from './views/overview.js';
import { serviceView } from './views/service.js';
import { SettingsForm } from './views/settings.js';

type Section = 'overview' | 'diagnostics' | 'settings';

const SECTIONS: readonly { readonly id: Section; readonly label: string }[] = [
  { id: 'overview', label: 'Status' },
  { id: 'diagnostics', label: 'Network' },
  { id: 'settings', label: 'Settings' },
];

function sectionOf(route: Route): Section {
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

function sameRoute(a: Route, b: Route): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Where we came from, so Back returns to the same control and scroll position. */
interface HistoryEntry {
  readonly route: Route;
  readonly ui: UiSnapshot;
}

/** Ages ("2 min ago") are re-read this often while the window is open. */
const AGE_TICK_MS = 30_000;

export class App {
  private state: ViewState;
  private route: Route = { view: 'overview' };
  private history: HistoryEntry[] = [];
  private refreshPending = false;
  private diagnosticsPending = false;
  private copyOutcome: ViewContext['copyOutcome'] = null;
  private actionError: string | null = null;
  private settings: SettingsForm | null = null;
  private readonly tabs = new Map<Section, HTMLButtonElement>();
  private readonly brand: HTMLElement;
  readonly main: HTMLElement;
  private readonly live: HTMLElement;
  private readonly actions: ViewActions;

  constructor(
    private readonly api: AppApi,
    private readonly root: HTMLElement,
    initial: ViewState,
  ) {
    this.state = initial;
    this.actions = {
      go: (route) => this.go(route),
      back: () => this.back(),
      refresh: () => void this.refresh(),
      runDiagnostics: () => void this.runDiagnostics(),
      copyReport: () => void this.copyReport(),
      mute: (preset) => void this.mute(preset),
      openLink: (target) => void this.openLink(target),
    };
    this.brand = h('span', { class: 'brand' });
    this.main = h('main', { id: 'main', attrs: { tabindex: -1, 'aria-labelledby': 'view-title' } });
    this.live = h('div', { class: 'sr-only', id: 'live', attrs: { role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' } });
    this.root.replaceChildren(this.header(), this.main, this.live);
    this.render({ focusTitle: false });
    api.onStateChanged((state) => this.receive(state));
    api.onNavigate((route) => this.navigateFromMain(route));
    document.addEventListener('keydown', (event) => this.onKey(event));
    window.setInterval(() => {
      if (document.visibilityState === 'visible' && this.route.view !== 'settings') this.render({ focusTitle: false });
    }, AGE_TICK_MS);
  }

  private header(): HTMLElement {
    const nav = h(
      'nav',
      { class: 'tabs', attrs: { 'aria-label': 'Sections' } },
      ...SECTIONS.map(({ id, label }) => {
        const tab = button(label, () => this.openSection(id), { class: 'tab', key: `tab:${id}` });
        this.tabs.set(id, tab);
        return tab;
      }),
    );
    return h(
      'header',
      { class: 'topbar' },
      this.brand,
      nav,
      button(h('span', { attrs: { 'aria-hidden': 'true' } }, '×'), () => void this.api.hideWindow(), {
        class: 'icon-button',
        key: 'hide',
        attrs: { 'aria-label': 'Hide window', title: 'Hide window (Esc)' },
      }),
    );
  }

  private openSection(section: Section): void {
    const target: Route = { view: section };
    if (sameRoute(this.route, target)) return;
    this.history = [];
    this.show(target);
  }

  /** Moves to a view the person asked for; Back returns to where they were. */
  go(route: Route): void {
    if (sameRoute(route, this.route)) return;
    this.history.push({ route: this.route, ui: captureUi(this.main, this.main) });
    this.show(route);
  }

  back(): void {
    const previous = this.history.pop();
    if (!previous) {
      this.show({ view: 'overview' });
      return;
    }
    this.route = previous.route;
    this.copyOutcome = null;
    this.render({ focusTitle: false });
    if (!restoreUi(this.main, this.main, previous.ui)) this.focusTitle();
  }

  /** A notification or the tray menu asked for a view: Back then leads to the overview. */
  private navigateFromMain(route: Route): void {
    this.history = route.view === 'overview' || route.view === 'diagnostics' || route.view === 'settings' ? [] : [{ route: { view: 'overview' }, ui: { focusKey: null, openKeys: [], scrollTop: 0 } }];
    this.show(route);
  }

  private show(route: Route): void {
    this.route = route;
    this.copyOutcome = null;
    this.actionError = null;
    this.main.scrollTop = 0;
    this.render({ focusTitle: true });
  }

  /** Takes new state from main; returns what was announced, if anything. */
  private receive(state: ViewState): string | null {
    const said = announcement(this.state, state);
    this.state = state;
    if (this.route.view === 'settings') this.settings?.setState(state);
    else this.render({ focusTitle: false });
    this.updateChrome();
    if (said) this.announce(said);
    return said;
  }

  announce(text: string): void {
    // Clearing first makes a repeated sentence ("Refreshing…") be read again.
    this.live.textContent = '';
    window.setTimeout(() => {
      this.live.textContent = text;
    }, 50);
  }

  private context(): ViewContext {
    return {
      state: this.state,
      nowMs: Date.now(),
      actions: this.actions,
      refreshPending: this.refreshPending,
      diagnosticsPending: this.diagnosticsPending,
      copyOutcome: this.copyOutcome,
      actionError: this.actionError,
    };
  }

  private build(): HTMLElement {
    const ctx = this.context();
    const route = this.route;
    switch (route.view) {
      case 'overview':
        return overviewView(ctx);
      case 'service':
        return serviceView(ctx, route.serviceId);
      case 'incident':
        return incidentView(ctx, route.sourceId, route.incidentId);
      case 'diagnostics':
        return diagnosticsView(ctx);
      case 'settings': {
        if (!this.settings) {
          this.settings = new SettingsForm({ api: this.api, announce: (t) => this.announce(t), mute: (p) => void this.mute(p), scroller: () => this.main });
          void this.settings.load();
        }
        this.settings.setState(this.state);
        return this.settings.element;
      }
      default:
        return assertNever(route, 'route');
    }
  }

  render(options: { focusTitle: boolean }): void {
    const snapshot = captureUi(this.main, this.main);
    const view = this.build();
    if (view.parentElement !== this.main || this.main.childElementCount !== 1) this.main.replaceChildren(view);
    if (options.focusTitle) this.focusTitle();
    else restoreUi(this.main, this.main, snapshot);
    this.updateChrome();
  }

  private focusTitle(): void {
    this.main.querySelector<HTMLElement>('h1')?.focus({ preventScroll: true });
  }

  /** Section bar state, the brand glyph and the document title follow the route and the state. */
  private updateChrome(): void {
    const current = sectionOf(this.route);
    for (const [id, tab] of this.tabs) {
      if (id === current) tab.setAttribute('aria-current', 'page');
      else tab.removeAttribute('aria-current');
    }
    this.brand.replaceChildren(glyph(this.state.tray), h('span', { class: 'sr-only' }, `Outage Radar: ${trayWord(this.state.tray)}`));
    document.title = `${this.pageName()} – Outage Radar`;
  }

  private pageName(): string {
    const route = this.route;
    switch (route.view) {
      case 'overview':
        return trayWord(this.state.tray);
      case 'service':
        return findService(this.state.report, route.serviceId)?.name ?? 'Service';
      case 'incident':
        return findIncident(this.state.report, route.sourceId, route.incidentId)?.incident.title ?? 'Incident';
      case 'diagnostics':
        return 'Network check';
      case 'settings':
        return 'Settings';
      default:
        return assertNever(route, 'route');
    }
  }

  private onKey(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    // Esc first closes an open "How we know" and similar; a second Esc hides the window.
    const details = (document.activeElement as HTMLElement | null)?.closest('details[open]');
    if (details instanceof HTMLDetailsElement) {
      details.open = false;
      details.querySelector('summary')?.focus();
      return;
    }
    event.preventDefault();
    void this.api.hideWindow();
  }

  private async refresh(): Promise<void> {
    if (this.refreshPending) return;
    this.refreshPending = true;
    this.actionError = null;
    this.render({ focusTitle: false });
    this.announce('Refreshing…');
    try {
      const state = await this.api.refresh();
      this.refreshPending = false;
      if (!this.receive(state)) this.announce('Status is up to date.');
    } catch (error) {
      this.refreshPending = false;
      this.actionError = `Could not refresh: ${(error as Error).message ?? 'the app did not answer'}`;
      this.render({ focusTitle: false });
    }
  }

  private async runDiagnostics(): Promise<void> {
    if (this.diagnosticsPending) return;
    this.diagnosticsPending = true;
    this.actionError = null;
    this.render({ focusTitle: false });
    this.announce('Checking your connection…');
    try {
      const state = await this.api.runDiagnostics();
      this.diagnosticsPending = false;
      this.receive(state);
      this.announce(`Network check finished: ${state.report?.verdict.title ?? 'no result yet'}`);
    } catch (error) {
      this.diagnosticsPending = false;
      this.actionError = `The network check could not run: ${(error as Error).message ?? 'the app did not answer'}`;
      this.render({ focusTitle: false });
    }
  }

  private async copyReport(): Promise<void> {
    try {
      await this.api.copyReport();
      this.copyOutcome = { ok: true, text: 'Report copied. Paste it into your ticket or email to the helpdesk.' };
    } catch (error) {
      this.copyOutcome = { ok: false, text: `Could not copy the report: ${(error as Error).message ?? 'the app did not answer'}` };
    }
    this.render({ focusTitle: false });
    this.announce(this.copyOutcome.text);
  }

  private async mute(preset: MutePreset): Promise<void> {
    try {
      const state = await this.api.mute(preset);
      this.receive(state);
      this.announce(preset === 'off' ? 'Notifications are on again.' : 'Notifications paused.');
      // The pause buttons change under the focus; keep focus on the pause group.
      const fallback = preset === 'off' ? findKey(this.main, 'mute:1h') : findKey(this.main, `mute:${preset}`);
      if (document.activeElement === document.body) fallback?.focus();
    } catch (error) {
      this.actionError = `Could not pause notifications: ${(error as Error).message ?? 'the app did not answer'}`;
      this.render({ focusTitle: false });
    }
  }

  private async openLink(target: LinkTarget): Promise<void> {
    try {
      const opened = await this.api.openLink(target);
      if (!opened) this.announce('That page could not be opened.');
    } catch {
      this.announce('That page could not be opened.');
    }
  }
}
