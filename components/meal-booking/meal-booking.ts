import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import type { MealSeats, PublicMealWeek } from '../../domain/meal-records.ts';
import type { MealKind, MealMode, MealSetCode, MenuMeal } from '../../domain/meals.ts';
import { isSafeImageUrl } from '../../domain/notice.ts';
import { AccountWidget } from '../core/account-widget.ts';
import type { PointsCapable } from '../core/active-source.ts';
import { withMeals } from '../core/http-meals.ts';
import { fill, formatDay, formatDayTime, formatNumber } from '../core/i18n.ts';
import type { ResidentFlowHost } from '../core/resident-flow.ts';
import type { MealsSource } from '../core/meals-source.ts';
import { money } from './meal-format.ts';
import { mealBookingStyles } from './meal-booking.styles.ts';
import { mealStrings, type MealStrings } from './strings.ts';

type Flow = InstanceType<(typeof import('./booking-flow.ts'))['BookingFlow']>;

export interface MealBookedDetail {
  bookingId: string;
  date: string;
  meal: MealKind;
  set: MealSetCode;
  mode: MealMode;
  toPayFen: number;
  onBehalf: boolean;
}
export interface MealCancelledDetail {
  bookingId: string;
}

/** What the lazily loaded sign-in and booking flow needs from the widget. */
export interface MealBookingHost extends ResidentFlowHost {
  readonly meals: MealsSource | undefined;
  readonly menuWeek: PublicMealWeek | null;
}

/**
 * The station's elderly meal service (老年助餐) on a website: this week's menus for anyone — days,
 * lunch and dinner, sets with dishes, diet tags, health labels in words, price, seats left, 已截止
 * and 已订满. A resident (or a family member with the resident's phone + PIN) signs in to book,
 * sees the price breakdown (price, each subsidy, to pay) before confirming, and cancels before the
 * cut-off. The sign-in and booking flow and the zh-TW/en tables load on first use.
 *
 * The sign-in token is kept in memory only and dropped on 退出登录, when the element leaves the
 * page and after 30 minutes. Names are shown masked (张*华), phones masked (138****8000).
 *
 * @summary Elderly meal booking (老年助餐) widget: weekly menu, booking and cancelling.
 * @tagname linli-meal-booking
 * @csspart account - The sign-in bar, or the signed-in resident's bookings.
 * @csspart day - One day of the menu.
 * @csspart meal - One meal (午餐, 晚餐) of a day.
 * @csspart set - One set (A, B, C) with its dishes.
 * @csspart photo - A dish's photo.
 * @csspart tag - A diet tag.
 * @csspart health - A health label (in words).
 * @csspart badge - The 已截止 and 已订满 badges.
 * @csspart button - Every button (the 订这一餐 buttons also have the part `book`).
 * @csspart panel - The sign-in, choose, confirm and done panels.
 * @csspart input - The phone and PIN inputs.
 * @csspart breakdown - The price breakdown table.
 * @cssprop --linli-meal-booking-photo-size - Dish photo size (default 3.5em).
 * @fires {CustomEvent<MealBookedDetail>} linli-meal-booked - The station confirmed a booking.
 * @fires {CustomEvent<MealCancelledDetail>} linli-meal-cancelled - A booking was cancelled.
 * @fires {CustomEvent<void>} linli-signed-in - A resident signed in (no personal data in the event).
 * @fires {CustomEvent<void>} linli-signed-out - The resident signed out, or the session ended.
 */
export class LinliMealBooking extends AccountWidget<PublicMealWeek, Flow, MealStrings> implements MealBookingHost {
  static override styles = mealBookingStyles;
  static override properties: PropertyDeclarations = { week: {} };

  /** Any date (YYYY-MM-DD) of the week to show; default this week. */
  declare week: string;

  constructor() {
    super(withMeals);
    this.week = '';
  }

  get meals(): MealsSource | undefined {
    return this.active.value?.meals;
  }

  get menuWeek(): PublicMealWeek | null {
    return this._data;
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('week') && this._data) void this.reload();
  }

  protected get strings(): MealStrings | null {
    return mealStrings(this.locale, () => this.requestUpdate());
  }

  protected read(source: PointsCapable): Promise<PublicMealWeek> | null {
    return source.meals?.week(this.week || undefined) ?? null;
  }

  protected loadFlow(): Promise<Flow> {
    return import('./booking-flow.ts').then((m) => new m.BookingFlow(this));
  }

  protected override showAccount(week: PublicMealWeek): boolean {
    return week.menu !== null;
  }

  protected renderData(t: MealStrings, week: PublicMealWeek): TemplateResult {
    const locale = this.locale;
    const menu = week.menu;
    const sunday = new Date(Date.parse(`${week.weekStart}T12:00:00+08:00`) + 6 * 86_400_000).toISOString().slice(0, 10);
    const heading = html`<h2 class="title">${t.title} <span class="range">${fill(t.week, { from: formatDay(week.weekStart, locale, false), to: formatDay(sunday, locale, false) })}</span></h2>`;
    if (!menu) return html`${heading}<p class="message" role="status">${t.empty}</p>`;
    return html`${heading}
      <div class="days" @click=${this.onListClick}>
        ${menu.days
          .filter((d) => d.meals.length)
          .map(
            (day) => html`<section class="day" part="day" aria-labelledby="d-${day.date}">
              <h3 id="d-${day.date}">${formatDay(day.date, locale)}</h3>
              <div class="meals">${day.meals.map((m) => this.renderMeal(t, day.date, m, week.seatsLeft.find((s) => s.date === day.date && s.meal === m.meal)))}</div>
            </section>`,
          )}
      </div>`;
  }

  private renderMeal(t: MealStrings, date: string, m: MenuMeal, seats: MealSeats | undefined): TemplateResult {
    const locale = this.locale;
    const closed = seats ? !seats.open : false;
    const full = seats ? seats.left <= 0 : false;
    const name = t.meals[m.meal];
    return html`<article class="meal" part="meal">
      <h4>${name}</h4>
      <p class="seats">
        ${closed
          ? html`<span class="badge" part="badge">${t.closed}</span>`
          : full
            ? html`<span class="badge" part="badge">${t.full}</span>`
            : seats
              ? html`<span>${fill(t.seatsLeft, { count: formatNumber(seats.left, locale) })}</span>`
              : nothing}
        ${seats && !closed ? html`<span class="muted">${fill(t.closes, { time: formatDayTime(seats.closesAt, locale) })}</span>` : nothing}
      </p>
      <ul class="sets">
        ${m.sets.map(
          (s) => html`<li class="set" part="set">
            <p class="set-head"><strong>${fill(t.set, { code: s.code })}</strong> <strong class="price">${money(s.priceFen, locale)}</strong></p>
            <ul class="dishes">
              ${s.dishes.map((d) => {
                const photo = d.photo && isSafeImageUrl(d.photo) ? d.photo : null;
                return html`<li class="dish">
                  ${photo ? html`<img part="photo" src=${photo} alt="" loading="lazy" decoding="async" />` : nothing}
                  <span class="dish-name">${d.name}</span>
                  ${d.dietTags.length
                    ? html`<span class="tags" role="group" aria-label=${t.dietLabel}>${d.dietTags.map((tag) => html`<span class="tag" part="tag">${t.diet[tag] ?? tag}</span>`)}</span>`
                    : nothing}
                  ${d.healthLabel ? html`<span class="health ${d.healthLabel}" part="health">${t.health[d.healthLabel]}</span>` : nothing}
                </li>`;
              })}
            </ul>
            ${s.variants.length ? html`<p class="muted">${t.variants}${s.variants.map((v) => t.diet[v] ?? v).join('、')}</p>` : nothing}
          </li>`,
        )}
      </ul>
      <button part="button book" type="button" class="book" data-key="${date}|${m.meal}" ?disabled=${closed || full}>
        ${closed ? t.closed : full ? t.full : t.book}<span class="visually-hidden">${formatDay(date, locale)} ${name}</span>
      </button>
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'linli-meal-booking': LinliMealBooking;
  }
  interface GlobalEventHandlersEventMap {
    'linli-meal-booked': CustomEvent<MealBookedDetail>;
    'linli-meal-cancelled': CustomEvent<MealCancelledDetail>;
  }
}
