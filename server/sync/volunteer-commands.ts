/**
 * The volunteer commands a kiosk pushes: staff save activities, check people in and out from the
 * attendance list and ask for / decide hour corrections; a resident (or staff for them) signs up,
 * cancels, checks in and out at the venue kiosk. Each runs inside its push transaction, writes
 * its audit row there and publishes what changed to the station's kiosks.
 */
import {
  formatServiceHours,
  maskName,
  type ActivitySavePayload,
  type CommandOutcome,
  type StaffRole,
  type VolunteerAttendancePayload,
  type VolunteerCancelPayload,
  type VolunteerHoursCorrectionDecisionPayload,
  type VolunteerHoursCorrectionPayload,
  type VolunteerSignUpPayload,
  type VolunteerSignUpRecord,
} from '../../domain/index.ts';
import { recordChange } from '../content/changes.ts';
import { saveActivity } from '../volunteer/activities.ts';
import { checkIn, checkOut } from '../volunteer/attendance.ts';
import { decideCorrection, requestCorrection } from '../volunteer/corrections.ts';
import { cancelSignUp, signUpForActivity } from '../volunteer/sign-ups.ts';
import { auditCommand, resolveActor, type AppliedResult, type CommandScope, type ResolvedActor } from './command-scope.ts';

type Entity = 'activity' | 'volunteer-sign-up' | 'volunteer-hour-correction';

function replies(scope: CommandScope, entity: Entity, entityId: string) {
  const base = { seq: scope.seq, commandId: scope.commandId };
  const audit = (who: ResolvedActor | null, action: string, detail: string) => auditCommand(scope, who, { action, entity, entityId, detail });
  return {
    async rejected(who: ResolvedActor | null, reason: string, extra: Partial<CommandOutcome> = {}): Promise<AppliedResult> {
      await audit(who, 'sync.rejected', reason);
      return { outcome: { ...base, status: 'rejected', reason, ...extra } };
    },
    async conflict(who: ResolvedActor, reason: string, extra: Partial<CommandOutcome>): Promise<AppliedResult> {
      await audit(who, 'sync.conflict', reason);
      return { outcome: { ...base, status: 'conflict', reason, ...extra } };
    },
    async applied(who: ResolvedActor, action: string, detail: string, extra: Partial<CommandOutcome>, changeSeq?: number): Promise<AppliedResult> {
      await audit(who, action, detail);
      return { outcome: { ...base, status: 'applied', ...extra }, changeSeq };
    },
  };
}

/** Publish sign-ups to the station's kiosks; returns the last change cursor. */
async function publishSignUps(scope: CommandScope, signUps: readonly VolunteerSignUpRecord[]): Promise<number | undefined> {
  let seq: number | undefined;
  for (const s of signUps) seq = await recordChange(scope.trx, scope.stationId, 'volunteer-sign-up', s.id, s);
  return seq;
}

const maxSeq = (...seqs: (number | undefined)[]) => seqs.reduce<number | undefined>((m, s) => (s === undefined ? m : Math.max(m ?? 0, s)), undefined);

function whoText(actor: ResolvedActor): string {
  if (actor.kind === 'proxy') return `工作人员 ${actor.staff!.staffNo} 代居民 ${maskName(actor.resident!.name)}`;
  if (actor.kind === 'resident') return `居民 ${maskName(actor.resident!.name)}`;
  return `工作人员 ${actor.staff!.staffNo}`;
}

export async function applyActivitySave(scope: CommandScope, payload: ActivitySavePayload): Promise<AppliedResult> {
  const reply = replies(scope, 'activity', payload.activityId);
  const check = await resolveActor(scope);
  if (!check.ok) return reply.rejected(null, `${check.reason}，活动没有保存`);
  if (check.actor.kind !== 'staff') return reply.rejected(check.actor, '志愿活动只能由工作人员修改，活动没有保存');
  const result = await saveActivity(scope.trx, scope.dialect, { stationId: scope.stationId, activityId: payload.activityId, baseRevision: payload.baseRevision, draft: payload.draft, now: scope.now });
  if (result.kind === 'rejected') return reply.rejected(check.actor, result.reason);
  if (result.kind === 'conflict') return reply.conflict(check.actor, result.reason, { activity: result.current });
  const activitySeq = await recordChange(scope.trx, scope.stationId, 'activity', result.activity.id, result.activity);
  const promotedSeq = await publishSignUps(scope, result.promoted);
  const detail = `${payload.baseRevision === null ? '新建' : '修改'}志愿活动“${result.activity.title}”（第 ${result.activity.revision} 版）${result.promoted.length > 0 ? `，${result.promoted.length} 位候补转为报上` : ''}`;
  return reply.applied(check.actor, 'activity.save', detail, { activity: result.activity, promotedSignUps: result.promoted }, maxSeq(activitySeq, promotedSeq));
}

export async function applyVolunteerSignUp(scope: CommandScope, payload: VolunteerSignUpPayload): Promise<AppliedResult> {
  const reply = replies(scope, 'volunteer-sign-up', payload.signUpId);
  const check = await resolveActor(scope);
  if (!check.ok) return reply.rejected(null, `${check.reason}，没有报上名`);
  const actor = check.actor;
  if (!actor.resident) return reply.rejected(actor, '报名要写明是哪位居民（居民登录，或工作人员代办），没有报上名');
  const madeAt = payload.provisional ? new Date(scope.createdAt) : scope.now;
  const result = await signUpForActivity(scope.trx, scope.dialect, {
    signUpId: payload.signUpId,
    stationId: scope.stationId,
    activityId: payload.activityId,
    residentId: actor.resident.id,
    provisional: payload.provisional,
    signedUpBy: actor.kind === 'proxy' ? 'proxy' : 'resident',
    channel: 'kiosk',
    deviceId: scope.deviceId,
    now: scope.now,
    madeAt: Number.isNaN(madeAt.getTime()) ? scope.now : madeAt,
  });
  if (result.kind === 'unknown-activity') return reply.rejected(actor, '没有找到这个活动，没有报上名');
  if (result.kind === 'unknown-resident') return reply.rejected(actor, '没有找到这位居民，没有报上名');
  if (result.kind === 'id-taken') return reply.rejected(actor, '报名编号已经被别的报名用过了，没有报上名（数据可能被篡改）');
  if (result.kind === 'duplicate') return reply.applied(actor, 'volunteer.sign-up.repeat', `重复提交的报名：${result.activity.title}`, { volunteerSignUp: result.signUp });
  if (result.kind === 'refused') {
    // Online, the resident is in front of the kiosk: a plain refusal, nothing stored.
    if (!result.signUp) return reply.rejected(actor, result.message, { volunteerRefusal: result.refusal });
    // Provisional: the kiosk said "登记成功，联网后确认"; the refusal is stored and shown in 我的.
    const changeSeq = await recordChange(scope.trx, scope.stationId, 'volunteer-sign-up', result.signUp.id, result.signUp);
    return reply.applied(actor, 'volunteer.refused', `${whoText(actor)}离线登记的报名没有报上（${result.message}）`, { volunteerSignUp: result.signUp, volunteerRefusal: result.refusal }, changeSeq);
  }
  const changeSeq = await recordChange(scope.trx, scope.stationId, 'volunteer-sign-up', result.signUp.id, result.signUp);
  const status = result.signUp.status === 'confirmed' ? '报上名' : `候补（第 ${result.signUp.arrival} 位到达）`;
  return reply.applied(actor, 'volunteer.sign-up', `${whoText(actor)}报名“${result.activity.title}”：${status}${payload.provisional ? '（离线登记）' : ''}`, { volunteerSignUp: result.signUp }, changeSeq);
}

export async function applyVolunteerCancel(scope: CommandScope, payload: VolunteerCancelPayload): Promise<AppliedResult> {
  const reply = replies(scope, 'volunteer-sign-up', payload.signUpId);
  const check = await resolveActor(scope);
  if (!check.ok) return reply.rejected(null, `${check.reason}，没有取消报名`);
  const actor = check.actor;
  const result = await cancelSignUp(scope.trx, scope.dialect, {
    stationId: scope.stationId,
    signUpId: payload.signUpId,
    reason: payload.reason,
    residentOnly: actor.kind === 'resident' ? actor.resident!.id : null,
    now: scope.now,
  });
  if (result.kind === 'not-found') return reply.rejected(actor, '没有找到这次报名，没有取消');
  if (result.kind === 'cannot') return reply.rejected(actor, result.message);
  if (result.kind === 'duplicate') return reply.applied(actor, 'volunteer.cancel.repeat', '重复提交的取消报名', { volunteerSignUp: result.signUp });
  const changeSeq = await publishSignUps(scope, [result.signUp, ...result.promoted]);
  const promoted = result.promoted.length > 0 ? `，候补第一位自动报上` : '';
  return reply.applied(actor, 'volunteer.cancel', `${whoText(actor)}取消报名${result.signUp.reason ? `，原因：${result.signUp.reason}` : ''}${promoted}`, { volunteerSignUp: result.signUp, promotedSignUps: result.promoted }, changeSeq);
}

async function applyAttendance(scope: CommandScope, payload: VolunteerAttendancePayload, kind: 'check-in' | 'check-out'): Promise<AppliedResult> {
  const reply = replies(scope, 'volunteer-sign-up', payload.signUpId);
  const word = kind === 'check-in' ? '签到' : '签退';
  const check = await resolveActor(scope);
  if (!check.ok) return reply.rejected(null, `${check.reason}，没有${word}`);
  const actor = check.actor;
  const at = new Date(payload.at);
  if (Number.isNaN(at.getTime())) return reply.rejected(actor, `时间“${payload.at}”不正确，没有${word}`);
  const req = { stationId: scope.stationId, signUpId: payload.signUpId, at, residentOnly: actor.kind === 'resident' ? actor.resident!.id : null, now: scope.now };
  const result = kind === 'check-in' ? await checkIn(scope.trx, scope.dialect, req) : await checkOut(scope.trx, scope.dialect, req);
  if (result.kind === 'not-found') return reply.rejected(actor, `没有找到这次报名，没有${word}`);
  if (result.kind === 'cannot') return reply.rejected(actor, result.message);
  if (result.kind === 'duplicate') return reply.applied(actor, `volunteer.${kind}.repeat`, `重复提交的${word}：${result.activity.title}`, { volunteerSignUp: result.signUp });
  const changeSeq = await recordChange(scope.trx, scope.stationId, 'volunteer-sign-up', result.signUp.id, result.signUp);
  const hours = kind === 'check-out' ? `，服务 ${result.signUp.minutes} 分钟，计 ${formatServiceHours(result.signUp.hours ?? 0)}，${result.signUp.points} 积分` : '';
  return reply.applied(actor, `volunteer.${kind}`, `${whoText(actor)}${word}：${result.activity.title}${hours}`, { volunteerSignUp: result.signUp }, maxSeq(changeSeq, result.kind === 'done' ? result.pointsChangeSeq : undefined));
}

export function applyVolunteerCheckIn(scope: CommandScope, payload: VolunteerAttendancePayload): Promise<AppliedResult> {
  return applyAttendance(scope, payload, 'check-in');
}

export function applyVolunteerCheckOut(scope: CommandScope, payload: VolunteerAttendancePayload): Promise<AppliedResult> {
  return applyAttendance(scope, payload, 'check-out');
}

export async function applyHoursCorrection(scope: CommandScope, payload: VolunteerHoursCorrectionPayload): Promise<AppliedResult> {
  const reply = replies(scope, 'volunteer-hour-correction', payload.correctionId);
  const check = await resolveActor(scope);
  if (!check.ok) return reply.rejected(null, `${check.reason}，更正没有提交`);
  if (check.actor.kind !== 'staff') return reply.rejected(check.actor, '时长更正只能由工作人员提出，更正没有提交');
  const result = await requestCorrection(scope.trx, scope.dialect, { stationId: scope.stationId, ...payload, staffId: check.actor.staff!.id, now: scope.now });
  if (result.kind === 'cannot') return reply.rejected(check.actor, result.message);
  const c = result.correction;
  return reply.applied(check.actor, result.kind === 'duplicate' ? 'volunteer.hours-correction.repeat' : 'volunteer.hours-correction', `申请更正服务时长：${formatServiceHours(c.fromHours)} → ${formatServiceHours(c.toHours)}，原因：${c.reason}`, { hoursCorrection: c });
}

export async function applyHoursCorrectionDecision(scope: CommandScope, payload: VolunteerHoursCorrectionDecisionPayload): Promise<AppliedResult> {
  const reply = replies(scope, 'volunteer-hour-correction', payload.correctionId);
  const check = await resolveActor(scope);
  if (!check.ok) return reply.rejected(null, `${check.reason}，更正没有审核`);
  if (check.actor.kind !== 'staff') return reply.rejected(check.actor, '时长更正只能由工作人员审核');
  const staffRow = await scope.trx.selectFrom('staff').select(['id', 'role']).where('id', '=', check.actor.staff!.id).executeTakeFirstOrThrow();
  const result = await decideCorrection(scope.trx, scope.dialect, { stationId: scope.stationId, correctionId: payload.correctionId, approve: payload.approve, staff: { id: staffRow.id, role: staffRow.role as StaffRole }, now: scope.now });
  if (result.kind === 'cannot') return reply.rejected(check.actor, result.message);
  const c = result.correction;
  const signUpSeq = await recordChange(scope.trx, scope.stationId, 'volunteer-sign-up', result.signUp.id, result.signUp);
  const detail = payload.approve ? `同意更正服务时长：${formatServiceHours(c.fromHours)} → ${formatServiceHours(c.toHours)}，积分变动 ${c.pointsDelta ?? 0}` : `不同意更正服务时长（${c.reason}）`;
  return reply.applied(check.actor, payload.approve ? 'volunteer.hours-approved' : 'volunteer.hours-rejected', detail, { hoursCorrection: c, volunteerSignUp: result.signUp }, maxSeq(signUpSeq, result.pointsChangeSeq));
}
