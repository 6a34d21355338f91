/**
 * What every pushed command runs with: its transaction, the time, where it came from, and who
 * acted. The actor is checked here once for every command type (every handler in push.ts calls
 * resolveActor first): a staff number must be active staff of the device's station, the command
 * must carry that staff member's proof (HMAC by the command key only their secret gives, so a
 * copied kiosk profile cannot act as staff), and their role must hold the command's permission
 * (domain/roles.ts); a resident id must be a resident of that station.
 */
import type { Transaction } from 'kysely';
import {
  actorKind,
  base64ToBytes,
  missingCommandPermission,
  permissionRefusal,
  verifyCommandProof,
  type ActorKind,
  type CommandActor,
  type CommandOutcome,
  type CommandPayloads,
  type CommandType,
  type KioskResident,
  type Notice,
} from '../../domain/index.ts';
import { writeAudit } from '../audit/audit-log.ts';
import { recordChange } from '../content/changes.ts';
import { residentNotLinkedReason } from '../content/resident-devices.ts';
import type { Database, DialectName } from '../db/schema.ts';

export interface CommandScope {
  trx: Transaction<Database>;
  dialect: DialectName;
  now: Date;
  /** When the person did it (the kiosk's clock). */
  createdAt: string;
  stationId: string;
  deviceId: string;
  commandId: string;
  seq: number;
  /** The command's type and payload: what a staff proof covers and the role table is asked about. */
  type: CommandType;
  payload: CommandPayloads[CommandType];
  actor: CommandActor;
}

/** The reason of every command whose staff proof is missing or wrong. */
export const STAFF_PROOF_REFUSAL = '工作人员身份验证失败，请工作人员重新登录后再操作';

async function staffProofHolds(scope: CommandScope, commandKey: string | null): Promise<boolean> {
  // A staff member from before secrets has no key: nothing they are named on is accepted.
  if (!commandKey) return false;
  const { commandId: id, type, payload, createdAt, actor } = scope;
  return verifyCommandProof(base64ToBytes(commandKey), { id, type, payload, createdAt, actor }, actor.staffProof);
}

export interface AppliedResult {
  outcome: CommandOutcome;
  /** The station's change cursor after this command, when it changed replicated content. */
  changeSeq?: number;
}

export interface ResolvedActor {
  /** null: the kiosk itself, with no person named (only points.allowance-renew allows it). */
  kind: ActorKind | null;
  staff: { id: string; staffNo: string } | null;
  resident: { id: string; name: string } | null;
}

export type ActorCheck = { ok: true; actor: ResolvedActor } | { ok: false; reason: string };

export async function resolveActor(scope: CommandScope, options: { deviceMayAct?: boolean } = {}): Promise<ActorCheck> {
  const { trx, stationId, actor } = scope;
  const kind = actorKind(actor);
  if (kind === null && !options.deviceMayAct) return { ok: false, reason: '指令没有注明操作人' };
  let staff: ResolvedActor['staff'] = null;
  if (actor.staffNo !== undefined) {
    const row = await trx
      .selectFrom('staff')
      .select(['id', 'staff_no', 'active', 'role', 'command_key'])
      .where('station_id', '=', stationId)
      .where('staff_no', '=', actor.staffNo)
      .executeTakeFirst();
    if (!row || row.active !== 1) return { ok: false, reason: `工号 ${actor.staffNo} 不是本站在职的工作人员` };
    if (!(await staffProofHolds(scope, row.command_key))) return { ok: false, reason: STAFF_PROOF_REFUSAL };
    const missing = missingCommandPermission(row.role, scope.type, scope.payload, actor.residentId !== undefined);
    if (missing) return { ok: false, reason: permissionRefusal(missing) };
    staff = { id: row.id, staffNo: row.staff_no };
  }
  let resident: ResolvedActor['resident'] = null;
  if (actor.residentId !== undefined) {
    const row = await trx
      .selectFrom('residents')
      .select(['id', 'name', 'active'])
      .where('station_id', '=', stationId)
      .where('id', '=', actor.residentId)
      .executeTakeFirst();
    if (!row || row.active !== 1) return { ok: false, reason: '没有找到这位居民（不是本站登记的居民）' };
    // The resident's own word (no staff member named) counts only from a kiosk linked to her.
    const notLinked = actor.staffNo === undefined ? await residentNotLinkedReason(trx, row.id, scope.deviceId) : null;
    if (notLinked) return { ok: false, reason: notLinked };
    resident = { id: row.id, name: row.name };
  }
  return { ok: true, actor: { kind, staff, resident } };
}

export interface ScopedAudit {
  action: string;
  entity: string;
  entityId: string;
  detail: string;
}

/**
 * One audit row for this command. With a resolved actor its ids are recorded; without one (the
 * actor did not check out) what the kiosk claimed is recorded, so forged claims stay visible.
 */
export function auditCommand(scope: CommandScope, actor: ResolvedActor | null, entry: ScopedAudit): Promise<void> {
  return writeAudit(scope.trx, scope.now, {
    stationId: scope.stationId,
    deviceId: scope.deviceId,
    staffId: actor?.staff?.id ?? null,
    staffNo: actor ? (actor.staff?.staffNo ?? null) : (scope.actor.staffNo ?? null),
    residentId: actor ? (actor.resident?.id ?? null) : (scope.actor.residentId ?? null),
    actorKind: actor ? actor.kind : actorKind(scope.actor),
    ...entry,
  });
}

/** A replicated copy an outcome carries: as stored (applied) or the server's current one (conflict). */
export type StoredCopy = { notice: Notice } | { resident: KioskResident };

export interface CommandReplies {
  /** Audited as `sync.rejected`; nothing else is stored. */
  rejected(who: ResolvedActor | null, reason: string): Promise<AppliedResult>;
  /** Audited as `sync.conflict`; the outcome carries the server's current copy. */
  conflict(who: ResolvedActor, reason: string, current: StoredCopy): Promise<AppliedResult>;
  /** Audited as `action`; with a stored copy, that copy also goes into the change feed. */
  applied(who: ResolvedActor, action: string, detail: string, stored?: StoredCopy): Promise<AppliedResult>;
}

/** The outcomes of one command about one entity, each with its audit row. */
export function commandReplies(scope: CommandScope, entity: 'notice' | 'resident', entityId: string): CommandReplies {
  const base = { seq: scope.seq, commandId: scope.commandId };
  const audit = (who: ResolvedActor | null, action: string, detail: string) => auditCommand(scope, who, { action, entity, entityId, detail });
  return {
    async rejected(who, reason) {
      await audit(who, 'sync.rejected', reason);
      return { outcome: { ...base, status: 'rejected', reason } };
    },
    async conflict(who, reason, current) {
      await audit(who, 'sync.conflict', reason);
      return { outcome: { ...base, status: 'conflict', reason, ...current } };
    },
    async applied(who, action, detail, stored) {
      const changeSeq = stored && (await recordChange(scope.trx, scope.stationId, entity, entityId, 'notice' in stored ? stored.notice : stored.resident));
      await audit(who, action, detail);
      return { outcome: { ...base, status: 'applied', ...stored }, changeSeq };
    },
  };
}
