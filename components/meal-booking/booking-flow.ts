/**
 * The booking flow of the meal widget, loaded on the first 订这一餐 or 登录 so the menu stays
 * small: (sign in →) set, way of cooking, how to eat (delivery only for those eligible), "I am
 * family" → the price breakdown → confirm → done; the resident's bookings with 取消 before the
 * cut-off. Signing in and the session are the shared ResidentFlow's.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { MealBookingRecord } from '../../domain/meal-records.ts';
import type { DietTag, MealKind, MealMode, MealSetCode, MenuMeal, PriceBreakdown } from '../../domain/meals.ts';
import { fill, formatDay } from '../core/i18n.ts';
import { toMealsError, type MealChoice, type MealsError, type ResidentMeals } from '../core/meals-source.ts';
import { ResidentFlow, RETRY_SAME_ID } from '../core/resident-flow.ts';
import { bookingFlowStyles } from './booking-flow.styles.ts';
import { flowStrings, type FlowStrings } from './flow-strings.ts';
import { money } from './meal-format.ts';
import type { MealBookedDetail, MealBookingHost, MealCancelledDetail } from './meal-booking.ts';
import { mealStrings } from './strings.ts';

export class BookingFlow extends ResidentFlow<FlowStrings, MealsError> {
  declare protected readonly host: MealBookingHost;
  private mine: ResidentMeals | null = null;
  private date = '';
  private meal: MealKind = 'lunch';
  private choice: Omit<MealChoice, 'date' | 'meal'> = { set: 'A', variant: null, mode: 'dine-in' };
  private onBehalf = false;
  private breakdown: PriceBreakdown | null = null;
  /** The id of the booking being decided; kept across retries so none applies twice. */
  private bookingId: string | null = null;
  private booked: MealBookingRecord | null = null;

  constructor(host: MealBookingHost) {
    super(host, bookingFlowStyles);
  }

  protected get t(): FlowStrings | null {
    return flowStrings(this.host.locale, () => this.host.requestUpdate());
  }

  protected toError(err: unknown): MealsError {
    return toMealsError(err);
  }

  protected signInWith(phone: string, pin: string): ReturnType<ResidentFlow<FlowStrings>['signInWith']> {
    return this.host.meals?.signIn(phone, pin) ?? null;
  }

  protected async signedIn(): Promise<void> {
    const mine = this.refreshMine();
    if (this.date) {
      this.step = 'choose';
      this.update('.flow h3');
    } else {
      await mine;
      this.close();
    }
  }

  protected forget(): void {
    this.mine = null;
    this.booked = null;
    this.breakdown = null;
    this.bookingId = null;
    this.onBehalf = false;
  }

  private menuMeal(): MenuMeal | null {
    return this.host.menuWeek?.menu?.days.find((d) => d.date === this.date)?.meals.find((m) => m.meal === this.meal) ?? null;
  }

  /** Begin: sign in if needed, then choose for `key` ("date|meal"), or just sign in when null. */
  start(key: string | null): void {
    if (key) {
      const [date, meal] = key.split('|') as [string, MealKind];
      if (date !== this.date || meal !== this.meal) {
        this.date = date;
        this.meal = meal;
        const m = this.menuMeal();
        this.choice = { set: m?.sets[0]?.code ?? 'A', variant: null, mode: m?.modes.find((x) => x !== 'delivery') ?? m?.modes[0] ?? 'dine-in' };
      }
    } else this.date = '';
    if (this.session && !this.date) return this.close();
    this.open('choose');
  }

  private async refreshMine(): Promise<void> {
    const session = this.session;
    const meals = this.host.meals;
    if (!session || !meals) return;
    try {
      const mine = await meals.mine(session);
      if (session !== this.session) return;
      this.mine = mine;
    } catch (err) {
      this.fail(err, false);
    }
    this.update();
  }

  private readonly onChoice = (e: Event): void => {
    const form = (e.target as Element).closest('form')!;
    const data = new FormData(form);
    const set = (data.get('set') as MealSetCode | null) ?? this.choice.set;
    const variant = (data.get('variant') as string | null) || null;
    const sets = this.menuMeal()?.sets ?? [];
    const variants = sets.find((s) => s.code === set)?.variants ?? [];
    this.choice = {
      set,
      variant: variant && variants.includes(variant as DietTag) ? (variant as DietTag) : null,
      mode: (data.get('mode') as MealMode | null) ?? this.choice.mode,
    };
    this.onBehalf = data.get('family') === 'on';
    this.update();
  };

  private readonly onQuote = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    this.onChoice(e);
    const meals = this.host.meals;
    const session = this.session;
    if (this.busy || !meals || !session) return;
    this.busy = 'quoting';
    this.error = null;
    this.update();
    try {
      const { breakdown } = await meals.quote(session, { date: this.date, meal: this.meal, ...this.choice });
      this.busy = null;
      this.breakdown = breakdown;
      this.bookingId = crypto.randomUUID();
      this.step = 'confirm';
      this.update('.flow h3');
    } catch (err) {
      this.busy = null;
      this.fail(err);
    }
  };

  private async confirm(): Promise<void> {
    const meals = this.host.meals;
    const session = this.session;
    if (this.busy || !meals || !session) return;
    this.bookingId ??= crypto.randomUUID();
    const request = { bookingId: this.bookingId, date: this.date, meal: this.meal, ...this.choice, ...(this.onBehalf ? { onBehalf: true as const } : {}) };
    this.busy = 'booking';
    this.error = null;
    this.update();
    try {
      const { booking } = await meals.book(session, request);
      this.busy = null;
      this.booked = booking;
      this.bookingId = null;
      this.step = 'done';
      this.emit<MealBookedDetail>('linli-meal-booked', {
        bookingId: booking.id,
        date: booking.date,
        meal: booking.meal,
        set: booking.set,
        mode: booking.mode,
        toPayFen: booking.receipt.toPayFen,
        onBehalf: this.onBehalf,
      });
      this.update('.flow h3');
      void this.host.reload();
      void this.refreshMine();
    } catch (err) {
      this.busy = null;
      const e = toMealsError(err);
      // A refusal decided this booking: trying again is a new decision with a new id.
      if (!RETRY_SAME_ID.has(e.kind) || e.status === 409) this.bookingId = crypto.randomUUID();
      this.fail(e);
      if (!RETRY_SAME_ID.has(e.kind)) void this.host.reload();
    }
  }

  private async cancel(id: string): Promise<void> {
    const meals = this.host.meals;
    const session = this.session;
    const t = this.t;
    if (this.busy || !meals || !session || !t) return;
    this.busy = 'cancelling';
    this.barError = null;
    this.notice = null;
    this.update();
    try {
      const { booking } = await meals.cancel(session, id);
      this.busy = null;
      if (this.mine) this.mine = { ...this.mine, bookings: this.mine.bookings.map((b) => (b.id === id ? booking : b)) };
      this.notice = fill(t.cancelled, { what: this.line(t, booking) });
      this.emit<MealCancelledDetail>('linli-meal-cancelled', { bookingId: id });
      this.update('[part~="account"] [data-focus]');
      void this.host.reload();
    } catch (err) {
      this.busy = null;
      this.fail(err);
    }
  }

  // ── Rendering ──────────────────────────────────────────────────────────────

  private line(t: FlowStrings, b: Pick<MealBookingRecord, 'date' | 'meal' | 'set' | 'mode'>): string {
    const locale = this.host.locale;
    const m = mealStrings(locale, () => this.host.requestUpdate());
    return fill(t.line, {
      date: formatDay(b.date, locale),
      meal: m?.meals[b.meal] ?? b.meal,
      set: m ? fill(m.set, { code: b.set }) : b.set,
      mode: t.modes[b.mode],
    });
  }

  /** Can this booking still be cancelled, as far as the menu says (the server decides)? */
  private cancellable(b: MealBookingRecord): boolean {
    if (b.status !== 'confirmed') return false;
    const week = this.host.menuWeek;
    const seats = week?.seatsLeft.find((s) => s.date === b.date && s.meal === b.meal);
    // Outside the week shown the widget does not know the cut-off: the station decides (cannot-cancel).
    return seats ? Date.now() < Date.parse(seats.closesAt) : true;
  }

  /** The account bar above the menu: who is signed in (masked), their bookings with 取消. */
  renderBar(signIn: TemplateResult): TemplateResult {
    const t = this.t;
    if (!t) return signIn;
    if (!this.session) return this.renderWho(t, signIn);
    const locale = this.host.locale;
    // Today in station time (UTC+8, no daylight saving), without the domain's date module.
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const upcoming = this.mine?.bookings.filter((b) => b.date >= today) ?? null;
    return html`${this.renderWho(t, signIn)}
      <h3 class="pending-title">${t.mineTitle}</h3>
      ${upcoming === null
        ? html`<p>${t.loadingMine}</p>`
        : upcoming.length === 0
          ? html`<p>${t.mineEmpty}</p>`
          : html`<ul class="mine">
              ${upcoming.map(
                (b) => html`<li>
                  <span>${this.line(t, b)}${b.variant ? ` · ${b.variant}` : ''}</span>
                  <strong>${t.status[b.status]}</strong>
                  ${b.status === 'confirmed' ? html`<span>${fill(t.toPay, { amount: money(b.receipt.toPayFen, locale) })}</span>` : nothing}
                  ${this.cancellable(b)
                    ? html`<button part="button" type="button" ?disabled=${this.busy === 'cancelling'} @click=${() => void this.cancel(b.id)}>
                        ${t.cancel}<span class="visually-hidden">${this.line(t, b)}</span>
                      </button>`
                    : nothing}
                </li>`,
              )}
            </ul>`}
      ${this.busy === 'cancelling' ? html`<p role="status">${t.cancelling}</p>` : nothing}`;
  }

  render(): TemplateResult | null {
    const t = this.t;
    if (!t || !this.step) return null;
    const body = this.step === 'sign-in' ? this.renderSignIn(t) : this.step === 'choose' ? this.renderChoose(t) : this.step === 'confirm' ? this.renderConfirm(t) : this.renderDone(t);
    const busy = this.busy === 'signing-in' ? t.signingIn : this.busy === 'quoting' ? t.quoting : this.busy === 'booking' ? t.booking : '';
    return this.panel(body, busy);
  }

  private renderChoose(t: FlowStrings): TemplateResult {
    const m = this.menuMeal();
    const locale = this.host.locale;
    const names = mealStrings(locale, () => this.host.requestUpdate());
    const mealName = names?.meals[this.meal] ?? this.meal;
    const title = this.title(fill(t.chooseTitle, { date: formatDay(this.date, locale), meal: mealName }));
    if (!m || !names) return html`${title}${this.renderError(t)}<div class="actions"><button part="button" type="button" @click=${() => this.close()}>${t.back}</button></div>`;
    const chosen = m.sets.find((s) => s.code === this.choice.set) ?? m.sets[0];
    // Delivery is offered only to residents the station says are eligible.
    const modes = m.modes.filter((x) => x !== 'delivery' || this.mine?.deliveryEligible === true);
    const mode = modes.includes(this.choice.mode) ? this.choice.mode : modes[0];
    return html`${title}
      ${this.renderError(t)}
      <form novalidate class="choose" @change=${this.onChoice} @submit=${this.onQuote}>
        <fieldset>
          <legend>${t.setLegend}</legend>
          ${m.sets.map(
            (s) => html`<label class="choice">
              <input type="radio" name="set" value=${s.code} .checked=${s.code === chosen?.code} />
              <span>${fill(names.set, { code: s.code })} · ${money(s.priceFen, locale)} · ${s.dishes.map((d) => d.name).join('、')}</span>
            </label>`,
          )}
        </fieldset>
        ${chosen?.variants.length
          ? html`<label for="linli-variant">${t.variantLabel}</label>
              <select id="linli-variant" name="variant" .value=${this.choice.variant ?? ''}>
                <option value="" ?selected=${!this.choice.variant}>${t.standard}</option>
                ${chosen.variants.map((v) => html`<option value=${v} ?selected=${this.choice.variant === v}>${names.diet[v] ?? v}</option>`)}
              </select>`
          : nothing}
        <fieldset>
          <legend>${t.modeLegend}</legend>
          ${modes.map(
            (x) => html`<label class="choice"><input type="radio" name="mode" value=${x} .checked=${x === mode} /><span>${t.modes[x]}</span></label>`,
          )}
        </fieldset>
        <label class="choice"><input type="checkbox" name="family" .checked=${this.onBehalf} /><span>${t.family}</span></label>
        <div class="actions">
          <button part="button" type="submit" class="primary" ?disabled=${this.busy === 'quoting'}>${t.next}</button>
          <button part="button" type="button" @click=${() => this.close()}>${t.back}</button>
        </div>
      </form>`;
  }

  private renderConfirm(t: FlowStrings): TemplateResult {
    const b = this.breakdown!;
    const locale = this.host.locale;
    const refused = this.error && !RETRY_SAME_ID.has(this.error.kind);
    return html`${this.title(t.confirmTitle)}
      <p>${this.line(t, { date: this.date, meal: this.meal, set: this.choice.set, mode: this.choice.mode })}${this.choice.variant ? ` · ${this.choice.variant}` : ''}</p>
      <table class="breakdown" part="breakdown">
        <caption>${t.breakdown}</caption>
        <thead><tr><th scope="col">${t.item}</th><th scope="col">${t.amount}</th></tr></thead>
        <tbody>
          ${b.lines.map(
            (l) => html`<tr class=${l.kind}>
              <th scope="row">${l.kind === 'to-pay' ? t.toPayLabel : l.label}</th>
              <td>${money(l.amountFen, locale)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      ${b.notes.map((n) => html`<p class="hint">${n}</p>`)}
      ${this.onBehalf ? html`<p>${t.family}</p>` : nothing}
      ${refused ? nothing : html`<p>${t.confirmHint}</p>`}
      ${this.renderError(t, () => void this.confirm())}
      <div class="actions">
        ${refused || this.error ? nothing : html`<button part="button" type="button" class="primary" ?disabled=${this.busy === 'booking'} @click=${() => void this.confirm()}>${t.confirm}</button>`}
        <button part="button" type="button" @click=${() => this.back()}>${refused ? t.back : t.change}</button>
      </div>`;
  }

  private back(): void {
    const refused = this.error && !RETRY_SAME_ID.has(this.error.kind);
    this.error = null;
    this.bookingId = null;
    if (refused) this.close();
    else {
      this.step = 'choose';
      this.update('.flow h3');
    }
  }

  private renderDone(t: FlowStrings): TemplateResult {
    const b = this.booked!;
    return html`${this.title(t.doneTitle)}
      <p>${fill(t.done, { what: this.line(t, b), amount: money(b.receipt.toPayFen, this.host.locale) })}</p>
      <div class="actions">
        <button part="button" type="button" class="primary" @click=${() => this.close()}>${t.finish}</button>
      </div>`;
  }
}
