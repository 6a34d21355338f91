/**
 * Staff settings for meals: the station's subsidy policy (data, checked by
 * validateSubsidyPolicy) and a resident's meal flags (groups, delivery). Both are replicated to
 * the station's kiosks in the same transaction (the flags are staff-only: kiosks are station
 * devices, like the resident records they already hold; no public route ever returns them).
 */
import { RESIDENT_GROUP_LABELS, type MealResidentFlags, type ResidentGroup, type StationSubsidyPolicy, type SubsidyPolicy } from '../../domain/index.ts';
import { recordChange } from '../content/changes.ts';
import type { DialectName } from '../db/schema.ts';
import { flagsFromRow, lockStationForMeals, stationPolicy, type Db } from './meal-store.ts';

export async function savePolicy(trx: Db, dialect: DialectName, stationId: string, policy: SubsidyPolicy, now: Date): Promise<{ saved: StationSubsidyPolicy; changeSeq: number }> {
  await lockStationForMeals(trx, dialect, stationId);
  const before = await stationPolicy(trx, stationId);
  const t = now.toISOString();
  const revision = before.revision + 1;
  await trx
    .insertInto('meal_policies')
    .values({ station_id: stationId, policy: JSON.stringify(policy), revision, updated_at: t })
    .onConflict((oc) => oc.column('station_id').doUpdateSet({ policy: JSON.stringify(policy), revision, updated_at: t }))
    .execute();
  const saved: StationSubsidyPolicy = { stationId, policy, revision, updatedAt: t };
  return { saved, changeSeq: await recordChange(trx, stationId, 'subsidy-policy', stationId, saved) };
}

export interface FlagsInput {
  groups: ResidentGroup[];
  deliveryFlag: boolean;
  address: string;
  notes: string;
}

export async function saveFlags(
  trx: Db,
  dialect: DialectName,
  stationId: string,
  residentId: string,
  input: FlagsInput,
  now: Date,
): Promise<{ flags: MealResidentFlags; changeSeq: number } | null> {
  await lockStationForMeals(trx, dialect, stationId);
  const resident = await trx.selectFrom('residents').select('id').where('id', '=', residentId).where('station_id', '=', stationId).executeTakeFirst();
  if (!resident) return null;
  const before = await trx.selectFrom('meal_residents').selectAll().where('resident_id', '=', residentId).executeTakeFirst();
  const t = now.toISOString();
  const row = {
    resident_id: residentId,
    station_id: stationId,
    groups: JSON.stringify([...new Set(input.groups)]),
    delivery_flag: input.deliveryFlag ? (1 as const) : (0 as const),
    address: input.address.trim(),
    notes: input.notes.trim(),
    revision: (before?.revision ?? 0) + 1,
    updated_at: t,
  };
  await trx
    .insertInto('meal_residents')
    .values(row)
    .onConflict((oc) => oc.column('resident_id').doUpdateSet({ groups: row.groups, delivery_flag: row.delivery_flag, address: row.address, notes: row.notes, revision: row.revision, updated_at: t }))
    .execute();
  const flags = flagsFromRow(row);
  return { flags, changeSeq: await recordChange(trx, stationId, 'meal-resident', residentId, flags) };
}

/** For the audit log: the groups in words, never the address. */
export function describeFlags(flags: MealResidentFlags): string {
  const groups = flags.groups.map((g) => RESIDENT_GROUP_LABELS[g]).join('、') || '无';
  return `类别：${groups}；送餐：${flags.deliveryFlag ? '是' : '否'}；地址${flags.address ? '已填写' : '未填写'}`;
}
