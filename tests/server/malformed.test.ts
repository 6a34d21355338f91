/**
 * Bad input of every kind is answered with the exact 4xx, an `{ error, message }` body with a
 * Chinese message, and leaves the database exactly as it was (row counts and a hash of every row).
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { InjectOptions } from 'fastify';
import { NOTICE_LIMITS, PUSH_BATCH_MAX } from '../../domain/index.ts';
import { describeEachDialect } from './databases.ts';
import { openFixture, saveCommand, schemaTables, snapshot, STATION, type Fixture } from './station-fixture.ts';

interface Case {
  name: string;
  status: number;
  request: (tokens: { device: string; staff: string }) => InjectOptions;
}

const json = { 'content-type': 'application/json' };

function pushWith(mutate: (cmd: Record<string, unknown>) => void) {
  return ({ device }: { device: string }): InjectOptions => {
    const cmd = structuredClone(saveCommand(1)) as unknown as Record<string, unknown>;
    mutate(cmd);
    return { method: 'POST', url: '/api/sync/push', headers: { authorization: `Bearer ${device}` }, payload: { commands: [cmd] } };
  };
}
const draftOf = (cmd: Record<string, unknown>) => (cmd.payload as { draft: Record<string, unknown> }).draft;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

const CASES: Case[] = [
  { name: 'bad JSON', status: 400, request: ({ device }) => ({ method: 'POST', url: '/api/sync/push', headers: { ...auth(device), ...json }, payload: '{"commands": [' }) },
  { name: 'wrong type: seq as a string', status: 400, request: pushWith((c) => (c.seq = '1')) },
  { name: 'wrong type: pinned as a string', status: 400, request: pushWith((c) => (draftOf(c).pinned = 'yes')) },
  {
    name: 'huge body (2 MiB)',
    status: 413,
    request: ({ device }) => ({ method: 'POST', url: '/api/sync/push', headers: { ...auth(device), ...json }, payload: JSON.stringify({ commands: [], pad: 'x'.repeat(2 * 1024 * 1024) }) }),
  },
  { name: 'unknown field in a command', status: 400, request: pushWith((c) => (c.priority = 'high')) },
  { name: 'unknown field in a draft', status: 400, request: pushWith((c) => (draftOf(c).html = '<b>x</b>')) },
  {
    name: 'unknown field in login',
    status: 400,
    request: () => ({ method: 'POST', url: '/api/staff/login', payload: { stationId: STATION, staffNo: '1001', pin: '1234', admin: true } }),
  },
  { name: 'bad cursor (text)', status: 400, request: ({ device }) => ({ method: 'GET', url: '/api/sync/pull?cursor=abc', headers: auth(device) }) },
  { name: 'negative cursor', status: 400, request: ({ device }) => ({ method: 'GET', url: '/api/sync/pull?cursor=-1', headers: auth(device) }) },
  { name: 'cursor beyond 32 bits', status: 400, request: ({ device }) => ({ method: 'GET', url: '/api/sync/pull?cursor=3000000000', headers: auth(device) }) },
  { name: 'missing cursor', status: 400, request: ({ device }) => ({ method: 'GET', url: '/api/sync/pull', headers: auth(device) }) },
  { name: 'pull limit over the maximum', status: 400, request: ({ device }) => ({ method: 'GET', url: '/api/sync/pull?cursor=0&limit=1001', headers: auth(device) }) },
  { name: 'bad UUID in the path', status: 400, request: () => ({ method: 'GET', url: '/api/stations/not-a-uuid/notices' }) },
  { name: 'bad UUID as command id', status: 400, request: pushWith((c) => (c.id = '1234')) },
  { name: 'negative seq', status: 400, request: pushWith((c) => (c.seq = -3)) },
  { name: 'seq 0', status: 400, request: pushWith((c) => (c.seq = 0)) },
  { name: 'seq beyond 32 bits', status: 400, request: pushWith((c) => (c.seq = 2 ** 31)) },
  { name: 'fractional seq', status: 400, request: pushWith((c) => (c.seq = 1.5)) },
  { name: 'base revision 0', status: 400, request: pushWith((c) => ((c.payload as { baseRevision: number }).baseRevision = 0)) },
  { name: 'missing auth on push', status: 401, request: () => ({ method: 'POST', url: '/api/sync/push', payload: { commands: [saveCommand(1)] } }) },
  { name: 'forged device token', status: 401, request: () => ({ method: 'POST', url: '/api/sync/push', headers: auth('Zm9yZ2VkLXRva2VuLWZvcmdlZC10b2tlbi1mb3JnZWQ'), payload: { commands: [saveCommand(1)] } }) },
  { name: 'staff token used as a device token', status: 401, request: ({ staff }) => ({ method: 'POST', url: '/api/sync/push', headers: auth(staff), payload: { commands: [saveCommand(1)] } }) },
  { name: 'device token used as a staff token', status: 401, request: ({ device }) => ({ method: 'POST', url: '/api/staff/pairing-codes', headers: auth(device) }) },
  { name: 'not a Bearer header', status: 401, request: () => ({ method: 'GET', url: '/api/sync/pull?cursor=0', headers: { authorization: 'Basic dXNlcjpwYXNz' } }) },
  {
    name: 'wrong content type (text/plain)',
    status: 415,
    request: ({ device }) => ({ method: 'POST', url: '/api/sync/push', headers: { ...auth(device), 'content-type': 'text/plain' }, payload: JSON.stringify({ commands: [] }) }),
  },
  {
    name: 'wrong content type (form)',
    status: 415,
    request: () => ({ method: 'POST', url: '/api/staff/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'staffNo=1001&pin=1234' }),
  },
  { name: 'empty JSON body', status: 400, request: ({ device }) => ({ method: 'POST', url: '/api/sync/push', headers: { ...auth(device), ...json }, payload: '' }) },
  { name: 'no body at all', status: 400, request: ({ device }) => ({ method: 'POST', url: '/api/sync/push', headers: auth(device) }) },
  { name: 'array instead of object', status: 400, request: ({ device }) => ({ method: 'POST', url: '/api/sync/push', headers: { ...auth(device), ...json }, payload: '[{"commands":[]}]' }) },
  { name: 'JSON null body', status: 400, request: () => ({ method: 'POST', url: '/api/staff/login', headers: json, payload: 'null' }) },
  { name: 'over-long title', status: 400, request: pushWith((c) => (draftOf(c).title = '长'.repeat(NOTICE_LIMITS.titleMax + 1))) },
  { name: 'NUL character in a title', status: 400, request: pushWith((c) => (draftOf(c).title = 'a\u0000b')) },
  { name: 'NUL character in a body', status: 400, request: pushWith((c) => (draftOf(c).body = '正文\u0000')) },
  { name: 'over-long body', status: 400, request: pushWith((c) => (draftOf(c).body = '字'.repeat(NOTICE_LIMITS.bodyMax + 1))) },
  { name: 'too many images', status: 400, request: pushWith((c) => (draftOf(c).images = Array(NOTICE_LIMITS.imagesMax + 1).fill('https://example.com/a.jpg'))) },
  { name: 'bad date', status: 400, request: pushWith((c) => (draftOf(c).publishAt = '明天上午')) },
  { name: 'date without time zone', status: 400, request: pushWith((c) => (draftOf(c).expireAt = '2026-12-01T08:00:00')) },
  { name: 'unknown command type', status: 400, request: pushWith((c) => (c.type = 'meal.book')) },
  { name: 'board not in the list', status: 400, request: pushWith((c) => (draftOf(c).board = '小广告')) },
  { name: 'javascript: image URL', status: 400, request: pushWith((c) => (draftOf(c).images = ['javascript:alert(1)'])) },
  { name: 'protocol-relative image URL', status: 400, request: pushWith((c) => (draftOf(c).images = ['//evil.example.com/x.png'])) },
  {
    name: 'too many commands in one push',
    status: 400,
    request: ({ device }) => ({ method: 'POST', url: '/api/sync/push', headers: auth(device), payload: { commands: Array.from({ length: PUSH_BATCH_MAX + 1 }, (_, i) => saveCommand(i + 1)) } }),
  },
  {
    name: 'prototype pollution',
    status: 400,
    request: ({ device }) => ({ method: 'POST', url: '/api/sync/push', headers: { ...auth(device), ...json }, payload: '{"commands":[],"__proto__":{"admin":true}}' }),
  },
  { name: 'board not in the list (public query)', status: 400, request: () => ({ method: 'GET', url: `/api/stations/${STATION}/notices?board=${encodeURIComponent('广告')}` }) },
  { name: 'limit 0 (public query)', status: 400, request: () => ({ method: 'GET', url: `/api/stations/${STATION}/notices?limit=0` }) },
  { name: 'repeated limit (public query)', status: 400, request: () => ({ method: 'GET', url: `/api/stations/${STATION}/notices?limit=5&limit=6` }) },
  { name: 'unknown query parameter', status: 400, request: () => ({ method: 'GET', url: `/api/stations/${STATION}/notices?sort=title` }) },
  { name: 'PIN with five digits', status: 400, request: () => ({ method: 'POST', url: '/api/staff/login', payload: { stationId: STATION, staffNo: '1001', pin: '12345' } }) },
  { name: 'PIN as a number', status: 400, request: () => ({ method: 'POST', url: '/api/staff/login', payload: { stationId: STATION, staffNo: '1001', pin: 1234 } }) },
  { name: 'pairing code of the wrong shape', status: 400, request: () => ({ method: 'POST', url: '/api/devices/pair', payload: { code: 'ABC', name: '终端' } }) },
  { name: 'pairing code that was never issued', status: 403, request: () => ({ method: 'POST', url: '/api/devices/pair', payload: { code: 'ABCD-EFGH', name: '终端' } }) },
  { name: 'device name with a line break', status: 400, request: () => ({ method: 'POST', url: '/api/devices/pair', payload: { code: 'ABCDEFGH', name: '终端\n二号' } }) },
  { name: 'empty device name', status: 400, request: () => ({ method: 'POST', url: '/api/devices/pair', payload: { code: 'ABCDEFGH', name: '' } }) },
  { name: 'unknown field in the pairing-code request', status: 400, request: ({ staff }) => ({ method: 'POST', url: '/api/staff/pairing-codes', headers: auth(staff), payload: { ttl: 9999 } }) },
  { name: 'audit limit over the maximum', status: 400, request: ({ staff }) => ({ method: 'GET', url: '/api/staff/audit?limit=100000', headers: auth(staff) }) },
  { name: 'unknown route', status: 404, request: () => ({ method: 'GET', url: '/api/sync/everything' }) },
  { name: 'wrong method', status: 404, request: ({ device }) => ({ method: 'DELETE', url: '/api/sync/push', headers: auth(device) }) },
  { name: 'broken URL encoding', status: 400, request: () => ({ method: 'GET', url: `/api/stations/${STATION}/notices?board=%E0%A4%A` }) },
];

await describeEachDialect('malformed requests', (dialect) => {
  let f: Fixture;
  const tokens = { device: '', staff: '' };
  before(async () => {
    f = await openFixture(dialect.name);
    tokens.device = (await f.pairDevice()).deviceToken;
    tokens.staff = await f.staffToken('1001');
  });
  after(() => f?.close());

  it(`has at least 20 kinds of bad input (${CASES.length})`, () => {
    assert.ok(CASES.length >= 20);
  });

  for (const c of CASES) {
    it(`${c.name} → ${c.status}, database unchanged`, async () => {
      // Every stored record; not the sign-in attempt counters, which a wrong pairing code or PIN
      // is meant to move (server/auth/login-limits.ts; tests/server/login-limits.test.ts).
      const records = (await schemaTables(f.db)).filter((t) => t !== 'login_limits');
      const before = await snapshot(f.db, records);
      const res = await f.app.inject(c.request(tokens));
      assert.equal(res.statusCode, c.status, res.body);
      const body = res.json<Record<string, unknown>>();
      assert.deepEqual(Object.keys(body).sort(), ['error', 'message']);
      assert.equal(typeof body.error, 'string');
      assert.match(String(body.message), /[\u4e00-\u9fff]/, 'message in Chinese');
      assert.deepEqual(await snapshot(f.db, records), before);
    });
  }

  it('the messages name the problem', async () => {
    const title = await f.app.inject(pushWith((c) => (draftOf(c).title = '长'.repeat(121)))(tokens));
    assert.equal(title.json<{ message: string }>().message, '请求格式不正确：「标题」太长，最多 120 个字（位置：/commands/0/payload/draft/title）');
    const board = await f.app.inject(pushWith((c) => (draftOf(c).board = '小广告'))(tokens));
    assert.match(board.json<{ message: string }>().message, /「栏目」只能是：社区公告、物业之窗、公示栏、活动、安全提示/);
    const extra = await f.app.inject(pushWith((c) => (c.priority = 1))(tokens));
    assert.match(extra.json<{ message: string }>().message, /不认识的字段「priority」/);
    const big = await f.app.inject(CASES.find((c) => c.status === 413)!.request(tokens));
    assert.deepEqual(big.json(), { error: 'body-too-large', message: '请求内容太大，最多 1 MiB' });
  });

  it('a valid push still works afterwards (the device was not disturbed)', async () => {
    const res = await f.push(tokens.device, [saveCommand(1)]);
    assert.equal(res.outcomes[0]!.status, 'applied');
    assert.equal(res.lastSeq, 1);
  });
});
