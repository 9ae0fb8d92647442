/**
 * Re-rendering replaces DOM nodes; these helpers carry what the person was doing across it:
 * the focused control (by its `data-key`), open disclosure widgets and the scroll position.
 */

export interface UiSnapshot {
  readonly focusKey: string | null;
  readonly openKeys: readonly string[];
  readonly scrollTop: number;
}

function keyOf(element: Element | null): string | null {
  const keyed = element?.closest<HTMLElement>('[data-key]');
  return keyed?.dataset['key'] ?? null;
}

export function captureUi(root: HTMLElement, scroller: HTMLElement): UiSnapshot {
  const active = document.activeElement;
  return {
    focusKey: active && root.contains(active) ? keyOf(active) : null,
    openKeys: [...root.querySelectorAll<HTMLDetailsElement>('details[open][data-key]')].map((d) => d.dataset['key'] ?? ''),
    scrollTop: scroller.scrollTop,
  };
}

export function findKey(root: HTMLElement, key: string): HTMLElement | null {
  return [...root.querySelectorAll<HTMLElement>('[data-key]')].find((el) => el.dataset['key'] === key) ?? null;
}

/** Puts focus, open details and scroll back. Returns whether focus was restored. */
export function restoreUi(root: HTMLElement, scroller: HTMLElement, snapshot: UiSnapshot): boolean {
  for (const key of snapshot.openKeys) {
    const details = findKey(root, key);
    if (details instanceof HTMLDetailsElement) details.open = true;
  }
  scroller.scrollTop = snapshot.scrollTop;
  if (snapshot.focusKey === null) return false;
  const target = findKey(root, snapshot.focusKey);
  if (!target) return false;
  target.focus({ preventScroll: true });
  return document.activeElement === target;
}
