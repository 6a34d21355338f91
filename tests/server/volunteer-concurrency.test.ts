/**
 * 500 residents sign up for one activity of 30 places at the same moment, over real HTTP (the app
 * listening on a loopback port, so the requests truly overlap): exactly 30 confirmed, the other
 * 470 waitlisted with arrival numbers 31..500 (no gap, no duplicate); then one cancellation
 * promotes the first on the waitlist — on SQLite and on PostgreSQL.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { PublicActivity, VolunteerSignUpRecord } from '../../domain/index.ts';
import { describeEachDialect } from './databases.ts';
import { activityDraft, createActivity, manyResidents } from './volunteer-fixture.ts';
import { openFixture, STATION, type Fixture } from './station-fixture.ts';

const RESIDENTS = 500;
const PLACES = 30;

await describeEachDialect('500 concurrent volunteer sign-ups', (dialect) => {
  let f: Fixture;
  before(async () => {
    f = await openFixture(dialect.name);
  });
  after(() => f?.close());

  it(`for ${PLACES} places: exactly ${PLACES} confirmed, ${RESIDENTS - PLACES} waitlisted in arrival order; a cancellation promotes the first waiting`, async () => {
    const { deviceToken, deviceId } = await f.pairDevice();
    // The residents acting here have signed in at this kiosk (their own commands count only there).
    await f.linkResidents(deviceId);
    const activityId = await createActivity(f, deviceToken, 1, activityDraft(f, { capacity: PLACES }));
    const residents = await manyResidents(f, RESIDENTS);

    await f.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = f.app.server.address() as AddressInfo;
    const results = await Promise.all(
      residents.map(async (r) => {
        const res = await fetch(`http://127.0.0.1:${port}/api/residents/me/volunteer/sign-ups`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${r.token}` },
          body: JSON.stringify({ signUpId: crypto.randomUUID(), activityId }),
        });
        return { status: res.status, body: (await res.json()) as { signUp: VolunteerSignUpRecord } };
      }),
    );
    assert.deepEqual([...new Set(results.map((r) => r.status))], [201]);
    const confirmed = results.filter((r) => r.body.signUp.status === 'confirmed');
    const waitlisted = results.filter((r) => r.body.signUp.status === 'waitlisted');
    assert.equal(confirmed.length, PLACES);
    assert.equal(waitlisted.length, RESIDENTS - PLACES);

    const rows = await f.db.selectFrom('volunteer_sign_ups').select(['id', 'resident_id', 'status', 'arrival']).where('activity_id', '=', activityId).orderBy('arrival').execute();
    assert.equal(rows.length, RESIDENTS);
    assert.deepEqual(rows.map((r) => r.arrival), Array.from({ length: RESIDENTS }, (_, i) => i + 1), 'arrival numbers 1..500 without gaps or duplicates');
    // First come, first served: the first 30 arrivals hold the places, 31..500 wait in order.
    assert.deepEqual(rows.slice(0, PLACES).map((r) => r.status), Array(PLACES).fill('confirmed'));
    assert.deepEqual(rows.slice(PLACES).map((r) => r.status), Array(RESIDENTS - PLACES).fill('waitlisted'));
    assert.deepEqual(waitlisted.map((r) => r.body.signUp.arrival).sort((a, b) => a - b), Array.from({ length: RESIDENTS - PLACES }, (_, i) => PLACES + 1 + i));

    const pub = await fetch(`http://127.0.0.1:${port}/api/stations/${STATION}/volunteer/activities`);
    const listed = ((await pub.json()) as { activities: PublicActivity[] }).activities.find((a) => a.id === activityId)!;
    assert.deepEqual([listed.capacity, listed.placesLeft, listed.waitlistLength], [PLACES, 0, RESIDENTS - PLACES]);

    // The 7th confirmed person cancels: arrival 31 is promoted in the same transaction.
    const leaving = rows[6]!;
    const token = residents.find((r) => r.id === leaving.resident_id)!.token;
    const cancel = await fetch(`http://127.0.0.1:${port}/api/residents/me/volunteer/sign-ups/${leaving.id}/cancel`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    assert.equal(cancel.status, 200);
    const after = await f.db.selectFrom('volunteer_sign_ups').select(['arrival', 'status']).where('activity_id', '=', activityId).orderBy('arrival').execute();
    assert.equal(after[6]!.status, 'cancelled');
    assert.equal(after[PLACES]!.status, 'confirmed', 'arrival 31 promoted');
    assert.equal(after[PLACES + 1]!.status, 'waitlisted', 'arrival 32 still waits');
    assert.equal(after.filter((r) => r.status === 'confirmed').length, PLACES);
    const feed = await f.db.selectFrom('changes').select(['entity_id']).where('entity', '=', 'volunteer-sign-up').where('entity_id', '=', rows[PLACES]!.id).execute();
    assert.equal(feed.length, 1, 'the promotion is replicated');
  });
});
