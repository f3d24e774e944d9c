/**
 * `vscode-single-select` fed with log strings: each option's value is the raw string and
 * its text the visible, shortened form (set as text, never markup). Options are rebuilt
 * only when the list changes, so a live update does not close an open dropdown.
 */
import { displayName } from '../src/core/dashboard/text';
import { el } from './dom';

export interface SelectOption {
  value: string;
  label: string;
  description?: string;
}

export class Select {
  readonly element: HTMLElement & { value: string };
  private key = '';
  private pendingValue: string | undefined;

  constructor(testId: string, label: string, onChange: (value: string) => void, combobox = false) {
    this.element = el('vscode-single-select', { 'data-testid': testId, 'aria-label': label, combobox, position: 'below' }) as HTMLElement & { value: string };
    this.element.addEventListener('change', () => onChange(this.element.value));
  }

  /** Sets the options (if they changed) and the selected value. */
  set(options: readonly SelectOption[], value: string): void {
    const key = JSON.stringify(options);
    if (key !== this.key) {
      this.key = key;
      // The element reads new options on its next slotchange: a value set before that finds no
      // matching option and shows blank (seen after live updates), so set it again once they are in.
      this.pendingValue = value;
      requestAnimationFrame(() => {
        if (this.pendingValue !== undefined) this.element.value = this.pendingValue;
        this.pendingValue = undefined;
      });
      this.element.replaceChildren(...options.map((o) => {
        const option = el('vscode-option') as HTMLElement & { value: string; description: string };
        option.value = o.value;
        option.textContent = displayName(o.label, 80);
        if (o.description) option.description = displayName(o.description, 80);
        return option;
      }));
    }
    if (this.element.value !== value) this.element.value = value;
    if (this.pendingValue !== undefined) this.pendingValue = value;
  }
}
