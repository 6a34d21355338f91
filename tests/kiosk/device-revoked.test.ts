/**
 * A device token revoked while the kiosk was offline: when the server answers 401
 * `device-revoked`, the sync engine stops retrying, keeps every queued command (marked refused
 * with the server's reason) and the needs-attention screen tells staff 本机已被停用, how many
 * operations were not accepted, why, and what to do. Pairing again sends them once more.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../kiosk/define.ts';
import type { NavigateDetail } from '../../kiosk/navigation.ts';
import type { LinliAttentionScreen } from '../../kiosk/screens/attention-screen.ts';
import { saveNotice } from '../../kiosk/staff/notice-commands.ts';
import type { StaffSession } from '../../kiosk/staff/staff-sign-in.ts';
import { Outbox } from '../../kiosk/sync/outbox.ts';
import { SyncEngine } from '../../kiosk/sync/sync-engine.ts';
import type { NoticeDraft } from '../../domain/index.ts';
import { cleanupDbs, expectAaaContrast, FakeTimers, json, NOW, seed, testEnv, testServices, until } from './kiosk-fixtures.ts';

const staff: StaffSession = { staffNo: '1001', name: '王芳', role: 'social-worker' };
const REVOKED_MESSAGE = '此终端已被服务站停用，未同步的操作不会被接受，请联系工作人员重新配对';
const revokedResponse = (): Response => json({ error: 'device-revoked', message: REVOKED_MESSAGE }, 401);

function draft(title: string): NoticeDraft {
  return { board: '社区公告', title, body: '', images: [], publishAt: NOW.toISOString(), expireAt: null, pinned: false, emergency: false, retired: false };
}

function text(el: Element, selector: string): string {
  return el.shadowRoot!.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

describe('a revoked device (401 device-revoked)', () => {
  afterEach(cleanupDbs);

  it('push refused: the outbox is kept, every entry marked refused with the reason, no retry, and staff see it', async () => {
    const services = testServices();
    const { server, timers, outbox, engine } = services;
    await seed(services.db);
    const queued = [];
    for (const title of ['停水通知', '停电通知', '电梯检修']) queued.push(await saveNotice(outbox, 's1', staff, null, draft(title)));
    server.pushQueue.push(() => revokedResponse());
    engine.start();
    await engine.whenIdle();

    const records = await outbox.pending();
    expect(records.map((r) => r.command.id)).to.deep.equal(queued.map((c) => c.id));
    expect(records.map((r) => [r.status, r.lastError])).to.deep.equal(queued.map(() => ['refused', REVOKED_MESSAGE]));
    expect(engine.status.state).to.equal('offline');
    expect(engine.status.problem).to.equal('revoked');
    expect(engine.status.revoked).to.deep.equal({ reason: REVOKED_MESSAGE, refused: 3, at: NOW.toISOString() });
    expect(engine.status.retryInMs).to.equal(null);
    expect([engine.status.pending, engine.status.attention], 'still queued, and waiting for a person').to.deep.equal([3, 3]);
    expect(timers.pending.size, 'no retry is scheduled').to.equal(0);
    expect(server.pushes().length).to.equal(1);
    expect(server.pulls().length).to.equal(0);

    // Nothing more is sent: not on request, not on a timer, not when the network comes back.
    await engine.syncNow();
    timers.advance(10 * 60_000);
    await engine.whenIdle();
    expect(server.requests.length).to.equal(1);
    expect(await outbox.count()).to.equal(3);
    // Something done at the kiosk after the refusal is kept and refused too, without a request.
    queued.push(await saveNotice(outbox, 's1', staff, null, draft('燃气检查')));
    await engine.whenIdle();
    expect(server.requests.length).to.equal(1);
    expect((await outbox.pending()).map((r) => r.status)).to.deep.equal(['refused', 'refused', 'refused', 'refused']);
    expect(engine.status.revoked?.refused).to.equal(4);

    const el = await fixture<LinliAttentionScreen>(html`<linli-attention-screen lang="zh-CN" .services=${services} .staff=${staff}></linli-attention-screen>`);
    await until(() => el.revocation !== null, 2000, 'revocation shown');
    await el.updateComplete;
    expect(text(el, 'li[data-kind="revoked"] h2')).to.equal('本机已被停用');
    expect(text(el, '.refused')).to.equal('有 4 项未同步的操作没有被服务站接受。');
    expect(text(el, '.kept')).to.equal('这些操作仍保存在本机，没有删除。');
    expect(text(el, '.reason')).to.equal(`原因：${REVOKED_MESSAGE}`);
    expect(text(el, '.what-to-do')).to.contain('重新配对');
    expect(el.shadowRoot!.querySelector('.none')).to.equal(null);
    expect(el.spokenText()).to.contain('本机已被停用').and.to.contain('有 4 项');
    await expectAaaContrast(el);

    // 重新配对 takes staff to the pairing screen.
    const navigated = oneEvent(el, 'linli-navigate');
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.repair')!.click();
    expect(((await navigated) as CustomEvent<NavigateDetail>).detail.screen).to.equal('pairing');

    // Paired again (a new token): the kept commands are sent with it and applied; the notice goes.
    await services.db.setMeta('deviceToken', 'token-2');
    services.db.notifyChanged();
    await until(async () => (await outbox.count()) === 0, 2000, 'outbox drained after pairing again');
    await engine.whenIdle();
    const resent = server.requests.filter((r) => r.url === '/api/sync/push').at(-1)!;
    expect(resent.headers.authorization).to.equal('Bearer token-2');
    expect(server.pushes().at(-1)!.commands.map((c) => c.id)).to.deep.equal(queued.map((c) => c.id));
    expect(engine.status.problem).to.equal(null);
    expect(engine.status.revoked).to.equal(null);
    expect([engine.status.pending, engine.status.attention]).to.deep.equal([0, 0]);
    await until(() => el.revocation === null, 2000, 'revocation gone');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('li[data-kind="revoked"]')).to.equal(null);
    engine.stop();
  });

  it('pull refused with an empty outbox: stops too, and says no operation is waiting', async () => {
    const services = testServices();
    await seed(services.db);
    services.server.pullQueue.push(() => revokedResponse());
    await services.engine.syncNow();
    expect(services.engine.status.problem).to.equal('revoked');
    expect(services.engine.status.revoked?.refused).to.equal(0);
    expect(services.timers.pending.size).to.equal(0);
    const el = await fixture<LinliAttentionScreen>(html`<linli-attention-screen lang="zh-CN" .services=${services} .staff=${staff}></linli-attention-screen>`);
    await until(() => el.revocation !== null, 2000, 'revocation shown');
    await el.updateComplete;
    expect(text(el, '.refused')).to.equal('有 0 项未同步的操作没有被服务站接受。');
    expect(el.shadowRoot!.querySelector('.kept')).to.equal(null);
    expect(text(el, '.reason')).to.equal(`原因：${REVOKED_MESSAGE}`);
  });

  it('after a reload the refused commands still show, before any new answer, in every language', async () => {
    const services = testServices();
    await seed(services.db);
    await saveNotice(services.outbox, 's1', staff, null, draft('停水通知'));
    await saveNotice(services.outbox, 's1', staff, null, draft('停电通知'));
    services.server.pushQueue.push(() => revokedResponse());
    await services.engine.syncNow();
    // A new page: a new engine over the same database, which has not talked to the server yet.
    const outbox = new Outbox(services.db);
    const engine = new SyncEngine({ db: services.db, outbox, api: '/api', env: testEnv(services.server, new FakeTimers()) });
    const reloaded = { ...services, outbox, engine };
    const el = await fixture<LinliAttentionScreen>(html`<linli-attention-screen lang="en" .services=${reloaded} .staff=${staff}></linli-attention-screen>`);
    await until(() => el.revocation !== null, 2000, 'revocation shown');
    await el.updateComplete;
    expect(text(el, 'li[data-kind="revoked"] h2')).to.equal('This kiosk has been switched off');
    expect(text(el, '.refused')).to.equal('2 operations waiting to sync were not accepted by the station.');
    expect(text(el, 'button.repair')).to.equal('Pair again');
    el.lang = 'zh-TW';
    await until(() => text(el, 'li[data-kind="revoked"] h2') === '本機已被停用', 2000, 'zh-TW');
    expect(text(el, 'button.repair')).to.equal('重新配對');
  });

  it('any other 401 is not a revocation: the commands keep waiting and are retried with backoff', async () => {
    const services = testServices();
    await seed(services.db);
    await saveNotice(services.outbox, 's1', staff, null, draft('停水通知'));
    services.server.pushQueue.push(() => json({ error: 'unauthorized', message: '设备凭证无效，请重新配对' }, 401));
    services.engine.start();
    await services.engine.whenIdle();
    expect(services.engine.status.problem).to.equal('unauthorized');
    expect(services.engine.status.revoked).to.equal(null);
    expect(services.timers.waiting).to.equal(1000);
    const [record] = await services.outbox.pending();
    expect(record!.status).to.equal('retrying');
    const el = await fixture<LinliAttentionScreen>(html`<linli-attention-screen lang="zh-CN" .services=${services} .staff=${staff}></linli-attention-screen>`);
    await el.load();
    await el.updateComplete;
    expect(el.revocation).to.equal(null);
    expect(el.shadowRoot!.querySelector('li[data-kind="revoked"]')).to.equal(null);
    expect(text(el, '.none')).to.equal('没有需要处理的事项。');
    services.engine.stop();
  });
});
