/**
 * Builds `window.api` from the contract's `API_CHANNELS` table.
 *
 * Named verbs only (Electron security checklist item 20): the page never sees a channel name or
 * `ipcRenderer`. Each verb sends exactly the arguments the contract declares and drops extras, and
 * listeners receive the payload only, never the IpcRendererEvent (which carries `sender`), and
 * get back a function that unsubscribes them.
 */
import { API_CHANNELS, type AppApi, type EventChannel, type EventChannels } from '../main/core/contract.js';

/** The slice of `ipcRenderer` the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

type Verb = keyof typeof API_CHANNELS;

/** How many arguments each verb forwards; typed from AppApi, so it cannot drift from the contract. */
const ARITY: { readonly [V in Verb]: Parameters<AppApi[V]>['length'] } = {
  getState: 0,
  refresh: 0,
  mute: 1,
  getSettings: 0,
  updateSettings: 1,
  runDiagnostics: 0,
  openLink: 1,
  copyReport: 0,
  hideWindow: 0,
};

/** Creates the bridge object over an `ipcRenderer`. */
export function createApi(ipc: IpcRendererLike): AppApi {
  const listen =
    <E extends EventChannel>(channel: E) =>
    (listener: EventChannels[E]): (() => void) => {
      const wrapped = (_event: unknown, ...args: unknown[]): void => {
        (listener as (...payload: unknown[]) => void)(...args.slice(0, 1));
      };
      ipc.on(channel, wrapped);
      return () => void ipc.removeListener(channel, wrapped);
    };

  const verbs = Object.fromEntries(
    (Object.keys(API_CHANNELS) as Verb[]).map((verb) => {
      const channel = API_CHANNELS[verb];
      const arity = ARITY[verb];
      return [verb, (...args: unknown[]) => ipc.invoke(channel, ...args.slice(0, arity))];
    }),
  ) as Omit<AppApi, 'onStateChanged' | 'onNavigate'>;

  return Object.freeze({
    ...verbs,
    onStateChanged: listen('state:changed'),
    onNavigate: listen('route:navigate'),
  });
}
