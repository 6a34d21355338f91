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
import { REDEEM_REFUSALS, type CatalogueItemDraft, type CommandOutcome } from '../../domain/index.ts';
import { catalogueItemFromRow } from '../../server/points/ledger.ts';
import { describeEachDialect } from './databases.ts';
import { assertLedgerInvariants, itemDraft, resident, TestKiosk } from './points-fixture.ts';
import { openFixture, type Fixture } from './station-fixture.ts';

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
