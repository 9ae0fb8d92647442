/**
 * Desktop notifications over Electron's `Notification`.
 *
 * The engine decides WHAT to say (`core/notifications/notify.ts`); this module only shows it and, on click,
 * opens the window on the spec's route. A notification with the same key replaces the previous
 * one, so a flapping service does not stack toasts. Shown notifications are kept referenced
 * until closed: Electron drops the click handler of a notification that was garbage-collected.
 * Some platforms never emit `close` (a toast that times out into the Action Center, Linux
 * daemons), so that memory is bounded too: at most NOTIFIER_MAX_HELD, none older than
 * NOTIFIER_MAX_AGE_MS; one dropped from it is closed as well, so no toast is left whose click
 * does nothing.
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
  /** Epoch ms, for the age limit; `Date.now` by default. */
  readonly now?: () => number;
}

export interface Notifier {
  /** Shows a notification; false when the platform has none or showing failed. */
  notify(spec: NotificationSpecLike): boolean;
  /** Closes everything still shown (on quit). */
  closeAll(): void;
  /** How many notifications are kept referenced (at most MAX_HELD). */
  held(): number;
}

/** The most notifications kept referenced; the oldest beyond it is closed and forgotten. */
export const NOTIFIER_MAX_HELD = 20;
/**
 * How long a shown notification is kept referenced. A status notification older than this
 * describes a situation the window shows better; it is closed and forgotten.
 */
export const NOTIFIER_MAX_AGE_MS = 4 * 60 * 60_000;

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

interface Held {
  readonly notification: NotificationLike;
  readonly shownAt: number;
}

export function createNotifier(deps: NotifierDeps): Notifier {
  const log = deps.log ?? console;
  const now = deps.now ?? Date.now;
  // In the order shown (a replaced key moves to the end), so the first entry is the oldest.
  const shown = new Map<string, Held>();

  const forget = (key: string): void => {
    const held = shown.get(key);
    if (!held) return;
    shown.delete(key);
    try {
      held.notification.close();
    } catch (error) {
      // Dropping it from memory is what matters; a close the platform refuses must not block the next toast.
      log.warn('notifier: could not close an old notification', error);
    }
  };
  const prune = (at: number): void => {
    for (const [key, held] of shown) if (at - held.shownAt > NOTIFIER_MAX_AGE_MS) forget(key);
    for (const key of shown.keys()) {
      if (shown.size < NOTIFIER_MAX_HELD) break;
      forget(key);
    }
  };

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
          if (shown.get(spec.key)?.notification === notification) shown.delete(spec.key);
        });
        forget(spec.key);
        const at = now();
        prune(at);
        shown.set(spec.key, { notification, shownAt: at });
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
      for (const held of all) held.notification.close();
    },
    held: () => shown.size,
  };
}
