/**
 * `server.signup-burst.correct`: 1 when 500 concurrent website sign-ups (real HTTP on loopback)
 * for an activity of 30 places leave exactly 30 confirmed and 470 waitlisted with arrival numbers
 * 1..500 — on SQLite and, when it can be used, on PostgreSQL — else 0.
 * Run alone: `node --import tsx bench/signup-burst.ts`.
 */
import type { AddressInfo } from 'node:net';
import { hashPin, type Command, type DevicePairResponse, type PushResponse, type StaffLoginResponse } from '../domain/index.ts';
import { sha256Hex } from '../server/auth/tokens.ts';
import { buildApp } from '../server/app.ts';
import { migrateToLatest } from '../server/db/migrations.ts';
import type { DialectName } from '../server/db/schema.ts';
import { DEMO_STAFF, DEMO_STATION, seedDemoData } from '../server/seed/demo-data.ts';
import { demoStaffProver } from '../tests/server/demo-staff-proofs.ts';
import { createTestDatabase, testDialects } from '../tests/server/databases.ts';
import type { Figures } from './results.ts';

const RESIDENTS = 500;
const PLACES = 30;

async function post<T>(base: string, path: string, body: unknown, token?: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

async function burstIsCorrect(dialect: DialectName): Promise<boolean> {
  const database = await createTestDatabase(dialect);
  const { db } = database;
  await migrateToLatest(db, dialect);
  await seedDemoData(db, { pinIterations: 1_000 });
  const app = buildApp({ db, dialect });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const staff = DEMO_STAFF.find((s) => s.stationId === DEMO_STATION.id && s.role === 'manager')!;
    const login = await post<StaffLoginResponse>(base, '/api/staff/login', { stationId: DEMO_STATION.id, staffNo: staff.staffNo, pin: staff.secret });
    const code = await post<{ code: string }>(base, '/api/staff/pairing-codes', {}, login.body.token);
    const device = await post<DevicePairResponse>(base, '/api/devices/pair', { code: code.body.code, name: 'bench' });
    const start = Date.now() + 48 * 3_600_000;
    const activityId = crypto.randomUUID();
    const draft = {
      title: '夜间安全巡逻',
      description: '',
      place: '服务站门口',
      startAt: new Date(start).toISOString(),
      endAt: new Date(start + 2 * 3_600_000).toISOString(),
      capacity: PLACES,
      signupDeadline: new Date(start - 3_600_000).toISOString(),
      minAge: null,
      maxAge: null,
      requirements: '',
      pointsPerHour: 10,
      photo: null,
      cancelled: false,
    };
    const saved = await post<PushResponse>(base, '/api/sync/push', { commands: [await demoStaffProver(db)({ id: crypto.randomUUID(), seq: 1, type: 'activity.save', payload: { activityId, baseRevision: null, draft }, actor: { staffNo: staff.staffNo }, createdAt: new Date().toISOString() } as Command)] }, device.body.deviceToken);
    if (saved.body.outcomes?.[0]?.status !== 'applied') throw new Error(`activity.save: ${JSON.stringify(saved.body)}`);

    const pinHash = await hashPin('8888', 1_000);
    const t = new Date().toISOString();
    const tokens: string[] = [];
    for (let i = 0; i < RESIDENTS; i++) {
      const id = crypto.randomUUID();
      await db
        .insertInto('residents')
        .values({ id, station_id: DEMO_STATION.id, name: `志愿者${i}`, phone: `1370000${String(i).padStart(4, '0')}`, birth_year: 1960, building: '1 号楼', consent_at: t, pin_hash: pinHash, card_hash: null, active: 1, revision: 1, failed_attempts: 0, locked_until: null, created_at: t, updated_at: t, ranking_opt_out: 0 })
        .execute();
      const token = `bench-${crypto.randomUUID()}`;
      await db.insertInto('resident_sessions').values({ token_hash: sha256Hex(token), resident_id: id, station_id: DEMO_STATION.id, created_at: t, expires_at: new Date(Date.now() + 3_600_000).toISOString() }).execute();
      tokens.push(token);
    }
    const results = await Promise.all(tokens.map((token) => post<{ signUp?: { status: string } }>(base, '/api/residents/me/volunteer/sign-ups', { signUpId: crypto.randomUUID(), activityId }, token)));
    const rows = await db.selectFrom('volunteer_sign_ups').select(['status', 'arrival']).where('activity_id', '=', activityId).orderBy('arrival').execute();
    const confirmed = rows.filter((r) => r.status === 'confirmed').length;
    const inOrder = rows.every((r, i) => r.arrival === i + 1 && r.status === (i < PLACES ? 'confirmed' : 'waitlisted'));
    return results.every((r) => r.status === 201) && rows.length === RESIDENTS && confirmed === PLACES && inOrder;
  } finally {
    await app.close();
    await database.dispose();
  }
}

export async function benchSignupBurst(): Promise<Figures> {
  let correct = true;
  for (const dialect of await testDialects()) {
    if (dialect.skip) continue;
    if (!(await burstIsCorrect(dialect.name))) correct = false;
  }
  return { 'server.signup-burst.correct': { value: correct ? 1 : 0, unit: '', goal: 1, better: 'higher' } };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchSignupBurst());
