/**
 * The one lock order every write path follows (docs/architecture.md, "Lock order"):
 *
 *   1. the pushing device's row (a push only),
 *   2. the station row,
 *   3. resident rows, in id order,
 *   4. everything else (items, seats, activities, points accounts, new rows), in any order.
 *
 * On PostgreSQL the station row is the station's write lock: every transaction that will change
 * the station's replicated data (recordChange bumps the row's change_seq anyway) takes it first,
 * so two such transactions never hold rows the other one waits for. Row locks are FOR NO KEY
 * UPDATE, the strength of recordChange's own UPDATE: it excludes every other writer of the row but
 * not the FOR KEY SHARE that a foreign key check takes (a sign-in inserting a session, an audit
 * row), so those never wait here. SQLite's BEGIN IMMEDIATE already lets one writer in at a time;
 * these functions do nothing there.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, DialectName } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Stations each transaction already holds (a rollback to a savepoint keeps locks taken before it). */
const stationsHeld = new WeakMap<object, Set<string>>();

/** Step 2: the station row. Once per transaction; later calls cost nothing. */
export async function lockStation(db: Db, dialect: DialectName, stationId: string): Promise<void> {
  if (dialect !== 'postgres') return;
  const held = stationsHeld.get(db);
  if (held?.has(stationId)) return;
  await sql`select id from stations where id = ${stationId} for no key update`.execute(db);
  if (held) held.add(stationId);
  else stationsHeld.set(db, new Set([stationId]));
}

/** Step 3: resident rows, in id order (after the station, when the transaction takes it). */
export async function lockResidents(db: Db, dialect: DialectName, residentIds: Iterable<string>): Promise<void> {
  if (dialect !== 'postgres') return;
  const ids = [...new Set(residentIds)].sort();
  if (ids.length === 0) return;
  await db.selectFrom('residents').select('id').where('id', 'in', ids).orderBy('id').forNoKeyUpdate().execute();
}

/**
 * Step 1 (a push) or the only lock (revoking a device): the device row, with what a push must
 * check under that lock. Undefined when there is no such device.
 */
export async function lockDevice(db: Db, dialect: DialectName, deviceId: string): Promise<{ last_seq: number; revoked_at: string | null } | undefined> {
  return db
    .selectFrom('devices')
    .select(['last_seq', 'revoked_at'])
    .where('id', '=', deviceId)
    .$if(dialect === 'postgres', (q) => q.forNoKeyUpdate())
    .executeTakeFirst();
}
