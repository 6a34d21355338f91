/**
 * Check-in and check-out. Check-out turns the time into credited hours with the station's
 * rounding rule (serviceHours) and the hours into points (pointsForHours), paid through the
 * ledger as a 'volunteer-hour' earning. The award's transfer id is fixed on the sign-up row in the
 * same transaction as the check-out, and a sign-up is checked out once: a retried, duplicated or
 * concurrent check-out finds check_out_at set and pays nothing more.
 */
import { formatServiceHours, issuedAccount, pointsForHours, residentAccount, serviceHours, type Activity, type VolunteerSignUpRecord } from '../../domain/index.ts';
import type { DialectName } from '../db/schema.ts';
import { lockResident, publishAccount, transfer } from '../points/ledger.ts';
import { findActivity, findSignUp, lockStationForVolunteer, stationRoundingRule, type Db } from './volunteer-store.ts';

export interface AttendanceRequest {
  stationId: string;
  signUpId: string;
  at: Date;
  /** A resident alone may check in or out only themselves. */
  residentOnly: string | null;
  now: Date;
}

export type AttendanceResult =
  | { kind: 'done'; signUp: VolunteerSignUpRecord; activity: Activity; pointsChangeSeq?: number }
  | { kind: 'duplicate'; signUp: VolunteerSignUpRecord; activity: Activity }
  | { kind: 'not-found' }
  | { kind: 'cannot'; message: string };

/** Check-in opens two hours before the start; check-in and check-out close twelve hours after the end. */
const EARLY_MS = 2 * 3_600_000;
const LATE_MS = 12 * 3_600_000;

async function load(trx: Db, dialect: DialectName, req: AttendanceRequest) {
  await lockStationForVolunteer(trx, dialect, req.stationId);
  const signUp = await findSignUp(trx, req.signUpId);
  if (!signUp || signUp.stationId !== req.stationId) return null;
  if (req.residentOnly !== null && signUp.residentId !== req.residentOnly) return null;
  const activity = (await findActivity(trx, req.stationId, signUp.activityId))!;
  return { signUp, activity };
}

function outsideWindow(activity: Activity, at: Date, now: Date): string | null {
  const t = at.getTime();
  if (t > now.getTime() + 5 * 60_000) return '签到签退的时间不能晚于现在';
  if (t < Date.parse(activity.startAt) - EARLY_MS) return '活动开始前两小时才能签到';
  if (t > Date.parse(activity.endAt) + LATE_MS) return '活动已经结束很久了，不能再签到签退；请找工作人员更正时长';
  return null;
}

export async function checkIn(trx: Db, dialect: DialectName, req: AttendanceRequest): Promise<AttendanceResult> {
  const found = await load(trx, dialect, req);
  if (!found) return { kind: 'not-found' };
  const { signUp, activity } = found;
  if (signUp.checkInAt !== null) return { kind: 'duplicate', signUp, activity };
  if (signUp.status !== 'confirmed') return { kind: 'cannot', message: signUp.status === 'waitlisted' ? '还在候补，没有报上名，不能签到' : '这次报名已经取消或没有报上，不能签到' };
  if (activity.cancelled) return { kind: 'cannot', message: '这个活动已经取消了，不能签到' };
  const wrong = outsideWindow(activity, req.at, req.now);
  if (wrong) return { kind: 'cannot', message: wrong };
  const at = req.at.toISOString();
  await trx.updateTable('volunteer_sign_ups').set({ check_in_at: at, updated_at: req.now.toISOString() }).where('id', '=', signUp.id).where('check_in_at', 'is', null).execute();
  return { kind: 'done', signUp: { ...signUp, checkInAt: at }, activity };
}

export async function checkOut(trx: Db, dialect: DialectName, req: AttendanceRequest): Promise<AttendanceResult> {
  const found = await load(trx, dialect, req);
  if (!found) return { kind: 'not-found' };
  const { signUp, activity } = found;
  if (signUp.checkOutAt !== null) return { kind: 'duplicate', signUp, activity };
  if (signUp.checkInAt === null) return { kind: 'cannot', message: '还没有签到，不能签退' };
  if (req.at.getTime() < Date.parse(signUp.checkInAt)) return { kind: 'cannot', message: '签退时间早于签到时间，请检查时间' };
  const wrong = outsideWindow(activity, req.at, req.now);
  if (wrong) return { kind: 'cannot', message: wrong };

  const { rule } = await stationRoundingRule(trx, req.stationId);
  const { minutes, hours } = serviceHours(rule, signUp.checkInAt, req.at);
  const points = pointsForHours(hours, activity.pointsPerHour);
  const awardTransferId = points > 0 ? crypto.randomUUID() : null;
  const at = req.at.toISOString();
  const t = req.now.toISOString();
  // The check-out is claimed first (WHERE check_out_at IS NULL): only the claimant pays.
  const claimed = await trx
    .updateTable('volunteer_sign_ups')
    .set({ check_out_at: at, minutes, credited_minutes: Math.round(hours * 60), updated_at: t })
    .where('id', '=', signUp.id)
    .where('check_out_at', 'is', null)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) {
    const again = (await findSignUp(trx, signUp.id))!;
    return { kind: 'duplicate', signUp: again, activity };
  }
  let pointsChangeSeq: number | undefined;
  if (awardTransferId !== null) {
    const scope = { trx: trx as Parameters<typeof transfer>[0]['trx'], dialect, stationId: req.stationId, now: req.now };
    await lockResident(scope, signUp.residentId);
    const moved = await transfer(scope, {
      id: awardTransferId,
      kind: 'earn',
      from: issuedAccount(req.stationId),
      to: residentAccount(signUp.residentId),
      amount: points,
      residentId: signUp.residentId,
      deed: 'volunteer-hour',
      memo: `志愿服务：${activity.title}，${formatServiceHours(hours)}`.slice(0, 200),
    });
    if (moved.status !== 'applied') throw new Error(`volunteer award ${awardTransferId}: ${moved.status}`);
    await trx.updateTable('volunteer_sign_ups').set({ points, award_transfer_id: awardTransferId }).where('id', '=', signUp.id).execute();
    pointsChangeSeq = (await publishAccount(scope, signUp.residentId)).changeSeq;
  }
  return { kind: 'done', signUp: { ...signUp, checkOutAt: at, minutes, hours, points, awardTransferId }, activity, pointsChangeSeq };
}
