/**
 * The typed IPC wrapper: the only way main answers the window or pushes to it.
 *
 * Security lives here, not at call sites (Electron security checklist item 17): every invoke is
 * checked for its sender (a WebContents this app created, showing a page from the app's own
 * `app://` origin, in its top frame) and its arguments are validated by `core/guards.ts` before the
 * handler runs. A refused or failed call is logged in full and answered with a generic error, so
 * nothing about main's internals leaks to the renderer.
 */
import type { EventChannel, EventChannels, InvokeArgs, InvokeChannel, InvokeResult } from '../core/contract.js';
import { INVOKE_CHANNELS } from '../core/contract.js';
import { validateInvokeArgs } from '../core/guards.js';
import { APP_HOST, APP_SCHEME } from './protocol.js';

/** What the wrapper needs from an invoke event (a structural slice of IpcMainInvokeEvent). */
export interface InvokeEventLike {
  readonly sender: { readonly id: number };
  /** Null when the frame navigated away or was destroyed before the message was handled. */
  readonly senderFrame: { readonly url: string; readonly parent?: unknown } | null;
}

/** The slice of `ipcMain` the wrapper uses. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** The WebContents of windows this app created; the popover adds its own and drops it on `destroyed`. */
export interface TrustedSenders {
  add(contents: { readonly id: number; once(event: 'destroyed', listener: () => void): unknown }): void;
  has(id: number): boolean;
  delete(id: number): void;
}

/** A set of trusted WebContents ids that forgets each one when its contents are destroyed. */
export function createTrustedSenders(): TrustedSenders {
  const ids = new Set<number>();
  return {
    add(contents) {
      const { id } = contents;
      ids.add(id);
      contents.once('destroyed', () => ids.delete(id));
    },
    has: (id) => ids.has(id),
    delete: (id) => void ids.delete(id),
  };
}

export type Awaitable<T> = T | Promise<T>;

/** One handler per invoke channel, typed by the contract. */
export type InvokeHandler<C extends InvokeChannel> = (...args: InvokeArgs<C>) => Awaitable<InvokeResult<C>>;
export type InvokeHandlers = { readonly [C in InvokeChannel]: InvokeHandler<C> };

export interface Logger {
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

export interface IpcOptions {
  readonly ipcMain: IpcMainLike;
  readonly trusted: Pick<TrustedSenders, 'has'>;
  readonly log?: Logger;
}

/** The generic answers the renderer sees; details go to the log only. */
export const IPC_REFUSED = 'request refused';
export const IPC_FAILED = 'request failed';

export interface Ipc {
  /** Registers one handler behind the sender check and the argument guard. */
  handle<C extends InvokeChannel>(channel: C, handler: InvokeHandler<C>): void;
  /** Registers every channel of the contract at once; the type makes a forgotten channel a compile error. */
  handleAll(handlers: InvokeHandlers): void;
  /** Removes every handler this wrapper registered. */
  dispose(): void;
}

/** Why a sender is not trusted, or null when it is. */
export function senderProblem(event: InvokeEventLike, trusted: Pick<TrustedSenders, 'has'>): string | null {
  if (!trusted.has(event.sender.id)) return `unknown sender (WebContents ${event.sender.id})`;
  const frame = event.senderFrame;
  if (frame === null) return 'the sending frame is gone';
  // Sub-frames never exist in our window (CSP forbids them); one that does is not ours.
  if (frame.parent !== undefined && frame.parent !== null) return 'the message came from a sub-frame';
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return 'the sending frame has no valid URL';
  }
  // Custom schemes have an opaque `origin` in Node's URL, so scheme and host are compared instead.
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return `the sending frame shows ${url.protocol}//${url.host}, not the app`;
  return null;
}

/** Creates the wrapper over an injected `ipcMain`. */
export function createIpc(options: IpcOptions): Ipc {
  const { ipcMain, trusted } = options;
  const log = options.log ?? console;
  const registered = new Set<string>();

  const handle = <C extends InvokeChannel>(channel: C, handler: InvokeHandler<C>): void => {
    if (registered.has(channel)) throw new Error(`IPC channel ${channel} is already handled`);
    registered.add(channel);
    ipcMain.handle(channel, async (event, ...args) => {
      let refusal: string | null;
      try {
        refusal = senderProblem(event, trusted);
      } catch {
        // WebFrameMain getters throw once the frame is disposed: a sender we can no longer vouch for.
        refusal = 'the sending frame is gone';
      }
      if (refusal !== null) {
        log.warn(`ipc: refused ${channel}: ${refusal}`);
        throw new Error(IPC_REFUSED);
      }
      const checked = validateInvokeArgs(channel, args);
      if (!checked.ok) {
        log.warn(`ipc: refused ${channel} from WebContents ${event.sender.id}: ${checked.reason}`);
        throw new Error(IPC_REFUSED);
      }
      try {
        return await handler(...checked.args);
      } catch (error) {
        log.error(`ipc: ${channel} failed`, error);
        throw new Error(IPC_FAILED);
      }
    });
  };

  return {
    handle,
    handleAll(handlers) {
      for (const channel of INVOKE_CHANNELS) handle(channel, handlers[channel] as InvokeHandler<typeof channel>);
    },
    dispose() {
      for (const channel of registered) ipcMain.removeHandler(channel);
      registered.clear();
    },
  };
}

/** The slice of WebContents that `send` needs. */
export interface EventReceiver {
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

/**
 * Pushes one contract event to a window. Returns false (and sends nothing) when the contents are
 * already destroyed: a window closing while a check finishes is normal, not an error.
 */
export function send<E extends EventChannel>(target: EventReceiver | null | undefined, event: E, ...payload: Parameters<EventChannels[E]>): boolean {
  if (!target || target.isDestroyed()) return false;
  target.send(event, ...payload);
  return true;
}
