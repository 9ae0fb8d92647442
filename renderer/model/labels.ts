/**
 * The words the window uses for the domain's enums, written for office workers: each health,
 * tray state, incident status and probe step has a short label and, where it helps, a sentence.
 * Every switch is exhaustive, so a new enum value cannot reach the screen without words.
 */
import type { CaptiveOutcome, ProbeStep, StepOutcome, TargetRole, VerdictFlag } from '../../main/core/verdict/connectivity-model.js';
import type { MutePreset } from '../../main/core/contract.js';
import { assertNever, healthLabel, type Health } from '../../main/core/health.js';
import type { IncidentStatus, MessageSeverity } from '../../main/core/model.js';
import type { TrayState } from '../../main/core/tray/tray-icons.js';

/** The badge word for a health ("Outage"); the design's domain words, shared with the CLI. */
export function healthWord(health: Health): string {
  return healthLabel(health);
}

/** One plain sentence that says what the health word means for the person reading it. */
export function healthMeaning(health: Health): string {
  switch (health) {
    case 'operational':
      return 'Working normally.';
    case 'maintenance':
      return 'Planned maintenance is under way; some things may not work for a while.';
    case 'degraded':
      return 'Partly working: slow, or failing for some people.';
    case 'outage':
      return 'Not working for many people.';
    case 'unknown':
      return 'We have no recent information, so we cannot say it works.';
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
      return 'All good';
    case 'maintenance':
      return 'Maintenance';
    case 'degraded':
      return 'Degraded';
    case 'outage':
      return 'Outage';
    case 'local':
      return 'Your connection';
    case 'unknown':
      return 'Unknown';
    default:
      return assertNever(state, 'tray state');
  }
}

/** Where an incident stands, in words that say what happens next. */
export function incidentStatusWord(status: IncidentStatus): string {
  switch (status) {
    case 'investigating':
      return 'Investigating';
    case 'identified':
      return 'Cause found, fix in progress';
    case 'monitoring':
      return 'Fix applied, being watched';
    case 'resolved':
      return 'Resolved';
    case 'postmortem':
      return 'Resolved, report published';
    case 'scheduled':
      return 'Scheduled';
    case 'in-progress':
      return 'In progress';
    case 'verifying':
      return 'Checking the work';
    case 'completed':
      return 'Completed';
    case 'unknown':
      return 'Update';
    default:
      return assertNever(status, 'incident status');
  }
}

export function incidentKindWord(kind: 'incident' | 'advisory' | 'maintenance'): string {
  switch (kind) {
    case 'incident':
      return 'Incident';
    case 'advisory':
      return 'Advisory';
    case 'maintenance':
      return 'Planned maintenance';
    default:
      return assertNever(kind, 'incident kind');
  }
}

export function severityWord(severity: MessageSeverity): string {
  switch (severity) {
    case 'info':
      return 'Information';
    case 'warning':
      return 'Important';
    case 'critical':
      return 'Urgent';
    default:
      return assertNever(severity, 'message severity');
  }
}

export function stepLabel(step: ProbeStep): string {
  switch (step) {
    case 'link':
      return 'Network connection';
    case 'proxy':
      return 'Proxy';
    case 'captive':
      // The link type is not known: "Wi-Fi" would be wrong on a wired network (see signInCheckName).
      return 'Network sign-in check';
    case 'dns':
      return 'Look up the address (DNS)';
    case 'tcp':
      return 'Connect';
    case 'tls':
      return 'Secure connection (TLS)';
    case 'http':
      return 'Web request';
    default:
      return assertNever(step, 'probe step');
  }
}

export function stepOutcomeWord(outcome: StepOutcome): string {
  switch (outcome) {
    case 'ok':
      return 'OK';
    case 'fail':
      return 'Failed';
    case 'timeout':
      return 'Timed out';
    case 'skipped':
      return 'Not run';
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
      return 'No sign-in page in the way';
    case 'portal':
      return 'A sign-in page is in the way';
    case 'unreachable':
      return 'Could not reach the check';
    case 'timeout':
      return 'Timed out';
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
      return 'Service';
    case 'identity':
      return 'Sign-in';
    case 'baseline':
      return 'Other website, for comparison';
    case 'status-page':
      return 'Status page';
    default:
      return assertNever(role, 'target role');
  }
}

export function flagSentence(flag: VerdictFlag): string {
  switch (flag) {
    case 'tls-intercepted':
      return 'Your network inspects encrypted connections (for example a company security proxy). That is often intended by your IT department.';
    default:
      return assertNever(flag, 'verdict flag');
  }
}

/** The label of a mute button; `off` turns notifications back on. */
export function mutePresetLabel(preset: MutePreset): string {
  switch (preset) {
    case '1h':
      return 'For 1 hour';
    case '4h':
      return 'For 4 hours';
    case 'tomorrow':
      return 'Until tomorrow';
    case 'off':
      return 'Turn notifications back on';
    default:
      return assertNever(preset, 'mute preset');
  }
}

/** "Online", "Offline", "Cannot tell" for the OS link state. */
export function linkWord(online: boolean | null): string {
  if (online === true) return 'Connected';
  if (online === false) return 'Not connected';
  return 'Cannot tell';
}

