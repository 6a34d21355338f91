/**
 * The points screens as people use them: the shop flow to a voucher whose code is the domain's
 * voucherCode, each refusal said plainly with nothing queued, 已提交，联网后确认 in 我的, 我的积分
 * with its passbook (printed with a masked name and no phone), 撤销 and the ranking switch; staff
 * award (one and many, points prefilled from the deed table), hand-out by voucher code, reversal
 * with a required reason, and a catalogue edit that conflicts landing on 需要处理 with both versions.
 * Read-aloud never says the resident's name, phone or voucher code.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../kiosk/define.ts';
import '../../kiosk/points/define.ts';
import { REDEEM_REFUSALS, voucherCode, type PushRequest } from '../../domain/index.ts';
import type { LinliMyPointsScreen } from '../../kiosk/points/my-points-screen.ts';
import type { LinliPointsStaffScreen } from '../../kiosk/points/points-staff-screen.ts';
import type { LinliPointsCatalogueScreen } from '../../kiosk/points/catalogue-screen.ts';
import type { LinliPointsShopScreen } from '../../kiosk/points/shop-screen.ts';
import type { LinliAttentionScreen } from '../../kiosk/screens/attention-screen.ts';
import type { StaffSession } from '../../kiosk/staff/staff-sign-in.ts';
import { findInDom, installSpeech, openScenario, restoreSpeech, screenEl, zhangSession, type FakeSynth } from './elder-fixtures.ts';
import { cleanupDbs, FakeServer, FakeTimers, json, NOW, seed, testServices, until } from './kiosk-fixtures.ts';
import { account, CATALOGUE, redemption, seedPoints } from './points-fixtures.ts';
import { seedResidents } from './residents-fixtures.ts';

const STAFF: StaffSession = { staffNo: '1001', name: '王芳', role: 'manager' };
type Services = ReturnType<typeof testServices>;

async function services(over: Parameters<typeof testServices>[2] = {}, server = new FakeServer()): Promise<Services> {
  const s = testServices(server, new FakeTimers(), over);
  await seed(s.db, {});
  await seedResidents(s.db);
  await seedPoints(s.db);
  return s;
}

async function shop(s: Services): Promise<LinliPointsShopScreen> {
  const el = await fixture<LinliPointsShopScreen>(html`<linli-points-shop-screen lang="zh-CN" .services=${s} .session=${await zhangSession(NOW)}></linli-points-shop-screen>`);
  await until(() => el.rows.length === 4, 3000, 'rows');
  await el.updateComplete;
  return el;
}

const $ = <T extends Element = HTMLElement>(el: Element, selector: string): T => {
  const found = el.shadowRoot!.querySelector<T>(selector);
  if (!found) throw new Error(`no ${selector}`);
  return found;
};

async function click(el: Element & { updateComplete: Promise<unknown> }, selector: string): Promise<void> {
  $(el, selector).click();
  await new Promise((r) => setTimeout(r, 10));
  await el.updateComplete;
}

describe('points screens', () => {
  let synth: FakeSynth;
  beforeEach(() => {
    synth = installSpeech();
  });
  afterEach(async () => {
    restoreSpeech();
    document.body.querySelectorAll('linli-points-print').forEach((p) => p.remove());
    await cleanupDbs();
  });

  it('shop: list marks 已兑完 and 不在兑换时间; choose → 1 by default → sheet says what is left → voucher with voucherCode(id)', async () => {
    const s = await services({ isOnline: () => false });
    const el = await shop(s);
    const state = (id: string): string | null => $(el, `li[data-item="${id}"]`).getAttribute('data-state');
    expect([state('soap'), state('towel'), state('rice'), state('haircut')]).to.deep.equal(['open', 'open', 'sold-out', 'not-active']);
    expect($(el, 'li[data-item="rice"] .sold-out').textContent).to.equal('已兑完');
    expect($(el, 'li[data-item="haircut"] .not-active').textContent).to.equal('不在兑换时间');
    expect($<HTMLButtonElement>(el, 'li[data-item="rice"] button.choose').disabled).to.equal(true);
    expect($(el, '.balance').textContent).to.equal('您现在有 180 分');
    expect($(el, 'li[data-item="soap"] .limit').textContent).to.equal('每人每月限 2 件');
    await click(el, 'li[data-item="soap"] button.choose');
    expect($(el, '.stepper .value').textContent).to.equal('1 件');
    await click(el, 'button.next');
    await until(() => el.confirming !== null, 2000, 'sheet');
    await el.updateComplete;
    const sheet = $(el, 'linli-confirm-sheet');
    expect(sheet.getAttribute('message')).to.equal('兑换 洗衣液 1 件，用 50 分。兑换后还剩 130 分。');
    sheet.shadowRoot!.querySelector<HTMLButtonElement>('button.confirm')!.click();
    await until(() => el.step === 'voucher', 3000, 'voucher');
    await el.updateComplete;
    const r = el.result!;
    expect($(el, '.code').textContent).to.equal(voucherCode(r.id));
    expect($(el, '.show-staff').textContent).to.equal('请把兑换码给工作人员看');
    expect($(el, '.item').textContent).to.equal('洗衣液 × 1');
    // Spoken: never the code, never the name.
    const spoken = el.spokenText();
    expect(spoken).to.equal('兑换成功。洗衣液 × 1。请把兑换码给工作人员看。兑换码在屏幕上。打印兑换券。');
    // Printed: code, item, masked name; no full name, no phone.
    let printed = '';
    s.print = () => {
      const p = document.body.querySelector('linli-points-print');
      printed = p?.shadowRoot?.textContent ?? '';
      expect(findInDom('13800138001', p!)).to.deep.equal([]);
      expect(findInDom('张秀英', p!)).to.deep.equal([]);
    };
    await click(el, 'button.print');
    await until(() => printed.length > 0, 2000, 'printed');
    expect(printed).to.contain(voucherCode(r.id)).and.to.contain('张*英').and.to.contain('洗衣液');
    expect(printed).not.to.contain('138');
    expect(document.body.querySelector('linli-points-print')).to.equal(null);
  });

  const refusals: [string, string, keyof typeof REDEEM_REFUSALS, Parameters<typeof seedPoints>[1]][] = [
    ['insufficient points', 'towel', 'insufficient-points', { accounts: [account({ balance: 5, held: 0 })], allowance: null }],
    ['limit reached', 'soap', 'limit-reached', { redemptions: [redemption({ id: 'm1', quantity: 2 })], allowance: null }],
    ['out of stock', 'towel', 'out-of-stock', { items: [{ ...CATALOGUE[1]!, stock: 0 }], allowance: null }],
    ['not active', 'towel', 'not-active', { items: [{ ...CATALOGUE[1]!, activeUntil: '2026-11-01T00:00:00.000Z' }], allowance: null }],
    ['unknown item', 'towel', 'unknown-item', { items: [{ ...CATALOGUE[1]!, retired: true }], allowance: null }],
  ];
  for (const [name, id, refusal, data] of refusals) {
    it(`shop: ${name} is said plainly (and spoken), nothing is queued`, async () => {
      const s = await services();
      const el = await shop(s);
      // The item changes (or the resident's situation does) while the screen is open.
      el.chosen = el.rows.find((r) => r.item.id === id)!.item;
      el.step = 'quantity';
      await el.updateComplete;
      await seedPoints(s.db, data);
      await click(el, 'button.next');
      await until(() => el.step === 'refused', 2000, 'refused');
      await el.updateComplete;
      expect($(el, '.sentence').textContent).to.equal(REDEEM_REFUSALS[refusal]);
      expect(el.spokenText()).to.equal(`没有兑换。${REDEEM_REFUSALS[refusal]}。回到积分超市。`);
      expect(await s.outbox.count()).to.equal(0);
    });
  }

  it('online with no answer: 已提交，联网后确认 on the shop, in 我的 and in 我的积分 (no code shown)', async () => {
    const server = new FakeServer();
    const s = await services({}, server);
    await seedPoints(s.db, { allowance: null });
    server.pushQueue.push(() => new Promise<Response>(() => undefined));
    const { redeem } = await import('../../kiosk/points/redeem.ts');
    const session = await zhangSession(NOW);
    const result = await redeem(s, session, 'towel', 1, 200);
    expect(result.kind).to.equal('submitted');
    const mine = await fixture(html`<linli-mine-screen lang="zh-CN" .services=${s} .session=${session}></linli-mine-screen>`);
    await until(() => (mine.shadowRoot?.querySelectorAll('li').length ?? 0) === 1, 2000, '我的');
    expect(mine.shadowRoot!.querySelector('li .status')!.textContent).to.equal('已提交，联网后确认');
    const points = await fixture<LinliMyPointsScreen>(html`<linli-my-points-screen lang="zh-CN" .services=${s} .session=${session}></linli-my-points-screen>`);
    await until(() => points.pending.length === 1, 2000, 'pending');
    await points.updateComplete;
    expect($(points, 'section.pending li').getAttribute('data-state')).to.equal('submitted');
    expect($(points, 'section.pending li .status').textContent).to.equal('已提交，联网后确认');
    expect(points.shadowRoot!.querySelector('section.pending li .code')).to.equal(null);
  });

  it('我的积分: balance, pending with code and 撤销, passbook lines, print, ranking switch; spoken without name, phone or code', async () => {
    const s = await services({ isOnline: () => false });
    const session = await zhangSession(NOW);
    const { redeem } = await import('../../kiosk/points/redeem.ts');
    const result = await redeem(s, session, 'soap', 1);
    const code = (result as { redemption: { voucherCode: string } }).redemption.voucherCode;
    const el = await fixture<LinliMyPointsScreen>(html`<linli-my-points-screen lang="zh-CN" .services=${s} .session=${session}></linli-my-points-screen>`);
    await until(() => el.pending.length === 1 && el.account !== null, 2000, 'loaded');
    await el.updateComplete;
    expect($(el, '.owned').textContent).to.equal('130 分');
    expect($(el, 'section.pending li .code').textContent).to.equal(`兑换码：${code}`);
    const lines = [...el.shadowRoot!.querySelectorAll('ol.passbook li')].map((li) => [...li.querySelectorAll('span')].filter((x) => !x.parentElement!.matches('.after')).map((x) => x.textContent!.trim()));
    expect(lines.map((l) => l.slice(1, 3))).to.deep.equal([['11月20日 消防演练', '+30'], ['志愿服务 15 小时', '+150']]);
    const spoken = el.spokenText();
    for (const secret of ['张秀英', '13800138001', code]) expect(spoken).not.to.contain(secret);
    expect(spoken).to.contain('现有积分，130 分').and.to.contain('洗衣液 × 1，待领取');
    // Print the passbook: oldest line first, masked name, no phone.
    let rows: string[] = [];
    s.print = () => {
      const p = document.body.querySelector('linli-points-print')!;
      rows = [...p.shadowRoot!.querySelectorAll('tbody tr')].map((tr) => tr.textContent!.replace(/\s+/g, ' ').trim());
      expect(p.shadowRoot!.textContent).to.contain('户名：张*英');
      expect(findInDom('13800138001', p)).to.deep.equal([]);
      expect(findInDom('张秀英', p)).to.deep.equal([]);
    };
    await click(el, 'button.print-passbook');
    await until(() => rows.length === 2, 2000, 'passbook printed');
    expect(rows[0]).to.contain('志愿服务 15 小时').and.to.contain('+150').and.to.contain('150');
    // Ranking: 不参加 queues the opt-out and shows at once.
    await click(el, 'button.ranking-out');
    await until(() => el.account?.rankingOptOut === true, 2000, 'opt-out');
    await el.updateComplete;
    expect($(el, 'button.ranking-out').getAttribute('aria-pressed')).to.equal('true');
    const types = (await s.outbox.pending()).map((r) => [r.command.type, r.command.payload]);
    expect(types[1]).to.deep.equal(['resident.ranking-opt-out', { residentId: 'r-zhang', optOut: true }]);
    // 撤销 (unsent): taken back, the points are there again.
    await click(el, 'section.pending button.undo');
    await until(() => el.pending.length === 0, 2000, 'undone');
    await el.updateComplete;
    expect($(el, '.owned').textContent).to.equal('180 分');
    expect(el.message).to.equal('已撤销，积分会退回。');
    expect((await s.outbox.pending()).map((r) => r.command.type)).to.deep.equal(['resident.ranking-opt-out']);
    expect(synth).to.not.equal(null);
  });

  it('staff award: several residents, points prefilled from the deed table, memo; one command with a transfer id each', async () => {
    const s = await services();
    await seedPoints(s.db, { deedPoints: { activity: 8 } });
    const el = await fixture<LinliPointsStaffScreen>(html`<linli-points-staff-screen lang="zh-CN" .services=${s} .staff=${STAFF}></linli-points-staff-screen>`);
    await click(el, 'button.open-award');
    await until(() => el.residents.length === 3, 2000, 'residents');
    await until(() => el.points === '8', 2000, 'points prefilled');
    await el.updateComplete;
    await click(el, 'li[data-resident="r-zhang"] button.pick');
    await click(el, 'li[data-resident="r-wang"] button.pick');
    expect($(el, '.chosen').textContent).to.equal('已选 2 人');
    await click(el, 'button.award-next');
    expect($(el, '.error').textContent).to.equal('请写备注');
    const memo = $<HTMLInputElement>(el, 'input.memo-input');
    memo.value = '11月22日 消防演练';
    memo.dispatchEvent(new Event('input'));
    await click(el, 'button.award-next');
    const sheet = $(el, 'linli-confirm-sheet');
    expect(sheet.getAttribute('message')).to.equal('给 2 位居民每人 8 分：参加社区活动。');
    expect(el.spokenText()).not.to.contain('张秀英');
    sheet.shadowRoot!.querySelector<HTMLButtonElement>('button.confirm')!.click();
    await until(() => el.mode === 'hub', 2000, 'back to hub');
    const [cmd] = (await s.outbox.pending()).map((r) => r.command);
    expect(cmd!.type).to.equal('points.award');
    expect(cmd!.actor).to.deep.equal({ staffNo: '1001' });
    const p = cmd!.payload as { awards: { residentId: string; transferId: string }[]; deed: string; points: number; memo: string };
    expect(p.awards.map((a) => a.residentId)).to.deep.equal(['r-zhang', 'r-wang']);
    expect(new Set(p.awards.map((a) => a.transferId)).size).to.equal(2);
    expect([p.deed, p.points, p.memo]).to.deep.equal(['activity', 8, '11月22日 消防演练']);
  });

  it('staff hand-out: the code on the keypad → masked name, item, quantity → 确认发放', async () => {
    const s = await services();
    await seedPoints(s.db, { redemptions: [redemption({ id: 'red-1', voucherCode: 'K7M2QX', quantity: 2 })] });
    const el = await fixture<LinliPointsStaffScreen>(html`<linli-points-staff-screen lang="zh-CN" .services=${s} .staff=${STAFF}></linli-points-staff-screen>`);
    await click(el, 'button.open-handout');
    for (const ch of 'K7M2QA') {
      [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.keys button.key')].find((b) => b.textContent!.trim() === ch)!.click();
      await el.updateComplete;
    }
    await click(el, 'button.find-code');
    await until(() => el.error !== '', 2000, 'not found');
    expect(el.error).to.equal('没有找到这个兑换码，请再核对一下');
    await click(el, 'button.backspace');
    [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.keys button.key')].find((b) => b.textContent!.trim() === 'X')!.click();
    await el.updateComplete;
    await click(el, 'button.find-code');
    await until(() => el.found !== null, 2000, 'found');
    await el.updateComplete;
    expect($(el, '.found .who').textContent).to.equal('张*英');
    expect($(el, '.found .item').textContent).to.equal('洗衣液 × 2');
    expect(findInDom('张秀英', el)).to.deep.equal([]);
    await click(el, 'button.hand-out');
    await until(() => el.message === '已发放。', 2000, 'handed out');
    const [cmd] = (await s.outbox.pending()).map((r) => r.command);
    expect([cmd!.type, cmd!.payload]).to.deep.equal(['points.handout', { redemptionId: 'red-1' }]);
    expect((await s.db.run((c) => c.get('redemptions', 'red-1')))!.status).to.equal('handed-out');
  });

  it('staff reversal: a passbook line, a required reason, a confirm sheet → points.reverse', async () => {
    const s = await services();
    const el = await fixture<LinliPointsStaffScreen>(html`<linli-points-staff-screen lang="zh-CN" .services=${s} .staff=${STAFF}></linli-points-staff-screen>`);
    await click(el, 'button.open-reverse');
    const search = $<HTMLInputElement>(el, 'input.search');
    search.value = '8001';
    search.dispatchEvent(new Event('input'));
    await click(el, 'button.find-resident');
    await until(() => (el.results?.length ?? 0) === 1, 2000, 'found by last 4');
    await el.updateComplete;
    await click(el, 'button.open-lines');
    await until(() => el.lines.length === 2, 2000, 'lines');
    await el.updateComplete;
    await click(el, 'li[data-transfer="t-2"] button.reverse');
    await click(el, 'button.reverse-next');
    expect($(el, '.field .error').textContent).to.equal('请写冲正原因');
    expect(el.confirming).to.equal(null);
    const reason = $<HTMLInputElement>(el, 'input.reason');
    reason.value = '重复录入';
    reason.dispatchEvent(new Event('input'));
    await click(el, 'button.reverse-next');
    $(el, 'linli-confirm-sheet').shadowRoot!.querySelector<HTMLButtonElement>('button.confirm')!.click();
    await until(() => el.message === '已提交冲正。', 2000, 'reversed');
    const [cmd] = (await s.outbox.pending()).map((r) => r.command);
    expect(cmd!.type).to.equal('points.reverse');
    expect(cmd!.payload).to.include({ transferId: 't-2', reason: '重复录入' });
  });

  it('catalogue: an offline edit shows 待同步; a stale revision comes back as a conflict on 需要处理 with both versions', async () => {
    const server = new FakeServer();
    const s = await services({}, server);
    const el = await fixture<LinliPointsCatalogueScreen>(html`<linli-points-catalogue-screen lang="zh-CN" .services=${s} .staff=${STAFF}></linli-points-catalogue-screen>`);
    await until(() => el.items.length === 4, 2000, 'items');
    await el.updateComplete;
    await click(el, 'li[data-item="soap"] button.edit');
    const cost = $<HTMLInputElement>(el, 'input.cost');
    cost.value = '0';
    cost.dispatchEvent(new Event('input'));
    await click(el, 'button.save');
    expect($(el, '#cost-error').textContent).to.equal('所需积分要填 1 到 100000 之间的整数');
    cost.value = '45';
    cost.dispatchEvent(new Event('input'));
    await click(el, 'button.save');
    await until(() => el.editing === null && el.items.some((i) => i.id === 'soap' && i.pendingCommandId), 2000, 'saved');
    await el.updateComplete;
    expect($(el, 'li[data-item="soap"] .pending').textContent).to.equal('待同步');
    const [cmd] = (await s.outbox.pending()).map((r) => r.command);
    expect(cmd!.payload).to.deep.include({ itemId: 'soap', baseRevision: 1 });
    const theirs = { ...CATALOGUE[0]!, cost: 60, revision: 2 };
    server.pushQueue.push((r) => {
      const c = (r.body as PushRequest).commands[0]!;
      return json({ outcomes: [{ seq: c.seq, commandId: c.id, status: 'conflict', reason: '别人已经改过这件商品', catalogueItem: theirs }], lastSeq: c.seq });
    });
    await s.engine.syncNow();
    expect((await s.db.run((c) => c.get('catalogue', 'soap')))!.cost).to.equal(60);
    const attention = await fixture<LinliAttentionScreen>(html`<linli-attention-screen lang="zh-CN" .services=${s} .staff=${STAFF}></linli-attention-screen>`);
    await until(() => attention.items.length === 1, 2000, 'attention');
    await attention.updateComplete;
    const versions = [...attention.shadowRoot!.querySelectorAll('.version')].map((v) => v.textContent!.replace(/\s+/g, ' '));
    expect(versions[0]).to.contain('洗衣液').and.to.contain('45');
    expect(versions[1]).to.contain('洗衣液').and.to.contain('60');
    expect(attention.spokenText()).to.equal('需要处理。这件商品同时被别人改过了：洗衣液。');
    // 保留我的: sent again, based on the server's revision.
    attention.shadowRoot!.querySelector<HTMLButtonElement>('button.keep-mine')!.click();
    await until(async () => (await s.db.run((c) => c.count('attention'))) === 0, 2000, 'resolved');
    const again = (await s.outbox.pending()).map((r) => r.command).find((c) => c.type === 'catalogue.save')!;
    expect(again.payload).to.deep.include({ itemId: 'soap', baseRevision: 2 });
    expect((again.payload as { draft: { cost: number } }).draft.cost).to.equal(45);
  });

  it('catalogue: an existing item shows its stock and takes 补货 / 减少 (sent as a change, kept as a change by 保留我的), never a stock to write', async () => {
    const server = new FakeServer();
    const s = await services({}, server);
    const el = await fixture<LinliPointsCatalogueScreen>(html`<linli-points-catalogue-screen lang="zh-CN" .services=${s} .staff=${STAFF}></linli-points-catalogue-screen>`);
    await until(() => el.items.length === 4, 2000, 'items');
    await el.updateComplete;
    await click(el, 'li[data-item="soap"] button.edit');
    expect(el.shadowRoot!.querySelectorAll('input.stock').length, 'no stock box to type over').to.equal(0);
    expect($(el, '.stock-now').textContent).to.equal('现有库存 10 件');
    await expect(el).to.be.accessible();
    const type = (selector: string, value: string) => {
      const input = $<HTMLInputElement>(el, selector);
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    type('input.writeOff', '11');
    await click(el, 'button.save');
    expect($(el, '#writeOff-error').textContent).to.equal('减少的件数不能多于现有库存');
    expect(await s.outbox.pending()).to.have.length(0);
    type('input.writeOff', '');
    type('input.restock', '3');
    type('input.name', '洗衣液 2 升');
    await click(el, 'button.save');
    await until(() => el.editing === null, 2000, 'saved');
    const [cmd] = (await s.outbox.pending()).map((r) => r.command);
    expect(cmd!.payload).to.deep.include({ itemId: 'soap', baseRevision: 1, stockDelta: 3 });
    expect((cmd!.payload as { draft: { stock: number; name: string } }).draft).to.include({ stock: 13, name: '洗衣液 2 升' });
    expect((await s.db.run((c) => c.get('catalogue', 'soap')))!.stock).to.equal(13);
    // The server's copy moved meanwhile (redemptions, another editor): 保留我的 adds my 3 to its stock.
    const theirs = { ...CATALOGUE[0]!, stock: 4, revision: 2 };
    server.pushQueue.push((r) => {
      const c = (r.body as PushRequest).commands[0]!;
      return json({ outcomes: [{ seq: c.seq, commandId: c.id, status: 'conflict', reason: '别人已经改过这件商品', catalogueItem: theirs }], lastSeq: c.seq });
    });
    await s.engine.syncNow();
    const attention = await fixture<LinliAttentionScreen>(html`<linli-attention-screen lang="zh-CN" .services=${s} .staff=${STAFF}></linli-attention-screen>`);
    await until(() => attention.items.length === 1, 2000, 'attention');
    await attention.updateComplete;
    attention.shadowRoot!.querySelector<HTMLButtonElement>('button.keep-mine')!.click();
    await until(async () => (await s.db.run((c) => c.count('attention'))) === 0, 2000, 'resolved');
    const again = (await s.outbox.pending()).map((r) => r.command).find((c) => c.type === 'catalogue.save')!;
    expect(again.payload).to.deep.include({ itemId: 'soap', baseRevision: 2, stockDelta: 3 });
    expect((again.payload as { draft: { stock: number } }).draft.stock).to.equal(7);
  });

  it('the app: a signed-in resident gets 积分超市 and 我的积分 tiles; staff get 积分管理; screens load on first use', async () => {
    const { el } = await openScenario('points-voucher');
    const shopEl = screenEl<LinliPointsShopScreen>(el, 'linli-points-shop-screen');
    expect(shopEl.shadowRoot!.querySelector('.code')!.textContent).to.equal(voucherCode(shopEl.result!.id));
    expect(el.spokenText()).not.to.contain(shopEl.result!.voucherCode);
    const staff = await openScenario('points-handout');
    const st = screenEl<LinliPointsStaffScreen>(staff.el, 'linli-points-staff-screen');
    expect(st.shadowRoot!.querySelector('.found .who')!.textContent).to.equal('张*英');
  });
});
