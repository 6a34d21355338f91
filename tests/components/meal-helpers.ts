/** Shared fixtures for the meal widget tests: a week's menu two weeks ahead, residents with full names and phones. */
import { fixture, html, waitUntil } from '@open-wc/testing';
import type { LitElement } from 'lit';
import type { MealBookingRecord } from '../../domain/meal-records.ts';
import { EXAMPLE_SUBSIDY_POLICY, type Menu, type MenuMeal } from '../../domain/meals.ts';
import { addCalendarDays, mondayOf, stationDateOf, stationInstant } from '../../domain/station-time.ts';
import { MemoryMeals, type MemoryMealResident } from '../../components/core/memory-meals.ts';
import { MemorySource } from '../../components/core/memory-source.ts';
import type { LinliMealBooking } from '../../components/meal-booking/meal-booking.ts';
import '../../components/provider/define.ts';
import '../../components/meal-booking/define.ts';

export const STATION = '3f6c2a1e-8b4d-4c7a-9e21-5d0b7f3a1c01';
/** The Monday of the week shown: two weeks ahead, so the real clock is before every cut-off. */
export const WEEK = mondayOf(addCalendarDays(stationDateOf(new Date()), 14));
export const TUE = addCalendarDays(WEEK, 1);
export const WED = addCalendarDays(WEEK, 2);
/** The source's clock: that Monday at 10:00 station time — Monday's meals closed (day-before 17:00), the rest open. */
export const NOW = stationInstant(WEEK, '10:00');

function meal(over: Partial<MenuMeal> = {}): MenuMeal {
  return {
    meal: 'lunch',
    capacity: 40,
    modes: ['dine-in', 'pick-up', 'delivery'],
    sets: [
      {
        code: 'A',
        priceFen: 1500,
        variants: ['软食', '低盐'],
        dishes: [
          { name: '清蒸鲈鱼', photo: '/img/fish.jpg', dietTags: ['低盐', '低脂'], healthLabel: 'green' },
          { name: '红烧肉', photo: null, dietTags: [], healthLabel: 'red' },
        ],
      },
      { code: 'B', priceFen: 1200, variants: [], dishes: [{ name: '香菇青菜', photo: null, dietTags: ['素食'], healthLabel: 'amber' }] },
    ],
    ...over,
  };
}

export function menu(): Menu {
  return {
    id: 'menu-1',
    stationId: STATION,
    weekStart: WEEK,
    cutoff: { kind: 'day-before', time: '17:00' },
    days: [
      { date: WEEK, meals: [meal()] },
      { date: TUE, meals: [meal(), meal({ meal: 'dinner', capacity: 1, modes: ['dine-in', 'pick-up'] })] },
      { date: WED, meals: [meal()] },
    ],
    revision: 1,
    updatedAt: '2026-11-01T00:00:00.000Z',
  };
}

/** Full names and phones that must never appear anywhere in the widget. */
export const RESIDENTS: MemoryMealResident[] = [
  { id: 'r1', name: '张建华', phone: '13800138000', pin: '1234', building: '3号楼', birthYear: 1950, groups: [] },
  { id: 'r2', name: '李秀英', phone: '13900139000', pin: '4321', building: '5号楼', birthYear: 1940, groups: ['disabled'] },
  { id: 'r3', name: '王不订', phone: '13700137000', pin: '1111', building: '7号楼', birthYear: 1960, groups: [] },
];

/** r3 already holds Tuesday's only dinner seat. */
export function dinnerTaken(): MealBookingRecord {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    stationId: STATION,
    residentId: 'r3',
    date: TUE,
    meal: 'dinner',
    set: 'B',
    variant: null,
    mode: 'dine-in',
    status: 'confirmed',
    receipt: { lines: [{ kind: 'price', label: 'B套餐', amountFen: 1200 }, { kind: 'to-pay', label: '需要支付', amountFen: 1200 }], grossFen: 1200, subsidyFen: 0, toPayFen: 1200, notes: [] },
    delivery: null,
    createdAt: NOW.toISOString(),
    cancelledAt: null,
    refusal: null,
    reason: null,
    bookedBy: 'resident',
    channel: 'kiosk',
  };
}

export function meals(over: { menus?: Menu[]; bookings?: MealBookingRecord[] } = {}): MemoryMeals {
  return new MemoryMeals({ stationId: STATION, menus: over.menus ?? [menu()], policy: EXAMPLE_SUBSIDY_POLICY, residents: RESIDENTS, bookings: over.bookings ?? [dinnerTaken()], now: () => NOW });
}

export function sr(el: Element): ShadowRoot {
  return el.shadowRoot!;
}

export function text(el: Element): string {
  return (sr(el).textContent ?? '').replace(/\s+/g, ' ');
}

export async function mount(m: MemoryMeals | null = meals(), lang = 'zh-CN'): Promise<LinliMealBooking> {
  const src = new MemorySource([], { meals: m ?? undefined });
  const provider = await fixture(html`<linli-provider .source=${src}><linli-meal-booking week=${WEEK} lang=${lang}></linli-meal-booking></linli-provider>`);
  const el = provider.querySelector('linli-meal-booking')!;
  await waitUntil(() => !/正在加载|載入|Loading/.test(text(el)), 'menu did not load', { timeout: 4000 });
  await el.updateComplete;
  return el;
}

export function bookButton(el: Element, date: string, meal: string): HTMLButtonElement {
  return sr(el).querySelector<HTMLButtonElement>(`button[data-key="${date}|${meal}"]`)!;
}

export async function step(el: LitElement, title: string): Promise<void> {
  await waitUntil(() => sr(el).querySelector('.flow h3')?.textContent === title, `flow did not reach ${title} (now: ${sr(el).querySelector('.flow h3')?.textContent ?? text(el).slice(0, 120)})`, { timeout: 4000 });
  await el.updateComplete;
}

export async function signIn(el: Element, phone: string, pin: string): Promise<void> {
  const root = sr(el);
  root.querySelector<HTMLInputElement>('#linli-phone')!.value = phone;
  root.querySelector<HTMLInputElement>('#linli-pin')!.value = pin;
  root.querySelector<HTMLButtonElement>('form button[type="submit"]')!.click();
}

export function button(el: Element, label: string): HTMLButtonElement {
  const b = [...sr(el).querySelectorAll<HTMLButtonElement>('button')].find((x) => x.textContent!.replace(/\s+/g, ' ').trim() === label);
  if (!b) throw new Error(`no button ${label}: ${[...sr(el).querySelectorAll('button')].map((x) => x.textContent!.trim()).join(' | ')}`);
  return b;
}

export async function alertText(el: Element): Promise<string> {
  await waitUntil(() => sr(el).querySelector('.error[role="alert"], .invalid[role="alert"]'), 'no alert', { timeout: 4000 });
  return sr(el).querySelector('[role="alert"]')!.querySelector('p')?.textContent!.replace(/\s+/g, ' ').trim() ?? '';
}

/** Every text node and attribute value, shadow roots included. */
export function everything(root: ParentNode): string {
  let out = '';
  const walk = (node: Node): void => {
    if (node.nodeType === Node.TEXT_NODE) out += `${node.textContent} `;
    if (node instanceof Element) {
      for (const a of node.attributes) out += `${a.value} `;
      if (node.shadowRoot) walk(node.shadowRoot);
    }
    for (const c of node.childNodes) walk(c);
  };
  walk(root as Node);
  return out;
}

/** Open 订这一餐 of Tuesday's lunch and sign in as `phone`. */
export async function toChoose(el: LinliMealBooking, phone = '13800138000', pin = '1234', key: [string, string] = [TUE, 'lunch']): Promise<void> {
  bookButton(el, ...key).click();
  await step(el, '登录');
  await signIn(el, phone, pin);
  await waitUntil(() => sr(el).querySelector('.flow h3')?.textContent?.startsWith('订 '), 'did not reach choose');
  await el.updateComplete;
}

export function check(el: Element, name: string, value?: string): void {
  const input = sr(el).querySelector<HTMLInputElement>(value ? `input[name="${name}"][value="${value}"]` : `input[name="${name}"]`)!;
  input.click();
}
