/**
 * What to watch: the catalog as checkboxes under their categories with a search box, and the person's own status
 * pages (a list with Change components and Remove, and "Add a status page", add-source.ts). Main
 * reads a pasted address and says what it is; whether the page may be saved is main's decision
 * too, shown after Save next to this group.
 */
import type { CatalogEntry } from '../../../main/core/contract.js';
import { searchCatalog } from '../../model/catalog-search.js';
import { button, h, replaceChildren, type Child } from '../dom.js';
import { addSourceBlock, resultPanel, watchedWords, type SourceFinder } from './add-source.js';
import { checkbox, fieldGroup, isInvalid, textField, type SectionContext } from './fields.js';
import { t } from '../../i18n.js';

/** The catalog search box's own state, kept across re-renders of the form. */
export class CatalogFilter {
  query = '';
}

/**
 * The catalog as checkboxes under their category, with a search box above: typing narrows the
 * list in place (the box keeps focus), a count says how many match, and a checked service that
 * the search hides stays watched.
 */
export function watchSection(ctx: SectionContext, filter: CatalogFilter): HTMLElement {
  const draft = ctx.draft;
  return fieldGroup(ctx, 'watch', t('ui.settings.watch'), null, (describedBy, disabled) => {
    const countId = 'catalog-count';
    const list = h('div', { class: 'catalog-list' });
    const count = h('p', { class: 'catalog-count quiet', id: countId, attrs: { 'aria-live': 'polite' } });
    const entryCheckbox = (entry: CatalogEntry): HTMLElement =>
      checkbox(`watch:${entry.id}`, entry.name, draft.watch.includes(entry.id), disabled, describedBy, (checked) => {
        const rest = draft.watch.filter((id) => id !== entry.id);
        draft.watch = checked ? [...rest, entry.id] : rest;
      }, isInvalid(ctx, 'watch'));
    const fill = (): void => {
      const groups = searchCatalog(ctx.view.catalog, filter.query);
      const shown = groups.reduce((n, g) => n + g.entries.length, 0);
      const total = ctx.view.catalog.length;
      count.textContent =
        filter.query.trim() === ''
          ? t('ui.settings.count', { total })
          : shown === 0
            ? t('ui.settings.noMatch', { query: filter.query.trim() })
            : t('ui.settings.matches', { shown, total });
      const children: Child[] = groups.map(({ category, entries }) =>
        h(
          'fieldset',
          { class: 'catalog-group' },
          h('legend', {}, category),
          // Short names fit two to a row, which halves a long list in a small window.
          h('div', { class: entries.every((e) => e.name.length <= 18) ? 'checks two-columns' : 'checks' }, ...entries.map(entryCheckbox)),
        ),
      );
      replaceChildren(list, children);
    };
    const search = textField('catalog-search', t('ui.settings.find'), filter.query, { type: 'search', disabled: false, invalid: false, describedBy: countId, placeholder: t('ui.settings.findPlaceholder'), autocomplete: 'off' }, (value) => {
      filter.query = value;
      // Only the list changes: the box keeps focus and what was typed.
      fill();
    });
    search.classList.add('catalog-search');
    fill();
    return [search, count, list];
  });
}

/** Formats whose pages list components a person can pick (config-meaning.ts's rule). */
const PICKABLE: ReadonlySet<string> = new Set(['statuspage', 'statusio', 'google-workspace', 'incidentio', 'instatus']);

/**
 * The person's own status pages: each with its format and what is watched of it, "Change
 * components" (reads the page again for its live list) and Remove; below, "Add a status page".
 */
export function customSourcesSection(ctx: SectionContext, finder: SourceFinder): HTMLElement {
  const draft = ctx.draft;
  const hint = t('ui.settings.customHint');
  return fieldGroup(ctx, 'customSources', t('ui.settings.custom'), hint, (describedBy, disabled) => [
    draft.customSources.length === 0
      ? h('p', { class: 'quiet' }, t('ui.settings.noneAdded'))
      : h(
          'ul',
          { class: 'custom-sources' },
          ...draft.customSources.map((source) => {
            const editing = finder.editing(source.id);
            const checking = editing && finder.phase.kind === 'checking';
            return h(
              'li',
              {},
              h('span', { class: 'custom-name' }, source.name),
              h('span', { class: 'custom-url' }, source.url),
              h('span', { class: 'custom-watch quiet' }, watchedWords(source)),
              disabled || !PICKABLE.has(source.type ?? 'statuspage')
                ? null
                : button(checking ? t('ui.diag.checking') : t('ui.settings.changeComponents'), () => (checking ? undefined : void finder.check(ctx, source.url, { kind: 'edit', id: source.id })), {
                    class: 'link-button',
                    key: `components:${source.id}`,
                    attrs: { 'aria-label': checking ? t('ui.settings.checkingName', { name: source.name }) : t('ui.settings.changeComponentsOf', { name: source.name }), 'aria-disabled': checking ? 'true' : null, 'aria-expanded': editing ? 'true' : 'false' },
                  }),
              disabled
                ? null
                : button(t('ui.settings.remove'), () => {
                    draft.customSources = draft.customSources.filter((s) => s.id !== source.id);
                    if (editing) finder.cancel(ctx);
                    ctx.rerender();
                    ctx.announce(t('ui.settings.removed', { name: source.name }));
                  }, { class: 'link-button', key: `remove:${source.id}`, attrs: { 'aria-label': t('ui.settings.removeName', { name: source.name }) } }),
              editing ? resultPanel(ctx, finder) : null,
            );
          }),
        ),
    disabled ? null : addSourceBlock(ctx, finder, describedBy),
  ]);
}
