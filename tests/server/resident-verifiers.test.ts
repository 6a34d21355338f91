/**
 * Resident PIN verifiers and kiosks (issue 13, defect 2, the resident half): a kiosk's pull feed
 * holds the verifier of a resident only where she needs offline sign-in — registered there, her
 * PIN set there, or signed in there online through POST /api/sync/resident-sign-in. Revoking a
 * kiosk makes every resident linked to it get a new PIN from staff before her next use anywhere;
 * resident-acting commands are accepted only from kiosks linked to that resident; PIN hashes
 * weaker than the standard are refused; a PIN reset ends the resident's website sessions.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  hashPin,
  PIN_HASH_ITERATIONS,
  PIN_HASH_MAX_ITERATIONS,
  type ApiError,
  type Change,
  type Command,
  type CommandActor,
  type KioskResident,
  type PushResponse,
  type ResidentLoginResponse,
} from '../../domain/index.ts';
import { DEMO_RESIDENTS } from '../../server/seed/demo-data.ts';
import { describeEachDialect } from './databases.ts';
import { openFixture, STATION, type Fixture } from './station-fixture.ts';

const demo = (name: string) => DEMO_RESIDENTS.find((r) => r.name === name)!;
const [ZHANG, LI, WANG, LIU, CHEN] = [demo('张秀英'), demo('李淑珍'), demo('王建华'), demo('刘桂兰'), demo('陈国强')];
const RESET_SENTENCE = '为了安全，请到服务站请工作人员帮您重新设置密码';
const STANDARD_HASH = hashPin('2468', PIN_HASH_ITERATIONS);

let phoneCounter = 0;
const freshPhone = () => `1590001${String(1000 + phoneCounter++).slice(-4)}`;

function command<T extends Command['type']>(seq: number, type: T, payload: Extract<Command, { type: T }>['payload'], actor: CommandActor): Command {
  return { id: crypto.randomUUID(), seq, type, payload, actor, createdAt: new Date().toISOString() } as Command;
}

/** The resident records of a feed, by resident id (the latest of each). */
function residentsIn(changes: readonly Change[]): Map<string, KioskResident> {
  const out = new Map<string, KioskResident>();
  for (const c of changes) if (c.entity === 'resident' && c.op === 'put') out.set(c.id, c.data);
  return out;
}

await describeEachDialect('resident verifiers on kiosks', (dialect) => {
  let f: Fixture;
  before(async () => {
    f = await openFixture(dialect.name);
  });
  after(() => f?.close());

  /** Every change a device can pull from the start, page by page. */
  const wholeFeed = async (token: string, from = 0): Promise<{ changes: Change[]; cursor: number }> => {
    const changes: Change[] = [];
    let cursor = from;
    for (;;) {
      const page = await f.pull(token, cursor, 500);
      changes.push(...page.changes);
      cursor = page.cursor;
      if (!page.more) return { changes, cursor };
    }
  };
  const kioskSignIn = (token: string, phone: string, pin: string) =>
    f.app.inject({ method: 'POST', url: '/api/sync/resident-sign-in', headers: { authorization: `Bearer ${token}` }, payload: { phone, pin } });
  const websiteLogin = (phone: string, pin: string) => f.app.inject({ method: 'POST', url: '/api/residents/login', payload: { stationId: STATION, phone, pin } });
  const revoke = async (deviceId: string) => {
    const token = await f.staffToken('1001');
    const res = await f.app.inject({ method: 'POST', url: `/api/staff/devices/${deviceId}/revoke`, headers: { authorization: `Bearer ${token}` }, payload: { reason: '终端丢失' } });
    assert.equal(res.statusCode, 200, res.body);
  };
  const currentRevision = async (residentId: string) =>
    (await f.db.selectFrom('residents').select('revision').where('id', '=', residentId).executeTakeFirstOrThrow()).revision;

  it('a paired kiosk pulling the whole feed holds verifiers only for the residents linked to it', async () => {
    const a = await f.pairDevice('大厅一体机');
    const b = await f.pairDevice('二楼一体机');
    const registered = command(
      1,
      'resident.register',
      { residentId: crypto.randomUUID(), name: '孙桂香', phone: freshPhone(), birthYear: 1947, building: '9 号楼 1 单元', consentAt: new Date().toISOString(), pinHash: await STANDARD_HASH },
      { staffNo: '1002' },
    );
    assert.equal((await f.push(a.deviceToken, [registered])).outcomes[0]!.status, 'applied');
    const newId = (registered.payload as { residentId: string }).residentId;

    const feedA = residentsIn((await wholeFeed(a.deviceToken)).changes);
    const feedB0 = await wholeFeed(b.deviceToken);
    const feedB = residentsIn(feedB0.changes);
    // Both kiosks know every resident of the station (names for staff search, cards)…
    assert.equal(feedA.size, DEMO_RESIDENTS.filter((r) => r.stationId === STATION).length + 1);
    assert.deepEqual([...feedB.keys()].sort(), [...feedA.keys()].sort());
    // …but only A, where she was registered, holds the new resident's verifier; nobody else's.
    assert.deepEqual([...feedA].filter(([, r]) => r.pinHash !== undefined).map(([id]) => id), [newId]);
    assert.deepEqual([...feedB].filter(([, r]) => r.pinHash !== undefined).map(([id]) => id), []);
    assert.equal(feedA.get(newId)!.pinHash, (registered.payload as { pinHash: string }).pinHash);

    // 张秀英 signs in at B online: the server checks her PIN and answers her record with its verifier.
    const res = await kioskSignIn(b.deviceToken, ZHANG.phone, ZHANG.pin);
    assert.equal(res.statusCode, 200, res.body);
    const signedIn = res.json<{ resident: KioskResident }>().resident;
    assert.equal(signedIn.id, ZHANG.id);
    assert.match(signedIn.pinHash!, /^pbkdf2-sha256\$/);
    // B's next pull brings her verifier; a kiosk pairing fresh sees it only at B, never at A.
    const nextB = residentsIn((await wholeFeed(b.deviceToken, feedB0.cursor)).changes);
    assert.equal(nextB.get(ZHANG.id)?.pinHash, signedIn.pinHash);
    const againA = residentsIn((await wholeFeed(a.deviceToken)).changes);
    assert.equal(againA.get(ZHANG.id)!.pinHash, undefined);
    assert.deepEqual([...residentsIn((await wholeFeed(b.deviceToken)).changes)].filter(([, r]) => r.pinHash).map(([id]) => id), [ZHANG.id]);

    // A conflicting PIN reset from A gets the server's copy back, without the verifier A must not hold.
    const stale = command(2, 'resident.set-pin', { residentId: LI.id, pinHash: await STANDARD_HASH, baseRevision: (await currentRevision(LI.id)) + 5 }, { staffNo: '1002' });
    const conflict = (await f.push(a.deviceToken, [stale])).outcomes[0]!;
    assert.equal(conflict.status, 'conflict');
    assert.equal(conflict.resident!.id, LI.id);
    assert.equal(conflict.resident!.pinHash, undefined);
  });

  it('the kiosk sign-in route checks the PIN under the same lockout as the website', async () => {
    const k = await f.pairDevice('三楼一体机');
    const wrong = await kioskSignIn(k.deviceToken, WANG.phone, '0000');
    assert.equal(wrong.statusCode, 401);
    assert.equal(wrong.json<ApiError>().message, '手机号或密码不对');
    const unknown = await kioskSignIn(k.deviceToken, '13700000009', '0000');
    assert.deepEqual(unknown.json(), wrong.json(), 'an unknown number gets the same answer');
    for (let i = 0; i < 3; i++) assert.equal((await websiteLogin(WANG.phone, '0000')).statusCode, 401);
    // The fifth wrong PIN in a row — four on the website, one here — locks her everywhere.
    const fifth = await kioskSignIn(k.deviceToken, WANG.phone, '0000');
    assert.equal(fifth.statusCode, 423);
    assert.equal((await kioskSignIn(k.deviceToken, WANG.phone, WANG.pin)).statusCode, 423);
    assert.equal((await websiteLogin(WANG.phone, WANG.pin)).statusCode, 423);
    const links = await f.db.selectFrom('resident_devices').select('resident_id').where('device_id', '=', k.deviceId).execute();
    assert.deepEqual(links, [], 'no link without a right PIN');
    // Without a device token there is no route.
    const anonymous = await f.app.inject({ method: 'POST', url: '/api/sync/resident-sign-in', payload: { phone: WANG.phone, pin: WANG.pin } });
    assert.equal(anonymous.statusCode, 401);
    const bad = await f.app.inject({ method: 'POST', url: '/api/sync/resident-sign-in', headers: { authorization: `Bearer ${k.deviceToken}` }, payload: { phone: WANG.phone, pin: 1234 } });
    assert.equal(bad.statusCode, 400);
  });

  it('revoking a kiosk: its residents need a new PIN from staff before their next use anywhere; others are untouched', async () => {
    const lost = await f.pairDevice('丢失的一体机');
    const other = await f.pairDevice('另一台一体机');
    assert.equal((await kioskSignIn(lost.deviceToken, ZHANG.phone, ZHANG.pin)).statusCode, 200);
    // 李淑珍 signs in at the other kiosk only.
    assert.equal((await kioskSignIn(other.deviceToken, LI.phone, LI.pin)).statusCode, 200);
    const session = await websiteLogin(ZHANG.phone, ZHANG.pin);
    assert.equal(session.statusCode, 200);
    const token = session.json<ResidentLoginResponse>().token;
    const me = () => f.app.inject({ method: 'GET', url: '/api/residents/me/meals', headers: { authorization: `Bearer ${token}` } });
    assert.equal((await me()).statusCode, 200);
    const { cursor } = await wholeFeed(other.deviceToken);

    await revoke(lost.deviceId);

    // Website and every other kiosk refuse her, with the sentence, even with her right PIN.
    const web = await websiteLogin(ZHANG.phone, ZHANG.pin);
    assert.equal(web.statusCode, 403);
    assert.equal(web.json<ApiError>().message, RESET_SENTENCE);
    const kiosk = await kioskSignIn(other.deviceToken, ZHANG.phone, ZHANG.pin);
    assert.equal(kiosk.statusCode, 403);
    assert.equal(kiosk.json<ApiError>().message, RESET_SENTENCE);
    // A wrong PIN still answers as a wrong PIN (nothing told to a guesser).
    assert.equal((await websiteLogin(ZHANG.phone, '0000')).statusCode, 401);
    // Her website session ended.
    assert.equal((await me()).statusCode, 401);
    assert.equal((await f.db.selectFrom('resident_sessions').select('token_hash').where('resident_id', '=', ZHANG.id).execute()).length, 0);
    // Her record went out again without any verifier and with the flag the kiosk shows.
    const republished = residentsIn((await wholeFeed(other.deviceToken, cursor)).changes).get(ZHANG.id)!;
    assert.equal(republished.pinHash, undefined);
    assert.equal(republished.pinResetRequired, true);
    const stored = await f.db.selectFrom('changes').select('data').where('entity', '=', 'resident').where('entity_id', '=', ZHANG.id).executeTakeFirstOrThrow();
    assert.doesNotMatch(stored.data!, /pbkdf2/, 'the feed row itself no longer holds her verifier');
    const audit = await f.db.selectFrom('audit_log').select(['action', 'detail']).where('action', '=', 'device.revoke').where('device_id', '=', lost.deviceId).executeTakeFirstOrThrow();
    assert.match(audit.detail, /1 位居民需要请工作人员重新设置密码/);

    // Residents not linked to the lost kiosk still sign in everywhere.
    assert.equal((await websiteLogin(LI.phone, LI.pin)).statusCode, 200);
    assert.equal((await kioskSignIn(other.deviceToken, LI.phone, LI.pin)).statusCode, 200);
    assert.equal((await websiteLogin(LIU.phone, LIU.pin)).statusCode, 200);

    // She cannot reset it herself from a kiosk that still knew her.
    const self = command(1, 'resident.set-pin', { residentId: ZHANG.id, pinHash: await STANDARD_HASH, baseRevision: await currentRevision(ZHANG.id) }, { residentId: ZHANG.id });
    assert.equal((await f.push(other.deviceToken, [self])).outcomes[0]!.status, 'rejected');

    // Staff set a new PIN at the other kiosk: the flag is gone and the new PIN works everywhere.
    const reset = command(2, 'resident.set-pin', { residentId: ZHANG.id, pinHash: await STANDARD_HASH, baseRevision: await currentRevision(ZHANG.id) }, { staffNo: '1002' });
    const outcome = (await f.push(other.deviceToken, [reset])).outcomes[0]!;
    assert.equal(outcome.status, 'applied', outcome.reason);
    assert.equal(outcome.resident!.pinResetRequired, undefined);
    assert.equal((await websiteLogin(ZHANG.phone, ZHANG.pin)).statusCode, 401, 'the old PIN is gone');
    assert.equal((await websiteLogin(ZHANG.phone, '2468')).statusCode, 200);
    const fresh = await f.pairDevice('新一体机');
    assert.equal((await kioskSignIn(fresh.deviceToken, ZHANG.phone, '2468')).statusCode, 200);
    const flag = await f.db.selectFrom('residents').select('pin_reset_required').where('id', '=', ZHANG.id).executeTakeFirstOrThrow();
    assert.equal(flag.pin_reset_required, 0);
  });

  it('refuses PIN hashes weaker than the standard, and absurdly slow ones', async () => {
    const k = await f.pairDevice();
    const weak = await hashPin('1357', 10_000);
    const slow = await hashPin('1357', PIN_HASH_MAX_ITERATIONS + 1);
    const base = { name: '孙桂香', birthYear: 1947, building: '9 号楼 1 单元', consentAt: new Date().toISOString() };
    const res = await f.push(k.deviceToken, [
      command(1, 'resident.register', { ...base, residentId: crypto.randomUUID(), phone: freshPhone(), pinHash: weak }, { staffNo: '1002' }),
      command(2, 'resident.set-pin', { residentId: LIU.id, pinHash: weak, baseRevision: await currentRevision(LIU.id) }, { staffNo: '1002' }),
      command(3, 'resident.set-pin', { residentId: LIU.id, pinHash: slow, baseRevision: await currentRevision(LIU.id) }, { staffNo: '1002' }),
      command(4, 'resident.set-pin', { residentId: LIU.id, pinHash: await STANDARD_HASH, baseRevision: await currentRevision(LIU.id) }, { staffNo: '1002' }),
    ]);
    assert.deepEqual(res.outcomes.map((o) => o.status), ['rejected', 'rejected', 'rejected', 'applied']);
    assert.match(res.outcomes[0]!.reason!, /不够安全/);
    assert.match(res.outcomes[1]!.reason!, /不够安全/);
    assert.match(res.outcomes[2]!.reason!, /密码没有修改/);
  });

  it('a PIN reset ends the resident’s website sessions', async () => {
    const k = await f.pairDevice();
    const login = await websiteLogin(CHEN.phone, CHEN.pin);
    assert.equal(login.statusCode, 200, login.body);
    const token = login.json<ResidentLoginResponse>().token;
    const me = () => f.app.inject({ method: 'GET', url: '/api/residents/me/meals', headers: { authorization: `Bearer ${token}` } });
    assert.equal((await me()).statusCode, 200);
    const reset = command(1, 'resident.set-pin', { residentId: CHEN.id, pinHash: await hashPin(CHEN.pin, PIN_HASH_ITERATIONS), baseRevision: await currentRevision(CHEN.id) }, { staffNo: '1002' });
    assert.equal((await f.push(k.deviceToken, [reset])).outcomes[0]!.status, 'applied');
    assert.equal((await me()).statusCode, 401);
    assert.equal((await f.db.selectFrom('resident_sessions').select('token_hash').where('resident_id', '=', CHEN.id).execute()).length, 0);
    // The PIN she chose again still works: only the sessions ended.
    assert.equal((await websiteLogin(CHEN.phone, CHEN.pin)).statusCode, 200);
  });

  it('accepts a resident’s own command only from a kiosk linked to her', async () => {
    const k = await f.pairDevice('新一体机二');
    const optOut = (seq: number, actor: CommandActor) => command(seq, 'resident.ranking-opt-out', { residentId: WANG.id, optOut: true }, actor);
    const refused: PushResponse = await f.push(k.deviceToken, [optOut(1, { residentId: WANG.id })]);
    assert.equal(refused.outcomes[0]!.status, 'rejected');
    assert.match(refused.outcomes[0]!.reason!, /这位居民没有在这台一体机上登录过/);
    // Staff acting for her (proxy) is not the resident's own word: accepted.
    assert.equal((await f.push(k.deviceToken, [optOut(2, { staffNo: '1002', residentId: WANG.id })])).outcomes[0]!.status, 'applied');
    // Once she signed in there online (her lock from the earlier test has run out), her own commands count.
    f.advance(16 * 60_000);
    assert.equal((await kioskSignIn(k.deviceToken, WANG.phone, WANG.pin)).statusCode, 200);
    assert.equal((await f.push(k.deviceToken, [optOut(3, { residentId: WANG.id })])).outcomes[0]!.status, 'applied');
  });
});
