/**
 * Staff sign-in at the kiosk: staff number, then the 4-digit PIN, both on the big numeric
 * keypad, checked offline against the synced hashes (lockout after 5 wrong PINs).
 *
 * @summary Staff sign-in screen.
 * @fires linli-staff-signed-in - With `detail.staff` (a StaffSession).
 */
import { html } from 'lit';
import { fill, formatDateTime } from '../../components/core/i18n.ts';
import { signInStaff, type StaffSession } from '../staff/staff-sign-in.ts';
import { kioskStrings } from '../strings.ts';
import { KeypadSignInScreen } from '../ui/keypad-sign-in.ts';
import { joinSpoken, type SpokenScreen } from '../ui/spoken-screen.ts';

export interface StaffSignedInDetail {
  staff: StaffSession;
}

export class LinliStaffSignInScreen extends KeypadSignInScreen<'staff-no'> implements SpokenScreen {
  static override properties = {
    staffNo: { type: String, attribute: false },
  };

  declare staffNo: string;

  constructor() {
    super('staff-no');
    this.staffNo = '';
  }

  async #signIn(): Promise<void> {
    if (this.busy || !this.db || this.pin.length !== 4) return;
    const locale = this.locale.value;
    const t = kioskStrings[locale].staffSignIn;
    this.busy = true;
    try {
      const result = await signInStaff(this.db, this.staffNo, this.pin, this.now());
      this.pin = '';
      if (result.ok) {
        this.message = '';
        const staff: StaffSession = { staffNo: result.staff.staffNo, name: result.staff.name, role: result.staff.role };
        this.dispatchEvent(new CustomEvent<StaffSignedInDetail>('linli-staff-signed-in', { detail: { staff }, bubbles: true, composed: true }));
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
            <linli-numeric-keypad class="pin" masked max-length="4" .value=${this.pin} label=${t.pin} @linli-keypad-input=${onPin}
              @linli-keypad-enter=${() => void this.#signIn()}></linli-numeric-keypad>
            <div class="actions">
              <button type="button" class="primary sign-in" ?disabled=${this.busy || this.pin.length !== 4} @click=${() => void this.#signIn()}>
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
