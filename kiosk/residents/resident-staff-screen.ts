/**
 * Resident services for staff: register a resident (staff type the minimum data and record the
 * consent; the resident chooses their PIN on the keypad; a card may be swiped), reset a
 * resident's PIN (the resident types the new one), and staff-assisted mode (find a resident by
 * name, building or the last four phone digits, and act for them — audited as proxy actions).
 *
 * @summary Staff screen for registering residents, PIN resets and proxy mode.
 * @fires linli-resident-signed-in - Proxy mode begins, with `detail.session` (method 'proxy').
 */
import { css, html, LitElement, nothing } from 'lit';
import { fill } from '../../components/core/i18n.ts';
import { LocaleController } from '../../components/core/locale-controller.ts';
import { token } from '../../components/core/theme.ts';
import { findResidents, hashCardNumber, maskPhone, normalizePhone, validateResidentDraft, type ResidentDraft } from '../../domain/index.ts';
import type { KioskServices } from '../kiosk-services.ts';
import { navigate } from '../navigation.ts';
import type { StaffSession } from '../staff/staff-sign-in.ts';
import type { ReplicaResident } from '../store/kiosk-db.ts';
import { kioskStyles } from '../ui/kiosk-styles.ts';
import { announce, isSpokenScreen, joinSpoken, type SpokenScreen } from '../ui/spoken-screen.ts';
import type { CardReadDetail } from './card-reader.ts';
import type { NewPinDetail } from './new-pin.ts';
import { allResidents, registerResident, resetResidentPin, startProxySession } from './resident-commands.ts';
import { dispatchSignedIn } from './resident-sign-in.ts';
import { residentStrings } from './strings.ts';

export type ResidentStaffMode = 'hub' | 'register' | 'register-pin' | 'register-card' | 'find-proxy' | 'find-reset' | 'reset-pin';

interface RegisterForm {
  name: string;
  phone: string;
  birthYear: string;
  building: string;
  consentAt: string | null;
}

const EMPTY_FORM: RegisterForm = { name: '', phone: '', birthYear: '', building: '', consentAt: null };

export class LinliResidentStaffScreen extends LitElement implements SpokenScreen {
  static override styles = [
    kioskStyles,
    css`
      .hub {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 14em), 1fr));
        gap: 32px;
      }
      .hub button {
        display: flex;
        flex-direction: column;
        align-items: flex-start;
        gap: 0.25em;
        min-block-size: 160px;
        padding: 1em;
        text-align: start;
      }
      .hub .name {
        font-size: 1.5em;
      }
      .hub .hint {
        font-weight: 400;
      }
      form,
      .search {
        display: grid;
        gap: 16px;
        max-inline-size: 32em;
      }
      .consent {
        border: 3px solid ${token('--linli-color-border')};
        border-radius: ${token('--linli-radius')};
        padding: 16px;
      }
      .consent label {
        display: flex;
        gap: 16px;
        align-items: center;
        min-block-size: 64px;
      }
      .consent input {
        inline-size: 48px;
        min-block-size: 48px;
        block-size: 48px;
      }
      .field-error {
        color: ${token('--linli-color-danger')};
        font-weight: 600;
        margin: 0;
      }
      ol {
        list-style: none;
        padding: 0;
        display: grid;
        gap: 16px;
      }
      li {
        display: flex;
        flex-wrap: wrap;
        gap: 8px 24px;
        align-items: center;
        border: 3px solid ${token('--linli-color-border')};
        border-radius: ${token('--linli-radius')};
        padding: 16px;
      }
      li .who {
        font-weight: 700;
        flex: 1 1 6em;
      }
    `,
  ];

  static override properties = {
    services: { attribute: false },
    staff: { attribute: false },
    pinIterations: { type: Number, attribute: 'pin-iterations' },
    mode: { type: String },
    form: { attribute: false },
    errors: { attribute: false },
    pin: { attribute: false },
    cardHash: { attribute: false },
    message: { attribute: false },
    search: { attribute: false },
    results: { attribute: false },
    chosen: { attribute: false },
    busy: { attribute: false },
  };

  declare services: KioskServices | null;
  declare staff: StaffSession | null;
  /** PBKDF2 iterations for new PINs (default: the domain's). */
  declare pinIterations: number | undefined;
  declare mode: ResidentStaffMode;
  declare form: RegisterForm;
  declare errors: Partial<Record<keyof ResidentDraft | 'cardHash', string>>;
  /** The PIN the resident chose, held only until the registration is saved. */
  declare pin: string;
  declare cardHash: string | null;
  declare message: string;
  declare search: { name: string; building: string; phoneLast4: string };
  declare results: ReplicaResident[] | null;
  declare chosen: ReplicaResident | null;
  declare busy: boolean;
  readonly #locale = new LocaleController(this);

  constructor() {
    super();
    this.services = null;
    this.staff = null;
    this.pinIterations = undefined;
    this.mode = 'hub';
    this.form = { ...EMPTY_FORM };
    this.errors = {};
    this.pin = '';
    this.cardHash = null;
    this.message = '';
    this.search = { name: '', building: '', phoneLast4: '' };
    this.results = null;
    this.chosen = null;
    this.busy = false;
  }

  readonly #onCard = (event: CustomEvent<CardReadDetail>): void => {
    // While registering, a swiped card belongs to the new resident: nobody is signed in with it.
    if (!this.mode.startsWith('register')) return;
    event.preventDefault();
    void this.#takeCard(event.detail.cardNumber);
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('linli-card-read', this.#onCard);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('linli-card-read', this.#onCard);
    this.#reset('hub');
  }

  #reset(mode: ResidentStaffMode): void {
    this.mode = mode;
    this.form = { ...EMPTY_FORM };
    this.errors = {};
    this.pin = '';
    this.cardHash = null;
    this.search = { name: '', building: '', phoneLast4: '' };
    this.results = null;
    this.chosen = null;
  }

  #open(mode: ResidentStaffMode): void {
    this.message = '';
    this.#reset(mode);
  }

  async #takeCard(cardNumber: string): Promise<void> {
    const s = this.services;
    const stationId = s ? await s.db.getMeta('stationId') : undefined;
    const hash = stationId ? await hashCardNumber(stationId, cardNumber) : null;
    if (!hash || !s) return;
    const holders = await s.db.run((conn) => conn.getAllFromIndex('residents', 'byCardHash', hash));
    const t = residentStrings[this.#locale.value].register;
    if (holders.length > 0) {
      this.cardHash = null;
      this.errors = { ...this.errors, cardHash: t.cardTaken };
      announce(this, t.cardTaken);
      return;
    }
    this.cardHash = hash;
    this.errors = { ...this.errors, cardHash: undefined };
  }

  #draft(): ResidentDraft {
    const year = /^\d{1,4}$/.test(this.form.birthYear.trim()) ? Number(this.form.birthYear.trim()) : Number.NaN;
    return { name: this.form.name, phone: this.form.phone, birthYear: year, building: this.form.building, consentAt: this.form.consentAt };
  }

  /** Check the form before handing the screen to the resident for the PIN. */
  async #checkForm(): Promise<void> {
    const s = this.services;
    if (!s || !this.staff) return;
    // A dry run: the same checks registerResident makes, without a PIN or a command.
    const draft = this.#draft();
    const errors: Partial<Record<keyof ResidentDraft, string>> = validateResidentDraft(draft, s.now());
    if (!errors.phone) {
      const same = await s.db.run((conn) => conn.getAllFromIndex('residents', 'byPhone', normalizePhone(draft.phone)));
      if (same.some((r) => r.active)) errors.phone = residentStrings[this.#locale.value].register.duplicatePhone;
    }
    this.errors = errors;
    const problems = Object.keys(errors).length;
    if (problems === 0) this.mode = 'register-pin';
    else announce(this, fill(residentStrings[this.#locale.value].register.fixErrors, { n: problems }));
  }

  async #save(): Promise<void> {
    const s = this.services;
    if (!s || !this.staff || this.busy) return;
    const stationId = (await s.db.getMeta('stationId')) ?? '';
    this.busy = true;
    try {
      const result = await registerResident(
        s.outbox,
        stationId,
        this.staff,
        { ...this.#draft(), pin: this.pin, cardHash: this.cardHash },
        { now: s.now(), pinIterations: this.pinIterations },
      );
      this.pin = '';
      if (!result.ok) {
        this.errors = result.errors;
        this.mode = 'register';
        announce(this, fill(residentStrings[this.#locale.value].register.fixErrors, { n: Object.keys(result.errors).length }));
        return;
      }
      this.#reset('hub');
      this.message = residentStrings[this.#locale.value].register.saved;
      announce(this, this.message);
    } finally {
      this.busy = false;
    }
  }

  async #find(): Promise<void> {
    const s = this.services;
    if (!s) return;
    const t = residentStrings[this.#locale.value].find;
    const criteria = { name: this.search.name, building: this.search.building, phoneLast4: this.search.phoneLast4 };
    if (!criteria.name.trim() && !criteria.building.trim() && !criteria.phoneLast4.trim()) {
      this.message = t.needCriteria;
      this.results = null;
      announce(this, t.needCriteria);
      return;
    }
    this.message = '';
    this.results = findResidents(await allResidents(s.db), criteria);
    // How many were found, never who: the names stay on screen.
    announce(this, this.results.length === 0 ? t.none : fill(t.results, { n: this.results.length }));
  }

  async #choose(resident: ReplicaResident): Promise<void> {
    const s = this.services;
    if (!s || !this.staff || this.busy) return;
    if (this.mode === 'find-reset') {
      this.chosen = resident;
      this.mode = 'reset-pin';
      return;
    }
    this.busy = true;
    try {
      const session = await startProxySession(s.outbox, this.staff, resident, s.now());
      this.#reset('hub');
      dispatchSignedIn(this, session);
      // The resident's screens, with 返回 leading back here.
      navigate(this, { screen: 'home' });
    } finally {
      this.busy = false;
    }
  }

  async #resetPin(pin: string): Promise<void> {
    const s = this.services;
    const resident = this.chosen;
    if (!s || !this.staff || !resident || this.busy) return;
    this.busy = true;
    try {
      const current = (await s.db.run((conn) => conn.get('residents', resident.id))) ?? resident;
      await resetResidentPin(s.outbox, this.staff, current, pin, { now: s.now(), pinIterations: this.pinIterations });
      this.#reset('hub');
      this.message = residentStrings[this.#locale.value].resetPin.saved;
      announce(this, this.message);
    } finally {
      this.busy = false;
    }
  }

  /**
   * The spoken form of each step: headings, prompts, field labels with their errors, how many
   * residents a search found. Never what was typed, and never a resident's name, phone or building.
   */
  spokenText(): string {
    const locale = this.#locale.value;
    const t = residentStrings[locale];
    if (!this.staff || !this.services) return joinSpoken([t.staff.notSignedIn], locale);
    const labelled = (label: string, error: string | undefined): string => (error ? `${label}${locale === 'en' ? ': ' : '：'}${error}` : label);
    const pinStep = (): string => {
      const step = this.renderRoot.querySelector('linli-new-pin');
      return isSpokenScreen(step) ? step.spokenText() : '';
    };
    switch (this.mode) {
      case 'hub':
        return joinSpoken(
          [t.staff.heading, this.message, t.staff.register, t.staff.registerHint, t.staff.resetPin, t.staff.resetPinHint, t.staff.proxy, t.staff.proxyHint],
          locale,
        );
      case 'register': {
        const r = t.register;
        const problems = Object.values(this.errors).filter(Boolean).length;
        return joinSpoken(
          [
            r.heading,
            problems > 0 ? fill(r.fixErrors, { n: problems }) : null,
            labelled(r.name, this.errors.name),
            labelled(r.phone, this.errors.phone),
            labelled(r.birthYear, this.errors.birthYear),
            labelled(r.building, this.errors.building),
            r.purpose,
            labelled(r.consent, this.errors.consentAt),
            r.next,
          ],
          locale,
        );
      }
      case 'register-pin':
        return joinSpoken([t.register.heading, t.register.handToResident, pinStep()], locale);
      case 'register-card':
        return joinSpoken([t.register.heading, t.register.cardHeading, t.register.cardHint, this.cardHash ? t.register.cardRead : null, this.errors.cardHash], locale);
      case 'find-proxy':
      case 'find-reset': {
        const f = t.find;
        const found = this.results === null ? null : this.results.length === 0 ? f.none : fill(f.results, { n: this.results.length });
        return joinSpoken([this.mode === 'find-reset' ? f.resetHeading : f.heading, this.message, f.name, f.building, f.last4, found], locale);
      }
      case 'reset-pin':
        return joinSpoken([t.resetPin.heading, pinStep()], locale);
    }
  }

  #input(field: keyof Omit<RegisterForm, 'consentAt'>, label: string, attrs: { inputmode?: string; maxlength?: number } = {}): unknown {
    const error = this.errors[field];
    return html`<div>
      <label for=${field}>${label}</label>
      <input id=${field} name=${field} class=${field} .value=${this.form[field]} inputmode=${attrs.inputmode ?? 'text'} maxlength=${attrs.maxlength ?? 60}
        aria-invalid=${error ? 'true' : 'false'} aria-describedby=${`${field}-error`}
        @input=${(e: Event) => (this.form = { ...this.form, [field]: (e.target as HTMLInputElement).value })} />
      <p class="field-error" id=${`${field}-error`}>${error ?? ''}</p>
    </div>`;
  }

  #renderRegister(): unknown {
    const t = residentStrings[this.#locale.value].register;
    const problems = Object.values(this.errors).filter(Boolean).length;
    return html`<h1>${t.heading}</h1>
      ${problems > 0 ? html`<p class="error" role="alert">${fill(t.fixErrors, { n: problems })}</p>` : nothing}
      <form @submit=${(e: Event) => {
        e.preventDefault();
        void this.#checkForm();
      }}>
        ${this.#input('name', t.name, { maxlength: 40 })}
        ${this.#input('phone', t.phone, { inputmode: 'numeric', maxlength: 13 })}
        ${this.#input('birthYear', t.birthYear, { inputmode: 'numeric', maxlength: 4 })}
        ${this.#input('building', t.building, { maxlength: 80 })}
        <div class="consent">
          <p>${t.purpose}</p>
          <label>
            <input type="checkbox" class="consent-box" .checked=${this.form.consentAt !== null}
              aria-invalid=${this.errors.consentAt ? 'true' : 'false'}
              @change=${(e: Event) => {
                const checked = (e.target as HTMLInputElement).checked;
                this.form = { ...this.form, consentAt: checked ? (this.services?.now() ?? new Date()).toISOString() : null };
              }} />
            <span>${t.consent}</span>
          </label>
          <p class="field-error">${this.errors.consentAt ?? ''}</p>
        </div>
        <div class="actions"><button type="submit" class="primary to-pin">${t.next}</button></div>
      </form>`;
  }

  #renderCardStep(): unknown {
    const t = residentStrings[this.#locale.value].register;
    return html`<h1>${t.heading}</h1>
      <h2>${t.cardHeading}</h2>
      <p>${t.cardHint}</p>
      <p class="card-state" role="status">${this.cardHash ? t.cardRead : ''}</p>
      <p class="field-error" role="alert">${this.errors.cardHash ?? ''}</p>
      <div class="actions">
        <button type="button" class="primary save" ?disabled=${this.busy} @click=${() => void this.#save()}>${this.busy ? t.saving : t.save}</button>
        ${this.cardHash ? html`<button type="button" class="remove-card" @click=${() => (this.cardHash = null)}>${t.cardRemove}</button>` : nothing}
      </div>`;
  }

  #renderFind(): unknown {
    const t = residentStrings[this.#locale.value].find;
    const field = (key: 'name' | 'building' | 'phoneLast4', label: string, inputmode = 'text', maxlength = 40): unknown => html`<div>
      <label for=${`find-${key}`}>${label}</label>
      <input id=${`find-${key}`} class=${`find-${key}`} .value=${this.search[key]} inputmode=${inputmode} maxlength=${maxlength}
        @input=${(e: Event) => (this.search = { ...this.search, [key]: (e.target as HTMLInputElement).value })} />
    </div>`;
    return html`<h1>${this.mode === 'find-reset' ? t.resetHeading : t.heading}</h1>
      <form class="search" @submit=${(e: Event) => {
        e.preventDefault();
        void this.#find();
      }}>
        ${field('name', t.name)} ${field('building', t.building)} ${field('phoneLast4', t.last4, 'numeric', 4)}
        <div class="actions"><button type="submit" class="primary find">${t.search}</button></div>
      </form>
      ${this.results === null
        ? nothing
        : this.results.length === 0
          ? html`<p class="none" role="status">${t.none}</p>`
          : html`<p role="status">${fill(t.results, { n: this.results.length })}</p>
              <ol class="results">
                ${this.results.map(
                  (r) => html`<li data-resident=${r.id}>
                    <span class="who">${r.name}</span><span class="phone">${maskPhone(r.phone)}</span><span class="building">${r.building}</span>
                    <button type="button" class="choose" ?disabled=${this.busy} @click=${() => void this.#choose(r)}>${t.choose}</button>
                  </li>`,
                )}
              </ol>`}`;
  }

  protected override render(): unknown {
    const locale = this.#locale.value;
    const t = residentStrings[locale];
    if (!this.staff || !this.services) return html`<p>${t.staff.notSignedIn}</p>`;
    const flash = html`<p class="message" role="status">${this.message}</p>`;
    switch (this.mode) {
      case 'hub':
        return html`<h1>${t.staff.heading}</h1>
          ${flash}
          <div class="hub">
            <button type="button" class="primary open-register" @click=${() => this.#open('register')}>
              <span class="name">${t.staff.register}</span><span class="hint">${t.staff.registerHint}</span>
            </button>
            <button type="button" class="primary open-reset" @click=${() => this.#open('find-reset')}>
              <span class="name">${t.staff.resetPin}</span><span class="hint">${t.staff.resetPinHint}</span>
            </button>
            <button type="button" class="primary open-proxy" @click=${() => this.#open('find-proxy')}>
              <span class="name">${t.staff.proxy}</span><span class="hint">${t.staff.proxyHint}</span>
            </button>
          </div>`;
      case 'register':
        return this.#renderRegister();
      case 'register-pin':
        return html`<h1>${t.register.heading}</h1>
          <p>${t.register.handToResident}</p>
          <linli-new-pin @linli-new-pin=${(e: CustomEvent<NewPinDetail>) => {
            this.pin = e.detail.pin;
            this.mode = 'register-card';
          }}></linli-new-pin>`;
      case 'register-card':
        return this.#renderCardStep();
      case 'find-proxy':
      case 'find-reset':
        return html`${flash}${this.#renderFind()}`;
      case 'reset-pin':
        return html`<h1>${t.resetPin.heading}</h1>
          <p>${fill(t.resetPin.forWhom, { name: this.chosen?.name ?? '' })}</p>
          <linli-new-pin @linli-new-pin=${(e: CustomEvent<NewPinDetail>) => void this.#resetPin(e.detail.pin)}></linli-new-pin>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'linli-resident-staff-screen': LinliResidentStaffScreen;
  }
}
