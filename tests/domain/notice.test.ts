import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareNotices, currentEmergency, isSafeImageUrl, selectVisibleNotices, validateNoticeDraft, type Notice } from '../../domain/index.ts';

const now = new Date('2026-11-23T08:00:00Z');
function notice(over: Partial<Notice>): Notice {
  return {
    id: 'n0', stationId: 's1', board: '社区公告', title: '标题', body: '', images: [],
    publishAt: '2026-11-20T00:00:00.000Z', expireAt: null, pinned: false, emergency: false,
    retired: false, revision: 1, updatedAt: '2026-11-20T00:00:00.000Z', ...over,
  };
}

test('visible notices: scheduled, expired and retired ones are hidden; pinned first then newest', () => {
  const all = [
    notice({ id: 'old', publishAt: '2026-11-01T00:00:00.000Z' }),
    notice({ id: 'new', publishAt: '2026-11-22T00:00:00.000Z' }),
    notice({ id: 'pinned', publishAt: '2026-10-01T00:00:00.000Z', pinned: true }),
    notice({ id: 'scheduled', publishAt: '2026-11-24T00:00:00.000Z' }),
    notice({ id: 'expired', expireAt: '2026-11-23T07:59:59.000Z' }),
    notice({ id: 'retired', retired: true }),
    notice({ id: 'other-board', board: '公示栏' }),
  ];
  assert.deepEqual(selectVisibleNotices(all, { boards: ['社区公告'] }, now).map((n) => n.id), ['pinned', 'new', 'old']);
  assert.deepEqual(selectVisibleNotices(all, { limit: 2 }, now).map((n) => n.id), ['pinned', 'new']);
  assert.deepEqual(selectVisibleNotices(all, {}, now).map((n) => n.id), ['pinned', 'new', 'other-board', 'old']);
});

test('expiry is exclusive: a notice expiring exactly now is hidden', () => {
  assert.deepEqual(selectVisibleNotices([notice({ expireAt: now.toISOString() })], {}, now), []);
});

test('compareNotices breaks ties by id so the order is stable', () => {
  assert.equal(compareNotices(notice({ id: 'a' }), notice({ id: 'b' })), -1);
  assert.equal(compareNotices(notice({ id: 'b' }), notice({ id: 'a' })), 1);
});

test('the newest visible emergency notice wins; a cleared one does not', () => {
  const a = notice({ id: 'a', emergency: true, publishAt: '2026-11-21T00:00:00.000Z' });
  const b = notice({ id: 'b', emergency: true, publishAt: '2026-11-22T00:00:00.000Z' });
  const cleared = notice({ id: 'c', emergency: true, retired: true, publishAt: '2026-11-23T00:00:00.000Z' });
  assert.equal(currentEmergency([a, b, cleared], now)?.id, 'b');
  assert.equal(currentEmergency([notice({})], now), null);
});

test('image URLs: only http(s) and site-relative paths', () => {
  assert.equal(isSafeImageUrl('https://example.org/a.jpg'), true);
  assert.equal(isSafeImageUrl('/uploads/a.jpg'), true);
  for (const bad of ['javascript:alert(1)', 'data:image/svg+xml,<svg onload=alert(1)>', '//evil.example/a.jpg', '', 'vbscript:x']) {
    assert.equal(isSafeImageUrl(bad), false, bad);
  }
});

test('draft validation answers in plain Chinese per field', () => {
  const errors = validateNoticeDraft({
    board: '社区公告', title: '  ', body: '', images: ['javascript:alert(1)'],
    publishAt: '2026-11-23T00:00:00Z', expireAt: '2026-11-22T00:00:00Z', pinned: false, emergency: false, retired: false,
  });
  assert.deepEqual(errors, { title: '请填写标题', images: '图片地址必须以 http:// 或 https:// 开头', expireAt: '下架时间必须晚于发布时间' });
});
