/**
 * Residents on the station server: registration and PIN commands from kiosks (validated,
 * de-duplicated, audited with who acted — staff, resident or proxy), replication to the
 * station's kiosks (the PIN hash only to the kiosk she was registered at: the rest of that rule is
 * tests/server/resident-verifiers.test.ts), the website sign-in with its lockout, and that
 * nothing of a resident ever reaches a public route.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { InjectOptions } from 'fastify';
import {
  hashCardNumber,
  hashPin,
  PIN_HASH_ITERATIONS,
  RESIDENT_LOCKOUT,
  type AuditEntry,
  type Command,
  type CommandActor,
  type ResidentLoginResponse,
  type ResidentRegisterPayload,
} from '../../domain/index.ts';
import { DEMO_RESIDENTS, SECOND_STATION } from '../../server/seed/demo-data.ts';
import { describeEachDialect } from './databases.ts';
import { openFixture, snapshot, STATION, type Fixture } from './station-fixture.ts';

const ZHANG = DEMO_RESIDENTS.find((r) => r.name === '张秀英')!;
const LI = DEMO_RESIDENTS.find((r) => r.name === '李淑珍')!;
const OTHER_STATION_RESIDENT = DEMO_RESIDENTS.find((r) => r.stationId === SECOND_STATION.id)!;
// The server refuses PIN hashes cheaper than the standard; one hash serves every test.
const NEW_PIN = '1357';
const pinHashOf = hashPin(NEW_PIN, PIN_HASH_ITERATIONS);

let phoneCounter = 0;
function freshPhone(): string {
  return `1590000${String(1000 + phoneCounter++).slice(-4)}`;
}

async function registerCommand(seq: number, over: Partial<ResidentRegisterPayload> = {}, actor: CommandActor = { staffNo: '1002' }): Promise<Command<'resident.register'>> {
  return {
    id: crypto.randomUUID(),
    seq,
    type: 'resident.register',
    payload: {
      residentId: crypto.randomUUID(),
      name: '孙桂香',
      phone: freshPhone(),
      birthYear: 1947,
      building: '9 号楼 1 单元',
      consentAt: new Date().toISOString(),
      pinHash: await pinHashOf,
      ...over,
    },
    actor,
    createdAt: new Date().toISOString(),
  };
}

async function setPinCommand(seq: number, residentId: string, baseRevision: number, actor: CommandActor = { staffNo: '1002' }, pinHash?: string): Promise<Command<'resident.set-pin'>> {
  return {
    id: crypto.randomUUID(),
    seq,
    type: 'resident.set-pin',
    payload: { residentId, pinHash: pinHash ?? (await pinHashOf), baseRevision },
    actor,
    createdAt: new Date().toISOString(),
  };
}

function proxyCommand(seq: number, residentId: string, actor: CommandActor): Command<'resident.proxy-session'> {
  return {
    id: crypto.randomUUID(),
    seq,
    type: 'resident.proxy-session',
    payload: { residentId, startedAt: new Date().toISOString() },
    actor,
    createdAt: new Date().toISOString(),
  };
}

await describeEachDialect('residents', (dialect) => {
  let f: Fixture;
  before(async () => {
    f = await openFixture(dialect.name, { corsOrigins: ['https://www.example.gov.cn'] });
  });
  after(() => f?.close());

  const login = (phone: string, pin: string, stationId = STATION) =>
    f.app.inject({ method: 'POST', url: '/api/residents/login', payload: { stationId, phone, pin } });
  const auditEntries = async (): Promise<AuditEntry[]> => {
    const token = await f.staffToken('1001');
    const res = await f.app.inject({ method: 'GET', url: '/api/staff/audit?limit=500', headers: { authorization: `Bearer ${token}` } });
    return res.json<{ entries: AuditEntry[] }>().entries;
  };

  it('seeds six demo residents at the demo station, hashes only', async () => {
    const rows = await f.db.selectFrom('residents').selectAll().where('station_id', '=', STATION).execute();
    assert.equal(rows.length, 6);
    for (const r of rows) {
      assert.match(r.pin_hash, /^pbkdf2-sha256\$/);
      assert.ok(!rows.some((x) => x.pin_hash.includes(DEMO_RESIDENTS.find((d) => d.id === r.id)!.pin + '$')));
      assert.ok(r.card_hash === null || /^[0-9a-f]{64}$/.test(r.card_hash));
    }
    const zhang = rows.find((r) => r.id === ZHANG.id)!;
    assert.equal(zhang.card_hash, await hashCardNumber(STATION, ZHANG.card!));
  });

  it('registers a resident from a kiosk: applied, replicated with hashes to this station only, audited as staff', async () => {
    const { deviceToken, deviceId } = await f.pairDevice();
    const cursor = (await f.pull(deviceToken, 0, 1000)).cursor;
    const cardHash = await hashCardNumber(STATION, '0099887766');
    const cmd = await registerCommand(1, { name: '  孙桂香 ', building: ' 9 号楼 1 单元 ', cardHash: cardHash! });
    const res = await f.push(deviceToken, [cmd]);
    const outcome = res.outcomes[0]!;
    assert.equal(outcome.status, 'applied', outcome.reason);
    assert.equal(outcome.resident!.name, '孙桂香');
    assert.equal(outcome.resident!.building, '9 号楼 1 单元');
    assert.equal(outcome.resident!.revision, 1);
    assert.equal(outcome.resident!.cardHash, cardHash);
    assert.equal(outcome.resident!.consentAt, new Date(cmd.payload.consentAt).toISOString());

    const page = await f.pull(deviceToken, cursor);
    assert.equal(page.changes.length, 1);
    const change = page.changes[0]!;
    assert.ok(change.op === 'put' && change.entity === 'resident');
    assert.equal(change.data.pinHash, cmd.payload.pinHash);
    assert.equal(change.data.cardHash, cardHash);
    assert.equal(change.data.phone, cmd.payload.phone);

    // A kiosk of the second station never receives it.
    const row = await f.db.selectFrom('changes').select('station_id').where('entity_id', '=', cmd.payload.residentId).executeTakeFirstOrThrow();
    assert.equal(row.station_id, STATION);

    const audit = await f.db.selectFrom('audit_log').selectAll().where('device_id', '=', deviceId).where('action', '=', 'resident.register').execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.actor_kind, 'staff');
    assert.equal(audit[0]!.staff_no, '1002');
    assert.equal(audit[0]!.entity_id, cmd.payload.residentId);
    assert.doesNotMatch(audit[0]!.detail, new RegExp(cmd.payload.phone), 'no full phone number in the audit log');

    // The PIN the resident chose works for the website sign-in.
    assert.equal((await login(cmd.payload.phone, NEW_PIN)).statusCode, 200);
  });

  it('rejects duplicates (phone, card, the same resident again) with a plain reason, storing nothing', async () => {
    const { deviceToken } = await f.pairDevice();
    const first = await registerCommand(1, { cardHash: (await hashCardNumber(STATION, 'A1B2C3D4'))! });
    assert.equal((await f.push(deviceToken, [first])).outcomes[0]!.status, 'applied');
    const count = async () => (await f.db.selectFrom('residents').select('id').execute()).length;
    const before = await count();

    const samePhone = await registerCommand(2, { phone: first.payload.phone });
    const sameCard = await registerCommand(3, { cardHash: first.payload.cardHash! });
    const seeded = await registerCommand(4, { phone: ZHANG.phone });
    const again = await registerCommand(5, { residentId: first.payload.residentId });
    const res = await f.push(deviceToken, [samePhone, sameCard, seeded, again]);
    assert.deepEqual(res.outcomes.map((o) => o.status), ['rejected', 'rejected', 'rejected', 'rejected']);
    const masked = `${first.payload.phone.slice(0, 3)}****${first.payload.phone.slice(-4)}`;
    assert.equal(res.outcomes[0]!.reason, `手机号 ${masked} 已经登记过了，同一个手机号只能登记一位居民，居民没有登记`);
    assert.match(res.outcomes[1]!.reason!, /这张居民卡已经登记给别的居民了/);
    assert.match(res.outcomes[2]!.reason!, /138\*\*\*\*8001 已经登记过了/);
    assert.match(res.outcomes[3]!.reason!, /这位居民已经登记过了/);
    assert.equal(await count(), before);
    assert.equal(res.lastSeq, 5);
  });

  it('rejects what the domain rules refuse, and registrations not made by staff', async () => {
    const { deviceToken, deviceId } = await f.pairDevice();
    // 张秀英 signed in here, so her own command is judged by the registration rule itself.
    await f.linkResidents(deviceId, [ZHANG.id]);
    const commands = [
      await registerCommand(1, { phone: '12345678901' }),
      await registerCommand(2, { birthYear: 1899 }),
      await registerCommand(3, { name: '   ' }),
      await registerCommand(4, { building: '  ' }),
      await registerCommand(5, { name: '名'.repeat(21) }),
      await registerCommand(6, { pinHash: await hashPin(NEW_PIN, 1_000) }),
      await registerCommand(7, {}, { residentId: ZHANG.id }),
      await registerCommand(8, {}, { staffNo: '2001' }),
      await registerCommand(9),
    ];
    const res = await f.push(deviceToken, commands);
    assert.deepEqual(res.outcomes.map((o) => o.status), [...Array(8).fill('rejected'), 'applied']);
    const reasons = res.outcomes.map((o) => o.reason ?? '');
    assert.match(reasons[0]!, /手机号应为 11 位数字/);
    assert.match(reasons[1]!, /出生年份应在 1900 到/);
    assert.match(reasons[2]!, /请填写姓名/);
    assert.match(reasons[3]!, /请填写楼号/);
    assert.match(reasons[4]!, /姓名不能超过 20 个字/);
    assert.match(reasons[5]!, /不够安全/);
    assert.match(reasons[6]!, /需要工作人员办理/);
    assert.match(reasons[7]!, /工号 2001 不是本站在职的工作人员/);
    const stored = await f.db.selectFrom('residents').select('id').where('id', 'in', commands.map((c) => c.payload.residentId)).execute();
    assert.deepEqual(stored.map((r) => r.id), [commands[8]!.payload.residentId]);
  });

  it('answers 400 to malformed resident commands and stores nothing', async () => {
    const { deviceToken } = await f.pairDevice();
    const base = await registerCommand(1);
    const mutations: [string, (c: Record<string, unknown>, p: Record<string, unknown>) => void, RegExp][] = [
      ['the PIN itself instead of a hash', (_c, p) => (p.pinHash = '1234'), /「密码哈希」的格式不对/],
      ['missing consent time', (_c, p) => delete p.consentAt, /缺少「同意时间」/],
      ['a national ID number field', (_c, p) => (p.idNumber = '110101194105061234'), /不认识的字段「idNumber」/],
      ['birth year as text', (_c, p) => (p.birthYear = '1947'), /「出生年份」应为整数/],
      ['phone with 10 digits', (_c, p) => (p.phone = '1380013800'), /「手机号」的格式不对/],
      ['bad resident id', (_c, p) => (p.residentId = 'resident-1'), /「居民编号」的格式不对/],
      ['card number instead of its hash', (_c, p) => (p.cardHash = '0012345678'), /「居民卡哈希」的格式不对/],
      ['name with a line break', (_c, p) => (p.name = '孙\n桂香'), /「姓名」的格式不对/],
      ['no actor at all', (c) => (c.actor = {}), /操作人/],
      ['unknown command type', (c) => (c.type = 'resident.delete'), /「指令类型」只能是：notice\.save、resident\.register/],
    ];
    for (const [name, mutate, message] of mutations) {
      const cmd = structuredClone(base) as unknown as Record<string, unknown>;
      mutate(cmd, cmd.payload as Record<string, unknown>);
      const before = await snapshot(f.db);
      const req: InjectOptions = { method: 'POST', url: '/api/sync/push', headers: { authorization: `Bearer ${deviceToken}` }, payload: { commands: [cmd] } };
      const res = await f.app.inject(req);
      assert.equal(res.statusCode, 400, `${name}: ${res.body}`);
      assert.match(res.json<{ message: string }>().message, message, name);
      assert.deepEqual(await snapshot(f.db), before, name);
    }
    // The device was not disturbed: the same command is applied as seq 1.
    assert.equal((await f.push(deviceToken, [base])).outcomes[0]!.status, 'applied');
  });

  it('resets a PIN (staff), lets a resident change only their own, and treats a stale revision as a conflict', async () => {
    const { deviceToken } = await f.pairDevice();
    const reg = await registerCommand(1);
    await f.push(deviceToken, [reg]);
    const id = reg.payload.residentId;
    const phone = reg.payload.phone;
    const otherPin = await hashPin('8642', PIN_HASH_ITERATIONS);

    const reset = await f.push(deviceToken, [await setPinCommand(2, id, 1, { staffNo: '1002' }, otherPin)]);
    assert.equal(reset.outcomes[0]!.status, 'applied');
    assert.equal(reset.outcomes[0]!.resident!.revision, 2);
    assert.equal((await login(phone, NEW_PIN)).statusCode, 401);
    assert.equal((await login(phone, '8642')).statusCode, 200);

    const stale = await f.push(deviceToken, [await setPinCommand(3, id, 1)]);
    assert.equal(stale.outcomes[0]!.status, 'conflict');
    assert.match(stale.outcomes[0]!.reason!, /刚被修改过/);
    assert.equal(stale.outcomes[0]!.resident!.revision, 2);

    const self = await f.push(deviceToken, [await setPinCommand(4, id, 2, { residentId: id })]);
    assert.equal(self.outcomes[0]!.status, 'applied');
    const someoneElse = await f.push(deviceToken, [await setPinCommand(5, LI.id, 1, { residentId: id })]);
    assert.equal(someoneElse.outcomes[0]!.status, 'rejected');
    assert.match(someoneElse.outcomes[0]!.reason!, /只能修改自己的密码/);
    const foreign = await f.push(deviceToken, [await setPinCommand(6, OTHER_STATION_RESIDENT.id, 1)]);
    assert.equal(foreign.outcomes[0]!.status, 'rejected');

    const kinds = (await f.db.selectFrom('audit_log').select(['action', 'actor_kind']).where('entity_id', '=', id).where('action', 'not like', 'resident.login%').orderBy('id').execute()).map((r) => [r.action, r.actor_kind]);
    assert.deepEqual(kinds, [
      ['resident.register', 'staff'],
      ['resident.set-pin', 'staff'],
      ['sync.conflict', 'staff'],
      ['resident.set-pin', 'resident'],
    ]);
  });

  it('records staff acting for a resident as a proxy action', async () => {
    const { deviceToken } = await f.pairDevice();
    const start = proxyCommand(1, LI.id, { staffNo: '1002', residentId: LI.id });
    const res = await f.push(deviceToken, [
      start,
      await setPinCommand(2, LI.id, 1, { staffNo: '1002', residentId: LI.id }),
      proxyCommand(3, LI.id, { staffNo: '1002' }),
      proxyCommand(4, LI.id, { staffNo: '1002', residentId: ZHANG.id }),
      proxyCommand(5, OTHER_STATION_RESIDENT.id, { staffNo: '1002', residentId: OTHER_STATION_RESIDENT.id }),
    ]);
    assert.deepEqual(res.outcomes.map((o) => o.status), ['applied', 'applied', 'rejected', 'rejected', 'rejected']);

    const entries = await auditEntries();
    const session = entries.find((e) => e.action === 'resident.proxy-session' && e.entityId === LI.id)!;
    assert.ok(session, 'proxy session audited');
    assert.equal(session.actorKind, 'proxy');
    assert.equal(session.staffNo, '1002');
    assert.equal(session.residentId, LI.id);
    assert.match(session.detail, /工作人员 1002 开始代居民 李\*珍 办理/);
    const pin = entries.find((e) => e.action === 'resident.set-pin' && e.entityId === LI.id)!;
    assert.equal(pin.actorKind, 'proxy');
    assert.equal(pin.residentId, LI.id);
    // Staff sign-in and other staff actions are recorded as staff.
    assert.ok(entries.filter((e) => e.action === 'staff.login').every((e) => e.actorKind === 'staff'));
  });

  it('never shows residents on public routes: no phone numbers, no hashes', async () => {
    const residents = await f.db.selectFrom('residents').select(['phone', 'pin_hash', 'card_hash', 'name']).execute();
    const urls = [`/api/stations/${STATION}`, `/api/stations/${STATION}/notices`, `/api/stations/${SECOND_STATION.id}/notices`, `/api/stations/${SECOND_STATION.id}`];
    const list = (await f.app.inject({ method: 'GET', url: `/api/stations/${STATION}/notices` })).json<{ notices: { id: string }[] }>().notices;
    for (const n of list.slice(0, 10)) urls.push(`/api/stations/${STATION}/notices/${n.id}`);
    const bodies: string[] = [];
    for (const url of urls) {
      const res = await f.app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 200, url);
      bodies.push(res.body);
    }
    const ok = await login(ZHANG.phone, ZHANG.pin);
    assert.equal(ok.statusCode, 200);
    bodies.push(ok.body);
    bodies.push((await login(ZHANG.phone, '0000')).body);
    for (const body of bodies) {
      assert.doesNotMatch(body, /pbkdf2/i);
      assert.doesNotMatch(body, /(?<!\d)1[3-9]\d{9}(?!\d)/, 'no full mobile number');
      for (const r of residents) {
        assert.ok(!body.includes(r.pin_hash));
        if (r.card_hash) assert.ok(!body.includes(r.card_hash));
      }
    }
  });

  it('signs a resident in on a website: a short-lived token, a masked phone, never a hash', async () => {
    const res = await login(ZHANG.phone, ZHANG.pin);
    assert.equal(res.statusCode, 200);
    const body = res.json<ResidentLoginResponse>();
    assert.deepEqual(body.resident, { id: ZHANG.id, name: '张秀英', building: '3 号楼 2 单元', phone: '138****8001' });
    assert.match(body.token, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(Date.parse(body.expiresAt) - f.now(), 30 * 60_000);
    const sessions = await f.db.selectFrom('resident_sessions').selectAll().where('resident_id', '=', ZHANG.id).execute();
    assert.ok(sessions.length >= 1);
    assert.ok(sessions.every((s) => s.token_hash !== body.token));

    const wrong = await login(ZHANG.phone, '9999');
    assert.equal(wrong.statusCode, 401);
    const unknown = await login('13700000000', '1111');
    assert.equal(unknown.statusCode, 401);
    assert.deepEqual(unknown.json(), wrong.json(), 'an unknown number gets the same answer');
    assert.equal((await login(OTHER_STATION_RESIDENT.phone, OTHER_STATION_RESIDENT.pin)).statusCode, 401);
    assert.equal((await login(OTHER_STATION_RESIDENT.phone, OTHER_STATION_RESIDENT.pin, SECOND_STATION.id)).statusCode, 200);
    assert.equal((await login(ZHANG.phone, ZHANG.pin)).statusCode, 200, 'success resets the count');

    const preflight = await f.app.inject({ method: 'OPTIONS', url: '/api/residents/login', headers: { origin: 'https://www.example.gov.cn', 'access-control-request-method': 'POST' } });
    assert.equal(preflight.statusCode, 204);
    assert.equal(preflight.headers['access-control-allow-origin'], 'https://www.example.gov.cn');
    assert.match(String(preflight.headers['access-control-allow-headers']), /Content-Type/);
  });

  it(`locks a resident for ${RESIDENT_LOCKOUT.minutes} minutes after ${RESIDENT_LOCKOUT.maxFailures} wrong PINs, in the database`, async () => {
    // The cases above signed in more than the per-client limit allows in one minute (all from one
    // address): a new minute, so only the lockout is at work here.
    f.advance(61_000);
    const r = DEMO_RESIDENTS.find((x) => x.name === '刘桂兰')!;
    for (let i = 1; i < RESIDENT_LOCKOUT.maxFailures; i++) assert.equal((await login(r.phone, '0000')).statusCode, 401, `attempt ${i}`);
    const fifth = await login(r.phone, '0000');
    assert.equal(fifth.statusCode, 423);
    assert.equal(fifth.json<{ error: string }>().error, 'locked');
    assert.match(fifth.json<{ message: string }>().message, /15 分钟后再试/);
    assert.equal(fifth.headers['retry-after'], String(RESIDENT_LOCKOUT.minutes * 60));
    assert.equal((await login(r.phone, r.pin)).statusCode, 423, 'the right PIN does not help while locked');
    // The lock is of this resident at this client (login_limits, shared by every server process).
    const locks = await f.db.selectFrom('login_limits').selectAll().where('key', 'like', 'pair:%').where('count', '=', RESIDENT_LOCKOUT.maxFailures).execute();
    assert.equal(locks.length, 1);
    assert.equal(Date.parse(locks[0]!.expires_at), f.now() + RESIDENT_LOCKOUT.minutes * 60_000);
    // Another resident is not affected.
    const chen = DEMO_RESIDENTS.find((x) => x.name === '陈国强')!;
    assert.equal((await login(chen.phone, chen.pin)).statusCode, 200);

    f.advance(RESIDENT_LOCKOUT.minutes * 60_000 - 1_000);
    assert.equal((await login(r.phone, r.pin)).statusCode, 423);
    f.advance(1_000);
    assert.equal((await login(r.phone, r.pin)).statusCode, 200);
    const reset = await f.db.selectFrom('login_limits').select('count').where('key', '=', locks[0]!.key).executeTakeFirstOrThrow();
    assert.equal(reset.count, 0);

    const mine = (await auditEntries()).filter((e) => e.residentId === r.id).map((e) => [e.action, e.actorKind]);
    assert.deepEqual(mine.slice(0, 3), [['resident.login', 'resident'], ['resident.locked', 'resident'], ['resident.login-failed', 'resident']]);
  });

  it('answers 400 to malformed sign-ins', async () => {
    for (const payload of [
      { stationId: STATION, phone: ZHANG.phone, pin: 1111 },
      { stationId: STATION, phone: ZHANG.phone, pin: '11111' },
      { stationId: STATION, phone: '138-0013-8001', pin: '1111' },
      { stationId: STATION, phone: ZHANG.phone, pin: '1111', idNumber: 'x' },
    ]) {
      const res = await f.app.inject({ method: 'POST', url: '/api/residents/login', payload });
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
    }
  });
});
