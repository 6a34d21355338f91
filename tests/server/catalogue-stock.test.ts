/**
 * Stock is a quantity others move (online redemptions, kiosk holds, cancellations), so a
 * catalogue edit never writes back the stock its editor last saw: it carries a change
 * (`stockDelta`: 补货 +N / 减少 −N) that the server applies to the stock as it is, or the edit
 * conflicts (docs/architecture.md, "Points"; issue 13, defect 3).
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CatalogueItem, Change, CommandOutcome } from '../../domain/index.ts';
import { describeEachDialect } from './databases.ts';
import { assertLedgerInvariants, itemDraft, ledgerSnapshot, resident, TestKiosk } from './points-fixture.ts';
import { openFixture, type Fixture } from './station-fixture.ts';

const ZHANG = resident('张秀英');

await describeEachDialect('catalogue stock moves by deltas', (dialect) => {
  let f: Fixture;
  let kiosk: TestKiosk;
  let editor: TestKiosk;
  before(async () => {
    f = await openFixture(dialect.name);
    kiosk = await TestKiosk.pair(f, '大厅一体机');
    editor = await TestKiosk.pair(f, '办公室一体机');
    await kiosk.award(ZHANG.id, 500);
  });
  after(() => f?.close());

  const stockOf = async (itemId: string) => (await f.db.selectFrom('catalogue_items').select(['stock', 'name', 'revision']).where('id', '=', itemId).executeTakeFirstOrThrow());

  /** A new item of 10 units that the editor kiosk has seen (revision 1, stock 10), then three units redeemed online. */
  async function itemRedeemedThrice(): Promise<{ itemId: string; seen: CatalogueItem }> {
    const itemId = crypto.randomUUID();
    const created = await editor.send('catalogue.save', { itemId, baseRevision: null, draft: itemDraft({ name: '肥皂', stock: 10 }) }, { staffNo: '1001' });
    assert.equal(created.outcome.status, 'applied', created.outcome.reason);
    const seen = created.outcome.catalogueItem!;
    assert.equal(seen.stock, 10);
    for (let i = 0; i < 3; i++) {
      const { outcome } = await kiosk.send(
        'points.redeem',
        { redemptionId: crypto.randomUUID(), transferId: crypto.randomUUID(), itemId, quantity: 1, funding: 'online' },
        { residentId: ZHANG.id },
        new Date(f.now()).toISOString(),
      );
      assert.equal(outcome.status, 'applied', outcome.reason);
    }
    assert.equal((await stockOf(itemId)).stock, 7);
    // A redemption does not bump the revision: the editor's base is still current.
    assert.equal((await stockOf(itemId)).revision, 1);
    return { itemId, seen };
  }

  const draftFrom = (seen: CatalogueItem, over: Partial<CatalogueItem> = {}) =>
    itemDraft({ name: seen.name, cost: seen.cost, stock: seen.stock, monthlyLimit: seen.monthlyLimit, ...over });

  it('three online redemptions, then a rename from an editor that saw the old stock: stock is old − 3', async () => {
    const { itemId, seen } = await itemRedeemedThrice();
    const { outcome } = await editor.send('catalogue.save', { itemId, baseRevision: seen.revision, draft: draftFrom(seen, { name: '香皂' }), stockDelta: 0 }, { staffNo: '1001' });
    assert.equal(outcome.status, 'applied', outcome.reason);
    assert.deepEqual(await stockOf(itemId), { stock: 7, name: '香皂', revision: 2 });
    assert.equal(outcome.catalogueItem!.stock, 7);
    // What the kiosks pull is the server's stock, not the editor's.
    const feed = await f.pull(kiosk.token, 0, 1000);
    const last = feed.changes.filter((c: Change) => c.entity === 'catalogue-item' && c.id === itemId).at(-1)!;
    assert.equal(last.op === 'put' && (last.data as CatalogueItem).stock, 7);
    await assertLedgerInvariants(f.db);
  });

  it('an edit without a stock change (as a kiosk from before stockDelta sends it) whose stock is stale conflicts and writes nothing', async () => {
    const { itemId, seen } = await itemRedeemedThrice();
    const before = await ledgerSnapshot(f.db);
    const { outcome } = await editor.send('catalogue.save', { itemId, baseRevision: seen.revision, draft: draftFrom(seen, { name: '香皂' }) }, { staffNo: '1001' });
    assert.equal(outcome.status, 'conflict', JSON.stringify(outcome));
    assert.match(outcome.reason!, /库存/);
    assert.equal(outcome.catalogueItem!.stock, 7);
    assert.deepEqual(await stockOf(itemId), { stock: 7, name: '肥皂', revision: 1 });
    // Only the audit row and the stored outcome were written (neither is a ledger table).
    assert.deepEqual(await ledgerSnapshot(f.db), before);
  });

  it('补货 +5 and 减少 −2 apply to the stock as it is now, with the rename in the same edit', async () => {
    const { itemId, seen } = await itemRedeemedThrice();
    const restock = await editor.send('catalogue.save', { itemId, baseRevision: 1, draft: draftFrom(seen, { stock: 15 }), stockDelta: 5 }, { staffNo: '1001' });
    assert.equal(restock.outcome.status, 'applied', restock.outcome.reason);
    assert.equal((await stockOf(itemId)).stock, 12);
    const writeOff = await editor.send('catalogue.save', { itemId, baseRevision: 2, draft: draftFrom(seen, { name: '香皂', stock: 13 }), stockDelta: -2 }, { staffNo: '1001' });
    assert.equal(writeOff.outcome.status, 'applied', writeOff.outcome.reason);
    assert.deepEqual(await stockOf(itemId), { stock: 10, name: '香皂', revision: 3 });
    const audit = await f.db.selectFrom('audit_log').select('detail').where('entity_id', '=', itemId).orderBy('id').execute();
    assert.match(audit.at(-2)!.detail, /补货 5 件/);
    assert.match(audit.at(-1)!.detail, /减少 2 件/);
  });

  it('减少 more than the station has (units held by kiosks not counted) conflicts with the count in plain words, and changes nothing', async () => {
    const { itemId, seen } = await itemRedeemedThrice();
    const renew = await kiosk.send('points.allowance-renew', { requestedAt: new Date(f.now()).toISOString() }, {});
    assert.equal(renew.outcome.status, 'applied', renew.outcome.reason);
    const held = renew.outcome.allowance!.stock[itemId]!;
    assert.ok(held > 0);
    const left = (await stockOf(itemId)).stock;
    assert.equal(left, 7 - held);
    const before = await ledgerSnapshot(f.db);
    const { outcome } = await editor.send('catalogue.save', { itemId, baseRevision: 1, draft: draftFrom(seen, { stock: 4 }), stockDelta: -6 }, { staffNo: '1001' });
    assert.equal(outcome.status, 'conflict');
    assert.equal(outcome.reason, `要减少 6 件，但服务站现在只有 ${left} 件（另有 ${held} 件留给一体机离线兑换，一体机联网更新额度后才会退回），商品没有保存，请对照后再保存`);
    assert.equal(outcome.catalogueItem!.stock, left);
    assert.deepEqual(await ledgerSnapshot(f.db), before);
  });

  it('a new item takes the stock typed in; a stock change on a new item, or past the most an item may have, is refused in plain words', async () => {
    const before = await ledgerSnapshot(f.db);
    const withDelta = await editor.send('catalogue.save', { itemId: crypto.randomUUID(), baseRevision: null, draft: itemDraft({ stock: 3 }), stockDelta: 2 }, { staffNo: '1001' });
    assert.deepEqual([withDelta.outcome.status, withDelta.outcome.reason], ['rejected', '新商品请直接填写库存，不能补货或减少，商品没有保存']);
    const { itemId } = await itemRedeemedThrice();
    const snap = await ledgerSnapshot(f.db);
    const tooMany: { outcome: CommandOutcome } = await editor.send('catalogue.save', { itemId, baseRevision: 1, draft: itemDraft({ name: '肥皂', stock: 100_000 }), stockDelta: 99_998 }, { staffNo: '1001' });
    assert.deepEqual([tooMany.outcome.status, tooMany.outcome.reason], ['rejected', '补货后库存会超过 100000 件，商品没有保存']);
    assert.deepEqual(await ledgerSnapshot(f.db), snap);
    assert.notDeepEqual(snap, before);
  });
});
