/**
 * Boot: ask main for the state once, draw it, then follow pushes. The window is created on demand
 * (the app idles without one), so this path does nothing before the first paint but one IPC call.
 */
import { api } from './api.js';
import { App } from './app.js';
import { t, useLocale } from './i18n.js';

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
    fail(root, t('ui.boot.noBridge'));
    return;
  }
  try {
    const state = await api.getState();
    useLocale(state.locale);
    new App(api, root, state);
  } catch (error) {
    fail(root, t('ui.boot.noState', { error: String((error as Error).message ?? error) }));
  }
}

void boot();
