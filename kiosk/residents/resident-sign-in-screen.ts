/**
 * Resident sign-in: the mobile number on the big numeric keypad, then the 4-digit PIN (masked),
 * checked offline against the synced hashes, with plain messages and the 15-minute lockout. A
 * card swiped while this screen shows is handled by the app's card reader; an unknown card is
 * explained here.
 *
 * @summary Resident sign-in screen.
 * @fires linli-resident-signed-in - With `detail.session` (method 'pin').
 */
import { css, html, LitElement } from 'lit';
import { fill } from '../../components/core/i18n.ts';
import { LocaleController } from '../../components/core/locale-controller.ts';
import { isMainlandMobile } from '../../domain/index.ts';
import { navigate } from '../navigation.ts';
import type { KioskDb } from '../store/kiosk-db.ts';
import { kioskStyles } from '../ui/kiosk-styles.ts';
import { takeUnknownCardNotice } from './card-reader.ts';
import { dispatchSignedIn, residentSession, signInResident } from './resident-sign-in.ts';
import { residentStrings } from './strings.ts';

export class LinliResidentSignInScreen extends LitElement {
  static override styles = [
    kioskStyles,
    css`
      .step {
        max-inline-size: 28em;
      }
      .actions button {
        flex: 1 1 8em;
      }
    `,
  ];

  static override properties = {
    db: { attribute: false },
    now: { attribute: false },
    step: { type: String },
    phone: { type: String, attribute: false },
    pin: { type: String, attribute: false },
    message: { type: String, attribute: false },
    busy: { type: Boolean, attribute: false },
  };

  declare db: KioskDb | null;
  declare now: () => Date;
  declare step: 'phone' | 'pin';
  declare phone: string;
  declare pin: string;
  declare message: string;
  declare busy: boolean;
  readonly #locale = new LocaleController(this);

  constructor() {
    super();
    this.db = null;
    this.now = () => new Date();
    this.step = 'phone';
    this.phone = '';
    this.pin = '';
    this.message = '';
    this.busy = false;
  }

  readonly #onUnknownCard = (event: Event): void => {
    event.preventDefault();
    this.message = residentStrings[this.#locale.value].signIn.cardUnknown;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('linli-card-unknown', this.#onUnknownCard);
    if (takeUnknownCardNotice()) this.message = residentStrings[this.#locale.value].signIn.cardUnknown;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('linli-card-unknown', this.#onUnknownCard);
    // Nothing typed stays behind when the screen goes away.
    this.phone = '';
    this.pin = '';
  }

  #next(): void {
    if (!isMainlandMobile(this.phone)) {
      this.message = residentStrings[this.#locale.value].signIn.badPhone;
      return;
    }
    this.message = '';
    this.step = 'pin';
  }

  async #signIn(): Promise<void> {
    if (this.busy || !this.db || this.pin.length !== 4) return;
    const t = residentStrings[this.#locale.value].signIn;
    this.busy = true;
    try {
      const now = this.now();
      const result = await signInResident(this.db, this.phone, this.pin, now);
      this.pin = '';
      if (result.ok) {
        this.message = '';
        this.phone = '';
        dispatchSignedIn(this, residentSession(result.resident, 'pin', now));
        // Back to the home screen, which now offers 我的; 返回 does not lead back here.
        navigate(this, { screen: 'home', replace: true });
      } else if (result.reason === 'locked') {
        this.message = t.locked;
      } else {
        this.message = fill(t.wrong, { n: result.attemptsLeft });
      }
    } finally {
      this.busy = false;
    }
  }

  protected override render(): unknown {
    const t = residentStrings[this.#locale.value].signIn;
    return html`
      <h1>${t.heading}</h1>
      <p class="error" role="alert">${this.message}</p>
      ${this.step === 'phone'
        ? html`<div class="step">
            <h2>${t.phone}</h2>
            <p class="muted">${t.cardHint}</p>
            <linli-numeric-keypad class="phone" max-length="11" .value=${this.phone} label=${t.phone}
              @linli-keypad-input=${(e: CustomEvent<{ value: string }>) => (this.phone = e.detail.value)}
              @linli-keypad-enter=${() => this.#next()}></linli-numeric-keypad>
            <div class="actions">
              <button type="button" class="primary next" ?disabled=${this.phone.length !== 11} @click=${() => this.#next()}>${t.next}</button>
            </div>
          </div>`
        : html`<div class="step">
            <h2>${t.pin}</h2>
            <linli-numeric-keypad class="pin" masked max-length="4" .value=${this.pin} label=${t.pin}
              @linli-keypad-input=${(e: CustomEvent<{ value: string }>) => (this.pin = e.detail.value)}
              @linli-keypad-enter=${() => void this.#signIn()}></linli-numeric-keypad>
            <div class="actions">
              <button type="button" class="primary sign-in" ?disabled=${this.busy || this.pin.length !== 4} @click=${() => void this.#signIn()}>
                ${this.busy ? t.checking : t.signIn}
              </button>
              <button type="button" class="change-phone" @click=${() => {
                this.step = 'phone';
                this.pin = '';
              }}>${t.changePhone}</button>
            </div>
          </div>`}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'linli-resident-sign-in-screen': LinliResidentSignInScreen;
  }
}
