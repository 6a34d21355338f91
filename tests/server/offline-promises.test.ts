/**
 * Holds are promises; provisional actions are not (docs/architecture.md, "Holds and promises").
 *
 * Points: a redemption a kiosk confirmed offline from its allowance is honoured as the kiosk
 * confirmed it, whatever staff changed after the hold was granted (price, monthly limit, stock,
 * dates, retired, the resident's points or the resident's record); the changed rule applies to new
 * redemptions only. Meals and volunteering: a provisional booking or sign-up is judged when it
 * arrives, and every change staff made meanwhile ends in a stored outcome with a plain reason the
 * resident reads in 我的 (or, for a booking, the price it was confirmed at) — never nothing.
 *
 * Each case: the kiosk was online (renewed its allowance / pulled the menu), went offline and
 * took the action; staff changed one rule; the kiosk's command then arrives.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  MEAL_BOOKING_REFUSALS,
  mondayOf,
  priceBreakdown,
  REDEEM_REFUSALS,
  signUpRefusalMessage,
  type ActivityDraft,
  type CatalogueItemDraft,
  type CommandOutcome,
  type MealBookPayload,
  type MenuDay,
  type MenuDraft,
  type StationSubsidyPolicy,
} from '../../domain/index.ts';
import { menuFromRow } from '../../server/meals/meal-store.ts';
import { catalogueItemFromRow } from '../../server/points/ledger.ts';
import { activityFromRow } from '../../server/volunteer/volunteer-store.ts';
import { describeEachDialect } from './databases.ts';
import { weekDay } from './meals-fixture.ts';
import { assertLedgerInvariants, itemDraft, resident, TestKiosk } from './points-fixture.ts';
import { openFixture, STATION, type Fixture } from './station-fixture.ts';
import { activityDraft, manyResidents } from './volunteer-fixture.ts';

const ZHANG = resident('张秀英');
const LIU = resident('刘桂兰');

await describeEachDialect('offline promises: points', (dialect) => {
  let f: Fixture;
  let desk: TestKiosk;
  before(async () => {
    f = await openFixture(dialect.name);
    desk = await TestKiosk.pair(f, '办公室一体机');
    await desk.award(ZHANG.id, 9_000);
    await desk.award(LIU.id, 5_000);
  });
  after(() => f?.close());

  /** A new item, and a kiosk that renewed its allowance (holding points for ZHANG and units of it) and then went offline. */
  async function heldItem(over: Partial<CatalogueItemDraft> = {}): Promise<{ itemId: string; kiosk: TestKiosk; units: number }> {
    const itemId = await desk.newItem({ name: '离线测试 肥皂', cost: 10, stock: 20, ...over });
    const kiosk = await TestKiosk.pair(f, '大厅一体机');
    const renew = await kiosk.send('points.allowance-renew', { requestedAt: new Date(f.now()).toISOString() }, {});
    assert.equal(renew.outcome.status, 'applied', renew.outcome.reason);
    const units = renew.outcome.allowance!.stock[itemId] ?? 0;
    assert.ok(units >= 2, `the kiosk holds units of the item (${units})`);
    assert.ok((renew.outcome.allowance!.points[ZHANG.id] ?? 0) >= 50);
    return { itemId, kiosk, units };
  }

  /** Staff edit the item from the desk (the edit a person makes in 积分超市管理). */
  async function staffEdit(itemId: string, change: Partial<CatalogueItemDraft>, stockDelta = 0): Promise<void> {
    const row = await f.db.selectFrom('catalogue_items').selectAll().where('id', '=', itemId).executeTakeFirstOrThrow();
    const item = catalogueItemFromRow(row);
    const draft: CatalogueItemDraft = { ...itemDraft(), ...item, ...change, stock: item.stock + stockDelta };
    const { id: _i, stationId: _s, revision: _r, updatedAt: _u, ...plain } = draft as typeof draft & { id: string; stationId: string; revision: number; updatedAt: string };
    const { outcome } = await desk.send('catalogue.save', { itemId, baseRevision: row.revision, draft: plain, stockDelta }, { staffNo: '1001' });
    assert.equal(outcome.status, 'applied', outcome.reason);
  }

  /** What the kiosk confirmed offline (at `confirmedAt`, for `cost` points), arriving now. */
  async function arrives(kiosk: TestKiosk, itemId: string, quantity: number, cost: number, confirmedAt: string, residentId = ZHANG.id): Promise<CommandOutcome> {
    const { outcome } = await kiosk.send('points.redeem', { redemptionId: crypto.randomUUID(), transferId: crypto.randomUUID(), itemId, quantity, funding: 'kiosk-allowance', cost }, { residentId }, confirmedAt);
    return outcome;
  }

  async function honoured(outcome: CommandOutcome, cost: number): Promise<void> {
    assert.equal(outcome.status, 'applied', outcome.reason);
    assert.equal(outcome.redemption!.funding, 'kiosk-allowance');
    assert.equal(outcome.redemption!.cost, cost);
    await assertLedgerInvariants(f.db);
  }

  const onlineRedeem = (itemId: string, quantity = 1) =>
    desk.send('points.redeem', { redemptionId: crypto.randomUUID(), transferId: crypto.randomUUID(), itemId, quantity, funding: 'online' }, { residentId: ZHANG.id }, new Date(f.now()).toISOString());

  it('a monthly limit added after the hold: the offline redemption is honoured; new redemptions meet the limit', async () => {
    const { itemId, kiosk } = await heldItem({ monthlyLimit: null });
    const at = new Date(f.now()).toISOString();
    await staffEdit(itemId, { monthlyLimit: 1 });
    await honoured(await arrives(kiosk, itemId, 2, 20, at), 20);
    const online = await onlineRedeem(itemId);
    assert.deepEqual([online.outcome.status, online.outcome.reason], ['rejected', REDEEM_REFUSALS['limit-reached']]);
  });

  it('a monthly limit lowered after the hold: the units the kiosk was given are honoured', async () => {
    const { itemId, kiosk } = await heldItem({ monthlyLimit: 4 });
    const at = new Date(f.now()).toISOString();
    await staffEdit(itemId, { monthlyLimit: 1 });
    // The kiosk held ⌈4 / 2⌉ = 2 of the month's 4 for ZHANG and gave both.
    await honoured(await arrives(kiosk, itemId, 2, 20, at), 20);
    const online = await onlineRedeem(itemId);
    assert.deepEqual([online.outcome.status, online.outcome.reason], ['rejected', REDEEM_REFUSALS['limit-reached']]);
  });

  it('a monthly limit removed after the hold: honoured', async () => {
    const { itemId, kiosk } = await heldItem({ monthlyLimit: 2 });
    const at = new Date(f.now()).toISOString();
    await staffEdit(itemId, { monthlyLimit: null });
    await honoured(await arrives(kiosk, itemId, 1, 10, at), 10);
  });

  it('a holding kiosk still checks its limit hold: more than it was given is refused as broken data', async () => {
    const { itemId, kiosk } = await heldItem({ monthlyLimit: 2 });
    const at = new Date(f.now()).toISOString();
    const outcome = await arrives(kiosk, itemId, 2, 20, at);
    assert.equal(outcome.status, 'rejected');
    assert.match(outcome.reason!, /保留的每月兑换次数/);
  });

  it('the price raised after the hold: charged what the kiosk showed', async () => {
    const { itemId, kiosk } = await heldItem({ cost: 10 });
    const at = new Date(f.now()).toISOString();
    await staffEdit(itemId, { cost: 25 });
    await honoured(await arrives(kiosk, itemId, 1, 10, at), 10);
  });

  it('the price lowered after the hold: charged what the kiosk showed (and the resident agreed to)', async () => {
    const { itemId, kiosk } = await heldItem({ cost: 10 });
    const at = new Date(f.now()).toISOString();
    await staffEdit(itemId, { cost: 5 });
    await honoured(await arrives(kiosk, itemId, 1, 10, at), 10);
  });

  it('stock written off to nothing after the hold: the units held for the kiosk are honoured; the station stock stays 0', async () => {
    const { itemId, kiosk, units } = await heldItem({ stock: 20 });
    const at = new Date(f.now()).toISOString();
    const left = (await f.db.selectFrom('catalogue_items').select('stock').where('id', '=', itemId).executeTakeFirstOrThrow()).stock;
    await staffEdit(itemId, {}, -left);
    await honoured(await arrives(kiosk, itemId, units, 10 * units, at), 10 * units);
    assert.equal((await f.db.selectFrom('catalogue_items').select('stock').where('id', '=', itemId).executeTakeFirstOrThrow()).stock, 0);
  });

  it('the redemption period ended early after the hold: honoured', async () => {
    const { itemId, kiosk } = await heldItem();
    const at = new Date(f.now()).toISOString();
    await staffEdit(itemId, { activeUntil: new Date(f.now() - 86_400_000).toISOString(), activeFrom: new Date(f.now() - 2 * 86_400_000).toISOString() });
    await honoured(await arrives(kiosk, itemId, 1, 10, at), 10);
    assert.deepEqual([(await onlineRedeem(itemId)).outcome.reason], [REDEEM_REFUSALS['not-active']]);
  });

  it('the redemption period moved to start later after the hold: honoured', async () => {
    const { itemId, kiosk } = await heldItem();
    const at = new Date(f.now()).toISOString();
    await staffEdit(itemId, { activeFrom: new Date(f.now() + 86_400_000).toISOString() });
    await honoured(await arrives(kiosk, itemId, 1, 10, at), 10);
  });

  it('the item retired (下架) after the hold: honoured', async () => {
    const { itemId, kiosk } = await heldItem();
    const at = new Date(f.now()).toISOString();
    await staffEdit(itemId, { retired: true });
    await honoured(await arrives(kiosk, itemId, 1, 10, at), 10);
    assert.deepEqual([(await onlineRedeem(itemId)).outcome.reason], [REDEEM_REFUSALS['unknown-item']]);
  });

  it("the resident's own points spent or reversed after the hold: the points held for the kiosk are honoured", async () => {
    const { itemId, kiosk } = await heldItem();
    const at = new Date(f.now()).toISOString();
    // Staff take back every point ZHANG still has in her own account (a reversal of the award).
    const award = await f.db.selectFrom('transfers').select('id').where('resident_id', '=', ZHANG.id).where('kind', '=', 'earn').where('amount', '=', 9_000).executeTakeFirstOrThrow();
    const own = (await f.db.selectFrom('point_accounts').select('balance').where('id', '=', `resident:${ZHANG.id}`).executeTakeFirstOrThrow()).balance;
    assert.ok(own < 9_000, 'some of the award is held by kiosks');
    const reversal = await desk.send('points.reverse', { transferId: award.id, reversalId: crypto.randomUUID(), reason: '测试：冲正' }, { staffNo: '1001' });
    // The reversal cannot take back points held for kiosks: it is refused in plain words, and the hold stands.
    assert.deepEqual([reversal.outcome.status], ['rejected']);
    await honoured(await arrives(kiosk, itemId, 1, 10, at), 10);
  });

  it('the resident deactivated after the hold: the redemption the kiosk confirmed is honoured (the voucher was printed)', async () => {
    const { itemId, kiosk } = await heldItem();
    const renewed = await kiosk.send('points.allowance-renew', { requestedAt: new Date(f.now()).toISOString() }, {});
    assert.ok((renewed.outcome.allowance!.points[LIU.id] ?? 0) >= 10);
    const at = new Date(f.now()).toISOString();
    await f.db.updateTable('residents').set({ active: 0 }).where('id', '=', LIU.id).execute();
    try {
      await honoured(await arrives(kiosk, itemId, 1, 10, at, LIU.id), 10);
      // A name that is not a resident of the station is still refused.
      const stranger = await arrives(kiosk, itemId, 1, 10, at, crypto.randomUUID());
      assert.equal(stranger.status, 'rejected');
    } finally {
      await f.db.updateTable('residents').set({ active: 1 }).where('id', '=', LIU.id).execute();
    }
  });
});

/** Deactivate a resident (staff have no screen for it yet: the row, as such a screen would write it). */
async function deactivate(f: Fixture, residentId: string): Promise<void> {
  await f.db.updateTable('residents').set({ active: 0 }).where('id', '=', residentId).execute();
}

await describeEachDialect('offline promises: provisional meal bookings', (dialect) => {
  let f: Fixture;
  let desk: TestKiosk;
  let kiosk: TestKiosk;
  let staffToken: string;
  /** Residents born 1950 (76 this year), no meal flags, one per case. */
  let people: { id: string }[];
  const next = () => people.shift()!.id;
  before(async () => {
    f = await openFixture(dialect.name);
    desk = await TestKiosk.pair(f, '办公室一体机');
    kiosk = await TestKiosk.pair(f, '大厅一体机');
    staffToken = await f.staffToken('1001');
    people = await manyResidents(f, 20, 1950);
    // Residents made after pairing: as if each had signed in at the kiosk online once.
    for (const k of [desk, kiosk]) await f.linkResidents(k.deviceId, people.map((p) => p.id));
  });
  after(() => f?.close());

  /** Day `n` of the demo menus' weeks (0 = this Monday; 7–11 = next Monday–Friday, before any cut-off). */
  const day = (n: number) => weekDay(f, n);

  /** Staff edit that week's menu (menu.save from the desk, based on the current revision). */
  async function changeMenu(date: string, change: (day: MenuDay, draft: MenuDraft) => void): Promise<void> {
    const row = await f.db.selectFrom('menus').selectAll().where('station_id', '=', STATION).where('week_start', '=', mondayOf(date)).executeTakeFirstOrThrow();
    const menu = menuFromRow(row);
    const draft: MenuDraft = { weekStart: menu.weekStart, cutoff: menu.cutoff, days: structuredClone(menu.days) };
    change(draft.days.find((d) => d.date === date)!, draft);
    const { outcome } = await desk.send('menu.save', { menuId: menu.id, baseRevision: menu.revision, draft }, { staffNo: '1001' });
    assert.equal(outcome.status, 'applied', outcome.reason);
  }

  async function changePolicy(change: (policy: StationSubsidyPolicy['policy']) => void): Promise<void> {
    const current = (await f.app.inject({ method: 'GET', url: '/api/staff/meals/policy', headers: { authorization: `Bearer ${staffToken}` } })).json<StationSubsidyPolicy>();
    const policy = structuredClone(current.policy);
    change(policy);
    const res = await f.app.inject({ method: 'PUT', url: '/api/staff/meals/policy', headers: { authorization: `Bearer ${staffToken}` }, payload: { policy } });
    assert.equal(res.statusCode, 200, res.body);
  }

  /** What the resident registered at the offline kiosk (已登记，联网后确认), arriving now. */
  async function arrives(residentId: string, choice: Partial<MealBookPayload> & Pick<MealBookPayload, 'date'>, madeAt: string): Promise<CommandOutcome> {
    const payload: MealBookPayload = { bookingId: crypto.randomUUID(), meal: 'lunch', set: 'A', variant: null, mode: 'dine-in', provisional: true, ...choice };
    return (await kiosk.send('meal.book', payload, { residentId }, madeAt)).outcome;
  }

  /** A provisional booking that did not get through: stored as refused with the plain reason 我的 shows. */
  async function refusedWith(outcome: CommandOutcome, refusal: keyof typeof MEAL_BOOKING_REFUSALS): Promise<void> {
    assert.equal(outcome.status, 'applied', outcome.reason);
    assert.deepEqual([outcome.mealBooking!.status, outcome.mealRefusal, outcome.mealBooking!.reason], ['refused', refusal, MEAL_BOOKING_REFUSALS[refusal]]);
    const row = await f.db.selectFrom('meal_bookings').select(['status', 'reason']).where('id', '=', outcome.mealBooking!.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { status: 'refused', reason: MEAL_BOOKING_REFUSALS[refusal] });
  }

  const now = () => new Date(f.now()).toISOString();

  it('the set taken off the menu: refused, 没有这个套餐', async () => {
    const at = now();
    await changeMenu(day(9), (d) => {
      const lunch = d.meals.find((m) => m.meal === 'lunch')!;
      lunch.sets = lunch.sets.filter((x) => x.code !== 'C');
    });
    await refusedWith(await arrives(next(), { date: day(9), set: 'C' }, at), 'no-such-set');
  });

  it('the 软食 way of cooking taken off a set: refused, 没有这种做法', async () => {
    const at = now();
    await changeMenu(day(9), (d) => {
      d.meals.find((m) => m.meal === 'lunch')!.sets.find((x) => x.code === 'B')!.variants = ['低盐'];
    });
    await refusedWith(await arrives(next(), { date: day(9), set: 'B', variant: '软食' }, at), 'no-such-variant');
  });

  it('the meal taken off the day: refused, 这一天没有这顿饭', async () => {
    const at = now();
    await changeMenu(day(10), (d) => {
      d.meals = d.meals.filter((m) => m.meal !== 'dinner');
    });
    await refusedWith(await arrives(next(), { date: day(10), meal: 'dinner' }, at), 'no-such-meal');
  });

  it('pick-up no longer offered: refused, 不提供这种用餐方式', async () => {
    const at = now();
    await changeMenu(day(10), (d) => {
      d.meals.find((m) => m.meal === 'lunch')!.modes = ['dine-in'];
    });
    await refusedWith(await arrives(next(), { date: day(10), mode: 'pick-up' }, at), 'mode-not-offered');
  });

  it('the seats filled (capacity lowered to what is booked) meanwhile: refused, 订满了', async () => {
    const at = now();
    const online = await desk.send('meal.book', { bookingId: crypto.randomUUID(), date: day(11), meal: 'dinner', set: 'A', variant: null, mode: 'dine-in', provisional: false }, { residentId: next() });
    assert.equal(online.outcome.mealBooking?.status, 'confirmed', online.outcome.reason);
    const taken = await f.db.selectFrom('meal_bookings').select('id').where('date', '=', day(11)).where('meal', '=', 'dinner').where('status', '=', 'confirmed').execute();
    await changeMenu(day(11), (d) => {
      d.meals.find((m) => m.meal === 'dinner')!.capacity = taken.length;
    });
    await refusedWith(await arrives(next(), { date: day(11), meal: 'dinner' }, at), 'full');
  });

  it('the price raised meanwhile: confirmed at the price when it arrived, and the outcome says what to pay', async () => {
    const at = now();
    await changeMenu(day(8), (d) => {
      d.meals.find((m) => m.meal === 'lunch')!.sets.find((x) => x.code === 'A')!.priceFen = 2000;
    });
    const outcome = await arrives(next(), { date: day(8) }, at);
    assert.equal(outcome.mealBooking!.status, 'confirmed', outcome.reason);
    // Born 1950, 76: the 70–79 band pays 80 % of ¥20.00.
    assert.deepEqual([outcome.mealBooking!.receipt.grossFen, outcome.mealBooking!.receipt.toPayFen], [2000, 1600]);
    const audit = await f.db.selectFrom('audit_log').select('detail').where('entity_id', '=', outcome.mealBooking!.id).executeTakeFirstOrThrow();
    assert.match(audit.detail, /离线登记，已确认.*需付 16\.00 元/);
  });

  it('the subsidy changed meanwhile: confirmed with the subsidy in force when it arrived', async () => {
    const at = now();
    await changePolicy((p) => {
      p.ageBands = p.ageBands.map((b) => (b.fromAge === 70 ? { ...b, payPercent: 50 } : b));
    });
    const outcome = await arrives(next(), { date: day(8), meal: 'dinner' }, at);
    assert.equal(outcome.mealBooking!.status, 'confirmed', outcome.reason);
    // Dinner A is ¥10.00; the 70–79 band now pays 50 %.
    assert.deepEqual([outcome.mealBooking!.receipt.grossFen, outcome.mealBooking!.receipt.toPayFen], [1000, 500]);
    const policy = (await f.app.inject({ method: 'GET', url: '/api/staff/meals/policy', headers: { authorization: `Bearer ${staffToken}` } })).json<StationSubsidyPolicy>().policy;
    assert.deepEqual(outcome.mealBooking!.receipt, priceBreakdown(policy, { priceFen: 1000, resident: { birthYear: 1950, groups: [], deliveryFlag: false }, date: day(8), alreadySubsidisedThatDay: false, priceLabel: '晚餐 A 套餐' }));
  });

  it('delivery limited to older residents meanwhile (the age rule): refused, 送餐上门只提供给符合条件的老人', async () => {
    // Born 1940: 86, old enough for delivery under the demo policy until staff raise the age.
    const old = next();
    await f.db.updateTable('residents').set({ birth_year: 1940 }).where('id', '=', old).execute();
    const at = now();
    await changePolicy((p) => {
      p.delivery = { ...p.delivery, minAge: 90 };
    });
    await refusedWith(await arrives(old, { date: day(7), mode: 'delivery' }, at), 'delivery-not-eligible');
  });

  it('the same meal booked for the resident elsewhere meanwhile (website, another kiosk): refused, 已经订过了', async () => {
    const who = next();
    const at = now();
    const elsewhere = await desk.send('meal.book', { bookingId: crypto.randomUUID(), date: day(11), meal: 'lunch', set: 'B', variant: null, mode: 'dine-in', provisional: false }, { residentId: who });
    assert.equal(elsewhere.outcome.mealBooking?.status, 'confirmed', elsewhere.outcome.reason);
    await refusedWith(await arrives(who, { date: day(11) }, at), 'already-booked');
  });

  it('the resident deactivated meanwhile: rejected with the reason (the kiosk lists it for staff under 需要处理), nothing stored', async () => {
    const who = next();
    const at = now();
    await deactivate(f, who);
    const outcome = await arrives(who, { date: day(7), meal: 'dinner' }, at);
    assert.deepEqual([outcome.status, outcome.reason], ['rejected', '没有找到这位居民（不是本站登记的居民），没有订上']);
    assert.equal(outcome.mealRefusal, undefined, 'not a refusal the resident was told at the kiosk: it goes to 需要处理');
    assert.equal((await f.db.selectFrom('meal_bookings').select('id').where('resident_id', '=', who).execute()).length, 0);
  });

  // Last: it moves the clock past a cut-off.
  it('the cut-off passed while the kiosk was offline: refused, 订餐时间已经截止了 (the kitchen has counted by then)', async () => {
    const date = day(9);
    const at = now();
    // day-before 17:00 station time = 09:00 UTC the day before.
    const cutoff = Date.parse(`${weekDay(f, 8)}T09:00:00Z`);
    f.advance(cutoff - f.now() + 60_000);
    await refusedWith(await arrives(next(), { date, meal: 'dinner' }, at), 'cutoff-passed');
  });
});

await describeEachDialect('offline promises: provisional volunteer sign-ups', (dialect) => {
  let f: Fixture;
  let desk: TestKiosk;
  let kiosk: TestKiosk;
  let people: { id: string }[];
  const next = () => people.shift()!.id;
  before(async () => {
    f = await openFixture(dialect.name);
    desk = await TestKiosk.pair(f, '办公室一体机');
    kiosk = await TestKiosk.pair(f, '活动室一体机');
    // Born 1960: 66 at the activities.
    people = await manyResidents(f, 30, 1960);
    for (const k of [desk, kiosk]) await f.linkResidents(k.deviceId, people.map((p) => p.id));
  });
  after(() => f?.close());

  const now = () => new Date(f.now()).toISOString();

  async function newActivity(over: Partial<ActivityDraft> = {}): Promise<string> {
    const activityId = crypto.randomUUID();
    const { outcome } = await desk.send('activity.save', { activityId, baseRevision: null, draft: activityDraft(f, over) }, { staffNo: '1001' });
    assert.equal(outcome.status, 'applied', outcome.reason);
    return activityId;
  }

  async function changeActivity(activityId: string, change: Partial<ActivityDraft>): Promise<void> {
    const row = await f.db.selectFrom('activities').selectAll().where('id', '=', activityId).executeTakeFirstOrThrow();
    const a = activityFromRow(row);
    const draft: ActivityDraft = {
      title: a.title,
      description: a.description,
      place: a.place,
      startAt: a.startAt,
      endAt: a.endAt,
      capacity: a.capacity,
      signupDeadline: a.signupDeadline,
      minAge: a.minAge,
      maxAge: a.maxAge,
      requirements: a.requirements,
      pointsPerHour: a.pointsPerHour,
      photo: a.photo,
      cancelled: a.cancelled,
      ...change,
    };
    const { outcome } = await desk.send('activity.save', { activityId, baseRevision: row.revision, draft }, { staffNo: '1001' });
    assert.equal(outcome.status, 'applied', outcome.reason);
  }

  const signUp = (activityId: string, residentId: string, provisional: boolean, madeAt?: string) =>
    (provisional ? kiosk : desk).send('volunteer.sign-up', { signUpId: crypto.randomUUID(), activityId, provisional }, { residentId }, madeAt);

  async function refusedWith(outcome: CommandOutcome, activityId: string, refusal: Parameters<typeof signUpRefusalMessage>[0]): Promise<void> {
    const activity = activityFromRow(await f.db.selectFrom('activities').selectAll().where('id', '=', activityId).executeTakeFirstOrThrow());
    const message = signUpRefusalMessage(refusal, activity);
    assert.equal(outcome.status, 'applied', outcome.reason);
    assert.deepEqual([outcome.volunteerSignUp!.status, outcome.volunteerRefusal, outcome.volunteerSignUp!.reason], ['refused', refusal, message]);
    const row = await f.db.selectFrom('volunteer_sign_ups').select(['status', 'reason']).where('id', '=', outcome.volunteerSignUp!.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { status: 'refused', reason: message });
  }

  it('the places filled meanwhile: waitlisted, with its place in the queue', async () => {
    const activityId = await newActivity({ capacity: 1 });
    const at = now();
    assert.equal((await signUp(activityId, next(), false)).outcome.volunteerSignUp!.status, 'confirmed');
    const { outcome } = await signUp(activityId, next(), true, at);
    assert.deepEqual([outcome.status, outcome.volunteerSignUp!.status, outcome.volunteerSignUp!.arrival], ['applied', 'waitlisted', 2]);
  });

  it('the capacity lowered meanwhile: waitlisted', async () => {
    const activityId = await newActivity({ capacity: 5 });
    const at = now();
    assert.equal((await signUp(activityId, next(), false)).outcome.volunteerSignUp!.status, 'confirmed');
    await changeActivity(activityId, { capacity: 1 });
    const { outcome } = await signUp(activityId, next(), true, at);
    assert.equal(outcome.volunteerSignUp!.status, 'waitlisted', outcome.reason);
  });

  it('the deadline moved before the moment it was made: refused, 报名已经在 … 截止了', async () => {
    const activityId = await newActivity();
    const at = now();
    f.advance(60_000);
    await changeActivity(activityId, { signupDeadline: new Date(Date.parse(at) - 3_600_000).toISOString() });
    await refusedWith((await signUp(activityId, next(), true, at)).outcome, activityId, 'deadline-passed');
  });

  it('the deadline passed while the kiosk was offline (made before it): confirmed — judged at the moment it was made', async () => {
    const activityId = await newActivity({}, );
    const row = await f.db.selectFrom('activities').select('signup_deadline').where('id', '=', activityId).executeTakeFirstOrThrow();
    const at = now();
    f.advance(Date.parse(row.signup_deadline) - f.now() + 60_000);
    const { outcome } = await signUp(activityId, next(), true, at);
    assert.equal(outcome.volunteerSignUp!.status, 'confirmed', outcome.reason);
  });

  it('the start moved before the moment it was made: refused, 活动已经开始了', async () => {
    const activityId = await newActivity();
    const at = now();
    f.advance(60_000);
    const start = Date.parse(at) - 600_000;
    await changeActivity(activityId, { startAt: new Date(start).toISOString(), endAt: new Date(start + 7_200_000).toISOString(), signupDeadline: new Date(start).toISOString() });
    await refusedWith((await signUp(activityId, next(), true, at)).outcome, activityId, 'already-started');
  });

  it('a minimum age raised meanwhile: refused, 要年满 70 岁', async () => {
    const activityId = await newActivity();
    const at = now();
    await changeActivity(activityId, { minAge: 70 });
    await refusedWith((await signUp(activityId, next(), true, at)).outcome, activityId, 'too-young');
  });

  it('a maximum age lowered meanwhile: refused, 只请 60 岁及以下', async () => {
    const activityId = await newActivity();
    const at = now();
    await changeActivity(activityId, { maxAge: 60 });
    await refusedWith((await signUp(activityId, next(), true, at)).outcome, activityId, 'too-old');
  });

  it('the activity called off meanwhile: refused, 活动已经取消了', async () => {
    const activityId = await newActivity();
    const at = now();
    await changeActivity(activityId, { cancelled: true });
    await refusedWith((await signUp(activityId, next(), true, at)).outcome, activityId, 'activity-cancelled');
  });

  it('signed up for the resident elsewhere meanwhile: refused, 已经报过名了', async () => {
    const activityId = await newActivity();
    const who = next();
    const at = now();
    assert.equal((await signUp(activityId, who, false)).outcome.volunteerSignUp!.status, 'confirmed');
    await refusedWith((await signUp(activityId, who, true, at)).outcome, activityId, 'already-signed-up');
  });

  it('the points per hour changed meanwhile: the sign-up is confirmed; points are counted at check-out by the rule then', async () => {
    const activityId = await newActivity({ pointsPerHour: 10 });
    const at = now();
    await changeActivity(activityId, { pointsPerHour: 20 });
    const { outcome } = await signUp(activityId, next(), true, at);
    assert.equal(outcome.volunteerSignUp!.status, 'confirmed', outcome.reason);
  });

  it('the resident deactivated meanwhile: rejected with the reason (需要处理 for staff), nothing stored', async () => {
    const activityId = await newActivity();
    const who = next();
    const at = now();
    await deactivate(f, who);
    const { outcome } = await signUp(activityId, who, true, at);
    assert.deepEqual([outcome.status, outcome.reason, outcome.volunteerRefusal], ['rejected', '没有找到这位居民（不是本站登记的居民），没有报上名', undefined]);
    assert.equal((await f.db.selectFrom('volunteer_sign_ups').select('id').where('resident_id', '=', who).execute()).length, 0);
  });
});
