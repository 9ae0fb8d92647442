/**
 * The window's controller: holds the latest ViewState and the current route, builds the shell
 * (section bar, main region, live region), and re-renders without losing focus, open details or
 * scroll position. What a person's actions do lives in actions.ts; where the window can be, in
 * routes.ts.
 */
import type { AppApi, Route, ViewState } from '../main/core/contract.js';
import type { Deflection } from '../main/core/helpdesk/deflection.js';
import { assertNever } from '../main/core/health.js';
import { Actions } from './actions.js';
import { t, useLocale } from './i18n.js';
import { LiveRegion } from './live-region.js';
import { trayWord } from './model/labels.js';
import { announcement } from './model/report.js';
import { isSection, pageName, sameRoute, sectionOf, SECTIONS, type Section } from './routes.js';
import type { ViewActions, ViewContext } from './views/context.js';
import { button, h } from './views/dom.js';
import { captureUi, findKey, restoreUi, type UiSnapshot } from './views/focus.js';
import { glyph } from './views/glyph.js';
import { diagnosticsView } from './views/diagnostics.js';
import { incidentView } from './views/incident.js';
import { overviewView } from './views/overview.js';
import { ReportProblemFlow } from './views/report-problem.js';
import { serviceView } from './views/service.js';
import { SettingsForm } from './views/settings.js';

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
  private settings: SettingsForm | null = null;
  private reportFlow: ReportProblemFlow | null = null;
  /** Main's deflection banners ("IT is aware; you do not need to open a ticket"), per service. */
  private deflections: readonly Deflection[] = [];
  private readonly tabs = new Map<Section, HTMLButtonElement>();
  private readonly brand: HTMLElement;
  readonly main: HTMLElement;
  private readonly live = new LiveRegion();
  private readonly work: Actions;
  private readonly actions: ViewActions;

  constructor(
    private readonly api: AppApi,
    private readonly root: HTMLElement,
    initial: ViewState,
  ) {
    this.state = initial;
    useLocale(initial.locale);
    this.work = new Actions({
      api,
      state: () => this.state,
      take: (state) => this.receive(state, { quiet: true }),
      render: () => this.render({ focusTitle: false }),
      announce: (text) => this.announce(text),
      keepFocusNear: (key) => {
        if (document.activeElement === document.body) findKey(this.main, key)?.focus();
      },
    });
    this.actions = {
      go: (route) => this.go(route),
      back: () => this.back(),
      refresh: () => void this.work.refresh(),
      runDiagnostics: () => void this.work.runDiagnostics(),
      copyReport: () => void this.work.copyReport(),
      mute: (preset) => void this.work.mute(preset),
      openLink: (target) => void this.work.openLink(target),
      restartClient: (pid) => void this.work.restartClient(pid),
      runAdviceAction: (target) => void this.work.runAdviceAction(target),
    };
    this.brand = h('span', { class: 'brand' });
    this.main = h('main', { id: 'main', attrs: { tabindex: -1, 'aria-labelledby': 'view-title' } });
    this.root.replaceChildren(this.header(), this.main, this.live.element);
    this.render({ focusTitle: false });
    api.onStateChanged((state) => this.receive(state, { quiet: this.work.quiet }));
    api.onNavigate((route) => this.navigateFromMain(route));
    void this.loadDeflections();
    document.addEventListener('keydown', (event) => this.onKey(event));
    window.setInterval(() => {
      if (document.visibilityState === 'visible' && this.route.view !== 'settings') this.render({ focusTitle: false });
    }, AGE_TICK_MS);
  }

  private header(): HTMLElement {
    const nav = h(
      'nav',
      { class: 'tabs', attrs: { 'aria-label': t('ui.app.sections') } },
      ...SECTIONS.map(({ id, label }) => {
        const tab = button(t(label), () => this.openSection(id), { class: 'tab', key: `tab:${id}` });
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
        attrs: { 'aria-label': t('ui.app.hide'), title: t('ui.app.hideEsc') },
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
    this.work.copyOutcome = null;
    this.render({ focusTitle: false });
    if (!restoreUi(this.main, this.main, previous.ui)) this.focusTitle();
  }

  /** A notification or the tray menu asked for a view: Back then leads to the overview. */
  private navigateFromMain(route: Route): void {
    this.history = isSection(route) ? [] : [{ route: { view: 'overview' }, ui: { focusKey: null, openKeys: [], scrollTop: 0 } }];
    this.show(route);
  }

  private show(route: Route): void {
    this.route = route;
    if (route.view === 'report') this.flow().start(route.serviceId ?? null);
    this.work.forgetOutcomes();
    this.main.scrollTop = 0;
    this.render({ focusTitle: true });
  }

  /** Takes new state from main and draws it; unless quiet, says what changed. */
  private receive(state: ViewState, options: { quiet: boolean }): void {
    if (useLocale(state.locale)) {
      // Another language: the bar and the settings form are drawn again in it.
      this.tabs.clear();
      this.root.replaceChildren(this.header(), this.main, this.live.element);
      if (this.route.view !== 'settings') this.settings = null;
    }
    const said = announcement(this.state, state);
    this.state = state;
    if (this.route.view === 'settings') this.settings?.setState(state);
    else this.render({ focusTitle: false });
    this.updateChrome();
    if (said && !options.quiet) this.announce(said);
    void this.loadDeflections();
  }

  /** Asks main which services' problems IT already knows about; redraws when that changed. */
  private async loadDeflections(): Promise<void> {
    let next: readonly Deflection[];
    try {
      next = await this.api.getDeflections();
    } catch {
      return;
    }
    if (JSON.stringify(next) === JSON.stringify(this.deflections)) return;
    this.deflections = next;
    if (this.route.view !== 'settings' && this.route.view !== 'report') this.render({ focusTitle: false });
  }

  private flow(): ReportProblemFlow {
    this.reportFlow ??= new ReportProblemFlow({ api: this.api, announce: (t) => this.announce(t), back: () => this.back(), go: (r) => this.go(r) });
    return this.reportFlow;
  }

  announce(text: string): void {
    this.live.announce(text);
  }

  private context(): ViewContext {
    return {
      state: this.state,
      nowMs: Date.now(),
      actions: this.actions,
      refreshPending: this.work.refreshPending,
      diagnosticsPending: this.work.diagnosticsPending,
      restartPending: this.work.restartPending,
      restartOutcome: this.work.restartOutcome,
      adviceActionPending: this.work.adviceActionPending,
      adviceActionOutcome: this.work.adviceActionOutcome,
      copyOutcome: this.work.copyOutcome,
      actionError: this.work.actionError,
    };
  }

  private build(): HTMLElement {
    const ctx = this.context();
    const route = this.route;
    switch (route.view) {
      case 'overview':
        return overviewView(ctx, this.deflections);
      case 'service':
        return serviceView(ctx, route.serviceId, this.deflections.find((d) => d.serviceId === route.serviceId) ?? null);
      case 'incident':
        return incidentView(ctx, route.sourceId, route.incidentId);
      case 'diagnostics':
        return diagnosticsView(ctx);
      case 'settings': {
        if (!this.settings) {
          this.settings = new SettingsForm({ api: this.api, announce: (t) => this.announce(t), mute: (p) => void this.work.mute(p), scroller: () => this.main });
          void this.settings.load();
        }
        this.settings.setState(this.state);
        return this.settings.element;
      }
      case 'report': {
        const flow = this.flow();
        flow.setState(this.state);
        return flow.element;
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
    this.brand.replaceChildren(glyph(this.state.tray), h('span', { class: 'sr-only' }, t('ui.app.brand', { state: trayWord(this.state.tray) })));
    document.title = t('ui.app.documentTitle', { page: pageName(this.route, this.state) });
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
}
