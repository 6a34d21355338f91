/**
 * A station server for tests: a fresh database (SQLite file or PostgreSQL), migrated and seeded
 * with the demo data (cheap PIN hashes), an app around it with a clock the test can move, and
 * small helpers that speak the HTTP API the way a kiosk does.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import type { Command, DevicePairResponse, NoticeDraft, PullResponse, PushResponse, StaffLoginResponse } from '../../domain/index.ts';
import { buildApp, type StaticRoots } from '../../server/app.ts';
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
}

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
  const app = buildApp({ db, dialect, clock: () => new Date(now), corsOrigins: options.corsOrigins, staticRoots: options.staticRoots });
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

export const TABLES = [
  'stations',
  'staff',
  'staff_sessions',
  'devices',
  'pairing_codes',
  'notices',
  'changes',
  'command_outcomes',
  'audit_log',
  'residents',
  'resident_sessions',
  'point_accounts',
  'transfers',
  'catalogue_items',
  'redemptions',
  'stock_holds',
  'limit_holds',
  'deed_points',
] as const;

/** Row counts and one hash over every row of every table: equal snapshots mean nothing changed. */
export async function snapshot(db: Kysely<Database>, tables: readonly (typeof TABLES)[number][] = TABLES): Promise<{ counts: Record<string, number>; hash: string }> {
  const counts: Record<string, number> = {};
  const hash = createHash('sha256');
  for (const table of tables) {
    const rows = await db.selectFrom(table).selectAll().execute();
    counts[table] = rows.length;
    const lines = rows.map((r) => JSON.stringify(r)).sort();
    hash.update(`${table}\n${lines.join('\n')}\n`);
  }
  return { counts, hash: hash.digest('hex') };
}
