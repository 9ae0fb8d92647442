/**
 * HTML incident posts as readable plain text, for the terminal. Built on htmlparser2's streaming
 * parser: it reports tags and text as events and keeps its own open-tag list in an array, and this
 * module keeps only a list of open links, so no nesting depth can exhaust the stack (a post of
 * 30,000 nested <div> once crashed the CLI). Entities are decoded by the parser.
 *
 * The result is still untrusted: pass it through `displayBlock` / `displayLine` before printing.
 */
import { Parser } from 'htmlparser2';

/** Tags that end a line of text. */
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'dd', 'details', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer',
  'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table',
  'tbody', 'thead', 'tfoot', 'tr', 'ul',
]);
/** Tags whose content is never text a person should read. */
const SKIPPED = new Set(['script', 'style', 'template', 'noscript', 'head', 'title', 'iframe', 'object', 'svg', 'math']);

/** Stop collecting text well past any display cap: a bigger post costs parse time, not memory. */
const MAX_TEXT = 200_000;

interface OpenLink {
  readonly href: string;
  /** Where the link's text starts in the output. */
  readonly start: number;
}

function readableHref(href: string | undefined): string | null {
  const trimmed = href?.trim() ?? '';
  return /^(https?:\/\/|mailto:)/i.test(trimmed) ? trimmed : null;
}

/** Plain text of an HTML fragment: block elements and <br> break lines, list items read "- ", links read "text (address)". */
export function htmlToText(html: string): string {
  let out = '';
  let skipDepth = 0;
  let preDepth = 0;
  const links: OpenLink[] = [];
  const newline = (): void => {
    if (out !== '' && !out.endsWith('\n')) out += '\n';
  };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (SKIPPED.has(name)) skipDepth += 1;
        if (skipDepth > 0) return;
        if (name === 'pre') preDepth += 1;
        if (name === 'br') out += '\n';
        else if (name === 'li') {
          newline();
          out += '- ';
        } else if (BLOCK.has(name) || name === 'td' || name === 'th') {
          if (name === 'td' || name === 'th') out += out.endsWith('\n') || out === '' ? '' : ' ';
          else newline();
        }
        if (name === 'a') {
          const href = readableHref(attributes['href']);
          if (href !== null) links.push({ href, start: out.length });
          else links.push({ href: '', start: out.length });
        }
      },
      ontext(text) {
        if (skipDepth > 0 || out.length > MAX_TEXT) return;
        out += preDepth > 0 ? text : text.replace(/[ \t\r\n\f]+/g, ' ');
      },
      onclosetag(name) {
        if (SKIPPED.has(name)) {
          skipDepth = Math.max(0, skipDepth - 1);
          return;
        }
        if (skipDepth > 0) return;
        if (name === 'pre') preDepth = Math.max(0, preDepth - 1);
        if (name === 'a') {
          const link = links.pop();
          if (link && link.href !== '') {
            const text = out.slice(link.start).trim();
            if (text === '') out += link.href;
            else if (!text.includes(link.href) && text !== link.href.replace(/^mailto:/i, '')) out += ` (${link.href})`;
          }
        } else if (BLOCK.has(name) || name === 'li') newline();
      },
    },
    { decodeEntities: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  return out
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/g, '').replace(/^ +/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
