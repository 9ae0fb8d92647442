/**
 * An in-memory stand-in for Electron's IPC pipe: the `ipcMain` the shell's IPC wrapper registers
 * on, the `ipcRenderer` the preload's bridge invokes, and the WebContents main pushes through.
 *
 * It keeps what the real pipe does that a window can notice: arguments, answers and pushes are
 * structured-cloned (a function or a class instance fails here as it fails in Electron; the window
 * never shares objects with main), everything arrives asynchronously and in the order main sent
 * it (a push sent before an answer is seen before it), a failed call rejects with Electron's
 * wording, and a call arrives from the app's own top frame so the wrapper's sender check runs.
 *
 * Runs in Node and, bundled, in the renderer tests' Chromium: browser built-ins only.
 */
import type { InvokeEventLike, IpcMainLike } from '../../main/shell/ipc.js';
import type { IpcRendererLike } from '../../preload/api.js';

type MainListener = (event: InvokeEventLike, ...args: unknown[]) => unknown;
type RendererListener = (event: unknown, ...args: unknown[]) => void;

/** The page every call comes from: the app's start page (protocol.ts APP_INDEX_URL). */
const MEMORY_IPC_PAGE_URL = 'app://renderer/index.html';

/** What the window did on the pipe: invoked a channel (args as cloned) or started listening to one. */
export interface MemoryTraffic {
  readonly kind: 'invoke' | 'listen';
  readonly channel: string;
  readonly args: readonly unknown[];
}

export interface MemoryIpc {
  /** For `createIpc({ ipcMain })`. */
  readonly ipcMain: IpcMainLike;
  /** For `createApi(ipcRenderer)`. */
  readonly ipcRenderer: IpcRendererLike;
  /** The window's WebContents: for `TrustedSenders.add` and for `send(contents, event, ...)`. */
  readonly contents: {
    readonly id: number;
    isDestroyed(): boolean;
    send(channel: string, ...args: unknown[]): void;
    once(event: 'destroyed', listener: () => void): unknown;
  };
  /** Everything the window did, in order, recorded when it did it (before any hold). */
  readonly traffic: readonly MemoryTraffic[];
  /** Calls of these channels wait in the pipe (before main sees them) until `release`. */
  hold(channel: string): void;
  release(channel: string): void;
  /** Push channels someone listens to, with how many listeners. */
  listenerCount(channel: string): number;
  /** The window closed: main's later pushes are dropped, as Electron's `send` guard does. */
  destroy(): void;
}

/** What Electron's `ipcRenderer.invoke` rejects with when main's handler throws. */
function remoteError(channel: string, error: unknown): Error {
  return new Error(`Error invoking remote method '${channel}': ${String(error)}`);
}

/** The next turn of the event loop's microtask queue: IPC never answers synchronously. */
const nextTurn = (): Promise<void> => new Promise((resolve) => queueMicrotask(resolve));

export function createMemoryIpc(id = 1): MemoryIpc {
  const handlers = new Map<string, MainListener>();
  const listeners = new Map<string, Set<RendererListener>>();
  const destroyedListeners: (() => void)[] = [];
  const traffic: MemoryTraffic[] = [];
  const held = new Set<string>();
  const waiting = new Map<string, (() => void)[]>();
  let destroyed = false;

  const event: InvokeEventLike = { sender: { id }, senderFrame: { url: MEMORY_IPC_PAGE_URL, parent: null } };

  const ipcRenderer: IpcRendererLike = {
    async invoke(channel, ...args) {
      // Cloned where Electron clones: before the message leaves the window.
      const sent = structuredClone(args);
      traffic.push({ kind: 'invoke', channel, args: sent });
      await nextTurn();
      if (held.has(channel)) await new Promise<void>((resume) => waiting.set(channel, [...(waiting.get(channel) ?? []), resume]));
      const handler = handlers.get(channel);
      if (!handler) throw remoteError(channel, new Error(`No handler registered for '${channel}'`));
      let answer: unknown;
      try {
        answer = structuredClone(await handler(event, ...sent));
      } catch (error) {
        throw remoteError(channel, error);
      }
      await nextTurn();
      return answer;
    },
    on(channel, listener) {
      traffic.push({ kind: 'listen', channel, args: [] });
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
      return ipcRenderer;
    },
    removeListener(channel, listener) {
      listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
  };

  return {
    ipcMain: {
      handle(channel, listener) {
        if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        handlers.set(channel, listener);
      },
      removeHandler(channel) {
        handlers.delete(channel);
      },
    },
    ipcRenderer,
    contents: {
      id,
      isDestroyed: () => destroyed,
      send(channel, ...args) {
        if (destroyed) throw new Error('Object has been destroyed');
        const payload = structuredClone(args);
        // Queued now, so it reaches the window before any answer main gives after this push.
        queueMicrotask(() => {
          for (const listener of [...(listeners.get(channel) ?? [])]) listener({ sender: ipcRenderer }, ...payload);
        });
      },
      once(_event, listener) {
        destroyedListeners.push(listener);
      },
    },
    traffic,
    hold: (channel) => void held.add(channel),
    release(channel) {
      held.delete(channel);
      const queue = waiting.get(channel) ?? [];
      waiting.delete(channel);
      for (const resume of queue) resume();
    },
    listenerCount: (channel) => listeners.get(channel)?.size ?? 0,
    destroy() {
      if (destroyed) return;
      destroyed = true;
      for (const listener of destroyedListeners.splice(0)) listener();
    },
  };
}
