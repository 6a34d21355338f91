/**
 * Redemption at the kiosk: the offline allowance arithmetic (covered → a kiosk-allowance command
 * and the voucher at once, offline; not covered offline → the plain sentence and nothing queued;
 * online and not covered → funding 'online', the server's answer awaited: applied, rejected, or no
 * answer → 已提交，联网后确认), the renew and what it resets, each refusal with its sentence and
 * nothing queued, undo within 10 minutes (unsent withdrawn, sent compensated, handed out closed),
 * and a pulled page never hiding a redemption waiting here.
 */
import { expect } from '@open-wc/testing';
import { REDEEM_REFUSALS, voucherCode, type PushRequest } from '../../domain/index.ts';
import { remainingAllowance } from '../../kiosk/points/allowance.ts';
import { queueAllowanceRenewIfDue } from '../../kiosk/points/points-commands.ts';
import { allowanceState } from '../../kiosk/points/points-data.ts';
import { OFFLINE_NOT_COVERED, redeem } from '../../kiosk/points/redeem.ts';
import { residentActions, undoAction } from '../../kiosk/residents/undo.ts';
import { applyPullPage } from '../../kiosk/store/replica.ts';
import { zhangSession } from './elder-fixtures.ts';
import { cleanupDbs, FakeServer, FakeTimers, json, NOW, seed, testServices } from './kiosk-fixtures.ts';
import { account, allowance, CATALOGUE, pointsServer, redemption, seedPoints } from './points-fixtures.ts';

const offline = { isOnline: () => false };

async function kiosk(over: Parameters<typeof testServices>[2] = {}, server = new FakeServer()) {
  const services = testServices(server, new FakeTimers(), over);
  await seed(services.db, {});
  await seedPoints(services.db);
  return services;
}

async function outboxTypes(services: Awaited<ReturnType<typeof kiosk>>): Promise<string[]> {
  return (await services.outbox.pending()).map((r) => r.command.type);
}

describe('points: redemption at the kiosk', () => {
  afterEach(cleanupDbs);

  it('covered by the allowance: offline, a kiosk-allowance command is queued and the voucher shown at once', async () => {
    const services = await kiosk(offline);
    const session = await zhangSession(NOW);
    const result = await redeem(services, session, 'soap', 1);
    expect(result.kind).to.equal('voucher');
    if (result.kind !== 'voucher') return;
    expect(result.redemption.voucherCode).to.equal(voucherCode(result.redemption.id));
    expect(result.redemption.funding).to.equal('kiosk-allowance');
    const [record] = await services.outbox.pending();
    expect(record!.command.type).to.equal('points.redeem');
    expect(record!.command.payload).to.include({ redemptionId: result.redemption.id, itemId: 'soap', quantity: 1, funding: 'kiosk-allowance', cost: 50 });
    expect(record!.command.actor).to.deep.equal({ residentId: 'r-zhang' });
    // What is left of the holds: 60 − 50 points, 2 − 1 units, the monthly limit 2 − 1.
    expect(remainingAllowance(await allowanceState(services.db), 'r-zhang', 'soap', NOW)).to.deep.equal({ points: 10, stock: 1, limit: 1 });
    // Not sent anywhere: offline.
    expect(services.server.pushes()).to.have.length(0);
  });

  it('not covered and offline: the plain sentence, nothing queued', async () => {
    const services = await kiosk(offline);
    const session = await zhangSession(NOW);
    expect((await redeem(services, session, 'soap', 1)).kind).to.equal('voucher');
    // 10 points left in the hold: a second 洗衣液 (50) is not covered; the balance would do, but only online.
    const second = await redeem(services, session, 'soap', 1);
    expect(second).to.deep.equal({ kind: 'offline', message: OFFLINE_NOT_COVERED });
    expect(OFFLINE_NOT_COVERED).to.contain('现在没有联网，这件商品要等联网后才能兑换');
    expect(await outboxTypes(services)).to.deep.equal(['points.redeem']);
    // 毛巾 has no stock hold beyond 3 and costs 20: not covered by 10 points either.
    expect((await redeem(services, session, 'towel', 1)).kind).to.equal('offline');
    expect(await outboxTypes(services)).to.deep.equal(['points.redeem']);
  });

  it('online and not covered: funding online, pushed at once; applied → voucher', async () => {
    const server = new FakeServer();
    const services = await kiosk({}, server);
    await seedPoints(services.db, { allowance: null });
    const session = await zhangSession(NOW);
    const result = await redeem(services, session, 'towel', 2);
    expect(result.kind).to.equal('voucher');
    const pushed = server.pushes().flatMap((p) => p.commands);
    expect(pushed.map((c) => [c.type, c.type === 'points.redeem' ? c.payload.funding : null])).to.deep.equal([['points.redeem', 'online']]);
    const stored = await services.db.run((c) => c.get('redemptions', (result as { redemption: { id: string } }).redemption.id));
    expect(stored!.pendingCommandId).to.equal(undefined);
  });

  it('online and rejected by the server: the plain reason, nothing changed', async () => {
    const server = new FakeServer();
    const services = await kiosk({}, server);
    await seedPoints(services.db, { allowance: null });
    server.pushQueue.push((r) => json(pointsServer({ refuse: () => REDEEM_REFUSALS['out-of-stock'] })(r.body as PushRequest)));
    const session = await zhangSession(NOW);
    const result = await redeem(services, session, 'towel', 1);
    expect(result).to.deep.equal({ kind: 'rejected', message: REDEEM_REFUSALS['out-of-stock'] });
    expect(await services.db.run((c) => c.getAll('redemptions'))).to.deep.equal([]);
    expect(await services.outbox.count()).to.equal(0);
    // An online refusal the resident saw is not a staff matter.
    expect(await services.db.run((c) => c.count('attention'))).to.equal(0);
    const [action] = await residentActions(services.db, 'r-zhang');
    expect(action).to.include({ type: 'points.redeem', status: 'rejected', reason: REDEEM_REFUSALS['out-of-stock'] });
  });

  it('online with no answer in time: 已提交，联网后确认 — kept in the outbox, never shown as confirmed', async () => {
    const server = new FakeServer();
    const services = await kiosk({}, server);
    await seedPoints(services.db, { allowance: null });
    server.pushQueue.push(() => 'network-error');
    const session = await zhangSession(NOW);
    const result = await redeem(services, session, 'towel', 1, 300);
    expect(result.kind).to.equal('submitted');
    expect(await outboxTypes(services)).to.deep.equal(['points.redeem']);
    const [action] = await residentActions(services.db, 'r-zhang');
    expect(action!.status).to.equal('pending');
  });

  it('the renew: queued once online after an allowance redemption (never two waiting); its outcome resets what is left', async () => {
    const server = new FakeServer();
    let online = false;
    const services = await kiosk({ isOnline: () => online }, server);
    const session = await zhangSession(NOW);
    expect((await redeem(services, session, 'soap', 1)).kind).to.equal('voucher');
    expect((await allowanceState(services.db)).dirty).to.equal(true);
    // Offline: the engine asks for nothing.
    expect(await outboxTypes(services)).to.deep.equal(['points.redeem']);
    online = true;
    const answer = pointsServer({ grant: () => allowance({ points: { 'r-zhang': 100 }, stock: { soap: 5, towel: 5 } }) });
    server.pushQueue.push((r) => json(answer(r.body as PushRequest)), (r) => json(answer(r.body as PushRequest)));
    await services.engine.syncNow();
    expect(server.pushes().map((p) => p.commands.map((c) => c.type))).to.deep.equal([['points.redeem'], ['points.allowance-renew']]);
    const renew = server.pushes()[1]!.commands[0]!;
    expect(renew.actor).to.deep.equal({});
    const state = await allowanceState(services.db);
    expect(state.renewing).to.equal(null);
    expect(state.renewSeq).to.equal(renew.seq);
    expect(state.allowance!.points['r-zhang']).to.equal(100);
    expect(state.spent).to.deep.equal([]);
    expect(remainingAllowance(state, 'r-zhang', 'soap', NOW)).to.deep.equal({ points: 100, stock: 5, limit: 2 });
    // Fresh for 5 minutes: no new renew; a second one never waits behind the first.
    expect(await queueAllowanceRenewIfDue(services.outbox, NOW)).to.equal(false);
    const later = new Date(NOW.getTime() + 5 * 60_000);
    expect(await queueAllowanceRenewIfDue(services.outbox, later)).to.equal(true);
    expect(await queueAllowanceRenewIfDue(services.outbox, later)).to.equal(false);
    expect(await outboxTypes(services)).to.deep.equal(['points.allowance-renew']);
  });

  it('a spend queued after the renew still counts once the renew answers', async () => {
    const server = new FakeServer();
    const services = await kiosk(offline, server);
    const session = await zhangSession(NOW);
    await seedPoints(services.db, { allowance: allowance({ points: { 'r-zhang': 60 }, stock: { towel: 3 } }) });
    expect((await redeem(services, session, 'towel', 1)).kind).to.equal('voucher');
    expect(await queueAllowanceRenewIfDue(services.outbox, NOW)).to.equal(true);
    // While the renew waits, spends after it must fit what the server grants at least: half of the 40 left.
    expect(remainingAllowance(await allowanceState(services.db), 'r-zhang', 'towel', NOW)).to.deep.equal({ points: 20, stock: 1, limit: 0 });
    expect((await redeem(services, session, 'towel', 1)).kind).to.equal('voucher');
    expect(remainingAllowance(await allowanceState(services.db), 'r-zhang', 'towel', NOW)).to.deep.equal({ points: 0, stock: 0, limit: 0 });
    expect((await redeem(services, session, 'towel', 1)).kind).to.equal('offline');
    const renew = (await services.outbox.pending()).find((r) => r.command.type === 'points.allowance-renew')!;
    const { applyPushOutcomes } = await import('../../kiosk/store/replica.ts');
    await applyPushOutcomes(services.db, [{ seq: renew.seq, commandId: renew.command.id, status: 'applied', allowance: allowance({ points: { 'r-zhang': 50 }, stock: { towel: 2 } }) }], 's1', NOW);
    // The new hold, less the one queued after the renew.
    expect(remainingAllowance(await allowanceState(services.db), 'r-zhang', 'towel', NOW)).to.deep.equal({ points: 30, stock: 1, limit: 0 });
  });

  it('the sync engine asks for a renew after an allowance redemption, online, and at a station with a catalogue only', async () => {
    const server = new FakeServer();
    const services = await kiosk({}, server);
    const session = await zhangSession(NOW);
    expect((await redeem(services, session, 'soap', 1)).kind).to.equal('voucher');
    await services.engine.syncNow();
    const sent = server.pushes().flatMap((p) => p.commands.map((c) => c.type));
    expect(sent).to.deep.equal(['points.redeem', 'points.allowance-renew']);
    expect(await services.outbox.count()).to.equal(0);
    // A station without a catalogue never asks.
    const bare = testServices();
    await seed(bare.db, {});
    await bare.engine.syncNow();
    expect(bare.server.pushes()).to.have.length(0);
  });

  const refusals: [string, string, number, keyof typeof REDEEM_REFUSALS, Parameters<typeof seedPoints>[1]?][] = [
    ['insufficient points', 'towel', 1, 'insufficient-points', { accounts: [account({ balance: 10, held: 0 })], allowance: null }],
    ['out of stock', 'rice', 1, 'out-of-stock'],
    ['limit reached', 'soap', 1, 'limit-reached', { redemptions: [redemption({ id: 'old-1', quantity: 2, voucherCode: 'AAAAAA' })], allowance: allowance({ limits: { 'r-zhang:soap': 0 } }) }],
    ['not active', 'haircut', 1, 'not-active'],
    ['unknown item', 'gone', 1, 'unknown-item'],
  ];
  for (const [name, itemId, quantity, refusal, data] of refusals) {
    it(`${name}: the plain sentence, nothing queued (online or not)`, async () => {
      for (const over of [{}, offline]) {
        const services = await kiosk(over);
        if (data) await seedPoints(services.db, data);
        const result = await redeem(services, await zhangSession(NOW), itemId, quantity);
        expect(result).to.deep.equal({ kind: 'refused', refusal, message: REDEEM_REFUSALS[refusal] });
        expect(await services.outbox.count()).to.equal(0);
        expect(services.server.pushes()).to.have.length(0);
      }
    });
  }

  it('undo within 10 minutes: unsent → taken out of the outbox with its spend; sent → points.redeem-cancel', async () => {
    const server = new FakeServer();
    const services = await kiosk(offline, server);
    const session = await zhangSession(NOW);
    const first = await redeem(services, session, 'soap', 1);
    const [action] = await residentActions(services.db, 'r-zhang');
    expect(await undoAction(services.outbox, session, action!.id, NOW)).to.equal('withdrawn');
    expect(await services.outbox.count()).to.equal(0);
    expect(await services.db.run((c) => c.get('redemptions', (first as { redemption: { id: string } }).redemption.id))).to.equal(undefined);
    expect((await allowanceState(services.db)).spent).to.deep.equal([]);

    // Sent (and applied): a compensating cancel, and the redemption shows as cancelled at once.
    const online = await kiosk({}, new FakeServer());
    const second = await redeem(online, session, 'soap', 1);
    await online.engine.syncNow();
    const redeemAction = (await residentActions(online.db, 'r-zhang')).find((a) => a.type === 'points.redeem')!;
    expect(redeemAction.status).to.equal('applied');
    // The renew went out after it; stop the server now so the cancel waits.
    online.server.pushQueue.push(() => 'network-error');
    expect(await undoAction(online.outbox, session, redeemAction.id, new Date(NOW.getTime() + 9 * 60_000))).to.equal('compensated');
    const cancel = (await online.outbox.pending()).find((r) => r.command.type === 'points.redeem-cancel')!;
    expect((cancel.command.payload as object)).to.include({ redemptionId: (second as { redemption: { id: string } }).redemption.id });
    expect((await online.db.run((c) => c.get('redemptions', (cancel.command.payload as { redemptionId: string }).redemptionId)))!.status).to.equal('cancelled');
    // Too late (10 minutes), and handed out: not allowed.
    const third = await redeem(online, session, 'towel', 1);
    const thirdAction = (await residentActions(online.db, 'r-zhang')).find((a) => (a.command.payload as unknown as { redemptionId?: string }).redemptionId === (third as { redemption: { id: string } }).redemption.id)!;
    expect(await undoAction(online.outbox, session, thirdAction.id, new Date(NOW.getTime() + 10 * 60_000))).to.equal('not-allowed');
    await applyPullPage(online.db, {
      changes: [{ seq: 9, entity: 'redemption', op: 'put', id: (third as { redemption: { id: string } }).redemption.id, data: { ...(third as { redemption: import('../../domain/index.ts').Redemption }).redemption, status: 'handed-out', handedOutAt: NOW.toISOString() } }],
      cursor: 9,
      more: false,
    });
    expect(await undoAction(online.outbox, session, thirdAction.id, NOW)).to.equal('not-allowed');
  });

  it('a pulled page never hides a redemption waiting here; pulled accounts and catalogue land', async () => {
    const services = await kiosk(offline);
    const session = await zhangSession(NOW);
    const result = await redeem(services, session, 'soap', 1);
    const id = (result as { redemption: { id: string } }).redemption.id;
    await applyPullPage(services.db, {
      changes: [
        { seq: 1, entity: 'redemption', op: 'delete', id },
        { seq: 2, entity: 'points-account', op: 'put', id: 'r-zhang', data: account({ balance: 500 }) },
        { seq: 3, entity: 'catalogue-item', op: 'put', id: 'towel', data: { ...CATALOGUE[1]!, stock: 1, revision: 2 } },
        { seq: 4, entity: 'deed-points', op: 'put', id: 's1', data: { stationId: 's1', points: { 'volunteer-hour': 12, 'hazard-report': 20, activity: 8, 'staff-award': 10 } } },
      ],
      cursor: 4,
      more: false,
    });
    const kept = await services.db.run((c) => c.get('redemptions', id));
    expect(kept!.pendingCommandId).to.be.a('string');
    await applyPullPage(services.db, { changes: [{ seq: 5, entity: 'redemption', op: 'put', id, data: { ...kept!, pendingCommandId: undefined, serverCopy: undefined, status: 'confirmed' } as never }], cursor: 5, more: false });
    const merged = await services.db.run((c) => c.get('redemptions', id));
    expect(merged!.pendingCommandId).to.be.a('string');
    expect(merged!.serverCopy).to.not.equal(null);
    expect((await services.db.run((c) => c.get('pointsAccounts', 'r-zhang')))!.balance).to.equal(500);
    expect((await services.db.run((c) => c.get('catalogue', 'towel')))!.stock).to.equal(1);
    expect((await services.db.getMeta('deedPoints'))!.points.activity).to.equal(8);
    expect(await services.db.getMeta('cursor')).to.equal(5);
  });
});
