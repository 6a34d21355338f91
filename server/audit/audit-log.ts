/**
 * The append-only audit log: who (staff, device) did what to which entity. Written inside the
 * same transaction as the action, so there is never an action without its record or a record of
 * an action that did not happen. The database itself refuses UPDATE and DELETE (triggers).
 */
import type { Kysely } from 'kysely';
import type { ActorKind, AuditEntry } from '../../domain/index.ts';
import type { Database } from '../db/schema.ts';

export interface AuditRecord {
  stationId: string;
  staffId?: string | null;
  staffNo?: string | null;
  /** The resident who acted, or for whom staff acted (proxy). */
  residentId?: string | null;
  /** Defaults from who is named: staff and resident → 'proxy', staff → 'staff', resident → 'resident'. */
  actorKind?: ActorKind | null;
  deviceId?: string | null;
  action: string;
  entity?: string | null;
  entityId?: string | null;
  detail: string;
}

const DETAIL_MAX = 500;

function kindOf(record: AuditRecord): ActorKind | null {
  if (record.actorKind !== undefined) return record.actorKind;
  const staff = Boolean(record.staffNo || record.staffId);
  const resident = Boolean(record.residentId);
  if (staff && resident) return 'proxy';
  if (staff) return 'staff';
  return resident ? 'resident' : null;
}

export async function writeAudit(db: Kysely<Database>, at: Date, record: AuditRecord): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: at.toISOString(),
      station_id: record.stationId,
      staff_id: record.staffId ?? null,
      staff_no: record.staffNo ?? null,
      resident_id: record.residentId ?? null,
      actor_kind: kindOf(record),
      device_id: record.deviceId ?? null,
      action: record.action,
      entity: record.entity ?? null,
      entity_id: record.entityId ?? null,
      detail: record.detail.length > DETAIL_MAX ? `${record.detail.slice(0, DETAIL_MAX - 1)}…` : record.detail,
    })
    .execute();
}

export async function listAudit(db: Kysely<Database>, stationId: string, limit: number): Promise<AuditEntry[]> {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('station_id', '=', stationId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.at,
    stationId: r.station_id,
    staffId: r.staff_id,
    staffNo: r.staff_no,
    residentId: r.resident_id,
    actorKind: r.actor_kind as ActorKind | null,
    deviceId: r.device_id,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    detail: r.detail,
  }));
}
