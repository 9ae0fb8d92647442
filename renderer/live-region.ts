/**
 * The screen reader's voice: one polite live region. Every announcement in the window goes
 * through here, so what is said and when is decided in one place (actions.ts, app.ts).
 */
import { h } from './views/dom.js';

export class LiveRegion {
  readonly element: HTMLElement = h('div', { class: 'sr-only', id: 'live', attrs: { role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' } });

  private pending: number | null = null;

  announce(text: string): void {
    // Clearing first makes a repeated sentence ("Refreshing…") be read again; a sentence still
    // waiting is dropped, so an older one can never land after a newer one.
    if (this.pending !== null) window.clearTimeout(this.pending);
    this.element.textContent = '';
    this.pending = window.setTimeout(() => {
      this.pending = null;
      this.element.textContent = text;
    }, 50);
  }
}
