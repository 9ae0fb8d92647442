/**
 * What to watch: the catalog as checkboxes under their headings, and the person's own status
 * pages (a list with Remove, and a small form to add one). Whether an address may be watched is
 * main's decision, shown after Save next to this group; adding only asks for a name and an address.
 */
import { customSourceId, groupCatalog } from '../../model/settings.js';
import { button, h } from '../dom.js';
import { checkbox, fieldGroup, isInvalid, textField, type Draft, type SectionContext } from './fields.js';

export function watchSection(ctx: SectionContext): HTMLElement {
  const draft = ctx.draft;
  return fieldGroup(ctx, 'watch', 'Services to watch', null, (describedBy, disabled) =>
    groupCatalog(ctx.view.catalog).map(({ group, entries }) =>
      h(
        'fieldset',
        { class: 'catalog-group' },
        h('legend', {}, group),
        h(
          'div',
          // Short names fit two to a row, which halves a long list in a small window.
          { class: entries.every((e) => e.name.length <= 18) ? 'checks two-columns' : 'checks' },
          ...entries.map((entry) =>
            checkbox(`watch:${entry.id}`, entry.name, draft.watch.includes(entry.id), disabled, describedBy, (checked) => {
              const rest = draft.watch.filter((id) => id !== entry.id);
              draft.watch = checked ? [...rest, entry.id] : rest;
            }, isInvalid(ctx, 'watch')),
          ),
        ),
      ),
    ),
  );
}

/** The add-a-page form's own state, kept across re-renders. */
export class NewSourceDraft {
  name = '';
  url = '';
  problem: string | null = null;

  /** Puts the page into the draft (main checks its address on Save); says what is missing otherwise. */
  add(ctx: SectionContext): void {
    const name = this.name.trim();
    const url = this.url.trim();
    this.problem = name === '' ? 'Give the status page a name.' : url === '' ? 'Enter the address of the status page.' : null;
    if (this.problem === null) {
      const draft: Draft = ctx.draft;
      const id = customSourceId(name, draft.customSources.map((s) => s.id));
      draft.customSources = [...draft.customSources, { id, name, url }];
      this.name = '';
      this.url = '';
      ctx.announce(`Added ${name}. Save to keep the change.`);
    }
    ctx.rerender();
  }
}

export function customSourcesSection(ctx: SectionContext, adding: NewSourceDraft): HTMLElement {
  const draft = ctx.draft;
  const hint = 'Add the status page of another service you use, for example https://status.example.com.';
  return fieldGroup(ctx, 'customSources', 'Your own status pages', hint, (describedBy, disabled) => [
    draft.customSources.length === 0
      ? h('p', { class: 'quiet' }, 'None added.')
      : h(
          'ul',
          { class: 'custom-sources' },
          ...draft.customSources.map((source) =>
            h(
              'li',
              {},
              h('span', { class: 'custom-name' }, source.name),
              h('span', { class: 'custom-url' }, source.url),
              disabled
                ? null
                : button('Remove', () => {
                    draft.customSources = draft.customSources.filter((s) => s.id !== source.id);
                    ctx.rerender();
                    ctx.announce(`Removed ${source.name}. Save to keep the change.`);
                  }, { class: 'link-button', key: `remove:${source.id}`, attrs: { 'aria-label': `Remove ${source.name}` } }),
            ),
          ),
        ),
    disabled
      ? null
      : h(
          'div',
          { class: 'add-source' },
          textField('new-source-name', 'Name', adding.name, { disabled, describedBy, invalid: adding.problem !== null, placeholder: 'Example Corp' }, (v) => {
            adding.name = v;
          }),
          textField('new-source-url', 'Address', adding.url, { type: 'url', disabled, describedBy, invalid: adding.problem !== null, placeholder: 'https://status.example.com', autocomplete: 'url' }, (v) => {
            adding.url = v;
          }),
          adding.problem ? h('p', { class: 'field-error', attrs: { role: 'alert' } }, adding.problem) : null,
          button('Add status page', () => adding.add(ctx), { class: 'secondary', key: 'add-source' }),
        ),
  ]);
}
