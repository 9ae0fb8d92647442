/**
 * The single seam between the window and the rest of the app. The preload puts `window.api`
 * there (contextBridge); tests put a FakeApi there. Nothing else in renderer/ touches a global
 * other than the DOM.
 */
import type { AppApi } from '../main/core/contract.js';

declare global {
  interface Window {
    /** Exposed by the preload; absent when the page is opened outside the app. */
    readonly api: AppApi;
  }
}

export const api: AppApi = window.api;
