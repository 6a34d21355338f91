/**
 * Login rate limits and the lockout an outsider cannot turn against staff (issue 13, defect 6),
 * on both databases. Clients are told apart by their address (`remoteAddress` of app.inject);
 * PIN checks are counted through the injected `verifyPin`, never timed.
 */
import { after, afterEach, before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { RESIDENT_LOCKOUT, STAFF_LOCKOUT, verifyPin } from '../../domain/index.ts';
import { buildApp } from '../../server/app.ts';
import { migrateToLatest } from '../../server/db/migrations.ts';
import { DEMO_RESIDENTS, DEMO_STAFF, DEMO_STATION, seedDemoData } from '../../server/seed/demo-data.ts';
import { createTestDatabase, describeEachDialect, type TestDatabase } from './databases.ts';

const STATION = DEMO_STATION.id;
const PER_CLIENT = 12;
const ACCOUNT_PER_HOUR = 25;

await describeEachDialect('login limits', ({ name: dialect }) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  /** A second server process over the same database. */
  let app2: FastifyInstance;
  /** Two more processes whose per-client limit is out of the way (the lockout race alone). */
  let wide: FastifyInstance;
  let wide2: FastifyInstance;
  let crowded: FastifyInstance;
  const GLOBAL = 40;
  let now = Date.now();
  let pinChecks = 0;

  const countingVerify = async (pin: string, stored: string) => {
    pinChecks += 1;
    return verifyPin(pin, stored);
  };

  function residentLogin(phone: string, pin: string, client: string, server = app): Promise<LightMyRequestResponse> {
    return server.inject({ method: 'POST', url: '/api/residents/login', payload: { stationId: STATION, phone, pin }, remoteAddress: client });
  }
  function staffLogin(staffNo: string, pin: string, client: string, server = app): Promise<LightMyRequestResponse> {
    return server.inject({ method: 'POST', url: '/api/staff/login', payload: { stationId: STATION, staffNo, pin }, remoteAddress: client });
  }

  before(async () => {
    database = await createTestDatabase(dialect);
    await migrateToLatest(database.db, dialect);
    await seedDemoData(database.db, { now: new Date(now), pinIterations: 1_000 });
    const options = {
      db: database.db,
      dialect,
      clock: () => new Date(now),
      verifyPin: countingVerify,
      loginLimits: { perClient: { max: PER_CLIENT, seconds: 60 }, global: { max: 10_000, seconds: 60 }, account: { max: ACCOUNT_PER_HOUR, seconds: 3_600 } },
    };
    app = buildApp(options);
    app2 = buildApp(options);
    const wideOptions = { ...options, loginLimits: { ...options.loginLimits, perClient: { max: 10_000, seconds: 60 }, account: { max: 10_000, seconds: 3_600 } } };
    wide = buildApp(wideOptions);
    wide2 = buildApp(wideOptions);
    // A small global limit, to flood it from many addresses.
    crowded = buildApp({ ...wideOptions, loginLimits: { ...wideOptions.loginLimits, global: { max: GLOBAL, seconds: 60 } } });
    for (const a of [app, app2, wide, wide2, crowded]) await a.ready();
  });
  afterEach(() => {
    // Every case starts in a fresh hour: no window or lock of the previous case applies.
    now += 2 * 3_600_000;
  });
  after(async () => {
    await app?.close();
    await app2?.close();
    await wide?.close();
    await wide2?.close();
    await crowded?.close();
    await database?.dispose();
  });

  it('spraying many residents from one client gets 429 with Retry-After after the per-client limit, on any process', async () => {
    const statuses: number[] = [];
    let refused: LightMyRequestResponse | undefined;
    for (let i = 0; i < PER_CLIENT + 8; i++) {
      const phone = `139${String(10_000_000 + i).padStart(8, '0')}`;
      const res = await residentLogin(phone, '0000', '198.51.100.7', i % 2 === 0 ? app : app2);
      statuses.push(res.statusCode);
      if (res.statusCode === 429) refused ??= res;
    }
    assert.deepEqual(statuses, [...Array(PER_CLIENT).fill(401), ...Array(8).fill(429)]);
    assert.ok(refused);
    assert.equal(refused.json<{ error: string }>().error, 'too-many-attempts');
    assert.match(refused.json<{ message: string }>().message, /[\u4e00-\u9fff]/);
    const retryAfter = Number(refused.headers['retry-after']);
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${refused.headers['retry-after']}`);
    // Another client is not affected; the same client is admitted again in the next window.
    assert.equal((await residentLogin(DEMO_RESIDENTS[0]!.phone, DEMO_RESIDENTS[0]!.pin, '203.0.113.9')).statusCode, 200);
    now += 61_000;
    assert.equal((await residentLogin(DEMO_RESIDENTS[0]!.phone, DEMO_RESIDENTS[0]!.pin, '198.51.100.7')).statusCode, 200);
    // Device pairing is a login route too.
    for (let i = 0; i < PER_CLIENT - 1; i++) {
      const res = await app.inject({ method: 'POST', url: '/api/devices/pair', payload: { code: 'ABCD-EFGH', name: '终端' }, remoteAddress: '198.51.100.7' });
      assert.equal(res.statusCode, 403, res.body);
    }
    const pair = await app.inject({ method: 'POST', url: '/api/devices/pair', payload: { code: 'ABCD-EFGH', name: '终端' }, remoteAddress: '198.51.100.7' });
    assert.equal(pair.statusCode, 429, pair.body);
    console.log(`login limits (${dialect}): spray from one client refused after ${PER_CLIENT} attempts (${statuses.filter((s) => s === 429).length} refused)`);
  });

  it('40 concurrent guesses including the right PIN never let it in after more than the allowed wrong ones', async () => {
    const victim = DEMO_RESIDENTS.find((r) => r.stationId === STATION && r.pin !== '0000')!;
    const wrong = (i: number) => String((Number(victim.pin) + 1 + i) % 10_000).padStart(4, '0');
    let successes = 0;
    for (let burst = 0; burst < 6; burst++) {
      const rightAt = [39, 5, 20, 0, 4, 33][burst]!;
      const before = pinChecks;
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) => residentLogin(victim.phone, i === rightAt ? victim.pin : wrong(i), '198.51.100.20', i % 2 === 0 ? wide : wide2)),
      );
      const checks = pinChecks - before;
      const ok = results[rightAt]!.statusCode === 200;
      if (ok) successes += 1;
      // At most maxFailures wrong PINs are ever checked in a burst (a success gives back only its own
      // reservation, so the burst's other failures still count).
      assert.ok(checks - (ok ? 1 : 0) <= RESIDENT_LOCKOUT.maxFailures, `burst ${burst}: ${checks} PINs were checked (right one ${ok ? 'in' : 'not in'}), at most ${RESIDENT_LOCKOUT.maxFailures} wrong may be`);
      const wrong401 = results.filter((r) => r.statusCode === 401).length;
      assert.ok(wrong401 + (ok ? 1 : 0) <= RESIDENT_LOCKOUT.maxFailures, `burst ${burst}: ${wrong401} wrong PINs answered and the right one ${ok ? 'got in' : 'did not'}`);
      for (const r of results) assert.ok([200, 401, 423].includes(r.statusCode), `${r.statusCode} ${r.body}`);
      now += RESIDENT_LOCKOUT.minutes * 60_000 + 1_000;
    }
    console.log(`login limits (${dialect}): 6 bursts of 40 concurrent guesses, right PIN admitted ${successes}/6, never after more than ${RESIDENT_LOCKOUT.maxFailures - 1} wrong`);
  });

  it('a stranger’s failures lock only the stranger: staff at another client still sign in', async () => {
    const manager = DEMO_STAFF.find((s) => s.staffNo === '1001')!;
    const statuses: number[] = [];
    for (let i = 0; i < STAFF_LOCKOUT.maxFailures + 3; i++) statuses.push((await staffLogin(manager.staffNo, '0000000000', '192.0.2.66', i % 2 === 0 ? app : app2)).statusCode);
    assert.deepEqual(statuses, [...Array(STAFF_LOCKOUT.maxFailures - 1).fill(401), 423, 423, 423, 423]);
    // The stranger's right guess would not help either while that pair is locked.
    assert.equal((await staffLogin(manager.staffNo, manager.secret, '192.0.2.66')).statusCode, 423);
    // The station manager at the station's own computer is not locked out.
    assert.equal((await staffLogin(manager.staffNo, manager.secret, '198.51.100.1', app2)).statusCode, 200);
  });

  it(`a distributed guesser gets at most ${ACCOUNT_PER_HOUR} wrong guesses per account per hour; a client that signed in before is not throttled`, async () => {
    const social = DEMO_STAFF.find((s) => s.staffNo === '1002')!;
    // The social worker signs in at the desk once: that client is known for this account.
    assert.equal((await staffLogin(social.staffNo, social.secret, '198.51.100.2')).statusCode, 200);
    const before = pinChecks;
    let wrongAnswered = 0;
    let throttled = 0;
    for (let client = 0; client < 20; client++) {
      for (let g = 0; g < STAFF_LOCKOUT.maxFailures - 1; g++) {
        const res = await staffLogin(social.staffNo, String(1_000_000_000 + client * 10 + g), `10.66.${client}.1`, client % 2 ? app : app2);
        if (res.statusCode === 401) wrongAnswered += 1;
        else if (res.statusCode === 429) {
          throttled += 1;
          assert.ok(Number(res.headers['retry-after']) > 0);
        } else assert.fail(`${res.statusCode} ${res.body}`);
      }
    }
    assert.equal(wrongAnswered, ACCOUNT_PER_HOUR);
    assert.equal(pinChecks - before, ACCOUNT_PER_HOUR, 'throttled guesses cost no PIN check');
    assert.equal(throttled, 20 * (STAFF_LOCKOUT.maxFailures - 1) - ACCOUNT_PER_HOUR);
    // The desk that signed in before still gets in during the attack; a new client must wait.
    assert.equal((await staffLogin(social.staffNo, social.secret, '198.51.100.2', app2)).statusCode, 200);
    assert.equal((await staffLogin(social.staffNo, social.secret, '198.51.100.3')).statusCode, 429);
    now += 3_600_000;
    assert.equal((await staffLogin(social.staffNo, social.secret, '198.51.100.3')).statusCode, 200);
  });

  it('unknown-staff logins beyond the per-client limit cost no PIN check', async () => {
    const before = pinChecks;
    const statuses: number[] = [];
    for (let i = 0; i < PER_CLIENT * 3; i++) statuses.push((await staffLogin(String(5000 + i), '1234567890', '198.51.100.99')).statusCode);
    assert.deepEqual(statuses, [...Array(PER_CLIENT).fill(401), ...Array(PER_CLIENT * 2).fill(429)]);
    assert.equal(pinChecks - before, PER_CLIENT, 'one decoy check per admitted attempt, none for refused ones');
  });

  it('a flood from many addresses uses up the global limit, but staff at the desk they signed in from before still get in', async () => {
    const manager = DEMO_STAFF.find((s) => s.staffNo === '1001')!;
    const desk = '192.0.2.200';
    assert.equal((await staffLogin(manager.staffNo, manager.secret, desk, crowded)).statusCode, 200, 'the desk signs in before the attack');
    const before = pinChecks;
    const statuses: number[] = [];
    // Unknown 工号 from 2 × GLOBAL addresses, one attempt each: no per-client or account limit is reached.
    for (let i = 0; i < GLOBAL * 2; i++) statuses.push((await staffLogin(String(6000 + i), '1234567890', `10.77.${i >> 8}.${i & 255}`, crowded)).statusCode);
    assert.equal(statuses.filter((s) => s === 401).length, GLOBAL - 1, 'the global limit admitted what was left of it');
    assert.equal(statuses.filter((s) => s === 429).length, GLOBAL + 1, 'then refused the rest, with no hash');
    assert.equal(pinChecks - before, GLOBAL - 1);
    assert.equal((await staffLogin(manager.staffNo, manager.secret, desk, crowded)).statusCode, 200, 'the usual desk is spared the global limit');
    const elsewhere = await staffLogin(manager.staffNo, manager.secret, '192.0.2.201', crowded);
    assert.equal(elsewhere.statusCode, 429, 'a new client waits for the flood to pass');
    assert.ok(Number(elsewhere.headers['retry-after']) > 0);
  });
});
