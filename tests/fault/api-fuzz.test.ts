/**
 * API fuzz: well over 1,000 generated malformed or hostile requests across every route the server
 * registers (found through Fastify's onRoute hook, so a new route is fuzzed without editing this
 * file). Wrong types, missing and unknown fields, huge strings and bodies, unicode edge cases,
 * SQL and HTML payloads, forged tokens, the other station's ids and credentials.
 *
 * After each request: no 5xx, no secret in the response, and nothing of station A returned to
 * station B's credentials on a non-public route. After all of them: every table of the database
 * exactly as it was (row counts and a hash of every row). The generator is seeded, so a failure
 * names a request that can be replayed.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { FastifyInstance, InjectOptions, RouteOptions } from 'fastify';
import { sql, type Kysely } from 'kysely';
import type { DevicePairResponse, ResidentLoginResponse, StaffLoginResponse } from '../../domain/index.ts';
import { buildApp } from '../../server/app.ts';
import { migrateToLatest } from '../../server/db/migrations.ts';
import type { Database, DialectName } from '../../server/db/schema.ts';
import { DEMO_RESIDENTS, DEMO_STAFF, DEMO_STATION, SECOND_STATION, seedDemoData } from '../../server/seed/demo-data.ts';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../server/databases.ts';

const REQUESTS_PER_ROUTE = 100;
const SEED = 20261123;

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTILE_STRINGS = [
  "' OR 1=1 --",
  "'; DROP TABLE notices; --",
  '" OR ""="',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '../../../../etc/passwd',
  '%00',
  '\u0000',
  '\u202e\u0644\u0627',
  '👵🏻👴🏽🀄️',
  'e\u0301\u0301\u0301\u0301',
  '\ud800',
  '\uFEFF',
  '${jndi:ldap://127.0.0.1/a}',
  '{{7*7}}',
  '__proto__',
  'constructor',
  '长'.repeat(5000),
  'x'.repeat(70_000),
  '',
  ' ',
  '0',
  '-1',
  '1e309',
  'NaN',
  'null',
  '13800138001',
  '00000000-0000-0000-0000-000000000000',
  SECOND_STATION.id,
  DEMO_STATION.id,
];

const HOSTILE_NUMBERS = [-1, 0, 1.5, 2 ** 31, 2 ** 53, -(2 ** 53), 1e308, Number.MAX_SAFE_INTEGER + 2];

interface DiscoveredRoute {
  method: string;
  url: string;
  body: unknown;
  query: unknown;
}

interface Credentials {
  staffA: string;
  staffB: string;
  deviceA: string;
  residentB: string;
}

type AuthKind = 'none' | 'forged' | 'malformed' | 'staffA' | 'staffB' | 'deviceA' | 'residentB';
const AUTH_KINDS: AuthKind[] = ['none', 'forged', 'malformed', 'staffA', 'staffB', 'deviceA', 'residentB'];

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

/** A value of the wrong kind, or of the right kind with hostile content, for a JSON schema node. */
function fuzzValue(rand: () => number, schema: unknown, depth = 0): unknown {
  const s = (schema ?? {}) as Record<string, unknown>;
  const roll = rand();
  if (roll < 0.15) return pick(rand, [null, true, 12, -7.25, [], {}, 'text', HOSTILE_NUMBERS[0]]);
  if (roll < 0.3) return pick(rand, HOSTILE_STRINGS);
  if (roll < 0.38) return pick(rand, HOSTILE_NUMBERS);
  const union = (s.anyOf ?? s.oneOf) as unknown[] | undefined;
  if (union && union.length > 0) return fuzzValue(rand, pick(rand, union), depth);
  if (s.const !== undefined) return rand() < 0.7 ? s.const : pick(rand, HOSTILE_STRINGS);
  switch (s.type) {
    case 'object': {
      if (depth > 6) return {};
      const props = (s.properties ?? {}) as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [key, sub] of Object.entries(props)) if (rand() < 0.85) out[key] = fuzzValue(rand, sub, depth + 1);
      if (rand() < 0.3) out[pick(rand, ['admin', '__proto__', 'stationId', 'extra', 'balance'])] = pick(rand, HOSTILE_STRINGS);
      return out;
    }
    case 'array': {
      const n = rand() < 0.1 ? 600 : Math.floor(rand() * 4);
      return Array.from({ length: n }, () => fuzzValue(rand, s.items, depth + 1));
    }
    case 'integer':
    case 'number':
      return rand() < 0.5 ? pick(rand, HOSTILE_NUMBERS) : Math.floor(rand() * 100);
    case 'boolean':
      return rand() < 0.5 ? rand() < 0.5 : pick(rand, ['true', 1, 'yes']);
    default:
      return pick(rand, HOSTILE_STRINGS);
  }
}

/** A body that can never pass the route's schema: not JSON, the wrong top-level kind, or an unknown field. */
function certainlyMalformedBody(rand: () => number, schema: unknown): { payload: string; contentType: string } {
  const kind = Math.floor(rand() * 6);
  switch (kind) {
    case 0:
      return { payload: '{"commands": [', contentType: 'application/json' };
    case 1:
      return { payload: JSON.stringify([fuzzValue(rand, schema)]), contentType: 'application/json' };
    case 2:
      return { payload: '"just a string"', contentType: 'application/json' };
    case 3:
      return { payload: '{"__proto__": {"admin": true}}', contentType: 'application/json' };
    case 4:
      return { payload: 'staffNo=1001&pin=1234', contentType: 'application/x-www-form-urlencoded' };
    default: {
      const value = fuzzValue(rand, schema);
      const object = value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
      return { payload: JSON.stringify({ ...object, unexpectedFuzzField: pick(rand, HOSTILE_STRINGS) }), contentType: 'application/json' };
    }
  }
}

function fillPath(rand: () => number, url: string): string {
  // An event stream of a real station never ends (it is meant to stay open): only fuzz its refusals.
  const realStations = !url.endsWith('/events');
  return url.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    const choice = rand();
    if (realStations && name === 'stationId' && choice < 0.35) return pick(rand, [DEMO_STATION.id, SECOND_STATION.id]);
    if (choice < 0.5) return crypto.randomUUID();
    const values = realStations ? HOSTILE_STRINGS : HOSTILE_STRINGS.filter((v) => v !== DEMO_STATION.id && v !== SECOND_STATION.id);
    return encodePathSegment(pick(rand, values).slice(0, 3000));
  });
}

/** Percent-encoded; a lone surrogate cannot be UTF-8, so it goes out as the invalid bytes it would be. */
function encodePathSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

function fuzzQuery(rand: () => number, schema: unknown): string {
  const params = new URLSearchParams(); // URLSearchParams writes a lone surrogate as U+FFFD
  const props = ((schema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(props)) {
    if (rand() < 0.6) params.append(key, String(pick(rand, [...HOSTILE_STRINGS.slice(0, 18), ...HOSTILE_NUMBERS.map(String)])).slice(0, 2000));
  }
  if (rand() < 0.3) params.append(pick(rand, ['cursor', 'limit', 'board', 'x', '__proto__']), pick(rand, HOSTILE_STRINGS).slice(0, 2000));
  const q = params.toString();
  return q ? `?${q}` : '';
}

function authHeader(kind: AuthKind, creds: Credentials): Record<string, string> {
  switch (kind) {
    case 'none':
      return {};
    case 'forged':
      return { authorization: `Bearer ${createHash('sha256').update('forged').digest('base64url')}` };
    case 'malformed':
      return { authorization: 'Bearer' };
    default:
      return { authorization: `Bearer ${creds[kind]}` };
  }
}

/** Every table's rows, hashed: what the fuzz must leave exactly as it was. */
async function snapshotAll(db: Kysely<Database>, dialect: DialectName): Promise<{ counts: Record<string, number>; hash: string }> {
  const tables =
    dialect === 'sqlite'
      ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(db)).rows.map((r) => r.name)
      : (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' order by table_name`.execute(db)).rows.map((r) => r.name);
  const counts: Record<string, number> = {};
  const hash = createHash('sha256');
  for (const table of tables) {
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db)).rows;
    counts[table] = rows.length;
    hash.update(`${table}\n${rows.map((r) => JSON.stringify(r)).sort().join('\n')}\n`);
  }
  return { counts, hash: hash.digest('hex') };
}

/** What station B's credentials must never see on a non-public route: station A's identity and people. */
const STATION_A_MARKERS = [
  DEMO_STATION.id,
  DEMO_STATION.name,
  ...DEMO_RESIDENTS.filter((r) => r.stationId === DEMO_STATION.id).flatMap((r) => [r.name, r.phone, r.id]),
  ...DEMO_STAFF.filter((s) => s.stationId === DEMO_STATION.id).map((s) => s.name),
];

describeEachDialect('API fuzz', ({ name: dialect }) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  const routes: DiscoveredRoute[] = [];
  let creds: Credentials;

  before(async () => {
    database = await createTestDatabase(dialect);
    await migrateToLatest(database.db, dialect);
    await seedDemoData(database.db, { now: new Date(), pinIterations: 1_000 });
    app = buildApp({ db: database.db, dialect });
    // Registered before ready(): route plugins load at ready(), so every API route passes through here.
    app.addHook('onRoute', (route: RouteOptions) => {
      if (!route.url.startsWith('/api/')) return;
      for (const method of [route.method].flat()) {
        if (method === 'HEAD' || method === 'OPTIONS') continue;
        routes.push({ method, url: route.url, body: route.schema?.body, query: route.schema?.querystring });
      }
    });
    await app.ready();

    const login = async (stationId: string, staffNo: string, pin: string) => {
      const res = await app.inject({ method: 'POST', url: '/api/staff/login', payload: { stationId, staffNo, pin } });
      assert.equal(res.statusCode, 200, res.body);
      return res.json<StaffLoginResponse>().token;
    };
    const staffA = await login(DEMO_STATION.id, '1001', DEMO_STAFF.find((s) => s.staffNo === '1001')!.secret);
    const staffB = await login(SECOND_STATION.id, '2001', DEMO_STAFF.find((s) => s.staffNo === '2001')!.secret);
    const codeRes = await app.inject({ method: 'POST', url: '/api/staff/pairing-codes', headers: { authorization: `Bearer ${staffA}` } });
    const pairRes = await app.inject({ method: 'POST', url: '/api/devices/pair', payload: { code: codeRes.json<{ code: string }>().code, name: '模糊测试终端' } });
    assert.equal(pairRes.statusCode, 201, pairRes.body);
    const residentB = DEMO_RESIDENTS.find((r) => r.stationId === SECOND_STATION.id)!;
    const resRes = await app.inject({ method: 'POST', url: '/api/residents/login', payload: { stationId: SECOND_STATION.id, phone: residentB.phone, pin: residentB.pin } });
    assert.equal(resRes.statusCode, 200, resRes.body);
    creds = { staffA, staffB, deviceA: pairRes.json<DevicePairResponse>().deviceToken, residentB: resRes.json<ResidentLoginResponse>().token };
  });

  after(async () => {
    await app.close();
    await database.dispose();
  });

  it(`sends ${REQUESTS_PER_ROUTE} hostile requests to every API route: no 5xx, no secret, no other station's data, nothing stored`, async () => {
    assert.ok(routes.length >= 10, `only ${routes.length} API routes were found`);
    const rand = prng(SEED + (dialect === 'sqlite' ? 0 : 1));
    const before = await snapshotAll(database.db, dialect);
    let sent = 0;
    let serverErrors = 0;
    const statuses = new Map<number, number>();

    for (const route of routes) {
      for (let i = 0; i < REQUESTS_PER_ROUTE; i++) {
        const auth = pick(rand, AUTH_KINDS);
        const url = fillPath(rand, route.url) + fuzzQuery(rand, route.query);
        const request: InjectOptions = { method: route.method as InjectOptions['method'], url, headers: authHeader(auth, creds) };
        if (route.method !== 'GET' && route.method !== 'DELETE') {
          // Valid credentials only carry a body that cannot pass the schema, because a well-formed
          // request from them may legitimately change data (station B's staff may make a pairing
          // code for station B). Station B's credentials on a route with ids in its path are the
          // exception: those ids are random, hostile or station A's, so nothing may change.
          const ownStation = auth === 'staffA' || auth === 'deviceA';
          const otherStation = auth === 'staffB' || auth === 'residentB';
          const trusted = ownStation || (otherStation && !route.url.includes(':'));
          if (trusted || rand() < 0.4) {
            const { payload, contentType } = certainlyMalformedBody(rand, route.body);
            request.payload = payload;
            request.headers = { ...request.headers, 'content-type': contentType };
          } else if (rand() < 0.05) {
            request.payload = JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) });
            request.headers = { ...request.headers, 'content-type': 'application/json' };
          } else {
            request.payload = JSON.stringify(fuzzValue(rand, route.body));
            request.headers = { ...request.headers, 'content-type': 'application/json' };
          }
        }
        if (process.env.FUZZ_DEBUG) console.error(route.method, url.slice(0, 120), auth);
        const res = await app.inject(request);
        sent += 1;
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        const where = `${route.method} ${route.url} #${i} (auth ${auth}) → ${res.statusCode}`;
        if (res.statusCode >= 500) serverErrors += 1;
        assert.ok(res.statusCode < 500, `${where}: ${res.body.slice(0, 300)}`);
        // The one place PIN hashes may travel: the pull of the station's own paired kiosk (offline sign-in).
        const kioskPull = auth === 'deviceA' && route.url === '/api/sync/pull';
        if (!kioskPull) assert.ok(!res.body.includes('pbkdf2-sha256$'), `${where}: a PIN hash in the response`);
        for (const secret of Object.values(creds)) assert.ok(!res.body.includes(secret), `${where}: a token in the response`);
        if ((auth === 'staffB' || auth === 'residentB') && !route.url.startsWith('/api/stations/')) {
          for (const marker of STATION_A_MARKERS) assert.ok(!res.body.includes(marker), `${where}: station A's data (${marker}) returned to station B`);
        }
        if (res.statusCode >= 400 && res.statusCode !== 404 && res.body.length > 0 && res.headers['content-type']?.toString().includes('json')) {
          const body = res.json<{ error?: unknown; message?: unknown }>();
          assert.equal(typeof body.error, 'string', `${where}: an error without a code`);
          assert.equal(typeof body.message, 'string', `${where}: an error without a message`);
        }
      }
    }

    const afterSnap = await snapshotAll(database.db, dialect);
    assert.deepEqual(afterSnap.counts, before.counts, 'row counts changed');
    assert.equal(afterSnap.hash, before.hash, 'stored rows changed');
    const summary = [...statuses.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
    console.log(`api fuzz (${dialect}): ${sent} requests fuzzed across ${routes.length} routes, 5xx seen ${serverErrors}, stored changes 0 [${summary}]`);
    assert.ok(sent >= 1000, `only ${sent} requests`);
  });
});
