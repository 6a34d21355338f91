/**
 * Defaults (issue 13, defect 10): resident and staff routes answer only the configured origins
 * (never '*'), the server's own pages keep working, and a resident can sign out.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ResidentLoginResponse } from '../../domain/index.ts';
import { DEMO_RESIDENTS } from '../../server/seed/demo-data.ts';
import { describeEachDialect } from './databases.ts';
import { openFixture, secretOf, STATION, type Fixture } from './station-fixture.ts';

const ZHANG = DEMO_RESIDENTS.find((r) => r.stationId === STATION)!;
const DISTRICT = 'https://www.example.gov.cn';
const HOSTILE = 'https://hostile.example';

await describeEachDialect('origins and sign-out', ({ name: dialect }) => {
  let open: Fixture; // LINLI_CORS_ORIGINS unset: public reads open to all
  let listed: Fixture; // LINLI_CORS_ORIGINS=https://www.example.gov.cn
  before(async () => {
    open = await openFixture(dialect);
    listed = await openFixture(dialect, { corsOrigins: [DISTRICT] });
  });
  after(async () => {
    await open?.close();
    await listed?.close();
  });

  const residentLogin = (f: Fixture, origin?: string) =>
    f.app.inject({ method: 'POST', url: '/api/residents/login', headers: origin ? { origin } : {}, payload: { stationId: STATION, phone: ZHANG.phone, pin: ZHANG.pin } });

  it('with no origins configured, another website cannot sign a visitor in or act for a resident; public reads stay open', async () => {
    const login = await residentLogin(open, HOSTILE);
    assert.equal(login.statusCode, 403, login.body);
    assert.equal(login.json<{ error: string }>().error, 'origin-not-allowed');
    assert.equal(login.headers['access-control-allow-origin'], undefined);
    const preflight = await open.app.inject({ method: 'OPTIONS', url: '/api/residents/login', headers: { origin: HOSTILE, 'access-control-request-method': 'POST' } });
    assert.equal(preflight.headers['access-control-allow-origin'], undefined);
    const token = (await residentLogin(open)).json<ResidentLoginResponse>().token;
    const mine = await open.app.inject({ method: 'GET', url: '/api/residents/me/meals', headers: { origin: HOSTILE, authorization: `Bearer ${token}` } });
    assert.equal(mine.statusCode, 403);
    const staff = await open.app.inject({ method: 'POST', url: '/api/staff/login', headers: { origin: HOSTILE }, payload: { stationId: STATION, staffNo: '1001', pin: secretOf('1001') } });
    assert.equal(staff.statusCode, 403);
    const read = await open.app.inject({ method: 'GET', url: `/api/stations/${STATION}/notices`, headers: { origin: HOSTILE } });
    assert.equal(read.statusCode, 200);
    assert.equal(read.headers['access-control-allow-origin'], '*');
  });

  it('the server’s own pages (the demo, the kiosk) and a configured district site keep working', async () => {
    // app.inject sends Host: localhost:80, so the server's own origin is http://localhost:80.
    assert.equal((await residentLogin(open, 'http://localhost:80')).statusCode, 200);
    const staff = await open.app.inject({ method: 'POST', url: '/api/staff/login', headers: { origin: 'http://localhost:80' }, payload: { stationId: STATION, staffNo: '1001', pin: secretOf('1001') } });
    assert.equal(staff.statusCode, 200);
    const district = await residentLogin(listed, DISTRICT);
    assert.equal(district.statusCode, 200);
    assert.equal(district.headers['access-control-allow-origin'], DISTRICT);
    assert.equal((await residentLogin(listed, HOSTILE)).statusCode, 403);
    // A district site may sign residents in, but not staff.
    const staffFromDistrict = await listed.app.inject({ method: 'POST', url: '/api/staff/login', headers: { origin: DISTRICT }, payload: { stationId: STATION, staffNo: '1001', pin: secretOf('1001') } });
    assert.equal(staffFromDistrict.statusCode, 403);
  });

  it('a resident signs out: that session ends, another browser’s session does not', async () => {
    const first = (await residentLogin(listed, DISTRICT)).json<ResidentLoginResponse>().token;
    const second = (await residentLogin(listed, DISTRICT)).json<ResidentLoginResponse>().token;
    const me = (token: string) => listed.app.inject({ method: 'GET', url: '/api/residents/me/meals', headers: { authorization: `Bearer ${token}` } });
    assert.equal((await me(first)).statusCode, 200);
    const out = await listed.app.inject({ method: 'POST', url: '/api/residents/logout', headers: { origin: DISTRICT, authorization: `Bearer ${first}` } });
    assert.equal(out.statusCode, 204, out.body);
    assert.equal((await me(first)).statusCode, 401);
    assert.equal((await me(second)).statusCode, 200);
    assert.equal((await listed.app.inject({ method: 'POST', url: '/api/residents/logout', headers: { authorization: `Bearer ${first}` } })).statusCode, 401);
  });

  it('another resident’s record id is never answered "id taken": the stranger is answered as for a fresh id', async () => {
    const f = listed;
    for (const kind of ['volunteer', 'meals'] as const) {
      const table = kind === 'volunteer' ? 'volunteer_sign_ups' : 'meal_bookings';
      const theirs = await f.db.selectFrom(table).selectAll().where('station_id', '=', STATION).where('status', '=', 'confirmed').executeTakeFirstOrThrow();
      const stranger = DEMO_RESIDENTS.find((r) => r.stationId === STATION && r.id !== theirs.resident_id)!;
      const login = await f.app.inject({ method: 'POST', url: '/api/residents/login', payload: { stationId: STATION, phone: stranger.phone, pin: stranger.pin } });
      const token = login.json<ResidentLoginResponse>().token;
      const before = await f.db.selectFrom(table).selectAll().where('id', '=', theirs.id).executeTakeFirstOrThrow();
      const res =
        kind === 'volunteer'
          ? await f.app.inject({ method: 'POST', url: '/api/residents/me/volunteer/sign-ups', headers: { authorization: `Bearer ${token}` }, payload: { signUpId: theirs.id, activityId: (theirs as { activity_id: string }).activity_id } })
          : await (async () => {
              const b = theirs as { date: string; meal: string; set_code: string; variant: string | null; mode: string };
              return f.app.inject({ method: 'POST', url: '/api/residents/me/meals', headers: { authorization: `Bearer ${token}` }, payload: { bookingId: theirs.id, date: b.date, meal: b.meal, set: b.set_code, variant: b.variant, mode: b.mode === 'delivery' ? 'dine-in' : b.mode } });
            })();
      const body = res.json<{ error?: string }>();
      assert.ok(!(body.error ?? '').endsWith('id-taken'), `${kind}: ${res.statusCode} ${res.body}`);
      assert.ok(res.statusCode < 500, res.body);
      assert.deepEqual(await f.db.selectFrom(table).selectAll().where('id', '=', theirs.id).executeTakeFirstOrThrow(), before, `${kind}: the other resident's record is untouched`);
      if (res.statusCode === 201) {
        const created = res.json<{ signUp?: { id: string; residentId: string }; booking?: { id: string; residentId: string } }>();
        const record = created.signUp ?? created.booking!;
        assert.notEqual(record.id, theirs.id);
      }
      console.log(`origins (${dialect}): ${kind} with another resident's id answered ${res.statusCode} ${body.error ?? ''}`);
    }
  });
});
