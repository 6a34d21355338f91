import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { EXAMPLE_SUBSIDY_POLICY, MEAL_BOOKING_REFUSALS, priceBreakdown } from '../../domain/meals.ts';
import { MemoryMeals } from '../../components/core/memory-meals.ts';
import type { MealBookedDetail } from '../../components/meal-booking/meal-booking.ts';
import { PAYLOADS, BAD_IMAGE_URLS } from '../xss-payloads.ts';
import {
  alertText,
  bookButton,
  button,
  check,
  everything,
  meals,
  menu,
  mount,
  NOW,
  RESIDENTS,
  signIn,
  sr,
  STATION,
  step,
  text,
  toChoose,
  TUE,
  WED,
  WEEK,
} from './meal-helpers.ts';

function snapshot(m: MemoryMeals): string {
  return JSON.stringify(m.bookings);
}

function rows(el: Element): string[][] {
  return [...sr(el).querySelectorAll('[part~="breakdown"] tbody tr')].map((tr) => [tr.querySelector('th')!.textContent!.trim(), tr.querySelector('td')!.textContent!.trim()]);
}

const yuan = (fen: number): string => new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY' }).format(fen / 100);

describe('<linli-meal-booking> menu', () => {
  it('shows the week: days, 午餐/晚餐, sets with price, dishes, diet tags and health labels in words', async () => {
    const el = await mount();
    const days = [...sr(el).querySelectorAll('[part~="day"] h3')].map((h) => h.textContent);
    expect(days).to.have.length(3);
    expect(days[0]).to.match(/月\d+日星期/);
    const meals4 = [...sr(el).querySelectorAll('[part~="meal"] h4')].map((h) => h.textContent);
    expect(meals4).to.deep.equal(['午餐', '午餐', '晚餐', '午餐']);
    const first = sr(el).querySelectorAll('[part~="meal"]')[1]!.textContent!.replace(/\s+/g, ' ');
    expect(first).to.include('A 套餐').and.include(yuan(1500)).and.include('B 套餐').and.include(yuan(1200));
    expect(first).to.include('清蒸鲈鱼').and.include('红烧肉').and.include('香菇青菜');
    expect(first).to.include('还剩 40 份').and.include('截止');
    expect(first).to.include('可以做成：软食、低盐');
    const tags = [...sr(el).querySelectorAll('[part~="meal"]')[1]!.querySelectorAll('[part~="tag"]')].map((t) => t.textContent);
    expect(tags).to.deep.equal(['低盐', '低脂', '素食']);
    const health = [...sr(el).querySelectorAll('[part~="meal"]')[1]!.querySelectorAll('[part~="health"]')].map((t) => t.textContent);
    expect(health).to.deep.equal(['绿灯：放心吃', '红灯：少吃', '黄灯：适量']);
    expect(sr(el).querySelector('img')!.getAttribute('src')).to.equal('/img/fish.jpg');
    expect(sr(el).querySelector('[part~="account"] button')!.textContent).to.equal('登录订餐');
    await expect(el).to.be.accessible();
  });

  it('marks 已截止 and 已订满, and those buttons cannot be pressed', async () => {
    const el = await mount();
    const monday = bookButton(el, WEEK, 'lunch');
    expect(monday.disabled).to.equal(true);
    expect(monday.textContent!.replace(/\s+/g, '')).to.match(/^已截止/);
    const dinner = bookButton(el, TUE, 'dinner');
    expect(dinner.disabled).to.equal(true);
    expect(dinner.textContent!.replace(/\s+/g, '')).to.match(/^已订满.*晚餐$/);
    expect(sr(el).querySelectorAll('[part~="badge"]')).to.have.length(2);
    expect(bookButton(el, TUE, 'lunch').disabled).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('says so when no menu is published, and when the station has no meals', async () => {
    const el = await mount(meals({ menus: [] }));
    expect(text(el)).to.include('这一周的菜单还没有公布。');
    await expect(el).to.be.accessible();
    const none = await mount(null);
    expect(text(none)).to.include('这个服务站还没有开通网上订餐。');
  });

  it('shows an error with 重试 when the menu cannot load', async () => {
    const m = meals();
    m.error = new Error('down');
    const el = await mount(m);
    expect(await alertText(el)).to.equal('暂时连不上服务站，请检查网络后再试。');
    await expect(el).to.be.accessible();
    m.error = null;
    button(el, '重试').click();
    await waitUntil(() => sr(el).querySelectorAll('[part~="day"]').length === 3, 'retry did not load');
  });

  it('renders in English from the lazily loaded table', async () => {
    const el = await mount(meals(), 'en');
    await waitUntil(() => text(el).includes('Lunch'), 'en not loaded');
    expect(text(el)).to.include('Low salt').and.include('Green: fine to eat').and.include('Fully booked').and.include('Booking closed');
  });
});

describe('<linli-meal-booking> sign-in and booking', () => {
  it('a wrong PIN is one plain sentence', async () => {
    const el = await mount();
    bookButton(el, TUE, 'lunch').click();
    await step(el, '登录');
    await expect(el).to.be.accessible();
    await signIn(el, '13800138000', '9999');
    expect(await alertText(el)).to.equal('手机号或密码不对，请再试一次。');
    expect(sr(el).querySelector<HTMLInputElement>('#linli-pin')!.value).to.equal('');
    await expect(el).to.be.accessible();
  });

  it('shows the breakdown from priceBreakdown before confirming, then books (as family, onBehalf)', async () => {
    const m = meals();
    const el = await mount(m);
    await toChoose(el);
    await expect(el).to.be.accessible();
    check(el, 'set', 'A');
    const variant = sr(el).querySelector<HTMLSelectElement>('select[name="variant"]')!;
    variant.value = '软食';
    variant.dispatchEvent(new Event('change', { bubbles: true }));
    check(el, 'mode', 'pick-up');
    check(el, 'family');
    await el.updateComplete;
    button(el, '看看要付多少钱').click();
    await step(el, '确认订餐');
    const expected = priceBreakdown(EXAMPLE_SUBSIDY_POLICY, { priceFen: 1500, resident: RESIDENTS[0]!, date: TUE, alreadySubsidisedThatDay: false, priceLabel: 'A套餐' });
    expect(expected.lines.length).to.equal(3);
    expect(rows(el)).to.deep.equal(expected.lines.map((l) => [l.kind === 'to-pay' ? '应付' : l.label, yuan(l.amountFen)]));
    expect(snapshot(m)).to.not.include('"residentId":"r1"');
    await expect(el).to.be.accessible();
    const booked = oneEvent(el, 'linli-meal-booked');
    button(el, '确认订餐').click();
    const detail = ((await booked) as CustomEvent<MealBookedDetail>).detail;
    await step(el, '订好了');
    expect(detail).to.include({ date: TUE, meal: 'lunch', set: 'A', mode: 'pick-up', toPayFen: expected.toPayFen, onBehalf: true });
    const b = m.bookings.find((x) => x.residentId === 'r1')!;
    expect(b).to.include({ status: 'confirmed', set: 'A', variant: '软食', mode: 'pick-up', bookedBy: 'family' });
    expect(m.bookRequests[0]!.onBehalf).to.equal(true);
    expect(b.receipt).to.deep.equal(expected);
    await expect(el).to.be.accessible();
    button(el, '完成').click();
    await waitUntil(() => text(el).includes('已订好'), 'my bookings not shown');
    expect(text(el)).to.include('还剩 39 份');
  });

  it('without the family box it sends no onBehalf', async () => {
    const m = meals();
    const el = await mount(m);
    await toChoose(el);
    button(el, '看看要付多少钱').click();
    await step(el, '确认订餐');
    button(el, '确认订餐').click();
    await step(el, '订好了');
    expect('onBehalf' in m.bookRequests[0]!).to.equal(false);
    expect(m.bookings.find((x) => x.residentId === 'r1')!.bookedBy).to.equal('resident');
  });

  it('delivery is offered only to an eligible resident', async () => {
    const el = await mount();
    await toChoose(el);
    await waitUntil(() => sr(el).querySelectorAll('input[name="mode"]').length === 2, 'modes');
    expect([...sr(el).querySelectorAll<HTMLInputElement>('input[name="mode"]')].map((i) => i.value)).to.deep.equal(['dine-in', 'pick-up']);
    expect(text(el)).to.not.include('送餐上门');
    const other = await mount();
    await toChoose(other, '13900139000', '4321');
    await waitUntil(() => sr(other).querySelectorAll('input[name="mode"]').length === 3, 'delivery not offered to an eligible resident');
    expect(text(other)).to.include('送餐上门');
  });

  it('a refusal at confirm is its sentence and nothing is booked; a retry is a new decision', async () => {
    const m = meals();
    const el = await mount(m);
    await toChoose(el);
    button(el, '看看要付多少钱').click();
    await step(el, '确认订餐');
    // Someone else takes the last seats between the quote and the confirm.
    m.menus[0]!.days[1]!.meals[0]!.capacity = 0;
    const before = snapshot(m);
    button(el, '确认订餐').click();
    expect(await alertText(el)).to.equal(MEAL_BOOKING_REFUSALS.full);
    expect(snapshot(m)).to.equal(before);
    expect(sr(el).querySelector('[role="alert"] button')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('a refusal at the quote (already booked) is its sentence', async () => {
    const m = meals();
    const el = await mount(m);
    await toChoose(el, '13700137000', '1111', [TUE, 'lunch']);
    button(el, '看看要付多少钱').click();
    await step(el, '确认订餐');
    button(el, '确认订餐').click();
    await step(el, '订好了');
    button(el, '完成').click();
    await el.updateComplete;
    bookButton(el, TUE, 'lunch').click();
    await waitUntil(() => sr(el).querySelector('.flow h3')?.textContent?.startsWith('订 '), 'choose');
    const before = snapshot(m);
    button(el, '看看要付多少钱').click();
    expect(await alertText(el)).to.equal(MEAL_BOOKING_REFUSALS['already-booked']);
    expect(snapshot(m)).to.equal(before);
  });

  it('retrying after a lost answer sends the same bookingId and books once', async () => {
    const m = meals();
    const el = await mount(m);
    await toChoose(el);
    button(el, '看看要付多少钱').click();
    await step(el, '确认订餐');
    m.loseNextAnswer = true;
    button(el, '确认订餐').click();
    expect(await alertText(el)).to.equal('暂时连不上服务站，请检查网络后再试。');
    await expect(el).to.be.accessible();
    sr(el).querySelector<HTMLButtonElement>('[role="alert"] button')!.click();
    await step(el, '订好了');
    expect(m.bookRequests.map((r) => r.bookingId)).to.have.length(2);
    expect(m.bookRequests[0]!.bookingId).to.equal(m.bookRequests[1]!.bookingId);
    expect(m.bookings.filter((b) => b.residentId === 'r1')).to.have.length(1);
  });

  it('cancels a booking before the cut-off from 我订的餐', async () => {
    const m = meals();
    const el = await mount(m);
    sr(el).querySelector<HTMLButtonElement>('[part~="account"] button')!.click();
    await step(el, '登录');
    await signIn(el, '13700137000', '1111');
    await waitUntil(() => text(el).includes('我订的餐') && text(el).includes('已订好'), 'bookings not shown');
    await expect(el).to.be.accessible();
    const cancelled = oneEvent(el, 'linli-meal-cancelled');
    button(el, `取消${[...sr(el).querySelectorAll('.mine li span')][0]!.textContent!.trim()}`).click();
    expect(((await cancelled) as CustomEvent<{ bookingId: string }>).detail.bookingId).to.equal('00000000-0000-4000-8000-000000000001');
    await waitUntil(() => text(el).includes('已经退订'), 'no cancel notice');
    expect(m.bookings[0]!.status).to.equal('cancelled');
    expect(text(el)).to.include('已退订');
    await waitUntil(() => !bookButton(el, TUE, 'dinner').disabled, 'seat did not come back');
    await expect(el).to.be.accessible();
  });

  it('never shows a full name or phone, only masked ones', async () => {
    const el = await mount();
    await toChoose(el);
    button(el, '返回').click();
    await waitUntil(() => text(el).includes('张*华'), 'masked name');
    const all = everything(document.body);
    for (const r of RESIDENTS) {
      expect(all).to.not.include(r.name);
      expect(all).to.not.include(r.phone);
    }
    expect(all).to.include('138****8000');
    button(el, '退出登录').click();
    await waitUntil(() => text(el).includes('已退出登录'), 'signed out');
    expect(everything(document.body)).to.not.include('张*华');
  });
});

describe('<linli-meal-booking> XSS', () => {
  beforeEach(() => {
    delete window.__xss;
  });

  it('payloads as dish names and photo URLs stay inert text', async () => {
    const mn = menu();
    mn.days[2]!.meals[0]!.sets[0]!.dishes = PAYLOADS.map((p, i) => ({ name: p, photo: [...BAD_IMAGE_URLS, p][i % (BAD_IMAGE_URLS.length + 1)]!, dietTags: [], healthLabel: null }));
    const m = new MemoryMeals({ stationId: STATION, menus: [mn], policy: EXAMPLE_SUBSIDY_POLICY, residents: RESIDENTS, now: () => NOW });
    const el = await mount(m);
    await toChoose(el, '13800138000', '1234', [WED, 'lunch']);
    button(el, '看看要付多少钱').click();
    await step(el, '确认订餐');
    button(el, '返回修改').click();
    await new Promise((r) => setTimeout(r, 80));
    expect(window.__xss).to.equal(undefined);
    for (const img of sr(el).querySelectorAll('img')) expect(/^(https?:\/\/|\/(?!\/))/i.test(img.getAttribute('src')!)).to.equal(true);
    for (const e of sr(el).querySelectorAll('*')) {
      expect(['script', 'iframe', 'svg', 'a', 'object', 'embed'].includes(e.localName), e.localName).to.equal(false);
      for (const a of e.attributes) expect(a.name.startsWith('on')).to.equal(false);
    }
    button(el, '返回').click();
    await el.updateComplete;
    const names = [...sr(el).querySelectorAll('.dish-name')].map((n) => n.textContent);
    for (const p of PAYLOADS) expect(names).to.include(p);
  });
});
