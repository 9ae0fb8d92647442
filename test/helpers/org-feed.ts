import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli.js';

/** The moment the example feed describes (its incident is open, one message has expired). */
const EXAMPLE_MOMENT = Date.parse('2025-03-04T09:45:00Z');

/**
 * The documented example org feed with every timestamp moved so that `now` is the moment it
 * describes: the same incidents and messages, current instead of expired.
 */
export function currentExampleFeed(now: number): string {
  const text = readFileSync(join(ROOT, 'examples', 'org-feed.example.json'), 'utf8');
  const shift = now - EXAMPLE_MOMENT;
  return text.replace(/"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z)"/g, (_m, iso: string) => JSON.stringify(new Date(Date.parse(iso) + shift).toISOString()));
}
