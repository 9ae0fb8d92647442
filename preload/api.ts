/**
 * Builds `window.api` from the contract's `INVOKE_VERBS` and `EVENT_VERBS` tables.
 *
 * Named verbs only (Electron security checklist item 20): the page never sees a channel name or
 * `ipcRenderer`. Each verb sends exactly the arguments the contract declares and drops extras, and
 * listeners receive the payload only, never the IpcRendererEvent (which carries `sender`), and
 * get back a function that unsubscribes them.
 */
import { EVENT_VERBS, INVOKE_VERBS, type AppApi } from '../main/core/contract.js';

/** The slice of `ipcRenderer` the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** Creates the bridge object over an `ipcRenderer`. */
export function createApi(ipc: IpcRendererLike): AppApi {
  const verbs = Object.entries(INVOKE_VERBS).map(([verb, { channel, arity }]) => [verb, (...args: unknown[]) => ipc.invoke(channel, ...args.slice(0, arity))]);
  const listeners = Object.entries(EVENT_VERBS).map(([verb, channel]) => [
    verb,
    (listener: (payload: unknown) => void): (() => void) => {
      const wrapped = (_event: unknown, ...args: unknown[]): void => listener(args[0]);
      ipc.on(channel, wrapped);
      return () => void ipc.removeListener(channel, wrapped);
    },
  ]);
  // The tables are typed against AppApi in the contract; this object is built from them alone.
  return Object.freeze(Object.fromEntries([...verbs, ...listeners])) as AppApi;
}
