/**
 * The fixture's database snapshot (the "nothing changed" check many tests end with) covers every
 * table the migrations create, because it reads the list from the database; and it notices a
 * change to each table the hand-kept list used to miss.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../server/db/schema.ts';
import { describeEachDialect } from './databases.ts';
import { openFixture, schemaTables, snapshot, STATION, type Fixture } from './station-fixture.ts';

/**
 * The compiler makes this list exactly the tables of server/db/schema.ts (a key missing or extra
 * does not type-check); the test below makes the migrations agree with it.
 */
const SCHEMA_TYPE_TABLES: Record<keyof Database, true> = {
  stations: true,
  staff: true,
  staff_sessions: true,
  devices: true,
  pairing_codes: true,
  notices: true,
  changes: true,
  command_outcomes: true,
  audit_log: true,
  residents: true,
  resident_sessions: true,
  resident_devices: true,
  login_limits: true,
  point_accounts: true,
  transfers: true,
  catalogue_items: true,
  redemptions: true,
  stock_holds: true,
  limit_holds: true,
  deed_points: true,
  menus: true,
  meal_policies: true,
  meal_residents: true,
  meal_bookings: true,
  activities: true,
  volunteer_sign_ups: true,
  volunteer_hour_corrections: true,
  volunteer_rounding_rules: true,
};

/** The tables the old hand-kept list left out of every snapshot, each with a text column to change. */
const ONCE_MISSED = {
  menus: 'updated_at',
  meal_policies: 'updated_at',
  meal_residents: 'updated_at',
  meal_bookings: 'updated_at',
  activities: 'updated_at',
  volunteer_sign_ups: 'updated_at',
  volunteer_hour_corrections: 'reason',
  volunteer_rounding_rules: 'updated_at',
} as const;

class Rollback extends Error {}

/** The demo seed has no hour correction (nor a rounding rule): make one (in the rolled-back transaction) to change. */
async function addCorrection(trx: Transaction<Database>): Promise<void> {
  const signUp = await trx.selectFrom('volunteer_sign_ups').select(['id', 'station_id', 'resident_id', 'activity_id']).limit(1).executeTakeFirstOrThrow();
  const staff = await trx.selectFrom('staff').select('id').where('station_id', '=', signUp.station_id).limit(1).executeTakeFirstOrThrow();
  await trx
    .insertInto('volunteer_hour_corrections')
    .values({
      id: crypto.randomUUID(),
      station_id: signUp.station_id,
      sign_up_id: signUp.id,
      resident_id: signUp.resident_id,
      activity_id: signUp.activity_id,
      from_minutes: 60,
      to_minutes: 90,
      reason: '测试',
      requested_by: staff.id,
      requested_at: new Date().toISOString(),
      status: 'pending',
      decided_by: null,
      decided_at: null,
      transfer_id: null,
      points_delta: null,
    })
    .execute();
}

await describeEachDialect('test fixture snapshot', (dialect) => {
  let f: Fixture;
  before(async () => {
    f = await openFixture(dialect.name);
  });
  after(() => f?.close());

  it('snapshots every table the migrations created, and those are the tables of schema.ts', async () => {
    const tables = await schemaTables(f.db);
    assert.deepEqual(tables, Object.keys(SCHEMA_TYPE_TABLES).sort());
    const snap = await snapshot(f.db);
    assert.deepEqual(Object.keys(snap.counts).sort(), tables);
  });

  it('notices a change to each table the old list missed', async () => {
    const before = await snapshot(f.db);
    for (const [table, column] of Object.entries(ONCE_MISSED) as [keyof typeof ONCE_MISSED, string][]) {
      // Changed inside a transaction that is rolled back, so each table is tried against the seed.
      await f.db
        .transaction()
        .execute(async (trx) => {
          if (table === 'volunteer_hour_corrections') await addCorrection(trx);
          if (table === 'volunteer_rounding_rules') {
            await trx.insertInto('volunteer_rounding_rules').values({ station_id: STATION, rule: '{}', revision: 1, updated_at: new Date().toISOString() }).execute();
          }
          const changed = await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${'snapshot-test'}`.execute(trx);
          assert.ok(Number(changed.numAffectedRows) > 0, `${table}: no row to change`);
          const after = await snapshot(trx);
          assert.notEqual(after.hash, before.hash, `a change to ${table} is seen`);
          assert.notDeepEqual(after, before);
          throw new Rollback();
        })
        .catch((error: unknown) => {
          if (!(error instanceof Rollback)) throw error;
        });
    }
    assert.deepEqual(await snapshot(f.db), before);
  });
});
