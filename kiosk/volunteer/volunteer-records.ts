/**
 * 服务时长证明和导出表格, at the foot of 志愿服务管理 (staff mode, online only): choose a resident
 * from the kiosk's replica and print this year's certificate of service hours (the server's data,
 * certificate-print.ts), or export the activities, sign-ups or hours as CSV (a download). Both need
 * the staff token: the PIN is asked once (staff-desk.ts) and the token lives in this element only.
 * Offline, a plain sentence says it needs the network and nothing is sent. Spoken: the headings
 * and the last message, never a resident's name.
 *
 * @summary Certificate printing and CSV export for staff.
 */
import { css, html, LitElement } from 'lit';
import { fill } from '../../components/core/i18n.ts';
import { LocaleController } from '../../components/core/locale-controller.ts';
import { stationDateOf } from '../../domain/station-time.ts';
import { isWellFormedStaffSecret } from '../../domain/staff-secret.ts';
import type { KioskServices } from '../kiosk-services.ts';
import { looksOnline } from '../sync/push-and-wait.ts';
import { allResidents } from '../residents/resident-commands.ts';
import type { StaffSession } from '../staff/staff-sign-in.ts';
import type { ReplicaResident } from '../store/kiosk-db.ts';
import { kioskStyles } from '../ui/kiosk-styles.ts';
import { ReplicaWatch } from '../ui/replica-watch.ts';
import { announce, joinSpoken } from '../ui/spoken-screen.ts';
import { certificatePath, deskGet, deskSignIn, EXPORT_KINDS, exportPath, saveDownload, type Certificate, type DeskProblem, type DeskResult, type ExportKind } from './staff-desk.ts';
import { volunteerStrings, type VolunteerStrings } from './strings.ts';

export class LinliVolunteerRecords extends LitElement {
  static override styles = [
    kioskStyles,
    css`
      :host {
        display: block;
      }
      .field {
        max-inline-size: 32em;
        margin-block-end: 16px;
      }
      .field > label {
        display: block;
        font-weight: 700;
      }
    `,
  ];

  static override properties = {
    services: { attribute: false },
    staff: { attribute: false },
    residents: { attribute: false },
    residentId: { attribute: false },
    pin: { attribute: false },
    message: { attribute: false },
    signedIn: { attribute: false },
  };

  declare services: KioskServices | null;
  declare staff: StaffSession | null;
  declare residents: ReplicaResident[];
  declare residentId: string;
  declare pin: string;
  declare message: string;
  /** A staff token is held (the PIN field is hidden). */
  declare signedIn: boolean;
  readonly #locale = new LocaleController(this);
  #token: string | null = null;
  #busy = false;

  constructor() {
    super();
    this.services = null;
    this.staff = null;
    this.residents = [];
    this.residentId = '';
    this.pin = '';
    this.message = '';
    this.signedIn = false;
    new ReplicaWatch(this, () => void this.load());
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('staff')) this.#forget();
    if (changed.has('services') || changed.has('staff')) void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#forget();
  }

  #forget(): void {
    this.#token = null;
    this.signedIn = false;
    this.pin = '';
  }

  get #t(): VolunteerStrings['records'] {
    return volunteerStrings[this.#locale.value].records;
  }

  async load(): Promise<void> {
    const s = this.services;
    if (!s) return;
    this.residents = (await allResidents(s.db)).filter((r) => r.active).sort((a, b) => a.building.localeCompare(b.building, 'zh-CN') || a.name.localeCompare(b.name, 'zh-CN'));
  }

  #say(text: string): void {
    this.message = text;
    announce(this, text);
  }

  #problem(problem: DeskProblem, serverMessage: string, offline: string): string {
    const t = this.#t;
    if (problem === 'expired') this.#forget();
    switch (problem) {
      case 'offline':
        return offline;
      case 'wrong-pin':
        return t.wrongPin;
      case 'locked':
        return serverMessage || t.wrongPin;
      case 'expired':
        return t.expired;
      case 'not-found':
        return t.notFound;
      default:
        return t.serverError;
    }
  }

  /** Online, signed in on the server, then `get`: its result, or null after saying why not. */
  async #withToken<T>(offline: string, get: (token: string) => Promise<DeskResult<T>>): Promise<T | null> {
    const s = this.services;
    const staff = this.staff;
    if (!s || !staff) return null;
    if (!looksOnline(s)) {
      this.#say(offline);
      return null;
    }
    if (!this.#token) {
      if (!isWellFormedStaffSecret(this.pin.trim())) {
        this.#say(this.#t.needPin);
        return null;
      }
      const signIn = await deskSignIn(s, staff.staffNo, this.pin.trim());
      this.pin = '';
      if (!signIn.ok) {
        this.#say(this.#problem(signIn.problem, signIn.message, offline));
        return null;
      }
      this.#token = signIn.value;
      this.signedIn = true;
    }
    const result = await get(this.#token);
    if (!result.ok) {
      this.#say(this.#problem(result.problem, result.message, offline));
      return null;
    }
    return result.value;
  }

  async #run(work: () => Promise<void>): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    try {
      await work();
    } finally {
      this.#busy = false;
    }
  }

  async #print(): Promise<void> {
    const s = this.services;
    const t = this.#t;
    if (!s) return;
    if (!looksOnline(s)) return this.#say(t.offlinePrint);
    if (!this.residentId) return this.#say(t.needResident);
    const now = s.now();
    const year = Number(stationDateOf(now).slice(0, 4));
    const residentId = this.residentId;
    const certificate = await this.#withToken(t.offlinePrint, async (token) => {
      const r = await deskGet(s, token, certificatePath(residentId, year));
      if (!r.ok) return r;
      const body = (await r.value.json().catch(() => null)) as Certificate | null;
      return body && Array.isArray(body.lines) ? { ok: true, value: body } : { ok: false, problem: 'server', message: '' };
    });
    if (!certificate) return;
    const { printCertificate } = await import('./certificate-print.ts');
    await printCertificate({ certificate, year, issuedAt: now, lang: this.#locale.value, print: s.print });
    this.#say(t.printed);
  }

  async #export(kind: ExportKind): Promise<void> {
    const s = this.services;
    const t = this.#t;
    if (!s) return;
    const blob = await this.#withToken(t.offlineExport, async (token) => {
      const r = await deskGet(s, token, exportPath(kind));
      return r.ok ? { ok: true, value: await r.value.blob() } : r;
    });
    if (!blob) return;
    saveDownload(new Blob([blob], { type: 'text/csv;charset=utf-8' }), fill(t.fileName, { kind: t.kinds[kind], date: stationDateOf(s.now()) }));
    this.#say(fill(t.exported, { kind: t.kinds[kind] }));
  }

  /** Headings, buttons and the last message: never a resident's name. */
  spokenText(): string {
    const t = this.#t;
    return joinSpoken([t.heading, t.intro, this.message, t.printCertificate, t.exportHeading, ...EXPORT_KINDS.map((k) => fill(t.exportOf, { kind: t.kinds[k] }))], this.#locale.value);
  }

  protected override render(): unknown {
    const t = this.#t;
    return html`<h2>${t.heading}</h2>
      <p>${t.intro}</p>
      <p class="records-message" role="status">${this.message}</p>
      ${this.signedIn
        ? null
        : html`<div class="field">
            <label for="desk-pin">${t.pin}</label>
            <input id="desk-pin" class="desk-pin" type="password" inputmode="numeric" autocomplete="off" maxlength="10" .value=${this.pin}
              @input=${(e: Event) => (this.pin = (e.target as HTMLInputElement).value)} />
          </div>`}
      <div class="field">
        <label for="certificate-resident">${t.resident}</label>
        <select id="certificate-resident" class="certificate-resident" @change=${(e: Event) => (this.residentId = (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${this.residentId === ''}>${t.chooseResident}</option>
          ${this.residents.map((r) => html`<option value=${r.id} ?selected=${this.residentId === r.id}>${r.name}（${r.building}）</option>`)}
        </select>
      </div>
      <div class="actions">
        <button type="button" class="primary print-certificate" @click=${() => void this.#run(() => this.#print())}>${t.printCertificate}</button>
      </div>
      <h3>${t.exportHeading}</h3>
      <div class="actions">
        ${EXPORT_KINDS.map(
          (k) => html`<button type="button" class="export" data-kind=${k} @click=${() => void this.#run(() => this.#export(k))}>${fill(t.exportOf, { kind: t.kinds[k] })}</button>`,
        )}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'linli-volunteer-records': LinliVolunteerRecords;
  }
}
