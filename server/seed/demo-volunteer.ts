/**
 * Demo volunteer service for 幸福里: five upcoming activities and one finished 小区清洁日, made
 * through the same code the server runs — 独居老人探访 is full with two people on its waitlist, and
 * the cleaning day's volunteers were checked out with their hours awarded as points.
 */
import { addCalendarDays, stationDateOf, stationInstant, type ActivityDraft } from '../../domain/index.ts';
import { recordChange } from '../content/changes.ts';
import type { Database } from '../db/schema.ts';
import type { Transaction } from 'kysely';
import { saveActivity } from '../volunteer/activities.ts';
import { checkIn, checkOut } from '../volunteer/attendance.ts';
import { signUpForActivity } from '../volunteer/sign-ups.ts';

export interface DemoVolunteerResidents {
  /** Six residents of the station, in the order of DEMO_RESIDENTS. */
  all: readonly string[];
}

const id = (n: number) => `f1a2b3c4-0000-4000-8000-${String(n).padStart(12, '0')}`;

interface DemoActivity {
  n: number;
  day: number;
  from: string;
  to: string;
  draft: Omit<ActivityDraft, 'startAt' | 'endAt' | 'signupDeadline'>;
}

const ACTIVITIES: DemoActivity[] = [
  {
    n: 1,
    day: 3,
    from: '19:00',
    to: '21:00',
    draft: { title: '夜间安全巡逻', description: '两人一组沿小区主路和车棚巡查，留意电动车违规充电、楼道堆物和陌生人员。', place: '服务站门口集合', capacity: 8, minAge: 18, maxAge: 75, requirements: '能连续步行两小时，穿运动鞋，自带手电', pointsPerHour: 10, photo: null, cancelled: false },
  },
  {
    n: 2,
    day: 2,
    from: '09:00',
    to: '11:30',
    draft: { title: '独居老人探访', description: '探访 3 号楼、12 号楼的独居老人，聊聊天，看看水电燃气是否安全，记下需要帮忙的事。', place: '服务站二楼活动室集合', capacity: 3, minAge: 18, maxAge: null, requirements: '耐心，会说普通话或本地话', pointsPerHour: 15, photo: null, cancelled: false },
  },
  {
    n: 3,
    day: 5,
    from: '14:30',
    to: '16:00',
    draft: { title: '防诈骗宣讲', description: '民警讲解冒充公检法、保健品推销等常见骗局，志愿者协助签到、发放宣传册。', place: '服务站一楼多功能厅', capacity: 40, minAge: null, maxAge: null, requirements: '', pointsPerHour: 10, photo: null, cancelled: false },
  },
  {
    n: 4,
    day: 7,
    from: '09:30',
    to: '11:30',
    draft: { title: '消防演练', description: '和物业、微型消防站一起演练楼道疏散和灭火器使用，志愿者负责引导老人。', place: '小区中心广场', capacity: 30, minAge: 16, maxAge: null, requirements: '能站立一小时以上', pointsPerHour: 10, photo: null, cancelled: false },
  },
  {
    n: 5,
    day: -3,
    from: '08:00',
    to: '10:30',
    draft: { title: '小区清洁日', description: '清理绿化带垃圾和楼道小广告，工具由物业提供。', place: '5 号楼南侧', capacity: 20, minAge: null, maxAge: null, requirements: '自带手套和水杯', pointsPerHour: 10, photo: null, cancelled: false },
  },
];

export async function seedDemoVolunteer(trx: Transaction<Database>, stationId: string, residents: DemoVolunteerResidents, now: Date): Promise<void> {
  // The seed runs alone in one transaction: no other writer to lock out ('sqlite' skips the row lock).
  const dialect = 'sqlite';
  const today = stationDateOf(now);
  const r = residents.all;
  for (const a of ACTIVITIES) {
    const date = addCalendarDays(today, a.day);
    const startAt = stationInstant(date, a.from).toISOString();
    const draft: ActivityDraft = { ...a.draft, startAt, endAt: stationInstant(date, a.to).toISOString(), signupDeadline: stationInstant(addCalendarDays(date, -1), '18:00').toISOString() };
    // Published a week before the activity.
    const saved = await saveActivity(trx, dialect, { stationId, activityId: id(a.n), baseRevision: null, draft, now: stationInstant(addCalendarDays(date, -7), '09:00') });
    if (saved.kind !== 'saved') throw new Error(`demo activity ${a.draft.title}: ${saved.kind}`);
    await recordChange(trx, stationId, 'activity', saved.activity.id, saved.activity);
  }
  // [activity n, resident index]; 独居老人探访 (3 places) gets five: two wait.
  const signUps: [number, number][] = [
    [2, 1], [2, 2], [2, 4], [2, 5], [2, 3],
    [1, 4],
    [3, 0], [3, 3],
    [5, 1], [5, 2], [5, 4],
  ];
  for (const [k, [n, who]] of signUps.entries()) {
    const a = ACTIVITIES.find((x) => x.n === n)!;
    // Three days before the activity, but never in the future.
    const at = new Date(Math.min(stationInstant(addCalendarDays(today, a.day - 3), '10:00').getTime() + k * 60_000, now.getTime() - (signUps.length - k) * 60_000));
    const result = await signUpForActivity(trx, dialect, { signUpId: id(100 + k), stationId, activityId: id(n), residentId: r[who]!, provisional: false, signedUpBy: k % 4 === 3 ? 'proxy' : 'resident', channel: 'kiosk', deviceId: null, now: at, madeAt: at });
    if (result.kind !== 'signed-up') throw new Error(`demo sign-up ${k}: ${result.kind}`);
    await recordChange(trx, stationId, 'volunteer-sign-up', result.signUp.id, result.signUp);
  }
  // The cleaning day is over: two stayed the whole morning, one left after 70 minutes.
  const cleaning = addCalendarDays(today, -3);
  for (const [k, leave] of [[8, '10:20'], [9, '10:25'], [10, '09:10']] as const) {
    const base = { stationId, signUpId: id(100 + k), residentOnly: null, now };
    const inn = await checkIn(trx, dialect, { ...base, at: stationInstant(cleaning, '08:00') });
    if (inn.kind !== 'done') throw new Error(`demo check-in ${k}: ${inn.kind}`);
    const out = await checkOut(trx, dialect, { ...base, at: stationInstant(cleaning, leave) });
    if (out.kind !== 'done') throw new Error(`demo check-out ${k}: ${out.kind}`);
    await recordChange(trx, stationId, 'volunteer-sign-up', out.signUp.id, out.signUp);
  }
}
