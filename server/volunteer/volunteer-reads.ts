/** Reads of the volunteer data for the HTTP routes: public activities, 我的, attendance, CSV, certificate. */
import {
  certificateText,
  maskPhone,
  overlaps,
  waitlistPosition,
  type Activity,
  type PublicActivity,
  type ResidentVolunteer,
  type VolunteerSignUpRecord,
} from '../../domain/index.ts';
import { csvCell } from '../points/points-reads.ts';
import { activityFromRow, signUpFromRow, type Db } from './volunteer-store.ts';

/** Upcoming (not ended, not called off) activities, earliest first, with places left and waitlist length; nobody named. */
export async function publicActivities(db: Db, stationId: string, now: Date): Promise<{ activities: PublicActivity[] }> {
  const rows = await db
    .selectFrom('activities')
    .selectAll()
    .where('station_id', '=', stationId)
    .where('cancelled', '=', 0)
    .where('end_at', '>', now.toISOString())
    .orderBy('start_at')
    .orderBy('id')
    .limit(200)
    .execute();
  const counts = rows.length === 0
    ? []
    : await db
        .selectFrom('volunteer_sign_ups')
        .select(['activity_id', 'status', (eb) => eb.fn.countAll<number | string>().as('n')])
        .where('activity_id', 'in', rows.map((r) => r.id))
        .where('status', 'in', ['confirmed', 'waitlisted'])
        .groupBy(['activity_id', 'status'])
        .execute();
  const count = (id: string, status: string) => Number(counts.find((c) => c.activity_id === id && c.status === status)?.n ?? 0);
  const t = now.getTime();
  return {
    activities: rows.map((row) => {
      const { stationId: _s, revision: _r, ...a } = activityFromRow(row);
      return {
        ...a,
        placesLeft: Math.max(0, a.capacity - count(a.id, 'confirmed')),
        waitlistLength: count(a.id, 'waitlisted'),
        open: t < Date.parse(a.signupDeadline) && t < Date.parse(a.startAt),
      };
    }),
  };
}

/** The resident's sign-ups (newest activities first) with the activity and waitlist position, and overlapping pairs. */
export async function residentVolunteer(db: Db, residentId: string): Promise<ResidentVolunteer> {
  const rows = await db.selectFrom('volunteer_sign_ups').selectAll().where('resident_id', '=', residentId).orderBy('created_at', 'desc').limit(200).execute();
  const mine = rows.map(signUpFromRow);
  const activityIds = [...new Set(mine.map((s) => s.activityId))];
  const activities = new Map<string, Activity>();
  if (activityIds.length > 0) for (const a of await db.selectFrom('activities').selectAll().where('id', 'in', activityIds).execute()) activities.set(a.id, activityFromRow(a));
  const queues = new Map<string, VolunteerSignUpRecord[]>();
  for (const id of new Set(mine.filter((s) => s.status === 'waitlisted').map((s) => s.activityId))) {
    const q = await db.selectFrom('volunteer_sign_ups').selectAll().where('activity_id', '=', id).where('status', '=', 'waitlisted').execute();
    queues.set(id, q.map(signUpFromRow));
  }
  const signUps = mine
    .map((s) => ({ ...s, activity: activities.get(s.activityId)!, waitlistPosition: s.status === 'waitlisted' ? waitlistPosition(queues.get(s.activityId) ?? [], s.id) : null }))
    .sort((a, b) => Date.parse(b.activity.startAt) - Date.parse(a.activity.startAt) || (a.id < b.id ? -1 : 1));
  const live = signUps.filter((s) => (s.status === 'confirmed' || s.status === 'waitlisted') && !s.activity.cancelled);
  const pairs: ResidentVolunteer['overlaps'] = [];
  for (let i = 0; i < live.length; i++) {
    for (let j = i + 1; j < live.length; j++) if (overlaps(live[i]!.activity, live[j]!.activity)) pairs.push({ signUpId: live[i]!.id, otherSignUpId: live[j]!.id });
  }
  return { signUps, overlaps: pairs };
}

export interface AttendanceLine {
  signUpId: string;
  residentId: string;
  name: string;
  phone: string;
  status: VolunteerSignUpRecord['status'];
  arrival: number;
  waitlistPosition: number | null;
  checkInAt: string | null;
  checkOutAt: string | null;
  hours: number | null;
  points: number;
}

/** The attendance list of an activity for staff: confirmed first, then the waitlist, in arrival order (phones masked). */
export async function attendanceList(db: Db, stationId: string, activityId: string): Promise<{ activity: Activity; lines: AttendanceLine[] } | null> {
  const row = await db.selectFrom('activities').selectAll().where('id', '=', activityId).where('station_id', '=', stationId).executeTakeFirst();
  if (!row) return null;
  const rows = await db
    .selectFrom('volunteer_sign_ups as s')
    .innerJoin('residents as r', 'r.id', 's.resident_id')
    .selectAll('s')
    .select(['r.name', 'r.phone'])
    .where('s.activity_id', '=', activityId)
    .orderBy('s.arrival')
    .execute();
  const all = rows.map((r) => ({ ...signUpFromRow(r), name: r.name, phone: r.phone }));
  const order = { confirmed: 0, waitlisted: 1, cancelled: 2, refused: 3 } as const;
  const lines = all
    .sort((a, b) => order[a.status] - order[b.status] || a.arrival - b.arrival)
    .map((s) => ({
      signUpId: s.id,
      residentId: s.residentId,
      name: s.name,
      phone: maskPhone(s.phone),
      status: s.status,
      arrival: s.arrival,
      waitlistPosition: s.status === 'waitlisted' ? waitlistPosition(all, s.id) : null,
      checkInAt: s.checkInAt,
      checkOutAt: s.checkOutAt,
      hours: s.hours,
      points: s.points,
    }));
  return { activity: activityFromRow(row), lines };
}

const STATUS_LABELS = { confirmed: '已报上', waitlisted: '候补', cancelled: '已取消', refused: '未报上' } as const;

function csv(rows: (string | number | null)[][]): string {
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** CSV for Excel/WPS: UTF-8 with a BOM, Chinese header, CRLF, formula-looking cells made text; names but never phones. */
export async function volunteerCsv(db: Db, stationId: string, kind: 'activities' | 'sign-ups' | 'hours'): Promise<string> {
  const activities = (await db.selectFrom('activities').selectAll().where('station_id', '=', stationId).orderBy('start_at').orderBy('id').execute()).map(activityFromRow);
  if (kind === 'activities') {
    const counts = await db
      .selectFrom('volunteer_sign_ups')
      .select(['activity_id', 'status', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('station_id', '=', stationId)
      .groupBy(['activity_id', 'status'])
      .execute();
    const n = (id: string, status: string) => Number(counts.find((c) => c.activity_id === id && c.status === status)?.n ?? 0);
    return csv([
      ['活动名称', '地点', '开始时间', '结束时间', '招募人数', '已报上', '候补', '报名截止', '每小时积分', '状态'],
      ...activities.map((a) => [a.title, a.place, a.startAt, a.endAt, a.capacity, n(a.id, 'confirmed'), n(a.id, 'waitlisted'), a.signupDeadline, a.pointsPerHour, a.cancelled ? '已取消' : '正常']),
    ]);
  }
  const byId = new Map(activities.map((a) => [a.id, a]));
  const rows = await db
    .selectFrom('volunteer_sign_ups as s')
    .innerJoin('residents as r', 'r.id', 's.resident_id')
    .selectAll('s')
    .select(['r.name', 'r.building'])
    .where('s.station_id', '=', stationId)
    .orderBy('s.activity_id')
    .orderBy('s.arrival')
    .execute();
  const lines = rows.map((r) => ({ ...signUpFromRow(r), name: r.name, building: r.building }));
  if (kind === 'sign-ups') {
    return csv([
      ['活动名称', '活动开始', '居民', '楼栋', '到达顺序', '状态', '原因', '报名时间'],
      ...lines.map((s) => [byId.get(s.activityId)?.title ?? '', byId.get(s.activityId)?.startAt ?? '', s.name, s.building, s.arrival, STATUS_LABELS[s.status], s.reason, s.createdAt]),
    ]);
  }
  return csv([
    ['活动名称', '活动开始', '居民', '楼栋', '签到时间', '签退时间', '服务分钟', '计入小时', '积分'],
    ...lines.filter((s) => s.checkOutAt !== null).map((s) => [byId.get(s.activityId)?.title ?? '', byId.get(s.activityId)?.startAt ?? '', s.name, s.building, s.checkInAt, s.checkOutAt, s.minutes, s.hours, s.points]),
  ]);
}

export interface CertificateData {
  residentName: string;
  stationName: string;
  period: string;
  activities: number;
  hours: number;
  text: string;
  lines: { title: string; startAt: string; hours: number }[];
}

/** The data of the printable certificate of service hours: checked-out service in a year (station time, UTC+8). */
export async function certificateOf(db: Db, stationId: string, residentId: string, year: number): Promise<CertificateData | null> {
  const resident = await db.selectFrom('residents').select(['name']).where('id', '=', residentId).where('station_id', '=', stationId).executeTakeFirst();
  if (!resident) return null;
  const station = await db.selectFrom('stations').select('name').where('id', '=', stationId).executeTakeFirstOrThrow();
  // Station year [year-01-01T00:00+08:00, year+1-01-01T00:00+08:00) in UTC.
  const from = new Date(Date.UTC(year, 0, 1) - 8 * 3_600_000).toISOString();
  const to = new Date(Date.UTC(year + 1, 0, 1) - 8 * 3_600_000).toISOString();
  const rows = await db
    .selectFrom('volunteer_sign_ups as s')
    .innerJoin('activities as a', 'a.id', 's.activity_id')
    .select(['a.title', 'a.start_at', 's.credited_minutes'])
    .where('s.resident_id', '=', residentId)
    .where('s.check_out_at', 'is not', null)
    .where('a.start_at', '>=', from)
    .where('a.start_at', '<', to)
    .orderBy('a.start_at')
    .execute();
  const lines = rows.map((r) => ({ title: r.title, startAt: r.start_at, hours: (r.credited_minutes ?? 0) / 60 }));
  const hours = lines.reduce((sum, l) => sum + l.hours, 0);
  const period = `${year}年`;
  return { residentName: resident.name, stationName: station.name, period, activities: lines.length, hours, text: certificateText({ residentName: resident.name, stationName: station.name, period, activities: lines.length, hours }), lines };
}
