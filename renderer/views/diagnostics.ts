/**
 * The probe ladder, for the curious and for the helpdesk: the connection, the proxy, the network
 * sign-in check and every host step by step, with timings and error codes. "Copy report" hands the
 * helpdesk the same facts as text.
 */
import type { CaptiveResult, LadderResult, StepResult, TargetResult } from '../../main/core/verdict/connectivity-model.js';
import { pathWord, signInCheckName } from '../../main/core/words/display-text.js';
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
import { t } from '../i18n.js';

/** How one request travelled, in the window's language: "direct connection", "via proxy proxy.corp:8080". */
function pathWords(path: string): string {
  if (path === 'DIRECT') return t('ui.diag.direct');
  // The proxy's address as the English wording names it ("proxy proxy.corp:8080", credentials masked).
  return t('ui.diag.via', { proxy: pathWord(path).replace(/^via /, '') });
}

/**
 * The proxy in one phrase, from the routes the checks really took (as `describeProxyUse` says it
 * in English): one route, or "depends on the address" with a count per route.
 */
function proxyWords(ladder: LadderResult): string {
  const from = t(`ui.diag.proxyFrom.${ladder.proxy.source}`);
  const counts = new Map<string, number>();
  for (const target of ladder.targets) counts.set(target.path, (counts.get(target.path) ?? 0) + 1);
  const paths = counts.size > 0 ? [...counts.keys()] : [ladder.proxy.mode];
  if (paths.length === 1) {
    const only = paths[0] ?? 'DIRECT';
    return t('ui.diag.proxyOne', { route: only === 'DIRECT' ? t('ui.diag.noProxy') : pathWord(only).replace(/^via /, ''), from });
  }
  const parts = [...counts].map(([path, count]) => t('ui.diag.proxyPart', { route: path === 'DIRECT' ? t('ui.diag.directShort') : pathWords(path), count }));
  return t('ui.diag.proxyMany', { from, parts: parts.join(', ') });
}

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
  if (step.addresses && step.addresses.length > 0) extra.push(h('p', { class: 'step-extra' }, t('ui.diag.addresses', { list: step.addresses.join(', ') })));
  if (step.tls) {
    extra.push(
      h(
        'p',
        { class: 'step-extra' },
        step.tls.authorized
          ? t('ui.diag.certificate', { issuer: step.tls.issuerOrg ?? step.tls.issuer })
          : t('ui.diag.certificateUntrusted', { issuer: step.tls.issuerOrg ?? step.tls.issuer, reason: step.tls.authorizationError ?? t('ui.diag.unknownReason') }),
      ),
    );
  }
  return h(
    'li',
    { class: `step step-${step.outcome}` },
    h('div', { class: 'step-head' }, h('span', { class: 'step-name' }, stepLabel(step.step)), badge(stepOutcomeTone(step.outcome), stepOutcomeWord(step.outcome))),
    h(
      'p',
      { class: 'step-detail' },
      detailLine(step.outcome === 'skipped' ? null : formatDuration(step.durationMs), step.errorCode ? t('ui.diag.code', { code: step.errorCode }) : null, step.httpStatus ? `HTTP ${step.httpStatus}` : null),
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
    ? badge('ok', target.httpStatus ? t('ui.diag.reachableHttp', { status: String(target.httpStatus) }) : t('ui.diag.reachable'))
    : badge('outage', target.failedAt ? t('ui.diag.failedAt', { step: stepLabel(target.failedAt) }) : t('ui.diag.notReachable'));
  return h(
    'li',
    { class: 'target' },
    h('div', { class: 'step-head' }, h('h3', { class: 'target-host' }, host), outcome),
    h('p', { class: 'target-meta' }, detailLine(targetRoleWord(target.target.role), pathWords(target.path))),
    failed ? h('p', { class: 'step-detail' }, detailLine(failed.errorCode ? t('ui.diag.code', { code: failed.errorCode }) : null, failed.detail)) : null,
    h(
      'details',
      { class: 'step-details', key: `steps:${target.target.id}` },
      h('summary', {}, t('ui.diag.allSteps', { count: target.steps.length })),
      h('ol', { class: 'steps', attrs: { 'aria-label': t('ui.diag.stepsFor', { host }) } }, ...target.steps.map(stepItem)),
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
      detailLine(formatDuration(result.durationMs), result.httpStatus ? `HTTP ${result.httpStatus}` : null, result.errorCode ? t('ui.diag.code', { code: result.errorCode }) : null),
    ),
    result.detail ? h('p', { class: 'step-detail' }, result.detail) : null,
    result.location ? h('p', { class: 'step-extra' }, t('ui.diag.signInPage', { url: result.location })) : null,
  );
}

function ladderSections(ladder: LadderResult, ctx: ViewContext): HTMLElement[] {
  const when = formatWhen(ladder.startedAt, ctx.nowMs);
  const relative = ago(ladder.startedAt, ctx.nowMs);
  return [
    h(
      'p',
      { class: 'age' },
      detailLine(
        when ? t('ui.diag.lastRun', { when: relative ? `${when} (${relative})` : when }) : null,
        t('ui.diag.took', { duration: formatDuration(ladder.durationMs) }),
        ladder.timedOut ? t('ui.diag.timeLimit') : null,
      ),
    ),
    section(
      t('ui.label.trayWord.local'),
      2,
      { class: 'connection' },
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, t('ui.section.network')),
        h('dd', {}, badge(ladder.link.online === false ? 'local' : ladder.link.online ? 'ok' : 'unknown', linkWord(ladder.link.online)), ladder.link.detail ? h('span', { class: 'quiet' }, ` ${ladder.link.detail}`) : null),
        h('dt', {}, t('ui.label.stepLabel.proxy')),
        // From the routes the checks took, so it never contradicts a host's "via proxy" below.
        h('dd', {}, capitalized(proxyWords(ladder))),
      ),
    ),
    section(
      t(signInCheckName(ladder.link) === 'Wi-Fi sign-in' ? 'ui.diag.wifiCheck' : 'ui.label.stepLabel.captive'),
      2,
      { class: 'captive-section' },
      ladder.captive.length === 0 ? h('p', { class: 'quiet' }, t('ui.diag.notChecked')) : h('ul', { class: 'captive-list' }, ...ladder.captive.map(captiveItem)),
    ),
    section(
      t('ui.diag.targets'),
      2,
      { class: 'targets' },
      ladder.targets.length === 0 ? h('p', { class: 'quiet' }, t('ui.diag.noHosts')) : h('ul', { class: 'target-list' }, ...ladder.targets.map(targetItem)),
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
    viewTitle(t('ui.page.network')),
    h('p', { class: 'intro' }, t('ui.diag.intro')),
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
      button(busy ? t('ui.diag.checking') : t('ui.diag.runAgain'), () => (busy ? undefined : ctx.actions.runDiagnostics()), {
        class: 'primary',
        key: 'run-diagnostics',
        attrs: { 'aria-disabled': busy ? 'true' : null },
      }),
      button(t('ui.diag.copyReport'), () => ctx.actions.copyReport(), { class: 'secondary', key: 'copy-report' }),
    ),
    ctx.copyOutcome ? h('p', { class: ctx.copyOutcome.ok ? 'notice notice-ok' : 'notice notice-error' }, ctx.copyOutcome.text) : null,
    errorNotice(ctx),
    ...(ladder ? ladderSections(ladder, ctx) : [h('p', { class: 'quiet' }, t(report ? 'ui.diag.notRun' : 'ui.service.notYet'))]),
  );
}
