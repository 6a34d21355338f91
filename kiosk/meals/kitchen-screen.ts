/**
 * 今日厨房 (staff mode): portions per meal, set, variant and mode for a date, from the replica's
 * bookings (kitchenCounts: confirmed and provisional in separate columns, so the kitchen sees
 * what is not final), and the delivery list of each meal in stop order (deliveryList) with
 * names, addresses and notes for a printed sheet. Staff-only; the spoken form gives the counts
 * and never a name or an address. 编辑菜单 shows the weekly menu editor (menu-editor.ts) in place
 * of the counts, with 返回 back to them.
 *
 * @summary Kitchen counts and delivery list.
 */
import { css, html, LitElement, nothing } from 'lit';
import { fill } from '../../components/core/i18n.ts';
import { LocaleController } from '../../components/core/locale-controller.ts';
import { token } from '../../components/core/theme.ts';
import type { MealBookingRecord } from '../../domain/meal-records.ts';
import { deliveryList, kitchenCounts, MEAL_KINDS, type DeliveryStop, type KitchenCount, type MealKind } from '../../domain/meals.ts';
import { addCalendarDays, formatStationDate, stationDateOf } from '../../domain/station-time.ts';
import type { KioskServices } from '../kiosk-services.ts';
import type { StaffSession } from '../staff/staff-sign-in.ts';
import { kioskStyles } from '../ui/kiosk-styles.ts';
import { ReplicaWatch } from '../ui/replica-watch.ts';
import { joinSpoken, type SpokenScreen } from '../ui/spoken-screen.ts';
import { bookingsOn } from './meal-booking.ts';
import { bookingWithoutLocalFields } from './meals-replica.ts';
import type { LinliMealMenuEditor } from './menu-editor.ts';
import { mealStrings } from './strings.ts';

interface StopRow {
  stop: DeliveryStop<MealBookingRecord>;
  name: string;
}

export class LinliMealKitchenScreen extends LitElement implements SpokenScreen {
  static override styles = [
    kioskStyles,
    css`
      table {
        border-collapse: collapse;
        margin-block: 16px;
      }
      th,
      td {
        padding: 8px 16px;
        border: 2px solid ${token('--linli-color-border')};
        text-align: start;
      }
      td.n {
        text-align: end;
        font-variant-numeric: tabular-nums;
        font-weight: 700;
      }
      .staff-only {
        font-weight: 700;
      }
      @media print {
        .actions {
          display: none;
        }
      }
    `,
  ];

  static override properties = {
    services: { attribute: false },
    staff: { attribute: false },
    date: { type: String },
    counts: { attribute: false },
    stops: { attribute: false },
    editing: { attribute: false },
  };

  declare services: KioskServices | null;
  declare staff: StaffSession | null;
  /** Station date shown; '' = today. */
  declare date: string;
  declare counts: KitchenCount[];
  declare stops: Record<MealKind, StopRow[]>;
  /** The menu editor is open in place of the counts. */
  declare editing: boolean;
  readonly #locale = new LocaleController(this);

  constructor() {
    super();
    this.services = null;
    this.staff = null;
    this.date = '';
    this.counts = [];
    this.stops = { lunch: [], dinner: [] };
    this.editing = false;
    new ReplicaWatch(this, () => void this.load());
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('date') || changed.has('staff')) void this.load();
  }

  #day(): string {
    return this.date || (this.services ? stationDateOf(this.services.now()) : '');
  }

  async load(): Promise<void> {
    const s = this.services;
    if (!s || !this.staff) return;
    const date = this.#day();
    const bookings = (await bookingsOn(s.db, date)).map(bookingWithoutLocalFields);
    const residents = await s.db.run((conn) => conn.getAll('residents'));
    const names = new Map(residents.map((r) => [r.id, r.name]));
    const counts = kitchenCounts(bookings);
    const flags = new Map((await s.db.run((conn) => conn.getAll('mealResidents'))).map((f) => [f.residentId, f]));
    const withAddress = bookings.map((b) => {
      if (b.mode !== 'delivery') return b;
      const f = flags.get(b.residentId);
      const building = residents.find((r) => r.id === b.residentId)?.building ?? '';
      return { ...b, delivery: b.delivery?.address ? b.delivery : { building, address: f?.address ?? '', notes: f?.notes ?? '' } };
    });
    this.counts = counts;
    this.stops = {
      lunch: deliveryList(withAddress, date, 'lunch').map((stop) => ({ stop, name: names.get(stop.booking.residentId) ?? '' })),
      dinner: deliveryList(withAddress, date, 'dinner').map((stop) => ({ stop, name: names.get(stop.booking.residentId) ?? '' })),
    };
  }

  /** Counts only: never a resident's name or address. */
  spokenText(): string {
    const editor = this.editing ? this.renderRoot.querySelector<LinliMealMenuEditor>('linli-meal-menu-editor') : null;
    if (editor) return editor.spokenText();
    const locale = this.#locale.value;
    const t = mealStrings[locale];
    const k = t.kitchen;
    const rows = this.counts.map((c) =>
      [t.meal[c.meal], fill(t.book.setName, { code: c.set }), c.variant ? t.diet[c.variant] : t.book.standard, t.mode[c.mode], `${k.confirmed} ${c.confirmed}`, `${k.provisional} ${c.provisional}`].join('，'),
    );
    return joinSpoken([k.heading, formatStationDate(this.#day()), ...(rows.length === 0 ? [k.empty] : rows)], locale);
  }

  protected override render(): unknown {
    const t = mealStrings[this.#locale.value];
    const k = t.kitchen;
    if (!this.staff || !this.services) return html`<h1>${k.heading}</h1>`;
    if (this.editing) {
      return html`<div class="actions"><button type="button" class="close-editor" @click=${() => (this.editing = false)}>‹ ${t.editor.back}</button></div>
        <linli-meal-menu-editor .services=${this.services} .staff=${this.staff}></linli-meal-menu-editor>`;
    }
    const day = this.#day();
    return html`<h1>${k.heading}</h1>
      <div class="actions">
        <button type="button" class="open-editor" @click=${() => (this.editing = true)}>${t.editor.open}</button>
        <button type="button" class="prev-day" @click=${() => (this.date = addCalendarDays(day, -1))}>‹ ${formatStationDate(addCalendarDays(day, -1))}</button>
        <button type="button" class="next-day" @click=${() => (this.date = addCalendarDays(day, 1))}>${formatStationDate(addCalendarDays(day, 1))} ›</button>
      </div>
      <h2 class="date" data-date=${day}>${formatStationDate(day)}</h2>
      ${this.counts.length === 0
        ? html`<p class="empty">${k.empty}</p>`
        : html`<table class="counts">
            <thead>
              <tr><th scope="col">${t.book.mealHeading}</th><th scope="col">${k.set}</th><th scope="col">${k.variant}</th><th scope="col">${k.mode}</th><th scope="col">${k.confirmed}</th><th scope="col">${k.provisional}</th></tr>
            </thead>
            <tbody>
              ${this.counts.map(
                (c) => html`<tr data-key=${[c.meal, c.set, c.variant ?? '', c.mode].join('|')}>
                  <td>${t.meal[c.meal]}</td><td>${c.set}</td><td>${c.variant ? t.diet[c.variant] : t.book.standard}</td><td>${t.mode[c.mode]}</td>
                  <td class="n confirmed">${c.confirmed}</td><td class="n provisional">${c.provisional}</td>
                </tr>`,
              )}
            </tbody>
          </table>`}
      <h2>${k.deliveryHeading}</h2>
      <p class="staff-only">${k.staffOnly}</p>
      ${MEAL_KINDS.map((meal) => {
        const rows = this.stops[meal];
        return html`<h3>${t.meal[meal]}</h3>
          ${rows.length === 0
            ? html`<p class="empty">${k.deliveryEmpty}</p>`
            : html`<table class="delivery" data-meal=${meal}>
                <thead><tr><th scope="col">${k.stop}</th><th scope="col">${k.name}</th><th scope="col">${k.address}</th><th scope="col">${k.set}</th><th scope="col">${k.notes}</th></tr></thead>
                <tbody>
                  ${rows.map(
                    (r) => html`<tr>
                      <td class="n">${r.stop.stop}</td><td>${r.name}</td>
                      <td>${[r.stop.booking.delivery?.building, r.stop.booking.delivery?.address].filter(Boolean).join(' ')}</td>
                      <td>${r.stop.booking.set}${r.stop.booking.variant ? ` ${t.diet[r.stop.booking.variant]}` : nothing}</td>
                      <td>${r.stop.booking.delivery?.notes ?? ''}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>`}`;
      })}
      <div class="actions"><button type="button" class="primary print" @click=${() => this.services?.print()}>${k.print}</button></div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'linli-meal-kitchen-screen': LinliMealKitchenScreen;
  }
}
