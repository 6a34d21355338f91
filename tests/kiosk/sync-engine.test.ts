import { expect } from '@open-wc/testing';
import type { Change, NoticeDraft, PushRequest } from '../../domain/index.ts';
import { Outbox } from '../../kiosk/sync/outbox.ts';
import { backoffDelay, SyncEngine, type EventSourceLike, type SyncStatus } from '../../kiosk/sync/sync-engine.ts';
import { saveNotice } from '../../kiosk/staff/notice-commands.ts';
import { cleanupDbs, FakeServer, FakeTimers, freshDb, json, NOW, notice, pullPage, seed, STATION, testEnv, until } from './kiosk-fixtures.ts';

const staff = { staffNo: '1001', name: '王芳', role: 'social-worker' as const };
function draft(title: string, over: Partial<NoticeDraft> = {}): NoticeDraft {
  return { board: '社区公告', title, body: '', images: [], publishAt: NOW.toISOString(), expireAt: null, pinned: false, emergency: false, retired: false, ...over };
}

async function setup(over: Parameters<typeof testEnv>[2] = {}) {
  const db = freshDb();
  await seed(db);
  const server = new FakeServer();
  const timers = new FakeTimers();
  const outbox = new Outbox(db);
  const engine = new SyncEngine({ db, outbox, api: '/api', env: testEnv(server, timers, over) });
  return { db, server, timers, outbox, engine };
}

describe('sync engine: push', () => {
  afterEach(cleanupDbs);

  it('pushes pending commands in seq order with the device token and removes the applied ones', async () => {
    const { db, server, outbox, engine } = await setup();
    const a = await saveNotice(outbox, 's1', staff, null, draft('一'));
    const b = await saveNotice(outbox, 's1', staff, null, draft('二'));
    await engine.syncNow();
    const push = server.requests.find((r) => r.url === '/api/sync/push')!;
    expect(push.method).to.equal('POST');
    expect(push.headers.authorization).to.equal('Bearer token-1');
    expect((push.body as PushRequest).commands.map((c) => [c.seq, c.id])).to.deep.equal([
      [1, a.id],
      [2, b.id],
    ]);
    expect(await outbox.count()).to.equal(0);
    // The server's stored copy replaced the optimistic one (no longer 待同步).
    const stored = await db.run((c) => c.get('notices', a.payload.noticeId));
    expect(stored?.pendingCommandId).to.equal(undefined);
    expect(stored?.revision).to.equal(1);
    expect(engine.status.state).to.equal('synced');
    expect(engine.status.pending).to.equal(0);
  });

  it('sends big outboxes in batches', async () => {
    const db = freshDb();
    await seed(db);
    const server = new FakeServer();
    const outbox = new Outbox(db);
    const engine = new SyncEngine({ db, outbox, api: '/api', env: testEnv(server, new FakeTimers()), pushBatch: 2 });
    for (const t of ['一', '二', '三', '四', '五']) await saveNotice(outbox, 's1', staff, null, draft(t));
    await engine.syncNow();
    expect(server.pushes().map((p) => p.commands.map((c) => c.seq))).to.deep.equal([[1, 2], [3, 4], [5]]);
    expect(await outbox.count()).to.equal(0);
  });

  it('keeps commands through a network error and a 500, retrying with backoff 1 s, 2 s, 4 s…', async () => {
    const { server, timers, outbox, engine } = await setup();
    await saveNotice(outbox, 's1', staff, null, draft('一'));
    server.pushQueue.push(() => 'network-error', () => json({ error: 'boom' }, 500), () => json({ error: 'boom' }, 503));
    engine.start();
    await engine.whenIdle();
    expect(engine.status.state).to.equal('offline');
    expect(engine.status.problem).to.equal('network');
    expect(timers.waiting).to.equal(1000);
    expect(await outbox.count()).to.equal(1);
    const [record] = await outbox.pending();
    expect(record!.status).to.equal('retrying');
    expect(record!.attempts).to.equal(1);

    timers.advance(1000);
    await engine.whenIdle();
    expect(engine.status.problem).to.equal('server');
    expect(timers.waiting).to.equal(2000);
    timers.advance(2000);
    await engine.whenIdle();
    expect(timers.waiting).to.equal(4000);
    expect(await outbox.count()).to.equal(1);

    timers.advance(4000);
    await engine.whenIdle();
    expect(engine.status.state).to.equal('synced');
    expect(await outbox.count()).to.equal(0);
    expect(server.pushes()).to.have.length(4);
    // Back to the normal 30 s pull.
    expect(timers.waiting).to.equal(30_000);
    engine.stop();
  });

  it('backoff doubles to at most 5 minutes, with jitter', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, 1000, 300_000, 0.5))).to.deep.equal([1000, 2000, 4000, 8000]);
    expect(backoffDelay(30, 1000, 300_000, 0.5)).to.equal(300_000);
    expect(backoffDelay(30, 1000, 300_000, 1)).to.equal(300_000);
    expect(backoffDelay(3, 1000, 300_000, 0)).to.equal(3000);
    expect(backoffDelay(3, 1000, 300_000, 1)).to.equal(5000);
  });

  it('moves rejected and conflicting commands to "needs attention" with both versions, and restores the server copy', async () => {
    const { db, server, outbox, engine } = await setup();
    await seed(db, { notices: [notice({ id: 'n1', title: '服务器标题', revision: 3 }), notice({ id: 'n2', title: '另一条', revision: 1 })] });
    const edit = await saveNotice(outbox, 's1', staff, (await db.run((c) => c.get('notices', 'n1')))!, draft('我的标题'));
    const bad = await saveNotice(outbox, 's1', staff, (await db.run((c) => c.get('notices', 'n2')))!, draft('坏的'));
    const created = await saveNotice(outbox, 's1', staff, null, draft('新的'));
    const theirs = notice({ id: 'n1', title: '别人改的标题', revision: 4 });
    server.pushQueue.push(() =>
      json({
        outcomes: [
          { seq: edit.seq, commandId: edit.id, status: 'conflict', reason: '已被别人修改', notice: theirs },
          { seq: bad.seq, commandId: bad.id, status: 'rejected', reason: '栏目不存在' },
          { seq: created.seq, commandId: created.id, status: 'rejected', reason: '无权限' },
        ],
        lastSeq: 3,
      }),
    );
    await engine.syncNow();
    expect(await outbox.count()).to.equal(0);
    const items = await db.run((c) => c.getAll('attention'));
    const conflict = items.find((i) => i.id === edit.id)!;
    expect(conflict.kind).to.equal('conflict');
    expect(conflict.local?.title).to.equal('我的标题');
    expect(conflict.server?.title).to.equal('别人改的标题');
    const rejected = items.find((i) => i.id === bad.id)!;
    expect(rejected.kind).to.equal('rejected');
    expect(rejected.reason).to.equal('栏目不存在');
    expect(rejected.server?.title).to.equal('另一条');
    // The replica shows the server's versions again; the rejected new notice is gone.
    expect((await db.run((c) => c.get('notices', 'n1')))?.title).to.equal('别人改的标题');
    expect((await db.run((c) => c.get('notices', 'n2')))?.title).to.equal('另一条');
    expect(await db.run((c) => c.get('notices', created.payload.noticeId))).to.equal(undefined);
    expect(engine.status.attention).to.equal(3);
  });

  it('on a gap renumbers the waiting commands from the expected seq and sends them again', async () => {
    const { db, server, outbox, engine } = await setup();
    await saveNotice(outbox, 's1', staff, null, draft('一'));
    await saveNotice(outbox, 's1', staff, null, draft('二'));
    // The kiosk's numbers start at 5 (the server lost 1–4 or the outbox was restored from elsewhere).
    await db.run(async (conn) => {
      const tx = conn.transaction('outbox', 'readwrite');
      const all = await tx.store.getAll();
      await tx.store.clear();
      for (const [i, r] of all.entries()) await tx.store.add({ ...r, seq: 5 + i, command: { ...r.command, seq: 5 + i } });
      await tx.done;
    });
    server.pushQueue.push(() => json({ outcomes: [], lastSeq: 0, expectedSeq: 1 }));
    await engine.syncNow();
    const pushes = server.pushes();
    expect(pushes.map((p) => p.commands.map((c) => c.seq))).to.deep.equal([
      [5, 6],
      [1, 2],
    ]);
    expect(pushes[1]!.commands.map((c) => c.id)).to.deep.equal(pushes[0]!.commands.map((c) => c.id));
    expect(await outbox.count()).to.equal(0);
  });

  it('a gap that renumbering cannot close leaves the commands for the next cycle', async () => {
    const { server, outbox, engine } = await setup();
    await saveNotice(outbox, 's1', staff, null, draft('一'));
    server.pushQueue.push(() => json({ outcomes: [], lastSeq: 5, expectedSeq: 6 }));
    await engine.syncNow();
    expect(await outbox.count()).to.equal(1);
    expect(server.pushes()).to.have.length(1);
  });

  it('a retried push whose outcome the server had stored removes the command once', async () => {
    const { server, outbox, engine } = await setup();
    const a = await saveNotice(outbox, 's1', staff, null, draft('一'));
    // First attempt: the server applied it but the answer was lost.
    server.pushQueue.push((r) => {
      server.applyAll(r.body as PushRequest);
      return 'network-error';
    });
    // Retry: the server returns the stored outcome for seq 1.
    server.pushQueue.push(() => json({ outcomes: [{ seq: 1, commandId: a.id, status: 'applied' }], lastSeq: 1 }));
    await engine.syncNow();
    expect(await outbox.count()).to.equal(1);
    await engine.syncNow();
    expect(await outbox.count()).to.equal(0);
  });
});

describe('sync engine: pull', () => {
  afterEach(cleanupDbs);

  it('applies puts, tombstones, station and staff with the new cursor, page after page while more', async () => {
    const { db, server, engine } = await setup();
    await seed(db, { notices: [notice({ id: 'old' })] });
    const page1: Change[] = [
      { seq: 1, entity: 'notice', op: 'put', id: 'a', data: notice({ id: 'a', title: 'A' }) },
      { seq: 2, entity: 'station', op: 'put', id: 's1', data: { ...STATION, phone: '010-1111 2222' } },
    ];
    const page2: Change[] = [
      { seq: 3, entity: 'notice', op: 'delete', id: 'old' },
      { seq: 4, entity: 'staff', op: 'put', id: 'st1', data: { id: 'st1', staffNo: '1002', name: '李强', role: 'manager', pinHash: 'x', commandKeySalt: 'x', active: true } },
    ];
    server.pullQueue.push(() => pullPage(page1, 2, true), () => pullPage(page2, 4, false));
    await engine.syncNow();
    const pulls = server.pulls();
    expect(pulls.map((p) => p.url)).to.deep.equal(['/api/sync/pull?cursor=0&limit=500&acked=0', '/api/sync/pull?cursor=2&limit=500&acked=0']);
    expect(pulls[0]!.headers.authorization).to.equal('Bearer token-1');
    expect(await db.getMeta('cursor')).to.equal(4);
    expect((await db.run((c) => c.getAllKeys('notices'))).sort()).to.deep.equal(['a']);
    expect((await db.run((c) => c.get('station', 's1')))?.phone).to.equal('010-1111 2222');
    expect((await db.run((c) => c.get('staff', 'st1')))?.name).to.equal('李强');
  });

  it('applies a page and its cursor atomically: a page that fails to apply leaves nothing behind', async () => {
    const { db, server, engine } = await setup();
    await seed(db, { notices: [notice({ id: 'keep' })], cursor: 7 });
    const broken = { seq: 9, entity: 'notice', op: 'put', id: 'bad', data: { title: 'no id' } } as unknown as Change;
    server.pullQueue.push(() =>
      pullPage([{ seq: 8, entity: 'notice', op: 'delete', id: 'keep' }, { seq: 8, entity: 'notice', op: 'put', id: 'x', data: notice({ id: 'x' }) }, broken], 9),
    );
    await engine.syncNow();
    expect(engine.status.state).to.equal('offline');
    expect(await db.getMeta('cursor')).to.equal(7);
    expect((await db.run((c) => c.getAllKeys('notices'))).sort()).to.deep.equal(['keep']);
  });

  it('keeps a pending local edit on screen when a pull brings the server copy', async () => {
    const { db, server, outbox, engine } = await setup();
    await seed(db, { notices: [notice({ id: 'n1', revision: 2 })] });
    await saveNotice(outbox, 's1', staff, (await db.run((c) => c.get('notices', 'n1')))!, draft('本地修改'));
    server.pushQueue.push(() => 'network-error');
    server.pullQueue.push(() => pullPage([{ seq: 1, entity: 'notice', op: 'put', id: 'n1', data: notice({ id: 'n1', title: '服务器', revision: 3 }) }], 1));
    await engine.pull('token-1');
    const local = await db.run((c) => c.get('notices', 'n1'));
    expect(local?.title).to.equal('本地修改');
    expect(local?.serverCopy?.title).to.equal('服务器');
  });

  it('pulls on start, on online, on a poke and every 30 s', async () => {
    const connectivity = new EventTarget();
    const sources: { url: string; listeners: Map<string, (e: Event) => void> }[] = [];
    const openEventSource = (url: string): EventSourceLike => {
      const entry = { url, listeners: new Map<string, (e: Event) => void>() };
      sources.push(entry);
      return { addEventListener: (type, l) => entry.listeners.set(type, l), close: () => undefined };
    };
    const { server, timers, engine } = await setup({ connectivity, openEventSource });
    const statuses: SyncStatus['state'][] = [];
    engine.addEventListener('status-change', (e) => statuses.push((e as CustomEvent<SyncStatus>).detail.state));
    engine.start();
    await until(() => server.pulls().length === 1 && !!sources[0], 2000, 'first pull');
    await engine.whenIdle();
    expect(statuses).to.include.members(['syncing', 'synced']);
    expect(sources[0]!.url).to.equal('/api/stations/s1/events');

    connectivity.dispatchEvent(new Event('online'));
    await engine.whenIdle();
    expect(server.pulls()).to.have.length(2);

    sources[0]!.listeners.get('poke')!(new MessageEvent('poke', { data: '{"cursor":5}' }));
    await engine.whenIdle();
    expect(server.pulls()).to.have.length(3);

    expect(timers.waiting).to.equal(30_000);
    timers.advance(30_000);
    await until(() => server.pulls().length === 4, 2000, 'periodic pull');
    await engine.whenIdle();

    connectivity.dispatchEvent(new Event('offline'));
    expect(engine.status.state).to.equal('offline');
    engine.stop();
  });

  it('a local write triggers a push right away', async () => {
    const { server, outbox, engine } = await setup();
    engine.start();
    await engine.whenIdle();
    await saveNotice(outbox, 's1', staff, null, draft('马上同步'));
    await until(() => server.pushes().length === 1, 2000, 'push');
    await engine.whenIdle();
    expect(await outbox.count()).to.equal(0);
    engine.stop();
  });
});
