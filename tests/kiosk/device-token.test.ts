/**
 * The kiosk's side of device tokens that rotate and expire (server/auth/device-tokens.ts): a new
 * token in a pull or push answer is stored at once and used from the next request on; an expired
 * token (401 device-token-expired) is handled like a revocation — outbox kept, 重新配对 offered —
 * and pairing again sends the kept commands; a server restored from a backup that knows only an
 * earlier token of this kiosk lets it back in with that one.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../kiosk/define.ts';
import type { LinliAttentionScreen } from '../../kiosk/screens/attention-screen.ts';
import { saveNotice } from '../../kiosk/staff/notice-commands.ts';
import type { StaffSession } from '../../kiosk/staff/staff-sign-in.ts';
import type { NoticeDraft, PushRequest } from '../../domain/index.ts';
import { cleanupDbs, json, NOW, seed, testServices, until, type RecordedRequest } from './kiosk-fixtures.ts';

const staff: StaffSession = { staffNo: '1001', name: '王芳', role: 'social-worker' };
const EXPIRED_MESSAGE = '这台终端太久没有联网，凭证已过期，请工作人员重新配对';

function draft(title: string): NoticeDraft {
  return { board: '社区公告', title, body: '', images: [], publishAt: NOW.toISOString(), expireAt: null, pinned: false, emergency: false, retired: false };
}
const bearer = (r: RecordedRequest) => r.headers.authorization;

describe('device tokens on the kiosk', () => {
  afterEach(cleanupDbs);

  it('a rotated token from a pull answer is stored and used from the next request on', async () => {
    const services = testServices();
    const { server, outbox, engine, db } = services;
    await seed(db);
    server.pullQueue.push(() => json({ changes: [], cursor: 0, more: false, deviceToken: 'token-2' }));
    await engine.syncNow();
    expect(await db.getMeta('deviceToken')).to.equal('token-2');
    await saveNotice(outbox, 's1', staff, null, draft('停水通知'));
    await engine.syncNow();
    expect(server.requests.map((r) => [new URL(r.url, 'http://kiosk.test').pathname, bearer(r)])).to.deep.equal([
      ['/api/sync/pull', 'Bearer token-1'],
      ['/api/sync/push', 'Bearer token-2'],
      ['/api/sync/pull', 'Bearer token-2'],
    ]);
    expect(await db.getMeta('retiredTokens')).to.deep.equal(['token-1']);
    expect(bearer(server.requests.at(-1)!)).to.equal('Bearer token-2');
  });

  it('a rotated token from a push answer is used for the pull in the same cycle', async () => {
    const services = testServices();
    const { server, outbox, engine, db } = services;
    await seed(db);
    await saveNotice(outbox, 's1', staff, null, draft('停水通知'));
    server.pushQueue.push((r) => json({ ...server.applyAll(r.body as PushRequest), deviceToken: 'token-2' }));
    await engine.syncNow();
    expect(server.pulls().map(bearer)).to.deep.equal(['Bearer token-2']);
    expect(await outbox.count()).to.equal(0);
  });

  it('expired: the outbox is kept and marked, no retry, staff see 重新配对 with the reason; pairing again sends the commands', async () => {
    const services = testServices();
    const { server, outbox, engine, db, timers } = services;
    await seed(db);
    const queued = [await saveNotice(outbox, 's1', staff, null, draft('停水通知')), await saveNotice(outbox, 's1', staff, null, draft('停电通知'))];
    server.pushQueue.push(() => json({ error: 'device-token-expired', message: EXPIRED_MESSAGE }, 401));
    engine.start();
    await engine.whenIdle();
    expect(engine.status.problem).to.equal('revoked');
    expect(engine.status.revoked?.reason).to.equal(EXPIRED_MESSAGE);
    expect((await outbox.pending()).map((r) => [r.command.id, r.status])).to.deep.equal(queued.map((c) => [c.id, 'refused']));
    expect(timers.pending.size, 'no retry').to.equal(0);
    const el = await fixture<LinliAttentionScreen>(html`<linli-attention-screen lang="zh-CN" .services=${services} .staff=${staff}></linli-attention-screen>`);
    await until(() => el.revocation !== null, 2000, 'shown');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.reason')?.textContent?.trim()).to.equal(`原因：${EXPIRED_MESSAGE}`);
    expect(el.shadowRoot!.querySelector('button.repair')).to.not.equal(null);

    await db.setMeta('deviceToken', 'token-new');
    db.notifyChanged();
    await until(async () => (await outbox.count()) === 0, 2000, 'sent after pairing again');
    await engine.whenIdle();
    expect(server.pushes().at(-1)!.commands.map((c) => c.id)).to.deep.equal(queued.map((c) => c.id));
    expect(bearer(server.requests.filter((r) => r.url.endsWith('/sync/push')).at(-1)!)).to.equal('Bearer token-new');
    engine.stop();
  });

  it('a server restored from a backup knows only an earlier token: the kiosk gets back in with it', async () => {
    const services = testServices();
    const { server, outbox, engine, db } = services;
    await seed(db);
    server.pullQueue.push(() => json({ changes: [], cursor: 0, more: false, deviceToken: 'token-2' }));
    await engine.syncNow();
    expect(await db.getMeta('deviceToken')).to.equal('token-2');
    // Restored: token-2 is unknown there, token-1 is what the backup holds.
    const restored = (r: RecordedRequest) => (bearer(r) === 'Bearer token-1' ? null : json({ error: 'unauthorized', message: '设备凭证无效，请重新配对' }, 401));
    await saveNotice(outbox, 's1', staff, null, draft('恢复后'));
    server.pushQueue.push((r) => restored(r) ?? json(server.applyAll(r.body as PushRequest)), (r) => restored(r) ?? json(server.applyAll(r.body as PushRequest)));
    server.pullQueue.push(
      (r) => restored(r) ?? json({ changes: [], cursor: 0, more: false }),
      (r) => restored(r) ?? json({ changes: [], cursor: 0, more: false }),
    );
    await engine.syncNow();
    expect(await outbox.count()).to.equal(0);
    expect(await db.getMeta('deviceToken')).to.equal('token-1');
    expect(engine.status.state).to.equal('synced');
  });
});
