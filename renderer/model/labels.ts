/**
 * The words the window uses for the domain's enums, written for office workers: each health,
 * tray state, incident status and probe step has a short label and, where it helps, a sentence.
 * Every switch is exhaustive, so a new enum value cannot reach the screen without words.
 */
import type { CaptiveOutcome, ProbeStep, StepOutcome, TargetRole, VerdictFlag } from '../../main/core/verdict/connectivity-model.js';
import type { MutePreset } from '../../main/core/contract.js';
import { assertNever, type Health } from '../../main/core/health.js';
import { t } from '../i18n.js';
import type { IncidentStatus, MessageSeverity } from '../../main/core/model.js';
import type { TrayState } from '../../main/core/tray/tray-icons.js';

/** The badge word for a health ("Outage"); the design's domain words, shared with the CLI. */
export function healthWord(health: Health): string {
  return t(`health.${health}`);
}

/** One plain sentence that says what the health word means for the person reading it. */
export function healthMeaning(health: Health): string {
  switch (health) {
    case 'operational':
      return t('ui.label.healthMeaning.operational');
    case 'maintenance':
      return t('ui.label.healthMeaning.maintenance');
    case 'degraded':
      return t('ui.label.healthMeaning.degraded');
    case 'outage':
      return t('ui.label.healthMeaning.outage');
    case 'unknown':
      return t('ui.label.healthMeaning.unknown');
    default:
      return assertNever(health, 'health');
  }
}

/** Which glyph and color a health takes: the tray's own states, so window and tray look alike. */
export function healthTone(health: Health): TrayState {
  switch (health) {
    case 'operational':
      return 'ok';
    case 'maintenance':
    case 'degraded':
    case 'outage':
    case 'unknown':
      return health;
    default:
      return assertNever(health, 'health');
  }
}

/** The tray state as a word, for the overview headline badge. */
export function trayWord(state: TrayState): string {
  switch (state) {
    case 'ok':
      return t('ui.label.trayWord.ok');
    case 'maintenance':
      return t('ui.label.trayWord.maintenance');
    case 'degraded':
      return t('ui.label.trayWord.degraded');
    case 'outage':
      return t('ui.label.trayWord.outage');
    case 'local':
      return t('ui.label.trayWord.local');
    case 'unknown':
      return t('ui.label.trayWord.unknown');
    default:
      return assertNever(state, 'tray state');
  }
}

/** Where an incident stands, in words that say what happens next. */
export function incidentStatusWord(status: IncidentStatus): string {
  switch (status) {
    case 'investigating':
      return t('ui.label.incidentStatusWord.investigating');
    case 'identified':
      return t('ui.label.incidentStatusWord.identified');
    case 'monitoring':
      return t('ui.label.incidentStatusWord.monitoring');
    case 'resolved':
      return t('ui.label.incidentStatusWord.resolved');
    case 'postmortem':
      return t('ui.label.incidentStatusWord.postmortem');
    case 'scheduled':
      return t('ui.label.incidentStatusWord.scheduled');
    case 'in-progress':
      return t('ui.label.incidentStatusWord.in-progress');
    case 'verifying':
      return t('ui.label.incidentStatusWord.verifying');
    case 'completed':
      return t('ui.label.incidentStatusWord.completed');
    case 'unknown':
      return t('ui.label.incidentStatusWord.unknown');
    default:
      return assertNever(status, 'incident status');
  }
}

export function incidentKindWord(kind: 'incident' | 'advisory' | 'maintenance'): string {
  switch (kind) {
    case 'incident':
      return t('ui.label.incidentKindWord.incident');
    case 'advisory':
      return t('ui.label.incidentKindWord.advisory');
    case 'maintenance':
      return t('ui.label.incidentKindWord.maintenance');
    default:
      return assertNever(kind, 'incident kind');
  }
}

export function severityWord(severity: MessageSeverity): string {
  switch (severity) {
    case 'info':
      return t('ui.label.severityWord.info');
    case 'warning':
      return t('ui.label.severityWord.warning');
    case 'critical':
      return t('ui.label.severityWord.critical');
    default:
      return assertNever(severity, 'message severity');
  }
}

export function stepLabel(step: ProbeStep): string {
  switch (step) {
    case 'link':
      return t('ui.label.stepLabel.link');
    case 'proxy':
      return t('ui.label.stepLabel.proxy');
    case 'captive':
      // The link type is not known: "Wi-Fi" would be wrong on a wired network (see signInCheckName).
      return t('ui.label.stepLabel.captive');
    case 'dns':
      return t('ui.label.stepLabel.dns');
    case 'tcp':
      return t('ui.label.stepLabel.tcp');
    case 'tls':
      return t('ui.label.stepLabel.tls');
    case 'http':
      return t('ui.label.stepLabel.http');
    default:
      return assertNever(step, 'probe step');
  }
}

export function stepOutcomeWord(outcome: StepOutcome): string {
  switch (outcome) {
    case 'ok':
      return t('ui.label.stepOutcomeWord.ok');
    case 'fail':
      return t('ui.label.stepOutcomeWord.fail');
    case 'timeout':
      return t('ui.label.stepOutcomeWord.timeout');
    case 'skipped':
      return t('ui.label.stepOutcomeWord.skipped');
    default:
      return assertNever(outcome, 'step outcome');
  }
}

/** Outcome of a step as a tone: ok reads green, a failure red, anything we did not learn grey. */
export function stepOutcomeTone(outcome: StepOutcome): TrayState {
  switch (outcome) {
    case 'ok':
      return 'ok';
    case 'fail':
    case 'timeout':
      return 'outage';
    case 'skipped':
      return 'unknown';
    default:
      return assertNever(outcome, 'step outcome');
  }
}

export function captiveOutcomeWord(outcome: CaptiveOutcome): string {
  switch (outcome) {
    case 'ok':
      return t('ui.label.captiveOutcomeWord.ok');
    case 'portal':
      return t('ui.label.captiveOutcomeWord.portal');
    case 'unreachable':
      return t('ui.label.captiveOutcomeWord.unreachable');
    case 'timeout':
      return t('ui.label.captiveOutcomeWord.timeout');
    default:
      return assertNever(outcome, 'captive outcome');
  }
}

export function captiveOutcomeTone(outcome: CaptiveOutcome): TrayState {
  switch (outcome) {
    case 'ok':
      return 'ok';
    case 'portal':
      return 'local';
    case 'unreachable':
    case 'timeout':
      return 'outage';
    default:
      return assertNever(outcome, 'captive outcome');
  }
}

export function targetRoleWord(role: TargetRole): string {
  switch (role) {
    case 'service':
      return t('ui.label.targetRoleWord.service');
    case 'identity':
      return t('ui.label.targetRoleWord.identity');
    case 'baseline':
      return t('ui.label.targetRoleWord.baseline');
    case 'status-page':
      return t('ui.label.targetRoleWord.status-page');
    default:
      return assertNever(role, 'target role');
  }
}

export function flagSentence(flag: VerdictFlag): string {
  switch (flag) {
    case 'tls-intercepted':
      return t('ui.label.flagSentence.tls-intercepted');
    default:
      return assertNever(flag, 'verdict flag');
  }
}

/** The label of a mute button; `off` turns notifications back on. */
export function mutePresetLabel(preset: MutePreset): string {
  switch (preset) {
    case '1h':
      return t('ui.label.mutePresetLabel.1h');
    case '4h':
      return t('ui.label.mutePresetLabel.4h');
    case 'tomorrow':
      return t('ui.label.mutePresetLabel.tomorrow');
    case 'off':
      return t('ui.label.mutePresetLabel.off');
    default:
      return assertNever(preset, 'mute preset');
  }
}

/** "Online", "Offline", "Cannot tell" for the OS link state. */
export function linkWord(online: boolean | null): string {
  if (online === true) return t('ui.label.link.connected');
  if (online === false) return t('ui.label.link.disconnected');
  return t('ui.label.link.unknown');
}

