/**
 * Staff points screen (staff mode): 发放积分 to one resident or several (everyone at an activity),
 * with the deed, the points prefilled from the station's table, and a memo for the passbook;
 * 兑换核销 — the voucher code typed on a big keypad, the redemption shown (masked name, item,
 * quantity), 确认发放; 冲正 — a resident's passbook, one line reversed with a required reason; and
 * the way to 积分超市管理. Everything is a command in the outbox, so it works offline.
 *
 * @summary Staff points: award, hand out, reverse.
 */
import { css, html, LitElement, nothing } from 'lit';
import { fill, formatDate, formatNumber } from '../../components/core/i18n.ts';
import { LocaleController } from '../../components/core/locale-controller.ts';
import { token } from '../../components/core/theme.ts';
import { DEEDS, findResidents, maskName, maskPhone, POINTS_LIMITS, VOUCHER_ALPHABET, type Deed, type PassbookLine } from '../../domain/index.ts';
import type { KioskServices } from '../kiosk-services.ts';
import { navigate } from '../navigation.ts';
import { allResidents } from '../residents/resident-commands.ts';
import type { StaffSession } from '../staff/staff-sign-in.ts';
import type { ReplicaRedemption, ReplicaResident } from '../store/kiosk-db.ts';
import { kioskStyles } from '../ui/kiosk-styles.ts';
import { announce, joinSpoken, type SpokenScreen } from '../ui/spoken-screen.ts';
import { awardPoints, handOut, reverseTransfer } from './points-commands.ts';
import { deedPoints, pointsAccount, redemptionsByVoucher } from './points-data.ts';
import { pointsStrings } from './strings.ts';

export type PointsStaffMode = 'hub' | 'award' | 'handout' | 'reverse-find' | 'reverse-lines';

type Confirming =
  | { kind: 'award'; residentIds: string[]; deed: Deed; points: number; memo: string }
  | { kind: 'reverse'; line: PassbookLine; reason: string }
  | null;

export class LinliPointsStaffScreen extends LitElement implements SpokenScreen {
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
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 16px;
      }
      ol > li {
        display: flex;
        flex-wrap: wrap;
        gap: 8px 24px;
        align-items: center;
        border: 3px solid ${token('--linli-color-border')};
        border-radius: ${token('--linli-radius')};
        padding: 16px;
      }
      .who,
      .memo {
        font-weight: 700;
        flex: 1 1 6em;
      }
      button[aria-pressed='true'] {
        background: ${token('--linli-color-accent')};
        color: ${token('--linli-color-on-accent')};
      }
      .choices {
        display: flex;
        flex-wrap: wrap;
        gap: 16px;
      }
      fieldset {
        border: 3px solid ${token('--linli-color-border')};
        border-radius: ${token('--linli-radius')};
        padding: 16px;
        margin: 0 0 24px;
        min-inline-size: 0;
      }
      legend {
        font-weight: 700;
        padding-inline: 0.25em;
      }
      .field {
        max-inline-size: 32em;
        margin-block-end: 16px;
      }
      .code {
        font-size: 2.5em;
        font-weight: 800;
        letter-spacing: 0.25em;
        font-family: ui-monospace, 'DejaVu Sans Mono', monospace;
        min-block-size: 1.5em;
        border: 3px solid ${token('--linli-color-border')};
        border-radius: ${token('--linli-radius')};
        padding-inline: 0.5em;
        max-inline-size: 10em;
      }
      .keys {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(max(64px, 2.75em), 1fr));
        gap: 12px;
        max-inline-size: 40em;
        margin-block: 16px;
      }
      .keys button {
        font-size: 1.25em;
        padding-inline: 0;
        font-family: ui-monospace, 'DejaVu Sans Mono', monospace;
      }
      .keys button.word {
        grid-column: span 2;
        font-size: 1em;
        font-family: inherit;
      }
      .found {
        border: 4px solid ${token('--linli-color-accent')};
        border-radius: ${token('--linli-radius')};
        padding: 16px;
        max-inline-size: 40em;
      }
      dl {
        margin: 0;
      }
      dt {
        font-weight: 700;
      }
      dd {
        margin: 0 0 0.5em;
      }
    `,
  ];

  static override properties = {
    services: { attribute: false },
    staff: { attribute: false },
    mode: { type: String },
    message: { attribute: false },
    residents: { attribute: false },
    filter: { attribute: false },
    chosenIds: { attribute: false },
    deed: { attribute: false },
    points: { attribute: false },
    memo: { attribute: false },
    error: { attribute: false },
    code: { attribute: false },
    found: { attribute: false },
    foundName: { attribute: false },
    search: { attribute: false },
    results: { attribute: false },
    chosen: { attribute: false },
    lines: { attribute: false },
    reason: { attribute: false },
    reversing: { attribute: false },
    confirming: { attribute: false },
  };

  declare services: KioskServices | null;
  declare staff: StaffSession | null;
  declare mode: PointsStaffMode;
  declare message: string;
  declare residents: ReplicaResident[];
  declare filter: string;
  declare chosenIds: string[];
  declare deed: Deed;
  declare points: string;
  declare memo: string;
  declare error: string;
  declare code: string;
  declare found: ReplicaRedemption | null;
  declare foundName: string;
  declare search: string;
  declare results: ReplicaResident[] | null;
  declare chosen: ReplicaResident | null;
  declare lines: PassbookLine[];
  declare reason: string;
  declare reversing: PassbookLine | null;
  declare confirming: Confirming;
  readonly #locale = new LocaleController(this);
  #busy = false;

  constructor() {
    super();
    this.services = null;
    this.staff = null;
    this.mode = 'hub';
    this.message = '';
    this.residents = [];
    this.filter = '';
    this.chosenIds = [];
    this.deed = 'activity';
    this.points = '';
    this.memo = '';
    this.error = '';
    this.code = '';
    this.found = null;
    this.foundName = '';
    this.search = '';
    this.results = null;
    this.chosen = null;
    this.lines = [];
    this.reason = '';
    this.reversing = null;
    this.confirming = null;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#open('hub');
  }

  #say(text: string, isError = false): void {
    if (isError) this.error = text;
    else this.message = text;
    announce(this, text);
  }

  async #open(mode: PointsStaffMode): Promise<void> {
    this.mode = mode;
    this.error = '';
    this.filter = '';
    this.chosenIds = [];
    this.memo = '';
    this.code = '';
    this.found = null;
    this.foundName = '';
    this.search = '';
    this.results = null;
    this.chosen = null;
    this.lines = [];
    this.reason = '';
    this.reversing = null;
    this.confirming = null;
    if (mode !== 'hub') this.message = '';
    const s = this.services;
    if (mode === 'award' && s) {
      this.residents = (await allResidents(s.db)).filter((r) => r.active).sort((a, b) => a.building.localeCompare(b.building, 'zh-CN') || a.name.localeCompare(b.name, 'zh-CN'));
      await this.#pickDeed(this.deed);
    }
  }

  async #pickDeed(deed: Deed): Promise<void> {
    this.deed = deed;
    const s = this.services;
    if (s) this.points = String((await deedPoints(s.db))[deed]);
  }

  #toggle(id: string): void {
    this.chosenIds = this.chosenIds.includes(id) ? this.chosenIds.filter((x) => x !== id) : [...this.chosenIds, id];
  }

  #checkAward(): void {
    const t = pointsStrings[this.#locale.value].award;
    const points = /^\d{1,6}$/.test(this.points.trim()) ? Number(this.points.trim()) : NaN;
    if (this.chosenIds.length === 0) return this.#say(t.needResidents, true);
    if (!Number.isInteger(points) || points < 1 || points > POINTS_LIMITS.transferMax) return this.#say(t.badPoints, true);
    if (this.memo.trim().length === 0 || this.memo.trim().length > POINTS_LIMITS.reasonMax) return this.#say(t.needMemo, true);
    this.error = '';
    this.confirming = { kind: 'award', residentIds: [...this.chosenIds], deed: this.deed, points, memo: this.memo.trim() };
  }

  async #confirm(): Promise<void> {
    const s = this.services;
    const c = this.confirming;
    if (!s || !this.staff || !c || this.#busy) return;
    this.#busy = true;
    this.confirming = null;
    const t = pointsStrings[this.#locale.value];
    try {
      if (c.kind === 'award') {
        await awardPoints(s.outbox, this.staff, { residentIds: c.residentIds, deed: c.deed, points: c.points, memo: c.memo });
        await this.#open('hub');
        this.#say(t.award.done);
      } else {
        await reverseTransfer(s.outbox, this.staff, c.line.transferId, c.reason);
        this.reversing = null;
        this.reason = '';
        this.#say(t.reverse.done);
      }
    } finally {
      this.#busy = false;
    }
  }

  #type(ch: string): void {
    if (this.code.length < 6) this.code += ch;
    this.found = null;
    this.error = '';
  }

  async #findCode(): Promise<void> {
    const s = this.services;
    if (!s) return;
    const t = pointsStrings[this.#locale.value].handout;
    const code = this.code.trim().toUpperCase();
    const matches = code.length === 6 ? await redemptionsByVoucher(s.db, code) : [];
    const found = matches.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0] ?? null;
    if (!found) {
      this.found = null;
      return this.#say(t.notFound, true);
    }
    const resident = await s.db.run((conn) => conn.get('residents', found.residentId));
    this.found = found;
    this.foundName = resident ? maskName(resident.name) : '';
    this.error = '';
    if (found.status === 'handed-out') this.#say(t.already, true);
    else if (found.status === 'cancelled') this.#say(t.cancelled, true);
  }

  async #handOut(): Promise<void> {
    const s = this.services;
    const found = this.found;
    if (!s || !this.staff || !found || found.status !== 'confirmed' || this.#busy) return;
    this.#busy = true;
    try {
      await handOut(s.outbox, this.staff, found);
      this.found = null;
      this.code = '';
      this.#say(pointsStrings[this.#locale.value].handout.done);
    } finally {
      this.#busy = false;
    }
  }

  async #findResident(): Promise<void> {
    const s = this.services;
    if (!s) return;
    const q = this.search.trim();
    const all = await allResidents(s.db);
    const byName = findResidents(all, { name: q, building: '', phoneLast4: '' });
    const byBuilding = findResidents(all, { name: '', building: q, phoneLast4: '' });
    const byPhone = /^\d{4}$/.test(q) ? findResidents(all, { name: '', building: '', phoneLast4: q }) : [];
    const seen = new Set<string>();
    this.results = q ? [...byName, ...byBuilding, ...byPhone].filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true))) : [];
    const t = pointsStrings[this.#locale.value].reverse;
    announce(this, this.results.length === 0 ? t.none : String(this.results.length));
  }

  async #openLines(resident: ReplicaResident): Promise<void> {
    const s = this.services;
    if (!s) return;
    this.chosen = resident;
    this.lines = (await pointsAccount(s.db, resident.id))?.lines ?? [];
    this.mode = 'reverse-lines';
  }

  #askReverse(): void {
    const t = pointsStrings[this.#locale.value].reverse;
    const line = this.reversing;
    if (!line) return;
    const reason = this.reason.trim();
    if (!reason || reason.length > POINTS_LIMITS.reasonMax) return this.#say(t.reasonMissing, true);
    this.error = '';
    this.confirming = { kind: 'reverse', line, reason };
  }

  /** Headings, prompts, counts and errors; never a resident's name or a voucher code. */
  spokenText(): string {
    const locale = this.#locale.value;
    const t = pointsStrings[locale];
    const c = this.confirming;
    if (c?.kind === 'award') {
      return joinSpoken([t.award.confirmHeading, fill(t.award.confirmMessage, { n: formatNumber(c.residentIds.length, locale), points: formatNumber(c.points, locale), deed: t.award.deeds[c.deed] })], locale);
    }
    if (c?.kind === 'reverse') return joinSpoken([t.reverse.confirmHeading, fill(t.reverse.confirmMessage, { memo: c.line.memo, change: formatNumber(c.line.change, locale) })], locale);
    switch (this.mode) {
      case 'hub':
        return joinSpoken([t.staff.heading, this.message, t.staff.award, t.staff.awardHint, t.staff.handout, t.staff.handoutHint, t.staff.reverse, t.staff.reverseHint, t.staff.catalogue, t.staff.catalogueHint], locale);
      case 'award':
        return joinSpoken([t.award.heading, this.error, t.award.residents, fill(t.award.chosen, { n: formatNumber(this.chosenIds.length, locale) }), t.award.deed, t.award.deeds[this.deed], t.award.points, t.award.memo, t.award.next], locale);
      case 'handout':
        return joinSpoken([t.handout.heading, this.message, this.error, t.handout.enterCode, this.found ? t.handout.confirm : null], locale);
      case 'reverse-find':
        return joinSpoken([t.reverse.heading, this.message, t.reverse.chooseResident, this.results && this.results.length === 0 ? t.reverse.none : null], locale);
      case 'reverse-lines':
        return joinSpoken([t.reverse.heading, this.message, this.error, t.reverse.lines, ...this.lines.slice(0, 10).map((l) => `${l.memo}，${formatNumber(l.change, locale)}`)], locale);
    }
  }

  #renderAward(): unknown {
    const locale = this.#locale.value;
    const t = pointsStrings[locale].award;
    const q = this.filter.trim();
    const shown = q ? this.residents.filter((r) => r.name.includes(q) || r.building.includes(q) || this.chosenIds.includes(r.id)) : this.residents;
    return html`<h1>${t.heading}</h1>
      <p class="error" role="alert">${this.error}</p>
      <fieldset>
        <legend>${t.residents}</legend>
        <div class="field">
          <label for="filter">${t.filter}</label>
          <input id="filter" class="filter" .value=${this.filter} maxlength="40" @input=${(e: Event) => (this.filter = (e.target as HTMLInputElement).value)} />
        </div>
        <p class="chosen" role="status">${fill(t.chosen, { n: formatNumber(this.chosenIds.length, locale) })}</p>
        <ol class="residents">
          ${shown.map(
            (r) => html`<li data-resident=${r.id}>
              <span class="who">${r.name}</span><span class="phone">${maskPhone(r.phone)}</span><span class="building">${r.building}</span>
              <button type="button" class="pick" aria-pressed=${this.chosenIds.includes(r.id) ? 'true' : 'false'} @click=${() => this.#toggle(r.id)}>
                ${this.chosenIds.includes(r.id) ? `✓ ${t.picked}` : t.pick}
              </button>
            </li>`,
          )}
        </ol>
      </fieldset>
      <fieldset>
        <legend>${t.deed}</legend>
        <div class="choices">
          ${DEEDS.map(
            (d) => html`<button type="button" class="deed" data-deed=${d} aria-pressed=${this.deed === d ? 'true' : 'false'} @click=${() => void this.#pickDeed(d)}>${t.deeds[d]}</button>`,
          )}
        </div>
      </fieldset>
      <div class="field">
        <label for="points">${t.points}</label>
        <input id="points" class="points" inputmode="numeric" maxlength="5" .value=${this.points} @input=${(e: Event) => (this.points = (e.target as HTMLInputElement).value)} />
      </div>
      <div class="field">
        <label for="memo">${t.memo}</label>
        <input id="memo" class="memo-input" maxlength="200" .value=${this.memo} @input=${(e: Event) => (this.memo = (e.target as HTMLInputElement).value)} />
      </div>
      <div class="actions"><button type="button" class="primary award-next" @click=${() => this.#checkAward()}>${t.next}</button></div>`;
  }

  #renderHandout(): unknown {
    const locale = this.#locale.value;
    const t = pointsStrings[locale];
    const f = this.found;
    return html`<h1>${t.handout.heading}</h1>
      <p class="message" role="status">${this.message}</p>
      <label for="code">${t.handout.enterCode}</label>
      <input id="code" class="code" maxlength="6" autocomplete="off" .value=${this.code}
        @input=${(e: Event) => {
          this.code = (e.target as HTMLInputElement).value.toUpperCase().replace(/[^0-9A-Z]/g, '').slice(0, 6);
          this.found = null;
        }} />
      <div class="keys" role="group" aria-label=${t.handout.enterCode}>
        ${[...VOUCHER_ALPHABET].map((ch) => html`<button type="button" class="key" @click=${() => this.#type(ch)}>${ch}</button>`)}
        <button type="button" class="word clear" @click=${() => ((this.code = ''), (this.found = null))}>${t.handout.clear}</button>
        <button type="button" class="word backspace" @click=${() => ((this.code = this.code.slice(0, -1)), (this.found = null))}>${t.handout.backspace}</button>
      </div>
      <div class="actions"><button type="button" class="primary find-code" ?disabled=${this.code.length !== 6} @click=${() => void this.#findCode()}>${t.handout.find}</button></div>
      <p class="error" role="alert">${this.error}</p>
      ${f
        ? html`<div class="found" data-redemption=${f.id}>
            <dl>
              <dt>${t.handout.who}</dt><dd class="who">${this.foundName}</dd>
              <dt>${t.handout.item}</dt><dd class="item">${fill(t.voucher.item, { item: f.itemName, n: formatNumber(f.quantity, locale) })}</dd>
              <dt>${t.handout.status}</dt><dd class="state">${t.mine.status[f.status]}</dd>
            </dl>
            ${f.status === 'confirmed' ? html`<div class="actions"><button type="button" class="primary hand-out" @click=${() => void this.#handOut()}>${t.handout.confirm}</button></div>` : nothing}
          </div>`
        : nothing}`;
  }

  #renderReverse(): unknown {
    const locale = this.#locale.value;
    const t = pointsStrings[locale].reverse;
    if (this.mode === 'reverse-find') {
      return html`<h1>${t.heading}</h1>
        <p class="message" role="status">${this.message}</p>
        <form class="field" @submit=${(e: Event) => (e.preventDefault(), void this.#findResident())}>
          <label for="search">${t.chooseResident}</label>
          <input id="search" class="search" maxlength="40" .value=${this.search} @input=${(e: Event) => (this.search = (e.target as HTMLInputElement).value)} />
          <div class="actions"><button type="submit" class="primary find-resident">${t.find}</button></div>
        </form>
        ${this.results === null
          ? nothing
          : this.results.length === 0
            ? html`<p class="none" role="status">${t.none}</p>`
            : html`<ol class="results">
                ${this.results.map(
                  (r) => html`<li data-resident=${r.id}>
                    <span class="who">${r.name}</span><span class="phone">${maskPhone(r.phone)}</span><span class="building">${r.building}</span>
                    <button type="button" class="open-lines" @click=${() => void this.#openLines(r)}>${t.choose}</button>
                  </li>`,
                )}
              </ol>`}`;
    }
    return html`<h1>${t.heading}</h1>
      <p>${this.chosen?.name ?? ''}</p>
      <p class="message" role="status">${this.message}</p>
      <h2>${t.lines}</h2>
      <ol class="lines">
        ${this.lines.map(
          (l) => html`<li data-transfer=${l.transferId}>
            <span class="date">${formatDate(l.at, locale)}</span>
            <span class="memo">${l.memo}</span>
            <span class="change">${l.change > 0 ? '+' : ''}${formatNumber(l.change, locale)}</span>
            <button type="button" class="reverse" aria-pressed=${this.reversing?.transferId === l.transferId ? 'true' : 'false'}
              @click=${() => ((this.reversing = l), (this.error = ''))}>${t.reverseLine}</button>
          </li>`,
        )}
      </ol>
      ${this.reversing
        ? html`<div class="field">
            <label for="reason">${t.reason}</label>
            <input id="reason" class="reason" maxlength="200" .value=${this.reason} aria-invalid=${this.error ? 'true' : 'false'}
              @input=${(e: Event) => (this.reason = (e.target as HTMLInputElement).value)} />
            <p class="error" role="alert">${this.error}</p>
            <div class="actions"><button type="button" class="primary reverse-next" @click=${() => this.#askReverse()}>${t.reverseLine}</button></div>
          </div>`
        : nothing}`;
  }

  #renderMode(): unknown {
    const t = pointsStrings[this.#locale.value];
    switch (this.mode) {
      case 'hub':
        return html`<h1>${t.staff.heading}</h1>
          <p class="message" role="status">${this.message}</p>
          <div class="hub">
            <button type="button" class="primary open-award" @click=${() => void this.#open('award')}><span class="name">${t.staff.award}</span><span class="hint">${t.staff.awardHint}</span></button>
            <button type="button" class="primary open-handout" @click=${() => void this.#open('handout')}><span class="name">${t.staff.handout}</span><span class="hint">${t.staff.handoutHint}</span></button>
            <button type="button" class="primary open-reverse" @click=${() => void this.#open('reverse-find')}><span class="name">${t.staff.reverse}</span><span class="hint">${t.staff.reverseHint}</span></button>
            <button type="button" class="primary open-catalogue" @click=${() => navigate(this, { screen: 'points-catalogue' })}><span class="name">${t.staff.catalogue}</span><span class="hint">${t.staff.catalogueHint}</span></button>
          </div>`;
      case 'award':
        return this.#renderAward();
      case 'handout':
        return this.#renderHandout();
      default:
        return this.#renderReverse();
    }
  }

  protected override render(): unknown {
    const locale = this.#locale.value;
    const t = pointsStrings[locale];
    if (!this.staff || !this.services) return html`<h1>${t.staff.heading}</h1>`;
    const c = this.confirming;
    return html`<div ?inert=${c !== null}>${this.#renderMode()}</div>
      ${c
        ? html`<linli-confirm-sheet
            class="points-confirm"
            heading=${c.kind === 'award' ? t.award.confirmHeading : t.reverse.confirmHeading}
            message=${c.kind === 'award'
              ? fill(t.award.confirmMessage, { n: formatNumber(c.residentIds.length, locale), points: formatNumber(c.points, locale), deed: t.award.deeds[c.deed] })
              : fill(t.reverse.confirmMessage, { memo: c.line.memo, change: formatNumber(c.line.change, locale) })}
            @linli-confirm=${() => void this.#confirm()}
            @linli-cancel=${() => (this.confirming = null)}
          ></linli-confirm-sheet>`
        : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'linli-points-staff-screen': LinliPointsStaffScreen;
  }
}
