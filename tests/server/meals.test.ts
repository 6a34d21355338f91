/**
 * Meals at the server: sync commands (menu.save, meal.book online / provisional / repeated,
 * meal.cancel), the cut-off by the server's clock, one subsidised meal a day, cancelling frees the
 * seat, the settlement adds up to the bookings, public answers carry nothing personal, and
 * malformed bodies store nothing — on SQLite and PostgreSQL.
 */
import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  bookingCutoff,
  formatYuan,
  MEAL_BOOKING_REFUSALS,
  type MealBookingRecord,
  type MealResidentFlags,
  type Menu,
  type PriceBreakdown,
  type PublicMealWeek,
  type StationSubsidyPolicy,
} from '../../domain/index.ts';
import { DEMO_RESIDENTS, DEMO_STATION } from '../../server/seed/demo-data.ts';
import { describeEachDialect } from './databases.ts';
import { bookCommand, menuSaveCommand, menuWithCapacity, RESIDENT, residentToken, weekDay } from './meals-fixture.ts';
import { openFixture, STATION, type Fixture } from './station-fixture.ts';

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

await describeEachDialect('meals', (dialect) => {
  let f: Fixture;
  beforeEach(async () => {
    f = await openFixture(dialect.name);
  });
  afterEach(() => f?.close());

  async function book(token: string, body: Record<string, unknown>) {
    return f.app.inject({ method: 'POST', url: '/api/residents/me/meals', headers: auth(token), payload: { bookingId: crypto.randomUUID(), meal: 'lunch', set: 'A', variant: null, mode: 'dine-in', ...body } });
  }
  async function bookingRows() {
    return f.db.selectFrom('meal_bookings').selectAll().orderBy('id').execute();
  }

  it('publishes this week’s menu with seats left, ETag and CORS, and nothing personal', async () => {
    const res = await f.app.inject({ method: 'GET', url: `/api/stations/${STATION}/meals/menus`, headers: { origin: 'https://street.example.gov.cn' } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['access-control-allow-origin'], '*');
    const week = res.json<PublicMealWeek>();
    assert.equal(week.weekStart, weekDay(f, 0));
    assert.equal(week.menu!.weekStart, weekDay(f, 0));
    assert.equal(week.cutoffText, '前一天 17:00 前可以订餐和退订');
    assert.equal(week.seatsLeft.length, 10);
    // The seed booked three lunches and one dinner on Monday.
    const monday = week.seatsLeft.filter((s) => s.date === weekDay(f, 0));
    assert.deepEqual(
      monday.map((s) => [s.meal, s.capacity, s.left]),
      [
        ['lunch', 40, 37],
        ['dinner', 20, 19],
      ],
    );
    const again = await f.app.inject({ method: 'GET', url: `/api/stations/${STATION}/meals/menus`, headers: { 'if-none-match': String(res.headers.etag) } });
    assert.equal(again.statusCode, 304);

    const next = await f.app.inject({ method: 'GET', url: `/api/stations/${STATION}/meals/menus?week=${weekDay(f, 7)}` });
    const empty = await f.app.inject({ method: 'GET', url: `/api/stations/${STATION}/meals/menus?week=${weekDay(f, 70)}` });
    assert.equal(empty.json<PublicMealWeek>().menu, null);
    for (const body of [res.body, next.body, empty.body]) {
      for (const r of DEMO_RESIDENTS) {
        assert.ok(!body.includes(r.name), `public menu names ${r.name}`);
        assert.ok(!body.includes(r.phone) && !body.includes(r.phone.slice(-4)), 'public menu carries a phone');
        assert.ok(!body.includes(r.id), 'public menu carries a resident id');
      }
      for (const secret of ['401 室', '敲门', 'minimum-living', 'disabled', '低保', '失能', 'receipt', 'residentId']) assert.ok(!body.includes(secret), `public menu carries ${secret}`);
    }
    // Any day of a week names that week; a day that does not exist is a 400.
    const wednesday = await f.app.inject({ method: 'GET', url: `/api/stations/${STATION}/meals/menus?week=${weekDay(f, 2)}` });
    assert.equal(wednesday.body, res.body);
    assert.equal((await f.app.inject({ method: 'GET', url: `/api/stations/${STATION}/meals/menus?week=2026-02-30` })).statusCode, 400);
    assert.equal((await f.app.inject({ method: 'GET', url: `/api/stations/${STATION}/meals/menus?week=next` })).statusCode, 400);
    assert.equal((await f.app.inject({ method: 'GET', url: `/api/stations/${crypto.randomUUID()}/meals/menus` })).statusCode, 404);
  });

  it('meal.book from a kiosk: online, repeated, provisional confirmed or refused — each applied once, and in the kitchen counts', async () => {
    const { deviceToken, deviceId } = await f.pairDevice();
    // The residents acting here have signed in at this kiosk (their own commands count only there).
    await f.linkResidents(deviceId);
    const resident = RESIDENT('王建华');
    const date = weekDay(f, 9);
    const online = bookCommand(1, { date, set: 'B', variant: '软食' }, { residentId: resident.id });
    const first = await f.push(deviceToken, [online]);
    const again = await f.push(deviceToken, [online]);
    assert.deepEqual(again.outcomes, first.outcomes);
    const booked = first.outcomes[0]!;
    assert.equal(booked.status, 'applied');
    assert.equal(booked.mealBooking!.status, 'confirmed');
    // Born 1950: 76 on the meal date, the 70–79 band pays 80 %: ¥12.00 − ¥2.40.
    assert.deepEqual([booked.mealBooking!.receipt.grossFen, booked.mealBooking!.receipt.subsidyFen, booked.mealBooking!.receipt.toPayFen], [1200, 240, 960]);

    // The same booking id under another command (an outbox re-sent after undo): the stored booking, not a second seat.
    const sameBooking = bookCommand(2, { date, set: 'B', variant: '软食', bookingId: online.payload.bookingId }, { residentId: resident.id });
    const repeat = await f.push(deviceToken, [sameBooking]);
    assert.equal(repeat.outcomes[0]!.status, 'applied');
    assert.deepEqual(repeat.outcomes[0]!.mealBooking, booked.mealBooking);

    // Online refusal: rejected with the sentence, nothing stored.
    const dinnerDelivery = bookCommand(3, { date, meal: 'dinner', mode: 'delivery' }, { residentId: resident.id });
    const refusedOnline = (await f.push(deviceToken, [dinnerDelivery])).outcomes[0]!;
    assert.deepEqual([refusedOnline.status, refusedOnline.reason, refusedOnline.mealRefusal], ['rejected', MEAL_BOOKING_REFUSALS['mode-not-offered'], 'mode-not-offered']);

    // Offline kiosk, provisional: one confirmed by the server (staff for the resident: proxy), one refused and kept for 我的.
    const other = RESIDENT('杨玉梅');
    const provisionalOk = bookCommand(4, { date, meal: 'dinner', set: 'A', provisional: true }, { residentId: other.id, staffNo: '1002' });
    const provisionalNo = bookCommand(5, { date, meal: 'lunch', set: 'C', variant: '软食', provisional: true }, { residentId: other.id });
    const outcomes = (await f.push(deviceToken, [provisionalOk, provisionalNo])).outcomes;
    assert.deepEqual(
      outcomes.map((o) => [o.status, o.mealBooking?.status, o.mealBooking?.bookedBy, o.mealBooking?.reason ?? null]),
      [
        ['applied', 'confirmed', 'proxy', null],
        ['applied', 'refused', 'resident', MEAL_BOOKING_REFUSALS['no-such-variant']],
      ],
    );
    const retried = await f.push(deviceToken, [provisionalOk, provisionalNo]);
    assert.deepEqual(retried.outcomes, outcomes);

    const rows = (await bookingRows()).filter((r) => r.date === date);
    assert.deepEqual(rows.map((r) => r.status).sort(), ['confirmed', 'confirmed', 'refused']);

    // The kiosks pull them, the resident sees the refusal in 我的, the kitchen counts the confirmed ones.
    const pulled = await f.pull(deviceToken, 0, 1000);
    const pulledBookings = pulled.changes.filter((c) => c.entity === 'meal-booking' && c.op === 'put' && rows.some((r) => r.id === c.id));
    assert.equal(pulledBookings.length, 3);
    const mine = await f.app.inject({ method: 'GET', url: '/api/residents/me/meals', headers: auth(await residentToken(f, '杨玉梅')) });
    const mineBody = mine.json<{ bookings: MealBookingRecord[]; deliveryEligible: boolean }>();
    // Born 1944: 82, old enough for delivery under the example policy.
    assert.equal(mineBody.deliveryEligible, true);
    assert.deepEqual(
      mineBody.bookings.filter((b) => b.date === date).map((b) => [b.meal, b.status, b.reason]),
      [
        ['lunch', 'refused', MEAL_BOOKING_REFUSALS['no-such-variant']],
        ['dinner', 'confirmed', null],
      ],
    );
    const staff = await f.staffToken('1003');
    const kitchen = await f.app.inject({ method: 'GET', url: `/api/staff/meals/kitchen?date=${date}`, headers: auth(staff) });
    assert.deepEqual(kitchen.json<{ counts: unknown[] }>().counts, [
      { date, meal: 'lunch', set: 'B', variant: '软食', mode: 'dine-in', confirmed: 1, provisional: 0 },
      { date, meal: 'dinner', set: 'A', variant: null, mode: 'dine-in', confirmed: 1, provisional: 0 },
    ]);
  });

  it('refuses at the cut-off by the server’s clock, for booking and for cancelling', async () => {
    const date = weekDay(f, 10);
    const cutoff = bookingCutoff({ kind: 'day-before', time: '17:00' }, date).getTime();
    f.advance(cutoff - 60_000 - f.now());
    const token = await residentToken(f, '刘桂兰');
    const ok = await book(token, { date });
    assert.equal(ok.statusCode, 201, ok.body);
    f.advance(60_000);
    const late = await book(token, { date, meal: 'dinner' });
    assert.equal(late.statusCode, 409);
    assert.deepEqual(late.json(), { error: 'cutoff-passed', message: MEAL_BOOKING_REFUSALS['cutoff-passed'] });
    const cancel = await f.app.inject({ method: 'POST', url: `/api/residents/me/meals/${ok.json<{ booking: MealBookingRecord }>().booking.id}/cancel`, headers: auth(token) });
    assert.equal(cancel.statusCode, 409);
    assert.equal(cancel.json<{ error: string }>().error, 'cannot-cancel');
    assert.match(cancel.json<{ message: string }>().message, /^退订时间已经过了（.+17:00 截止），不能退订了/);
    // Staff at a kiosk are held to the same cut-off.
    const { deviceToken, deviceId } = await f.pairDevice();
    // The residents acting here have signed in at this kiosk (their own commands count only there).
    await f.linkResidents(deviceId);
    const staffCancel = await f.push(deviceToken, [{ id: crypto.randomUUID(), seq: 1, type: 'meal.cancel', payload: { bookingId: ok.json<{ booking: MealBookingRecord }>().booking.id, reason: '住院' }, actor: { staffNo: '1002' }, createdAt: new Date().toISOString() }]);
    assert.equal(staffCancel.outcomes[0]!.status, 'rejected');
    assert.equal((await bookingRows()).find((r) => r.date === date)!.status, 'confirmed');
  });

  it('subsidises one meal a day across two bookings, with the price breakdown before confirming', async () => {
    const token = await residentToken(f, '李淑珍'); // born 1946: 80 in 2026, pays 70 %
    const date = weekDay(f, 10);
    const quote = await f.app.inject({ method: 'POST', url: '/api/residents/me/meals/quote', headers: auth(token), payload: { date, meal: 'lunch', set: 'B', variant: null, mode: 'dine-in' } });
    assert.equal(quote.statusCode, 200, quote.body);
    const breakdown = quote.json<{ breakdown: PriceBreakdown }>().breakdown;
    assert.deepEqual(breakdown.lines, [
      { kind: 'price', label: '午餐 B 套餐', amountFen: 1200 },
      { kind: 'subsidy', policyLineId: 'age-80', label: '80岁及以上助餐补贴', amountFen: -360 },
      { kind: 'to-pay', label: '需要支付', amountFen: 840 },
    ]);
    const lunch = await book(token, { date, set: 'B' });
    assert.equal(lunch.statusCode, 201);
    assert.deepEqual(lunch.json<{ booking: MealBookingRecord }>().booking.receipt, breakdown);
    const dinner = await book(token, { date, meal: 'dinner', set: 'A' });
    assert.equal(dinner.statusCode, 201);
    const receipt = dinner.json<{ booking: MealBookingRecord }>().booking.receipt;
    assert.deepEqual([receipt.grossFen, receipt.subsidyFen, receipt.toPayFen], [1000, 0, 1000]);
    assert.deepEqual(receipt.notes, ['这一天已经有一餐享受了补贴，每人每天只补贴一餐，这一餐按原价']);
    // Booking the same meal again is refused; the same booking id again answers what is stored.
    const twice = await book(token, { date, set: 'C' });
    assert.deepEqual([twice.statusCode, twice.json<{ error: string }>().error], [409, 'already-booked']);
    const retry = await book(token, { date, set: 'B', bookingId: lunch.json<{ booking: MealBookingRecord }>().booking.id });
    assert.equal(retry.statusCode, 200);
    assert.equal((await bookingRows()).filter((r) => r.date === date).length, 2);
  });

  it('cancelling frees the seat', async () => {
    const { deviceToken, deviceId } = await f.pairDevice();
    // The residents acting here have signed in at this kiosk (their own commands count only there).
    await f.linkResidents(deviceId);
    const weekStart = weekDay(f, 21);
    const date = weekDay(f, 22);
    const saved = await f.push(deviceToken, [menuSaveCommand(1, crypto.randomUUID(), null, menuWithCapacity(weekStart, 1))]);
    assert.equal(saved.outcomes[0]!.status, 'applied', saved.outcomes[0]!.reason);
    const a = await residentToken(f, '张秀英');
    const b = await residentToken(f, '陈国强');
    const first = await book(a, { date });
    assert.equal(first.statusCode, 201);
    const full = await book(b, { date });
    assert.deepEqual(full.json(), { error: 'full', message: MEAL_BOOKING_REFUSALS.full });
    const bookingId = first.json<{ booking: MealBookingRecord }>().booking.id;
    // Another resident cannot cancel it.
    assert.equal((await f.app.inject({ method: 'POST', url: `/api/residents/me/meals/${bookingId}/cancel`, headers: auth(b) })).statusCode, 404);
    const cancel = await f.app.inject({ method: 'POST', url: `/api/residents/me/meals/${bookingId}/cancel`, headers: auth(a), payload: { reason: '家里有事' } });
    assert.equal(cancel.statusCode, 200, cancel.body);
    assert.deepEqual([cancel.json<{ booking: MealBookingRecord }>().booking.status, cancel.json<{ booking: MealBookingRecord }>().booking.reason], ['cancelled', '家里有事']);
    const cancelAgain = await f.app.inject({ method: 'POST', url: `/api/residents/me/meals/${bookingId}/cancel`, headers: auth(a) });
    assert.equal(cancelAgain.statusCode, 200);
    const week = await f.app.inject({ method: 'GET', url: `/api/stations/${STATION}/meals/menus?week=${weekStart}` });
    assert.equal(week.json<PublicMealWeek>().seatsLeft.find((s) => s.date === date && s.meal === 'lunch')!.left, 1);
    const now = await book(b, { date });
    assert.equal(now.statusCode, 201, now.body);
  });

  it('menu.save: staff only, content rules as a readable rejection, a stale revision is a conflict with the server copy', async () => {
    const { deviceToken, deviceId } = await f.pairDevice();
    // The residents acting here have signed in at this kiosk (their own commands count only there).
    await f.linkResidents(deviceId);
    const weekStart = weekDay(f, 14);
    const menuId = crypto.randomUUID();
    const draft = menuWithCapacity(weekStart, 30);
    const byResident = await f.push(deviceToken, [menuSaveCommand(1, menuId, null, draft, { residentId: RESIDENT('张秀英').id })]);
    assert.deepEqual([byResident.outcomes[0]!.status, byResident.outcomes[0]!.reason], ['rejected', '菜单只能由工作人员修改，菜单没有保存']);
    const bad = menuWithCapacity(weekStart, 0);
    const invalid = await f.push(deviceToken, [menuSaveCommand(2, menuId, null, bad)]);
    assert.equal(invalid.outcomes[0]!.status, 'rejected');
    assert.match(invalid.outcomes[0]!.reason!, /^菜单没有保存：.*午餐的份数要填 1 到 2000 之间的整数/);

    const created = (await f.push(deviceToken, [menuSaveCommand(3, menuId, null, draft)])).outcomes[0]!;
    assert.deepEqual([created.status, created.menu!.revision], ['applied', 1]);
    const edit1 = structuredClone(draft);
    edit1.days[0]!.meals[0]!.capacity = 45;
    const edited = (await f.push(deviceToken, [menuSaveCommand(4, menuId, 1, edit1)])).outcomes[0]!;
    assert.deepEqual([edited.status, edited.menu!.revision, edited.menu!.days[0]!.meals[0]!.capacity], ['applied', 2, 45]);
    const edit2 = structuredClone(draft);
    edit2.days[0]!.meals[0]!.capacity = 50;
    const stale = (await f.push(deviceToken, [menuSaveCommand(5, menuId, 1, edit2, { staffNo: '1003' })])).outcomes[0]!;
    assert.equal(stale.status, 'conflict');
    assert.deepEqual([stale.menu!.revision, stale.menu!.days[0]!.meals[0]!.capacity], [2, 45]);
    // A set someone booked cannot be taken off the menu.
    const token = await residentToken(f, '李淑珍');
    const booked = await book(token, { date: weekStart, set: 'C' });
    assert.equal(booked.statusCode, 201, booked.body);
    const withoutC = structuredClone(edit1);
    withoutC.days[0]!.meals[0]!.sets = withoutC.days[0]!.meals[0]!.sets.filter((x) => x.code !== 'C');
    const removed = (await f.push(deviceToken, [menuSaveCommand(6, menuId, 2, withoutC)])).outcomes[0]!;
    assert.equal(removed.status, 'rejected');
    assert.match(removed.reason!, /^菜单没有保存：.+午餐 C 套餐已经有 1 人订了，不能删掉，请先为他们退订$/);
    // Creating the same week again under another id is a conflict too, with the existing menu.
    const dup = (await f.push(deviceToken, [menuSaveCommand(7, crypto.randomUUID(), null, draft)])).outcomes[0]!;
    assert.deepEqual([dup.status, dup.menu!.id], ['conflict', menuId]);
    const stored = await f.db.selectFrom('menus').select(['revision']).where('id', '=', menuId).executeTakeFirstOrThrow();
    assert.equal(stored.revision, 2);

    // Staff copy last week's menu to the week after.
    const staff = await f.staffToken('1001');
    const copy = await f.app.inject({ method: 'POST', url: `/api/staff/meals/menus/${weekDay(f, 21)}/copy-from-last-week`, headers: auth(staff) });
    assert.equal(copy.statusCode, 201, copy.body);
    const copied = copy.json<{ menu: Menu }>().menu;
    assert.deepEqual([copied.weekStart, copied.days[0]!.date, copied.days[0]!.meals[0]!.capacity], [weekDay(f, 21), weekDay(f, 21), 45]);
    assert.equal((await f.app.inject({ method: 'POST', url: `/api/staff/meals/menus/${weekDay(f, 21)}/copy-from-last-week`, headers: auth(staff) })).statusCode, 409);
    assert.equal((await f.app.inject({ method: 'POST', url: `/api/staff/meals/menus/${weekDay(f, 42)}/copy-from-last-week`, headers: auth(staff) })).statusCode, 404);
  });

  it('the settlement CSV totals equal the sum of the bookings it covers', async () => {
    const date = weekDay(f, 9);
    const month = date.slice(0, 7);
    const tokens = await Promise.all(['李淑珍', '陈国强', '刘桂兰'].map((n) => residentToken(f, n)));
    const made: MealBookingRecord[] = [];
    for (const [i, token] of tokens.entries()) {
      for (const meal of ['lunch', 'dinner'] as const) {
        const res = await book(token, { date, meal, set: i === 2 ? 'B' : 'A' });
        assert.equal(res.statusCode, 201, res.body);
        made.push(res.json<{ booking: MealBookingRecord }>().booking);
      }
    }
    const cancel = await f.app.inject({ method: 'POST', url: `/api/residents/me/meals/${made[0]!.id}/cancel`, headers: auth(tokens[0]!) });
    assert.equal(cancel.statusCode, 200);

    const staff = await f.staffToken('1001');
    const res = await f.app.inject({ method: 'GET', url: `/api/staff/meals/settlement.csv?month=${month}`, headers: auth(staff) });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'text/csv; charset=utf-8');
    assert.ok(res.body.startsWith('\uFEFF日期,份数,餐费（元）'));

    // Independently, from the table: confirmed bookings whose meal date is in the month.
    const rows = await f.db.selectFrom('meal_bookings').select(['receipt', 'status', 'date']).where('station_id', '=', STATION).execute();
    let meals = 0;
    let gross = 0;
    let subsidy = 0;
    let paid = 0;
    for (const r of rows) {
      if (r.status !== 'confirmed' || !r.date.startsWith(month)) continue;
      const receipt = JSON.parse(r.receipt) as PriceBreakdown;
      meals++;
      gross += receipt.grossFen;
      subsidy += receipt.subsidyFen;
      paid += receipt.toPayFen;
    }
    assert.ok(meals >= 5);
    const lines = res.body.trimEnd().split('\r\n');
    const total = lines[lines.length - 1]!.split(',');
    assert.equal(total[0], `合计（${month}）`);
    assert.deepEqual([total[1], total[2], total[total.length - 2], total[total.length - 1]], [String(meals), formatYuan(gross), formatYuan(subsidy), formatYuan(paid)]);
    // The day rows add up to the total too.
    const dayRows = lines.slice(1, -1).map((l) => l.split(','));
    assert.equal(dayRows.reduce((n, r) => n + Number(r[1]), 0), meals);
    assert.equal((await f.app.inject({ method: 'GET', url: `/api/staff/meals/settlement.csv?month=${month}` })).statusCode, 401);
  });

  it('staff set the policy and a resident’s flags; the delivery list and flags never reach a public answer', async () => {
    const staff = await f.staffToken('1001');
    const policy = await f.app.inject({ method: 'GET', url: '/api/staff/meals/policy', headers: auth(staff) });
    assert.equal(policy.json<StationSubsidyPolicy>().revision, 1);
    const invalid = structuredClone(policy.json<StationSubsidyPolicy>().policy);
    invalid.ageBands[1]!.fromAge = 65; // overlaps 60–69
    const bad = await f.app.inject({ method: 'PUT', url: '/api/staff/meals/policy', headers: auth(staff), payload: { policy: invalid } });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json<{ error: string }>().error, 'invalid-policy');
    assert.match(bad.json<{ message: string }>().message, /年龄段重叠了/);
    const fixed = { ...policy.json<StationSubsidyPolicy>().policy, fixedDaily: { id: 'daily-5', label: '每天补贴5元', amountFen: 500, fromAge: 60 } };
    const put = await f.app.inject({ method: 'PUT', url: '/api/staff/meals/policy', headers: auth(staff), payload: { policy: fixed } });
    assert.equal(put.statusCode, 200, put.body);
    assert.equal(put.json<StationSubsidyPolicy>().revision, 2);

    const who = RESIDENT('王建华');
    const flags = await f.app.inject({
      method: 'PUT',
      url: `/api/staff/meals/residents/${who.id}/flags`,
      headers: auth(staff),
      payload: { groups: ['extreme-hardship'], deliveryFlag: true, address: '3 号楼 1 单元 202 室', notes: '下午两点后在家' },
    });
    assert.equal(flags.statusCode, 200, flags.body);
    assert.deepEqual(flags.json<MealResidentFlags>().groups, ['extreme-hardship']);
    const other = await f.app.inject({ method: 'PUT', url: `/api/staff/meals/residents/${RESIDENT('赵凤英').id}/flags`, headers: auth(staff), payload: { groups: [], deliveryFlag: false, address: '', notes: '' } });
    assert.equal(other.statusCode, 404, 'another station’s resident');

    const token = await residentToken(f, '王建华');
    const date = weekDay(f, 9);
    const delivered = await book(token, { date, set: 'B', mode: 'delivery' });
    assert.equal(delivered.statusCode, 201, delivered.body);
    const d = delivered.json<{ booking: MealBookingRecord }>().booking;
    assert.deepEqual(d.delivery, { building: '3 号楼 1 单元', address: '3 号楼 1 单元 202 室', notes: '下午两点后在家' });
    // 76: 80 % band (¥2.40) + ¥5 fixed + ¥3 特困, capped at the ¥12 price: ¥10.40 off.
    assert.deepEqual([d.receipt.subsidyFen, d.receipt.toPayFen], [1040, 160]);

    const list = await f.app.inject({ method: 'GET', url: `/api/staff/meals/delivery?date=${date}&meal=lunch`, headers: auth(staff) });
    assert.equal(list.statusCode, 200);
    assert.deepEqual(
      list.json<{ stops: { stop: number; name: string; address: string }[] }>().stops.map((s) => [s.stop, s.name, s.address]),
      [[1, '王建华', '3 号楼 1 单元 202 室']],
    );
    const today = await f.app.inject({ method: 'GET', url: `/api/staff/meals/delivery?date=${weekDay(f, 0)}&meal=lunch`, headers: auth(staff) });
    assert.deepEqual(today.json<{ stops: { name: string }[] }>().stops.map((s) => s.name), ['张秀英']);
    assert.equal((await f.app.inject({ method: 'GET', url: `/api/staff/meals/delivery?date=${date}&meal=lunch` })).statusCode, 401);

    const week = await f.app.inject({ method: 'GET', url: `/api/stations/${STATION}/meals/menus?week=${weekDay(f, 7)}` });
    const station = await f.app.inject({ method: 'GET', url: `/api/stations/${DEMO_STATION.id}` });
    for (const body of [week.body, station.body]) {
      for (const secret of ['王建华', who.phone, '202 室', '下午两点', 'extreme-hardship', '特困']) assert.ok(!body.includes(secret), `public answer carries ${secret}`);
    }
  });

  it('records who booked: staff alone cannot book, proxy and family bookings are marked and audited', async () => {
    const { deviceToken, deviceId } = await f.pairDevice();
    // The residents acting here have signed in at this kiosk (their own commands count only there).
    await f.linkResidents(deviceId);
    const date = weekDay(f, 11);
    const staffAlone = (await f.push(deviceToken, [bookCommand(1, { date }, { staffNo: '1002' })])).outcomes[0]!;
    assert.deepEqual([staffAlone.status, staffAlone.reason], ['rejected', '订餐要写明是哪位居民（居民登录，或工作人员代办），没有订上']);
    const proxy = (await f.push(deviceToken, [bookCommand(2, { date }, { staffNo: '1002', residentId: RESIDENT('张秀英').id })])).outcomes[0]!;
    assert.deepEqual([proxy.status, proxy.mealBooking!.bookedBy, proxy.mealBooking!.channel], ['applied', 'proxy', 'kiosk']);
    const noSuchDay = (await f.push(deviceToken, [bookCommand(3, { date: '2026-02-30', provisional: true }, { residentId: RESIDENT('张秀英').id })])).outcomes[0]!;
    assert.deepEqual([noSuchDay.status, noSuchDay.reason], ['rejected', '日期“2026-02-30”不正确，没有订上']);
    const family = await book(await residentToken(f, '陈国强'), { date, onBehalf: true });
    assert.equal(family.statusCode, 201, family.body);
    assert.deepEqual([family.json<{ booking: MealBookingRecord }>().booking.bookedBy, family.json<{ booking: MealBookingRecord }>().booking.channel], ['family', 'website']);
    const audit = await f.db.selectFrom('audit_log').select(['action', 'actor_kind', 'detail', 'entity_id']).where('action', '=', 'meal.book').orderBy('id').execute();
    const mine = audit.filter((a) => a.entity_id === proxy.mealBooking!.id || a.entity_id === family.json<{ booking: MealBookingRecord }>().booking.id);
    assert.deepEqual(
      mine.map((a) => [a.actor_kind, a.detail.split('：')[0]]),
      [
        ['proxy', '工作人员 1002 代居民 张*英订餐'],
        ['resident', '家属用居民的手机号和密码网上代订'],
      ],
    );
    assert.ok(mine.every((a) => !a.detail.includes('张秀英') && !a.detail.includes('401')));
  });

  it('malformed bodies are 400 and store nothing', async () => {
    const token = await residentToken(f, '李淑珍');
    const staff = await f.staffToken('1001');
    const date = weekDay(f, 9);
    const count = async () => ({
      bookings: (await f.db.selectFrom('meal_bookings').select('id').execute()).length,
      menus: (await f.db.selectFrom('menus').select('id').execute()).length,
      flags: (await f.db.selectFrom('meal_residents').selectAll().execute()).map((r) => JSON.stringify(r)).sort(),
      policy: (await f.db.selectFrom('meal_policies').selectAll().execute()).map((r) => JSON.stringify(r)),
    });
    const before = await count();
    const good = { bookingId: crypto.randomUUID(), date, meal: 'lunch', set: 'A', variant: null, mode: 'dine-in' };
    const bodies: unknown[] = [
      {},
      { ...good, bookingId: 'not-a-uuid' },
      { ...good, meal: 'breakfast' },
      { ...good, set: 'D' },
      { ...good, variant: '麻辣' },
      { ...good, mode: 'drone' },
      { ...good, date: '2026-02-30' },
      { ...good, date: '明天' },
      { ...good, extra: 1 },
      { ...good, variant: undefined },
      { ...good, onBehalf: 'yes' },
      [good],
      'lunch',
    ];
    for (const body of bodies) {
      const res = await f.app.inject({ method: 'POST', url: '/api/residents/me/meals', headers: { ...auth(token), 'content-type': 'application/json' }, payload: JSON.stringify(body) });
      assert.equal(res.statusCode, 400, `${JSON.stringify(body)} → ${res.statusCode} ${res.body}`);
      assert.equal(res.json<{ error: string }>().error, 'bad-request');
      assert.equal(typeof res.json<{ message: string }>().message, 'string');
    }
    const quote = await f.app.inject({ method: 'POST', url: '/api/residents/me/meals/quote', headers: auth(token), payload: { ...good } });
    assert.equal(quote.statusCode, 400, 'quote takes no bookingId');
    const badFlags = await f.app.inject({ method: 'PUT', url: `/api/staff/meals/residents/${RESIDENT('李淑珍').id}/flags`, headers: auth(staff), payload: { groups: ['vip'], deliveryFlag: true, address: '', notes: '' } });
    assert.equal(badFlags.statusCode, 400);
    const badPolicy = await f.app.inject({ method: 'PUT', url: '/api/staff/meals/policy', headers: auth(staff), payload: { policy: { ageBands: [], fixedDaily: null, extras: [] } } });
    assert.equal(badPolicy.statusCode, 400);
    assert.equal((await f.app.inject({ method: 'GET', url: '/api/staff/meals/kitchen?date=tomorrow', headers: auth(staff) })).statusCode, 400);
    assert.equal((await f.app.inject({ method: 'GET', url: '/api/staff/meals/settlement.csv?month=2026-13', headers: auth(staff) })).statusCode, 400);

    const { deviceToken, deviceId } = await f.pairDevice();
    // The residents acting here have signed in at this kiosk (their own commands count only there).
    await f.linkResidents(deviceId);
    const cmd = bookCommand(1, { date }, { residentId: RESIDENT('李淑珍').id });
    for (const payload of [{ ...cmd.payload, provisional: 'yes' }, { ...cmd.payload, meal: 'supper' }, { ...cmd.payload, extra: true }]) {
      const res = await f.app.inject({ method: 'POST', url: '/api/sync/push', headers: auth(deviceToken), payload: { commands: [{ ...cmd, payload }] } });
      assert.equal(res.statusCode, 400, res.body);
    }
    const menuBad = menuSaveCommand(1, crypto.randomUUID(), null, menuWithCapacity(weekDay(f, 14), 10));
    (menuBad.payload.draft.days[0]!.meals[0]!.sets[0] as { priceFen: unknown }).priceFen = '12.00';
    assert.equal((await f.app.inject({ method: 'POST', url: '/api/sync/push', headers: auth(deviceToken), payload: { commands: [menuBad] } })).statusCode, 400);
    assert.deepEqual(await count(), before);
  });
});
