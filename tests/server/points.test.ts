/**
 * Points on the station server: the ledger rules through the sync route and the HTTP routes,
 * every refusal with its plain sentence and no change, idempotency, reversal once, the CHECK
 * backstop, kiosk allowances, the staff desk and the privacy of the public routes.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import {
  holdAccount,
  REDEEM_REFUSALS,
  residentAccount,
  UNDO_WINDOW_MS,
  type CatalogueItem,
  type DeedPointsTable,
  type PointsAccountView,
  type PointsRanking,
  type Redemption,
  type Transfer,
} from '../../domain/index.ts';
import { DEMO_RESIDENTS } from '../../server/seed/demo-data.ts';
import { describeEachDialect } from './databases.ts';
import { assertLedgerInvariants, balance, command, itemDraft, ledgerSnapshot, RESIDENTS, resident, residentToken, TestKiosk } from './points-fixture.ts';
import { openFixture, snapshot, STATION, type Fixture } from './station-fixture.ts';

const ZHANG = resident('张秀英');
const LI = resident('李淑珍');
const WANG = resident('王建华');
const LIU = resident('刘桂兰');
const CHEN = resident('陈国强');
const YANG = resident('杨玉梅');

await describeEachDialect('points', (dialect) => {
  let f: Fixture;
  let kiosk: TestKiosk;
  let staff: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  before(async () => {
    f = await openFixture(dialect.name);
    kiosk = await TestKiosk.pair(f);
    staff = await f.staffToken('1001');
  });
  after(() => f?.close());

  it('the demo seed balances, and the public shop and ranking show no full name or phone', async () => {
    await assertLedgerInvariants(f.db);
    const shop = await f.app.inject({ method: 'GET', url: `/api/stations/${STATION}/points/catalogue` });
    assert.equal(shop.statusCode, 200);
    assert.ok(shop.headers.etag);
    const items = shop.json<{ items: CatalogueItem[] }>().items;
    assert.deepEqual(
      items.map((i) => i.cost),
      [...items.map((i) => i.cost)].sort((a, b) => a - b),
    );
    assert.ok(!items.some((i) => i.name.includes('春节对联') || i.name.includes('中秋月饼')), 'not-yet-active and expired items are not shown');
    assert.equal(items.length, 9);
    const again = await f.app.inject({ method: 'GET', url: `/api/stations/${STATION}/points/catalogue`, headers: { 'if-none-match': shop.headers.etag as string } });
    assert.equal(again.statusCode, 304);

    for (const period of ['year', 'month', undefined]) {
      const res = await f.app.inject({ method: 'GET', url: `/api/stations/${STATION}/points/ranking${period ? `?period=${period}` : ''}`, headers: { origin: 'https://www.example.gov.cn' } });
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['access-control-allow-origin'], '*');
      for (const r of DEMO_RESIDENTS) {
        assert.ok(!res.body.includes(r.name), `no full name ${r.name}`);
        assert.ok(!res.body.includes(r.phone), `no phone of ${r.name}`);
      }
      for (const r of DEMO_RESIDENTS) assert.ok(!shop.body.includes(r.name) && !shop.body.includes(r.phone));
    }
    const ranking = (await f.app.inject({ method: 'GET', url: `/api/stations/${STATION}/points/ranking?period=year` })).json<PointsRanking>();
    // 杨玉梅 opted out: neither her masked name nor her building (18 号楼) appears.
    assert.ok(!ranking.residents.some((r) => r.name === '杨*梅'));
    assert.ok(!ranking.buildings.some((b) => b.building === YANG.building));
    assert.ok(ranking.residents.length >= 1);
    assert.equal(ranking.residents[0]!.rank, 1);
    const bad = await f.app.inject({ method: 'GET', url: `/api/stations/${STATION}/points/ranking?period=week` });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json<{ error: string }>().error, 'bad-request');
  });

  it('catalogue.save creates, edits, detects a stale revision and names content problems in Chinese', async () => {
    const itemId = crypto.randomUUID();
    const created = await kiosk.send('catalogue.save', { itemId, baseRevision: null, draft: itemDraft({ name: ' 酱油一瓶 ', cost: 15 }) }, { staffNo: '1002' });
    assert.equal(created.outcome.status, 'applied');
    assert.equal(created.outcome.catalogueItem!.name, '酱油一瓶');
    assert.equal(created.outcome.catalogueItem!.revision, 1);
    const edited = await kiosk.send('catalogue.save', { itemId, baseRevision: 1, draft: itemDraft({ name: '酱油一瓶', cost: 20 }) }, { staffNo: '1002' });
    assert.equal(edited.outcome.status, 'applied');
    assert.equal(edited.outcome.catalogueItem!.revision, 2);
    const stale = await kiosk.send('catalogue.save', { itemId, baseRevision: 1, draft: itemDraft({ name: '酱油', cost: 5 }) }, { staffNo: '1002' });
    assert.equal(stale.outcome.status, 'conflict');
    assert.equal(stale.outcome.catalogueItem!.cost, 20);
    const before = await ledgerSnapshot(f.db);
    const zero = await kiosk.send('catalogue.save', { itemId: crypto.randomUUID(), baseRevision: null, draft: itemDraft({ cost: 0 }) }, { staffNo: '1002' });
    assert.deepEqual([zero.outcome.status, zero.outcome.reason], ['rejected', '商品没有保存：所需积分要填 1 到 100000 之间的整数']);
    const byResident = await kiosk.send('catalogue.save', { itemId: crypto.randomUUID(), baseRevision: null, draft: itemDraft() }, { residentId: ZHANG.id });
    assert.equal(byResident.outcome.status, 'rejected');
    assert.deepEqual(await ledgerSnapshot(f.db), before);
  });

  it('points.award: staff only, the deed table when points is null, retries never pay twice, one unknown resident refuses all', async () => {
    const start = await balance(f.db, residentAccount(LIU.id));
    const t1 = crypto.randomUUID();
    const t2 = crypto.randomUUID();
    const payload = { awards: [{ residentId: LIU.id, transferId: t1 }, { residentId: CHEN.id, transferId: t2 }], deed: 'hazard-report' as const, points: null, memo: '上报 12 号楼消防通道堵塞' };
    const { cmd, outcome } = await kiosk.send('points.award', payload, { staffNo: '1002' });
    assert.equal(outcome.status, 'applied', outcome.reason);
    assert.equal(outcome.pointsAccounts!.length, 2);
    assert.equal(await balance(f.db, residentAccount(LIU.id)), start + 20);
    const line = outcome.pointsAccounts!.find((a) => a.residentId === LIU.id)!.lines[0]!;
    assert.deepEqual([line.transferId, line.change, line.memo], [t1, 20, '上报 12 号楼消防通道堵塞']);

    const snap = await snapshot(f.db);
    const retry = await f.push(kiosk.token, [cmd]);
    assert.deepEqual(retry.outcomes[0], outcome);
    assert.deepEqual(await snapshot(f.db), snap);
    // The same transfer ids in a new command (a second kiosk, a web retry) pay nothing again.
    const again = await kiosk.send('points.award', payload, { staffNo: '1002' });
    assert.equal(again.outcome.status, 'applied');
    assert.equal(await balance(f.db, residentAccount(LIU.id)), start + 20);
    const route = await f.app.inject({ method: 'POST', url: '/api/staff/points/awards', headers: auth(staff), payload });
    assert.equal(route.statusCode, 201);
    assert.deepEqual(route.json<{ transfers: Transfer[] }>().transfers.map((t) => t.id).sort(), [t1, t2].sort());
    assert.equal(await balance(f.db, residentAccount(LIU.id)), start + 20);

    const before = await ledgerSnapshot(f.db);
    const stranger = DEMO_RESIDENTS.find((r) => r.stationId !== STATION)!;
    const refused = await kiosk.send('points.award', { awards: [{ residentId: LIU.id, transferId: crypto.randomUUID() }, { residentId: stranger.id, transferId: crypto.randomUUID() }], deed: 'activity', points: 5, memo: '' }, { staffNo: '1002' });
    assert.deepEqual([refused.outcome.status, refused.outcome.reason], ['rejected', '有 1 位居民不是本站登记的居民，积分没有发放']);
    const byResident = await kiosk.send('points.award', { awards: [{ residentId: LIU.id, transferId: crypto.randomUUID() }], deed: 'activity', points: 5, memo: '' }, { residentId: LIU.id });
    assert.deepEqual([byResident.outcome.status, byResident.outcome.reason], ['rejected', '积分只能由工作人员发放，积分没有发放']);
    assert.deepEqual(await ledgerSnapshot(f.db), before);
    await assertLedgerInvariants(f.db);
  });

  it('every refusal, through sync and online, gives its plain sentence and changes nothing', async () => {
    const cheap = await kiosk.newItem({ name: '测试香皂', cost: 10, stock: 5 });
    const soldOut = await kiosk.newItem({ name: '测试毛巾', cost: 10, stock: 0 });
    const limited = await kiosk.newItem({ name: '测试大米', cost: 10, stock: 5, monthlyLimit: 1 });
    const expensive = await kiosk.newItem({ name: '测试电饭煲', cost: 100_000, stock: 5 });
    const expired = await kiosk.newItem({ name: '测试月饼', cost: 10, activeFrom: new Date(f.now() - 10 * 86_400_000).toISOString(), activeUntil: new Date(f.now() - 86_400_000).toISOString() });
    const notYet = await kiosk.newItem({ name: '测试春联', cost: 10, activeFrom: new Date(f.now() + 86_400_000).toISOString() });
    await kiosk.award(WANG.id, 100);
    // Use up the monthly limit once, online.
    const first = await kiosk.send('points.redeem', { redemptionId: crypto.randomUUID(), transferId: crypto.randomUUID(), itemId: limited, quantity: 1, funding: 'online' }, { residentId: WANG.id });
    assert.equal(first.outcome.status, 'applied', first.outcome.reason);
    const token = await residentToken(f, WANG);

    const cases: [string, string, keyof typeof REDEEM_REFUSALS, number][] = [
      ['unknown item', crypto.randomUUID(), 'unknown-item', 404],
      ['insufficient points', expensive, 'insufficient-points', 409],
      ['out of stock', soldOut, 'out-of-stock', 409],
      ['limit reached', limited, 'limit-reached', 409],
      ['expired', expired, 'not-active', 409],
      ['not yet active', notYet, 'not-active', 409],
    ];
    for (const [name, itemId, refusal, status] of cases) {
      const before = await ledgerSnapshot(f.db);
      const viaSync = await kiosk.send('points.redeem', { redemptionId: crypto.randomUUID(), transferId: crypto.randomUUID(), itemId, quantity: 1, funding: 'online' }, { residentId: WANG.id });
      assert.deepEqual([viaSync.outcome.status, viaSync.outcome.reason], ['rejected', REDEEM_REFUSALS[refusal]], name);
      const online = await f.app.inject({ method: 'POST', url: '/api/residents/me/redemptions', headers: auth(token), payload: { redemptionId: crypto.randomUUID(), itemId, quantity: 1 } });
      assert.equal(online.statusCode, status, name);
      assert.deepEqual(online.json(), { error: refusal, message: REDEEM_REFUSALS[refusal] }, name);
      assert.deepEqual(await ledgerSnapshot(f.db), before, `${name} changes nothing`);
    }
    // Wrong PIN at the website sign-in: the login's plain 401, and no points moved.
    const before = await snapshot(f.db, ['point_accounts', 'transfers', 'redemptions', 'catalogue_items']);
    const wrong = await f.app.inject({ method: 'POST', url: '/api/residents/login', payload: { stationId: STATION, phone: WANG.phone, pin: '0000' } });
    assert.equal(wrong.statusCode, 401);
    assert.equal(wrong.json<{ error: string }>().error, 'wrong-pin');
    assert.deepEqual(await snapshot(f.db, ['point_accounts', 'transfers', 'redemptions', 'catalogue_items']), before);
    // A redemption needs a resident: staff alone cannot spend someone's points.
    const staffAlone = await kiosk.send('points.redeem', { redemptionId: crypto.randomUUID(), transferId: crypto.randomUUID(), itemId: cheap, quantity: 1, funding: 'online' }, { staffNo: '1002' });
    assert.equal(staffAlone.outcome.status, 'rejected');
    const noToken = await f.app.inject({ method: 'POST', url: '/api/residents/me/redemptions', payload: { redemptionId: crypto.randomUUID(), itemId: cheap, quantity: 1 } });
    assert.equal(noToken.statusCode, 401);
    await assertLedgerInvariants(f.db);
  });

  it('online redemption: 201, the same id again 200 with the stored one, cancel within 10 minutes, not after hand-out', async () => {
    const itemId = await kiosk.newItem({ name: '测试鸡蛋', cost: 30, stock: 10 });
    await kiosk.award(LI.id, 100);
    const token = await residentToken(f, LI);
    const start = await balance(f.db, residentAccount(LI.id));
    const redemptionId = crypto.randomUUID();
    const body = { redemptionId, itemId, quantity: 2 };
    const res = await f.app.inject({ method: 'POST', url: '/api/residents/me/redemptions', headers: auth(token), payload: body });
    assert.equal(res.statusCode, 201, res.body);
    const { redemption, account } = res.json<{ redemption: Redemption; account: PointsAccountView }>();
    assert.equal(redemption.cost, 60);
    assert.equal(redemption.status, 'confirmed');
    assert.match(redemption.voucherCode, /^[23456789A-HJKMNP-Z]{6}$/);
    assert.equal(account.balance, start - 60);
    assert.equal(account.lines[0]!.change, -60);
    const again = await f.app.inject({ method: 'POST', url: '/api/residents/me/redemptions', headers: auth(token), payload: body });
    assert.equal(again.statusCode, 200);
    assert.deepEqual(again.json<{ redemption: Redemption }>().redemption, redemption);
    assert.equal(await balance(f.db, residentAccount(LI.id)), start - 60);
    const item = await f.db.selectFrom('catalogue_items').select('stock').where('id', '=', itemId).executeTakeFirstOrThrow();
    assert.equal(item.stock, 8);

    const mine = await f.app.inject({ method: 'GET', url: '/api/residents/me/points', headers: auth(token) });
    assert.equal(mine.statusCode, 200);
    assert.equal(mine.json<{ redemptions: Redemption[] }>().redemptions[0]!.id, redemptionId);
    assert.ok(!mine.body.includes(LI.phone));

    const cancel = await f.app.inject({ method: 'POST', url: `/api/residents/me/redemptions/${redemptionId}/cancel`, headers: auth(token), payload: {} });
    assert.equal(cancel.statusCode, 200, cancel.body);
    assert.equal(cancel.json<{ redemption: Redemption }>().redemption.status, 'cancelled');
    assert.equal(await balance(f.db, residentAccount(LI.id)), start);
    const cancelAgain = await f.app.inject({ method: 'POST', url: `/api/residents/me/redemptions/${redemptionId}/cancel`, headers: auth(token) });
    assert.equal(cancelAgain.statusCode, 200);
    assert.equal(await balance(f.db, residentAccount(LI.id)), start);
    assert.equal((await f.db.selectFrom('catalogue_items').select('stock').where('id', '=', itemId).executeTakeFirstOrThrow()).stock, 10);

    // Too late: after 10 minutes the resident cannot cancel alone.
    const late = crypto.randomUUID();
    assert.equal((await f.app.inject({ method: 'POST', url: '/api/residents/me/redemptions', headers: auth(token), payload: { redemptionId: late, itemId, quantity: 1 } })).statusCode, 201);
    f.advance(UNDO_WINDOW_MS + 61_000);
    const token2 = await residentToken(f, LI);
    const tooLate = await f.app.inject({ method: 'POST', url: `/api/residents/me/redemptions/${late}/cancel`, headers: auth(token2), payload: {} });
    assert.equal(tooLate.statusCode, 409);
    assert.deepEqual(tooLate.json(), { error: 'cannot-cancel', message: '兑换已经超过 10 分钟，不能自己取消了，请找工作人员帮忙' });

    // Staff hand it out after checking the code; then nobody can cancel it.
    const code = (await f.db.selectFrom('redemptions').select('voucher_code').where('id', '=', late).executeTakeFirstOrThrow()).voucher_code;
    const found = await f.app.inject({ method: 'GET', url: `/api/staff/points/redemptions?code=${code.toLowerCase()}&status=confirmed`, headers: auth(staff) });
    assert.deepEqual(found.json<{ redemptions: Redemption[] }>().redemptions.map((r) => r.id), [late]);
    const handout = await f.app.inject({ method: 'POST', url: `/api/staff/points/redemptions/${late}/handout`, headers: auth(staff), payload: {} });
    assert.equal(handout.statusCode, 200);
    assert.equal(handout.json<{ redemption: Redemption }>().redemption.status, 'handed-out');
    const staffCancel = await kiosk.send('points.redeem-cancel', { redemptionId: late, reversalId: crypto.randomUUID(), reason: '居民不要了' }, { staffNo: '1001' });
    assert.deepEqual([staffCancel.outcome.status, staffCancel.outcome.reason], ['rejected', '东西已经领走了，这笔兑换不能再取消']);
    await assertLedgerInvariants(f.db);
  });

  it('cancel through sync: the resident within 10 minutes (kiosk clock), staff any time, once', async () => {
    const itemId = await kiosk.newItem({ name: '测试挂面', cost: 10, stock: 10 });
    await kiosk.award(CHEN.id, 50);
    const start = await balance(f.db, residentAccount(CHEN.id));
    const r1 = crypto.randomUUID();
    const redeemed = await kiosk.send('points.redeem', { redemptionId: r1, transferId: crypto.randomUUID(), itemId, quantity: 1, funding: 'online' }, { residentId: CHEN.id }, new Date(f.now()).toISOString());
    assert.equal(redeemed.outcome.status, 'applied');
    const undo = await kiosk.send('points.redeem-cancel', { redemptionId: r1, reversalId: crypto.randomUUID(), reason: '点错了' }, { residentId: CHEN.id });
    assert.equal(undo.outcome.status, 'applied', undo.outcome.reason);
    assert.equal(undo.outcome.redemption!.status, 'cancelled');
    assert.equal(await balance(f.db, residentAccount(CHEN.id)), start);
    const twice = await kiosk.send('points.redeem-cancel', { redemptionId: r1, reversalId: crypto.randomUUID(), reason: '点错了' }, { residentId: CHEN.id });
    assert.deepEqual([twice.outcome.status, twice.outcome.reason], ['rejected', '这笔兑换已经取消过了']);

    const r2 = crypto.randomUUID();
    const old = new Date(f.now() - UNDO_WINDOW_MS - 120_000).toISOString();
    assert.equal((await kiosk.send('points.redeem', { redemptionId: r2, transferId: crypto.randomUUID(), itemId, quantity: 1, funding: 'online' }, { residentId: CHEN.id }, old)).outcome.status, 'applied');
    const residentLate = await kiosk.send('points.redeem-cancel', { redemptionId: r2, reversalId: crypto.randomUUID(), reason: '' }, { residentId: CHEN.id });
    assert.deepEqual([residentLate.outcome.status, residentLate.outcome.reason], ['rejected', '兑换已经超过 10 分钟，不能自己取消了，请找工作人员帮忙']);
    const other = await kiosk.send('points.redeem-cancel', { redemptionId: r2, reversalId: crypto.randomUUID(), reason: '' }, { residentId: LIU.id });
    assert.deepEqual([other.outcome.status, other.outcome.reason], ['rejected', '只能取消自己的兑换，没有取消']);
    const byStaff = await kiosk.send('points.redeem-cancel', { redemptionId: r2, reversalId: crypto.randomUUID(), reason: '居民来电取消' }, { staffNo: '1002' });
    assert.equal(byStaff.outcome.status, 'applied');
    assert.equal(await balance(f.db, residentAccount(CHEN.id)), start);
    await assertLedgerInvariants(f.db);
  });

  it('reversal: staff only, with a reason, once; never of a hold, a redemption or into a negative balance', async () => {
    const earned = await kiosk.award(ZHANG.id, 40, 'volunteer-hour', '重复录入的志愿时长');
    const start = await balance(f.db, residentAccount(ZHANG.id));
    // Passbook lines are ordered by time (then id): a later line needs a later clock.
    f.advance(1);
    const byResident = await kiosk.send('points.reverse', { transferId: earned, reversalId: crypto.randomUUID(), reason: '重复录入' }, { residentId: ZHANG.id });
    assert.equal(byResident.outcome.status, 'rejected');
    const { cmd, outcome } = await kiosk.send('points.reverse', { transferId: earned, reversalId: crypto.randomUUID(), reason: '重复录入' }, { staffNo: '1001' });
    assert.equal(outcome.status, 'applied', outcome.reason);
    assert.equal(await balance(f.db, residentAccount(ZHANG.id)), start - 40);
    assert.equal(outcome.pointsAccounts![0]!.lines[0]!.change, -40);
    assert.match(outcome.pointsAccounts![0]!.lines[0]!.memo, /^冲正：重复录入/);
    assert.deepEqual((await f.push(kiosk.token, [cmd])).outcomes[0], outcome);
    const second = await kiosk.send('points.reverse', { transferId: earned, reversalId: crypto.randomUUID(), reason: '再冲一次' }, { staffNo: '1001' });
    assert.deepEqual([second.outcome.status, second.outcome.reason], ['rejected', '这条积分记录已经冲正过了，不能再冲正']);
    assert.equal(await balance(f.db, residentAccount(ZHANG.id)), start - 40);

    // Over HTTP: 201, the same reversal id again 200, a second reversal 409.
    const earned2 = await kiosk.award(ZHANG.id, 5);
    const reversalId = crypto.randomUUID();
    const r1 = await f.app.inject({ method: 'POST', url: `/api/staff/points/transfers/${earned2}/reverse`, headers: auth(staff), payload: { reversalId, reason: '录错人了' } });
    assert.equal(r1.statusCode, 201, r1.body);
    const r2 = await f.app.inject({ method: 'POST', url: `/api/staff/points/transfers/${earned2}/reverse`, headers: auth(staff), payload: { reversalId, reason: '录错人了' } });
    assert.equal(r2.statusCode, 200);
    assert.deepEqual(r2.json(), r1.json());
    const r3 = await f.app.inject({ method: 'POST', url: `/api/staff/points/transfers/${earned2}/reverse`, headers: auth(staff), payload: { reversalId: crypto.randomUUID(), reason: '录错人了' } });
    assert.equal(r3.statusCode, 409);
    const noReason = await f.app.inject({ method: 'POST', url: `/api/staff/points/transfers/${earned2}/reverse`, headers: auth(staff), payload: { reversalId: crypto.randomUUID(), reason: '' } });
    assert.equal(noReason.statusCode, 400);

    // Spent already: reversing would drive the resident negative.
    const spender = resident('刘桂兰');
    const big = await kiosk.award(spender.id, 500);
    const itemId = await kiosk.newItem({ name: '测试冰箱贴', cost: 100, stock: 100 });
    const all = (await balance(f.db, residentAccount(spender.id))) / 100;
    for (let i = 0; i < Math.floor(all); i++) {
      assert.equal((await kiosk.send('points.redeem', { redemptionId: crypto.randomUUID(), transferId: crypto.randomUUID(), itemId, quantity: 1, funding: 'online' }, { residentId: spender.id })).outcome.status, 'applied');
    }
    const before = await ledgerSnapshot(f.db);
    const negative = await kiosk.send('points.reverse', { transferId: big, reversalId: crypto.randomUUID(), reason: '发错了' }, { staffNo: '1001' });
    assert.deepEqual([negative.outcome.status, negative.outcome.reason], ['rejected', '居民现在的积分不够扣回 500 分（可能已经兑换掉了），没有冲正']);
    const redeemTransfer = await f.db.selectFrom('transfers').select('id').where('kind', '=', 'redeem').executeTakeFirstOrThrow();
    const ofRedeem = await kiosk.send('points.reverse', { transferId: redeemTransfer.id, reversalId: crypto.randomUUID(), reason: '退货' }, { staffNo: '1001' });
    assert.deepEqual([ofRedeem.outcome.status, ofRedeem.outcome.reason], ['rejected', '兑换的积分请用“取消兑换”退回，没有冲正']);
    assert.deepEqual(await ledgerSnapshot(f.db), before);
    await assertLedgerInvariants(f.db);
  });

  it('the database itself refuses a negative resident balance and any edit of a transfer', async () => {
    await assert.rejects(
      f.db.updateTable('point_accounts').set({ balance: -1 }).where('id', '=', residentAccount(ZHANG.id)).execute(),
      /CHECK|check constraint|point_accounts_not_negative/i,
    );
    await assert.rejects(f.db.insertInto('point_accounts').values({ id: holdAccount('x', ZHANG.id), station_id: STATION, kind: 'hold', resident_id: ZHANG.id, device_id: null, balance: -5 }).execute(), /CHECK|check constraint/i);
    const t = await f.db.selectFrom('transfers').select('id').executeTakeFirstOrThrow();
    await assert.rejects(f.db.updateTable('transfers').set({ amount: 1 }).where('id', '=', t.id).execute(), /immutable/);
    await assert.rejects(f.db.deleteFrom('transfers').where('id', '=', t.id).execute(), /immutable/);
    await assert.rejects(sql`insert into transfers (id, station_id, kind, from_account, to_account, amount, memo, created_at) values (${crypto.randomUUID()}, ${STATION}, 'earn', ${`issued:${STATION}`}, ${residentAccount(ZHANG.id)}, 0, '', '')`.execute(f.db), /CHECK|check constraint/i);
    await assertLedgerInvariants(f.db);
  });

  it('allowances: the kiosk itself renews, spends offline within its holds, and a forged offline spend is refused', async () => {
    const k2 = await TestKiosk.pair(f, '二号终端');
    const rice = await kiosk.newItem({ name: '测试限兑大米', cost: 20, stock: 8, monthlyLimit: 2 });
    await kiosk.award(YANG.id, 300);
    const owned = await balance(f.db, residentAccount(YANG.id));
    const renew = await k2.send('points.allowance-renew', { requestedAt: new Date().toISOString() }, {});
    assert.equal(renew.outcome.status, 'applied', renew.outcome.reason);
    const a = renew.outcome.allowance!;
    assert.equal(a.points[YANG.id], Math.min(200, Math.floor(owned / 2)));
    assert.equal(a.stock[rice], 4);
    assert.equal(a.limits[`${YANG.id}:${rice}`], 1);
    assert.equal(await balance(f.db, holdAccount(k2.deviceId, YANG.id)), a.points[YANG.id]);

    // Online, the other kiosk's reserved limit unit counts as used: 1 left of 2, so 2 at once is refused.
    const online2 = await kiosk.send('points.redeem', { redemptionId: crypto.randomUUID(), transferId: crypto.randomUUID(), itemId: rice, quantity: 2, funding: 'online' }, { residentId: YANG.id });
    assert.deepEqual([online2.outcome.status, online2.outcome.reason], ['rejected', REDEEM_REFUSALS['limit-reached']]);

    const offline = await k2.send('points.redeem', { redemptionId: crypto.randomUUID(), transferId: crypto.randomUUID(), itemId: rice, quantity: 1, funding: 'kiosk-allowance', cost: 20 }, { residentId: YANG.id });
    assert.equal(offline.outcome.status, 'applied', offline.outcome.reason);
    assert.equal(offline.outcome.redemption!.funding, 'kiosk-allowance');
    const before = await ledgerSnapshot(f.db);
    const forged = await k2.send('points.redeem', { redemptionId: crypto.randomUUID(), transferId: crypto.randomUUID(), itemId: rice, quantity: 1, funding: 'kiosk-allowance', cost: 20 }, { residentId: YANG.id });
    assert.equal(forged.outcome.status, 'rejected');
    assert.equal(forged.outcome.reason, '这台一体机保留的每月兑换次数不够这笔离线兑换，没有兑换（一体机数据可能有误，请联系工作人员）');
    const noHold = await kiosk.send('points.redeem', { redemptionId: crypto.randomUUID(), transferId: crypto.randomUUID(), itemId: rice, quantity: 1, funding: 'kiosk-allowance' }, { residentId: YANG.id });
    assert.equal(noHold.outcome.status, 'rejected');
    assert.deepEqual(await ledgerSnapshot(f.db), before);

    // Renew again: the hold is settled to the new target by one transfer, limits follow the month's use.
    const again = await k2.send('points.allowance-renew', { requestedAt: new Date().toISOString() }, {});
    const owns = (await balance(f.db, residentAccount(YANG.id))) + (await balance(f.db, holdAccount(k2.deviceId, YANG.id)));
    assert.equal(again.outcome.allowance!.points[YANG.id], Math.min(200, Math.floor(owns / 2)));
    assert.equal(again.outcome.allowance!.limits[`${YANG.id}:${rice}`], 1);
    const view = (await f.pull(k2.token, 0, 1000)).changes.find((c) => c.entity === 'points-account' && c.id === YANG.id);
    assert.ok(view && view.op === 'put');
    assert.equal((view.data as PointsAccountView).held, await balance(f.db, holdAccount(k2.deviceId, YANG.id)));
    // An empty actor is allowed for the renew only.
    const bad = await f.app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: auth(k2.token),
      payload: { commands: [{ id: crypto.randomUUID(), seq: k2.seq + 1, type: 'points.redeem', payload: { redemptionId: crypto.randomUUID(), transferId: crypto.randomUUID(), itemId: rice, quantity: 1, funding: 'online' }, actor: {}, createdAt: new Date().toISOString() }] },
    });
    assert.equal(bad.statusCode, 400);
    await assertLedgerInvariants(f.db);
  });

  it('ranking opt-out by the resident or staff; the public ranking follows', async () => {
    await kiosk.award(LI.id, 5000, 'staff-award', '年度优秀志愿者');
    const top = () => f.app.inject({ method: 'GET', url: `/api/stations/${STATION}/points/ranking` }).then((r) => r.json<PointsRanking>());
    assert.equal((await top()).residents[0]!.name, '李*珍');
    const out = await kiosk.send('resident.ranking-opt-out', { residentId: LI.id, optOut: true }, { residentId: LI.id });
    assert.equal(out.outcome.status, 'applied');
    assert.equal(out.outcome.pointsAccounts![0]!.rankingOptOut, true);
    assert.ok(!(await top()).residents.some((r) => r.name === '李*珍'));
    const notYours = await kiosk.send('resident.ranking-opt-out', { residentId: LI.id, optOut: false }, { residentId: ZHANG.id });
    assert.equal(notYours.outcome.status, 'rejected');
    assert.equal((await kiosk.send('resident.ranking-opt-out', { residentId: LI.id, optOut: false }, { staffNo: '1002' })).outcome.status, 'applied');
    assert.equal((await top()).residents[0]!.name, '李*珍');
  });

  it('staff desk: the deed table, and the ledger CSV with a BOM, Chinese header, names but no phones, formulas neutralised', async () => {
    const deeds = await f.app.inject({ method: 'GET', url: '/api/staff/points/deeds', headers: auth(staff) });
    assert.equal(deeds.json<DeedPointsTable>().points['hazard-report'], 20);
    const put = await f.app.inject({ method: 'PUT', url: '/api/staff/points/deeds', headers: auth(staff), payload: { points: { 'volunteer-hour': 12, 'hazard-report': 25, activity: 5, 'staff-award': 10 } } });
    assert.equal(put.statusCode, 200);
    const award = await kiosk.send('points.award', { awards: [{ residentId: WANG.id, transferId: crypto.randomUUID() }], deed: 'hazard-report', points: null, memo: '=HYPERLINK("http://evil")' }, { staffNo: '1001' });
    assert.equal(award.outcome.status, 'applied');
    assert.equal(award.outcome.pointsAccounts![0]!.lines[0]!.change, 25);
    const badDeeds = await f.app.inject({ method: 'PUT', url: '/api/staff/points/deeds', headers: auth(staff), payload: { points: { 'volunteer-hour': 12 } } });
    assert.equal(badDeeds.statusCode, 400);

    const csv = await f.app.inject({ method: 'GET', url: '/api/staff/points/ledger.csv', headers: auth(staff) });
    assert.equal(csv.statusCode, 200);
    assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
    assert.ok(csv.body.startsWith('\uFEFF"时间","记录编号","类型","居民","楼号"'));
    assert.ok(csv.body.includes(`"'=HYPERLINK(""http://evil"")"`));
    assert.ok(!/\n"[=+\-@]/.test(csv.body) && !/,"[=+\-@]/.test(csv.body), 'no cell starts with a formula character');
    assert.ok(csv.body.includes('王建华'));
    for (const r of RESIDENTS) assert.ok(!csv.body.includes(r.phone), `no phone of ${r.name}`);
    const noStaff = await f.app.inject({ method: 'GET', url: '/api/staff/points/ledger.csv' });
    assert.equal(noStaff.statusCode, 401);
    await assertLedgerInvariants(f.db);
  });
  it('every points command pushed twice (also in one batch with the others) applies once and answers the same', async () => {
    const k = await TestKiosk.pair(f, '重发测试终端');
    const itemId = crypto.randomUUID();
    const earn = crypto.randomUUID();
    const r1 = crypto.randomUUID();
    const r2 = crypto.randomUUID();
    const cmds = [
      command(1, 'catalogue.save', { itemId, baseRevision: null, draft: itemDraft({ name: '重发测试 毛巾', cost: 10, stock: 10 }) }, { staffNo: '1001' }),
      command(2, 'points.award', { awards: [{ residentId: CHEN.id, transferId: earn }], deed: 'activity', points: 50, memo: '重发测试' }, { staffNo: '1001' }),
      // Kiosk time = server time here (an earlier test moved the server's clock on).
      command(3, 'points.redeem', { redemptionId: r1, transferId: crypto.randomUUID(), itemId, quantity: 1, funding: 'online' }, { residentId: CHEN.id }, new Date(f.now()).toISOString()),
      command(4, 'points.redeem', { redemptionId: r2, transferId: crypto.randomUUID(), itemId, quantity: 1, funding: 'online' }, { staffNo: '1002', residentId: CHEN.id }),
      command(5, 'points.redeem-cancel', { redemptionId: r1, reversalId: crypto.randomUUID(), reason: '点错了' }, { residentId: CHEN.id }),
      command(6, 'points.handout', { redemptionId: r2 }, { staffNo: '1002' }),
      command(7, 'points.reverse', { transferId: earn, reversalId: crypto.randomUUID(), reason: '重复发放' }, { staffNo: '1001' }),
      command(8, 'resident.ranking-opt-out', { residentId: CHEN.id, optOut: true }, { residentId: CHEN.id }),
      command(9, 'points.allowance-renew', { requestedAt: new Date().toISOString() }, {}),
    ];
    const first = await f.push(k.token, cmds);
    assert.deepEqual(first.outcomes.map((o) => o.status), Array(9).fill('applied'), JSON.stringify(first.outcomes.filter((o) => o.status !== 'applied')));
    const snap = await snapshot(f.db);
    const again = await f.push(k.token, cmds);
    assert.deepEqual(again, first);
    const each = [];
    for (const c of cmds) each.push((await f.push(k.token, [c])).outcomes[0]);
    assert.deepEqual(each, first.outcomes);
    assert.deepEqual(await snapshot(f.db), snap);
    const handoutByResident = await k.send('points.handout', { redemptionId: r2 }, { residentId: CHEN.id });
    assert.equal(handoutByResident.outcome.status, 'rejected');
    await assertLedgerInvariants(f.db);
  });

  it('a command whose handler fails is rolled back alone: the ones before it commit, it is retried, nothing applies twice', async () => {
    const k = await TestKiosk.pair(f, '故障测试终端');
    // A database fault for one memo only, standing in for any error inside a handler.
    if (dialect.name === 'postgres') {
      await sql`CREATE FUNCTION linli_test_fault() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'test fault'; END $$`.execute(f.db);
      await sql`CREATE TRIGGER linli_test_fault BEFORE INSERT ON transfers FOR EACH ROW WHEN (NEW.memo = '故障') EXECUTE FUNCTION linli_test_fault()`.execute(f.db);
    } else {
      await sql`CREATE TRIGGER linli_test_fault BEFORE INSERT ON transfers WHEN NEW.memo = '故障' BEGIN SELECT RAISE(ABORT, 'test fault'); END`.execute(f.db);
    }
    const award = (seq: number, memo: string) => command(seq, 'points.award', { awards: [{ residentId: LIU.id, transferId: crypto.randomUUID() }], deed: 'activity', points: 7, memo }, { staffNo: '1001' });
    // Signed as the kiosk signs them: the raw push below sends them as they are.
    const batch = await Promise.all([award(1, '第一次'), award(2, '故障'), award(3, '第三次')].map((c) => f.prove(c)));
    const start = await balance(f.db, residentAccount(LIU.id));
    const first = await f.push(k.token, batch);
    assert.equal(first.lastSeq, 1);
    assert.deepEqual(first.outcomes.map((o) => o.status), ['applied']);
    assert.equal(await balance(f.db, residentAccount(LIU.id)), start + 7);
    // The whole batch again: the stored outcome of the first, and the same stop.
    const again = await f.push(k.token, batch);
    assert.deepEqual([again.lastSeq, again.outcomes], [1, first.outcomes]);
    // What the kiosk still holds, failing command first: the push fails as a whole (5xx, back off).
    const stuck = await f.app.inject({ method: 'POST', url: '/api/sync/push', headers: auth(k.token), payload: { commands: batch.slice(1) } });
    assert.equal(stuck.statusCode, 500);
    assert.equal(stuck.json<{ error: string }>().error, 'internal');
    assert.equal(await balance(f.db, residentAccount(LIU.id)), start + 7);
    if (dialect.name === 'postgres') await sql`DROP TRIGGER linli_test_fault ON transfers`.execute(f.db);
    else await sql`DROP TRIGGER linli_test_fault`.execute(f.db);
    const healed = await f.push(k.token, batch);
    assert.equal(healed.lastSeq, 3);
    assert.deepEqual(healed.outcomes.map((o) => o.status), ['applied', 'applied', 'applied']);
    assert.equal(await balance(f.db, residentAccount(LIU.id)), start + 21);
    await assertLedgerInvariants(f.db);
  });
});
