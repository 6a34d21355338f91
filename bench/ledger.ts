/**
 * Ledger throughput through the real sync push route (HTTP on loopback, durable commits):
 * `server.ledger.<sqlite|postgres>.mutations_per_s` — point transfers per second, each a
 * `points.award` command for one resident, pushed in batches of 500;
 * `sync.push-5000.seconds` — 5,000 queued commands pushed in batches of ≤ 500 until all are
 * applied (SQLite, the one-station default).
 * PostgreSQL is started and given a scratch database the way the server tests do; when it cannot
 * be used its figure is absent.
 */
import type { AddressInfo } from 'node:net';
import type { Command, DevicePairResponse, PushResponse, StaffLoginResponse } from '../domain/index.ts';
import { buildApp } from '../server/app.ts';
import { migrateToLatest } from '../server/db/migrations.ts';
import type { DialectName } from '../server/db/schema.ts';
import { DEMO_RESIDENTS, DEMO_STAFF, DEMO_STATION, seedDemoData } from '../server/seed/demo-data.ts';
import { createTestDatabase, testDialects } from '../tests/server/databases.ts';
import { demoStaffProver, proveAll } from '../tests/server/demo-staff-proofs.ts';
import { median, round, type Figures } from './results.ts';

const BATCH = 500;
const RUNS = Number(process.env.LINLI_BENCH_RUNS ?? 5);
const RESIDENTS = DEMO_RESIDENTS.filter((r) => r.stationId === DEMO_STATION.id);

async function post<T>(base: string, path: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

interface Station {
  base: string;
  pair(): Promise<DevicePairResponse>;
  /** Adds the staff proofs a kiosk would have made (before the clock starts). */
  prove(commands: Command[]): Promise<Command[]>;
  close(): Promise<void>;
}

async function openStation(dialect: DialectName): Promise<Station> {
  const database = await createTestDatabase(dialect);
  await migrateToLatest(database.db, dialect);
  await seedDemoData(database.db, { pinIterations: 1_000 });
  const app = buildApp({ db: database.db, dialect });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const staff = DEMO_STAFF.find((s) => s.stationId === DEMO_STATION.id)!;
  const login = await post<StaffLoginResponse>(base, '/api/staff/login', { stationId: DEMO_STATION.id, staffNo: staff.staffNo, pin: staff.secret });
  const prover = demoStaffProver(database.db);
  return {
    base,
    prove: (commands) => proveAll(prover, commands),
    async pair() {
      const { code } = await post<{ code: string }>(base, '/api/staff/pairing-codes', {}, login.token);
      return post<DevicePairResponse>(base, '/api/devices/pair', { code, name: '基准测试终端' });
    },
    async close() {
      await app.close();
      await database.dispose();
    },
  };
}

function awardCommands(count: number, firstSeq: number): Command[] {
  const createdAt = new Date().toISOString();
  return Array.from({ length: count }, (_, i): Command => ({
    id: crypto.randomUUID(),
    seq: firstSeq + i,
    type: 'points.award',
    payload: { awards: [{ residentId: RESIDENTS[i % RESIDENTS.length]!.id, transferId: crypto.randomUUID() }], deed: 'volunteer-hour', points: 10, memo: '志愿服务 1 小时' },
    actor: { staffNo: '1002' },
    createdAt,
  }));
}

/** Push the whole outbox in batches of ≤ 500, as a kiosk does, until every command is applied. */
async function drain(station: Station, device: DevicePairResponse, commands: Command[]): Promise<number> {
  const start = performance.now();
  let next = 0;
  while (next < commands.length) {
    const batch = commands.slice(next, next + BATCH);
    const res = await post<PushResponse>(station.base, '/api/sync/push', { commands: batch }, device.deviceToken);
    if (res.outcomes.some((o) => o.status !== 'applied')) throw new Error(`not applied: ${JSON.stringify(res.outcomes.find((o) => o.status !== 'applied'))}`);
    next = res.lastSeq - commands[0]!.seq + 1;
  }
  return (performance.now() - start) / 1000;
}

export async function transfersPerSecond(dialect: DialectName, count: number): Promise<number> {
  const station = await openStation(dialect);
  try {
    const rates: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const device = await station.pair();
      const seconds = await drain(station, device, await station.prove(awardCommands(count, 1)));
      rates.push(count / seconds);
    }
    return median(rates);
  } finally {
    await station.close();
  }
}

async function push5000Seconds(): Promise<number> {
  const station = await openStation('sqlite');
  try {
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) times.push(await drain(station, await station.pair(), await station.prove(awardCommands(5_000, 1))));
    return median(times);
  } finally {
    await station.close();
  }
}

export async function benchLedger(): Promise<Figures> {
  const figures: Figures = {};
  figures['server.ledger.sqlite.mutations_per_s'] = { value: round(await transfersPerSecond('sqlite', 1_000), 0), unit: '/s', goal: 2000, better: 'higher' };
  const pg = (await testDialects()).find((d) => d.name === 'postgres')!;
  if (pg.skip) console.warn(`server.ledger.postgres.mutations_per_s not measured: ${pg.skip}`);
  else figures['server.ledger.postgres.mutations_per_s'] = { value: round(await transfersPerSecond('postgres', 1_000), 0), unit: '/s', goal: 2000, better: 'higher' };
  figures['sync.push-5000.seconds'] = { value: round(await push5000Seconds(), 2), unit: 's', goal: 5, better: 'lower' };
  return figures;
}

// `node --import tsx bench/ledger.ts` runs just these figures.
if (import.meta.filename === process.argv[1]) console.log(await benchLedger());
