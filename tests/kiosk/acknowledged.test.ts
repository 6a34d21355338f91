/**
 * Acknowledged commands are kept (30 days, a count cap) with their outcomes, so a server restored
 * from a backup can ask for them again: each push and pull says the highest seq acknowledged, and
 * a `resendFrom` answer sends the kept commands from there with their original ids and seqs —
 * never renumbered. The real server half is tests/server/restore.test.ts; both together in the
 * browser, tests/e2e/restore-kiosk.test.ts.
 */
import { expect } from '@open-wc/testing';
import type { NoticeDraft, PushRequest, PushResponse } from '../../domain/index.ts';
import { ACKNOWLEDGED_KEEP_DAYS, acknowledgedCommands, pruneAcknowledged } from '../../kiosk/sync/acknowledged.ts';
import { Outbox } from '../../kiosk/sync/outbox.ts';
import { SyncEngine } from '../../kiosk/sync/sync-engine.ts';
import { saveNotice } from '../../kiosk/staff/notice-commands.ts';
import { cleanupDbs, FakeServer, FakeTimers, freshDb, json, NOW, seed, testEnv } from './kiosk-fixtures.ts';

const staff = { staffNo: '1001', name: '王芳', role: 'social-worker' as const };
const DAY = 24 * 60 * 60_000;
function draft(title: string): NoticeDraft {
  return { board: '社区公告', title, body: '', images: [], publishAt: NOW.toISOString(), expireAt: null, pinned: false, emergency: false, retired: false };
}

async function setup(now = () => NOW) {
  const db = freshDb();
  await seed(db, { cursor: 7 });
  const server = new FakeServer();
  server.cursor = 7;
  const outbox = new Outbox(db, { now });
  const engine = new SyncEngine({ db, outbox, api: '/api', env: testEnv(server, new FakeTimers(), { now }) });
  return { db, server, outbox, engine };
}

const ackedIn = (url: string): string | null => new URL(url, 'http://kiosk.test').searchParams.get('acked');

describe('acknowledged commands are kept for a restored server', () => {
  afterEach(cleanupDbs);

  it('keeps each acknowledged command with its outcome and tells the server the highest acknowledged seq in every push and pull', async () => {
    const { db, server, outbox, engine } = await setup();
    const sent = [];
    for (const t of ['一', '二', '三']) sent.push(await saveNotice(outbox, 's1', staff, null, draft(t)));
    await engine.syncNow();
    expect(await outbox.count()).to.equal(0);
    const kept = await acknowledgedCommands(db);
    expect(kept.map((k) => [k.seq, k.command.id, k.outcome.status, k.deviceId])).to.deep.equal(sent.map((c) => [c.seq, c.id, 'applied', 'device-1']));
    expect(kept[0]!.acknowledgedAt).to.equal(NOW.toISOString());
    // The first push knew of nothing acknowledged; the pull after it knows of 3.
    expect(server.pushes()[0]!.ackedSeq).to.equal(0);
    expect(ackedIn(server.pulls().at(-1)!.url)).to.equal('3');
    await saveNotice(outbox, 's1', staff, null, draft('四'));
    await engine.syncNow();
    expect(server.pushes().at(-1)!.ackedSeq).to.equal(3);
  });

  it('resendFrom in a pull: the kept commands from there go again with their original ids and seqs, and are kept again', async () => {
    const { db, server, outbox, engine } = await setup();
    const sent = [];
    for (const t of ['一', '二', '三']) sent.push(await saveNotice(outbox, 's1', staff, null, draft(t)));
    await engine.syncNow();
    // The server is restored to a backup that had seen seq 1 only.
    server.lastSeq = 1;
    server.pullQueue.push(() => json({ changes: [], cursor: 7, more: false, resendFrom: 2 }));
    await engine.syncNow();
    const resent = server.pushes().at(-1)!;
    expect(resent.commands.map((c) => [c.seq, c.id])).to.deep.equal(sent.slice(1).map((c) => [c.seq, c.id]));
    expect(resent.commands).to.deep.equal(sent.slice(1));
    expect(await outbox.count()).to.equal(0);
    expect((await acknowledgedCommands(db)).map((k) => k.command.id)).to.deep.equal(sent.map((c) => c.id));
    expect(engine.status.state).to.equal('synced');
    // The restored server numbers its changes anew: the kiosk pulls from the start again.
    expect(new URL(server.pulls().at(-1)!.url, 'http://kiosk.test').searchParams.get('cursor')).to.equal('0');
  });

  it('resendFrom in a push answer: kept commands go before the waiting ones, nothing is renumbered', async () => {
    const { db, server, outbox, engine } = await setup();
    const sent = [];
    for (const t of ['一', '二', '三']) sent.push(await saveNotice(outbox, 's1', staff, null, draft(t)));
    await engine.syncNow();
    const fourth = await saveNotice(outbox, 's1', staff, null, draft('四'));
    // Restored to before seq 2: the gap answer asks for the kept ones again.
    server.lastSeq = 1;
    server.pushQueue.push(() => json({ outcomes: [], lastSeq: 1, expectedSeq: 2, resendFrom: 2 } satisfies PushResponse));
    await engine.syncNow();
    const pushes = server.pushes();
    expect(pushes.at(-2)!.commands.map((c) => c.seq)).to.deep.equal([4]);
    expect(pushes.at(-1)!.commands.map((c) => [c.seq, c.id])).to.deep.equal([...sent.slice(1), fourth].map((c) => [c.seq, c.id]));
    expect(await outbox.count()).to.equal(0);
    expect((await acknowledgedCommands(db)).map((k) => k.seq)).to.deep.equal([1, 2, 3, 4]);
    expect(new URL(server.pulls().at(-1)!.url, 'http://kiosk.test').searchParams.get('cursor'), 'pulled from the start again').to.equal('0');
  });

  it('commands acknowledged under an earlier pairing are not resent after pairing again', async () => {
    const { db, server, outbox, engine } = await setup();
    await saveNotice(outbox, 's1', staff, null, draft('一'));
    await engine.syncNow();
    await db.setMeta('deviceId', 'device-2');
    await saveNotice(outbox, 's1', staff, null, draft('二'));
    await engine.syncNow();
    const last = server.pushes().at(-1) as PushRequest;
    expect(last.ackedSeq, 'the new device has nothing acknowledged yet').to.equal(0);
  });

  it('pruned on start: older than the keep window, and the oldest beyond the count cap', async () => {
    let now = NOW;
    const { db, outbox, engine } = await setup(() => now);
    for (const t of ['一', '二', '三', '四']) await saveNotice(outbox, 's1', staff, null, draft(t));
    await engine.syncNow();
    now = new Date(NOW.getTime() + 2 * DAY);
    await saveNotice(outbox, 's1', staff, null, draft('五'));
    await engine.syncNow();
    expect((await acknowledgedCommands(db)).length).to.equal(5);
    // A cap of 4 drops the oldest one.
    expect(await pruneAcknowledged(db, now, { keepDays: ACKNOWLEDGED_KEEP_DAYS, keepMax: 4 })).to.equal(1);
    expect((await acknowledgedCommands(db)).map((k) => k.seq)).to.deep.equal([2, 3, 4, 5]);
    // 30 days after the first four, only the fifth is left once the engine starts.
    now = new Date(NOW.getTime() + (ACKNOWLEDGED_KEEP_DAYS + 1) * DAY);
    const restarted = new SyncEngine({ db, outbox, api: '/api', env: testEnv(new FakeServer(), new FakeTimers(), { now: () => now }) });
    restarted.start();
    await restarted.whenIdle();
    restarted.stop();
    expect((await acknowledgedCommands(db)).map((k) => k.seq)).to.deep.equal([5]);
  });
});
