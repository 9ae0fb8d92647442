/**
 * The probe ladder, for the curious and for the helpdesk: the connection, the proxy, the network
 * sign-in check and every host step by step, with timings and error codes. "Copy report" hands the
 * helpdesk the same facts as text.
 */
import type { CaptiveResult, LadderResult, StepResult, TargetResult } from '../../main/core/verdict/connectivity-model.js';
import { describeProxyUse, pathWord, signInCheckName } from '../../main/core/words/display-text.js';
import {
  captiveOutcomeTone,
  captiveOutcomeWord,
  flagSentence,
  linkWord,
  stepLabel,
  stepOutcomeTone,
  stepOutcomeWord,
  targetRoleWord,
  trayWord,
} from '../model/labels.js';
import { ago, formatDuration, formatWhen } from '../model/time.js';
import type { ViewContext } from './context.js';
import { button, h, section, type Child } from './dom.js';
import { badge } from './glyph.js';
import { errorNotice, viewTitle } from './parts.js';

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function capitalized(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

function detailLine(...parts: (string | null | undefined | false)[]): string {
  return parts.filter((p): p is string => typeof p === 'string' && p !== '').join(' · ');
}

function stepItem(step: StepResult): HTMLLIElement {
  const extra: Child[] = [];
  if (step.addresses && step.addresses.length > 0) extra.push(h('p', { class: 'step-extra' }, `Addresses: ${step.addresses.join(', ')}`));
  if (step.tls) {
    extra.push(
      h('p', { class: 'step-extra' }, `Certificate from ${step.tls.issuerOrg ?? step.tls.issuer}${step.tls.authorized ? '' : ` (not trusted: ${step.tls.authorizationError ?? 'unknown reason'})`}`),
    );
  }
  return h(
    'li',
    { class: `step step-${step.outcome}` },
    h('div', { class: 'step-head' }, h('span', { class: 'step-name' }, stepLabel(step.step)), badge(stepOutcomeTone(step.outcome), stepOutcomeWord(step.outcome))),
    h(
      'p',
      { class: 'step-detail' },
      detailLine(step.outcome === 'skipped' ? null : formatDuration(step.durationMs), step.errorCode ? `code ${step.errorCode}` : null, step.httpStatus ? `HTTP ${step.httpStatus}` : null),
    ),
    step.detail ? h('p', { class: 'step-detail' }, step.detail) : null,
    ...extra,
  );
}

/** One host: the outcome and, when it failed, why, in view; every step with timings on demand. */
function targetItem(target: TargetResult): HTMLLIElement {
  const host = hostOf(target.target.url);
  const failed = target.steps.find((s) => s.outcome === 'fail' || s.outcome === 'timeout') ?? null;
  const outcome = target.reachable
    ? badge('ok', target.httpStatus ? `Reachable (HTTP ${target.httpStatus})` : 'Reachable')
    : badge('outage', target.failedAt ? `Failed at: ${stepLabel(target.failedAt)}` : 'Not reachable');
  return h(
    'li',
    { class: 'target' },
    h('div', { class: 'step-head' }, h('h3', { class: 'target-host' }, host), outcome),
    h('p', { class: 'target-meta' }, detailLine(targetRoleWord(target.target.role), target.path === 'DIRECT' ? 'direct connection' : pathWord(target.path))),
    failed ? h('p', { class: 'step-detail' }, detailLine(failed.errorCode ? `code ${failed.errorCode}` : null, failed.detail)) : null,
    h(
      'details',
      { class: 'step-details', key: `steps:${target.target.id}` },
      h('summary', {}, `All ${target.steps.length} steps, with timings`),
      h('ol', { class: 'steps', attrs: { 'aria-label': `Steps for ${host}` } }, ...target.steps.map(stepItem)),
    ),
  );
}

function captiveItem(result: CaptiveResult): HTMLLIElement {
  return h(
    'li',
    { class: 'captive' },
    h('div', { class: 'step-head' }, h('span', { class: 'step-name' }, hostOf(result.check.url)), badge(captiveOutcomeTone(result.outcome), captiveOutcomeWord(result.outcome))),
    h(
      'p',
      { class: 'step-detail' },
      detailLine(formatDuration(result.durationMs), result.httpStatus ? `HTTP ${result.httpStatus}` : null, result.errorCode ? `code ${result.errorCode}` : null),
    ),
    result.detail ? h('p', { class: 'step-detail' }, result.detail) : null,
    result.location ? h('p', { class: 'step-extra' }, `Sign-in page: ${result.location}`) : null,
  );
}

function ladderSections(ladder: LadderResult, ctx: ViewContext): HTMLElement[] {
  const when = formatWhen(ladder.startedAt, ctx.nowMs);
  const relative = ago(ladder.startedAt, ctx.nowMs);
  return [
    h(
      'p',
      { class: 'age' },
      detailLine(when ? `Last run ${when}${relative ? ` (${relative})` : ''}` : null, `took ${formatDuration(ladder.durationMs)}`, ladder.timedOut ? 'stopped at the time limit' : null),
    ),
    section(
      'Your connection',
      2,
      { class: 'connection' },
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, 'Network'),
        h('dd', {}, badge(ladder.link.online === false ? 'local' : ladder.link.online ? 'ok' : 'unknown', linkWord(ladder.link.online)), ladder.link.detail ? h('span', { class: 'quiet' }, ` ${ladder.link.detail}`) : null),
        h('dt', {}, 'Proxy'),
        // From the routes the checks took, so it never contradicts a host's "via proxy" below.
        h('dd', {}, capitalized(describeProxyUse(ladder))),
      ),
    ),
    section(
      `${capitalized(signInCheckName(ladder.link))} check`,
      2,
      { class: 'captive-section' },
      ladder.captive.length === 0 ? h('p', { class: 'quiet' }, 'Not checked.') : h('ul', { class: 'captive-list' }, ...ladder.captive.map(captiveItem)),
    ),
    section(
      'Services and websites',
      2,
      { class: 'targets' },
      ladder.targets.length === 0 ? h('p', { class: 'quiet' }, 'No hosts were checked.') : h('ul', { class: 'target-list' }, ...ladder.targets.map(targetItem)),
    ),
  ];
}

export function diagnosticsView(ctx: ViewContext): HTMLElement {
  const report = ctx.state.report;
  const busy = ctx.diagnosticsPending || ctx.state.refreshing;
  const ladder = report?.probes ?? null;
  return h(
    'div',
    { class: 'view diagnostics' },
    viewTitle('Network check'),
    h('p', { class: 'intro' }, 'Checks step by step whether this computer can reach your services. The helpdesk may ask you for this.'),
    report
      ? h(
          'div',
          { class: `verdict-mini tone-${ctx.state.tray}` },
          badge(ctx.state.tray, trayWord(ctx.state.tray)),
          h('p', {}, h('strong', {}, report.verdict.title)),
          h('p', {}, report.verdict.summary),
          ...report.verdict.flags.map((flag) => h('p', { class: 'flag' }, flagSentence(flag))),
        )
      : null,
    h(
      'div',
      { class: 'actions' },
      button(busy ? 'Checking…' : 'Run checks again', () => (busy ? undefined : ctx.actions.runDiagnostics()), {
        class: 'primary',
        key: 'run-diagnostics',
        attrs: { 'aria-disabled': busy ? 'true' : null },
      }),
      button('Copy report for the helpdesk', () => ctx.actions.copyReport(), { class: 'secondary', key: 'copy-report' }),
    ),
    ctx.copyOutcome ? h('p', { class: ctx.copyOutcome.ok ? 'notice notice-ok' : 'notice notice-error' }, ctx.copyOutcome.text) : null,
    errorNotice(ctx),
    ...(ladder ? ladderSections(ladder, ctx) : [h('p', { class: 'quiet' }, report ? 'The network checks did not run in the last check. Run them now with the button above.' : 'The first check has not finished yet.')]),
  );
}
