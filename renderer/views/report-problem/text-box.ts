/**
 * The flow's text box and service list look like the settings fields. The stylesheet has no rules
 * for `textarea` and `select` yet, and the CSP forbids style attributes, so the few properties
 * are set through the CSSOM (which the CSP allows); they can move to styles.css as they are.
 */

/** Gives the text box and the list the fields' look: full width, the input colours, a border. */
export function styleTextBox(...elements: readonly HTMLElement[]): void {
  for (const element of elements) {
    const style = element.style;
    style.boxSizing = 'border-box';
    style.width = '100%';
    style.font = 'inherit';
    style.color = 'inherit';
    style.padding = '0.35rem 0.5rem';
    style.border = '1px solid var(--border-strong)';
    style.borderRadius = '6px';
    style.background = 'var(--input-bg)';
    if (element instanceof HTMLTextAreaElement) {
      style.minHeight = '5.5rem';
      style.resize = 'vertical';
    }
  }
}
