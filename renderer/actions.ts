/**
 * What the window does when a person acts: refresh, run the network check, copy the report,
 * pause notifications, open a link. Each keeps its own pending flag and outcome, and says the
 * result once it is on screen.
 *
 * Every verb resolves when main has finished and published (the contract's `InvokeVerbs`), so the
 * answer IS the new result: a refresh is announced when its answer has been rendered, never when
 * main merely accepted it. While a refresh or a check runs, pushes render quietly (`quiet`), so
 * the live region says "Refreshing…" and then the outcome, nothing in between.
 */
import type { AdviceActionOutcome, AdviceTarget, AppApi, LinkTarget, MutePreset, RestartOutcome, ViewState } from '../main/core/contract.js';
import { announcement } from './model/report.js';
import { t } from './i18n.js';
import type { ViewContext } from './views/context.js';

/** What the actions need from the window. */
export interface ActionHost {
  readonly api: AppApi;
  /** The state on screen now. */
  state(): ViewState;
  /** Shows a state main answered with (renders, says nothing). */
  take(state: ViewState): void;
  render(): void;
  announce(text: string): void;
  /** Puts focus on the control with this key when the focus was lost in a re-render. */
  keepFocusNear(key: string): void;
}

/** The key of an advice item's button, for keeping focus near it across renders. */
export const adviceActionKey = (target: AdviceTarget): string => `advice-action-${target.id}-${target.service ?? ''}`;


export class Actions {
  refreshPending = false;
  diagnosticsPending = false;
  copyOutcome: ViewContext['copyOutcome'] = null;
  actionError: string | null = null;
  restartPending: number | null = null;
  restartOutcome: RestartOutcome | null = null;
  adviceActionPending: AdviceTarget | null = null;
  adviceActionOutcome: AdviceActionOutcome | null = null;

  constructor(private readonly host: ActionHost) {}

  /** A refresh or check is running: its answer will be announced, so pushes must not be. */
  get quiet(): boolean {
    return this.refreshPending || this.diagnosticsPending;
  }

  /** Outcomes belong to the view they were shown in. */
  forgetOutcomes(): void {
    this.copyOutcome = null;
    this.actionError = null;
    this.restartOutcome = null;
    this.adviceActionOutcome = null;
  }

  async refresh(): Promise<void> {
    if (this.refreshPending) return;
    const before = this.host.state();
    this.refreshPending = true;
    this.actionError = null;
    this.host.render();
    this.host.announce(t('ui.live.refreshing'));
    try {
      const state = await this.host.api.refresh();
      this.refreshPending = false;
      this.host.take(state);
      this.host.announce(announcement({ ...before, refreshing: true }, state) ?? t('ui.live.upToDate'));
    } catch {
      this.fail('refreshPending', t('ui.error.refresh'));
    }
  }

  async runDiagnostics(): Promise<void> {
    if (this.diagnosticsPending) return;
    this.diagnosticsPending = true;
    this.actionError = null;
    this.host.render();
    this.host.announce(t('ui.live.checkingConnection'));
    try {
      const state = await this.host.api.runDiagnostics();
      this.diagnosticsPending = false;
      this.host.take(state);
      this.host.announce(t('ui.live.networkChecked', { result: state.report?.verdict.title ?? t('ui.live.noResult') }));
    } catch {
      this.fail('diagnosticsPending', t('ui.error.diagnostics'));
    }
  }

  async copyReport(): Promise<void> {
    try {
      await this.host.api.copyReport();
      this.copyOutcome = { ok: true, text: t('ui.copy.done') };
    } catch {
      this.copyOutcome = { ok: false, text: t('ui.error.copy') };
    }
    this.host.render();
    this.host.announce(this.copyOutcome.text);
  }

  /** Main asks the person first; the answer (restarted, cancelled, or how to do it by hand) shows under the advice. */
  async restartClient(pid: number): Promise<void> {
    if (this.restartPending !== null) return;
    this.restartPending = pid;
    this.restartOutcome = null;
    this.host.render();
    try {
      this.restartOutcome = await this.host.api.restartClient(pid);
    } catch {
      this.restartOutcome = { pid, outcome: 'manual', text: t('ui.error.restart') };
    }
    this.restartPending = null;
    this.host.render();
    this.host.announce(this.restartOutcome.text);
    this.host.keepFocusNear(`restart-${pid}`);
  }

  /** An advice item's button ("Open Outlook on the web"): main opens what its own advice names and says what happened. */
  async runAdviceAction(target: AdviceTarget): Promise<void> {
    if (this.adviceActionPending !== null) return;
    this.adviceActionPending = target;
    this.adviceActionOutcome = null;
    this.host.render();
    try {
      this.adviceActionOutcome = await this.host.api.runAdviceAction(target);
    } catch {
      this.adviceActionOutcome = { ...target, outcome: 'manual', text: t('ui.error.adviceAction') };
    }
    this.adviceActionPending = null;
    this.host.render();
    this.host.announce(this.adviceActionOutcome.text);
    this.host.keepFocusNear(adviceActionKey(target));
  }

  async mute(preset: MutePreset): Promise<void> {
    try {
      this.host.take(await this.host.api.mute(preset));
      this.host.announce(t(preset === 'off' ? 'ui.live.unmuted' : 'ui.live.muted'));
      // The pause buttons change under the focus; keep focus on the pause group.
      this.host.keepFocusNear(preset === 'off' ? 'mute:1h' : `mute:${preset}`);
    } catch {
      this.actionError = t('ui.error.mute');
      this.host.render();
    }
  }

  async openLink(target: LinkTarget): Promise<void> {
    let opened = false;
    try {
      opened = await this.host.api.openLink(target);
    } catch {
      opened = false;
    }
    if (!opened) this.host.announce(t('ui.error.link'));
  }

  /** A failed verb: the pending flag drops, the reason shows as an alert (which is read at once). */
  private fail(pending: 'refreshPending' | 'diagnosticsPending', text: string): void {
    this[pending] = false;
    this.actionError = text;
    this.host.render();
  }
}
