/**
 * Boot: ask main for the state once, draw it, then follow pushes. The window is created on demand
 * (the app idles without one), so this path does nothing before the first paint but one IPC call.
 */
import { api } from './api.js';
import { App } from './app.js';

function fail(root: HTMLElement, text: string): void {
  const message = document.createElement('p');
  message.className = 'boot-error';
  message.setAttribute('role', 'alert');
  message.textContent = text;
  root.replaceChildren(message);
}

async function boot(): Promise<void> {
  const root = document.getElementById('app');
  if (!root) return;
  if (typeof api !== 'object' || api === null) {
    fail(root, 'Outage Radar could not start its window. Close it and open it again from the tray icon.');
    return;
  }
  try {
    new App(api, root, await api.getState());
  } catch (error) {
    fail(root, `Outage Radar could not load its status: ${(error as Error).message ?? error}. Close the window and open it again.`);
  }
}

void boot();
