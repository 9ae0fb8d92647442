/** Moved to `main/core/retry-after.ts` (pure, shared by both HTTP adapters); kept for old imports. */
export { MAX_RETRY_AFTER_MS, parseRetryAfter } from '../core/retry-after.js';
