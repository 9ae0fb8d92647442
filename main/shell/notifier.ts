/**
 * Desktop notifications over Electron's `Notification`.
 *
 * The engine decides WHAT to say (`core/notify.ts`); this module only shows it and, on click,
 * opens the window on the spec's route. A notification with the same key replaces the previous
 * one, so a flapping service does not stack toasts. Shown notifications are kept referenced
 * until closed: Electron drops the click handler of a notification that was garbage-collected.
 */
import type { Route } from '../core/contract.js';

/** What the engine asks to show (structurally compatible with core's NotificationSpec). */
export interface NotificationSpecLike {
  readonly key: string;
  readonly title: string;
  readonly body: string;
  readonly route: Route;
  readonly urgency?: string;
}

/** The slice of an Electron Notification instance used here. */
export interface NotificationLike {
  on(event: 'click', listener: () => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  show(): void;
  close(): void;
}

/** Constructor options passed to `new Notification(…)`. */
export interface NotificationOptionsLike {
  title: string;
  body: string;
  silent: boolean;
  urgency: 'low' | 'normal' | 'critical';
}

export interface NotifierDeps {
  /** `Notification.isSupported`. */
  readonly isSupported: () => boolean;
  /** `(options) => new Notification(options)`. */
  readonly create: (options: NotificationOptionsLike) => NotificationLike;
  /** Opens the window on a route (the popover's `navigate`). */
  readonly navigate: (route: Route) => void;
  readonly log?: { warn(message: string, ...details: unknown[]): void };
}

export interface Notifier {
  /** Shows a notification; false when the platform has none or showing failed. */
  notify(spec: NotificationSpecLike): boolean;
  /** Closes everything still shown (on quit). */
  closeAll(): void;
}

/** Limits that keep a hostile incident title from filling the screen; toasts truncate anyway. */
const MAX_TITLE = 120;
const MAX_BODY = 400;

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function urgencyOf(value: string | undefined): NotificationOptionsLike['urgency'] {
  return value === 'low' || value === 'critical' ? value : 'normal';
}

export function createNotifier(deps: NotifierDeps): Notifier {
  const log = deps.log ?? console;
  const shown = new Map<string, NotificationLike>();

  return {
    notify(spec) {
      if (!deps.isSupported()) return false;
      try {
        const notification = deps.create({
          title: clip(spec.title, MAX_TITLE),
          body: clip(spec.body, MAX_BODY),
          silent: false,
          urgency: urgencyOf(spec.urgency),
        });
        const route = spec.route;
        notification.on('click', () => deps.navigate(route));
        notification.on('close', () => {
          if (shown.get(spec.key) === notification) shown.delete(spec.key);
        });
        const previous = shown.get(spec.key);
        shown.set(spec.key, notification);
        previous?.close();
        notification.show();
        return true;
      } catch (error) {
        log.warn('notifier: could not show a notification', error);
        return false;
      }
    },
    closeAll() {
      const all = [...shown.values()];
      shown.clear();
      for (const notification of all) notification.close();
    },
  };
}
