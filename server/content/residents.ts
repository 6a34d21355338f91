/** Residents in the database: row mapping and creation (with the change record kiosks pull). */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { KioskResident, Resident } from '../../domain/index.ts';
import type { Database, ResidentsTable } from '../db/schema.ts';
import { recordChange } from './changes.ts';

export function residentFromRow(row: Selectable<ResidentsTable>): Resident {
  return {
    id: row.id,
    stationId: row.station_id,
    name: row.name,
    phone: row.phone,
    birthYear: row.birth_year,
    building: row.building,
    consentAt: row.consent_at,
    pinHash: row.pin_hash,
    cardHash: row.card_hash,
    active: row.active === 1,
    revision: row.revision,
    updatedAt: row.updated_at,
  };
}

export function residentRow(resident: Resident, createdAt: string): Insertable<ResidentsTable> {
  return {
    id: resident.id,
    station_id: resident.stationId,
    name: resident.name,
    phone: resident.phone,
    birth_year: resident.birthYear,
    building: resident.building,
    consent_at: resident.consentAt,
    pin_hash: resident.pinHash,
    card_hash: resident.cardHash,
    active: resident.active ? 1 : 0,
    revision: resident.revision,
    failed_attempts: 0,
    locked_until: null,
    ranking_opt_out: 0,
    pin_reset_required: 0,
    created_at: createdAt,
    updated_at: resident.updatedAt,
  };
}

/** Insert a resident and publish it to the station's kiosks (the seed uses this). */
export async function createResident(db: Kysely<Database>, resident: Resident, now: Date): Promise<number> {
  await db.insertInto('residents').values(residentRow(resident, now.toISOString())).execute();
  return recordChange(db, resident.stationId, 'resident', resident.id, resident satisfies KioskResident);
}
