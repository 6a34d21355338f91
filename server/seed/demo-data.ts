/**
 * Demo data: a community service station in Chaoyang, Beijing with its staff, notices and points, plus a
 * second small station (so tests can check that stations never see each other's data).
 * Everything goes through the same change records as real writes, so a freshly paired kiosk
 * pulls the whole demo.
 */
import type { Kysely } from 'kysely';
import { hashCardNumber, hashPin, PIN_HASH_ITERATIONS, STAFF_SECRET_ITERATIONS, type StaffRole, type Station } from '../../domain/index.ts';
import { staffSecretMaterial } from '../auth/staff-secrets.ts';
import { recordChange } from '../content/changes.ts';
import { noticeFromRow } from '../content/notices.ts';
import { createResident } from '../content/residents.ts';
import { createStaff, createStation } from '../content/stations.ts';
import type { Database } from '../db/schema.ts';
import { DEMO_NOTICES } from './demo-notices.ts';
import { seedDemoMeals } from './demo-meals.ts';
import { seedDemoPoints } from './demo-points.ts';
import { seedDemoVolunteer } from './demo-volunteer.ts';

export const DEMO_STATION: Station = {
  id: '3f6c2a1e-8b4d-4c7a-9e21-5d0b7f3a1c01',
  name: '幸福里社区党群服务中心',
  address: '北京市朝阳区团结湖街道幸福里小区 18 号楼一层',
  phone: '010-6552 3018',
};

export const SECOND_STATION: Station = {
  id: '3f6c2a1e-8b4d-4c7a-9e21-5d0b7f3a1c02',
  name: '和平巷社区养老服务驿站',
  address: '北京市东城区北新桥街道和平巷 7 号',
  phone: '010-8403 2276',
};

export interface DemoStaff {
  stationId: string;
  id: string;
  staffNo: string;
  /** The 10-digit staff secret. Real staff get theirs drawn at random (issueStaffSecret). */
  secret: string;
  name: string;
  role: StaffRole;
  title: string;
}

/**
 * Demo sign-ins (shown in the README and on start): fixed so the demo can be tried, therefore
 * known to everyone. Issue real secrets (issueStaffSecret) before real use.
 */
export const DEMO_STAFF: readonly DemoStaff[] = [
  { stationId: DEMO_STATION.id, id: '7a2d9c40-1b3e-4f5a-8c6d-0e1f2a3b4c01', staffNo: '1001', secret: '7305184962', name: '王秀兰', role: 'manager', title: '站长' },
  { stationId: DEMO_STATION.id, id: '7a2d9c40-1b3e-4f5a-8c6d-0e1f2a3b4c02', staffNo: '1002', secret: '5190627483', name: '李建国', role: 'social-worker', title: '社工' },
  { stationId: DEMO_STATION.id, id: '7a2d9c40-1b3e-4f5a-8c6d-0e1f2a3b4c03', staffNo: '1003', secret: '8462039175', name: '赵桂芳', role: 'kitchen', title: '厨房' },
  { stationId: SECOND_STATION.id, id: '7a2d9c40-1b3e-4f5a-8c6d-0e1f2a3b4c11', staffNo: '2001', secret: '3927560148', name: '刘淑珍', role: 'manager', title: '站长' },
];

export interface DemoResident {
  stationId: string;
  id: string;
  name: string;
  phone: string;
  pin: string;
  birthYear: number;
  building: string;
  /** The number a USB reader types for this resident's card, if they have one. */
  card?: string;
}

/** Demo residents (shown in the README): sign in at the kiosk with phone + PIN, or the card number. */
export const DEMO_RESIDENTS: readonly DemoResident[] = [
  { stationId: DEMO_STATION.id, id: 'c5e0a3d2-6f1b-4e8a-9b7c-2d4f6a8c0e01', name: '张秀英', phone: '13800138001', pin: '1111', birthYear: 1941, building: '3 号楼 2 单元', card: '0012345678' },
  { stationId: DEMO_STATION.id, id: 'c5e0a3d2-6f1b-4e8a-9b7c-2d4f6a8c0e02', name: '李淑珍', phone: '13800138002', pin: '2222', birthYear: 1946, building: '5 号楼 1 单元' },
  { stationId: DEMO_STATION.id, id: 'c5e0a3d2-6f1b-4e8a-9b7c-2d4f6a8c0e03', name: '王建华', phone: '13800138003', pin: '3333', birthYear: 1950, building: '3 号楼 1 单元', card: '0087654321' },
  { stationId: DEMO_STATION.id, id: 'c5e0a3d2-6f1b-4e8a-9b7c-2d4f6a8c0e04', name: '刘桂兰', phone: '13800138004', pin: '4444', birthYear: 1938, building: '12 号楼 3 单元' },
  { stationId: DEMO_STATION.id, id: 'c5e0a3d2-6f1b-4e8a-9b7c-2d4f6a8c0e05', name: '陈国强', phone: '13800138005', pin: '5555', birthYear: 1955, building: '7 号楼 2 单元' },
  { stationId: DEMO_STATION.id, id: 'c5e0a3d2-6f1b-4e8a-9b7c-2d4f6a8c0e06', name: '杨玉梅', phone: '13800138006', pin: '6666', birthYear: 1944, building: '18 号楼 1 单元' },
  // The second station's own resident, so tests can check that stations never see each other's residents.
  { stationId: SECOND_STATION.id, id: 'c5e0a3d2-6f1b-4e8a-9b7c-2d4f6a8c0e11', name: '赵凤英', phone: '13900139001', pin: '1212', birthYear: 1943, building: '和平巷 7 号院' },
];

const SECOND_STATION_NOTICES = [
  { title: '和平巷驿站助浴服务预约', board: '社区公告', body: '驿站每周二、周五提供助浴服务，请提前一天电话预约：010-8403 2276。' },
  { title: '驿站老年餐桌本周菜单', board: '活动', body: '本周菜单已张贴在驿站门口，低盐低糖，欢迎老人就餐。' },
] as const;

function demoNoticeId(stationNo: number, n: number): string {
  return `b0a7c1e2-4d5f-4a6b-8c9d-${String(stationNo).padStart(4, '0')}${String(n).padStart(8, '0')}`;
}

export interface SeedOptions {
  now?: Date;
  /** PBKDF2 iterations for staff secrets and resident PINs; tests pass a small number to stay fast. */
  pinIterations?: number;
}

export async function hasAnyStation(db: Kysely<Database>): Promise<boolean> {
  return (await db.selectFrom('stations').select('id').limit(1).executeTakeFirst()) !== undefined;
}

export async function seedDemoData(db: Kysely<Database>, options: SeedOptions = {}): Promise<void> {
  const now = options.now ?? new Date();
  const iterations = options.pinIterations ?? PIN_HASH_ITERATIONS;
  // Hash before the transaction: slow work must not hold the database's write lock.
  const staffSecrets = await Promise.all(DEMO_STAFF.map((s) => staffSecretMaterial(s.secret, options.pinIterations ?? STAFF_SECRET_ITERATIONS)));
  const residentPins = await Promise.all(DEMO_RESIDENTS.map((r) => hashPin(r.pin, iterations)));
  const residentCards = await Promise.all(DEMO_RESIDENTS.map((r) => (r.card ? hashCardNumber(r.stationId, r.card) : null)));
  const day = 86_400_000;
  // Round to the minute so the demo times read naturally.
  const base = Math.floor(now.getTime() / 60_000) * 60_000;
  const at = (days: number) => new Date(base + days * day).toISOString();

  await db.transaction().execute(async (trx) => {
    for (const station of [DEMO_STATION, SECOND_STATION]) await createStation(trx, station, now);
    for (const [i, s] of DEMO_STAFF.entries()) {
      const m = staffSecrets[i]!;
      await createStaff(trx, s.stationId, { id: s.id, staffNo: s.staffNo, name: s.name, role: s.role, pinHash: m.pinHash, commandKeySalt: m.commandKeySalt, active: true }, m.commandKey, now);
    }
    for (const [i, r] of DEMO_RESIDENTS.entries()) {
      await createResident(
        trx,
        {
          id: r.id,
          stationId: r.stationId,
          name: r.name,
          phone: r.phone,
          birthYear: r.birthYear,
          building: r.building,
          consentAt: now.toISOString(),
          pinHash: residentPins[i]!,
          cardHash: residentCards[i] ?? null,
          active: true,
          revision: 1,
          updatedAt: now.toISOString(),
        },
        now,
      );
    }
    const notices = [
      ...DEMO_NOTICES.map((n, i) => ({ ...n, stationId: DEMO_STATION.id, id: demoNoticeId(1, i + 1) })),
      ...SECOND_STATION_NOTICES.map((n, i) => ({
        ...n,
        stationId: SECOND_STATION.id,
        id: demoNoticeId(2, i + 1),
        publishDays: -3 - i,
        expireDays: null,
        pinned: false,
        images: [] as string[],
      })),
    ];
    for (const n of notices) {
      const publishAt = at(n.publishDays);
      const row = {
        id: n.id,
        station_id: n.stationId,
        board: n.board,
        title: n.title,
        body: n.body,
        images: JSON.stringify(n.images ?? []),
        publish_at: publishAt,
        expire_at: n.expireDays === null ? null : at(n.expireDays),
        pinned: n.pinned ? (1 as const) : (0 as const),
        emergency: 0 as const,
        retired: 0 as const,
        revision: 1,
        created_at: publishAt,
        updated_at: publishAt,
      };
      await trx.insertInto('notices').values(row).execute();
      await recordChange(trx, n.stationId, 'notice', n.id, noticeFromRow(row));
    }
    const stationResidents = DEMO_RESIDENTS.filter((r) => r.stationId === DEMO_STATION.id);
    // 杨玉梅 asked to be left out of the public ranking.
    const optOut = stationResidents.find((r) => r.name === '杨玉梅')!.id;
    await seedDemoPoints(trx, DEMO_STATION.id, stationResidents.map((r) => r.id), optOut, now, at);
    const residentNamed = (name: string) => stationResidents.find((r) => r.name === name)!.id;
    await seedDemoMeals(
      trx,
      DEMO_STATION.id,
      { disabled: residentNamed('张秀英'), minimumLiving: residentNamed('陈国强'), others: [residentNamed('李淑珍'), residentNamed('王建华')] },
      now,
    );
    await seedDemoVolunteer(trx, DEMO_STATION.id, { all: stationResidents.map((r) => r.id) }, now);
  });
}
