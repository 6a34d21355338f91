/**
 * A large numeric keypad for PINs and staff numbers: 64 px (and larger) keys in a 3×4 grid with
 * gaps, a display of what was typed (dots when masked), delete and clear. Physical keyboards and
 * USB card readers (which "type" digits) work too.
 *
 * @summary Big on-screen numeric keypad.
 * @fires input - The value changed (like a native input).
 * @fires linli-keypad-input - Same, with `detail.value`.
 * @fires linli-keypad-enter - Enter pressed on a physical keyboard, with `detail.value`.
 * @csspart display - The typed value.
 * @csspart key - Each key.
 */
import { css, html, LitElement } from 'lit';
import { fill } from '../../components/core/i18n.ts';
import { LocaleController } from '../../components/core/locale-controller.ts';
import { token } from '../../components/core/theme.ts';
import { kioskStrings } from '../strings.ts';
import { DoubleTapGuard } from './double-tap-guard.ts';
import { kioskStyles } from './kiosk-styles.ts';

export interface KeypadValueDetail {
  value: string;
}

export class LinliNumericKeypad extends LitElement {
  static override styles = [
    kioskStyles,
    css`
      .display {
        display: flex;
        align-items: center;
        justify-content: center;
        min-block-size: 80px;
        margin-block-end: 16px;
        border: 3px solid ${token('--linli-color-border')};
        border-radius: ${token('--linli-radius')};
        font-size: 1.75em;
        letter-spacing: 0.25em;
        font-variant-numeric: tabular-nums;
      }
      .keys {
        display: grid;
        grid-template-columns: repeat(3, minmax(64px, 1fr));
        gap: 16px;
        max-inline-size: 28em;
      }
      .keys button {
        min-block-size: 88px;
        font-size: 1.5em;
      }
      .keys button.word {
        font-size: 1em;
      }
    `,
  ];

  static override properties = {
    value: { type: String },
    maxLength: { type: Number, attribute: 'max-length' },
    masked: { type: Boolean },
    label: { type: String },
  };

  /** The digits typed so far. */
  declare value: string;
  /** The most digits accepted (0 = no limit). */
  declare maxLength: number;
  /** Show dots instead of digits (PINs). */
  declare masked: boolean;
  /** What is being typed, for screen readers (e.g. 密码). */
  declare label: string;

  readonly #locale = new LocaleController(this);
  readonly #guard = new DoubleTapGuard();
  #uninstallGuard: (() => void) | null = null;

  constructor() {
    super();
    this.value = '';
    this.maxLength = 0;
    this.masked = false;
    this.label = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#uninstallGuard = this.#guard.install(this);
    this.addEventListener('keydown', this.#onKey);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#uninstallGuard?.();
    this.removeEventListener('keydown', this.#onKey);
  }

  readonly #onKey = (event: KeyboardEvent): void => {
    if (/^\d$/.test(event.key)) {
      event.preventDefault();
      this.press(event.key);
    } else if (event.key === 'Backspace') {
      event.preventDefault();
      this.#set(this.value.slice(0, -1));
    } else if (event.key === 'Enter') {
      this.dispatchEvent(new CustomEvent<KeypadValueDetail>('linli-keypad-enter', { detail: { value: this.value }, bubbles: true, composed: true }));
    }
  };

  /** Type one digit (ignored when full). */
  press(digit: string): void {
    if (this.maxLength > 0 && this.value.length >= this.maxLength) return;
    this.#set(this.value + digit);
  }

  #set(value: string): void {
    if (value === this.value) return;
    this.value = value;
    this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    this.dispatchEvent(new CustomEvent<KeypadValueDetail>('linli-keypad-input', { detail: { value }, bubbles: true, composed: true }));
  }

  protected override render(): unknown {
    const t = kioskStrings[this.#locale.value].keypad;
    const shown = this.masked ? '●'.repeat(this.value.length) : this.value;
    const digit = (d: string): unknown => html`<button type="button" part="key" @click=${() => this.press(d)}>${d}</button>`;
    return html`
      <div class="display" part="display" role="status" aria-label=${this.label || t.label}>
        <span aria-hidden=${this.masked ? 'true' : 'false'}>${shown || '\u00a0'}</span>
        ${this.masked ? html`<span class="visually-hidden">${fill(t.typed, { n: this.value.length })}</span>` : null}
      </div>
      <div class="keys" role="group" aria-label=${t.label}>
        ${['1', '2', '3', '4', '5', '6', '7', '8', '9'].map(digit)}
        <button type="button" part="key" class="word" aria-label=${t.clear} @click=${() => this.#set('')}>${t.clearShort}</button>
        ${digit('0')}
        <button type="button" part="key" class="word" aria-label=${t.backspace} @click=${() => this.#set(this.value.slice(0, -1))}>${t.backspaceShort}</button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'linli-numeric-keypad': LinliNumericKeypad;
  }
  interface GlobalEventHandlersEventMap {
    'linli-keypad-input': CustomEvent<KeypadValueDetail>;
    'linli-keypad-enter': CustomEvent<KeypadValueDetail>;
  }
}
