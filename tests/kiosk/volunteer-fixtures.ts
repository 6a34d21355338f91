/**
 * Volunteer fixtures for the kiosk tests, around NOW (Monday 2026-11-23 16:00 station time):
 * 消防演练 today 15:00–17:00 (on now: check-in and check-out), 防诈骗宣讲 tomorrow 19:00–20:30 and
 * 老电影放映 tomorrow 20:00–21:30 (they overlap), 独居老人探访 with 2 places, both taken,
 * 夜间安全巡逻 for residents up to 70, 小区清洁日 whose sign-up closed at noon today — and a fake
 * server that answers volunteer commands like the real one (online refusals are `rejected` with
 * the sentence; provisional ones are applied and stored as refused with it) — and the staff desk
 * routes (staff login, certificate data, CSV exports) for the certificate and export tests.
 */
import type { Command, CommandOutcome, PushRequest, PushResponse } from '../../domain/index.ts';
import type { VolunteerSignUpRecord } from '../../domain/volunteer-records.ts';
import { signUpRefusalMessage, type Activity, type SignUpRefusal } from '../../domain/volunteer.ts';
import type { KioskDb } from '../../kiosk/store/kiosk-db.ts';
import type { Certificate, ExportKind } from '../../kiosk/volunteer/staff-desk.ts';
import { NOT_ATTENDED } from '../../kiosk/volunteer/volunteer-replica.ts';
import { json, NOW, type RecordedRequest } from './kiosk-fixtures.ts';

/** Station wall time on a date as an instant (UTC+8). */
export const at = (date: string, time: string): string => new Date(`${date}T${time}:00+08:00`).toISOString();

export function activity(over: Partial<Activity> & { id: string }): Activity {
  return {
    stationId: 's1',
    title: '防诈骗宣讲',
    description: '',
    place: '服务站二楼活动室',
    startAt: at('2026-11-24', '19:00'),
    endAt: at('2026-11-24', '20:30'),
    capacity: 20,
    signupDeadline: at('2026-11-24', '12:00'),
    minAge: null,
    maxAge: null,
    requirements: '',
    pointsPerHour: 10,
    photo: null,
    cancelled: false,
    revision: 1,
    updatedAt: NOW.toISOString(),
    ...over,
  };
}

export const ACTIVITIES: Activity[] = [
  activity({ id: 'act-drill', title: '消防演练', place: '小区北门广场', startAt: at('2026-11-23', '15:00'), endAt: at('2026-11-23', '17:00'), signupDeadline: at('2026-11-23', '12:00'), pointsPerHour: 10 }),
  activity({ id: 'act-talk', title: '防诈骗宣讲', requirements: '能讲普通话，自带水杯', pointsPerHour: 8 }),
  activity({ id: 'act-film', title: '老电影放映', place: '服务站一楼大厅', startAt: at('2026-11-24', '20:00'), endAt: at('2026-11-24', '21:30'), capacity: 30, pointsPerHour: 5 }),
  activity({ id: 'act-visit', title: '独居老人探访', place: '3 号楼', startAt: at('2026-11-25', '09:00'), endAt: at('2026-11-25', '11:00'), capacity: 2, signupDeadline: at('2026-11-24', '17:00'), pointsPerHour: 15 }),
  activity({ id: 'act-patrol', title: '夜间安全巡逻', place: '小区各楼栋', startAt: at('2026-11-26', '19:00'), endAt: at('2026-11-26', '21:00'), capacity: 10, signupDeadline: at('2026-11-26', '12:00'), minAge: 18, maxAge: 70, requirements: '能走楼梯，自带手电筒' }),
  activity({ id: 'act-clean', title: '小区清洁日', place: '中心花园', startAt: at('2026-11-26', '09:00'), endAt: at('2026-11-26', '11:00'), signupDeadline: at('2026-11-23', '12:00') }),
];

export function signUp(over: Partial<VolunteerSignUpRecord> & { id: string; activityId: string; residentId: string }): VolunteerSignUpRecord {
  return {
    stationId: 's1',
    status: 'confirmed',
    arrival: 1,
    refusal: null,
    reason: null,
    createdAt: NOW.toISOString(),
    cancelledAt: null,
    signedUpBy: 'resident',
    channel: 'kiosk',
    ...NOT_ATTENDED,
    ...over,
  };
}

/** 独居老人探访 full (李淑珍, 王建华); 张秀英 signed up for 防诈骗宣讲 and 消防演练 (today). */
export const SIGN_UPS: VolunteerSignUpRecord[] = [
  signUp({ id: 'su-visit-li', activityId: 'act-visit', residentId: 'r-li', arrival: 1 }),
  signUp({ id: 'su-visit-wang', activityId: 'act-visit', residentId: 'r-wang', arrival: 2 }),
  signUp({ id: 'su-talk-zhang', activityId: 'act-talk', residentId: 'r-zhang', arrival: 1 }),
  signUp({ id: 'su-drill-zhang', activityId: 'act-drill', residentId: 'r-zhang', arrival: 1 }),
  signUp({ id: 'su-drill-li', activityId: 'act-drill', residentId: 'r-li', arrival: 2 }),
  signUp({ id: 'su-drill-wang', activityId: 'act-drill', residentId: 'r-wang', arrival: 3 }),
];

/** Activities and sign-ups straight into the replica. */
export async function seedVolunteer(db: KioskDb, o: { activities?: Activity[]; signUps?: VolunteerSignUpRecord[] } = {}): Promise<void> {
  await db.run(async (conn) => {
    const tx = conn.transaction(['activities', 'volunteerSignUps'], 'readwrite');
    for (const a of o.activities ?? ACTIVITIES) await tx.objectStore('activities').put(a);
    for (const s of o.signUps ?? SIGN_UPS) await tx.objectStore('volunteerSignUps').put(s);
    await tx.done;
  });
  db.notifyChanged();
}

export type Decision = 'confirmed' | 'waitlisted' | SignUpRefusal;

/**
 * Answers volunteer commands like the station server. `decide` gives the decision for a sign-up
 * (default confirmed); `arrival` numbers arrivals; `known` holds the sign-ups it has stored.
 */
export function volunteerServer(o: { decide?: (c: Command<'volunteer.sign-up'>) => Decision; lastSeq?: { n: number }; known?: Map<string, VolunteerSignUpRecord> } = {}) {
  const last = o.lastSeq ?? { n: 0 };
  const known = o.known ?? new Map(SIGN_UPS.map((s) => [s.id, s]));
  let arrival = 10;
  return (body: PushRequest): PushResponse => {
    const outcomes: CommandOutcome[] = [];
    for (const c of body.commands) {
      if (c.seq <= last.n) continue;
      last.n = c.seq;
      const base = { seq: c.seq, commandId: c.id };
      if (c.type === 'volunteer.sign-up') {
        const p = c.payload;
        const decision = o.decide?.(c) ?? 'confirmed';
        const record = signUp({ id: p.signUpId, activityId: p.activityId, residentId: c.actor.residentId ?? '', arrival: arrival++, createdAt: c.createdAt });
        const a = ACTIVITIES.find((x) => x.id === p.activityId)!;
        if (decision === 'confirmed' || decision === 'waitlisted') {
          known.set(record.id, { ...record, status: decision });
          outcomes.push({ ...base, status: 'applied', volunteerSignUp: known.get(record.id)! });
        } else if (!p.provisional) {
          outcomes.push({ ...base, status: 'rejected', reason: signUpRefusalMessage(decision, a), volunteerRefusal: decision });
        } else {
          known.set(record.id, { ...record, status: 'refused', refusal: decision, reason: signUpRefusalMessage(decision, a) });
          outcomes.push({ ...base, status: 'applied', volunteerSignUp: known.get(record.id)!, volunteerRefusal: decision });
        }
        continue;
      }
      if (c.type === 'volunteer.cancel' || c.type === 'volunteer.check-in' || c.type === 'volunteer.check-out') {
        const s = known.get(c.payload.signUpId);
        if (!s) {
          outcomes.push({ ...base, status: 'rejected', reason: '没有找到这次报名' });
          continue;
        }
        const next: VolunteerSignUpRecord =
          c.type === 'volunteer.cancel'
            ? { ...s, status: 'cancelled', cancelledAt: c.createdAt, reason: c.payload.reason }
            : c.type === 'volunteer.check-in'
              ? { ...s, checkInAt: s.checkInAt ?? c.payload.at }
              : { ...s, checkOutAt: s.checkOutAt ?? c.payload.at, minutes: 120, hours: 2, points: 20 };
        known.set(s.id, next);
        outcomes.push({ ...base, status: 'applied', volunteerSignUp: next });
        continue;
      }
      outcomes.push({ ...base, status: 'applied' });
    }
    return { outcomes, lastSeq: last.n };
  };
}

/** 张秀英's certificate for 2026 as the server sends it (certificateOf). */
export const CERTIFICATE: Certificate = {
  residentName: '张秀英',
  stationName: '幸福里社区服务站',
  period: '2026年',
  activities: 2,
  hours: 3.5,
  text: '兹证明 张秀英 于2026年在幸福里社区服务站参加志愿服务活动 2 次，累计服务时长 3.5 小时。特此证明。',
  lines: [
    { title: '小区清洁日', startAt: at('2026-03-14', '09:00'), hours: 1.5 },
    { title: '消防演练', startAt: at('2026-11-23', '15:00'), hours: 2 },
  ],
};

export const STAFF_TOKEN = 'staff-token-1';

/** The CSV the server sends for an export: BOM, Chinese header, CRLF. */
export const csvOf = (kind: ExportKind): string => `\uFEFF"活动名称","${kind}"\r\n"消防演练","2"\r\n`;

type Answer = (request: RecordedRequest) => Response;

/**
 * The station server's staff desk in front of another fetch (the sync routes): POST
 * /api/staff/login (secret 2468013579 → STAFF_TOKEN, else 401), the certificate and the CSV exports (the
 * staff token required, else 401). `answers` replace a route's answer; `requests` records them all.
 */
export function staffDesk(fallback: (url: string, init?: RequestInit) => Promise<Response>, answers: { login?: Answer; certificate?: Answer; csv?: Answer } = {}) {
  const requests: RecordedRequest[] = [];
  const fetch = async (url: string, init: RequestInit = {}): Promise<Response> => {
    const path = new URL(url, 'http://kiosk.test').pathname;
    if (!path.startsWith('/api/staff/')) return fallback(url, init);
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((v, k) => (headers[k] = v));
    const request: RecordedRequest = { method: init.method ?? 'GET', url, headers, body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined };
    requests.push(request);
    if (path === '/api/staff/login') {
      if (answers.login) return answers.login(request);
      const pin = (request.body as { pin?: string } | undefined)?.pin;
      return pin === '2468013579' ? json({ token: STAFF_TOKEN, expiresAt: at('2026-11-24', '04:00'), staff: { staffNo: '1001', name: '王芳', role: 'manager' } }) : json({ error: 'wrong-pin', message: '工号或密码不对' }, 401);
    }
    if (headers.authorization !== `Bearer ${STAFF_TOKEN}`) return json({ error: 'unauthorized', message: '登录已失效，请重新登录' }, 401);
    if (path.startsWith('/api/staff/volunteer/certificates/')) return answers.certificate ? answers.certificate(request) : json(CERTIFICATE);
    if (path === '/api/staff/volunteer/export.csv') {
      if (answers.csv) return answers.csv(request);
      const kind = new URL(url, 'http://kiosk.test').searchParams.get('kind') as ExportKind;
      return new Response(csvOf(kind), { status: 200, headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
    }
    return json({ error: 'not-found', message: '没有找到' }, 404);
  };
  return { fetch, requests };
}
