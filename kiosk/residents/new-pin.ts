/**
 * The resident chooses a PIN on the big keypad and types it again; two different entries start
 * over. The PIN never leaves this element except in the event, and is cleared at once.
 *
 * @summary Choose-a-PIN-twice step.
 * @fires linli-new-pin - With `detail.pin` when both entries match.
 */
import { html, LitElement } from 'lit';
import { LocaleController } from '../../components/core/locale-controller.ts';
import { keypadStepStyles } from '../ui/keypad-sign-in.ts';
import { kioskStyles } from '../ui/kiosk-styles.ts';
import { announce, joinSpoken, type SpokenScreen } from '../ui/spoken-screen.ts';
import { residentStrings } from './strings.ts';

export interface NewPinDetail {
  pin: string;
}

export class LinliNewPin extends LitElement implements SpokenScreen {
  static override styles = [kioskStyles, keypadStepStyles];

  static override properties = {
    first: { attribute: false },
    pin: { attribute: false },
    message: { attribute: false },
  };

  /** The first entry, once made (null while typing it). */
  declare first: string | null;
  declare pin: string;
  declare message: string;
  readonly #locale = new LocaleController(this);

  constructor() {
    super();
    this.first = null;
    this.pin = '';
    this.message = '';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.first = null;
    this.pin = '';
  }

  #confirm(): void {
    if (this.pin.length !== 4) return;
    if (this.first === null) {
      this.first = this.pin;
      this.pin = '';
      this.message = '';
      return;
    }
    const same = this.first === this.pin;
    const pin = this.pin;
    this.first = null;
    this.pin = '';
    if (!same) {
      this.message = residentStrings[this.#locale.value].newPin.mismatch;
      announce(this, this.message);
      return;
    }
    this.message = '';
    this.dispatchEvent(new CustomEvent<NewPinDetail>('linli-new-pin', { detail: { pin }, bubbles: true, composed: true }));
  }

  /** The prompt (first entry or again), the hint and the message; never the digits. */
  spokenText(): string {
    const locale = this.#locale.value;
    const t = residentStrings[locale].newPin;
    return joinSpoken([this.message, this.first === null ? t.first : t.again, t.hint], locale);
  }

  protected override render(): unknown {
    const t = residentStrings[this.#locale.value].newPin;
    const label = this.first === null ? t.first : t.again;
    return html`
      <h2>${label}</h2>
      <p class="muted">${t.hint}</p>
      <p class="error" role="alert">${this.message}</p>
      <linli-numeric-keypad class=${this.first === null ? 'first' : 'again'} masked max-length="4" .value=${this.pin} label=${label}
        @linli-keypad-input=${(e: CustomEvent<{ value: string }>) => (this.pin = e.detail.value)}
        @linli-keypad-enter=${() => this.#confirm()}></linli-numeric-keypad>
      <div class="actions">
        <button type="button" class="primary confirm-pin" ?disabled=${this.pin.length !== 4} @click=${() => this.#confirm()}>
          ${this.first === null ? t.next : t.done}
        </button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'linli-new-pin': LinliNewPin;
  }
  interface GlobalEventHandlersEventMap {
    'linli-new-pin': CustomEvent<NewPinDetail>;
  }
}
