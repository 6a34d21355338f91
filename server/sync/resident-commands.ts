/**
 * The resident commands a kiosk pushes: staff register a resident, a PIN is (re)set, and staff
 * begin acting for a resident (proxy). Each runs inside the push transaction of its command and
 * writes its audit row there; duplicates and broken rules become a `rejected` outcome with a
 * reason staff can read, never a half-stored resident.
 */
import {
  isStandardPinHash,
  maskName,
  maskPhone,
  validateResidentDraft,
  type Resident,
  type ResidentProxySessionPayload,
  type ResidentRegisterPayload,
  type ResidentSetPinPayload,
} from '../../domain/index.ts';
import { normalizeTime } from '../content/notices.ts';
import { isLinked, kioskResidentFromRow, linkResidentToDevice, PIN_RESET_REQUIRED_MESSAGE, withoutVerifier } from '../content/resident-devices.ts';
import { residentRow } from '../content/residents.ts';
import { commandReplies, resolveActor, type AppliedResult, type CommandScope } from './command-scope.ts';

/** Which unique rule a new resident breaks, in plain words (null: none). */
async function duplicateReason(scope: CommandScope, payload: ResidentRegisterPayload): Promise<string | null> {
  const { trx, stationId } = scope;
  const byId = await trx.selectFrom('residents').select('station_id').where('id', '=', payload.residentId).executeTakeFirst();
  if (byId) return byId.station_id === stationId ? '这位居民已经登记过了' : '居民编号已被其他服务站使用';
  // Phone and card are each unique within a station.
  const taken = async (column: 'phone' | 'card_hash', value: string) =>
    (await trx.selectFrom('residents').select('id').where('station_id', '=', stationId).where(column, '=', value).executeTakeFirst()) !== undefined;
  if (await taken('phone', payload.phone)) return `手机号 ${maskPhone(payload.phone)} 已经登记过了，同一个手机号只能登记一位居民`;
  if (payload.cardHash !== undefined && (await taken('card_hash', payload.cardHash))) return '这张居民卡已经登记给别的居民了';
  return null;
}

export async function applyResidentRegister(scope: CommandScope, payload: ResidentRegisterPayload): Promise<AppliedResult> {
  const { trx, now, stationId } = scope;
  const reply = commandReplies(scope, 'resident', payload.residentId);

  const check = await resolveActor(scope);
  if (!check.ok) return reply.rejected(null, `${check.reason}，居民没有登记`);
  if (!check.actor.staff) return reply.rejected(check.actor, '居民登记需要工作人员办理，居民没有登记');
  const actor = check.actor;

  const problems = Object.values(validateResidentDraft(payload, now));
  if (problems.length > 0) return reply.rejected(actor, `居民没有登记：${problems.join('；')}`);
  if (!isStandardPinHash(payload.pinHash)) return reply.rejected(actor, '密码的保存方式不够安全，居民没有登记，请更新一体机后重新登记');

  const duplicate = await duplicateReason(scope, payload);
  if (duplicate) return reply.rejected(actor, `${duplicate}，居民没有登记`);

  const t = now.toISOString();
  const resident: Resident = {
    id: payload.residentId,
    stationId,
    name: payload.name.trim(),
    phone: payload.phone,
    birthYear: payload.birthYear,
    building: payload.building.trim(),
    consentAt: normalizeTime(payload.consentAt),
    pinHash: payload.pinHash,
    cardHash: payload.cardHash ?? null,
    active: true,
    revision: 1,
    updatedAt: t,
  };
  // DO NOTHING instead of an error: in PostgreSQL a unique violation would abort the whole push
  // transaction. Losing a race to another kiosk then reads as the duplicate it is.
  const inserted = await trx
    .insertInto('residents')
    .values(residentRow(resident, t))
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return reply.rejected(actor, `${(await duplicateReason(scope, payload)) ?? '这位居民刚刚在别的一体机上登记过了'}，居民没有登记`);
  // She chose her PIN at this kiosk: it may check it offline.
  await linkResidentToDevice(trx, { residentId: resident.id, deviceId: scope.deviceId, stationId, reason: 'registered', now });

  const detail = `登记居民 ${maskName(resident.name)}（${resident.building}，${maskPhone(resident.phone)}${resident.cardHash ? '，有居民卡' : ''}），已告知用途并取得同意`;
  return reply.applied(actor, 'resident.register', detail, { resident });
}

export async function applyResidentSetPin(scope: CommandScope, payload: ResidentSetPinPayload): Promise<AppliedResult> {
  const { trx, now, stationId } = scope;
  const reply = commandReplies(scope, 'resident', payload.residentId);

  const check = await resolveActor(scope);
  if (!check.ok) return reply.rejected(null, `${check.reason}，密码没有修改`);
  const actor = check.actor;
  // A resident may change only their own PIN; staff may reset anyone's.
  if (actor.resident && actor.resident.id !== payload.residentId) return reply.rejected(actor, '只能修改自己的密码，密码没有修改');
  if (!isStandardPinHash(payload.pinHash)) return reply.rejected(actor, '密码的保存方式不够安全，密码没有修改，请更新一体机');

  const existing = await trx
    .selectFrom('residents')
    .selectAll()
    .where('id', '=', payload.residentId)
    .where('station_id', '=', stationId)
    .executeTakeFirst();
  if (!existing || existing.active !== 1) return reply.rejected(actor, '没有找到这位居民，密码没有修改');
  // After a lost kiosk only staff, who see the person, may give her a PIN again.
  if (!actor.staff && existing.pin_reset_required === 1) return reply.rejected(actor, `${PIN_RESET_REQUIRED_MESSAGE}，密码没有修改`);

  const t = now.toISOString();
  // Conditional on the revision: the check and the write are one step. A new PIN also ends a
  // website lockout and a required reset — staff resetting it have seen the person.
  const updated = await trx
    .updateTable('residents')
    .set({ pin_hash: payload.pinHash, revision: payload.baseRevision + 1, failed_attempts: 0, locked_until: null, pin_reset_required: 0, updated_at: t })
    .where('id', '=', payload.residentId)
    .where('revision', '=', payload.baseRevision)
    .returningAll()
    .executeTakeFirst();
  if (!updated) {
    const current = kioskResidentFromRow(await trx.selectFrom('residents').selectAll().where('id', '=', payload.residentId).executeTakeFirstOrThrow());
    const reason = '这位居民的资料刚被修改过（可能在别的一体机上重置过密码），请重新设置一次密码';
    // The server's copy, with her verifier only if this kiosk may hold it.
    const copy = (await isLinked(trx, current.id, scope.deviceId)) ? current : withoutVerifier(current);
    return reply.conflict(actor, reason, { resident: copy });
  }
  // Her sessions elsewhere (websites) end with the old PIN; this kiosk now checks the new one offline.
  await trx.deleteFrom('resident_sessions').where('resident_id', '=', updated.id).execute();
  await linkResidentToDevice(trx, { residentId: updated.id, deviceId: scope.deviceId, stationId, reason: 'pin-set', now });
  const resident = kioskResidentFromRow(updated);
  const detail = actor.kind === 'resident' ? '居民修改了自己的密码' : `为居民 ${maskName(resident.name)} 重新设置密码`;
  return reply.applied(actor, 'resident.set-pin', detail, { resident });
}

export async function applyResidentProxySession(scope: CommandScope, payload: ResidentProxySessionPayload): Promise<AppliedResult> {
  const reply = commandReplies(scope, 'resident', payload.residentId);
  const check = await resolveActor(scope);
  if (!check.ok) return reply.rejected(null, `${check.reason}，代办没有记录`);
  const actor = check.actor;
  if (actor.kind !== 'proxy' || actor.resident?.id !== payload.residentId) {
    return reply.rejected(actor, '代办记录必须同时写明工作人员和被代办的居民');
  }
  const detail = `工作人员 ${actor.staff!.staffNo} 开始代居民 ${maskName(actor.resident.name)} 办理（${normalizeTime(payload.startedAt)}）`;
  return reply.applied(actor, 'resident.proxy-session', detail);
}
