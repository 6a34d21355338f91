/**
 * 200 residents redeem the last 50 units of an item at the same moment, over real HTTP (the app
 * listening on a loopback port, so the requests truly overlap): exactly 50 get it, 150 hear
 * "已经兑换完了", the stock ends at 0 and the ledger balances.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { hashPin, REDEEM_REFUSALS, residentAccount } from '../../domain/index.ts';
import { sha256Hex } from '../../server/auth/tokens.ts';
import { createResident } from '../../server/content/residents.ts';
import { describeEachDialect } from './databases.ts';
import { assertLedgerInvariants, TestKiosk } from './points-fixture.ts';
import { openFixture, STATION, type Fixture } from './station-fixture.ts';

const RESIDENTS = 200;
const STOCK = 50;

await describeEachDialect('200 concurrent online redemptions', (dialect) => {
  let f: Fixture;
  before(async () => {
    f = await openFixture(dialect.name);
  });
  after(() => f?.close());

  it(`of an item with stock ${STOCK}: exactly ${STOCK} succeed`, async () => {
    const kiosk = await TestKiosk.pair(f);
    const itemId = await kiosk.newItem({ name: '限量保温杯', cost: 40, stock: STOCK });
    const pinHash = await hashPin('8888', 1_000);
    const now = new Date(f.now());
    const residents: { id: string; token: string }[] = [];
    for (let i = 0; i < RESIDENTS; i++) {
      const id = crypto.randomUUID();
      await createResident(
        f.db,
        { id, stationId: STATION, name: `测试居民${i}`, phone: `1370000${String(i).padStart(4, '0')}`, birthYear: 1950, building: `${1 + (i % 20)} 号楼`, consentAt: now.toISOString(), pinHash, cardHash: null, active: true, revision: 1, updatedAt: now.toISOString() },
        now,
      );
      // A website session, as POST /api/residents/login would open it.
      const token = `concurrency-${i}-${crypto.randomUUID()}`;
      await f.db.insertInto('resident_sessions').values({ token_hash: sha256Hex(token), resident_id: id, station_id: STATION, created_at: now.toISOString(), expires_at: new Date(f.now() + 3_600_000).toISOString() }).execute();
      residents.push({ id, token });
    }
    const staff = await f.staffToken('1001');
    const award = await f.app.inject({
      method: 'POST',
      url: '/api/staff/points/awards',
      headers: { authorization: `Bearer ${staff}` },
      payload: { awards: residents.map((r) => ({ residentId: r.id, transferId: crypto.randomUUID() })), deed: 'activity', points: 100, memo: '参加 社区运动会' },
    });
    assert.equal(award.statusCode, 201, award.body);

    await f.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = f.app.server.address() as AddressInfo;
    const results = await Promise.all(
      residents.map(async (r) => {
        const res = await fetch(`http://127.0.0.1:${port}/api/residents/me/redemptions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${r.token}` },
          body: JSON.stringify({ redemptionId: crypto.randomUUID(), itemId, quantity: 1 }),
        });
        return { status: res.status, body: (await res.json()) as { error?: string; message?: string } };
      }),
    );
    const by = (s: number) => results.filter((r) => r.status === s);
    assert.equal(by(201).length, STOCK, JSON.stringify(results.filter((r) => r.status !== 201 && r.status !== 409).slice(0, 3)));
    assert.equal(by(409).length, RESIDENTS - STOCK);
    for (const r of by(409)) assert.deepEqual(r.body, { error: 'out-of-stock', message: REDEEM_REFUSALS['out-of-stock'] });

    const item = await f.db.selectFrom('catalogue_items').select('stock').where('id', '=', itemId).executeTakeFirstOrThrow();
    assert.equal(item.stock, 0);
    const redemptions = await f.db.selectFrom('redemptions').select('resident_id').where('item_id', '=', itemId).execute();
    assert.equal(redemptions.length, STOCK);
    assert.equal(new Set(redemptions.map((r) => r.resident_id)).size, STOCK);
    const paid = await f.db.selectFrom('point_accounts').select('balance').where('id', 'in', residents.map((r) => residentAccount(r.id))).where('balance', '=', 60).execute();
    assert.equal(paid.length, STOCK);
    await assertLedgerInvariants(f.db);
  });
});
