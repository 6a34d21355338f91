/** Stations and their staff in the database: row mapping and creation (with change records). */
import type { Kysely } from 'kysely';
import type { StaffCredential, StaffRole, Station } from '../../domain/index.ts';
import type { Database, StaffTable, StationsTable } from '../db/schema.ts';
import { recordChange } from './changes.ts';

export function stationFromRow(row: Pick<StationsTable, 'id' | 'name' | 'address' | 'phone'>): Station {
  return { id: row.id, name: row.name, address: row.address, phone: row.phone };
}

export function staffCredentialFromRow(row: StaffTable): StaffCredential {
  return {
    id: row.id,
    staffNo: row.staff_no,
    name: row.name,
    role: row.role as StaffRole,
    pinHash: row.pin_hash,
    commandKeySalt: row.command_key_salt ?? '',
    active: row.active === 1,
  };
}

export async function findStation(db: Kysely<Database>, stationId: string): Promise<Station | null> {
  const row = await db.selectFrom('stations').select(['id', 'name', 'address', 'phone']).where('id', '=', stationId).executeTakeFirst();
  return row ? stationFromRow(row) : null;
}

export async function createStation(db: Kysely<Database>, station: Station, now: Date): Promise<void> {
  const t = now.toISOString();
  await db.insertInto('stations').values({ ...station, change_seq: 0, created_at: t, updated_at: t }).execute();
  await recordChange(db, station.id, 'station', station.id, station);
}

/** A new staff member with their issued secret's verifier and command key (see auth/staff-secrets.ts). */
export async function createStaff(
  db: Kysely<Database>,
  stationId: string,
  staff: StaffCredential,
  commandKey: string,
  now: Date,
): Promise<void> {
  const t = now.toISOString();
  const row: StaffTable = {
    id: staff.id,
    station_id: stationId,
    staff_no: staff.staffNo,
    name: staff.name,
    role: staff.role,
    pin_hash: staff.pinHash,
    failed_attempts: 0,
    locked_until: null,
    active: staff.active ? 1 : 0,
    created_at: t,
    updated_at: t,
    command_key_salt: staff.commandKeySalt,
    command_key: commandKey,
  };
  await db.insertInto('staff').values(row).execute();
  await recordChange(db, stationId, 'staff', staff.id, staffCredentialFromRow(row));
}
