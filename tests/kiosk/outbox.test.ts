import { expect } from '@open-wc/testing';
import type { NoticeDraft } from '../../domain/index.ts';
import { KioskDb } from '../../kiosk/store/kiosk-db.ts';
import { Outbox } from '../../kiosk/sync/outbox.ts';
import { saveNotice } from '../../kiosk/staff/notice-commands.ts';
import { cleanupDbs, freshDb, NOW, notice, seed } from './kiosk-fixtures.ts';

const staff = { staffNo: '1001', name: '王芳', role: 'social-worker' as const };
function draft(title: string): NoticeDraft {
  return { board: '社区公告', title, body: '', images: [], publishAt: NOW.toISOString(), expireAt: null, pinned: false, emergency: false, retired: false };
}

describe('kiosk database', () => {
  afterEach(cleanupDbs);

  it('reopens and retries once when the connection was closed under it', async () => {
    const db = freshDb();
    await seed(db, { notices: [notice({ id: 'a' })] });
    // Close the real connection behind the wrapper's back, as the browser does.
    (await db.connection()).close();
    const got = await db.run((conn) => conn.get('notices', 'a'));
    expect(got?.title).to.equal('停水通知');
  });

  it('does not retry other errors', async () => {
    const db = freshDb();
    let calls = 0;
    let caught: unknown = null;
    try {
      await db.run(async () => {
        calls++;
        throw new TypeError('boom');
      });
    } catch (e) {
      caught = e;
    }
    expect(calls).to.equal(1);
    expect((caught as Error).message).to.equal('boom');
  });
});

describe('outbox', () => {
  afterEach(cleanupDbs);

  it('assigns seq 1, 2, 3… with a UUID each, keeps them in order, and continues after a reload', async () => {
    const db = freshDb();
    const outbox = new Outbox(db);
    const a = await saveNotice(outbox, 's1', staff, null, draft('一'));
    const b = await saveNotice(outbox, 's1', staff, null, draft('二'));
    expect([a.seq, b.seq]).to.deep.equal([1, 2]);
    expect(a.id).to.match(/^[0-9a-f-]{36}$/);
    expect(a.id).not.to.equal(b.id);

    // Simulated reload: the page goes away, a new page opens the same database.
    db.close();
    const reopened = new KioskDb(db.name);
    const outbox2 = new Outbox(reopened);
    const c = await saveNotice(outbox2, 's1', staff, null, draft('三'));
    expect(c.seq).to.equal(3);
    const pending = await outbox2.pending();
    expect(pending.map((r) => r.seq)).to.deep.equal([1, 2, 3]);
    expect(pending.map((r) => (r.command.payload as { draft: NoticeDraft }).draft.title)).to.deep.equal(['一', '二', '三']);
    expect(pending.every((r) => r.status === 'pending')).to.equal(true);
    reopened.close();
  });

  it('writes the command and its optimistic replica change in one transaction', async () => {
    const db = freshDb();
    const outbox = new Outbox(db);
    await seed(db, { notices: [notice({ id: 'n1', revision: 4 })] });
    const cmd = await saveNotice(outbox, 's1', staff, notice({ id: 'n1', revision: 4 }), { ...draft('改过的标题') });
    expect(cmd.payload.baseRevision).to.equal(4);
    const local = await db.run((conn) => conn.get('notices', 'n1'));
    expect(local?.title).to.equal('改过的标题');
    expect(local?.pendingCommandId).to.equal(cmd.id);
    expect(local?.serverCopy?.title).to.equal('停水通知');

    // A failing local effect rolls the command back too: nothing half written.
    let failed = false;
    try {
      await outbox.enqueue({ type: 'notice.save', payload: { noticeId: 'x', baseRevision: null, draft: draft('x') }, actor: { staffNo: '1001' } }, async () => {
        throw new Error('local write failed');
      });
    } catch {
      failed = true;
    }
    expect(failed).to.equal(true);
    expect((await outbox.pending()).map((r) => r.seq)).to.deep.equal([1]);
    const next = await saveNotice(outbox, 's1', staff, null, draft('下一条'));
    expect(next.seq).to.equal(2);
  });

  it('a second offline edit is based on the revision the first will produce', async () => {
    const db = freshDb();
    const outbox = new Outbox(db);
    await seed(db, { notices: [notice({ id: 'n1', revision: 4 })] });
    const first = await saveNotice(outbox, 's1', staff, notice({ id: 'n1', revision: 4 }), draft('一改'));
    const afterFirst = await db.run((conn) => conn.get('notices', 'n1'));
    const second = await saveNotice(outbox, 's1', staff, afterFirst!, draft('二改'));
    expect(first.payload.baseRevision).to.equal(4);
    expect(second.payload.baseRevision).to.equal(5);
    // The server copy kept for a rejection is still the server's, not the first local edit.
    expect((await db.run((conn) => conn.get('notices', 'n1')))?.serverCopy?.revision).to.equal(4);
  });

  it('closes a gap by renumbering from the seq the server expects, ids and order unchanged', async () => {
    const db = freshDb();
    const outbox = new Outbox(db);
    const cmds = [await saveNotice(outbox, 's1', staff, null, draft('一')), await saveNotice(outbox, 's1', staff, null, draft('二'))];
    // Pretend the first seqs were 7 and 8 (the server lost its record of 1–6, e.g. a restore).
    await db.run(async (conn) => {
      const tx = conn.transaction(['outbox', 'meta'], 'readwrite');
      const all = await tx.objectStore('outbox').getAll();
      await tx.objectStore('outbox').clear();
      for (const [i, r] of all.entries()) await tx.objectStore('outbox').add({ ...r, seq: 7 + i, command: { ...r.command, seq: 7 + i } });
      await tx.objectStore('meta').put(9, 'nextSeq');
      await tx.done;
    });
    expect(await outbox.closeGap(9)).to.equal(0); // no gap: nothing to do
    expect(await outbox.closeGap(3)).to.equal(2);
    const pending = await outbox.pending();
    expect(pending.map((r) => [r.seq, r.command.seq, r.command.id])).to.deep.equal([
      [3, 3, cmds[0]!.id],
      [4, 4, cmds[1]!.id],
    ]);
    expect((await saveNotice(outbox, 's1', staff, null, draft('三'))).seq).to.equal(5);
  });
});
