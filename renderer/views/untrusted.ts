/**
 * The one place where text from a status source becomes DOM. Plain text goes in as a text node.
 * HTML goes through DOMPurify with a small allowlist (paragraphs, lists, emphasis, code), and every
 * link it keeps is turned into inert text: the window never navigates, and main opens only the
 * named links in `LinkTarget`. Nothing here assigns a string to innerHTML.
 */
import DOMPurify from 'dompurify';
import { displayBlock, displayText, DISPLAY_LIMITS } from '../../main/core/words/display-text.js';
import type { UntrustedText } from '../../main/core/model.js';
import { h } from './dom.js';

/** Tags an incident post may keep. No attributes survive except `href`, which is then removed. */
export const ALLOWED_TAGS = ['p', 'br', 'ul', 'ol', 'li', 'b', 'strong', 'i', 'em', 'a', 'code', 'pre'] as const;

/** Posts are capped so a hostile or broken source cannot freeze the window with megabytes of text. */
const MAX_CHARS = DISPLAY_LIMITS.body;

function clip(content: string): string {
  return content.length > MAX_CHARS ? `${content.slice(0, MAX_CHARS)}…` : content;
}

/** The display boundary for markup: every text the sanitizer kept loses its control and bidi characters. */
function displayTextNodes(root: DocumentFragment): void {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    const text = node as Text;
    const clean = displayText(text.data);
    if (clean !== text.data) text.data = clean;
  }
}

/** Replaces each link with its text, followed by the address when it says something the text does not. */
function inertLinks(root: DocumentFragment): void {
  for (const link of [...root.querySelectorAll('a')]) {
    const text = link.textContent ?? '';
    const href = link.getAttribute('href') ?? '';
    const span = h('span', { class: 'post-link' }, text);
    const showAddress = /^https:\/\//i.test(href) && !text.includes(href);
    link.replaceWith(span, ...(showAddress ? [document.createTextNode(` (${href})`)] : []));
  }
}

/** The post body as an element: `white-space: pre-line` for text, sanitized markup for HTML. */
export function untrustedBlock(text: UntrustedText): HTMLElement {
  if (text.format !== 'html') return h('div', { class: 'post-body post-text' }, displayBlock(text.content, MAX_CHARS));
  const fragment = DOMPurify.sanitize(clip(text.content), {
    ALLOWED_TAGS: [...ALLOWED_TAGS],
    ALLOWED_ATTR: ['href'],
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    ALLOWED_URI_REGEXP: /^https:\/\//i,
    RETURN_DOM_FRAGMENT: true,
  });
  inertLinks(fragment);
  displayTextNodes(fragment);
  const block = h('div', { class: 'post-body post-html' });
  block.appendChild(fragment);
  return block;
}
