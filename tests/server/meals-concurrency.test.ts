/**
 * 300 residents book the same lunch of 100 seats at the same moment, over real HTTP (the app
 * listening on a loopback port, so the requests truly overlap): exactly 100 are confirmed and 200
 * hear the full refusal sentence, on SQLite and on PostgreSQL.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { hashPin, MEAL_BOOKING_REFUSALS, type PublicMealWeek } from '../../domain/index.ts';
import { sha256Hex } from '../../server/auth/tokens.ts';
import { describeEachDialect } from './databases.ts';
import { menuSaveCommand, menuWithCapacity, weekDay } from './meals-fixture.ts';
import { openFixture, STATION, type Fixture } from './station-fixture.ts';

const RESIDENTS = 300;
const SEATS = 100;

await describeEachDialect('300 concurrent meal bookings', (dialect) => {
  let f: Fixture;
  before(async () => {
    f = await openFixture(dialect.name);
  });
  after(() => f?.close());

  it(`for ${SEATS} seats: exactly ${SEATS} confirmed, ${RESIDENTS - SEATS} refused as full`, async () => {
    // A menu four weeks ahead, every meal with 100 seats, saved as staff at a kiosk would.
    const weekStart = weekDay(f, 28);
    const date = weekDay(f, 30);
    const { deviceToken, deviceId } = await f.pairDevice();
    // The residents acting here have signed in at this kiosk (their own commands count only there).
    await f.linkResidents(deviceId);
    const saved = await f.push(deviceToken, [menuSaveCommand(1, crypto.randomUUID(), null, menuWithCapacity(weekStart, SEATS))]);
    assert.equal(saved.outcomes[0]!.status, 'applied', saved.outcomes[0]!.reason);

    const pinHash = await hashPin('8888', 1_000);
    const t = new Date(f.now()).toISOString();
    const tokens: string[] = [];
    for (let i = 0; i < RESIDENTS; i++) {
      const id = crypto.randomUUID();
      await f.db
        .insertInto('residents')
        .values({ id, station_id: STATION, name: `订餐居民${i}`, phone: `1360000${String(i).padStart(4, '0')}`, birth_year: 1940 + (i % 30), building: `${1 + (i % 20)} 号楼`, consent_at: t, pin_hash: pinHash, card_hash: null, active: 1, revision: 1, failed_attempts: 0, locked_until: null, created_at: t, updated_at: t, ranking_opt_out: 0 })
        .execute();
      // A website session, as POST /api/residents/login would open it.
      const token = `meal-concurrency-${i}-${crypto.randomUUID()}`;
      await f.db.insertInto('resident_sessions').values({ token_hash: sha256Hex(token), resident_id: id, station_id: STATION, created_at: t, expires_at: new Date(f.now() + 3_600_000).toISOString() }).execute();
      tokens.push(token);
    }

    await f.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = f.app.server.address() as AddressInfo;
    const results = await Promise.all(
      tokens.map(async (token, i) => {
        const res = await fetch(`http://127.0.0.1:${port}/api/residents/me/meals`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ bookingId: crypto.randomUUID(), date, meal: 'lunch', set: (['A', 'B', 'C'] as const)[i % 3], variant: null, mode: 'dine-in' }),
        });
        return { status: res.status, body: (await res.json()) as { error?: string; message?: string; booking?: { status: string } } };
      }),
    );

    const created = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status === 409);
    assert.equal(created.length, SEATS);
    assert.equal(refused.length, RESIDENTS - SEATS);
    assert.ok(created.every((r) => r.body.booking?.status === 'confirmed'));
    assert.ok(refused.every((r) => r.body.error === 'full' && r.body.message === MEAL_BOOKING_REFUSALS.full));
    assert.equal(MEAL_BOOKING_REFUSALS.full, '这顿饭已经订满了，没有订上');

    const rows = await f.db.selectFrom('meal_bookings').select(['status']).where('date', '=', date).where('meal', '=', 'lunch').execute();
    assert.equal(rows.length, SEATS, 'online refusals store nothing');
    assert.ok(rows.every((r) => r.status === 'confirmed'));

    const week = await fetch(`http://127.0.0.1:${port}/api/stations/${STATION}/meals/menus?week=${weekStart}`);
    const seats = ((await week.json()) as PublicMealWeek).seatsLeft.find((s) => s.date === date && s.meal === 'lunch')!;
    assert.deepEqual([seats.capacity, seats.left], [SEATS, 0]);
  });
});
