/**
 * Hour corrections: a staff member asks, another staff member (a manager, never the one who
 * asked — canDecideCorrection) approves or rejects. An approval moves the points difference
 * (correctionPointsDelta) through the ledger once: an earning when hours go up, a reversal back to
 * the station when they go down (refused in plain words when the resident has spent the points).
 */
import type { Transaction } from 'kysely';
import {
  canDecideCorrection,
  correctionPointsDelta,
  CORRECTION_DECISION_REFUSALS,
  formatServiceHours,
  issuedAccount,
  residentAccount,
  validateHoursCorrection,
  type HoursCorrectionRecord,
  type StaffRole,
  type VolunteerSignUpRecord,
} from '../../domain/index.ts';
import type { Database, DialectName } from '../db/schema.ts';
import { lockResident, publishAccount, transfer } from '../points/ledger.ts';
import { correctionFromRow, findActivity, findSignUp, lockStationForVolunteer, staffNumbers } from './volunteer-store.ts';

type Trx = Transaction<Database>;

export interface CorrectionRequest {
  stationId: string;
  correctionId: string;
  signUpId: string;
  hours: number;
  reason: string;
  staffId: string;
  now: Date;
}

export type CorrectionResult = { kind: 'requested' | 'duplicate'; correction: HoursCorrectionRecord } | { kind: 'cannot'; message: string };

async function correctionById(trx: Trx, stationId: string, id: string): Promise<HoursCorrectionRecord | null> {
  const row = await trx.selectFrom('volunteer_hour_corrections').selectAll().where('id', '=', id).where('station_id', '=', stationId).executeTakeFirst();
  return row ? correctionFromRow(row, await staffNumbers(trx, stationId)) : null;
}

export async function requestCorrection(trx: Trx, dialect: DialectName, req: CorrectionRequest): Promise<CorrectionResult> {
  await lockStationForVolunteer(trx, dialect, req.stationId);
  const again = await trx.selectFrom('volunteer_hour_corrections').select(['station_id', 'sign_up_id']).where('id', '=', req.correctionId).executeTakeFirst();
  if (again) {
    if (again.station_id !== req.stationId || again.sign_up_id !== req.signUpId) return { kind: 'cannot', message: '更正编号已经用于别的更正，没有提交（数据可能被篡改）' };
    return { kind: 'duplicate', correction: (await correctionById(trx, req.stationId, req.correctionId))! };
  }
  const signUp = await findSignUp(trx, req.signUpId);
  if (!signUp || signUp.stationId !== req.stationId) return { kind: 'cannot', message: '没有找到这次报名，更正没有提交' };
  if (signUp.checkOutAt === null || signUp.hours === null) return { kind: 'cannot', message: '还没有签退，没有时长可以更正' };
  const problems = validateHoursCorrection({ fromHours: signUp.hours, toHours: req.hours, reason: req.reason });
  if (problems.length > 0) return { kind: 'cannot', message: `更正没有提交：${problems.join('；')}` };
  const pending = await trx.selectFrom('volunteer_hour_corrections').select('id').where('sign_up_id', '=', signUp.id).where('status', '=', 'pending').executeTakeFirst();
  if (pending) return { kind: 'cannot', message: '这次服务已经有一条更正在等审核，请先处理那一条' };
  await trx
    .insertInto('volunteer_hour_corrections')
    .values({
      id: req.correctionId,
      station_id: req.stationId,
      sign_up_id: signUp.id,
      resident_id: signUp.residentId,
      activity_id: signUp.activityId,
      from_minutes: Math.round(signUp.hours * 60),
      to_minutes: Math.round(req.hours * 60),
      reason: req.reason.trim(),
      requested_by: req.staffId,
      requested_at: req.now.toISOString(),
      status: 'pending',
      decided_by: null,
      decided_at: null,
      transfer_id: null,
      points_delta: null,
    })
    .execute();
  return { kind: 'requested', correction: (await correctionById(trx, req.stationId, req.correctionId))! };
}

export interface DecisionRequest {
  stationId: string;
  correctionId: string;
  approve: boolean;
  staff: { id: string; role: StaffRole };
  now: Date;
}

export type DecisionResult =
  | { kind: 'decided'; correction: HoursCorrectionRecord; signUp: VolunteerSignUpRecord; pointsChangeSeq?: number }
  | { kind: 'cannot'; message: string };

export async function decideCorrection(trx: Trx, dialect: DialectName, req: DecisionRequest): Promise<DecisionResult> {
  await lockStationForVolunteer(trx, dialect, req.stationId);
  const correction = await correctionById(trx, req.stationId, req.correctionId);
  if (!correction) return { kind: 'cannot', message: '没有找到这条更正' };
  const may = canDecideCorrection(correction, req.staff);
  if (!may.ok) return { kind: 'cannot', message: CORRECTION_DECISION_REFUSALS[may.refusal] };
  const signUp = (await findSignUp(trx, correction.signUpId))!;
  const t = req.now.toISOString();
  if (!req.approve) {
    await trx.updateTable('volunteer_hour_corrections').set({ status: 'rejected', decided_by: req.staff.id, decided_at: t, points_delta: 0 }).where('id', '=', correction.id).execute();
    return { kind: 'decided', correction: (await correctionById(trx, req.stationId, correction.id))!, signUp };
  }
  const activity = (await findActivity(trx, req.stationId, signUp.activityId))!;
  // The hours may have changed since the request (another correction): the difference is from now.
  const from = signUp.hours ?? 0;
  const delta = correctionPointsDelta({ fromHours: from, toHours: correction.toHours }, activity.pointsPerHour);
  const scope = { trx, dialect, stationId: req.stationId, now: req.now };
  let transferId: string | null = null;
  let pointsChangeSeq: number | undefined;
  if (delta !== 0) {
    transferId = crypto.randomUUID();
    await lockResident(scope, signUp.residentId);
    const memo = `志愿服务时长更正：${activity.title}，${formatServiceHours(from)} → ${formatServiceHours(correction.toHours)}（${correction.reason}）`.slice(0, 200);
    const moved = await transfer(
      scope,
      delta > 0
        ? { id: transferId, kind: 'earn', from: issuedAccount(req.stationId), to: residentAccount(signUp.residentId), amount: delta, residentId: signUp.residentId, deed: 'volunteer-hour', memo }
        : { id: transferId, kind: 'reversal', from: residentAccount(signUp.residentId), to: issuedAccount(req.stationId), amount: -delta, residentId: signUp.residentId, deed: 'volunteer-hour', memo },
    );
    if (moved.status === 'insufficient') return { kind: 'cannot', message: `居民现在的积分不够扣回 ${-delta} 分（可能已经兑换掉了），更正没有通过` };
    pointsChangeSeq = (await publishAccount(scope, signUp.residentId)).changeSeq;
  }
  const toMinutes = Math.round(correction.toHours * 60);
  await trx.updateTable('volunteer_sign_ups').set({ credited_minutes: toMinutes, points: signUp.points + delta, updated_at: t }).where('id', '=', signUp.id).execute();
  await trx.updateTable('volunteer_hour_corrections').set({ status: 'approved', decided_by: req.staff.id, decided_at: t, transfer_id: transferId, points_delta: delta }).where('id', '=', correction.id).execute();
  return {
    kind: 'decided',
    correction: (await correctionById(trx, req.stationId, correction.id))!,
    signUp: { ...signUp, hours: correction.toHours, points: signUp.points + delta },
    pointsChangeSeq,
  };
}
