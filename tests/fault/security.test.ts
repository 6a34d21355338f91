/**
 * Security checks, on both databases:
 *  - PIN brute force locks the guessing client out of that resident (or staff account) on every
 *    server process, and never the owner at another client; every wrong PIN and lock is audited;
 *  - a resident token cannot read or change another resident's data on any resident route;
 *  - staff of one station cannot touch another station on any staff route;
 *  - secrets (tokens, pairing codes, PINs) and every stored hash never appear in a response they
 *    were not issued by, nor in a request log line.
 * Routes are discovered from the app (onRoute), so a new resident or staff route without a case
 * here fails the test. Prints its counts.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse, RouteOptions } from 'fastify';
import { sql, type Kysely } from 'kysely';
import {
  DEFAULT_ROUNDING_RULE,
  DEEDS,
  NO_SUBSIDY_POLICY,
  RESIDENT_LOCKOUT,
  STAFF_LOCKOUT,
  type DevicePairResponse,
  type ResidentLoginResponse,
  type StaffLoginResponse,
} from '../../domain/index.ts';
import { buildApp } from '../../server/app.ts';
import { migrateToLatest } from '../../server/db/migrations.ts';
import type { Database, DialectName } from '../../server/db/schema.ts';
import { DEMO_RESIDENTS, DEMO_STAFF, DEMO_STATION, SECOND_STATION, seedDemoData } from '../../server/seed/demo-data.ts';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../server/databases.ts';
import { demoStaffProver } from '../server/demo-staff-proofs.ts';
import { saveCommand } from '../server/station-fixture.ts';

const STATION_1 = DEMO_STATION.id;
const STATION_2 = SECOND_STATION.id;
const residentsOf = (stationId: string) => DEMO_RESIDENTS.filter((r) => r.stationId === stationId);

/**
 * Every row of every table as sorted JSON lines, leaving out rows that mention `except` (another
 * station's own rows, which its staff may legitimately change). Equal results: nothing changed.
 */
async function rowsOf(db: Kysely<Database>, dialect: DialectName, except?: string): Promise<Record<string, string[]>> {
  const list =
    dialect === 'sqlite'
      ? sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`
      : sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public'`;
  const out: Record<string, string[]> = {};
  for (const { name } of (await list.execute(db)).rows) {
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db)).rows.map((r) => JSON.stringify(r));
    out[name] = rows.filter((line) => except === undefined || !line.includes(except)).sort();
  }
  return out;
}

/** The values a body must not contain, found (as `what`) or undefined. */
function leak(body: string, markers: readonly string[]): string | undefined {
  return markers.find((m) => m.length > 0 && body.includes(m));
}

interface Recorded {
  what: string;
  body: string;
}

await describeEachDialect('security', ({ name: dialect }) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  /** A second server process over the same database (another machine of the district). */
  let app2: FastifyInstance;
  let now = Date.now();
  const routes: { method: string; url: string }[] = [];
  const logLines: string[] = [];
  const responses: Recorded[] = [];
  /** Secret → the only response that may carry it (the one that issued it). */
  const issued = new Map<string, string>();
  const pinsTried = new Set<string>();

  async function call(what: string, options: InjectOptions, server: FastifyInstance = app): Promise<LightMyRequestResponse> {
    const res = await server.inject(options);
    responses.push({ what, body: res.body });
    const payload = options.payload as { pin?: unknown } | undefined;
    if (payload && typeof payload.pin === 'string') pinsTried.add(payload.pin);
    return res;
  }
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  async function staffLogin(stationId: string, staffNo: string, pin: string, server = app, remoteAddress?: string) {
    return call(`staff login ${staffNo}`, { method: 'POST', url: '/api/staff/login', payload: { stationId, staffNo, pin }, remoteAddress }, server);
  }
  async function staffToken(staffNo: string): Promise<string> {
    const s = DEMO_STAFF.find((x) => x.staffNo === staffNo)!;
    const res = await staffLogin(s.stationId, staffNo, s.secret);
    assert.equal(res.statusCode, 200, res.body);
    const { token } = res.json<StaffLoginResponse>();
    issued.set(token, `staff login ${staffNo}`);
    return token;
  }
  async function residentLogin(stationId: string, phone: string, pin: string, server = app, remoteAddress?: string) {
    return call(`resident login ${phone}`, { method: 'POST', url: '/api/residents/login', payload: { stationId, phone, pin }, remoteAddress }, server);
  }
  async function residentToken(resident: (typeof DEMO_RESIDENTS)[number]): Promise<string> {
    const res = await residentLogin(resident.stationId, resident.phone, resident.pin);
    assert.equal(res.statusCode, 200, res.body);
    const { token } = res.json<ResidentLoginResponse>();
    issued.set(token, `resident login ${resident.phone}`);
    return token;
  }
  async function pairDevice(staff: string, name: string): Promise<DevicePairResponse> {
    const codeRes = await call('pairing code', { method: 'POST', url: '/api/staff/pairing-codes', headers: bearer(staff) });
    assert.equal(codeRes.statusCode, 201, codeRes.body);
    const { code } = codeRes.json<{ code: string }>();
    issued.set(code, 'pairing code');
    const res = await call('pair', { method: 'POST', url: '/api/devices/pair', payload: { code: code.toLowerCase(), name } });
    assert.equal(res.statusCode, 201, res.body);
    const device = res.json<DevicePairResponse>();
    issued.set(device.deviceToken, 'pair');
    return device;
  }

  before(async () => {
    database = await createTestDatabase(dialect);
    await migrateToLatest(database.db, dialect);
    await seedDemoData(database.db, { now: new Date(now), pinIterations: 1_000 });
    const clock = () => new Date(now);
    app = buildApp({ db: database.db, dialect, clock, logger: { stream: { write: (line: string) => void logLines.push(line) } } });
    app.addHook('onRoute', (route: RouteOptions) => {
      for (const method of [route.method].flat()) if (method !== 'HEAD' && method !== 'OPTIONS') routes.push({ method, url: route.url });
    });
    await app.ready();
    app2 = buildApp({ db: database.db, dialect, clock, logger: { stream: { write: (line: string) => void logLines.push(line) } } });
    await app2.ready();
  });
  after(async () => {
    await app?.close();
    await app2?.close();
    await database?.dispose();
  });

  it('PIN brute force locks the guessing client out per account on every process, never the owner elsewhere, and is audited', async () => {
    const victim = residentsOf(STATION_1)[1]!;
    const other = residentsOf(STATION_1)[2]!;
    const wrong = ['0000', '1111', '9999', '4321', '2580', '0852', '7777'];
    const stranger = '198.51.100.7';
    const statuses: number[] = [];
    // One stranger's guesses, sent to two server processes: one count, one lock, in the database.
    for (let i = 0; i < RESIDENT_LOCKOUT.maxFailures; i++) {
      const res = await residentLogin(victim.stationId, victim.phone, wrong[i]!, i % 2 === 0 ? app : app2, stranger);
      statuses.push(res.statusCode);
    }
    assert.deepEqual(statuses, [401, 401, 401, 401, 423]);
    // Locked for that client: even the right PIN from there does not help; more guesses change nothing.
    assert.equal((await residentLogin(victim.stationId, victim.phone, victim.pin, app2, stranger)).statusCode, 423);
    const locked = await residentLogin(victim.stationId, victim.phone, wrong[5]!, app, stranger);
    assert.equal(locked.statusCode, 423);
    assert.equal(locked.headers['retry-after'], String(RESIDENT_LOCKOUT.minutes * 60));
    assert.equal((await residentLogin(other.stationId, other.phone, other.pin)).statusCode, 200, 'another resident is not locked');
    const locks = await database.db.selectFrom('login_limits').selectAll().where('key', 'like', 'pair:%').where('count', '=', RESIDENT_LOCKOUT.maxFailures).execute();
    assert.equal(locks.length, 1, 'one lock: this resident at this client');
    assert.equal(locks[0]!.expires_at, new Date(now + RESIDENT_LOCKOUT.minutes * 60_000).toISOString());
    const residentAudit = await database.db.selectFrom('audit_log').select(['action', 'actor_kind', 'detail', 'station_id']).where('resident_id', '=', victim.id).orderBy('id').execute();
    assert.deepEqual(
      residentAudit.map((a) => [a.action, a.actor_kind, a.station_id]),
      [...Array(RESIDENT_LOCKOUT.maxFailures - 1).fill(['resident.login-failed', 'resident', STATION_1]), ['resident.locked', 'resident', STATION_1]],
    );
    assert.deepEqual(residentAudit.slice(0, 4).map((a) => a.detail), [1, 2, 3, 4].map((n) => `居民网上登录密码错误（连续第 ${n} 次）`));
    assert.ok(residentAudit.every((a) => !wrong.some((p) => a.detail.includes(p)) && !a.detail.includes(victim.pin)), 'no PIN in the audit log');
    // The resident at her own browser is not locked out by the stranger.
    const own = await residentLogin(victim.stationId, victim.phone, victim.pin, app2, '192.0.2.1');
    assert.equal(own.statusCode, 200, own.body);
    issued.set(own.json<ResidentLoginResponse>().token, `resident login ${victim.phone}`);

    // Staff: the same rule per staff number and client — a stranger cannot lock the manager out.
    const target = DEMO_STAFF.find((s) => s.staffNo === '1002')!;
    const staffStatuses: number[] = [];
    // Staff secrets are ten digits (a 4-digit guess is refused as malformed, 400).
    const wrongSecrets = wrong.map((p) => p.repeat(3).slice(0, 10));
    for (let i = 0; i < STAFF_LOCKOUT.maxFailures; i++) staffStatuses.push((await staffLogin(STATION_1, target.staffNo, wrongSecrets[i]!, i % 2 === 0 ? app : app2, stranger)).statusCode);
    assert.deepEqual(staffStatuses, [401, 401, 401, 401, 423]);
    assert.equal((await staffLogin(STATION_1, target.staffNo, target.secret, app, stranger)).statusCode, 423);
    assert.equal((await staffLogin(STATION_1, target.staffNo, target.secret, app2, '192.0.2.10')).statusCode, 200, 'the staff member at the desk signs in');
    const staffAudit = await database.db.selectFrom('audit_log').select(['action', 'staff_no']).where('staff_id', '=', target.id).orderBy('id').execute();
    assert.deepEqual(
      staffAudit.map((a) => [a.action, a.staff_no]),
      [...Array(STAFF_LOCKOUT.maxFailures - 1).fill(['staff.login-failed', '1002']), ['staff.locked', '1002'], ['staff.login', '1002']],
    );
    // The stranger's lock ends after its time (the per-account hourly limit is tested in tests/server/login-limits.test.ts).
    now += RESIDENT_LOCKOUT.minutes * 60_000;
    const after = await residentLogin(victim.stationId, victim.phone, victim.pin, app, stranger);
    assert.equal(after.statusCode, 200, after.body);
    issued.set(after.json<ResidentLoginResponse>().token, `resident login ${victim.phone}`);
    console.log(
      `security (${dialect}): brute force — the guessing client locked after ${RESIDENT_LOCKOUT.maxFailures} wrong PINs on 2 processes (audited ${residentAudit.length}), ` +
        `staff likewise (audited ${staffAudit.length}), right PIN from the locked client refused 2/2, from the owner's own client admitted 2/2`,
    );
  });

  it('a resident token cannot read or change another resident’s data on any resident route', async () => {
    const db = database.db;
    const me = residentsOf(STATION_1)[0]!;
    const other = residentsOf(STATION_2)[0]!;
    const redemption = await db.selectFrom('redemptions').selectAll().where('resident_id', '!=', me.id).where('station_id', '=', STATION_1).executeTakeFirstOrThrow();
    const booking = await db.selectFrom('meal_bookings').selectAll().where('resident_id', '!=', me.id).where('station_id', '=', STATION_1).where('status', '=', 'confirmed').executeTakeFirstOrThrow();
    const signUp = await db.selectFrom('volunteer_sign_ups').selectAll().where('resident_id', '!=', me.id).where('station_id', '=', STATION_1).where('status', '=', 'confirmed').executeTakeFirstOrThrow();
    // Other residents' people and records: none of it may come back to `caller`.
    const records = [
      ...(await db.selectFrom('redemptions').select(['id', 'voucher_code', 'resident_id']).execute()).map((r) => ({ of: r.resident_id, values: [r.id, r.voucher_code] })),
      ...(await db.selectFrom('meal_bookings').select(['id', 'resident_id']).execute()).map((r) => ({ of: r.resident_id, values: [r.id] })),
      ...(await db.selectFrom('volunteer_sign_ups').select(['id', 'resident_id']).execute()).map((r) => ({ of: r.resident_id, values: [r.id] })),
    ];
    const notMine = (caller: string): string[] => [
      ...DEMO_RESIDENTS.filter((r) => r.id !== caller).flatMap((r) => [r.id, r.name, r.phone, `${r.phone.slice(0, 3)}****${r.phone.slice(7)}`]),
      ...records.filter((r) => r.of !== caller).flatMap((r) => r.values),
    ];
    const choice = { date: booking.date, meal: booking.meal, set: booking.set_code, variant: booking.variant, mode: booking.mode };
    /** Per route: the request with the other resident's ids, and the statuses that mean "refused". */
    // 'own': a create with another resident's record id is answered as a fresh request would be —
    // stored as the caller's own record under another id, or refused for a reason of its own —
    // never "id taken", which would tell a stranger the id exists (server/content/website-record-id.ts).
    const cases: Record<string, { request: InjectOptions; refused: number[] | 'read' | 'own' }> = {
      'GET /api/residents/me/points': { request: { method: 'GET', url: '/api/residents/me/points' }, refused: 'read' },
      'POST /api/residents/me/redemptions': {
        request: { method: 'POST', url: '/api/residents/me/redemptions', payload: { redemptionId: redemption.id, itemId: redemption.item_id, quantity: redemption.quantity } },
        refused: 'own',
      },
      'POST /api/residents/me/redemptions/:redemptionId/cancel': { request: { method: 'POST', url: `/api/residents/me/redemptions/${redemption.id}/cancel`, payload: {} }, refused: [403, 404] },
      'GET /api/residents/me/meals': { request: { method: 'GET', url: '/api/residents/me/meals' }, refused: 'read' },
      'POST /api/residents/me/meals/quote': { request: { method: 'POST', url: '/api/residents/me/meals/quote', payload: choice }, refused: 'read' },
      'POST /api/residents/me/meals': { request: { method: 'POST', url: '/api/residents/me/meals', payload: { bookingId: booking.id, ...choice } }, refused: 'own' },
      'POST /api/residents/me/meals/:bookingId/cancel': { request: { method: 'POST', url: `/api/residents/me/meals/${booking.id}/cancel`, payload: {} }, refused: [403, 404] },
      'GET /api/residents/me/volunteer': { request: { method: 'GET', url: '/api/residents/me/volunteer' }, refused: 'read' },
      'POST /api/residents/me/volunteer/sign-ups': {
        request: { method: 'POST', url: '/api/residents/me/volunteer/sign-ups', payload: { signUpId: signUp.id, activityId: signUp.activity_id } },
        refused: 'own',
      },
      'POST /api/residents/me/volunteer/sign-ups/:signUpId/cancel': { request: { method: 'POST', url: `/api/residents/me/volunteer/sign-ups/${signUp.id}/cancel`, payload: {} }, refused: [403, 404] },
    };
    const residentRoutes = routes.filter((r) => r.url.startsWith('/api/residents/me')).map((r) => `${r.method} ${r.url}`);
    assert.deepEqual([...new Set(residentRoutes)].sort(), Object.keys(cases).sort(), 'every resident route has a case here');

    // Resident A of the same station, and a resident of the other station.
    const callers = { 'same station': { id: me.id, token: await residentToken(me) }, 'other station': { id: other.id, token: await residentToken(other) } };
    const before = await rowsOf(db, dialect);
    let sent = 0;
    let refused = 0;
    for (const [who, { id, token }] of Object.entries(callers)) {
      for (const [route, c] of Object.entries(cases)) {
        const res = await call(`${route} (${who})`, { ...c.request, headers: bearer(token) });
        sent += 1;
        const where = `${route} as a resident of the ${who} → ${res.statusCode} ${res.body.slice(0, 200)}`;
        if (c.refused === 'read') assert.ok(res.statusCode < 500, where);
        else if (c.refused === 'own') {
          assert.ok([200, 201, 404, 409].includes(res.statusCode), where);
          assert.ok(!/id-taken/.test(res.body), `${where}: tells that the id exists`);
          if (res.statusCode === 201) assert.ok(!res.body.includes(signUp.id) && !res.body.includes(booking.id) && !res.body.includes(redemption.id), `${where}: created under the other resident's id`);
        } else {
          assert.ok(c.refused.includes(res.statusCode), where);
          refused += 1;
        }
        const found = leak(res.body, who === 'same station' ? notMine(id) : [...notMine(id), STATION_1, DEMO_STATION.name]);
        assert.equal(found, undefined, `${where}: another resident's data (${found})`);
      }
    }
    // Nothing of anyone else changed: leave out the callers' own new rows (and what mentions them)
    // and the stations' change counters, which their own records moved — as did the stock of the
    // item the caller redeemed for herself and the station's spent account (the station's, not
    // another resident's).
    const ownMoves = (t: string, l: string) =>
      ((t === 'catalogue_items' || t === 'changes') && l.includes(redemption.item_id)) || (t === 'point_accounts' && l.includes('"kind":"spent"'));
    const othersOnly = (rows: Record<string, string[]>) =>
      Object.fromEntries(Object.entries(rows).filter(([t]) => t !== 'stations').map(([t, lines]) => [t, lines.filter((l) => !l.includes(me.id) && !l.includes(other.id) && !ownMoves(t, l))]));
    assert.deepEqual(othersOnly(await rowsOf(db, dialect)), othersOnly(before), 'nothing of another resident changed');
    console.log(`security (${dialect}): resident routes ${Object.keys(cases).length}, requests with another resident's ids ${sent}, refused ${refused}, reads leaking ${0}, other residents' rows changed 0`);
  });

  it('staff of one station cannot touch another station on any staff route', async () => {
    const db = database.db;
    const staff1 = await staffToken('1001');
    const staff2 = await staffToken('2001');
    const device = await pairDevice(staff1, '大厅一体机');
    const resident = residentsOf(STATION_1)[0]!;
    const redemption = await db.selectFrom('redemptions').select(['id', 'voucher_code']).where('station_id', '=', STATION_1).where('status', '=', 'confirmed').executeTakeFirstOrThrow();
    const transfer = await db.selectFrom('transfers').select('id').where('station_id', '=', STATION_1).where('kind', '=', 'earn').executeTakeFirstOrThrow();
    const signUps = await db.selectFrom('volunteer_sign_ups').select(['id', 'activity_id']).where('station_id', '=', STATION_1).where('status', '=', 'confirmed').execute();
    const activityId = signUps[0]!.activity_id;
    const ofActivity = signUps.filter((s) => s.activity_id === activityId).map((s) => s.id);
    const menu = await db.selectFrom('menus').select('week_start').where('station_id', '=', STATION_1).orderBy('week_start', 'desc').executeTakeFirstOrThrow();
    const booking = await db.selectFrom('meal_bookings').select(['date', 'meal']).where('station_id', '=', STATION_1).executeTakeFirstOrThrow();
    const today = new Date(now).toISOString().slice(0, 10);
    const nextWeek = new Date(Date.parse(`${menu.week_start}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
    const stationOneMarkers = [
      STATION_1,
      DEMO_STATION.name,
      device.deviceId,
      redemption.id,
      redemption.voucher_code,
      transfer.id,
      activityId,
      ...signUps.map((s) => s.id),
      ...residentsOf(STATION_1).flatMap((r) => [r.id, r.name, r.phone]),
      ...DEMO_STAFF.filter((s) => s.stationId === STATION_1).map((s) => s.name),
    ];
    const denied = 'denied' as const;
    const own = 'own' as const;
    /** `denied`: 403/404 — or, where noted, the route's documented refusal — and nothing changed. */
    const cases: Record<string, { request: InjectOptions; kind: typeof denied | typeof own; refusal?: number }> = {
      'GET /api/staff/audit': { request: { method: 'GET', url: '/api/staff/audit?limit=500' }, kind: own },
      'POST /api/staff/pairing-codes': { request: { method: 'POST', url: '/api/staff/pairing-codes', payload: {} }, kind: own },
      'GET /api/staff/devices': { request: { method: 'GET', url: '/api/staff/devices' }, kind: own },
      'POST /api/staff/devices/:deviceId/revoke': { request: { method: 'POST', url: `/api/staff/devices/${device.deviceId}/revoke`, payload: { reason: '越权停用' } }, kind: denied },
      'GET /api/staff/points/deeds': { request: { method: 'GET', url: '/api/staff/points/deeds' }, kind: own },
      'PUT /api/staff/points/deeds': { request: { method: 'PUT', url: '/api/staff/points/deeds', payload: { points: Object.fromEntries(DEEDS.map((d) => [d, 3])) } }, kind: own },
      'POST /api/staff/points/awards': {
        request: { method: 'POST', url: '/api/staff/points/awards', payload: { awards: [{ residentId: resident.id, transferId: crypto.randomUUID() }], deed: 'staff-award', points: 50, memo: '' } },
        kind: denied,
        // Awards name residents in the body: "not a resident of this station" is 409 cannot-award.
        refusal: 409,
      },
      'GET /api/staff/points/redemptions': { request: { method: 'GET', url: `/api/staff/points/redemptions?code=${redemption.voucher_code}` }, kind: own },
      'POST /api/staff/points/redemptions/:redemptionId/handout': { request: { method: 'POST', url: `/api/staff/points/redemptions/${redemption.id}/handout`, payload: {} }, kind: denied },
      'POST /api/staff/points/transfers/:transferId/reverse': {
        request: { method: 'POST', url: `/api/staff/points/transfers/${transfer.id}/reverse`, payload: { reversalId: crypto.randomUUID(), reason: '越权冲正' } },
        kind: denied,
      },
      'GET /api/staff/points/ledger.csv': { request: { method: 'GET', url: '/api/staff/points/ledger.csv' }, kind: own },
      'GET /api/staff/meals/policy': { request: { method: 'GET', url: '/api/staff/meals/policy' }, kind: own },
      'PUT /api/staff/meals/policy': { request: { method: 'PUT', url: '/api/staff/meals/policy', payload: { policy: NO_SUBSIDY_POLICY } }, kind: own },
      'PUT /api/staff/meals/residents/:residentId/flags': {
        request: { method: 'PUT', url: `/api/staff/meals/residents/${resident.id}/flags`, payload: { groups: ['minimum-living'], deliveryFlag: true, address: '越权地址', notes: '' } },
        kind: denied,
      },
      'GET /api/staff/meals/kitchen': { request: { method: 'GET', url: `/api/staff/meals/kitchen?date=${booking.date}` }, kind: own },
      'GET /api/staff/meals/delivery': { request: { method: 'GET', url: `/api/staff/meals/delivery?date=${booking.date}&meal=${booking.meal}` }, kind: own },
      'GET /api/staff/meals/settlement.csv': { request: { method: 'GET', url: `/api/staff/meals/settlement.csv?month=${booking.date.slice(0, 7)}` }, kind: own },
      'POST /api/staff/meals/menus/:weekStart/copy-from-last-week': { request: { method: 'POST', url: `/api/staff/meals/menus/${nextWeek}/copy-from-last-week`, payload: {} }, kind: denied },
      'GET /api/staff/volunteer/activities/:activityId/attendance': { request: { method: 'GET', url: `/api/staff/volunteer/activities/${activityId}/attendance` }, kind: denied },
      'POST /api/staff/volunteer/activities/:activityId/attendance/check-in': {
        request: { method: 'POST', url: `/api/staff/volunteer/activities/${activityId}/attendance/check-in`, payload: { signUpIds: ofActivity, at: new Date(now).toISOString() } },
        kind: denied,
      },
      'POST /api/staff/volunteer/activities/:activityId/attendance/check-out': {
        request: { method: 'POST', url: `/api/staff/volunteer/activities/${activityId}/attendance/check-out`, payload: { signUpIds: ofActivity, at: new Date(now).toISOString() } },
        kind: denied,
      },
      'GET /api/staff/volunteer/rounding-rule': { request: { method: 'GET', url: '/api/staff/volunteer/rounding-rule' }, kind: own },
      'PUT /api/staff/volunteer/rounding-rule': { request: { method: 'PUT', url: '/api/staff/volunteer/rounding-rule', payload: { rule: DEFAULT_ROUNDING_RULE } }, kind: own },
      'GET /api/staff/volunteer/export.csv': { request: { method: 'GET', url: '/api/staff/volunteer/export.csv?kind=sign-ups' }, kind: own },
      'GET /api/staff/volunteer/certificates/:residentId': { request: { method: 'GET', url: `/api/staff/volunteer/certificates/${resident.id}?year=${today.slice(0, 4)}` }, kind: denied },
    };
    const staffRoutes = routes.filter((r) => r.url.startsWith('/api/staff/') && r.url !== '/api/staff/login').map((r) => `${r.method} ${r.url}`);
    assert.deepEqual([...new Set(staffRoutes)].sort(), Object.keys(cases).sort(), 'every staff route has a case here');

    const beforeAll = await rowsOf(db, dialect, STATION_2);
    let deniedCount = 0;
    let ownCount = 0;
    // Refusals first: each changes nothing at all.
    for (const [route, c] of Object.entries(cases).filter(([, c]) => c.kind === denied)) {
      const before = await rowsOf(db, dialect);
      const res = await call(`${route} (station-2 staff)`, { ...c.request, headers: bearer(staff2) });
      const where = `${route} by station 2's staff with station 1's ids → ${res.statusCode} ${res.body.slice(0, 200)}`;
      assert.ok([403, 404, c.refusal].includes(res.statusCode), where);
      assert.equal(leak(res.body, stationOneMarkers), undefined, `${where}: station 1's data`);
      assert.deepEqual(await rowsOf(db, dialect), before, `${where}: the database changed`);
      deniedCount += 1;
    }
    // Routes of the staff's own station: they work, show nothing of station 1, and change only station 2's rows.
    for (const [route, c] of Object.entries(cases).filter(([, c]) => c.kind === own)) {
      const what = `${route} (station-2 staff)`;
      const res = await call(what, { ...c.request, headers: bearer(staff2) });
      const where = `${route} by station 2's staff → ${res.statusCode} ${res.body.slice(0, 200)}`;
      assert.ok(res.statusCode >= 200 && res.statusCode < 300, where);
      assert.equal(leak(res.body, stationOneMarkers), undefined, `${where}: station 1's data`);
      if (res.headers['content-type']?.toString().includes('json') && c.request.method === 'POST') issued.set(res.json<{ code?: string }>().code ?? '', what);
      ownCount += 1;
    }
    assert.deepEqual(await rowsOf(db, dialect, STATION_2), beforeAll, 'station 1 unchanged');
    // The station-1 device was not revoked and still syncs.
    const pull = await call('kiosk pull (station 1, after the staff checks)', { method: 'GET', url: '/api/sync/pull?cursor=0&limit=5', headers: bearer(device.deviceToken) });
    assert.equal(pull.statusCode, 200);
    console.log(`security (${dialect}): staff routes ${Object.keys(cases).length}, with the other station's ids refused ${deniedCount}/${deniedCount}, own-station routes leaking ${0} of ${ownCount}, changes to the other station 0`);
  });

  it('secrets and PIN hashes never appear in any response they were not issued by, nor in the log', async () => {
    // A session of everything that handles secrets: pairing, sign-ins (right and wrong), sync, public reads.
    // The manager: kitchen staff (1003) may not pair kiosks or read the audit log (domain/roles.ts).
    const staff = await staffToken('1001');
    const device = await pairDevice(staff, '安全检查终端');
    const r = residentsOf(STATION_1)[3]!;
    assert.equal((await residentLogin(STATION_1, r.phone, '0000')).statusCode, 401);
    assert.equal((await staffLogin(STATION_1, '1003', '0000000000')).statusCode, 401);
    assert.equal((await call('pair with a used code', { method: 'POST', url: '/api/devices/pair', payload: { code: 'ABCD-EFGH', name: '冒名终端' } })).statusCode, 403);
    await residentToken(r);
    const push = await call('push', {
      method: 'POST',
      url: '/api/sync/push',
      headers: bearer(device.deviceToken),
      payload: { commands: [await demoStaffProver(database.db)(saveCommand(1, { staffNo: '1001' }))] },
    });
    assert.equal(push.statusCode, 200, push.body);
    const pull = await call('kiosk pull', { method: 'GET', url: '/api/sync/pull?cursor=0&limit=1000', headers: bearer(device.deviceToken) });
    assert.equal(pull.statusCode, 200);
    for (const url of [
      `/api/stations/${STATION_1}`,
      `/api/stations/${STATION_1}/notices`,
      `/api/stations/${STATION_1}/points/catalogue`,
      `/api/stations/${STATION_1}/points/ranking`,
      `/api/stations/${STATION_1}/meals/menus`,
      `/api/stations/${STATION_1}/volunteer/activities`,
      `/api/stations/${STATION_2}/notices`,
    ]) {
      assert.equal((await call(`public ${url}`, { method: 'GET', url })).statusCode, 200, url);
    }
    assert.equal((await call('audit', { method: 'GET', url: '/api/staff/audit?limit=500', headers: bearer(staff) })).statusCode, 200);
    assert.equal((await call('devices', { method: 'GET', url: '/api/staff/devices', headers: bearer(staff) })).statusCode, 200);

    // Every stored hash (PINs, cards, session and device tokens, pairing codes), read from the database.
    const db = database.db;
    const hashes = [
      ...(await db.selectFrom('staff').select('pin_hash as h').execute()),
      // Staff command keys: server only, never in a response, the feed or the log.
      ...(await db.selectFrom('staff').select('command_key as h').where('command_key', 'is not', null).execute()),
      ...(await db.selectFrom('residents').select('pin_hash as h').execute()),
      ...(await db.selectFrom('residents').select('card_hash as h').where('card_hash', 'is not', null).execute()),
      ...(await db.selectFrom('staff_sessions').select('token_hash as h').execute()),
      ...(await db.selectFrom('resident_sessions').select('token_hash as h').execute()),
      ...(await db.selectFrom('devices').select('token_hash as h').execute()),
      ...(await db.selectFrom('pairing_codes').select('code_hash as h').execute()),
    ].map((x) => x.h as string);
    const pinHashes = new Set([...(await db.selectFrom('staff').select('pin_hash').execute()).map((x) => x.pin_hash), ...(await db.selectFrom('residents').select('pin_hash').execute()).map((x) => x.pin_hash)]);
    /** What a station's own kiosk pulls for offline sign-in: PIN and card hashes, nothing else. */
    const kioskCredentials = new Set([...pinHashes, ...(await db.selectFrom('residents').select('card_hash').execute()).map((x) => x.card_hash ?? '')]);
    assert.ok(hashes.length >= DEMO_STAFF.length + DEMO_RESIDENTS.length + 8);
    const pins = new Set([...DEMO_STAFF.map((s) => s.secret), ...DEMO_RESIDENTS.map((x) => x.pin), ...pinsTried]);
    const secrets = [...issued.keys()].filter((s) => s.length > 0);
    assert.ok(secrets.length >= 6, `${secrets.length} secrets issued`);

    // Responses: no hash anywhere, except PIN and card hashes in the own kiosk's pull (offline sign-in);
    // a token or code only in the response that issued it.
    let checked = 0;
    for (const res of responses) {
      checked += 1;
      const kioskPull = res.what.startsWith('kiosk pull');
      for (const h of hashes) if (!(kioskPull && kioskCredentials.has(h))) assert.ok(!res.body.includes(h), `${res.what}: a stored hash in the response`);
      for (const s of secrets) if (issued.get(s) !== res.what) assert.ok(!res.body.includes(s), `${res.what}: a secret issued by ${issued.get(s)} in the response`);
      assert.ok(!/"pin"\s*:/.test(res.body), `${res.what}: a "pin" field in the response`);
    }
    // The own kiosk's pull does carry the PIN hashes (so the check above can fail).
    const pullBody = responses.find((x) => x.what === 'kiosk pull')!.body;
    assert.ok([...pinHashes].some((h) => pullBody.includes(h)));

    // The log: request lines were written (so the check can fail) and hold none of it.
    assert.ok(logLines.length >= responses.length, `${logLines.length} log lines for ${responses.length} requests`);
    const log = logLines.join('');
    for (const h of hashes) assert.ok(!log.includes(h), 'a stored hash in the log');
    for (const s of secrets) assert.ok(!log.includes(s), `a secret issued by ${issued.get(s)} in the log`);
    assert.ok(!/authorization|bearer|"pin"|"code"|"phone"|"payload"|"body"/i.test(log), 'headers or bodies in the log');
    let values = 0;
    for (const line of logLines) {
      const visit = (v: unknown): void => {
        if (typeof v === 'string') {
          values += 1;
          // UUIDs in paths hold digit groups such as -0000-; a PIN would stand alone.
          const text = v.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '');
          for (const pin of pins) assert.ok(!new RegExp(`(^|\\D)${pin}(\\D|$)`).test(text), `a PIN in the log: ${v}`);
        } else if (v && typeof v === 'object') for (const x of Object.values(v)) visit(x);
      };
      visit(JSON.parse(line));
    }
    const sample = JSON.parse(logLines.find((l) => l.includes('/api/residents/login'))!) as { req?: unknown };
    assert.deepEqual(Object.keys((sample.req ?? {}) as object).sort(), ['ip', 'method', 'path']);
    console.log(
      `security (${dialect}): responses checked ${checked}, log lines ${logLines.length} (${values} strings), stored hashes searched ${hashes.length}, ` +
        `issued secrets searched ${secrets.length}, PINs searched ${pins.size}, found 0`,
    );
  });
});
