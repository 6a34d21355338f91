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
 *
 * Refusing everything would pass that, so a second case sends VALID requests mutated one field at
 * a time, over real HTTP to a listening server on 127.0.0.1: each mutation is known valid
 * (dropping an optional field, null where null is allowed) or invalid (a wrong type, an unknown
 * field, a missing required field, an impossible time). Exactly the valid ones change stored
 * rows — the new record in its table, and only in the tables that request may touch — and each
 * invalid one gets a 4xx with a readable message and changes nothing.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { FastifyInstance, InjectOptions, RouteOptions } from 'fastify';
import { sql, type Kysely } from 'kysely';
import type { AddressInfo } from 'node:net';
import { KindGuard, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { DATE_TIME_PATTERN, PairingCodeBodySchema, PushRequestSchema, type Command, type DevicePairResponse, type PushResponse, type ResidentLoginResponse, type StaffLoginResponse } from '../../domain/index.ts';
import { buildApp } from '../../server/app.ts';
import { migrateToLatest } from '../../server/db/migrations.ts';
import type { Database, DialectName } from '../../server/db/schema.ts';
import { DEMO_RESIDENTS, DEMO_STAFF, DEMO_STATION, SECOND_STATION, seedDemoData } from '../../server/seed/demo-data.ts';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../server/databases.ts';
import { demoStaffProver, proveAll } from '../server/demo-staff-proofs.ts';

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

/** One hash per table: which tables a request changed. */
async function tableHashes(db: Kysely<Database>, dialect: DialectName): Promise<Map<string, string>> {
  const tables =
    dialect === 'sqlite'
      ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db)).rows.map((r) => r.name)
      : (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public'`.execute(db)).rows.map((r) => r.name);
  const out = new Map<string, string>();
  for (const table of tables) {
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db)).rows.map((r) => JSON.stringify(r)).sort();
    out.set(table, createHash('sha256').update(rows.join('\n')).digest('hex'));
  }
  return out;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
interface Mutation {
  what: string;
  valid: boolean;
  apply: (body: Json) => Json;
}

/** The member of a union the valid value matches (the command kinds, "time or null"). */
function resolveSchema(schema: TSchema, value: unknown): TSchema {
  if (KindGuard.IsUnion(schema)) return schema.anyOf.find((m) => Value.Check(m, value)) ?? schema;
  return schema;
}

function at(body: Json, path: readonly (string | number)[], change: (parent: Record<string, Json> | Json[], key: string | number) => void): Json {
  const copy = structuredClone(body);
  let node: Json = copy;
  for (const k of path.slice(0, -1)) node = (node as Record<string, Json>)[k as string]!;
  change(node as Record<string, Json>, path[path.length - 1]!);
  return copy;
}

/** Every one-field mutation of `value` (valid under `schema`) whose validity is certain. */
function mutations(schema: TSchema, value: Json, path: (string | number)[] = []): Mutation[] {
  const s = resolveSchema(schema, value);
  const out: Mutation[] = [];
  const name = path.join('.') || '(body)';
  const set = (v: Json) => (body: Json) => (path.length === 0 ? v : at(body, path, (p, k) => ((p as Record<string, Json>)[k as string] = v)));
  const allowsNull = KindGuard.IsUnion(schema) && schema.anyOf.some((m) => KindGuard.IsNull(m));
  if (value !== null && allowsNull) out.push({ what: `${name} = null`, valid: true, apply: set(null) });
  if (KindGuard.IsString(s)) {
    out.push({ what: `${name} = 12345`, valid: false, apply: set(12345) });
    // Free text (no pattern beyond "one line" / "no NUL", no format) takes one more character.
    const freeText = s.format === undefined && s.enum === undefined && typeof value === 'string' && (s.maxLength ?? Infinity) > value.length && /^\^\[\^/.test(s.pattern ?? '^[^');
    if (freeText) out.push({ what: `${name} += "改"`, valid: true, apply: set(`${value}改`) });
    if (s.format === 'date-time' || s.pattern === DATE_TIME_PATTERN) out.push({ what: `${name} = 2026-02-30T00:00:00Z`, valid: false, apply: set('2026-02-30T00:00:00Z') });
  } else if (KindGuard.IsInteger(s) || KindGuard.IsNumber(s)) {
    out.push({ what: `${name} = "12"`, valid: false, apply: set('12') });
  } else if (KindGuard.IsBoolean(s)) {
    out.push({ what: `${name} = "true"`, valid: false, apply: set('true') });
    out.push({ what: `${name} flipped`, valid: true, apply: set(!value) });
  } else if (KindGuard.IsArray(s) && Array.isArray(value)) {
    out.push({ what: `${name} = "x"`, valid: false, apply: set('x') });
    value.forEach((item, i) => out.push(...mutations(s.items, item, [...path, i])));
  } else if (KindGuard.IsObject(s) && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    out.push({ what: `${name} = "x"`, valid: false, apply: set('x') });
    if (s.additionalProperties === false) {
      out.push({ what: `${name}.unexpected added`, valid: false, apply: (body) => (path.length === 0 ? { ...(body as object), unexpected: 1 } : at(body, path, (p, k) => (((p as Record<string, Json>)[k as string] as Record<string, Json>).unexpected = 1))) });
    }
    const required = new Set(s.required ?? []);
    for (const [key, sub] of Object.entries(s.properties)) {
      if (!(key in value)) continue;
      const drop = (body: Json) => at(body, [...path, key], (p, k) => Reflect.deleteProperty(p, k));
      out.push({ what: `${[...path, key].join('.')} removed`, valid: !required.has(key), apply: drop });
      out.push(...mutations(sub, value[key]!, [...path, key]));
    }
  }
  return out;
}

describeEachDialect('API fuzz, valid requests mutated one field at a time over HTTP', ({ name: dialect }) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let base: string;
  let staffA: string;
  let deviceA: string;

  before(async () => {
    database = await createTestDatabase(dialect);
    await migrateToLatest(database.db, dialect);
    await seedDemoData(database.db, { now: new Date(), pinIterations: 1_000 });
    app = buildApp({ db: database.db, dialect });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const login = await fetch(`${base}/api/staff/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ stationId: DEMO_STATION.id, staffNo: '1001', pin: '7305184962' }) });
    staffA = (await login.json() as StaffLoginResponse).token;
    const code = await fetch(`${base}/api/staff/pairing-codes`, { method: 'POST', headers: { authorization: `Bearer ${staffA}` } });
    const pair = await fetch(`${base}/api/devices/pair`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: (await code.json() as { code: string }).code, name: '变异测试终端' }) });
    deviceA = (await pair.json() as DevicePairResponse).deviceToken;
  });
  after(async () => {
    await app?.close();
    await database?.dispose();
  });

  it('exactly the valid mutations change stored rows (their own record, in their own tables); invalid ones get a readable 4xx and change nothing', async () => {
    let seq = 0;
    const prove = demoStaffProver(database.db);
    const cases = [
      {
        route: 'POST /api/sync/push (notice.save)',
        url: '/api/sync/push',
        auth: () => deviceA,
        schema: PushRequestSchema as TSchema,
        tables: new Set(['notices', 'changes', 'command_outcomes', 'audit_log', 'devices', 'stations']),
        // Schema-valid, but then a different request: a command without a staff member is refused.
        notMutated: new Set(['commands.0.actor.staffNo removed']),
        // A valid request is one a kiosk would send: the staff member's proof over what is sent.
        prepare: async (body: Json): Promise<Json> => {
          const push = body as unknown as { commands: Command[] };
          return { ...push, commands: await proveAll(prove, push.commands) } as unknown as Json;
        },
        body: (): Json => ({
          commands: [
            {
              id: crypto.randomUUID(),
              seq: seq + 1,
              type: 'notice.save',
              payload: {
                noticeId: crypto.randomUUID(),
                baseRevision: null,
                draft: { board: '社区公告', title: '变异测试', body: '正文', images: ['/demo/a.png'], publishAt: '2026-03-01T08:00:00+08:00', expireAt: '2027-03-01T08:00:00+08:00', pinned: false, emergency: false, retired: false },
              },
              actor: { staffNo: '1002' },
              createdAt: new Date().toISOString(),
            },
          ],
        }),
        /** The row the valid request must have added, and the push's own verdict. */
        async check(body: Json, res: Response) {
          const noticeId = (((body as { commands: { payload: { noticeId: string } }[] }).commands[0]!).payload.noticeId);
          const outcome = ((await res.json()) as PushResponse).outcomes[0];
          assert.equal(outcome?.status, 'applied', JSON.stringify(outcome));
          seq += 1;
          assert.ok(await database.db.selectFrom('notices').select('id').where('id', '=', noticeId).executeTakeFirst(), 'the notice was stored');
          return 'notices';
        },
      },
      {
        route: 'POST /api/staff/pairing-codes',
        url: '/api/staff/pairing-codes',
        auth: () => staffA,
        schema: PairingCodeBodySchema as TSchema,
        tables: new Set(['pairing_codes', 'audit_log']),
        notMutated: new Set<string>(),
        prepare: async (body: Json): Promise<Json> => body,
        body: (): Json => ({}),
        async check(_body: Json, res: Response) {
          const { code } = (await res.json()) as { code: string };
          assert.match(code, /^[A-Z0-9]{4}-?[A-Z0-9]{4}$/);
          return 'pairing_codes';
        },
      },
    ];

    let validSent = 0;
    let invalidSent = 0;
    let serverErrors = 0;
    const changedTables = new Map<string, number>();
    for (const c of cases) {
      const sample = c.body();
      assert.ok(Value.Check(c.schema, sample), `${c.route}: the base request must be valid`);
      const all: Mutation[] = [{ what: 'unchanged', valid: true, apply: (b) => b }, ...mutations(c.schema, sample).filter((m) => !c.notMutated.has(m.what))];
      for (const m of all) {
        const body = m.valid ? await c.prepare(m.apply(c.body())) : m.apply(c.body());
        const before = await tableHashes(database.db, dialect);
        const res = await fetch(`${base}${c.url}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${c.auth()}` }, body: JSON.stringify(body) });
        const where = `${c.route} ${m.what} → ${res.status}`;
        if (res.status >= 500) serverErrors += 1;
        assert.ok(res.status < 500, where);
        const afterHashes = await tableHashes(database.db, dialect);
        if (m.valid) {
          validSent += 1;
          assert.ok(res.status >= 200 && res.status < 300, `${where}: ${await res.clone().text()}`);
          const main = await c.check(body, res);
          const changed = [...afterHashes.keys()].filter((t) => afterHashes.get(t) !== before.get(t));
          assert.ok(changed.includes(main), `${where}: ${main} did not change`);
          for (const t of changed) {
            assert.ok(c.tables.has(t), `${where}: changed ${t}, which this request may not touch`);
            changedTables.set(t, (changedTables.get(t) ?? 0) + 1);
          }
        } else {
          invalidSent += 1;
          assert.ok(res.status >= 400 && res.status < 500, where);
          const answer = (await res.json()) as { error?: unknown; message?: unknown };
          assert.equal(typeof answer.error, 'string', where);
          assert.ok(typeof answer.message === 'string' && /[\u4e00-\u9fff]/.test(answer.message), `${where}: ${String(answer.message)}`);
          assert.deepEqual(afterHashes, before, `${where}: stored rows changed`);
        }
        // And the test's own idea of validity agrees with the schema the server uses.
        assert.equal(Value.Check(c.schema, body), m.valid, `${c.route} ${m.what}: the test's own idea of validity is wrong`);
      }
    }
    assert.ok(validSent >= 5 && invalidSent >= 30, `only ${validSent} valid and ${invalidSent} invalid mutations`);
    const tables = [...changedTables.entries()].map(([t, n]) => `${t}×${n}`).join(' ');
    console.log(`api fuzz mutations (${dialect}, real HTTP): ${validSent} valid requests all stored [${tables}], ${invalidSent} invalid ones refused with 4xx and 0 changes, 5xx ${serverErrors}`);
  });
});
