/**
 * Which kiosks may hold a resident's PIN verifier. A 4-digit PIN's PBKDF2 hash falls in minutes
 * to whoever holds it, so the verifier goes only to kiosks where she needs offline sign-in: where
 * she was registered, where her PIN was set, or where she signed in online (resident_devices).
 * The change feed is shared by every kiosk of a station, so the hash is stripped when a kiosk
 * reads it; revoking a kiosk makes every resident linked to it get a new PIN from staff first.
 *
 * Lock order (docs/architecture.md): device row, then the station row, then resident rows in id
 * order — the revocation takes them in that order, and republishing takes the station row before
 * reading the resident.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import { maskName, type Change, type KioskResident } from '../../domain/index.ts';
import { writeAudit } from '../audit/audit-log.ts';
import type { Database, ResidentDeviceLinkReason, ResidentsTable } from '../db/schema.ts';
import { recordChange } from './changes.ts';
import { residentFromRow } from './residents.ts';

/** What every kiosk is told when her PIN must be set again (the website and the kiosk route answer it too). */
export const PIN_RESET_REQUIRED_MESSAGE = '为了安全，请到服务站请工作人员帮您重新设置密码';

/** A resident as the feed stores her: with the verifier unless a reset is required (stripped per kiosk on reading). */
export function kioskResidentFromRow(row: Selectable<ResidentsTable>): KioskResident {
  const { pinHash, ...rest } = residentFromRow(row);
  return row.pin_reset_required === 1 ? { ...rest, pinResetRequired: true } : { ...rest, pinHash };
}

/** The copy without the verifier, for a kiosk not linked to her. */
export function withoutVerifier(resident: KioskResident): KioskResident {
  const { pinHash: _dropped, ...rest } = resident;
  return rest;
}

export async function isLinked(db: Kysely<Database>, residentId: string, deviceId: string): Promise<boolean> {
  const row = await db.selectFrom('resident_devices').select('resident_id').where('resident_id', '=', residentId).where('device_id', '=', deviceId).executeTakeFirst();
  return row !== undefined;
}

/**
 * Links a resident to a kiosk (she needs offline sign-in there). True when the link is new.
 * Takes no row lock: the insert of a new key is all it writes.
 */
export async function linkResidentToDevice(
  trx: Transaction<Database>,
  link: { residentId: string; deviceId: string; stationId: string; reason: ResidentDeviceLinkReason; now: Date },
): Promise<boolean> {
  const inserted = await trx
    .insertInto('resident_devices')
    .values({ resident_id: link.residentId, device_id: link.deviceId, station_id: link.stationId, linked_at: link.now.toISOString(), reason: link.reason })
    .onConflict((oc) => oc.columns(['resident_id', 'device_id']).doNothing())
    .returning('resident_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Takes the station row's lock first (PostgreSQL), so what is read after it cannot be published stale. */
async function lockStationRow(trx: Transaction<Database>, stationId: string): Promise<void> {
  await trx
    .updateTable('stations')
    .set((eb) => ({ change_seq: eb.ref('change_seq') }))
    .where('id', '=', stationId)
    .execute();
}

/** Puts the resident's current record into the feed again (a kiosk was just linked to her). */
export async function republishResident(trx: Transaction<Database>, stationId: string, residentId: string): Promise<number | null> {
  await lockStationRow(trx, stationId);
  const row = await trx.selectFrom('residents').selectAll().where('id', '=', residentId).where('station_id', '=', stationId).executeTakeFirst();
  return row ? recordChange(trx, stationId, 'resident', residentId, kioskResidentFromRow(row)) : null;
}

/** The feed as one kiosk may see it: resident verifiers only where it is linked to her. */
export async function verifiersForDevice(db: Kysely<Database>, deviceId: string, changes: Change[]): Promise<Change[]> {
  const withHash = changes.flatMap((c) => (c.entity === 'resident' && c.op === 'put' && c.data.pinHash !== undefined ? [c.id] : []));
  if (withHash.length === 0) return changes;
  const linked = new Set<string>();
  for (let i = 0; i < withHash.length; i += 500) {
    const rows = await db.selectFrom('resident_devices').select('resident_id').where('device_id', '=', deviceId).where('resident_id', 'in', withHash.slice(i, i + 500)).execute();
    for (const r of rows) linked.add(r.resident_id);
  }
  return changes.map((c) => (c.entity === 'resident' && c.op === 'put' && !linked.has(c.id) ? { ...c, data: withoutVerifier(c.data) } : c));
}

/**
 * A resident-acting command (no staff member named) from a kiosk not linked to her is refused:
 * a copied kiosk profile can then act only for residents whose verifiers it already held.
 * Null: accepted.
 */
export async function residentNotLinkedReason(db: Kysely<Database>, residentId: string, deviceId: string): Promise<string | null> {
  return (await isLinked(db, residentId, deviceId)) ? null : '这位居民没有在这台一体机上登录过（请居民先联网登录一次，或由工作人员代办）';
}

/**
 * Staff revoked `device`: every resident linked to it must get a new PIN from staff before her
 * next use anywhere. In the revocation's transaction: the flag, her website sessions ended, her
 * record republished without any verifier, one audit row each. Returns how many residents, and
 * the station's change cursor after them (to poke its kiosks once committed).
 */
export async function requireNewPinsAfterRevocation(
  trx: Transaction<Database>,
  revoked: { stationId: string; deviceId: string; deviceName: string; staffId: string; staffNo: string },
  now: Date,
): Promise<{ residents: number; changeSeq: number | null }> {
  const links = await trx.selectFrom('resident_devices').select('resident_id').where('device_id', '=', revoked.deviceId).orderBy('resident_id').execute();
  if (links.length === 0) return { residents: 0, changeSeq: null };
  await lockStationRow(trx, revoked.stationId);
  let count = 0;
  let changeSeq: number | null = null;
  for (const { resident_id: residentId } of links) {
    const row = await trx
      .updateTable('residents')
      .set({ pin_reset_required: 1, updated_at: now.toISOString() })
      .where('id', '=', residentId)
      .where('station_id', '=', revoked.stationId)
      .returningAll()
      .executeTakeFirst();
    if (!row) continue;
    count += 1;
    await trx.deleteFrom('resident_sessions').where('resident_id', '=', residentId).execute();
    changeSeq = await recordChange(trx, revoked.stationId, 'resident', residentId, kioskResidentFromRow(row));
    await writeAudit(trx, now, {
      stationId: revoked.stationId,
      staffId: revoked.staffId,
      staffNo: revoked.staffNo,
      deviceId: revoked.deviceId,
      actorKind: 'staff',
      action: 'resident.pin-reset-required',
      entity: 'resident',
      entityId: residentId,
      detail: `终端「${revoked.deviceName}」停用：居民 ${maskName(row.name)} 在这台终端上能离线登录，需要请工作人员重新设置密码后才能再登录`,
    });
  }
  return { residents: count, changeSeq };
}
