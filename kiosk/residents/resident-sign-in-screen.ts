/**
 * Resident sign-in: the mobile number on the big numeric keypad, then the 4-digit PIN (masked),
 * checked offline where this kiosk holds her PIN hash and by the server otherwise (when online),
 * with plain messages and the 15-minute lockout. A
 * card swiped while this screen shows is handled by the app's card reader; an unknown card is
 * explained here.
 *
 * @summary Resident sign-in screen.
 * @fires linli-resident-signed-in - With `detail.session` (method 'pin').
 */
import { html } from 'lit';
import { fill } from '../../components/core/i18n.ts';
import { isMainlandMobile } from '../../domain/index.ts';
import { navigate } from '../navigation.ts';
import { KeypadSignInScreen } from '../ui/keypad-sign-in.ts';
import { joinSpoken, type SpokenScreen } from '../ui/spoken-screen.ts';
import { takeUnknownCardNotice } from './card-reader.ts';
import type { OnlineResidentSignIn } from './online-sign-in.ts';
import { dispatchSignedIn, residentSession, signInResident } from './resident-sign-in.ts';
import { residentStrings } from './strings.ts';

export class LinliResidentSignInScreen extends KeypadSignInScreen<'phone'> implements SpokenScreen {
  static override properties = {
    phone: { type: String, attribute: false },
    online: { attribute: false },
  };

  declare phone: string;
  /** How to ask the server when this kiosk does not hold her verifier (null: offline only). */
  declare online: OnlineResidentSignIn | null;

  constructor() {
    super('phone');
    this.phone = '';
    this.online = null;
  }

  readonly #onUnknownCard = (event: Event): void => {
    event.preventDefault();
    this.say(residentStrings[this.locale.value].signIn.cardUnknown);
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('linli-card-unknown', this.#onUnknownCard);
    // Shown on arrival; the app speaks the whole screen (message included) when it arrives.
    if (takeUnknownCardNotice()) this.message = residentStrings[this.locale.value].signIn.cardUnknown;
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
      this.say(residentStrings[this.locale.value].signIn.badPhone);
      return;
    }
    this.message = '';
    this.step = 'pin';
  }

  async #signIn(): Promise<void> {
    if (this.busy || !this.db || this.pin.length !== 4) return;
    const t = residentStrings[this.locale.value].signIn;
    this.busy = true;
    try {
      const now = this.now();
      const phone = this.phone;
      const result = await signInResident(this.db, phone, this.pin, now, this.online);
      this.pin = '';
      if (result.ok) {
        this.message = '';
        this.phone = '';
        // The number as typed is kept from speech too (the session already holds the stored one).
        dispatchSignedIn(this, residentSession(result.resident, 'pin', now, undefined, [phone]));
        // Back to the home screen, which now offers 我的; 返回 does not lead back here.
        navigate(this, { screen: 'home', replace: true });
      } else if (result.reason === 'locked') {
        this.say(t.locked);
      } else if (result.reason === 'wrong') {
        this.say(fill(t.wrong, { n: result.attemptsLeft }));
      } else if (result.reason === 'reset-required') {
        this.say(t.resetRequired);
      } else if (result.reason === 'needs-online') {
        this.say(t.needsOnline);
      } else {
        this.say(t.tryLater);
      }
    } finally {
      this.busy = false;
    }
  }

  /** Heading, the message, the step's prompt (and the card hint); never what was typed. */
  spokenText(): string {
    const locale = this.locale.value;
    const t = residentStrings[locale].signIn;
    return joinSpoken([t.heading, this.message, ...(this.step === 'phone' ? [t.phone, t.cardHint] : [t.pin])], locale);
  }

  protected override render(): unknown {
    const t = residentStrings[this.locale.value].signIn;
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
