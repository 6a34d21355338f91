/**
 * A station server for tests: a fresh database (SQLite file or PostgreSQL), migrated and seeded
 * with the demo data (cheap PIN hashes), an app around it with a clock the test can move, and
 * small helpers that speak the HTTP API the way a kiosk does.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import type { Command, DevicePairResponse, NoticeDraft, PullResponse, PushResponse, StaffLoginResponse } from '../../domain/index.ts';
import { buildApp, type BuildAppOptions, type StaticRoots } from '../../server/app.ts';
import { loginLimitsWith, type LoginLimits } from '../../server/auth/login-limits.ts';
import { migrateToLatest } from '../../server/db/migrations.ts';
import type { Database, DialectName } from '../../server/db/schema.ts';
import { DEMO_STAFF, DEMO_STATION, seedDemoData } from '../../server/seed/demo-data.ts';
import { createTestDatabase, type TestDatabase } from './databases.ts';
import { demoStaffProver, proveAll } from './demo-staff-proofs.ts';

export const TEST_PIN_ITERATIONS = 1_000;
export const STATION = DEMO_STATION.id;

export interface Fixture {
  dialect: DialectName;
  database: TestDatabase;
  db: Kysely<Database>;
  app: FastifyInstance;
  /** Milliseconds since the epoch that the server believes is now. */
  now(): number;
  advance(ms: number): void;
  login(staffNo: string, pin: string, stationId?: string): Promise<LightMyRequestResponse>;
  staffToken(staffNo?: string): Promise<string>;
  pairDevice(name?: string, staffNo?: string): Promise<DevicePairResponse>;
  /**
   * Links residents to a kiosk as if each had signed in there online once: a resident's own
   * commands count only from kiosks linked to her (and only those hold her PIN verifier).
   * Default: every resident of the device's station.
   */
  linkResidents(deviceId: string, residentIds?: readonly string[]): Promise<void>;
  /**
   * Push as a kiosk does: a command naming a demo staff member without a proof gets that member's
   * proof, made the kiosk's way (K from the secret and the replicated salt). `prove: false` sends
   * the commands as they are.
   */
  push(deviceToken: string, commands: Command[], options?: { prove?: boolean }): Promise<PushResponse>;
  /** The command with actor.staffProof by `staffNo`'s command key (default: the staff it names). */
  prove<C extends Command>(command: C, staffNo?: string): Promise<C>;
  pull(deviceToken: string, cursor: number, limit?: number): Promise<PullResponse>;
  close(): Promise<void>;
}

export interface FixtureOptions {
  corsOrigins?: string[] | '*';
  staticRoots?: StaticRoots;
  /** Default: the production limits per account, but per client and globally wide enough that a
   * test file signing in many times under its frozen clock is not throttled (login-limits tests
   * build their own apps with the real numbers). */
  loginLimits?: LoginLimits;
  deviceTokens?: BuildAppOptions['deviceTokens'];
}

const FIXTURE_LOGIN_LIMITS = loginLimitsWith({ perClient: { max: 100_000, seconds: 60 }, global: { max: 100_000, seconds: 60 } });

/** A demo staff member's 10-digit secret. */
export function secretOf(staffNo: string): string {
  const s = DEMO_STAFF.find((x) => x.staffNo === staffNo);
  if (!s) throw new Error(`no demo staff ${staffNo}`);
  return s.secret;
}

export async function openFixture(dialect: DialectName, options: FixtureOptions = {}): Promise<Fixture> {
  const database = await createTestDatabase(dialect);
  const { db } = database;
  let now = Date.now();
  await migrateToLatest(db, dialect);
  await seedDemoData(db, { now: new Date(now), pinIterations: TEST_PIN_ITERATIONS });
  const app = buildApp({ db, dialect, clock: () => new Date(now), corsOrigins: options.corsOrigins, staticRoots: options.staticRoots, loginLimits: options.loginLimits ?? FIXTURE_LOGIN_LIMITS, deviceTokens: options.deviceTokens });
  await app.ready();
  const prover = demoStaffProver(db);

  const fixture: Fixture = {
    dialect,
    database,
    db,
    app,
    now: () => now,
    advance(ms) {
      now += ms;
    },
    login(staffNo, pin, stationId = STATION) {
      return app.inject({ method: 'POST', url: '/api/staff/login', payload: { stationId, staffNo, pin } });
    },
    async staffToken(staffNo = '1001') {
      const res = await fixture.login(staffNo, secretOf(staffNo), DEMO_STAFF.find((s) => s.staffNo === staffNo)!.stationId);
      if (res.statusCode !== 200) throw new Error(`login ${staffNo}: ${res.statusCode} ${res.body}`);
      return res.json<StaffLoginResponse>().token;
    },
    async pairDevice(name = '大厅自助终端', staffNo = '1001') {
      const token = await fixture.staffToken(staffNo);
      const codeRes = await app.inject({ method: 'POST', url: '/api/staff/pairing-codes', headers: { authorization: `Bearer ${token}` } });
      if (codeRes.statusCode !== 201) throw new Error(`pairing code: ${codeRes.statusCode} ${codeRes.body}`);
      const { code } = codeRes.json<{ code: string }>();
      const res = await app.inject({ method: 'POST', url: '/api/devices/pair', payload: { code, name } });
      if (res.statusCode !== 201) throw new Error(`pair: ${res.statusCode} ${res.body}`);
      return res.json<DevicePairResponse>();
    },
    async linkResidents(deviceId, residentIds) {
      const device = await db.selectFrom('devices').select('station_id').where('id', '=', deviceId).executeTakeFirstOrThrow();
      let query = db.selectFrom('residents').select(['id', 'station_id']).where('station_id', '=', device.station_id);
      if (residentIds !== undefined) {
        if (residentIds.length === 0) return;
        query = query.where('id', 'in', [...residentIds]);
      }
      const residents = await query.execute();
      if (residentIds !== undefined && residents.length !== new Set(residentIds).size) throw new Error('linkResidents: not every resident is of the device’s station');
      const t = new Date(now).toISOString();
      for (const r of residents) {
        await db
          .insertInto('resident_devices')
          .values({ resident_id: r.id, device_id: deviceId, station_id: r.station_id, linked_at: t, reason: 'online-sign-in' })
          .onConflict((oc) => oc.columns(['resident_id', 'device_id']).doNothing())
          .execute();
      }
    },
    prove: prover,
    async push(deviceToken, commands, options = {}) {
      if (options.prove !== false) commands = await proveAll(prover, commands);
      const res = await app.inject({
        method: 'POST',
        url: '/api/sync/push',
        headers: { authorization: `Bearer ${deviceToken}` },
        payload: { commands },
      });
      if (res.statusCode !== 200) throw new Error(`push: ${res.statusCode} ${res.body}`);
      return res.json<PushResponse>();
    },
    async pull(deviceToken, cursor, limit) {
      const q = new URLSearchParams({ cursor: String(cursor) });
      if (limit !== undefined) q.set('limit', String(limit));
      const res = await app.inject({ method: 'GET', url: `/api/sync/pull?${q}`, headers: { authorization: `Bearer ${deviceToken}` } });
      if (res.statusCode !== 200) throw new Error(`pull: ${res.statusCode} ${res.body}`);
      return res.json<PullResponse>();
    },
    async close() {
      await app.close();
      await database.dispose();
    },
  };
  return fixture;
}

export function draft(over: Partial<NoticeDraft> = {}): NoticeDraft {
  return {
    board: '社区公告',
    title: '测试公告',
    body: '正文',
    images: [],
    publishAt: new Date(Date.now() - 3_600_000).toISOString(),
    expireAt: null,
    pinned: false,
    emergency: false,
    retired: false,
    ...over,
  };
}

export function saveCommand(
  seq: number,
  over: { id?: string; noticeId?: string; baseRevision?: number | null; draft?: Partial<NoticeDraft>; staffNo?: string } = {},
): Command<'notice.save'> {
  return {
    id: over.id ?? crypto.randomUUID(),
    seq,
    type: 'notice.save',
    payload: { noticeId: over.noticeId ?? crypto.randomUUID(), baseRevision: over.baseRevision ?? null, draft: draft(over.draft) },
    actor: { staffNo: over.staffNo ?? '1002' },
    createdAt: new Date().toISOString(),
  };
}

/**
 * Every table of the schema, read from the database itself (Kysely's introspection: sqlite_master
 * on SQLite, information_schema on PostgreSQL; Kysely's own migration tables left out), so a table
 * a migration adds is in the snapshot without anyone remembering to list it.
 */
export async function schemaTables(db: Kysely<Database> | Transaction<Database>): Promise<(keyof Database)[]> {
  const tables = await db.introspection.getTables();
  return tables
    .filter((t) => !t.isView)
    .map((t) => t.name as keyof Database)
    .sort();
}

/**
 * Row counts and one hash over every row of the given tables (default: every table of the schema):
 * equal snapshots mean nothing changed.
 */
export async function snapshot(db: Kysely<Database> | Transaction<Database>, tables?: readonly (keyof Database)[]): Promise<{ counts: Record<string, number>; hash: string }> {
  const counts: Record<string, number> = {};
  const hash = createHash('sha256');
  for (const table of tables ?? (await schemaTables(db))) {
    const rows = await db.selectFrom(table).selectAll().execute();
    counts[table] = rows.length;
    const lines = rows.map((r) => JSON.stringify(r)).sort();
    hash.update(`${table}\n${lines.join('\n')}\n`);
  }
  return { counts, hash: hash.digest('hex') };
}
