/**
 * Meal booking at the kiosk: online (applied → 订好了; rejected → the plain sentence, nothing kept
 * and nothing for staff; no answer → 已登记，联网后确认, still queued), offline (provisional, then
 * the server's decision — confirmed, or refused with the reason — shown in 我的), the cut-off shown
 * and refused, delivery hidden for residents who may not have it, the price breakdown equal to
 * priceBreakdown's, cancel and undo, kitchen counts from replicated bookings, and dish names that
 * carry markup shown as text.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../kiosk/define.ts';
import '../../kiosk/meals/define.ts';
import type { PushRequest } from '../../domain/index.ts';
import { EXAMPLE_SUBSIDY_POLICY, formatYuan, MEAL_BOOKING_REFUSALS, priceBreakdown } from '../../domain/meals.ts';
import type { LinliMealKitchenScreen } from '../../kiosk/meals/kitchen-screen.ts';
import { bookMeal } from '../../kiosk/meals/meal-booking.ts';
import type { LinliMealBookScreen } from '../../kiosk/meals/meal-book-screen.ts';
import { residentSession } from '../../kiosk/residents/resident-sign-in.ts';
import type { LinliMineScreen } from '../../kiosk/residents/mine-screen.ts';
import { residentActions, undoAction } from '../../kiosk/residents/undo.ts';
import { applyPullPage } from '../../kiosk/store/replica.ts';
import type { StaffSession } from '../../kiosk/staff/staff-sign-in.ts';
import { installSpeech, openScenario, restoreSpeech, zhangSession } from './elder-fixtures.ts';
import { cleanupDbs, FakeServer, FakeTimers, json, NOW, seed, testServices, until } from './kiosk-fixtures.ts';
import { booking, mealServer, seedMeals, weekMenu } from './meals-fixtures.ts';
import { demoResidents, seedResidents } from './residents-fixtures.ts';

type Services = ReturnType<typeof testServices>;
const offline = { isOnline: () => false };
const STAFF: StaffSession = { staffNo: '1001', name: '王芳', role: 'manager' };
const LUNCH_24 = { date: '2026-11-24', meal: 'lunch', set: 'A', variant: null, mode: 'dine-in' } as const;

async function kiosk(over: Parameters<typeof testServices>[2] = {}, server = new FakeServer()): Promise<Services> {
  const s = testServices(server, new FakeTimers(), over);
  await seed(s.db, {});
  await seedResidents(s.db);
  await seedMeals(s.db);
  return s;
}

/** Answer the next `n` pushes like the station server. */
function serveMeals(server: FakeServer, o: Parameters<typeof mealServer>[0] = {}, n = 6): void {
  const answer = mealServer({ lastSeq: { n: 0 }, ...o });
  for (let i = 0; i < n; i++) server.pushQueue.push((r) => json(answer(r.body as PushRequest)));
}

async function wangSession() {
  const residents = await demoResidents();
  return residentSession(residents.find((r) => r.id === 'r-wang')!, 'pin', NOW);
}

const $ = <T extends Element = HTMLElement>(el: Element, selector: string): T => {
  const found = el.shadowRoot!.querySelector<T>(selector);
  if (!found) throw new Error(`no ${selector}`);
  return found;
};

async function click(el: Element & { updateComplete: Promise<unknown> }, selector: string): Promise<void> {
  $(el, selector).click();
  await new Promise((r) => setTimeout(r, 20));
  await el.updateComplete;
}

async function bookScreen(s: Services, session: Awaited<ReturnType<typeof zhangSession>>): Promise<LinliMealBookScreen> {
  const el = await fixture<LinliMealBookScreen>(html`<linli-meal-book-screen lang="zh-CN" .services=${s} .session=${session}></linli-meal-book-screen>`);
  await until(() => el.days.length === 5, 3000, 'days');
  await el.updateComplete;
  return el;
}

/** Date 24th → lunch → set A → standard → the mode step. */
async function toModes(el: LinliMealBookScreen): Promise<void> {
  await click(el, 'li[data-date="2026-11-24"] button.choose-date');
  await until(() => el.step === 'meal', 2000, 'meal step');
  await el.updateComplete;
  await click(el, 'li[data-meal="lunch"] button.choose-meal');
  await click(el, 'li[data-set="A"] button.choose-set');
  await click(el, 'button.choose-variant[data-variant=""]');
  await until(() => el.step === 'mode', 2000, 'mode step');
  await new Promise((r) => setTimeout(r, 30));
  await el.updateComplete;
}

describe('meals: booking at the kiosk', () => {
  afterEach(cleanupDbs);

  it('online and applied: meal.book provisional:false pushed at once → 订好了, the booking confirmed in the replica', async () => {
    const server = new FakeServer();
    serveMeals(server);
    const s = await kiosk({}, server);
    const el = await bookScreen(s, await zhangSession(NOW));
    await toModes(el);
    await click(el, 'button.choose-mode[data-mode="pick-up"]');
    await until(() => el.step === 'price', 2000, 'price');
    await click(el, 'button.next');
    const sheet = $(el, 'linli-confirm-sheet');
    expect(sheet.getAttribute('message')).to.contain('应付');
    sheet.dispatchEvent(new CustomEvent('linli-confirm'));
    await until(() => el.step === 'booked', 4000, 'booked');
    await el.updateComplete;
    expect($(el, 'h1').textContent).to.equal('订好了');
    const pushed = server.pushes().flatMap((p) => p.commands);
    expect(pushed.map((c) => c.type)).to.deep.equal(['meal.book']);
    expect(pushed[0]!.payload).to.include({ date: '2026-11-24', meal: 'lunch', set: 'A', mode: 'pick-up', provisional: false });
    const stored = await s.db.run((c) => c.getAll('mealBookings'));
    expect(stored.map((b) => [b.status, b.pendingCommandId])).to.deep.equal([['confirmed', undefined]]);
  });

  it('online and rejected: the server\'s sentence, nothing kept, nothing on 需要处理', async () => {
    const server = new FakeServer();
    serveMeals(server, { refuse: () => 'full' });
    const s = await kiosk({}, server);
    const result = await bookMeal(s, await zhangSession(NOW), weekMenu(), LUNCH_24);
    expect(result).to.deep.equal({ kind: 'refused', message: MEAL_BOOKING_REFUSALS.full });
    expect(await s.db.run((c) => c.getAll('mealBookings'))).to.deep.equal([]);
    expect(await s.outbox.count()).to.equal(0);
    expect(await s.db.run((c) => c.count('attention'))).to.equal(0);
  });

  it('online with no answer in time: 已登记，联网后确认 — still queued, and 我的 says so', async () => {
    const server = new FakeServer();
    server.pushQueue.push(() => 'network-error');
    const s = await kiosk({}, server);
    const session = await zhangSession(NOW);
    const result = await bookMeal(s, session, weekMenu(), LUNCH_24, 300);
    expect(result.kind).to.equal('provisional');
    expect((await s.outbox.pending()).map((r) => r.command.type)).to.deep.equal(['meal.book']);
    const mine = await fixture<LinliMineScreen>(html`<linli-mine-screen lang="zh-CN" .services=${s} .session=${session}></linli-mine-screen>`);
    await until(() => (mine.shadowRoot?.textContent ?? '').includes('已登记，联网后确认'), 3000, '我的');
    expect(mine.shadowRoot!.textContent).not.to.contain('已完成');
  });

  it('offline: provisional:true, 已登记，联网后确认 (never 订好了); then confirmed in 我的', async () => {
    const server = new FakeServer();
    const s = await kiosk(offline, server);
    const session = await zhangSession(NOW);
    const el = await bookScreen(s, session);
    await toModes(el);
    await click(el, 'button.choose-mode[data-mode="dine-in"]');
    await until(() => el.step === 'price', 2000, 'price');
    await click(el, 'button.next');
    $(el, 'linli-confirm-sheet').dispatchEvent(new CustomEvent('linli-confirm'));
    await until(() => el.step === 'provisional', 3000, 'provisional');
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain('已登记，联网后确认');
    expect(el.shadowRoot!.textContent).not.to.contain('订好了');
    const [record] = await s.outbox.pending();
    expect(record!.command.payload).to.include({ provisional: true });
    expect(server.pushes()).to.have.length(0);

    // Back online: the server confirms it.
    const online = testServices(server, new FakeTimers(), {});
    Object.assign(s.engine.env, { isOnline: () => true });
    serveMeals(server);
    await s.engine.syncNow();
    void online;
    const [action] = await residentActions(s.db, 'r-zhang');
    expect(action).to.include({ type: 'meal.book', status: 'applied' });
    expect((await s.db.run((c) => c.getAll('mealBookings')))[0]!.status).to.equal('confirmed');
  });

  it('offline, then refused by the server: 我的 shows 未通过 with the reason — never a silent disappearance', async () => {
    const server = new FakeServer();
    const s = await kiosk(offline, server);
    const session = await zhangSession(NOW);
    expect((await bookMeal(s, session, weekMenu(), LUNCH_24)).kind).to.equal('provisional');
    Object.assign(s.engine.env, { isOnline: () => true });
    serveMeals(server, { refuse: () => 'cutoff-passed' });
    await s.engine.syncNow();
    const stored = await s.db.run((c) => c.getAll('mealBookings'));
    expect(stored.map((b) => [b.status, b.reason])).to.deep.equal([['refused', MEAL_BOOKING_REFUSALS['cutoff-passed']]]);
    expect(await s.db.run((c) => c.count('attention'))).to.equal(0);
    const mine = await fixture<LinliMineScreen>(html`<linli-mine-screen lang="zh-CN" .services=${s} .session=${session}></linli-mine-screen>`);
    await until(() => (mine.shadowRoot?.textContent ?? '').includes(MEAL_BOOKING_REFUSALS['cutoff-passed']), 3000, 'reason in 我的');
    const row = mine.shadowRoot!.querySelector('li[data-status="rejected"]')!;
    expect(row.textContent).to.contain('订餐');
    expect(row.textContent).to.contain('未通过');
  });

  it('the cut-off: today (23rd) shows 已截止 and cannot be chosen; booking it anyway is refused with nothing queued', async () => {
    const s = await kiosk(offline);
    const session = await zhangSession(NOW);
    const el = await bookScreen(s, session);
    const today = $(el, 'li[data-date="2026-11-23"]');
    expect(today.getAttribute('data-state')).to.equal('closed');
    expect(today.textContent).to.contain('已截止');
    expect($(el, 'li[data-date="2026-11-23"] button').hasAttribute('disabled')).to.equal(true);
    expect($(el, 'li[data-date="2026-11-24"]').textContent).to.contain('11月23日');
    const result = await bookMeal(s, session, weekMenu(), { ...LUNCH_24, date: '2026-11-23' });
    expect(result).to.deep.equal({ kind: 'refused', message: MEAL_BOOKING_REFUSALS['cutoff-passed'] });
    expect(await s.outbox.count()).to.equal(0);
  });

  it('delivery is offered to 张秀英 (85, 失能) and hidden for 王建华 (76)', async () => {
    const s = await kiosk(offline);
    const zhang = await bookScreen(s, await zhangSession(NOW));
    await toModes(zhang);
    expect([...zhang.shadowRoot!.querySelectorAll('button.choose-mode')].map((b) => b.getAttribute('data-mode'))).to.deep.equal(['dine-in', 'pick-up', 'delivery']);
    const wang = await bookScreen(s, await wangSession());
    await toModes(wang);
    expect([...wang.shadowRoot!.querySelectorAll('button.choose-mode')].map((b) => b.getAttribute('data-mode'))).to.deep.equal(['dine-in', 'pick-up']);
    expect(wang.shadowRoot!.textContent).to.contain('送餐上门只提供给符合条件的老人');
    // And the rule refuses it even if asked directly.
    const refused = await bookMeal(s, await wangSession(), weekMenu(), { ...LUNCH_24, mode: 'delivery' });
    expect(refused).to.deep.equal({ kind: 'refused', message: MEAL_BOOKING_REFUSALS['delivery-not-eligible'] });
  });

  it('the price breakdown shows exactly the lines of priceBreakdown, each subsidy and 应付', async () => {
    const s = await kiosk(offline);
    const el = await bookScreen(s, await zhangSession(NOW));
    await toModes(el);
    await click(el, 'button.choose-mode[data-mode="dine-in"]');
    await until(() => el.step === 'price', 2000, 'price');
    await el.updateComplete;
    const expected = priceBreakdown(EXAMPLE_SUBSIDY_POLICY, { priceFen: 1500, resident: { birthYear: 1941, groups: ['disabled'] }, date: '2026-11-24', alreadySubsidisedThatDay: false, priceLabel: 'A套餐' });
    const rows = [...el.shadowRoot!.querySelectorAll('table.breakdown tr')].map((tr) => [tr.getAttribute('data-kind'), tr.querySelector('th')!.textContent!.trim(), tr.querySelector('td')!.textContent!.trim()]);
    expect(rows).to.deep.equal(expected.lines.map((l) => [l.kind, l.label, `${formatYuan(l.amountFen)} 元`]));
    // 15.00 − 4.50 (80+) − 2.00 (失能) = 8.50
    expect(rows.map((r) => r[2])).to.deep.equal(['15.00 元', '-4.50 元', '-2.00 元', '8.50 元']);
    expect($(el, '.to-pay-total').textContent).to.contain('应付 8.50 元');
  });

  it('cancel before the cut-off, and undo within 10 minutes (unsent → withdrawn; sent → meal.cancel)', async () => {
    const server = new FakeServer();
    const s = await kiosk(offline, server);
    const session = await zhangSession(NOW);
    expect((await bookMeal(s, session, weekMenu(), LUNCH_24)).kind).to.equal('provisional');
    const [first] = await residentActions(s.db, 'r-zhang');
    expect(await undoAction(s.outbox, session, first!.id, NOW)).to.equal('withdrawn');
    expect(await s.outbox.count()).to.equal(0);
    expect(await s.db.run((c) => c.getAll('mealBookings'))).to.deep.equal([]);

    // Booked online and applied; then 退订 on the screen queues meal.cancel and shows 已退订.
    Object.assign(s.engine.env, { isOnline: () => true });
    serveMeals(server, {}, 1);
    expect((await bookMeal(s, session, weekMenu(), LUNCH_24)).kind).to.equal('booked');
    server.pushQueue.push(() => 'network-error', () => 'network-error', () => 'network-error');
    const el = await bookScreen(s, session);
    await until(() => el.mine.length === 1, 2000, 'my booking');
    await el.updateComplete;
    await click(el, 'li[data-booking] button.cancel-booking');
    await until(() => (el.shadowRoot?.querySelector('li[data-booking]')?.getAttribute('data-status') ?? '') === 'cancelled', 2000, 'cancelled');
    expect((await s.outbox.pending()).map((r) => r.command.type)).to.deep.equal(['meal.cancel']);

    // Undo of an applied booking: a compensating meal.cancel.
    const again = await bookMeal(s, session, weekMenu(), { ...LUNCH_24, meal: 'dinner' }, 200);
    expect(again.kind).to.equal('provisional');
    const dinnerAction = (await residentActions(s.db, 'r-zhang')).find((a) => a.type === 'meal.book' && a.status === 'pending')!;
    expect(await undoAction(s.outbox, session, dinnerAction.id, new Date(NOW.getTime() + 10 * 60_000))).to.equal('not-allowed');
  });

  it('kitchen counts come from replicated bookings: confirmed and provisional apart; the delivery list is staff-only and never spoken', async () => {
    const s = await kiosk(offline);
    await applyPullPage(s.db, {
      changes: [
        { seq: 1, entity: 'meal-booking', op: 'put', id: 'b1', data: booking({ id: 'b1', residentId: 'r-li', date: '2026-11-23' }) },
        { seq: 2, entity: 'meal-booking', op: 'put', id: 'b2', data: booking({ id: 'b2', residentId: 'r-wang', date: '2026-11-23' }) },
        { seq: 3, entity: 'meal-booking', op: 'put', id: 'b3', data: booking({ id: 'b3', residentId: 'r-zhang', date: '2026-11-23', mode: 'delivery', delivery: { building: '3 号楼 2 单元', address: '301', notes: '敲门声音大一点' } }) },
        { seq: 4, entity: 'meal-booking', op: 'put', id: 'b4', data: booking({ id: 'b4', residentId: 'r-zhang', date: '2026-11-23', meal: 'dinner', status: 'cancelled' }) },
      ],
      cursor: 4,
      more: false,
    });
    await s.db.run((c) => c.put('mealBookings', { ...booking({ id: 'b5', residentId: 'r-li', date: '2026-11-23', status: 'provisional' }), pendingCommandId: 'x' }));
    const el = await fixture<LinliMealKitchenScreen>(html`<linli-meal-kitchen-screen lang="zh-CN" .services=${s} .staff=${STAFF}></linli-meal-kitchen-screen>`);
    await until(() => el.counts.length === 2, 3000, 'counts');
    await el.updateComplete;
    const row = (key: string) => [...el.shadowRoot!.querySelectorAll(`tr[data-key="${key}"] td.n`)].map((td) => td.textContent);
    expect(row('lunch|A||dine-in')).to.deep.equal(['2', '1']);
    expect(row('lunch|A||delivery')).to.deep.equal(['1', '0']);
    const delivery = el.shadowRoot!.querySelector('table.delivery[data-meal="lunch"]')!;
    expect(delivery.textContent).to.contain('张秀英');
    expect(delivery.textContent).to.contain('301');
    expect(el.spokenText()).not.to.contain('张秀英');
    expect(el.spokenText()).not.to.contain('301');
  });

  it('every meal screen has a spoken form that never says the resident\'s name or phone', async function () {
    this.timeout(60_000);
    const firstWords: Record<string, string> = {
      'meal-dates': '订餐。订餐和退订时间：前一天 17:00 前可以订餐和退订。请选日期。11月23日（周一），已截止。',
      'meal-meals': '11月24日（周二）。请选午餐或晚餐。午餐，还剩 40 份。',
      'meal-sets': '请选套餐。A套餐，15.00 元，红烧狮子头，低盐，黄灯：适量',
      'meal-modes': '请选用餐方式。堂食。自取。送餐上门。',
      'meal-price': '价格明细。A套餐 15.00 元。80岁及以上助餐补贴 -4.50 元。失能老人补贴 -2.00 元。需要支付 8.50 元。下一步。',
      'meal-confirm': '确认订餐。11月24日（周二） 午餐，A套餐，堂食，应付 8.50 元。确定要订吗？',
      'meal-booked': '订好了。11月24日（周二） 午餐，A套餐，堂食，应付 8.50 元。',
      'meal-provisional': '已登记，联网后确认。现在还不能确定订上了。',
      'meal-refused': '没有订上。这顿饭您已经订过了，不用再订。重新选。',
      'meal-kitchen': '今日厨房。11月23日（周一）。午餐，A套餐，普通做法，堂食，已确认 1，待确认 0。',
    };
    for (const [scenario, start] of Object.entries(firstWords)) {
      const { el } = await openScenario(scenario as Parameters<typeof openScenario>[0]);
      const text = el.spokenText();
      expect(text, scenario).to.contain(start);
      for (const secret of ['张秀英', '13800138001', '301', '敲门']) expect(text, `${scenario}: ${secret}`).not.to.contain(secret);
      el.remove();
    }
  });

  it('dish names with markup are shown as text and read as text', async () => {
    const synth = installSpeech();
    try {
      const payload = '<img src=x onerror="window.__mealXss=1">红烧肉<script>window.__mealXss=1</script>';
      const s = await kiosk(offline);
      await seedMeals(s.db, { menus: [weekMenu({ dishName: payload })] });
      const el = await bookScreen(s, await zhangSession(NOW));
      await click(el, 'li[data-date="2026-11-24"] button.choose-date');
      await until(() => el.step === 'meal', 2000, 'meal');
      await el.updateComplete;
      await click(el, 'li[data-meal="lunch"] button.choose-meal');
      expect(el.shadowRoot!.querySelector('.dish-name')!.textContent).to.equal(payload);
      expect(el.shadowRoot!.querySelector('img:not(.photo)')).to.equal(null);
      expect(el.shadowRoot!.querySelector('script')).to.equal(null);
      expect((window as unknown as { __mealXss?: number }).__mealXss).to.equal(undefined);
      expect(el.spokenText()).to.contain('红烧肉');
      void synth;
    } finally {
      restoreSpeech();
    }
  });
});
