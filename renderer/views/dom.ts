/**
 * A tiny element builder. Strings become text nodes, never markup: this module has no way to
 * parse HTML, so nothing built with it can run a script from a status page. It is also the
 * window's display boundary: every string child and attribute passes `displayText`, so no control
 * character or bidi override from a source reaches the screen, whichever view put it there.
 */
import { displayText } from '../../main/core/words/display-text.js';

export type Child = Node | string | number | null | undefined | false;

export interface Props {
  readonly class?: string;
  readonly id?: string;
  /** `data-key` marks an element whose focus survives a re-render (see focus.ts). */
  readonly key?: string;
  readonly attrs?: Readonly<Record<string, string | number | boolean | null | undefined>>;
  readonly on?: { readonly [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void };
}

/** Creates an element with attributes, listeners and children. `false`/`null` attributes are left out. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.class) element.className = props.class;
  if (props.id) element.id = props.id;
  if (props.key) element.dataset['key'] = props.key;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : displayText(String(value)));
  }
  for (const [type, listener] of Object.entries(props.on ?? {})) {
    if (listener) element.addEventListener(type, listener as EventListener);
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(displayText(String(child))) : child);
  }
}

/** Replaces an element's children (strings as text nodes, like `h`). */
export function replaceChildren(parent: Element, children: readonly Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** A `<button type="button">`: every action in the window is a real button (Enter and Space work). */
export function button(label: Child | readonly Child[], onClick: (event: MouseEvent) => void, props: Props = {}): HTMLButtonElement {
  const children = Array.isArray(label) ? (label as readonly Child[]) : [label as Child];
  return h('button', { ...props, attrs: { type: 'button', ...props.attrs }, on: { ...props.on, click: onClick } }, ...children);
}

/** Text for screen readers only (e.g. "opens in your browser"). */
export function srOnly(text: string): HTMLSpanElement {
  return h('span', { class: 'sr-only' }, text);
}

let nextId = 0;
/** A document-unique id for aria-labelledby / aria-describedby pairs. */
export function uid(prefix: string): string {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

/** A section landmark named by its heading. */
export function section(title: string, level: 2 | 3, props: Props, ...children: Child[]): HTMLElement {
  const headingId = uid('h');
  return h(
    'section',
    { ...props, attrs: { ...props.attrs, 'aria-labelledby': headingId } },
    h(level === 2 ? 'h2' : 'h3', { id: headingId }, title),
    ...children,
  );
}
