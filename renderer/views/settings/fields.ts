/**
 * The settings form's building blocks: a titled group of fields with its lock note, hint and
 * problems (wired to the inputs with aria-describedby), a checkbox and a text field. Every section
 * builds on these, so locks and problems look and read the same everywhere.
 */
import type { SettingKey, Settings, SettingsView } from '../../../main/core/contract.js';
import { h, uid, type Child } from '../dom.js';
import { decorativeSvg, type Shape } from '../glyph.js';
import { t } from '../../i18n.js';

/** The settings as the person is editing them. */
export type Draft = { -readonly [K in keyof Settings]: Settings[K] };

/** What a section needs from the form: the facts from main, the draft, and a way to redraw. */
export interface SectionContext {
  readonly view: SettingsView;
  readonly draft: Draft;
  /** The problems main reported for a key, in that field's words. */
  problems(key: SettingKey): readonly string[];
  /** Redraws the form, keeping focus and scroll. */
  rerender(): void;
  announce(text: string): void;
}

const LOCK: readonly Shape[] = [
  ['rect', { x: '2.5', y: '7', width: '11', height: '8', rx: '1.5', fill: 'currentColor' }],
  ['path', { d: 'M5 7V5a3 3 0 0 1 6 0v2', fill: 'none', stroke: 'currentColor', 'stroke-width': '1.8' }],
];

function lockGlyph(): SVGSVGElement {
  return decorativeSvg(LOCK, 14, 'glyph lock');
}

export function isInvalid(ctx: SectionContext, key: SettingKey): boolean {
  return ctx.problems(key).length > 0;
}

/**
 * A titled group of fields with its lock note and its problems. `build` gets the ids its inputs
 * should name in aria-describedby, and whether the key is locked (its inputs are then disabled).
 */
export function fieldGroup(ctx: SectionContext, key: SettingKey, title: string, hint: string | null, build: (describedBy: string, disabled: boolean) => Child[]): HTMLElement {
  const locked = ctx.view.locked.includes(key);
  const problems = ctx.problems(key);
  const hintId = uid('hint');
  const lockId = uid('lock');
  const errorId = uid('err');
  const describedBy = [hint ? hintId : null, locked ? lockId : null, problems.length > 0 ? errorId : null].filter(Boolean).join(' ');
  return h(
    'fieldset',
    { class: `field-group${locked ? ' locked' : ''}${problems.length > 0 ? ' invalid' : ''}`, attrs: { 'data-setting': key } },
    h('legend', {}, title),
    locked ? h('p', { class: 'lock-note', id: lockId }, lockGlyph(), t('ui.settings.managed')) : null,
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    ...build(describedBy, locked),
    problems.length > 0 ? h('div', { class: 'field-error', id: errorId }, ...problems.map((p) => h('p', {}, p))) : null,
  );
}

export function checkbox(key: string, label: string, checked: boolean, disabled: boolean, describedBy: string, onChange: (checked: boolean) => void, invalid = false): HTMLElement {
  const id = uid('cb');
  return h(
    'div',
    { class: 'check' },
    h('input', {
      id,
      key,
      attrs: { type: 'checkbox', checked, disabled, 'aria-describedby': describedBy || null, 'aria-invalid': invalid ? 'true' : null },
      on: { change: (event) => onChange((event.target as HTMLInputElement).checked) },
    }),
    h('label', { attrs: { for: id } }, label),
  );
}

interface TextFieldOptions {
  readonly type?: string;
  readonly disabled: boolean;
  readonly describedBy: string;
  readonly invalid: boolean;
  readonly placeholder?: string;
  readonly autocomplete?: string;
  readonly extra?: Readonly<Record<string, string | number>>;
}

export function textField(key: string, label: string, value: string, options: TextFieldOptions, onInput: (value: string) => void): HTMLElement {
  const id = uid('in');
  return h(
    'div',
    { class: 'field' },
    h('label', { attrs: { for: id } }, label),
    h('input', {
      id,
      key,
      attrs: {
        type: options.type ?? 'text',
        value,
        disabled: options.disabled,
        placeholder: options.placeholder ?? null,
        autocomplete: options.autocomplete ?? 'off',
        spellcheck: 'false',
        'aria-describedby': options.describedBy || null,
        'aria-invalid': options.invalid ? 'true' : null,
        ...options.extra,
      },
      on: { input: (event) => onInput((event.target as HTMLInputElement).value) },
    }),
  );
}

/** A labelled `<select>` of fixed choices. */
export function selectField(
  key: string,
  label: string,
  value: string,
  choices: readonly { readonly value: string; readonly label: string }[],
  options: Pick<TextFieldOptions, 'disabled' | 'describedBy' | 'invalid'>,
  onChange: (value: string) => void,
): HTMLElement {
  const id = uid('sel');
  return h(
    'div',
    { class: 'field' },
    h('label', { attrs: { for: id } }, label),
    h(
      'select',
      {
        id,
        key,
        attrs: { disabled: options.disabled, 'aria-describedby': options.describedBy || null, 'aria-invalid': options.invalid ? 'true' : null },
        on: { change: (event) => onChange((event.target as HTMLSelectElement).value) },
      },
      ...choices.map((choice) => h('option', { attrs: { value: choice.value, selected: choice.value === value } }, choice.label)),
    ),
  );
}
