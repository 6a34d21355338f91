/**
 * Volunteer service at the server: public activities carry nothing personal; deadline and age
 * refusals; the overlap warning; offline sign-ups beyond capacity end waitlisted or refused with a
 * reason that replicates; check-out retried and duplicated through sync awards points once; hour
 * corrections need another staff member and move the difference once; CSV; malformed input
 * stores nothing — on SQLite and PostgreSQL.
 */
import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { permissionRefusal, signUpRefusalMessage, type PublicActivity, type ResidentVolunteer, type VolunteerSignUpRecord } from '../../domain/index.ts';
import { DEMO_RESIDENTS } from '../../server/seed/demo-data.ts';
import { describeEachDialect } from './databases.ts';
import { RESIDENT, residentToken } from './meals-fixture.ts';
import { openFixture, snapshot, STATION, type Fixture } from './station-fixture.ts';
import { activityDraft, command, createActivity } from './volunteer-fixture.ts';

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const MIN = 60_000;

await describeEachDialect('volunteer', (dialect) => {
  let f: Fixture;
  beforeEach(async () => {
    f = await openFixture(dialect.name);
  });
  afterEach(() => f?.close());

  async function signUp(token: string, activityId: string, signUpId: string = crypto.randomUUID()) {
    return f.app.inject({ method: 'POST', url: '/api/residents/me/volunteer/sign-ups', headers: auth(token), payload: { signUpId, activityId } });
  }
  async function balance(residentId: string): Promise<number> {
    const row = await f.db.selectFrom('point_accounts').select('balance').where('id', '=', `resident:${residentId}`).executeTakeFirst();
    return row?.balance ?? 0;
  }

  it('lists upcoming activities with places left and waitlist, ETag and CORS, and nothing personal', async () => {
    const res = await f.app.inject({ method: 'GET', url: `/api/stations/${STATION}/volunteer/activities`, headers: { origin: 'https://street.example.gov.cn' } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['access-control-allow-origin'], '*');
    const { activities } = res.json<{ activities: PublicActivity[] }>();
    assert.deepEqual(
      activities.map((a) => [a.title, a.capacity, a.placesLeft, a.waitlistLength]),
      [
        ['独居老人探访', 3, 0, 2],
        ['夜间安全巡逻', 8, 7, 0],
        ['防诈骗宣讲', 40, 38, 0],
        ['消防演练', 30, 30, 0],
      ],
    );
    assert.equal((await f.app.inject({ method: 'GET', url: `/api/stations/${STATION}/volunteer/activities`, headers: { 'if-none-match': String(res.headers.etag) } })).statusCode, 304);
    for (const r of DEMO_RESIDENTS) {
      assert.ok(!res.body.includes(r.name) && !res.body.includes(r.phone) && !res.body.includes(r.id), `public list names ${r.name}`);
    }
    for (const secret of ['residentId', 'arrival', 'stationId']) assert.ok(!res.body.includes(secret), `public list carries ${secret}`);
    assert.equal((await f.app.inject({ method: 'GET', url: `/api/stations/${crypto.randomUUID()}/volunteer/activities` })).statusCode, 404);
  });

  it('refuses at the server after the deadline and outside the age limits, storing nothing; reports overlaps', async () => {
    const { deviceToken, deviceId } = await f.pairDevice();
    // The residents acting here have signed in at this kiosk (their own commands count only there).
    await f.linkResidents(deviceId);
    const token = await residentToken(f, '陈国强'); // born 1955
    const young = await createActivity(f, deviceToken, 1, activityDraft(f, { title: '青年突击队', maxAge: 60 }));
    const old = await createActivity(f, deviceToken, 2, activityDraft(f, { title: '百岁老人座谈', minAge: 90 }));
    const closing = await createActivity(f, deviceToken, 3, activityDraft(f, { title: '防诈骗宣讲', signupDeadline: new Date(f.now() + 10 * MIN).toISOString() }));
    const before = await f.db.selectFrom('volunteer_sign_ups').select('id').execute();

    const tooOld = await signUp(token, young);
    assert.equal(tooOld.statusCode, 409);
    assert.deepEqual(tooOld.json(), { error: 'too-old', message: '这个活动只请 60 岁及以下的居民参加，没有报上名' });
    const tooYoung = await signUp(token, old);
    assert.deepEqual([tooYoung.statusCode, tooYoung.json().error, tooYoung.json().message], [409, 'too-young', '这个活动要年满 90 岁才能参加，没有报上名']);
    f.advance(11 * MIN);
    const late = await signUp(token, closing);
    assert.equal(late.statusCode, 409);
    assert.equal(late.json().error, 'deadline-passed');
    const draft = await f.db.selectFrom('activities').select('signup_deadline').where('id', '=', closing).executeTakeFirstOrThrow();
    assert.equal(late.json().message, signUpRefusalMessage('deadline-passed', { signupDeadline: draft.signup_deadline, minAge: null, maxAge: null }));
    assert.equal((await f.db.selectFrom('volunteer_sign_ups').select('id').execute()).length, before.length, 'refusals store nothing');

    // Overlap: an activity at the same time as the seeded patrol 陈国强 signed up for.
    const patrol = await f.db.selectFrom('activities').selectAll().where('title', '=', '夜间安全巡逻').executeTakeFirstOrThrow();
    const sameTime = await createActivity(f, deviceToken, 4, {
      ...activityDraft(f, { title: '楼道清理' }),
      startAt: new Date(Date.parse(patrol.start_at) + 30 * MIN).toISOString(),
      endAt: new Date(Date.parse(patrol.end_at) + 30 * MIN).toISOString(),
      signupDeadline: patrol.signup_deadline,
    });
    const id = crypto.randomUUID();
    const ok = await signUp(token, sameTime, id);
    assert.equal(ok.statusCode, 201);
    const body = ok.json<{ signUp: VolunteerSignUpRecord; overlapping: { id: string; title: string }[] }>();
    assert.equal(body.signUp.status, 'confirmed');
    assert.deepEqual(body.overlapping.map((a) => [a.id, a.title]), [[patrol.id, '夜间安全巡逻']]);
    const again = await signUp(token, sameTime, id);
    assert.equal(again.statusCode, 200, 'the same id again answers the stored sign-up');
    const dup = await signUp(token, sameTime);
    assert.deepEqual([dup.statusCode, dup.json().error], [409, 'already-signed-up']);
    const me = (await f.app.inject({ method: 'GET', url: '/api/residents/me/volunteer', headers: auth(token) })).json<ResidentVolunteer>();
    const patrolSignUp = me.signUps.find((s) => s.activityId === patrol.id)!;
    assert.equal(me.overlaps.length, 1);
    assert.deepEqual([me.overlaps[0]!.signUpId, me.overlaps[0]!.otherSignUpId].sort(), [id, patrolSignUp.id].sort());
  });

  it('offline sign-ups beyond capacity end waitlisted or refused with a reason that replicates to 我的', async () => {
    const { deviceToken, deviceId } = await f.pairDevice();
    // The residents acting here have signed in at this kiosk (their own commands count only there).
    await f.linkResidents(deviceId);
    const activityId = await createActivity(f, deviceToken, 1, activityDraft(f, { capacity: 2, maxAge: 80 }));
    const who = ['李淑珍', '王建华', '陈国强', '张秀英'].map((n) => RESIDENT(n).id); // 张秀英 (1941) is 85: too old
    const offline = new Date(f.now() - 30 * MIN).toISOString();
    const ids = who.map(() => crypto.randomUUID());
    const { cursor } = await f.pull(deviceToken, 0, 1000);
    const res = await f.push(
      deviceToken,
      who.map((residentId, i) => command(2 + i, 'volunteer.sign-up', { signUpId: ids[i]!, activityId, provisional: true }, { residentId }, crypto.randomUUID(), offline)),
    );
    assert.deepEqual(res.outcomes.map((o) => [o.status, o.volunteerSignUp?.status, o.volunteerSignUp?.arrival]), [
      ['applied', 'confirmed', 1],
      ['applied', 'confirmed', 2],
      ['applied', 'waitlisted', 3],
      ['applied', 'refused', 4],
    ]);
    assert.equal(res.outcomes[3]!.volunteerRefusal, 'too-old');
    const pulled = await f.pull(deviceToken, cursor, 1000);
    const replicated = new Map(pulled.changes.filter((c) => c.entity === 'volunteer-sign-up').map((c) => [c.id, (c as { data: VolunteerSignUpRecord }).data]));
    assert.equal(replicated.get(ids[2]!)!.status, 'waitlisted');
    assert.equal(replicated.get(ids[3]!)!.status, 'refused');
    assert.equal(replicated.get(ids[3]!)!.reason, '这个活动只请 80 岁及以下的居民参加，没有报上名');
    // An online sign-up refused at the kiosk stores nothing and says why.
    const online = await f.push(deviceToken, [command(6, 'volunteer.sign-up', { signUpId: crypto.randomUUID(), activityId, provisional: false }, { residentId: RESIDENT('杨玉梅').id })]);
    assert.deepEqual([online.outcomes[0]!.status, online.outcomes[0]!.volunteerRefusal], ['rejected', 'too-old']);
    assert.equal((await f.db.selectFrom('volunteer_sign_ups').select('id').where('activity_id', '=', activityId).execute()).length, 4);
    // Staff cancel a confirmed place for 李淑珍: 陈国强 (waitlisted) is promoted in the same push.
    const cancel = await f.push(deviceToken, [command(7, 'volunteer.cancel', { signUpId: ids[0]!, reason: '临时住院' }, { staffNo: '1002', residentId: who[0]! })]);
    assert.equal(cancel.outcomes[0]!.status, 'applied');
    assert.deepEqual(cancel.outcomes[0]!.promotedSignUps!.map((s) => [s.id, s.status]), [[ids[2]!, 'confirmed']]);
  });

  it('check-out retried and duplicated through sync (same batch twice, concurrently, two kiosks) awards points exactly once', async () => {
    const a = await f.pairDevice('大厅自助终端');
    const b = await f.pairDevice('活动室终端');
    // The residents acting here have signed in at both kiosks.
    await f.linkResidents(a.deviceId);
    await f.linkResidents(b.deviceId);
    const draft = activityDraft(f, { pointsPerHour: 10, signupDeadline: new Date(f.now() + 30 * MIN).toISOString() }, 1, 3);
    const activityId = await createActivity(f, a.deviceToken, 1, draft);
    const resident = RESIDENT('王建华').id;
    const signUpId = crypto.randomUUID();
    const s = await f.push(a.deviceToken, [command(2, 'volunteer.sign-up', { signUpId, activityId, provisional: false }, { residentId: resident })]);
    assert.equal(s.outcomes[0]!.volunteerSignUp!.status, 'confirmed');
    const start = Date.parse(draft.startAt);
    f.advance(4 * 60 * MIN);
    const balanceBefore = await balance(resident);
    // 2 h 20 min → 2 h by the default rule (≤15 → 0, ≤45 → 0.5, else nearest hour) → 20 points.
    const batch = [
      command(3, 'volunteer.check-in', { signUpId, at: new Date(start).toISOString() }, { residentId: resident }),
      command(4, 'volunteer.check-out', { signUpId, at: new Date(start + 140 * MIN).toISOString() }, { residentId: resident }),
    ];
    const first = await f.push(a.deviceToken, batch);
    assert.deepEqual(first.outcomes.map((o) => o.status), ['applied', 'applied']);
    const out = first.outcomes[1]!.volunteerSignUp!;
    assert.deepEqual([out.minutes, out.hours, out.points], [140, 2, 20]);
    const again = await f.push(a.deviceToken, batch);
    assert.deepEqual(again.outcomes, first.outcomes, 'a retried batch answers the stored outcomes');
    // The same batch concurrently, and staff on a second kiosk checking the same person out too.
    const staffBatch = [
      command(1, 'volunteer.check-in', { signUpId, at: new Date(start).toISOString() }, { staffNo: '1002' }),
      command(2, 'volunteer.check-out', { signUpId, at: new Date(start + 170 * MIN).toISOString() }, { staffNo: '1002' }),
    ];
    const concurrent = await Promise.all([f.push(a.deviceToken, batch), f.push(a.deviceToken, batch), f.push(b.deviceToken, staffBatch), f.push(b.deviceToken, staffBatch)]);
    for (const r of concurrent) for (const o of r.outcomes) assert.equal(o.status, 'applied');
    assert.equal(concurrent[2]!.outcomes[1]!.volunteerSignUp!.points, 20, 'the second kiosk gets the stored check-out');
    const staffHttp = await f.app.inject({ method: 'POST', url: `/api/staff/volunteer/activities/${activityId}/attendance/check-out`, headers: auth(await f.staffToken('1002')), payload: { signUpIds: [signUpId], at: new Date(start + 175 * MIN).toISOString() } });
    assert.equal(staffHttp.statusCode, 200);
    assert.equal(staffHttp.json().results[0].result, 'duplicate');

    const awards = await f.db.selectFrom('transfers').selectAll().where('resident_id', '=', resident).where('deed', '=', 'volunteer-hour').where('memo', 'like', '志愿服务：独居老人探访%').execute();
    assert.equal(awards.length, 1);
    assert.deepEqual([awards[0]!.id, awards[0]!.amount, awards[0]!.kind], [out.awardTransferId, 20, 'earn']);
    assert.equal(await balance(resident), balanceBefore + 20);
  });

  it('an hour correction needs approval by another staff member (a manager) and moves the points difference once', async () => {
    const { deviceToken, deviceId } = await f.pairDevice();
    // The residents acting here have signed in at this kiosk (their own commands count only there).
    await f.linkResidents(deviceId);
    const resident = RESIDENT('李淑珍').id;
    // The seed's 小区清洁日: 李淑珍 served 2 h 20 min → 2 h → 20 points.
    const row = await f.db.selectFrom('volunteer_sign_ups').selectAll().where('resident_id', '=', resident).where('check_out_at', 'is not', null).executeTakeFirstOrThrow();
    assert.deepEqual([row.credited_minutes, row.points], [120, 20]);
    const before = await balance(resident);
    const correctionId = crypto.randomUUID();
    const asked = await f.push(deviceToken, [command(1, 'volunteer.hours-correction', { correctionId, signUpId: row.id, hours: 3.5, reason: '签退时一体机断网，实际服务到 11:30' }, { staffNo: '1002' })]);
    assert.equal(asked.outcomes[0]!.status, 'applied');
    assert.equal(asked.outcomes[0]!.hoursCorrection!.status, 'pending');
    assert.equal(await balance(resident), before, 'nothing moves before approval');
    const own = await f.push(deviceToken, [command(2, 'volunteer.hours-correction-decision', { correctionId, approve: true }, { staffNo: '1002' })]);
    // A social worker may not approve hours at all (domain/roles.ts); four eyes is canDecideCorrection's, tested in tests/domain.
    assert.deepEqual([own.outcomes[0]!.status, own.outcomes[0]!.reason], ['rejected', `${permissionRefusal('volunteer.approve-hours')}，更正没有审核`]);
    const kitchen = await f.push(deviceToken, [command(3, 'volunteer.hours-correction-decision', { correctionId, approve: true }, { staffNo: '1003' })]);
    assert.deepEqual([kitchen.outcomes[0]!.status, kitchen.outcomes[0]!.reason], ['rejected', `${permissionRefusal('volunteer.approve-hours')}，更正没有审核`]);
    const approved = await f.push(deviceToken, [command(4, 'volunteer.hours-correction-decision', { correctionId, approve: true }, { staffNo: '1001' })]);
    assert.equal(approved.outcomes[0]!.status, 'applied');
    assert.equal(approved.outcomes[0]!.hoursCorrection!.pointsDelta, 15);
    const twice = await f.push(deviceToken, [command(5, 'volunteer.hours-correction-decision', { correctionId, approve: true }, { staffNo: '1001' })]);
    assert.deepEqual([twice.outcomes[0]!.status, twice.outcomes[0]!.reason], ['rejected', '这条更正已经处理过了']);
    assert.equal(await balance(resident), before + 15);
    const after = await f.db.selectFrom('volunteer_sign_ups').select(['credited_minutes', 'points']).where('id', '=', row.id).executeTakeFirstOrThrow();
    assert.deepEqual([after.credited_minutes, after.points], [210, 35]);
    const audit = await f.db.selectFrom('audit_log').select(['action', 'staff_no']).where('entity_id', '=', correctionId).orderBy('id').execute();
    assert.deepEqual(audit.map((a) => [a.action, a.staff_no]), [
      ['volunteer.hours-correction', '1002'],
      ['sync.rejected', '1002'],
      ['sync.rejected', '1003'],
      ['volunteer.hours-approved', '1001'],
      ['sync.rejected', '1001'],
    ]);
  });

  it('exports CSV with a BOM, a Chinese header, formula-safe cells and no phones; certificate data', async () => {
    const token = await f.staffToken('1001');
    const { deviceToken, deviceId } = await f.pairDevice();
    // The residents acting here have signed in at this kiosk (their own commands count only there).
    await f.linkResidents(deviceId);
    await createActivity(f, deviceToken, 1, activityDraft(f, { title: '=HYPERLINK("x")' }));
    for (const kind of ['activities', 'sign-ups', 'hours'] as const) {
      const res = await f.app.inject({ method: 'GET', url: `/api/staff/volunteer/export.csv?kind=${kind}`, headers: auth(token) });
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'text/csv; charset=utf-8');
      assert.ok(res.body.startsWith('\uFEFF"活动名称"'), kind);
      for (const r of DEMO_RESIDENTS) assert.ok(!res.body.includes(r.phone), `${kind} carries a phone`);
      if (kind === 'activities') assert.ok(res.body.includes(`"'=HYPERLINK(""x"")"`));
      if (kind === 'hours') assert.equal(res.body.trim().split('\r\n').length, 4, 'three checked-out volunteers');
    }
    const cert = await f.app.inject({ method: 'GET', url: `/api/staff/volunteer/certificates/${RESIDENT('陈国强').id}`, headers: auth(token) });
    assert.equal(cert.statusCode, 200);
    const data = cert.json<{ activities: number; hours: number; text: string }>();
    // 陈国强 left the cleaning day after 70 minutes → 1 h (unless the seed day fell in last year).
    if (data.activities === 1) assert.equal(data.text, `兹证明 陈国强 于${new Date(f.now() + 8 * 3_600_000).getUTCFullYear()}年在幸福里社区党群服务中心参加志愿服务活动 1 次，累计服务时长 1 小时。特此证明。`);
    assert.equal((await f.app.inject({ method: 'GET', url: '/api/staff/volunteer/export.csv?kind=phones', headers: auth(token) })).statusCode, 400);
    assert.equal((await f.app.inject({ method: 'GET', url: '/api/staff/volunteer/export.csv?kind=hours' })).statusCode, 401);
    const rule = await f.app.inject({ method: 'PUT', url: '/api/staff/volunteer/rounding-rule', headers: auth(token), payload: { rule: { thresholds: [{ upToMinutes: 30, hours: 1 }, { upToMinutes: 20, hours: 0 }], otherwise: { unitMinutes: 60, mode: 'down' } } } });
    assert.deepEqual([rule.statusCode, rule.json().error], [400, 'invalid-rule']);
    const good = await f.app.inject({ method: 'PUT', url: '/api/staff/volunteer/rounding-rule', headers: auth(token), payload: { rule: { thresholds: [{ upToMinutes: 29, hours: 0 }], otherwise: { unitMinutes: 30, mode: 'down' } } } });
    assert.equal(good.statusCode, 200);
    assert.equal((await f.app.inject({ method: 'GET', url: '/api/staff/volunteer/rounding-rule', headers: auth(token) })).json().revision, 1);
  });

  it('answers malformed input with 400 and stores nothing', async () => {
    const token = await residentToken(f, '王建华');
    const staff = await f.staffToken('1001');
    const { deviceToken, deviceId } = await f.pairDevice();
    // The residents acting here have signed in at this kiosk (their own commands count only there).
    await f.linkResidents(deviceId);
    const activityId = (await f.db.selectFrom('activities').select('id').where('title', '=', '消防演练').executeTakeFirstOrThrow()).id;
    const before = await snapshot(f.db);
    const bad = [
      { url: '/api/residents/me/volunteer/sign-ups', headers: auth(token), payload: { signUpId: 'nope', activityId } },
      { url: '/api/residents/me/volunteer/sign-ups', headers: auth(token), payload: { signUpId: crypto.randomUUID(), activityId, extra: 1 } },
      { url: '/api/residents/me/volunteer/sign-ups', headers: auth(token), payload: { signUpId: crypto.randomUUID() } },
      { url: `/api/residents/me/volunteer/sign-ups/x/cancel`, headers: auth(token), payload: {} },
      { url: `/api/staff/volunteer/activities/${activityId}/attendance/check-in`, headers: auth(staff), payload: { signUpIds: [], at: new Date().toISOString() } },
      { url: `/api/staff/volunteer/activities/${activityId}/attendance/check-out`, headers: auth(staff), payload: { signUpIds: [crypto.randomUUID()], at: 'yesterday' } },
      { url: '/api/sync/push', headers: auth(deviceToken), payload: { commands: [command(1, 'volunteer.sign-up', { signUpId: crypto.randomUUID(), activityId, provisional: 'yes' } as never, { residentId: RESIDENT('王建华').id })] } },
      { url: '/api/sync/push', headers: auth(deviceToken), payload: { commands: [command(1, 'activity.save', { activityId: crypto.randomUUID(), baseRevision: null, draft: { ...activityDraft(f), capacity: 0 } }, { staffNo: '1001' })] } },
      { url: '/api/sync/push', headers: auth(deviceToken), payload: { commands: [command(1, 'volunteer.hours-correction', { correctionId: crypto.randomUUID(), signUpId: crypto.randomUUID(), hours: -1, reason: 'x' }, { staffNo: '1001' })] } },
    ];
    for (const req of bad) {
      const res = await f.app.inject({ method: 'POST', ...req });
      assert.equal(res.statusCode, 400, `${req.url} ${res.body}`);
      assert.equal(res.json().error, 'bad-request');
    }
    const after = await snapshot(f.db);
    assert.deepEqual(after.counts, before.counts);
    assert.equal((await f.db.selectFrom('volunteer_sign_ups').select('id').execute()).length, 11);
  });
});
