/**
 * 订餐 for the signed-in resident: date (this week's and next week's days with a menu, 已截止
 * marked) → 午餐/晚餐 (seats left where the replica knows them) → 套餐 (dishes, diet tags, health
 * labels in words, price) → 做法 when the set has variants → 堂食/自取/送餐上门 (delivery only
 * for eligible residents) → the price breakdown (each subsidy line, 应付) → a confirm sheet →
 * 订好了, or 已登记，联网后确认, or the plain sentence why not. The date step also lists the
 * resident's own bookings with 退订 before the cut-off. Every step has a spoken form; it never
 * holds the resident's name or phone.
 *
 * @summary Meal booking at the kiosk.
 */
import { css, html, LitElement, nothing } from 'lit';
import { fill } from '../../components/core/i18n.ts';
import { LocaleController } from '../../components/core/locale-controller.ts';
import { token } from '../../components/core/theme.ts';
import type { MealBookingRecord } from '../../domain/meal-records.ts';
import {
  bookingCutoff,
  canBookOrCancel,
  cutoffRuleText,
  findMenuMeal,
  formatYuan,
  type DietTag,
  type MealKind,
  type MealMode,
  type MealSet,
  type Menu,
  type MenuDay,
  type PriceBreakdown,
} from '../../domain/meals.ts';
import { formatStationDate, formatStationDateTime, stationDateOf } from '../../domain/station-time.ts';
import type { KioskServices } from '../kiosk-services.ts';
import { navigate } from '../navigation.ts';
import type { ResidentSession } from '../session/resident-session.ts';
import { kioskStyles } from '../ui/kiosk-styles.ts';
import { ReplicaWatch } from '../ui/replica-watch.ts';
import { announce, joinSpoken, type SpokenScreen } from '../ui/spoken-screen.ts';
import { bookingsOn, bookMeal, cancelMeal, currentMenus, deliveryAllowed, quote, residentBookings, seatsLeft, type BookResult, type MealChoice } from './meal-booking.ts';
import { bookingWithoutLocalFields } from './meals-replica.ts';
import { mealStrings, type MealStrings } from './strings.ts';

/** Only http(s) and site-relative photo addresses are loaded (staff type them). */
function safePhoto(url: string | null): string | null {
  const trimmed = url?.trim() ?? '';
  return /^(https?:\/\/[^\s"'<>]+|\/(?!\/)[^\s"'<>]*)$/i.test(trimmed) ? trimmed : null;
}

export type MealBookStep = 'date' | 'meal' | 'set' | 'variant' | 'mode' | 'price' | 'working' | 'booked' | 'provisional' | 'refused';

interface DayRow {
  menu: Menu;
  day: MenuDay;
  open: boolean;
  closesText: string;
}

interface MealRow {
  meal: MealKind;
  left: number;
  capacity: number;
}

export class LinliMealBookScreen extends LitElement implements SpokenScreen {
  static override styles = [
    kioskStyles,
    css`
      ul.choices {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 12em), 1fr));
        gap: 32px;
      }
      ul.choices > li {
        border: 3px solid ${token('--linli-color-border')};
        border-radius: ${token('--linli-radius')};
        padding: 16px;
        display: flex;
        flex-direction: column;
        gap: 8px;
      }
      ul.choices > li button {
        margin-block-start: auto;
      }
      .name {
        font-size: 1.25em;
        font-weight: 700;
        margin: 0;
      }
      .mark {
        font-weight: 700;
        border: 3px solid currentColor;
        border-radius: 0.25em;
        padding-inline: 0.375em;
        align-self: flex-start;
      }
      ul.dishes {
        margin: 0;
        padding-inline-start: 1.2em;
      }
      .tags {
        font-weight: 600;
      }
      .photo {
        inline-size: 100%;
        aspect-ratio: 4 / 3;
        object-fit: cover;
        border-radius: ${token('--linli-radius')};
      }
      table.breakdown {
        border-collapse: collapse;
        font-size: 1.25em;
        margin-block: 16px;
      }
      table.breakdown td,
      table.breakdown th {
        padding: 8px 16px;
        border-block-end: 2px solid ${token('--linli-color-border')};
        text-align: start;
      }
      table.breakdown td.amount {
        text-align: end;
        font-variant-numeric: tabular-nums;
      }
      tr.to-pay {
        font-weight: 800;
      }
      .sentence {
        font-size: 1.25em;
        font-weight: 700;
      }
      ol.mine {
        padding-inline-start: 1.2em;
      }
      ol.mine li {
        margin-block: 12px;
      }
    `,
  ];

  static override properties = {
    services: { attribute: false },
    session: { attribute: false },
    step: { type: String },
    days: { attribute: false },
    mine: { attribute: false },
    meals: { attribute: false },
    choice: { attribute: false },
    canDeliver: { attribute: false },
    breakdown: { attribute: false },
    confirming: { attribute: false },
    message: { attribute: false },
    result: { attribute: false },
  };

  declare services: KioskServices | null;
  declare session: ResidentSession | null;
  declare step: MealBookStep;
  declare days: DayRow[];
  /** The resident's own bookings from today on (not refused). */
  declare mine: MealBookingRecord[];
  declare meals: MealRow[];
  declare choice: Partial<MealChoice>;
  declare canDeliver: boolean;
  declare breakdown: PriceBreakdown | null;
  declare confirming: boolean;
  declare message: string;
  declare result: MealBookingRecord | null;
  readonly #locale = new LocaleController(this);
  #busy = false;

  constructor() {
    super();
    this.services = null;
    this.session = null;
    this.step = 'date';
    this.days = [];
    this.mine = [];
    this.meals = [];
    this.choice = {};
    this.canDeliver = false;
    this.breakdown = null;
    this.confirming = false;
    this.message = '';
    this.result = null;
    new ReplicaWatch(this, () => void this.load());
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('session')) void this.load();
  }

  get #t(): MealStrings {
    return mealStrings[this.#locale.value];
  }

  async load(): Promise<void> {
    const s = this.services;
    const session = this.session;
    if (!s || !session) {
      this.days = [];
      this.mine = [];
      return;
    }
    const now = s.now();
    const today = stationDateOf(now);
    const [menus, bookings] = await Promise.all([currentMenus(s.db, now), residentBookings(s.db, session.residentId)]);
    if (this.session?.residentId !== session.residentId) return;
    this.days = menus.flatMap((menu) =>
      menu.days
        .filter((day) => day.date >= today && day.meals.length > 0)
        .map((day) => ({ menu, day, open: canBookOrCancel(menu.cutoff, day.date, now), closesText: formatStationDateTime(bookingCutoff(menu.cutoff, day.date)) })),
    );
    this.mine = bookings
      .map(bookingWithoutLocalFields)
      .filter((b) => b.date >= today && b.status !== 'refused')
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.meal === 'lunch' ? -1 : 1));
    if (this.step === 'meal' && this.choice.date) await this.#loadMeals(this.choice.date);
  }

  #menu(): Menu | null {
    return this.days.find((d) => d.day.date === this.choice.date)?.menu ?? null;
  }

  #set(): MealSet | null {
    const menu = this.#menu();
    const { date, meal, set } = this.choice;
    if (!menu || !date || !meal || !set) return null;
    return findMenuMeal(menu, date, meal)?.sets.find((x) => x.code === set) ?? null;
  }

  async #loadMeals(date: string): Promise<void> {
    const s = this.services;
    const row = this.days.find((d) => d.day.date === date);
    if (!s || !row) return;
    const booked = (await bookingsOn(s.db, date)).map(bookingWithoutLocalFields);
    this.meals = row.day.meals.map((m) => ({ meal: m.meal, capacity: m.capacity, left: seatsLeft(m.capacity, booked, date, m.meal) }));
  }

  #say(message: string): void {
    this.message = message;
    announce(this, message);
  }

  async #chooseDate(row: DayRow): Promise<void> {
    this.choice = { date: row.day.date };
    this.message = '';
    await this.#loadMeals(row.day.date);
    this.step = 'meal';
  }

  #chooseMeal(meal: MealKind): void {
    this.choice = { date: this.choice.date!, meal };
    this.step = 'set';
  }

  async #chooseSet(set: MealSet): Promise<void> {
    this.choice = { ...this.choice, set: set.code, variant: null };
    // Whether delivery is offered is known before the mode step shows (never a flash of it).
    if (set.variants.length === 0) await this.#loadDelivery();
    this.step = set.variants.length > 0 ? 'variant' : 'mode';
  }

  async #chooseVariant(variant: DietTag | null): Promise<void> {
    this.choice = { ...this.choice, variant };
    await this.#loadDelivery();
    this.step = 'mode';
  }

  async #loadDelivery(): Promise<void> {
    const s = this.services;
    if (!s || !this.session || !this.choice.date) return;
    this.canDeliver = await deliveryAllowed(s.db, this.session.residentId, this.choice.date);
  }

  #modes(): MealMode[] {
    const menu = this.#menu();
    const { date, meal } = this.choice;
    const offered = menu && date && meal ? (findMenuMeal(menu, date, meal)?.modes ?? []) : [];
    return offered.filter((m) => m !== 'delivery' || this.canDeliver);
  }

  async #chooseMode(mode: MealMode): Promise<void> {
    const s = this.services;
    const menu = this.#menu();
    if (!s || !this.session || !menu) return;
    this.choice = { ...this.choice, mode };
    this.breakdown = await quote(s.db, this.session.residentId, menu, this.choice as MealChoice);
    this.step = 'price';
  }

  async #confirm(): Promise<void> {
    const s = this.services;
    const session = this.session;
    const menu = this.#menu();
    if (!s || !session || !menu || this.#busy) return;
    this.#busy = true;
    this.confirming = false;
    this.step = 'working';
    try {
      this.#show(await bookMeal(s, session, menu, this.choice as MealChoice));
    } finally {
      this.#busy = false;
    }
  }

  #show(result: BookResult): void {
    const t = this.#t.book;
    switch (result.kind) {
      case 'booked':
        this.result = result.booking;
        this.step = 'booked';
        this.message = '';
        announce(this, t.bookedHeading);
        break;
      case 'provisional':
        this.result = result.booking;
        this.step = 'provisional';
        this.#say(t.provisional);
        break;
      default:
        this.result = null;
        this.step = 'refused';
        this.#say(result.message);
    }
  }

  async #cancelBooking(booking: MealBookingRecord): Promise<void> {
    const s = this.services;
    const session = this.session;
    if (!s || !session || this.#busy) return;
    this.#busy = true;
    try {
      const menu = this.days.find((d) => d.day.date === booking.date)?.menu ?? null;
      const result = await cancelMeal(s, session, booking, menu);
      this.#say(result === 'queued' ? this.#t.book.cancelDone : this.#t.book.cancelTooLate);
      await this.load();
    } finally {
      this.#busy = false;
    }
  }

  #restart(): void {
    this.step = 'date';
    this.choice = {};
    this.breakdown = null;
    this.result = null;
    this.confirming = false;
  }

  // ── Words ──────────────────────────────────────────────────────────────────

  #date(date: string): string {
    return formatStationDate(date);
  }

  #setName(code: string): string {
    return fill(this.#t.book.setName, { code });
  }

  #yuan(fen: number): string {
    return fill(this.#t.book.price, { yuan: formatYuan(fen) });
  }

  #dishWords(set: MealSet): string[] {
    const t = this.#t;
    return set.dishes.map((d) => [d.name, ...d.dietTags.map((g) => t.diet[g]), d.healthLabel ? t.health[d.healthLabel] : null].filter(Boolean).join('，'));
  }

  #summary(booking: Pick<MealBookingRecord, 'date' | 'meal' | 'set' | 'mode' | 'receipt'>, template: string): string {
    const t = this.#t;
    return fill(template, { date: this.#date(booking.date), meal: t.meal[booking.meal], set: this.#setName(booking.set), mode: t.mode[booking.mode], yuan: formatYuan(booking.receipt.toPayFen) });
  }

  #confirmMessage(): string {
    const { date, meal, set, mode } = this.choice;
    if (!date || !meal || !set || !mode || !this.breakdown) return '';
    return this.#summary({ date, meal, set, mode, receipt: this.breakdown }, this.#t.book.confirmMessage);
  }

  /** Each step in words: menus, prices and outcomes; never the resident's name or phone. */
  spokenText(): string {
    const locale = this.#locale.value;
    const t = this.#t;
    const b = t.book;
    if (this.confirming) return joinSpoken([b.confirmHeading, this.#confirmMessage(), b.confirm, b.cancel], locale);
    const rule = this.days[0] ? fill(b.cutoffRule, { rule: cutoffRuleText(this.days[0].menu.cutoff) }) : null;
    switch (this.step) {
      case 'date':
        return joinSpoken(
          [
            b.heading,
            this.days.length === 0 ? b.noMenu : rule,
            this.message,
            this.days.length > 0 ? b.dateHeading : null,
            ...this.days.map((d) => [this.#date(d.day.date), d.open ? fill(b.closesAt, { when: d.closesText }) : b.closed].join('，')),
            this.mine.length > 0 ? b.mineHeading : null,
            ...this.mine.map((m) => [this.#summary(m, b.booked), b.status[m.status]].join('，')),
          ],
          locale,
        );
      case 'meal':
        return joinSpoken([this.#date(this.choice.date ?? ''), b.mealHeading, ...this.meals.map((m) => [t.meal[m.meal], m.left > 0 ? fill(b.seatsLeft, { n: m.left }) : b.full].join('，'))], locale);
      case 'set': {
        const menu = this.#menu();
        const sets = menu && this.choice.date && this.choice.meal ? (findMenuMeal(menu, this.choice.date, this.choice.meal)?.sets ?? []) : [];
        return joinSpoken([b.setHeading, ...sets.map((x) => [this.#setName(x.code), this.#yuan(x.priceFen), ...this.#dishWords(x)].join('，'))], locale);
      }
      case 'variant':
        return joinSpoken([b.variantHeading, b.standard, ...(this.#set()?.variants ?? []).map((v) => t.diet[v])], locale);
      case 'mode':
        return joinSpoken([b.modeHeading, ...this.#modes().map((m) => t.mode[m]), this.canDeliver ? null : b.deliveryNote], locale);
      case 'price':
        return joinSpoken([b.priceHeading, ...(this.breakdown?.lines ?? []).map((l) => `${l.label} ${this.#yuan(l.amountFen)}`), ...(this.breakdown?.notes ?? []), b.next], locale);
      case 'working':
        return joinSpoken([b.working], locale);
      case 'booked':
        return joinSpoken([b.bookedHeading, this.result ? this.#summary(this.result, b.booked) : null], locale);
      case 'provisional':
        return joinSpoken([b.provisionalHeading, b.provisional], locale);
      case 'refused':
        return joinSpoken([b.refusedHeading, this.message, b.again], locale);
    }
  }

  // ── Render ─────────────────────────────────────────────────────────────────

  #renderMine(): unknown {
    const b = this.#t.book;
    const now = this.services?.now() ?? new Date();
    if (this.mine.length === 0) return nothing;
    return html`<h2>${b.mineHeading}</h2>
      <ol class="mine">
        ${this.mine.map((m) => {
          const menu = this.days.find((d) => d.day.date === m.date)?.menu ?? null;
          const canCancel = (m.status === 'confirmed' || m.status === 'provisional') && menu !== null && canBookOrCancel(menu.cutoff, m.date, now);
          return html`<li data-booking=${m.id} data-status=${m.status}>
            <span class="what">${this.#summary(m, b.booked)}</span>
            <span class="mark status">${b.status[m.status]}</span>
            ${canCancel ? html`<button type="button" class="cancel-booking" @click=${() => void this.#cancelBooking(m)}>${b.cancelBooking}</button>` : nothing}
          </li>`;
        })}
      </ol>`;
  }

  #renderStep(): unknown {
    const t = this.#t;
    const b = t.book;
    switch (this.step) {
      case 'date':
        return html`<h1>${b.heading}</h1>
          ${this.days.length === 0
            ? html`<p class="empty">${b.noMenu}</p>`
            : html`<p class="rule">${fill(b.cutoffRule, { rule: cutoffRuleText(this.days[0]!.menu.cutoff) })}</p>
                <h2>${b.dateHeading}</h2>
                <ul class="choices days">
                  ${this.days.map(
                    (d) => html`<li data-date=${d.day.date} data-state=${d.open ? 'open' : 'closed'}>
                      <span class="name">${this.#date(d.day.date)}</span>
                      ${d.open ? html`<span class="closes">${fill(b.closesAt, { when: d.closesText })}</span>` : html`<span class="mark closed">${b.closed}</span>`}
                      <button type="button" class="primary choose-date" ?disabled=${!d.open} @click=${() => void this.#chooseDate(d)}>${b.choose}</button>
                    </li>`,
                  )}
                </ul>`}
          <p class="message" role="status">${this.message}</p>
          ${this.#renderMine()}`;
      case 'meal':
        return html`<h1>${this.#date(this.choice.date ?? '')}</h1>
          <h2>${b.mealHeading}</h2>
          <ul class="choices meals">
            ${this.meals.map(
              (m) => html`<li data-meal=${m.meal}>
                <span class="name">${t.meal[m.meal]}</span>
                ${m.left > 0 ? html`<span class="seats">${fill(b.seatsLeft, { n: m.left })}</span>` : html`<span class="mark full">${b.full}</span>`}
                <button type="button" class="primary choose-meal" ?disabled=${m.left <= 0} @click=${() => this.#chooseMeal(m.meal)}>${b.choose}</button>
              </li>`,
            )}
          </ul>`;
      case 'set': {
        const menu = this.#menu();
        const sets = menu && this.choice.date && this.choice.meal ? (findMenuMeal(menu, this.choice.date, this.choice.meal)?.sets ?? []) : [];
        return html`<h1>${b.setHeading}</h1>
          <ul class="choices sets">
            ${sets.map(
              (x) => html`<li data-set=${x.code}>
                <h2 class="name">${this.#setName(x.code)}</h2>
                <span class="price">${this.#yuan(x.priceFen)}</span>
                <ul class="dishes">
                  ${x.dishes.map(
                    (d) => html`<li class="dish">
                      ${safePhoto(d.photo) ? html`<img class="photo" src=${safePhoto(d.photo)!} alt=${d.name} loading="lazy" />` : nothing}
                      <span class="dish-name">${d.name}</span>
                      ${d.dietTags.length > 0 ? html`<span class="tags">${d.dietTags.map((g) => t.diet[g]).join('、')}</span>` : nothing}
                      ${d.healthLabel ? html`<span class="health" data-label=${d.healthLabel}>${t.health[d.healthLabel]}</span>` : nothing}
                    </li>`,
                  )}
                </ul>
                <button type="button" class="primary choose-set" @click=${() => void this.#chooseSet(x)}>${b.choose}</button>
              </li>`,
            )}
          </ul>`;
      }
      case 'variant':
        return html`<h1>${b.variantHeading}</h1>
          <div class="actions variants">
            <button type="button" class="choose-variant" data-variant="" @click=${() => void this.#chooseVariant(null)}>${b.standard}</button>
            ${(this.#set()?.variants ?? []).map((v) => html`<button type="button" class="choose-variant" data-variant=${v} @click=${() => void this.#chooseVariant(v)}>${t.diet[v]}</button>`)}
          </div>`;
      case 'mode':
        return html`<h1>${b.modeHeading}</h1>
          <div class="actions modes">
            ${this.#modes().map((m) => html`<button type="button" class="primary choose-mode" data-mode=${m} @click=${() => void this.#chooseMode(m)}>${t.mode[m]}</button>`)}
          </div>
          ${this.canDeliver ? nothing : html`<p class="delivery-note">${b.deliveryNote}</p>`}`;
      case 'price': {
        const br = this.breakdown;
        return html`<h1>${b.priceHeading}</h1>
          <table class="breakdown">
            <tbody>
              ${(br?.lines ?? []).map(
                (l) => html`<tr class=${l.kind} data-kind=${l.kind}>
                  <th scope="row">${l.label}</th>
                  <td class="amount">${this.#yuan(l.amountFen)}</td>
                </tr>`,
              )}
            </tbody>
          </table>
          ${(br?.notes ?? []).map((n) => html`<p class="note">${n}</p>`)}
          <p class="sentence to-pay-total">${fill(b.toPay, { yuan: formatYuan(br?.toPayFen ?? 0) })}</p>
          <div class="actions"><button type="button" class="primary next" @click=${() => (this.confirming = true)}>${b.next}</button></div>`;
      }
      case 'working':
        return html`<h1>${b.heading}</h1><p class="sentence" role="status">${b.working}</p>`;
      case 'booked':
        return html`<h1>${b.bookedHeading}</h1>
          <p class="sentence booked" role="status">${this.result ? this.#summary(this.result, b.booked) : ''}</p>
          <div class="actions"><button type="button" class="primary done" @click=${() => navigate(this, { screen: 'home' })}>${b.done}</button></div>`;
      case 'provisional':
        return html`<h1>${b.provisionalHeading}</h1>
          <p class="sentence provisional" role="status">${b.provisional}</p>
          <div class="actions">
            <button type="button" class="primary to-mine" @click=${() => navigate(this, { screen: 'mine', replace: true })}>${b.toMine}</button>
            <button type="button" class="done" @click=${() => navigate(this, { screen: 'home' })}>${b.done}</button>
          </div>`;
      case 'refused':
        return html`<h1>${b.refusedHeading}</h1>
          <p class="sentence error" role="alert">${this.message}</p>
          <div class="actions"><button type="button" class="primary again" @click=${() => this.#restart()}>${b.again}</button></div>`;
    }
  }

  protected override render(): unknown {
    const b = this.#t.book;
    if (!this.session || !this.services) return html`<h1>${b.heading}</h1>`;
    return html`<div ?inert=${this.confirming}>${this.#renderStep()}</div>
      ${this.confirming
        ? html`<linli-confirm-sheet
            class="meal-confirm"
            heading=${b.confirmHeading}
            message=${this.#confirmMessage()}
            confirm-label=${b.confirm}
            cancel-label=${b.cancel}
            @linli-confirm=${() => void this.#confirm()}
            @linli-cancel=${() => (this.confirming = false)}
          ></linli-confirm-sheet>`
        : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'linli-meal-book-screen': LinliMealBookScreen;
  }
}
