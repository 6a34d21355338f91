import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  canDecideCorrection,
  certificateText,
  correctionPointsDelta,
  DEFAULT_ROUNDING_RULE,
  formatServiceHours,
  hoursForMinutes,
  overlappingActivities,
  overlaps,
  pointsForHours,
  promoteFromWaitlist,
  serviceHours,
  signUpDecision,
  validateActivity,
  validateHoursCorrection,
  validateRoundingRule,
  waitlistPosition,
  type Activity,
  type ActivityDraft,
  type RoundingRule,
  type SignUp,
  type SignUpCheckInput,
  type SignUpDecision,
} from '../../domain/volunteer.ts';

/** Saturday 5 December 2026, 09:00–11:00 at the station; sign-up closes Friday 17:00. */
function activity(over: Partial<Activity> = {}): Activity {
  return {
    id: 'a1',
    stationId: 's1',
    title: '楼道清洁日',
    description: '清理楼道杂物，消除消防隐患',
    place: '3号楼',
    startAt: '2026-12-05T01:00:00.000Z',
    endAt: '2026-12-05T03:00:00.000Z',
    capacity: 30,
    signupDeadline: '2026-12-04T09:00:00.000Z',
    minAge: null,
    maxAge: null,
    requirements: '',
    pointsPerHour: 10,
    photo: null,
    cancelled: false,
    revision: 1,
    updatedAt: '2026-11-20T00:00:00.000Z',
    ...over,
  };
}

const EARLY = new Date('2026-12-01T00:00:00Z');

function decide(a: Activity, over: Partial<SignUpCheckInput> = {}): SignUpDecision {
  return signUpDecision(a, { confirmedCount: 0, now: EARLY, resident: { birthYear: 1960 }, ...over });
}

// ---------------------------------------------------------------------------------------------
// Hours

test('rounding table: ≤ 15 min → 0 h, ≤ 45 min → 0.5 h, else whole hours (half an hour rounds up)', () => {
  const table: [minutes: number, hours: number][] = [
    [0, 0],
    [1, 0],
    [15, 0],
    [16, 0.5],
    [45, 0.5],
    [46, 1],
    [89, 1],
    [90, 2],
    [91, 2],
    [149, 2],
    [150, 3],
    [200, 3], // 3 h 20 min
    [209, 3],
    [210, 4], // 3 h 30 min
    [480, 8],
  ];
  for (const [minutes, hours] of table) assert.equal(hoursForMinutes(DEFAULT_ROUNDING_RULE, minutes), hours, `${minutes} min`);
});

test('rounding modes and units are data', () => {
  const down30: RoundingRule = { thresholds: [], otherwise: { unitMinutes: 30, mode: 'down' } };
  const up60: RoundingRule = { thresholds: [], otherwise: { unitMinutes: 60, mode: 'up' } };
  const table: [RoundingRule, number, number][] = [
    [down30, 29, 0],
    [down30, 30, 0.5],
    [down30, 59, 0.5],
    [down30, 60, 1],
    [up60, 0, 0],
    [up60, 1, 1],
    [up60, 60, 1],
    [up60, 61, 2],
  ];
  for (const [rule, minutes, hours] of table) assert.equal(hoursForMinutes(rule, minutes), hours, `${rule.otherwise.mode} ${minutes}`);
  assert.throws(() => hoursForMinutes(DEFAULT_ROUNDING_RULE, -1), RangeError);
  assert.throws(() => hoursForMinutes(DEFAULT_ROUNDING_RULE, 1.5), RangeError);
});

test('serviceHours: whole minutes between check-in and check-out, seconds dropped', () => {
  const checkIn = '2026-12-05T01:00:00.000Z';
  assert.deepEqual(serviceHours(DEFAULT_ROUNDING_RULE, checkIn, '2026-12-05T01:15:59.999Z'), { minutes: 15, hours: 0 });
  assert.deepEqual(serviceHours(DEFAULT_ROUNDING_RULE, checkIn, '2026-12-05T01:16:00.000Z'), { minutes: 16, hours: 0.5 });
  assert.deepEqual(serviceHours(DEFAULT_ROUNDING_RULE, new Date(checkIn), new Date('2026-12-05T04:20:00.000Z')), { minutes: 200, hours: 3 });
  assert.deepEqual(serviceHours(DEFAULT_ROUNDING_RULE, checkIn, checkIn), { minutes: 0, hours: 0 });
  assert.throws(() => serviceHours(DEFAULT_ROUNDING_RULE, checkIn, '2026-12-05T00:59:00.000Z'), RangeError);
});

test('validateRoundingRule: staying longer must never earn fewer hours', () => {
  assert.deepEqual(validateRoundingRule(DEFAULT_ROUNDING_RULE), []);
  assert.deepEqual(validateRoundingRule({ ...DEFAULT_ROUNDING_RULE, otherwise: { unitMinutes: 60, mode: 'down' } }), [
    '超过最后一档后计入的小时数比最后一档还少，请调整取整方式',
  ]);
  assert.deepEqual(
    validateRoundingRule({
      thresholds: [
        { upToMinutes: 45, hours: 0.5 },
        { upToMinutes: 15, hours: 0 },
      ],
      otherwise: { unitMinutes: 0, mode: 'half-up' },
    }),
    ['分钟数要用整数，并且一档比一档大', '计入的小时数不能是负数，也不能比上一档少', '其余时长的取整单位要填 1 到 1440 之间的整数分钟'],
  );
});

test('pointsForHours: whole points, half a point rounds up', () => {
  const table: [hours: number, pointsPerHour: number, points: number][] = [
    [0, 10, 0],
    [0.5, 10, 5],
    [0.5, 15, 8], // 7.5
    [1.5, 7, 11], // 10.5
    [3, 10, 30],
    [0.25, 10, 3], // 2.5
    [2, 0, 0],
  ];
  for (const [hours, pph, points] of table) assert.equal(pointsForHours(hours, pph), points, `${hours} h × ${pph}`);
  assert.throws(() => pointsForHours(-1, 10), RangeError);
  assert.throws(() => pointsForHours(0.5, 1.5), RangeError);
  assert.throws(() => pointsForHours(0.001, 10), RangeError);
});

// ---------------------------------------------------------------------------------------------
// Sign-up decision

test('deadline: sign-up closes at the deadline instant; a started activity says so', () => {
  const a = activity();
  assert.deepEqual(decide(a, { now: new Date('2026-12-04T08:59:59.999Z') }), { status: 'confirmed' });
  assert.deepEqual(decide(a, { now: new Date('2026-12-04T09:00:00.000Z') }), {
    status: 'refused',
    refusal: 'deadline-passed',
    message: '报名已经在 12月4日（周五）17:00 截止了，没有报上名',
  });
  assert.deepEqual(decide(a, { now: new Date('2026-12-05T01:00:00.000Z') }), { status: 'refused', refusal: 'already-started', message: '活动已经开始了，没有报上名' });
  assert.deepEqual(decide(activity({ cancelled: true })), { status: 'refused', refusal: 'activity-cancelled', message: '这个活动已经取消了，没有报上名' });
  assert.deepEqual(decide(a, { alreadySignedUp: true }), { status: 'refused', refusal: 'already-signed-up', message: '您已经报过名了，不用再报' });
});

test('capacity: confirmed while places are left, then waitlisted', () => {
  const a = activity({ capacity: 30 });
  assert.equal(decide(a, { confirmedCount: 29 }).status, 'confirmed');
  assert.equal(decide(a, { confirmedCount: 30 }).status, 'waitlisted');
  assert.equal(decide(a, { confirmedCount: 31 }).status, 'waitlisted');
});

test('age limits are inclusive and counted on the activity’s station date, as for meals', () => {
  // Starts 01:00 on 5 December at the station, which is still 4 December in UTC.
  const a = activity({ startAt: '2026-12-04T17:00:00.000Z', endAt: '2026-12-04T19:00:00.000Z', minAge: 18, maxAge: 70 });
  const table: [SignUpCheckInput['resident'], string][] = [
    [{ birthYear: 2008, birthDate: '2008-12-05' }, 'confirmed'], // 18 that day
    [{ birthYear: 2008, birthDate: '2008-12-06' }, 'too-young'], // 17
    [{ birthYear: 2008 }, 'confirmed'], // year only: 18 all of 2026
    [{ birthYear: 2009 }, 'too-young'],
    [{ birthYear: 1956 }, 'confirmed'], // 70
    [{ birthYear: 1955 }, 'too-old'], // 71
    [{ birthYear: 1955, birthDate: '1955-12-06' }, 'confirmed'], // still 70
    [{ birthYear: 1955, birthDate: '1955-12-05' }, 'too-old'], // 71 on 5 December
  ];
  for (const [resident, expected] of table) {
    const d = decide(a, { resident });
    assert.equal(d.status === 'refused' ? d.refusal : d.status, expected, JSON.stringify(resident));
  }
  assert.deepEqual(decide(a, { resident: { birthYear: 2009 } }), { status: 'refused', refusal: 'too-young', message: '这个活动要年满 18 岁才能参加，没有报上名' });
  assert.deepEqual(decide(a, { resident: { birthYear: 1950 } }), {
    status: 'refused',
    refusal: 'too-old',
    message: '这个活动只请 70 岁及以下的居民参加，没有报上名',
  });
});

// ---------------------------------------------------------------------------------------------
// Waitlist

function signUp(id: string, status: SignUp['status'], arrival: number): Pick<SignUp, 'id' | 'status' | 'arrival'> {
  return { id, status, arrival };
}

test('promoteFromWaitlist: first in arrival order, as many as there are free places', () => {
  const signUps = [
    signUp('w3', 'waitlisted', 7),
    signUp('c1', 'confirmed', 1),
    signUp('w1', 'waitlisted', 5),
    signUp('x1', 'cancelled', 2),
    signUp('w2', 'waitlisted', 6),
    signUp('c2', 'confirmed', 3),
    signUp('r1', 'refused', 4),
  ];
  assert.deepEqual(promoteFromWaitlist(signUps, 2).map((s) => s.id), []);
  assert.deepEqual(promoteFromWaitlist(signUps, 3).map((s) => s.id), ['w1']);
  assert.deepEqual(promoteFromWaitlist(signUps, 5).map((s) => s.id), ['w1', 'w2', 'w3']);
  assert.deepEqual(promoteFromWaitlist(signUps, 10).map((s) => s.id), ['w1', 'w2', 'w3']);
  assert.deepEqual(waitlistPosition(signUps, 'w2'), 2);
  assert.deepEqual(waitlistPosition(signUps, 'c1'), null);
});

test('a cancellation promotes the next person, again and again, in arrival order', () => {
  const signUps = [signUp('a', 'confirmed', 1), signUp('b', 'confirmed', 2), signUp('d', 'waitlisted', 4), signUp('c', 'waitlisted', 3)];
  const promoted: string[] = [];
  for (const cancel of ['a', 'b', 'c']) {
    signUps.find((s) => s.id === cancel)!.status = 'cancelled';
    for (const s of promoteFromWaitlist(signUps, 2)) {
      s.status = 'confirmed';
      promoted.push(s.id);
    }
  }
  assert.deepEqual(promoted, ['c', 'd']);
  assert.deepEqual(signUps.filter((s) => s.status === 'confirmed').map((s) => s.id), ['d']);
});

// ---------------------------------------------------------------------------------------------
// Overlaps

test('overlaps: sharing time overlaps; one ending as the other starts does not', () => {
  const span = (start: string, end: string) => ({ startAt: `2026-12-05T${start}:00+08:00`, endAt: `2026-12-05T${end}:00+08:00` });
  const a = span('09:00', '11:00');
  const table: [ReturnType<typeof span>, boolean][] = [
    [span('11:00', '12:00'), false],
    [span('08:00', '09:00'), false],
    [span('10:00', '10:30'), true],
    [span('08:00', '12:00'), true],
    [span('10:59', '12:00'), true],
    [span('09:00', '11:00'), true],
  ];
  for (const [b, expected] of table) {
    assert.equal(overlaps(a, b), expected, `${b.startAt}–${b.endAt}`);
    assert.equal(overlaps(b, a), expected, 'symmetric');
  }
});

test('overlappingActivities: the warning lists my overlapping activities, earliest first, not the candidate itself', () => {
  const at = (id: string, start: string, end: string) => activity({ id, startAt: `2026-12-05T${start}:00+08:00`, endAt: `2026-12-05T${end}:00+08:00` });
  const candidate = at('new', '10:30', '13:30');
  const mine = [at('a2', '13:00', '15:00'), at('a1', '09:00', '11:00'), at('a4', '13:30', '14:00'), at('a3', '10:00', '12:00'), at('new', '10:30', '13:30'), at('a5', '07:00', '10:30')];
  assert.deepEqual(overlappingActivities(mine, candidate).map((a) => a.id), ['a1', 'a3', 'a2']);
  assert.deepEqual(overlappingActivities([], candidate), []);
});

// ---------------------------------------------------------------------------------------------
// Activities

function draft(over: Partial<ActivityDraft> = {}): ActivityDraft {
  const { id: _id, stationId: _s, revision: _r, updatedAt: _u, ...rest } = activity();
  return { ...rest, ...over };
}

test('validateActivity: a good activity has no problems', () => {
  assert.deepEqual(validateActivity(draft()), {});
  assert.deepEqual(validateActivity(draft({ minAge: 18, maxAge: 18, photo: 'https://example.cn/a.jpg', pointsPerHour: 0 })), {});
});

test('validateActivity: each broken rule in plain Chinese', () => {
  assert.deepEqual(
    validateActivity(
      draft({
        title: '  ',
        place: '楼'.repeat(61),
        startAt: '2026-12-05T03:00:00.000Z',
        endAt: '2026-12-05T01:00:00.000Z',
        signupDeadline: '2026-12-06T00:00:00.000Z',
        capacity: 0,
        minAge: 60,
        maxAge: 50,
        pointsPerHour: 1.5,
        photo: 'javascript:alert(1)',
      }),
    ),
    {
      title: '请填写活动名称',
      place: '活动地点最多 60 个字',
      endAt: '结束时间要晚于开始时间',
      signupDeadline: '报名截止时间不能晚于活动开始时间',
      capacity: '招募人数要填 1 到 1000 之间的整数',
      maxAge: '最大年龄不能小于最小年龄',
      pointsPerHour: '每小时积分要填 0 到 100 之间的整数',
      photo: '图片地址要以 http:// 或 https:// 或 / 开头',
    },
  );
  assert.deepEqual(validateActivity(draft({ endAt: '2026-12-06T02:00:00.000Z' })), { endAt: '一次活动最长 24 小时，请检查结束时间' });
  assert.deepEqual(validateActivity(draft({ startAt: 'soon', signupDeadline: 'never', minAge: -1 })), {
    startAt: '开始时间不正确',
    signupDeadline: '报名截止时间不正确',
    minAge: '最小年龄要填 0 到 120 之间的整数，或者不限',
  });
});

// ---------------------------------------------------------------------------------------------
// Corrections and certificate

test('hour corrections: a reason, a real change, half-hour steps; approved by another person who is a manager', () => {
  assert.deepEqual(validateHoursCorrection({ fromHours: 3, toHours: 2.5, reason: '忘记签退，实际服务两个半小时' }), []);
  assert.deepEqual(validateHoursCorrection({ fromHours: 3, toHours: 3, reason: ' ' }), ['更正后的时长和原来一样，不用更正', '请写明更正的原因']);
  assert.deepEqual(validateHoursCorrection({ fromHours: 3, toHours: 0.3, reason: '录错' }), ['更正后的时长要在 0 到 24 小时之间，以半小时为单位']);

  const pending = { status: 'pending' as const, requestedBy: 'staff-1' };
  assert.deepEqual(canDecideCorrection(pending, { id: 'staff-2', role: 'manager' }), { ok: true });
  assert.deepEqual(canDecideCorrection(pending, { id: 'staff-1', role: 'manager' }), { ok: false, refusal: 'own-request' });
  assert.deepEqual(canDecideCorrection(pending, { id: 'staff-3', role: 'social-worker' }), { ok: false, refusal: 'not-manager' });
  assert.deepEqual(canDecideCorrection({ ...pending, status: 'approved' }, { id: 'staff-2', role: 'manager' }), { ok: false, refusal: 'not-pending' });

  assert.equal(correctionPointsDelta({ fromHours: 3, toHours: 2.5 }, 10), -5);
  assert.equal(correctionPointsDelta({ fromHours: 0.5, toHours: 1 }, 15), 7); // 15 − 8
});

test('certificate text', () => {
  assert.equal(formatServiceHours(3), '3 小时');
  assert.equal(formatServiceHours(30.5), '30.5 小时');
  assert.equal(formatServiceHours(0.25), '0.25 小时');
  assert.equal(
    certificateText({ residentName: '张秀英', stationName: '幸福里社区服务站', period: '2026年', activities: 12, hours: 30.5 }),
    '兹证明 张秀英 于2026年在幸福里社区服务站参加志愿服务活动 12 次，累计服务时长 30.5 小时。特此证明。',
  );
});
