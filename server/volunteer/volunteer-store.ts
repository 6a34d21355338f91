/**
 * Volunteer service in the database: row mapping and the reads every volunteer action shares
 * (an activity, a sign-up, the station's rounding rule, the lock). Times are ISO-8601 UTC text;
 * credited hours are stored as whole minutes so 0.5 h stays exact.
 */
import type { Kysely } from 'kysely';
import {
  DEFAULT_ROUNDING_RULE,
  type Activity,
  type HoursCorrectionRecord,
  type RoundingRule,
  type SignUpRefusal,
  type StationRoundingRule,
  type VolunteerSignUpRecord,
} from '../../domain/index.ts';
import { lockStation } from '../db/lock-order.ts';
import type { ActivitiesTable, Database, DialectName, VolunteerHourCorrectionsTable, VolunteerSignUpsTable } from '../db/schema.ts';

export type Db = Kysely<Database>;

export function activityFromRow(row: ActivitiesTable): Activity {
  return {
    id: row.id,
    stationId: row.station_id,
    title: row.title,
    description: row.description,
    place: row.place,
    startAt: row.start_at,
    endAt: row.end_at,
    capacity: row.capacity,
    signupDeadline: row.signup_deadline,
    minAge: row.min_age,
    maxAge: row.max_age,
    requirements: row.requirements,
    pointsPerHour: row.points_per_hour,
    photo: row.photo,
    cancelled: row.cancelled === 1,
    revision: row.revision,
    updatedAt: row.updated_at,
  };
}

export function signUpFromRow(row: VolunteerSignUpsTable): VolunteerSignUpRecord {
  return {
    id: row.id,
    stationId: row.station_id,
    activityId: row.activity_id,
    residentId: row.resident_id,
    status: row.status,
    arrival: row.arrival,
    refusal: row.refusal as SignUpRefusal | null,
    reason: row.reason,
    createdAt: row.created_at,
    cancelledAt: row.cancelled_at,
    signedUpBy: row.signed_up_by,
    channel: row.channel,
    checkInAt: row.check_in_at,
    checkOutAt: row.check_out_at,
    minutes: row.minutes,
    hours: row.credited_minutes === null ? null : row.credited_minutes / 60,
    points: row.points,
    awardTransferId: row.award_transfer_id,
  };
}

export function correctionFromRow(row: VolunteerHourCorrectionsTable, staffNos: Map<string, string>): HoursCorrectionRecord {
  return {
    id: row.id,
    stationId: row.station_id,
    signUpId: row.sign_up_id,
    residentId: row.resident_id,
    activityId: row.activity_id,
    fromHours: row.from_minutes / 60,
    toHours: row.to_minutes / 60,
    reason: row.reason,
    requestedBy: row.requested_by,
    requestedByNo: staffNos.get(row.requested_by) ?? '',
    requestedAt: row.requested_at,
    status: row.status,
    decidedBy: row.decided_by,
    decidedByNo: row.decided_by === null ? null : (staffNos.get(row.decided_by) ?? ''),
    decidedAt: row.decided_at,
    transferId: row.transfer_id,
    pointsDelta: row.points_delta,
  };
}

/**
 * The lock that makes "count the places, then insert" one step. SQLite: BEGIN IMMEDIATE already
 * holds the write lock. PostgreSQL: the station row FOR UPDATE — the row every replicated write
 * locks anyway (recordChange), so one lock order (station, then the rest) holds for pushes and
 * HTTP alike, as for meals.
 */
export async function lockStationForVolunteer(db: Db, dialect: DialectName, stationId: string): Promise<void> {
  await lockStation(db, dialect, stationId);
}

export async function findActivity(db: Db, stationId: string, activityId: string): Promise<Activity | null> {
  const row = await db.selectFrom('activities').selectAll().where('id', '=', activityId).where('station_id', '=', stationId).executeTakeFirst();
  return row ? activityFromRow(row) : null;
}

export async function findSignUp(db: Db, signUpId: string): Promise<VolunteerSignUpRecord | null> {
  const row = await db.selectFrom('volunteer_sign_ups').selectAll().where('id', '=', signUpId).executeTakeFirst();
  return row ? signUpFromRow(row) : null;
}

export async function signUpsOf(db: Db, activityId: string): Promise<VolunteerSignUpRecord[]> {
  const rows = await db.selectFrom('volunteer_sign_ups').selectAll().where('activity_id', '=', activityId).orderBy('arrival').execute();
  return rows.map(signUpFromRow);
}

export async function confirmedCount(db: Db, activityId: string): Promise<number> {
  const row = await db
    .selectFrom('volunteer_sign_ups')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('activity_id', '=', activityId)
    .where('status', '=', 'confirmed')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function stationRoundingRule(db: Db, stationId: string): Promise<StationRoundingRule> {
  const row = await db.selectFrom('volunteer_rounding_rules').selectAll().where('station_id', '=', stationId).executeTakeFirst();
  if (!row) return { stationId, rule: DEFAULT_ROUNDING_RULE, revision: 0, updatedAt: null };
  return { stationId, rule: JSON.parse(row.rule) as RoundingRule, revision: row.revision, updatedAt: row.updated_at };
}

export async function saveRoundingRule(db: Db, stationId: string, rule: RoundingRule, now: Date): Promise<StationRoundingRule> {
  const t = now.toISOString();
  const current = await stationRoundingRule(db, stationId);
  const revision = current.revision + 1;
  await db
    .insertInto('volunteer_rounding_rules')
    .values({ station_id: stationId, rule: JSON.stringify(rule), revision, updated_at: t })
    .onConflict((oc) => oc.column('station_id').doUpdateSet({ rule: JSON.stringify(rule), revision, updated_at: t }))
    .execute();
  return { stationId, rule, revision, updatedAt: t };
}

export async function staffNumbers(db: Db, stationId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('staff').select(['id', 'staff_no']).where('station_id', '=', stationId).execute();
  return new Map(rows.map((r) => [r.id, r.staff_no]));
}
