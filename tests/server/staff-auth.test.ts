import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { STAFF_LOCKOUT, type AuditEntry, type DevicePairResponse, type StaffLoginResponse } from '../../domain/index.ts';
import { PAIRING_CODE_ALPHABET } from '../../server/auth/tokens.ts';
import { SECOND_STATION } from '../../server/seed/demo-data.ts';
import { describeEachDialect } from './databases.ts';
import { openFixture, secretOf, STATION, type Fixture } from './station-fixture.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

await describeEachDialect('staff sign-in, pairing and audit', (dialect) => {
  let f: Fixture;
  before(async () => {
    f = await openFixture(dialect.name);
  });
  after(() => f?.close());

  const audit = async (token: string) => {
    const res = await f.app.inject({ method: 'GET', url: '/api/staff/audit?limit=500', headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.statusCode, 200);
    return res.json<{ entries: AuditEntry[] }>().entries;
  };

  it('signs in with the right PIN and stores only a hash of the session token', async () => {
    const res = await f.login('1002', secretOf('1002'));
    assert.equal(res.statusCode, 200);
    const body = res.json<StaffLoginResponse>();
    assert.deepEqual(body.staff, { staffNo: '1002', name: '李建国', role: 'social-worker' });
    assert.match(body.token, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(Date.parse(body.expiresAt) - f.now(), 12 * 3_600_000);
    const sessions = await f.db.selectFrom('staff_sessions').selectAll().execute();
    assert.ok(sessions.some((s) => s.token_hash === sha256(body.token)));
    assert.ok(sessions.every((s) => s.token_hash !== body.token));
    // The audit log is the manager's to read (domain/roles.ts).
    const entries = (await audit(await f.staffToken('1001'))).filter((e) => e.staffNo === '1002');
    assert.equal(entries[0]!.action, 'staff.login');
    assert.equal(entries[0]!.staffNo, '1002');
  });

  it('answers 401 to a wrong PIN, an unknown number and another station’s staff', async () => {
    assert.equal((await f.login('1002', '0000000000')).statusCode, 401);
    assert.equal((await f.login('9999', secretOf('1001'))).statusCode, 401);
    assert.equal((await f.login('2001', secretOf('2001'))).statusCode, 401); // 2001 belongs to the second station
    assert.equal((await f.login('2001', secretOf('2001'), SECOND_STATION.id)).statusCode, 200);
    const wrong = await f.login('1002', '0000000000');
    assert.deepEqual(wrong.json(), { error: 'wrong-pin', message: '工号或密码不正确' });
    assert.equal((await f.login('1002', secretOf('1002'))).statusCode, 200); // resets the counter
  });

  it('a staff secret is ten digits: a 4-digit PIN is refused as malformed, in plain words', async () => {
    const res = await f.login('1002', '2345');
    assert.equal(res.statusCode, 400);
    assert.match(res.json<{ message: string }>().message, /工作人员密码（10 位数字）/);
  });

  it(`locks the account for ${STAFF_LOCKOUT.minutes} minutes after ${STAFF_LOCKOUT.maxFailures} wrong PINs in a row`, async () => {
    for (let i = 1; i < STAFF_LOCKOUT.maxFailures; i++) assert.equal((await f.login('1003', '0000000000')).statusCode, 401, `attempt ${i}`);
    const fifth = await f.login('1003', '0000000000');
    assert.equal(fifth.statusCode, 423);
    assert.equal(fifth.json<{ error: string }>().error, 'locked');
    assert.match(fifth.json<{ message: string }>().message, /15 分钟/);
    assert.equal(fifth.headers['retry-after'], String(STAFF_LOCKOUT.minutes * 60));
    // The right PIN does not help while locked, and the lock is in the database.
    const right = await f.login('1003', secretOf('1003'));
    assert.equal(right.statusCode, 423);
    // The lock is of this account at this client (login_limits, shared by every server process).
    const locks = await f.db.selectFrom('login_limits').selectAll().where('key', 'like', 'pair:%').where('count', '=', STAFF_LOCKOUT.maxFailures).execute();
    assert.equal(locks.length, 1);
    assert.equal(Date.parse(locks[0]!.expires_at), f.now() + STAFF_LOCKOUT.minutes * 60_000);

    f.advance(STAFF_LOCKOUT.minutes * 60_000 - 1_000);
    assert.equal((await f.login('1003', secretOf('1003'))).statusCode, 423);
    f.advance(1_000);
    const ok = await f.login('1003', secretOf('1003'));
    assert.equal(ok.statusCode, 200);
    const reset = await f.db.selectFrom('login_limits').select('count').where('key', '=', locks[0]!.key).executeTakeFirstOrThrow();
    assert.equal(reset.count, 0);

    assert.match(ok.json<StaffLoginResponse>().token, /^[A-Za-z0-9_-]{43}$/);
    const entries = await audit(await f.staffToken('1001'));
    const mine = entries.filter((e) => e.staffNo === '1003').map((e) => e.action);
    assert.deepEqual(mine.slice(0, 6), ['staff.login', 'staff.locked', 'staff.login-failed', 'staff.login-failed', 'staff.login-failed', 'staff.login-failed']);
  });

  it('a lock that ran out gives a fresh count, and success resets the counter', async () => {
    for (let i = 0; i < STAFF_LOCKOUT.maxFailures - 1; i++) assert.equal((await f.login('1003', '1111111111')).statusCode, 401);
    assert.equal((await f.login('1003', secretOf('1003'))).statusCode, 200);
    for (let i = 0; i < STAFF_LOCKOUT.maxFailures - 1; i++) assert.equal((await f.login('1003', '1111111111')).statusCode, 401);
    assert.equal((await f.login('1003', secretOf('1003'))).statusCode, 200);
  });

  it('rejects requests without a valid session, and expired sessions', async () => {
    const none = await f.app.inject({ method: 'GET', url: '/api/staff/audit' });
    assert.equal(none.statusCode, 401);
    const forged = await f.app.inject({ method: 'GET', url: '/api/staff/audit', headers: { authorization: `Bearer ${'A'.repeat(43)}` } });
    assert.equal(forged.statusCode, 401);
    const token = await f.staffToken('1001');
    f.advance(12 * 3_600_000);
    const expired = await f.app.inject({ method: 'GET', url: '/api/staff/audit', headers: { authorization: `Bearer ${token}` } });
    f.advance(-12 * 3_600_000);
    assert.equal(expired.statusCode, 401);
  });

  it('makes one-time pairing codes that expire after 10 minutes', async () => {
    const token = await f.staffToken('1001');
    const create = () => f.app.inject({ method: 'POST', url: '/api/staff/pairing-codes', headers: { authorization: `Bearer ${token}` } });
    const res = await create();
    assert.equal(res.statusCode, 201);
    const { code, expiresAt } = res.json<{ code: string; expiresAt: string }>();
    assert.equal(code.length, 8);
    for (const ch of code) assert.ok(PAIRING_CODE_ALPHABET.includes(ch), ch);
    assert.equal(Date.parse(expiresAt) - f.now(), 10 * 60_000);
    const stored = await f.db.selectFrom('pairing_codes').selectAll().where('code_hash', '=', sha256(code)).executeTakeFirstOrThrow();
    assert.equal(stored.station_id, STATION);

    // Typed in lower case with a dash, as people do.
    const typed = `${code.slice(0, 4)}-${code.slice(4)}`.toLowerCase();
    const paired = await f.app.inject({ method: 'POST', url: '/api/devices/pair', payload: { code: typed, name: '一楼大厅终端' } });
    assert.equal(paired.statusCode, 201);
    const device = paired.json<DevicePairResponse>();
    assert.equal(device.stationId, STATION);
    const row = await f.db.selectFrom('devices').selectAll().where('id', '=', device.deviceId).executeTakeFirstOrThrow();
    assert.equal(row.token_hash, sha256(device.deviceToken));
    assert.equal(row.last_seq, 0);

    const again = await f.app.inject({ method: 'POST', url: '/api/devices/pair', payload: { code, name: '第二台' } });
    assert.equal(again.statusCode, 403);

    const late = (await create()).json<{ code: string }>().code;
    f.advance(10 * 60_000);
    const expired = await f.app.inject({ method: 'POST', url: '/api/devices/pair', payload: { code: late, name: '迟到的终端' } });
    f.advance(-10 * 60_000);
    assert.equal(expired.statusCode, 403);

    const entries = await audit(token);
    const pairEntry = entries.find((e) => e.action === 'device.pair' && e.deviceId === device.deviceId);
    assert.ok(pairEntry);
    assert.equal(pairEntry.staffNo, '1001');
    assert.ok(entries.filter((e) => e.action === 'device.pairing-code').length >= 2);
  });

  it('the audit log shows only the own station', async () => {
    const token = await f.staffToken('2001');
    const entries = await audit(token);
    assert.ok(entries.length > 0);
    assert.ok(entries.every((e) => e.stationId === SECOND_STATION.id));
  });

  it('the audit log refuses UPDATE and DELETE in the database itself', async () => {
    const before = await f.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
    assert.ok(before.length > 0);
    await assert.rejects(sql`UPDATE audit_log SET detail = 'edited'`.execute(f.db), /append-only/);
    await assert.rejects(sql`DELETE FROM audit_log`.execute(f.db), /append-only/);
    await assert.rejects(f.db.updateTable('audit_log').set({ action: 'x' }).where('id', '=', before[0]!.id).execute(), /append-only/);
    if (dialect.name === 'postgres') await assert.rejects(sql`TRUNCATE audit_log`.execute(f.db), /append-only/);
    const after = await f.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
    assert.deepEqual(after, before);
  });
});
