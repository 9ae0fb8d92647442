/**
 * "Report a problem": pick the service, say what you see (the box shows the knowledge-base entry
 * it matches as you type), then main decides (core/helpdesk/problem-flow.ts):
 * - IT already knows (an open incident): say so, no ticket needed; "Something else is wrong"
 *   goes on, and the report then says the person was shown the incident;
 * - the problem is on this computer's side: show the fix first; "It did not help" goes on;
 * - the organization's ticket form: main opens it with the report filled in;
 * - no ticket form: main copies the report, and the window shows how to reach the helpdesk.
 *
 * Stateful like the settings form: the text box must keep its caret and text across state
 * pushes, so the element stays in place and only the parts below the box are redrawn.
 */
import type { AppApi, ProblemRequest, ProblemSendOutcome, Route, ViewState } from '../../main/core/contract.js';
import type { ProblemDecision, ProblemMatch } from '../../main/core/helpdesk/problem-flow.js';
import { button, h, replaceChildren, uid, type Child } from './dom.js';
import { viewTitle } from './parts.js';
import { deflectionBanner } from './report-problem/deflection-banner.js';
import { styleTextBox } from './report-problem/text-box.js';
import { t } from '../i18n.js';

export interface ReportFlowDeps {
  readonly api: AppApi;
  readonly announce: (text: string) => void;
  readonly back: () => void;
  readonly go: (route: Route) => void;
}

/** How long typing pauses before the box asks main what the text means. */
const MATCH_DELAY_MS = 200;

export class ReportProblemFlow {
  readonly element: HTMLElement;
  private state: ViewState | null = null;
  private serviceId: string | null = null;
  private typed = '';
  private match: ProblemMatch | null = null;
  private decision: ProblemDecision | null = null;
  private shownIncidents: string[] = [];
  private pastLocalFix = false;
  private pending: 'decide' | 'send' | null = null;
  private outcome: ProblemSendOutcome | null = null;
  private error: string | null = null;
  private matchTimer: number | null = null;
  private matchSeq = 0;
  private readonly select: HTMLSelectElement;
  private readonly box: HTMLTextAreaElement;
  private readonly matchPanel: HTMLElement;
  private readonly nextPanel: HTMLElement;
  private readonly serviceField: HTMLElement;

  constructor(private readonly deps: ReportFlowDeps) {
    const selectId = uid('service');
    const boxId = uid('typed');
    const hintId = uid('hint');
    this.select = h('select', { id: selectId, key: 'report-service', on: { change: () => this.onService() } });
    this.box = h('textarea', {
      id: boxId,
      key: 'report-typed',
      attrs: { rows: 4, maxlength: 20000, 'aria-describedby': hintId, spellcheck: false, placeholder: t('ui.report.placeholder') },
      on: { input: () => this.onType() },
    });
    styleTextBox(this.box, this.select);
    this.matchPanel = h('div', { class: 'report-match', attrs: { role: 'status' } });
    this.nextPanel = h('div', { class: 'report-next' });
    this.serviceField = h('div', { class: 'field' }, h('label', { attrs: { for: selectId } }, t('ui.report.whichService')), this.select);
    this.element = h(
      'div',
      { class: 'view report' },
      button([h('span', { class: 'back-arrow', attrs: { 'aria-hidden': 'true' } }, '‹'), t('ui.common.back')], () => deps.back(), { class: 'back', key: 'back' }),
      viewTitle(t('ui.page.report')),
      h('p', {}, t('ui.report.intro')),
      this.serviceField,
      h(
        'div',
        { class: 'field' },
        h('label', { attrs: { for: boxId } }, t('ui.report.whatDoYouSee')),
        h('p', { class: 'hint', id: hintId }, t('ui.report.hint')),
        this.box,
      ),
      this.matchPanel,
      this.nextPanel,
    );
  }

  /** A fresh flow, for this service when given. */
  start(serviceId: string | null): void {
    this.serviceId = serviceId;
    this.typed = '';
    this.box.value = '';
    this.match = null;
    this.resetDecision();
    this.error = null;
  }

  /** New state from main: the service list follows it; what the person typed stays. */
  setState(state: ViewState): void {
    this.state = state;
    this.renderServices();
    this.renderMatch();
    this.renderNext();
  }

  private services(): readonly { id: string; name: string }[] {
    return this.state?.report?.services ?? [];
  }

  private renderServices(): void {
    const services = this.services();
    if (this.serviceId === null || !services.some((s) => s.id === this.serviceId)) this.serviceId = services[0]?.id ?? this.serviceId;
    const options = services.map((s) => h('option', { attrs: { value: s.id, selected: s.id === this.serviceId } }, s.name));
    const key = JSON.stringify(services.map((s) => [s.id, s.name]));
    if (this.select.dataset['services'] !== key) {
      replaceChildren(this.select, options);
      this.select.dataset['services'] = key;
    }
    if (this.serviceId !== null) this.select.value = this.serviceId;
    this.select.disabled = services.length === 0;
  }

  private resetDecision(): void {
    this.decision = null;
    this.shownIncidents = [];
    this.pastLocalFix = false;
    this.outcome = null;
    this.pending = null;
  }

  private onService(): void {
    this.serviceId = this.select.value;
    this.resetDecision();
    this.renderNext();
  }

  private onType(): void {
    this.typed = this.box.value;
    // What was decided was about the old text.
    if (this.decision !== null || this.outcome !== null) {
      this.resetDecision();
      this.renderNext();
    }
    if (this.matchTimer !== null) window.clearTimeout(this.matchTimer);
    this.matchTimer = window.setTimeout(() => void this.lookUp(), MATCH_DELAY_MS);
  }

  private async lookUp(): Promise<void> {
    this.matchTimer = null;
    const seq = ++this.matchSeq;
    const text = this.typed;
    let match: ProblemMatch | null = null;
    try {
      match = text.trim() === '' ? null : await this.deps.api.matchProblem(text);
    } catch {
      match = null;
    }
    // An answer to older text must not replace the answer to newer text.
    if (seq !== this.matchSeq) return;
    this.match = match;
    this.renderMatch();
  }

  private renderMatch(): void {
    const match = this.match;
    if (match === null) {
      replaceChildren(this.matchPanel, [this.typed.trim() === '' ? null : h('p', { class: 'quiet' }, t('ui.report.noMatch'))]);
      return;
    }
    replaceChildren(this.matchPanel, [
      h(
        'div',
        { class: 'notice report-match-found' },
        h('p', {}, h('strong', {}, `${t('ui.report.looksLike')} `), match.title),
        h('p', {}, match.meaning),
      ),
    ]);
  }

  private request(): ProblemRequest | null {
    if (this.serviceId === null) return null;
    return { serviceId: this.serviceId, typed: this.typed, shownIncidents: [...this.shownIncidents], pastLocalFix: this.pastLocalFix };
  }

  private async decide(): Promise<void> {
    const request = this.request();
    if (request === null || this.pending !== null) return;
    this.pending = 'decide';
    this.error = null;
    this.outcome = null;
    this.renderNext();
    try {
      this.decision = await this.deps.api.decideProblem(request);
      this.pending = null;
      this.renderNext();
      this.deps.announce(this.spoken(this.decision));
      this.focusNext();
    } catch {
      this.pending = null;
      this.error = t('ui.report.lookupFailed');
      this.renderNext();
    }
  }

  private spoken(decision: ProblemDecision): string {
    switch (decision.kind) {
      case 'deflect':
        return decision.deflection.text;
      case 'local-fix':
        return t('ui.report.yourSide', { title: decision.title });
      case 'ticket':
        return t('ui.report.canSend');
      case 'contact':
        return t('ui.report.canCopy');
    }
  }

  /** "Something else is wrong" after a deflection. */
  private somethingElse(incidentId: string): void {
    this.shownIncidents = [...new Set([...this.shownIncidents, incidentId])];
    void this.decide();
  }

  /** "It did not help" after a local fix. */
  private notFixed(): void {
    this.pastLocalFix = true;
    void this.decide();
  }

  private async send(): Promise<void> {
    const request = this.request();
    if (request === null || this.pending !== null) return;
    this.pending = 'send';
    this.error = null;
    this.renderNext();
    try {
      this.outcome = await this.deps.api.sendProblemReport(request);
    } catch {
      this.outcome = { outcome: 'failed', text: t('ui.report.sendFailed'), contact: null };
    }
    this.pending = null;
    this.renderNext();
    this.deps.announce(this.outcome.text);
  }

  private focusNext(): void {
    this.nextPanel.querySelector<HTMLElement>('h2')?.focus({ preventScroll: false });
  }

  private heading(text: string): HTMLHeadingElement {
    return h('h2', { attrs: { tabindex: -1 } }, text);
  }

  private continueButton(): HTMLElement {
    const busy = this.pending === 'decide';
    return h(
      'div',
      { class: 'report-actions' },
      button(busy ? t('ui.report.looking') : t('ui.report.continue'), () => void this.decide(), {
        class: 'primary',
        key: 'report-continue',
        attrs: { 'aria-disabled': busy || this.serviceId === null ? 'true' : null },
      }),
    );
  }

  private decisionPart(decision: ProblemDecision): Child[] {
    const nowMs = Date.now();
    switch (decision.kind) {
      case 'deflect':
        return [
          this.heading(t('ui.report.noTicket')),
          deflectionBanner(decision.deflection, nowMs, 3),
          h('p', {}, t('ui.report.noTicketText')),
          h(
            'div',
            { class: 'report-actions' },
            button(t('ui.report.wait'), () => this.deps.back(), { class: 'primary', key: 'report-wait' }),
            button(t('ui.report.somethingElse'), () => this.somethingElse(decision.deflection.incidentId), { class: 'secondary', key: 'report-something-else' }),
          ),
        ];
      case 'local-fix':
        return [
          this.heading(t('ui.report.tryFirst')),
          h(
            'div',
            { class: 'notice tone-local report-fix' },
            h('p', {}, h('strong', {}, decision.title)),
            h('ol', {}, ...decision.steps.map((step) => h('li', {}, step))),
          ),
          h(
            'div',
            { class: 'report-actions' },
            button(t('ui.report.fixed'), () => this.deps.back(), { class: 'primary', key: 'report-fixed' }),
            button(t('ui.report.notFixed'), () => this.notFixed(), { class: 'secondary', key: 'report-not-fixed' }),
          ),
        ];
      case 'ticket':
        return [
          this.heading(t('ui.report.send')),
          h('p', {}, t('ui.report.ticketText')),
          this.shownNote(),
          h('div', { class: 'report-actions' }, this.sendButton(t('ui.report.openTicket'), 'report-open-ticket')),
        ];
      case 'contact':
        return [
          this.heading(t('ui.report.send')),
          h('p', {}, t('ui.report.copyText')),
          this.shownNote(),
          this.contactBlock(decision.contact),
          h('div', { class: 'report-actions' }, this.sendButton(t('ui.report.copy'), 'report-copy')),
        ];
    }
  }

  private shownNote(): HTMLElement | null {
    return this.shownIncidents.length > 0 ? h('p', { class: 'quiet' }, t('ui.report.shown', { list: this.shownIncidents.join(', ') })) : null;
  }

  private contactBlock(contact: string | null): HTMLElement {
    return h(
      'div',
      { class: 'notice report-contact' },
      h('p', {}, h('strong', {}, t('ui.report.howToReach'))),
      h('p', { class: 'report-contact-text' }, contact ?? t('ui.report.noContact')),
    );
  }

  private sendButton(label: string, key: string): HTMLButtonElement {
    const busy = this.pending === 'send';
    return button(busy ? t('ui.report.working') : label, () => void this.send(), { class: 'primary', key, attrs: { 'aria-disabled': busy ? 'true' : null } });
  }

  private outcomePart(outcome: ProblemSendOutcome): Child[] {
    const ok = outcome.outcome !== 'failed';
    return [
      h(
        'div',
        { class: `notice ${ok ? 'notice-ok' : 'notice-error'} report-outcome`, attrs: { role: ok ? 'status' : 'alert' } },
        h('p', {}, outcome.text),
        outcome.outcome === 'copied' && outcome.contact ? h('p', { class: 'report-contact-text' }, outcome.contact) : null,
      ),
    ];
  }

  private renderNext(): void {
    const parts: Child[] = [];
    if (this.services().length === 0) {
      parts.push(h('p', { class: 'quiet' }, t(this.state?.report ? 'ui.report.noServices' : 'ui.report.notYet')));
    } else if (this.decision === null) {
      parts.push(this.continueButton());
    } else {
      parts.push(...this.decisionPart(this.decision));
    }
    if (this.outcome !== null) parts.push(...this.outcomePart(this.outcome));
    if (this.error !== null) parts.push(h('p', { class: 'notice notice-error', attrs: { role: 'alert' } }, this.error));
    replaceChildren(this.nextPanel, parts);
  }
}
