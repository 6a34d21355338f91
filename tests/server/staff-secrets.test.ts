/**
 * Staff credentials a kiosk holds, attacked the way a thief with a copied kiosk profile would:
 * every staff verifier in the pull feed must be of a secret with 10^10 possibilities (issue 13,
 * defect 2), and a command naming a staff member is accepted only with that member's proof.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  COMMAND_TYPES,
  hashPin,
  isWellFormedStaffSecret,
  STAFF_SECRET_SPACE,
  verifyPin,
  type AuditEntry,
  type Change,
  type Command,
  type CommandPayloads,
  type CommandType,
  type PushResponse,
  type StaffCredential,
} from '../../domain/index.ts';
import { issueStaffSecret } from '../../server/auth/staff-secrets.ts';
import { DEMO_RESIDENTS, DEMO_STAFF } from '../../server/seed/demo-data.ts';
import { describeEachDialect } from './databases.ts';
import { menuWithCapacity, weekDay } from './meals-fixture.ts';
import { itemDraft } from './points-fixture.ts';
import { draft, openFixture, saveCommand, secretOf, STATION, TEST_PIN_ITERATIONS, type Fixture } from './station-fixture.ts';
import { activityDraft } from './volunteer-fixture.ts';

const FORGED = '工作人员身份验证失败，请工作人员重新登录后再操作';

async function pullEverything(f: Fixture, token: string): Promise<Change[]> {
  const changes: Change[] = [];
  let cursor = 0;
  for (;;) {
    const page = await f.pull(token, cursor, 1000);
    changes.push(...page.changes);
    cursor = page.cursor;
    if (!page.more) return changes;
  }
}

function staffCredentials(changes: Change[]): StaffCredential[] {
  return changes.flatMap((c) => (c.op === 'put' && c.entity === 'staff' ? [c.data] : []));
}

/** Push without the fixture adding proofs: what a thief's own client would send. */
async function pushRaw(f: Fixture, deviceToken: string, commands: Command[]): Promise<PushResponse> {
  const res = await f.app.inject({ method: 'POST', url: '/api/sync/push', headers: { authorization: `Bearer ${deviceToken}` }, payload: { commands } });
  assert.equal(res.statusCode, 200, res.body);
  return res.json<PushResponse>();
}

await describeEachDialect('staff secrets and command proofs', (dialect) => {
  let f: Fixture;
  before(async () => {
    f = await openFixture(dialect.name);
  });
  after(() => f?.close());

  it('the feed holds no staff verifier of a secret with fewer than 10^10 possibilities', async () => {
    const { deviceToken } = await f.pairDevice();
    const creds = staffCredentials(await pullEverything(f, deviceToken));
    assert.deepEqual(creds.map((c) => c.staffNo).sort(), ['1001', '1002', '1003']);
    for (const c of creds) {
      const demo = DEMO_STAFF.find((s) => s.staffNo === c.staffNo)!;
      const secret = secretOf(demo.staffNo);
      assert.ok(isWellFormedStaffSecret(secret), `工号 ${c.staffNo}: the demo secret is ten digits`);
      assert.equal(await verifyPin(secret, c.pinHash), true, `工号 ${c.staffNo}: the verifier is of that secret`);
    }
    // The attack of issue 13: try every 4-digit PIN against the manager's verifier. None opens it.
    const manager = creds.find((c) => c.staffNo === '1001')!;
    for (let n = 0; n < 10_000; n++) {
      assert.equal(await verifyPin(String(n).padStart(4, '0'), manager.pinHash), false, `the manager's verifier fell to ${String(n).padStart(4, '0')}`);
    }
    assert.equal(STAFF_SECRET_SPACE, 10 ** 10);
  });

  it('refuses a command that names a staff member without that member’s proof, audits it and stores nothing', async () => {
    const { deviceToken, deviceId } = await f.pairDevice();
    const forged = saveCommand(1, { staffNo: '1001', draft: { title: '冒名公告' } });
    const res = await pushRaw(f, deviceToken, [forged]);
    assert.equal(res.outcomes[0]!.status, 'rejected');
    assert.ok(res.outcomes[0]!.reason!.startsWith(FORGED), res.outcomes[0]!.reason);
    assert.equal(await f.db.selectFrom('notices').select('id').where('id', '=', forged.payload.noticeId).executeTakeFirst(), undefined);
    const audit = await f.db.selectFrom('audit_log').select(['action', 'staff_no', 'staff_id', 'detail']).where('device_id', '=', deviceId).where('action', '=', 'sync.rejected').execute();
    assert.deepEqual(audit.map((a) => [a.action, a.staff_no, a.staff_id, a.detail]), [['sync.rejected', '1001', null, res.outcomes[0]!.reason]]);

    // A wrong proof (made with the kitchen's key, or garbage) is refused the same way.
    const asKitchen = await f.prove(saveCommand(2, { staffNo: '1001' }), '1003');
    const garbage: Command = { ...saveCommand(3, { staffNo: '1001' }) };
    garbage.actor = { ...garbage.actor, staffProof: Buffer.alloc(32, 7).toString('base64') };
    const wrong = await pushRaw(f, deviceToken, [asKitchen, garbage]);
    assert.deepEqual(wrong.outcomes.map((o) => [o.status, o.reason!.startsWith(FORGED)]), [['rejected', true], ['rejected', true]]);
  });

  it('every command type is refused without the named staff member’s proof (each handler passes through resolveActor)', async () => {
    const { deviceToken } = await f.pairDevice();
    const residentId = DEMO_RESIDENTS.find((r) => r.stationId === STATION)!.id;
    const id = () => crypto.randomUUID();
    const at = new Date(f.now()).toISOString();
    const pinHash = await hashPin('8642', 10_000);
    const payloads: { [T in CommandType]: CommandPayloads[T] } = {
      'notice.save': { noticeId: id(), baseRevision: null, draft: draft() },
      'resident.register': { residentId: id(), name: '冒名居民', phone: '13811112222', birthYear: 1950, building: '1 号楼', consentAt: at, pinHash },
      'resident.set-pin': { residentId, pinHash, baseRevision: 1 },
      'resident.proxy-session': { residentId, startedAt: at },
      'resident.ranking-opt-out': { residentId, optOut: true },
      'catalogue.save': { itemId: id(), baseRevision: null, draft: itemDraft() },
      'points.award': { awards: [{ residentId, transferId: id() }], deed: 'staff-award', points: 10, memo: '冒名发放' },
      'points.redeem': { redemptionId: id(), transferId: id(), itemId: id(), quantity: 1, funding: 'online' },
      'points.redeem-cancel': { redemptionId: id(), reversalId: id(), reason: '冒名' },
      'points.handout': { redemptionId: id() },
      'points.reverse': { transferId: id(), reversalId: id(), reason: '冒名冲正' },
      'points.allowance-renew': { requestedAt: at },
      'menu.save': { menuId: id(), baseRevision: null, draft: menuWithCapacity(weekDay(f, 7), 10) },
      'meal.book': { bookingId: id(), date: weekDay(f, 7), meal: 'lunch', set: 'A', variant: null, mode: 'dine-in', provisional: false },
      'meal.cancel': { bookingId: id(), reason: '冒名' },
      'activity.save': { activityId: id(), baseRevision: null, draft: activityDraft(f) },
      'volunteer.sign-up': { signUpId: id(), activityId: id(), provisional: false },
      'volunteer.cancel': { signUpId: id(), reason: '冒名' },
      'volunteer.check-in': { signUpId: id(), at },
      'volunteer.check-out': { signUpId: id(), at },
      'volunteer.hours-correction': { correctionId: id(), signUpId: id(), hours: 2, reason: '冒名' },
      'volunteer.hours-correction-decision': { correctionId: id(), approve: true },
    };
    const residentToo = new Set<CommandType>(['resident.proxy-session', 'points.redeem', 'meal.book', 'volunteer.sign-up']);
    const commands = COMMAND_TYPES.map((type, i) => ({
      id: id(),
      seq: i + 1,
      type,
      payload: payloads[type],
      actor: residentToo.has(type) ? { staffNo: '1001', residentId } : { staffNo: '1001' },
      createdAt: at,
    })) as Command[];
    const changesBefore = await f.db.selectFrom('changes').select('seq').execute();
    const res = await pushRaw(f, deviceToken, commands);
    assert.equal(res.outcomes.length, COMMAND_TYPES.length);
    const notRefused = res.outcomes.filter((o) => o.status !== 'rejected' || !o.reason!.startsWith(FORGED)).map((o) => `${commands[o.seq - 1]!.type}: ${o.status} ${o.reason}`);
    assert.deepEqual(notRefused, [], 'command types that skip the proof check');
    assert.equal((await f.db.selectFrom('changes').select('seq').execute()).length, changesBefore.length, 'nothing was published');
  });

  it('accepts the right proof; it covers the content but not seq (renumbered commands stay valid)', async () => {
    const { deviceToken } = await f.pairDevice();
    const signed = await f.prove(saveCommand(99, { staffNo: '1001', draft: { title: '站长的公告' } }));
    // The kiosk renumbered it (re-pairing, restore): the proof still holds.
    const ok = await pushRaw(f, deviceToken, [{ ...signed, seq: 1 }]);
    assert.equal(ok.outcomes[0]!.status, 'applied', ok.outcomes[0]!.reason);
    // The same proof on changed content does not.
    const changed = { ...(await f.prove(saveCommand(2, { staffNo: '1001', draft: { title: '原来的标题' } }))) };
    const tampered: Command<'notice.save'> = { ...(changed as Command<'notice.save'>) };
    tampered.payload = { ...tampered.payload, draft: { ...tampered.payload.draft, title: '改过的标题' } };
    const refused = await pushRaw(f, deviceToken, [tampered]);
    assert.deepEqual([refused.outcomes[0]!.status, refused.outcomes[0]!.reason!.startsWith(FORGED)], ['rejected', true]);
  });

  it('the command key is never in a response, the feed or the audit log; login needs the ten-digit secret', async () => {
    const { deviceToken } = await f.pairDevice();
    const keys = await f.db.selectFrom('staff').select(['staff_no', 'command_key']).execute();
    assert.ok(keys.length >= 4 && keys.every((k) => typeof k.command_key === 'string' && k.command_key.length > 0));
    const login = await f.login('1001', secretOf('1001'));
    assert.equal(login.statusCode, 200, login.body);
    const pull = await f.app.inject({ method: 'GET', url: '/api/sync/pull?cursor=0&limit=1000', headers: { authorization: `Bearer ${deviceToken}` } });
    const audit = await f.app.inject({ method: 'GET', url: '/api/staff/audit?limit=200', headers: { authorization: `Bearer ${login.json<{ token: string }>().token}` } });
    assert.equal(audit.statusCode, 200);
    const auditRows = JSON.stringify(await f.db.selectFrom('audit_log').selectAll().execute());
    for (const k of keys) {
      for (const [what, body] of [['login', login.body], ['pull', pull.body], ['audit', audit.body], ['audit rows', auditRows]] as const) {
        assert.ok(!body.includes(k.command_key!), `工号 ${k.staff_no}'s command key is in the ${what}`);
      }
    }
    assert.ok(!(audit.json<{ entries: AuditEntry[] }>().entries.some((e) => e.detail.includes(secretOf('1001')))));
    // The old 4-digit PIN is not a staff secret any more.
    assert.equal((await f.login('1001', '1234')).statusCode, 400);
    assert.equal((await f.login('1001', '0000000000')).statusCode, 401);
  });

  it('issues a new secret at random: ten digits, the old one stops working, the kiosks get the new verifier', async () => {
    const { deviceToken } = await f.pairDevice();
    const before = (await f.pull(deviceToken, 0, 1000)).cursor;
    const staff = await f.db.selectFrom('staff').select(['id', 'command_key']).where('staff_no', '=', '1002').executeTakeFirstOrThrow();
    const issued = await issueStaffSecret(f.db, staff.id, { now: new Date(f.now()), iterations: TEST_PIN_ITERATIONS });
    assert.ok(isWellFormedStaffSecret(issued));
    assert.notEqual(issued, secretOf('1002'));
    assert.equal((await f.login('1002', secretOf('1002'))).statusCode, 401);
    assert.equal((await f.login('1002', issued)).statusCode, 200);
    const after = await f.db.selectFrom('staff').select('command_key').where('id', '=', staff.id).executeTakeFirstOrThrow();
    assert.notEqual(after.command_key, staff.command_key);
    const changed = staffCredentials((await f.pull(deviceToken, before, 1000)).changes);
    assert.deepEqual(changed.map((c) => c.staffNo), ['1002']);
    assert.equal(await verifyPin(issued, changed[0]!.pinHash), true);
    const audit = await f.db.selectFrom('audit_log').select(['action', 'detail']).where('action', '=', 'staff.secret-issued').execute();
    assert.equal(audit.length, 1);
    assert.ok(!audit[0]!.detail.includes(issued));
  });
});
