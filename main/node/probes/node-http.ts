/**
 * `request` from node:http and node:https, loaded with require() on purpose.
 *
 * In Node 22 an ESM `import` of node:http builds its module namespace by reading every export,
 * including the lazy `WebSocket`, `MessageEvent` and `CloseEvent` getters. Reading them compiles
 * Node's whole bundled copy of undici: ~40 ms of CPU and several MB on every CLI start, for
 * classes nobody here uses. require() returns the plain exports object and leaves them untouched.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const httpRequest = (require('node:http') as typeof import('node:http')).request;
export const httpsRequest = (require('node:https') as typeof import('node:https')).request;
