/**
 * Staff sign-in at the kiosk: staff number, then the 10-digit staff secret, both on the big
 * numeric keypad (the secret masked, with "已输入 N 位" shown), checked offline against the synced
 * verifier (lockout after 5 wrong tries).
 *
 * @summary Staff sign-in screen.
 * @fires linli-staff-signed-in - With `detail.staff` (a StaffSession) and `detail.commandKey`
 *   (the session's command key; the listener holds it in memory only).
 */
import { css, html } from 'lit';
import { STAFF_SECRET_DIGITS } from '../../domain/index.ts';
import { fill, formatDateTime } from '../../components/core/i18n.ts';
import { signInStaff, type StaffSession } from '../staff/staff-sign-in.ts';
import { kioskStrings } from '../strings.ts';
import { KeypadSignInScreen, keypadStepStyles } from '../ui/keypad-sign-in.ts';
import { kioskStyles } from '../ui/kiosk-styles.ts';
import { joinSpoken, type SpokenScreen } from '../ui/spoken-screen.ts';

export interface StaffSignedInDetail {
  staff: StaffSession;
  commandKey: CryptoKey;
}

export class LinliStaffSignInScreen extends KeypadSignInScreen<'staff-no'> implements SpokenScreen {
  static override styles = [
    kioskStyles,
    keypadStepStyles,
    css`
      .typed {
        font-size: 1.25em;
        font-weight: 700;
        margin-block: 0 0.5em;
      }
    `,
  ];

  static override properties = {
    staffNo: { type: String, attribute: false },
  };

  declare staffNo: string;

  constructor() {
    super('staff-no');
    this.staffNo = '';
  }

  async #signIn(): Promise<void> {
    if (this.busy || !this.db || this.pin.length !== STAFF_SECRET_DIGITS) return;
    const locale = this.locale.value;
    const t = kioskStrings[locale].staffSignIn;
    this.busy = true;
    try {
      const result = await signInStaff(this.db, this.staffNo, this.pin, this.now());
      this.pin = '';
      if (result.ok) {
        this.message = '';
        const staff: StaffSession = { staffNo: result.staff.staffNo, name: result.staff.name, role: result.staff.role };
        this.dispatchEvent(new CustomEvent<StaffSignedInDetail>('linli-staff-signed-in', { detail: { staff, commandKey: result.commandKey }, bubbles: true, composed: true }));
      } else if (result.reason === 'locked') {
        this.say(fill(t.locked, { time: formatDateTime(result.until.toISOString(), locale) }));
      } else {
        this.say(fill(t.wrong, { n: result.attemptsLeft }));
      }
    } finally {
      this.busy = false;
    }
  }

  /** Heading, the step's prompt and the message; never what was typed. */
  spokenText(): string {
    const locale = this.locale.value;
    const t = kioskStrings[locale].staffSignIn;
    return joinSpoken([t.heading, this.step === 'staff-no' ? t.staffNo : t.pin, this.message], locale);
  }

  protected override render(): unknown {
    const t = kioskStrings[this.locale.value].staffSignIn;
    const onStaffNo = (e: CustomEvent<{ value: string }>): void => {
      this.staffNo = e.detail.value;
    };
    const onPin = (e: CustomEvent<{ value: string }>): void => {
      this.pin = e.detail.value;
    };
    return html`
      <h1>${t.heading}</h1>
      <p class="error" role="alert">${this.message}</p>
      ${this.step === 'staff-no'
        ? html`<div class="step">
            <h2 id="label">${t.staffNo}</h2>
            <linli-numeric-keypad class="staff-no" max-length="8" .value=${this.staffNo} label=${t.staffNo} @linli-keypad-input=${onStaffNo}
              @linli-keypad-enter=${() => this.staffNo && (this.step = 'pin')}></linli-numeric-keypad>
            <div class="actions">
              <button type="button" class="primary next" ?disabled=${this.staffNo.length === 0} @click=${() => (this.step = 'pin')}>${t.next}</button>
            </div>
          </div>`
        : html`<div class="step">
            <h2 id="label">${t.pin}</h2>
            <p class="typed" aria-hidden="true">${fill(t.typed, { n: this.pin.length, total: STAFF_SECRET_DIGITS })}</p>
            <linli-numeric-keypad class="pin" masked max-length=${STAFF_SECRET_DIGITS} .value=${this.pin} label=${t.pin} @linli-keypad-input=${onPin}
              @linli-keypad-enter=${() => void this.#signIn()}></linli-numeric-keypad>
            <div class="actions">
              <button type="button" class="primary sign-in" ?disabled=${this.busy || this.pin.length !== STAFF_SECRET_DIGITS} @click=${() => void this.#signIn()}>
                ${this.busy ? t.checking : t.signIn}
              </button>
              <button type="button" class="back-to-number" @click=${() => { this.step = 'staff-no'; this.pin = ''; }}>${t.staffNo}</button>
            </div>
          </div>`}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'linli-staff-sign-in-screen': LinliStaffSignInScreen;
  }
  interface GlobalEventHandlersEventMap {
    'linli-staff-signed-in': CustomEvent<StaffSignedInDetail>;
  }
}
