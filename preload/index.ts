/**
 * The preload script: exposes `window.api` and nothing else.
 *
 * The window is sandboxed, so this must stay ONE CommonJS file that requires only `electron`
 * (scripts/build.mjs bundles it to out/preload/preload.cjs; the arch test checks the output).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createApi } from './api.js';

export { createApi };

contextBridge.exposeInMainWorld('api', createApi(ipcRenderer));
