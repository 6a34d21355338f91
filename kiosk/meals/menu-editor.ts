/**
 * 编辑菜单 (staff mode, opened from 今日厨房): one week's menu — this week, next week or the one
 * after — day by day (Mon–Sun), lunch and dinner with capacity and the ways residents may have
 * them, sets A/B/C with a price in yuan, the variants the kitchen cooks, dishes with diet tags, a
 * health label and an optional photo address; the booking cut-off rule; 复制上周菜单.
 *
 * Saving checks the whole week with the domain's validateMenu (each problem shown by its day, meal
 * and set, nothing queued, nothing typed lost), then queues `menu.save` based on the revision of
 * the week's menu in the replica (a pending local edit counts as the revision it will produce).
 * Offline it says 已保存，联网后同步; a stale revision comes back as a conflict on 需要处理.
 *
 * @summary Staff weekly menu editor.
 */
import { css, html, LitElement, nothing } from 'lit';
import { fill, formatDay } from '../../components/core/i18n.ts';
import { LocaleController } from '../../components/core/locale-controller.ts';
import { token } from '../../components/core/theme.ts';
import type { Command } from '../../domain/index.ts';
import {
  copyMenuToWeek,
  DIET_TAGS,
  formatYuan,
  HEALTH_LABELS,
  MEAL_KINDS,
  MEAL_LIMITS,
  MEAL_MODES,
  MEAL_SET_CODES,
  validateMenu,
  type CutoffRule,
  type DietTag,
  type HealthLabel,
  type MealKind,
  type MealMode,
  type MealSetCode,
  type MenuDraft,
  type MenuProblem,
} from '../../domain/meals.ts';
import { isSafeImageUrl } from '../../domain/notice.ts';
import { addCalendarDays, isWallTime, mondayOf, stationDateOf } from '../../domain/station-time.ts';
import type { KioskServices } from '../kiosk-services.ts';
import { looksOnline } from '../sync/push-and-wait.ts';
import type { StaffSession } from '../staff/staff-sign-in.ts';
import type { KioskDb, ReplicaMenu } from '../store/kiosk-db.ts';
import type { Outbox } from '../sync/outbox.ts';
import { kioskStyles } from '../ui/kiosk-styles.ts';
import { announce, joinSpoken, type SpokenScreen } from '../ui/spoken-screen.ts';
import { menuWithoutLocalFields } from './meals-replica.ts';
import { mealStrings } from './strings.ts';

/** What staff typed, before it becomes a MenuDraft (prices and capacities stay text until then). */
interface FormDish {
  name: string;
  photo: string;
  dietTags: DietTag[];
  healthLabel: HealthLabel | null;
}
interface FormSet {
  code: MealSetCode;
  price: string;
  variants: DietTag[];
  dishes: FormDish[];
}
interface FormMeal {
  meal: MealKind;
  capacity: string;
  modes: MealMode[];
  sets: FormSet[];
}
export interface MenuForm {
  weekStart: string;
  cutoff: CutoffRule;
  /** Always the seven days of the week, Monday first; a day without meals is left out of the draft. */
  days: { date: string; meals: FormMeal[] }[];
}

const emptyDish = (): FormDish => ({ name: '', photo: '', dietTags: [], healthLabel: null });
const emptySet = (code: MealSetCode): FormSet => ({ code, price: '', variants: [], dishes: [emptyDish()] });
const emptyMeal = (meal: MealKind): FormMeal => ({ meal, capacity: '', modes: ['dine-in', 'pick-up'], sets: [emptySet('A')] });

/** "12.5" → 1250 fen; anything else (0 decimals beyond two, letters, empty) → NaN, which validateMenu names. */
export function yuanToFen(text: string): number {
  const m = /^\s*(\d{1,6})(?:\.(\d{0,2}))?\s*$/.exec(text);
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : NaN;
}

function wholeNumber(text: string): number {
  return /^\s*\d{1,6}\s*$/.test(text) ? Number(text.trim()) : NaN;
}

/** The form for a week: the draft's days where it has them, empty days elsewhere. */
export function formOf(draft: MenuDraft | null, weekStart: string): MenuForm {
  return {
    weekStart,
    cutoff: draft ? { ...draft.cutoff } : { kind: 'day-before', time: '17:00' },
    days: Array.from({ length: 7 }, (_, i) => {
      const date = addCalendarDays(weekStart, i);
      const day = draft?.days.find((d) => d.date === date);
      return {
        date,
        meals: (day?.meals ?? []).map((m) => ({
          meal: m.meal,
          capacity: String(m.capacity),
          modes: [...m.modes],
          sets: m.sets.map((s) => ({
            code: s.code,
            price: formatYuan(s.priceFen),
            variants: [...s.variants],
            dishes: s.dishes.map((d) => ({ name: d.name, photo: d.photo ?? '', dietTags: [...d.dietTags], healthLabel: d.healthLabel })),
          })),
        })),
      };
    }),
  };
}

/** The draft the form describes: lunch before dinner, sets in A/B/C order, days without meals left out. */
export function draftOfForm(form: MenuForm): MenuDraft {
  return {
    weekStart: form.weekStart,
    cutoff: { ...form.cutoff },
    days: form.days
      .filter((d) => d.meals.length > 0)
      .map((d) => ({
        date: d.date,
        meals: [...d.meals]
          .sort((a, b) => MEAL_KINDS.indexOf(a.meal) - MEAL_KINDS.indexOf(b.meal))
          .map((m) => ({
            meal: m.meal,
            capacity: wholeNumber(m.capacity),
            modes: [...m.modes],
            sets: [...m.sets]
              .sort((a, b) => MEAL_SET_CODES.indexOf(a.code) - MEAL_SET_CODES.indexOf(b.code))
              .map((s) => ({
                code: s.code,
                priceFen: yuanToFen(s.price),
                dishes: s.dishes.map((dish) => ({ name: dish.name.trim(), photo: dish.photo.trim() === '' ? null : dish.photo.trim(), dietTags: [...dish.dietTags], healthLabel: dish.healthLabel })),
                variants: [...s.variants],
              })),
          })),
      })),
  };
}

/** The replica's menu of a week (with a pending local edit, that edit), or null. */
export async function menuOfWeek(db: KioskDb, weekStart: string): Promise<ReplicaMenu | null> {
  const found = await db.run((conn) => conn.getAllFromIndex('menus', 'byWeek', weekStart));
  return found[0] ?? null;
}

/**
 * Queue a menu.save and show it in the replica at once (待同步 until the server answers). `base`
 * is the replica record being edited (null: a new week); its revision is the one the edit is based on.
 */
export async function queueMenuSave(outbox: Outbox, stationId: string, staff: StaffSession, base: ReplicaMenu | null, draft: MenuDraft, menuId: string = base?.id ?? crypto.randomUUID()): Promise<Command<'menu.save'>> {
  return outbox.enqueue({ type: 'menu.save', payload: { menuId, baseRevision: base ? base.revision : null, draft }, actor: { staffNo: staff.staffNo } }, async (tx, cmd) => {
    const store = tx.objectStore('menus');
    const existing = await store.get(menuId);
    const serverCopy = existing ? (existing.pendingCommandId ? (existing.serverCopy ?? null) : menuWithoutLocalFields(existing)) : null;
    await store.put({
      ...structuredClone(draft),
      id: menuId,
      stationId: existing?.stationId ?? stationId,
      revision: (base?.revision ?? 0) + 1,
      updatedAt: cmd.createdAt,
      pendingCommandId: cmd.id,
      serverCopy,
    });
  });
}

const sameSpot = (p: MenuProblem, date?: string, meal?: MealKind, set?: MealSetCode): boolean => p.date === date && p.meal === meal && p.set === set;

export class LinliMealMenuEditor extends LitElement implements SpokenScreen {
  static override styles = [
    kioskStyles,
    css`
      fieldset {
        border: 3px solid ${token('--linli-color-border')};
        border-radius: ${token('--linli-radius')};
        margin: 0 0 24px;
        padding: 8px 16px 16px;
        min-inline-size: 0;
      }
      fieldset fieldset {
        border-width: 2px;
      }
      legend {
        font-weight: 700;
        padding-inline: 0.25em;
      }
      .choices {
        display: flex;
        flex-wrap: wrap;
        gap: 12px 16px;
        margin-block: 8px 16px;
      }
      .choices button {
        padding-inline: 0.6em;
      }
      button[aria-pressed='true'] {
        background: ${token('--linli-color-accent')};
        color: ${token('--linli-color-on-accent')};
        border-color: ${token('--linli-color-accent')};
      }
      /* Colour is never the only signal: a chosen button also carries a tick. */
      button[aria-pressed='true']::before {
        content: '✓ ';
      }
      .week-range {
        display: block;
        font-weight: 400;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 16px 24px;
        align-items: end;
      }
      .row {
        align-items: start;
      }
      .row > label {
        flex: 1 1 10em;
      }
      .hint {
        display: block;
        font-weight: 400;
      }
      .short {
        max-inline-size: 8em;
      }
      .group-label {
        font-weight: 600;
        margin: 8px 0 0;
      }
      .problems {
        margin: 0 0 16px;
        padding-inline-start: 1.25em;
      }
      .summary {
        border-inline-start: 8px solid ${token('--linli-color-danger')};
        padding-inline-start: 0.5em;
      }
      /* 保存 stays in reach while staff scroll through a long day. */
      .save-bar {
        position: sticky;
        inset-block-end: 0;
        margin-block-end: 0;
        padding-block: 16px;
        background: ${token('--linli-color-surface')};
        border-block-start: 3px solid ${token('--linli-color-border')};
      }
      .tag {
        font-weight: 700;
        border: 2px solid currentColor;
        border-radius: 0.25em;
        padding-inline: 0.25em;
      }
    `,
  ];

  static override properties = {
    services: { attribute: false },
    staff: { attribute: false },
    weekIndex: { attribute: false },
    dayIndex: { attribute: false },
    base: { attribute: false },
    form: { attribute: false },
    problems: { attribute: false },
    message: { attribute: false },
  };

  declare services: KioskServices | null;
  declare staff: StaffSession | null;
  /** 0: this week, 1: next week, 2: the week after. */
  declare weekIndex: number;
  /** The day shown, 0 (Monday) to 6. */
  declare dayIndex: number;
  /** The week's menu in the replica when the week was opened (or last saved); null: none yet. */
  declare base: ReplicaMenu | null;
  declare form: MenuForm;
  /** validateMenu's problems at the last 保存. */
  declare problems: MenuProblem[];
  declare message: string;
  readonly #locale = new LocaleController(this);
  /** The id a new week's menu gets (kept across saves, so a second save edits the first). */
  #newId = crypto.randomUUID();
  #busy = false;
  #loadedWeek = '';

  constructor() {
    super();
    this.services = null;
    this.staff = null;
    this.weekIndex = 0;
    this.dayIndex = 0;
    this.base = null;
    this.form = { weekStart: '', cutoff: { kind: 'day-before', time: '17:00' }, days: [] };
    this.problems = [];
    this.message = '';
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if ((changed.has('services') || changed.has('weekIndex')) && this.services && this.#weekStart(this.weekIndex) !== this.#loadedWeek) void this.load();
  }

  #weekStart(index: number): string {
    return this.services ? addCalendarDays(mondayOf(stationDateOf(this.services.now())), 7 * index) : '';
  }

  /** Open the chosen week: its menu from the replica, or an empty week. */
  async load(): Promise<void> {
    const s = this.services;
    if (!s) return;
    const weekStart = this.#weekStart(this.weekIndex);
    this.#loadedWeek = weekStart;
    const base = await menuOfWeek(s.db, weekStart);
    if (this.#loadedWeek !== weekStart) return;
    this.base = base;
    this.#newId = crypto.randomUUID();
    this.form = formOf(base, weekStart);
    this.problems = [];
    this.message = '';
  }

  /** The draft the form describes now (what 保存 would queue). */
  draft(): MenuDraft {
    return draftOfForm(this.form);
  }

  /** 复制上周菜单: the week before's menu on this week's dates; saved only by 保存. */
  async copyLastWeek(): Promise<void> {
    const s = this.services;
    if (!s) return;
    const t = mealStrings[this.#locale.value].editor;
    const last = await menuOfWeek(s.db, addCalendarDays(this.form.weekStart, -7));
    this.message = last ? t.copied : t.noLastWeek;
    if (last) {
      this.form = formOf(copyMenuToWeek(last, this.form.weekStart), this.form.weekStart);
      this.problems = [];
    }
    announce(this, this.message);
  }

  async save(): Promise<void> {
    const s = this.services;
    if (!s || !this.staff || this.#busy) return;
    const t = mealStrings[this.#locale.value].editor;
    const draft = this.draft();
    this.problems = validateMenu(draft);
    if (this.problems.length > 0) {
      this.message = '';
      const first = this.problems.find((p) => p.date !== undefined);
      const day = first ? this.form.days.findIndex((d) => d.date === first.date) : -1;
      if (day >= 0) this.dayIndex = day;
      announce(this, this.#problemSummary());
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.summary')?.focus();
      return;
    }
    this.#busy = true;
    try {
      const stationId = (await s.db.getMeta('stationId')) ?? this.base?.stationId ?? '';
      // A pending edit made here earlier is the base: its revision is the one it will produce.
      const base = this.base ? ((await s.db.run((conn) => conn.get('menus', this.base!.id))) ?? this.base) : null;
      const command = await queueMenuSave(s.outbox, stationId, this.staff, base, draft, base?.id ?? this.#newId);
      this.base = (await s.db.run((conn) => conn.get('menus', command.payload.menuId))) ?? null;
      this.message = looksOnline(s) ? t.savedOnline : t.savedOffline;
      announce(this, this.message);
    } finally {
      this.#busy = false;
    }
  }

  #problemSummary(): string {
    const locale = this.#locale.value;
    return this.problems.length === 0 ? '' : joinSpoken([fill(mealStrings[locale].editor.fixErrors, { n: this.problems.length }), ...this.problems.map((p) => p.message)], locale);
  }

  /** Heading, the week, the last message and every problem (menus carry nothing personal). */
  spokenText(): string {
    const locale = this.#locale.value;
    const t = mealStrings[locale].editor;
    return joinSpoken([t.heading, t.weeks[this.weekIndex], this.message, this.#problemSummary()], locale);
  }

  /** Change the form in place and re-render; nothing typed is ever thrown away by a bad value. */
  #edit(change: () => void): void {
    change();
    this.message = '';
    this.requestUpdate('form');
  }

  #toggle<T>(list: T[], value: T): void {
    const i = list.indexOf(value);
    if (i >= 0) list.splice(i, 1);
    else list.push(value);
  }

  #choice(cls: string, label: string, pressed: boolean, onClick: () => void, value = ''): unknown {
    return html`<button type="button" class=${cls} data-value=${value} aria-pressed=${pressed ? 'true' : 'false'} @click=${onClick}>${label}</button>`;
  }

  #problemList(list: MenuProblem[]): unknown {
    return list.length === 0 ? nothing : html`<ul class="problems error">${list.map((p) => html`<li>${p.message}</li>`)}</ul>`;
  }

  #text(cls: string, label: string, value: string, set: (v: string) => void, o: { inputmode?: string; maxlength?: number; hint?: string; invalid?: boolean; type?: string } = {}): unknown {
    return html`<label class=${`${cls}-label`}
      >${label}
      <input class=${cls} type=${o.type ?? 'text'} inputmode=${o.inputmode ?? 'text'} maxlength=${o.maxlength ?? 60} .value=${value} aria-invalid=${o.invalid ? 'true' : 'false'}
        @input=${(e: Event) => this.#edit(() => set((e.target as HTMLInputElement).value))} />
      ${o.hint ? html`<span class="hint muted">${o.hint}</span>` : nothing}
    </label>`;
  }

  /** `flagged`: the set has problems at the last 保存, so its wrong fields are marked. */
  #renderDish(dish: FormDish, i: number, set: FormSet, flagged: boolean): unknown {
    const t = mealStrings[this.#locale.value];
    const e = t.editor;
    const photo = dish.photo.trim();
    return html`<fieldset class="dish" data-dish=${i}>
      <legend>${fill(e.dishHeading, { n: i + 1 })}</legend>
      <div class="row">
        ${this.#text('dish-name', e.dishName, dish.name, (v) => (dish.name = v), { maxlength: 60, invalid: flagged && dish.name.trim() === '' })}
        ${this.#text('dish-photo', e.photo, dish.photo, (v) => (dish.photo = v), { maxlength: 500, hint: e.photoHint, type: 'url', invalid: flagged && photo !== '' && !isSafeImageUrl(photo) })}
      </div>
      <p class="group-label">${e.dietTags}</p>
      <div class="choices" role="group" aria-label=${`${fill(e.dishHeading, { n: i + 1 })} ${e.dietTags}`}>
        ${DIET_TAGS.map((tag) => this.#choice('dish-tag', t.diet[tag], dish.dietTags.includes(tag), () => this.#edit(() => this.#toggle(dish.dietTags, tag)), tag))}
      </div>
      <p class="group-label">${e.health}</p>
      <div class="choices" role="group" aria-label=${`${fill(e.dishHeading, { n: i + 1 })} ${e.health}`}>
        ${this.#choice('dish-health', e.healthNone, dish.healthLabel === null, () => this.#edit(() => (dish.healthLabel = null)), '')}
        ${HEALTH_LABELS.map((h) => this.#choice('dish-health', e.healthShort[h], dish.healthLabel === h, () => this.#edit(() => (dish.healthLabel = h)), h))}
      </div>
      ${set.dishes.length > 1
        ? html`<button type="button" class="remove-dish" @click=${() => this.#edit(() => set.dishes.splice(i, 1))}>${e.removeDish}</button>`
        : nothing}
    </fieldset>`;
  }

  #renderSet(set: FormSet, meal: FormMeal, date: string): unknown {
    const t = mealStrings[this.#locale.value];
    const e = t.editor;
    const problems = this.problems.filter((p) => sameSpot(p, date, meal.meal, set.code));
    const title = fill(e.setHeading, { code: set.code });
    return html`<fieldset class="set" data-set=${set.code}>
      <legend>${title}</legend>
      ${this.#problemList(problems)}
      <div class="row">
        <div class="short">${this.#text('price', e.price, set.price, (v) => (set.price = v), { inputmode: 'decimal', maxlength: 9, invalid: problems.length > 0 && !(yuanToFen(set.price) >= 1 && yuanToFen(set.price) <= MEAL_LIMITS.priceMaxFen) })}</div>
      </div>
      <p class="group-label">${e.variants}</p>
      <div class="choices" role="group" aria-label=${`${title} ${e.variants}`}>
        ${DIET_TAGS.map((tag) => this.#choice('set-variant', t.diet[tag], set.variants.includes(tag), () => this.#edit(() => this.#toggle(set.variants, tag)), tag))}
      </div>
      ${set.dishes.map((d, i) => this.#renderDish(d, i, set, problems.length > 0))}
      <div class="actions">
        <button type="button" class="add-dish" @click=${() => this.#edit(() => set.dishes.push(emptyDish()))}>${e.addDish}</button>
        ${meal.sets.length > 1
          ? html`<button type="button" class="remove-set" @click=${() => this.#edit(() => meal.sets.splice(meal.sets.indexOf(set), 1))}>${fill(e.removeSet, { code: set.code })}</button>`
          : nothing}
      </div>
    </fieldset>`;
  }

  #renderMeal(day: { date: string; meals: FormMeal[] }, kind: MealKind): unknown {
    const t = mealStrings[this.#locale.value];
    const e = t.editor;
    const meal = day.meals.find((m) => m.meal === kind);
    if (!meal) {
      return html`<div class="actions">
        <button type="button" class="add-meal" data-meal=${kind} @click=${() => this.#edit(() => day.meals.push(emptyMeal(kind)))}>${fill(e.addMeal, { meal: t.meal[kind] })}</button>
      </div>`;
    }
    const free = MEAL_SET_CODES.filter((c) => !meal.sets.some((s) => s.code === c));
    return html`<fieldset class="meal" data-meal=${kind}>
      <legend>${t.meal[kind]}</legend>
      ${this.#problemList(this.problems.filter((p) => sameSpot(p, day.date, kind)))}
      <div class="short">${this.#text('capacity', fill(e.capacity, { meal: t.meal[kind] }), meal.capacity, (v) => (meal.capacity = v), { inputmode: 'numeric', maxlength: 5 })}</div>
      <p class="group-label">${e.modes}</p>
      <div class="choices" role="group" aria-label=${`${t.meal[kind]} ${e.modes}`}>
        ${MEAL_MODES.map((m) => this.#choice('meal-mode', t.mode[m], meal.modes.includes(m), () => this.#edit(() => this.#toggle(meal.modes, m)), m))}
      </div>
      ${meal.sets.map((s) => this.#renderSet(s, meal, day.date))}
      <div class="actions">
        ${free.map((c) => html`<button type="button" class="add-set" data-set=${c} @click=${() => this.#edit(() => meal.sets.push(emptySet(c)))}>${fill(e.addSet, { code: c })}</button>`)}
        <button type="button" class="remove-meal" @click=${() => this.#edit(() => day.meals.splice(day.meals.indexOf(meal), 1))}>${fill(e.removeMeal, { meal: t.meal[kind] })}</button>
      </div>
    </fieldset>`;
  }

  protected override render(): unknown {
    const locale = this.#locale.value;
    const t = mealStrings[locale];
    const e = t.editor;
    if (!this.services || !this.staff) return html`<h1>${e.heading}</h1>`;
    const f = this.form;
    const day = f.days[this.dayIndex];
    const general = this.problems.filter((p) => p.date === undefined);
    return html`<h1>${e.heading}</h1>
      ${this.problems.length > 0
        ? html`<div class="summary" tabindex="-1" role="alert">
            <p class="error">${fill(e.fixErrors, { n: this.problems.length })}</p>
            ${this.#problemList(this.problems)}
          </div>`
        : nothing}
      <p class="message" role="status">${this.message}</p>
      <h2 id="week-heading">${e.weekHeading}</h2>
      <div class="choices weeks" role="group" aria-labelledby="week-heading">
        ${e.weeks.map((label, i) => {
          const from = this.#weekStart(i);
          return html`<button type="button" class="week" data-week=${from} aria-pressed=${i === this.weekIndex ? 'true' : 'false'}
            @click=${() => ((this.weekIndex = i), (this.dayIndex = 0))}>${label}<span class="week-range">${fill(e.weekOf, { from: formatDay(from, locale, false), to: formatDay(addCalendarDays(from, 6), locale, false) })}</span></button>`;
        })}
      </div>
      <p class="state">${this.base ? (this.base.pendingCommandId ? e.pending : fill(e.revision, { n: this.base.revision })) : e.empty}</p>
      <div class="actions"><button type="button" class="copy-last" @click=${() => void this.copyLastWeek()}>${e.copyLast}</button></div>
      <fieldset class="cutoff">
        <legend>${e.cutoff}</legend>
        ${this.#problemList(general)}
        <div class="row">
          <div class="choices" role="group" aria-label=${e.cutoff}>
            ${this.#choice('cutoff-kind', e.dayBefore, f.cutoff.kind === 'day-before', () => this.#edit(() => (f.cutoff = { ...f.cutoff, kind: 'day-before' })), 'day-before')}
            ${this.#choice('cutoff-kind', e.sameDay, f.cutoff.kind === 'same-day', () => this.#edit(() => (f.cutoff = { ...f.cutoff, kind: 'same-day' })), 'same-day')}
          </div>
          <div class="short">${this.#text('cutoff-time', e.cutoffTime, f.cutoff.time, (v) => (f.cutoff = { ...f.cutoff, time: v }), { maxlength: 5, hint: e.cutoffTimeHint, invalid: general.length > 0 && !isWallTime(f.cutoff.time) })}</div>
        </div>
      </fieldset>
      <h2 id="day-heading">${e.daysHeading}</h2>
      <div class="choices days" role="group" aria-labelledby="day-heading">
        ${f.days.map((d, i) => {
          const meals = MEAL_KINDS.filter((k) => d.meals.some((m) => m.meal === k)).map((k) => t.meal[k]);
          const bad = this.problems.some((p) => p.date === d.date);
          return html`<button type="button" class="day" data-date=${d.date} aria-pressed=${i === this.dayIndex ? 'true' : 'false'} @click=${() => (this.dayIndex = i)}>
            ${formatDay(d.date, locale)}<span class="week-range">${meals.join(' ') || '—'}${bad ? html` <span class="tag">⚠ ${e.hasProblems}</span>` : nothing}</span>
          </button>`;
        })}
      </div>
      ${day
        ? html`<section class="day-editor" data-date=${day.date} aria-labelledby="day-title">
            <h2 id="day-title">${formatDay(day.date, locale)}</h2>
            ${this.#problemList(this.problems.filter((p) => sameSpot(p, day.date)))} ${MEAL_KINDS.map((k) => this.#renderMeal(day, k))}
          </section>`
        : nothing}
      <div class="actions save-bar"><button type="button" class="primary save" @click=${() => void this.save()}>${e.save}</button></div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'linli-meal-menu-editor': LinliMealMenuEditor;
  }
}
