/**
 * "Add a status page": the person pastes any status page address, main reads it (the window never
 * fetches) and answers with the page it found, its format and its live component list, or why it
 * could not. The person then watches the whole page or picks components, and "Add" puts the page
 * into the settings draft with its type and components (saved with the rest on Save). The same
 * panel changes the components of a page already watched: it reads the page again for the list.
 *
 * Every result is said in the live region as well as shown, and the button keeps focus while
 * main checks ("Checking…"), so keyboard and screen-reader users never lose their place.
 */
import type { ConfigCustomSource } from '../../../main/core/generated/config-document.js';
import type { SourceType } from '../../../main/core/model.js';
import type { DetectedComponent, DetectedSource, DetectFailure, DetectOutcome } from '../../../main/core/sources/detect-source.js';
import { customSourceId } from '../../model/settings.js';
import { button, h, uid, type Child } from '../dom.js';
import { checkbox, textField, type SectionContext } from './fields.js';
import { t } from '../../i18n.js';

/** Each format as a person reads it ("Format: Atlassian Statuspage"), in the window's language. */
export function formatWords(type: SourceType): string {
  return t(`main.window.format.${type}`);
}

/** The schema's limit on picked components (`$defs/customSource.components.maxItems`). */
export const MAX_PICKED_COMPONENTS = 100;

/** Which page the panel is for: a new one, or the watched page with this id. */
export type FinderTarget = { readonly kind: 'add' } | { readonly kind: 'edit'; readonly id: string };

interface FoundPage {
  readonly source: DetectedSource;
  readonly components: readonly DetectedComponent[];
  name: string;
  /** Watch the whole page (the default), or only `picked`. */
  whole: boolean;
  /** Ids of the picked components, in the page's order. */
  picked: string[];
  problem: string | null;
}

type Phase =
  | { readonly kind: 'idle' }
  /** Check was pressed with no address. */
  | { readonly kind: 'missing' }
  | { readonly kind: 'checking'; readonly url: string }
  | { readonly kind: 'found'; readonly page: FoundPage }
  | { readonly kind: 'refused'; readonly url: string; readonly reason: DetectFailure; readonly message: string };

function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

/** Main's message after its "<address> is not a status page: " lead, which the headline already says. */
function after(message: string, leads: readonly string[]): string {
  for (const lead of leads) {
    const at = message.indexOf(lead);
    if (at >= 0) return message.slice(at + lead.length);
  }
  return message;
}

const sentence = (text: string): string => {
  const trimmed = text.trim();
  // An address stays as typed ("https://…", never "Https://…").
  const capital = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?…]$/.test(capital) ? capital : `${capital}.`;
};

/**
 * Why a page could not be added, in words: a headline and main's detail (or null when the headline
 * says it all). Main's message comes in the window's language (main/shell/add-source.ts); an
 * English one starts with the address and what the headline says, which `after` leaves out.
 */
export function refusalWords(reason: DetectFailure, message: string, url: string): { readonly headline: string; readonly detail: string | null } {
  switch (reason) {
    case 'login':
      return { headline: t('main.window.add.refused.login'), detail: sentence(after(message, [' is a login page: '])) };
    case 'not-status-page':
      return { headline: t('main.window.add.refused.notStatusPage', { why: sentence(after(message, [' is not a status page: '])) }), detail: null };
    case 'unreachable':
      return { headline: t('main.window.add.refused.unreachable', { host: hostOf(url), why: sentence(after(message, [' could not be reached: ', ' could not be read: '])) }), detail: null };
    case 'blocked':
      return { headline: t('main.window.add.refused.blocked', { host: hostOf(url), why: sentence(after(message, [' could not be read: '])) }), detail: null };
    case 'bad-url':
      return { headline: t('main.window.add.refused.badUrl', { why: sentence(message) }), detail: null };
    default: {
      const never: never = reason;
      return { headline: sentence(String(never)), detail: sentence(message) };
    }
  }
}

/** True when a watched page's stored component (an id or a name) is this component. */
function names(stored: string, component: DetectedComponent): boolean {
  return stored === component.id || stored.trim().toLowerCase() === component.name.trim().toLowerCase();
}

/** The add / change-components panel's own state, kept across re-renders of the form. */
export class SourceFinder {
  url = '';
  target: FinderTarget = { kind: 'add' };
  phase: Phase = { kind: 'idle' };
  private asked = 0;

  constructor(private readonly detect: (url: string) => Promise<DetectOutcome>) {}

  /** The panel is open for this watched page. */
  editing(id: string): boolean {
    return this.target.kind === 'edit' && this.target.id === id && this.phase.kind !== 'idle';
  }

  /** Asks main to read `url`; a newer request wins over an older answer still on its way. */
  async check(ctx: SectionContext, url: string, target: FinderTarget): Promise<void> {
    const address = url.trim();
    if (target.kind === 'add' && address === '') {
      this.asked += 1;
      this.target = target;
      this.phase = { kind: 'missing' };
      ctx.rerender();
      ctx.announce(t('main.window.add.missingAddress'));
      return;
    }
    const ticket = ++this.asked;
    this.target = target;
    this.phase = { kind: 'checking', url: address };
    ctx.rerender();
    ctx.announce(t('ui.settings.checkingName', { name: address }));
    let outcome: DetectOutcome;
    try {
      outcome = await this.detect(address);
    } catch (error) {
      outcome = { ok: false, reason: 'unreachable', message: `the app did not answer (${(error as Error).message ?? error})` };
    }
    if (ticket !== this.asked) return;
    if (outcome.ok) {
      const watched = target.kind === 'edit' ? ctx.draft.customSources.find((s) => s.id === target.id) : undefined;
      const stored = watched?.components ?? [];
      const picked = outcome.components.filter((c) => stored.some((s) => names(s, c))).map((c) => c.id);
      this.phase = { kind: 'found', page: { source: outcome.source, components: outcome.components, name: watched?.name ?? outcome.source.name, whole: picked.length === 0, picked, problem: null } };
      ctx.rerender();
      const count = outcome.components.length;
      ctx.announce(t('main.window.add.foundSaid', { name: outcome.source.name, format: formatWords(outcome.source.type), count }));
    } else {
      this.phase = { kind: 'refused', url: address, reason: outcome.reason, message: outcome.message };
      ctx.rerender();
      const words = refusalWords(outcome.reason, outcome.message, address);
      ctx.announce([words.headline, words.detail].filter(Boolean).join(' '));
    }
  }

  /** Closes the panel; a late answer is then ignored. */
  cancel(ctx: SectionContext): void {
    this.asked += 1;
    this.phase = { kind: 'idle' };
    this.target = { kind: 'add' };
    ctx.rerender();
  }

  /** Puts the found page (or its new components) into the draft; says what is missing otherwise. */
  commit(ctx: SectionContext): void {
    if (this.phase.kind !== 'found') return;
    const page = this.phase.page;
    const name = page.name.trim();
    page.problem =
      name === ''
        ? t('main.window.add.needName')
        : !page.whole && page.picked.length === 0
          ? t('main.window.add.needComponent')
          : !page.whole && page.picked.length > MAX_PICKED_COMPONENTS
            ? t('main.window.add.tooManyComponents', { max: MAX_PICKED_COMPONENTS })
            : null;
    if (page.problem !== null) {
      ctx.rerender();
      ctx.announce(page.problem);
      return;
    }
    const components = page.whole ? undefined : page.picked;
    const draft = ctx.draft;
    const target = this.target;
    if (target.kind === 'edit') {
      draft.customSources = draft.customSources.map((s) => (s.id === target.id ? withComponents({ ...s, name }, components) : s));
    } else {
      const id = customSourceId(name, draft.customSources.map((s) => s.id));
      draft.customSources = [...draft.customSources, withComponents({ id, name, url: page.source.url, type: page.source.type }, components)];
      this.url = '';
    }
    this.phase = { kind: 'idle' };
    this.target = { kind: 'add' };
    ctx.rerender();
    const edited = target.kind === 'edit';
    ctx.announce(
      components === undefined
        ? t(edited ? 'main.window.add.changedWhole' : 'main.window.add.addedWhole', { name })
        : t(edited ? 'main.window.add.changedSome' : 'main.window.add.addedSome', { name, count: components.length }),
    );
  }
}

function withComponents(source: ConfigCustomSource, components: readonly string[] | undefined): ConfigCustomSource {
  const { components: _old, ...rest } = source;
  return components === undefined ? rest : { ...rest, components };
}

/** What a watched page reads, for its line in the list ("Atlassian Statuspage · 2 components"). */
export function watchedWords(source: ConfigCustomSource): string {
  const format = formatWords(source.type ?? 'statuspage');
  const count = source.components?.length ?? 0;
  return `${format} · ${count === 0 ? t('ui.add.wholePage') : t('ui.add.components', { count })}`;
}

/** The "Add a status page" group: the address, Check, and the result panel when it is for a new page. */
export function addSourceBlock(ctx: SectionContext, finder: SourceFinder, describedBy: string): HTMLElement {
  const legendId = uid('add');
  const checking = finder.target.kind === 'add' && finder.phase.kind === 'checking';
  const check = (): void => void finder.check(ctx, finder.url, { kind: 'add' });
  const address = textField(
    'detect-url',
    t('ui.add.address'),
    finder.url,
    { type: 'url', disabled: false, describedBy, invalid: finder.target.kind === 'add' && (finder.phase.kind === 'refused' || finder.phase.kind === 'missing'), placeholder: 'https://status.example.com', autocomplete: 'url' },
    (value) => {
      finder.url = value;
    },
  );
  // Enter in the address checks it; it must not submit (save) the whole settings form.
  address.querySelector('input')?.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    if (!checking) check();
  });
  return h(
    'fieldset',
    { class: 'catalog-group add-source', attrs: { 'aria-labelledby': legendId } },
    h('legend', { id: legendId }, t('ui.add.title')),
    address,
    h(
      'div',
      { class: 'actions' },
      button(checking ? t('ui.diag.checking') : t('ui.add.check'), () => (checking ? undefined : check()), { class: 'secondary', key: 'detect-check', attrs: { 'aria-disabled': checking ? 'true' : null } }),
    ),
    finder.target.kind === 'add' ? resultPanel(ctx, finder) : null,
  );
}

/** What main answered: the found page to add (or change), or why it could not be read. */
export function resultPanel(ctx: SectionContext, finder: SourceFinder): HTMLElement | null {
  const phase = finder.phase;
  const editing = finder.target.kind === 'edit';
  switch (phase.kind) {
    case 'idle':
      return null;
    case 'missing':
      return h('p', { class: 'field-error detect-missing' }, t('main.window.add.missingAddress'));
    case 'checking':
      return h('p', { class: 'quiet detect-checking' }, t('ui.settings.checkingName', { name: phase.url }));
    case 'refused': {
      const words = refusalWords(phase.reason, phase.message, phase.url);
      return h(
        'div',
        { class: 'notice notice-error detect-refused' },
        h('p', { class: 'detect-reason' }, words.headline),
        words.detail ? h('p', {}, words.detail) : null,
        editing ? h('div', { class: 'actions' }, button(t('ui.add.close'), () => finder.cancel(ctx), { class: 'secondary', key: 'detect-close' })) : null,
      );
    }
    case 'found':
      return foundPanel(ctx, finder, phase.page, editing);
    default: {
      const never: never = phase;
      return never;
    }
  }
}

function foundPanel(ctx: SectionContext, finder: SourceFinder, page: FoundPage, editing: boolean): HTMLElement {
  const titleId = uid('found');
  const problemId = uid('err');
  const describedBy = page.problem ? problemId : '';
  const count = page.components.length;
  const choice = (whole: boolean, label: string): HTMLElement => {
    const id = uid('rb');
    return h(
      'div',
      { class: 'check' },
      h('input', {
        id,
        key: whole ? 'detect-whole' : 'detect-some',
        attrs: { type: 'radio', name: `detect-scope-${titleId}`, checked: page.whole === whole },
        on: {
          change: () => {
            page.whole = whole;
            page.problem = null;
            ctx.rerender();
          },
        },
      }),
      h('label', { attrs: { for: id } }, label),
    );
  };
  const componentList: Child =
    !page.whole && count > 0
      ? h(
          'fieldset',
          { class: 'catalog-group sub-options detect-components' },
          h('legend', {}, t('main.window.add.componentsPicked', { name: page.source.name, picked: page.picked.length, count })),
          h(
            'div',
            { class: page.components.every((c) => c.name.length <= 18) ? 'checks two-columns' : 'checks' },
            ...page.components.map((component) =>
              checkbox(
                `detect-component:${component.id}`,
                component.name,
                page.picked.includes(component.id),
                false,
                describedBy,
                (checked) => {
                  // Kept in the page's order, so the saved list reads like the page.
                  const wanted = new Set(checked ? [...page.picked, component.id] : page.picked.filter((id) => id !== component.id));
                  page.picked = page.components.filter((c) => wanted.has(c.id)).map((c) => c.id);
                  page.problem = null;
                  ctx.rerender();
                },
                page.problem !== null,
              ),
            ),
          ),
        )
      : null;
  return h(
    'section',
    { class: 'notice detect-found', attrs: { 'aria-labelledby': titleId } },
    h('h3', { id: titleId, class: 'detect-name' }, editing ? t('main.window.add.componentsOf', { name: page.name }) : t('main.window.add.found', { name: page.source.name })),
    h('p', {}, t('main.window.add.format', { format: formatWords(page.source.type) })),
    h('p', { class: 'custom-url' }, t('main.window.add.address', { url: page.source.url })),
    editing
      ? null
      : textField('detect-name', t('main.window.add.name'), page.name, { disabled: false, describedBy, invalid: page.problem === t('main.window.add.needName'), extra: { maxlength: 120 } }, (value) => {
          page.name = value;
        }),
    count === 0
      ? h('p', { class: 'quiet' }, t('main.window.add.noComponents'))
      : h(
          'fieldset',
          { class: 'catalog-group detect-scope' },
          h('legend', {}, t('main.window.add.whatToWatch')),
          choice(true, t('main.window.add.wholePage')),
          choice(false, t('main.window.add.someComponents', { count })),
          componentList,
        ),
    // Said in the live region when it appears; focus stays on the button that was pressed.
    page.problem ? h('p', { class: 'field-error', id: problemId }, page.problem) : null,
    h(
      'div',
      { class: 'actions' },
      button(editing ? t('ui.add.use') : t('ui.add.add'), () => finder.commit(ctx), { class: 'primary', key: 'detect-add', attrs: { 'aria-describedby': titleId } }),
      button(t('ui.add.cancel'), () => finder.cancel(ctx), { class: 'secondary', key: 'detect-cancel' }),
    ),
  );
}
