import { expect } from '@open-wc/testing';
import { KioskSource } from '../../kiosk/kiosk-source.ts';
import { applyPullPage } from '../../kiosk/store/replica.ts';
import { Outbox } from '../../kiosk/sync/outbox.ts';
import { saveNotice } from '../../kiosk/staff/notice-commands.ts';
import { cleanupDbs, freshDb, NOW, notice, seed, STATION } from './kiosk-fixtures.ts';

describe('kiosk source', () => {
  afterEach(cleanupDbs);

  async function sourceWith() {
    const db = freshDb();
    await seed(db, {
      notices: [
        notice({ id: 'old', publishAt: '2026-11-01T00:00:00.000Z' }),
        notice({ id: 'new', publishAt: '2026-11-22T00:00:00.000Z' }),
        notice({ id: 'pinned', publishAt: '2026-10-01T00:00:00.000Z', pinned: true }),
        notice({ id: 'scheduled', publishAt: '2026-11-24T00:00:00.000Z' }),
        notice({ id: 'expired', expireAt: '2026-11-23T07:00:00.000Z' }),
        notice({ id: 'retired', retired: true }),
        notice({ id: 'disclosure', board: '公示栏', publishAt: '2026-11-21T00:00:00.000Z' }),
      ],
    });
    return { db, source: new KioskSource(db, { publicOrigin: 'https://station.example/', now: () => NOW }) };
  }

  it('lists only visible notices, pinned first, by board and limit', async () => {
    const { source } = await sourceWith();
    expect((await source.notices({})).map((n) => n.id)).to.deep.equal(['pinned', 'new', 'disclosure', 'old']);
    expect((await source.notices({ boards: ['社区公告'] })).map((n) => n.id)).to.deep.equal(['pinned', 'new', 'old']);
    expect((await source.notices({ boards: ['公示栏', '活动'] })).map((n) => n.id)).to.deep.equal(['disclosure']);
    expect((await source.notices({ limit: 2 })).map((n) => n.id)).to.deep.equal(['pinned', 'new']);
  });

  it('returns one notice only while it is visible, without kiosk bookkeeping fields', async () => {
    const { db, source } = await sourceWith();
    expect((await source.notice('new'))?.id).to.equal('new');
    expect(await source.notice('scheduled')).to.equal(null);
    expect(await source.notice('retired')).to.equal(null);
    expect(await source.notice('nope')).to.equal(null);
    await saveNotice(new Outbox(db), 's1', { staffNo: '1001', name: '王芳', role: 'manager' }, notice({ id: 'new' }), { ...notice({ id: 'new', title: '本地' }) });
    const local = await source.notice('new');
    expect(local?.title).to.equal('本地');
    expect(Object.keys(local!)).not.to.include('pendingCommandId');
  });

  it('gives the station and the public URL of a notice', async () => {
    const { source } = await sourceWith();
    expect((await source.station())?.name).to.equal(STATION.name);
    expect(source.noticeUrl(notice({ id: 'n 1', stationId: 's1' }))).to.equal('https://station.example/demo/notice.html?station=s1&id=n+1');
  });

  it('tells subscribers after every applied pull and every local write', async () => {
    const { db, source } = await sourceWith();
    let calls = 0;
    const off = source.subscribe(() => calls++);
    await applyPullPage(db, { changes: [{ seq: 1, entity: 'notice', op: 'put', id: 'p', data: notice({ id: 'p' }) }], cursor: 1, more: false });
    expect(calls).to.equal(1);
    await saveNotice(new Outbox(db), 's1', { staffNo: '1001', name: '王芳', role: 'manager' }, null, {
      board: '活动', title: '新活动', body: '', images: [], publishAt: NOW.toISOString(), expireAt: null, pinned: false, emergency: false, retired: false,
    });
    expect(calls).to.equal(2);
    off();
    await applyPullPage(db, { changes: [], cursor: 2, more: false });
    expect(calls).to.equal(2);
  });
});
