/**
 * Signing up and cancelling, the one place the server decides. The sync commands and the website
 * routes call these inside their own transaction; the rules are the domain's (signUpDecision,
 * promoteFromWaitlist, overlappingActivities). This file gathers their inputs under the station
 * lock, so counting the confirmed places, numbering the arrival and the insert are one step.
 */
import { overlappingActivities, signUpDecision, type Activity, type SignUpRefusal, type VolunteerChannel, type VolunteerSignedUpBy, type VolunteerSignUpRecord } from '../../domain/index.ts';
import type { DialectName, VolunteerSignUpsTable } from '../db/schema.ts';
import { fillFreePlaces } from './activities.ts';
import { activityFromRow, confirmedCount, findActivity, findSignUp, lockStationForVolunteer, type Db } from './volunteer-store.ts';

export interface SignUpRequest {
  signUpId: string;
  stationId: string;
  activityId: string;
  residentId: string;
  /** Made at an offline kiosk: a refusal is stored too, so the resident reads it in 我的. */
  provisional: boolean;
  signedUpBy: VolunteerSignedUpBy;
  channel: VolunteerChannel;
  deviceId: string | null;
  /** The server's time of arrival. */
  now: Date;
  /**
   * When the person signed up: for an offline kiosk the time it was made there (never later than
   * the arrival), as signUpDecision asks; online it is `now`.
   */
  madeAt: Date;
}

export type SignUpResult =
  | { kind: 'signed-up'; signUp: VolunteerSignUpRecord; activity: Activity; overlapping: Activity[] }
  | { kind: 'duplicate'; signUp: VolunteerSignUpRecord; activity: Activity; overlapping: Activity[] }
  /** `signUp`: the stored refused sign-up (provisional) or null (online: nothing stored). */
  | { kind: 'refused'; refusal: SignUpRefusal; message: string; signUp: VolunteerSignUpRecord | null }
  | { kind: 'id-taken' }
  | { kind: 'unknown-activity' }
  | { kind: 'unknown-resident' };

/** The resident's confirmed and waitlisted activities that overlap `activity`. */
export async function overlapsFor(db: Db, residentId: string, activity: Activity): Promise<Activity[]> {
  const rows = await db
    .selectFrom('volunteer_sign_ups as s')
    .innerJoin('activities as a', 'a.id', 's.activity_id')
    .selectAll('a')
    .where('s.resident_id', '=', residentId)
    .where('s.status', 'in', ['confirmed', 'waitlisted'])
    .where('a.id', '<>', activity.id)
    .where('a.cancelled', '=', 0)
    .execute();
  return overlappingActivities(rows.map(activityFromRow), activity);
}

function signUpRow(s: VolunteerSignUpRecord, deviceId: string | null): VolunteerSignUpsTable {
  return {
    id: s.id,
    station_id: s.stationId,
    activity_id: s.activityId,
    resident_id: s.residentId,
    status: s.status,
    arrival: s.arrival,
    refusal: s.refusal,
    reason: s.reason,
    signed_up_by: s.signedUpBy,
    channel: s.channel,
    device_id: deviceId,
    created_at: s.createdAt,
    cancelled_at: null,
    check_in_at: null,
    check_out_at: null,
    minutes: null,
    credited_minutes: null,
    points: 0,
    award_transfer_id: null,
    updated_at: s.createdAt,
  };
}

/** Sign up inside the caller's transaction `trx`: the place count and the insert happen under one lock. */
export async function signUpForActivity(trx: Db, dialect: DialectName, req: SignUpRequest): Promise<SignUpResult> {
  await lockStationForVolunteer(trx, dialect, req.stationId);
  const existing = await findSignUp(trx, req.signUpId);
  if (existing) {
    if (existing.residentId !== req.residentId || existing.stationId !== req.stationId || existing.activityId !== req.activityId) return { kind: 'id-taken' };
    const activity = (await findActivity(trx, req.stationId, existing.activityId))!;
    return { kind: 'duplicate', signUp: existing, activity, overlapping: await overlapsFor(trx, req.residentId, activity) };
  }
  const activity = await findActivity(trx, req.stationId, req.activityId);
  if (!activity) return { kind: 'unknown-activity' };
  const person = await trx
    .selectFrom('residents')
    .select(['id', 'birth_year', 'active'])
    .where('id', '=', req.residentId)
    .where('station_id', '=', req.stationId)
    .executeTakeFirst();
  if (!person || person.active !== 1) return { kind: 'unknown-resident' };
  const live = await trx
    .selectFrom('volunteer_sign_ups')
    .select('id')
    .where('activity_id', '=', activity.id)
    .where('resident_id', '=', req.residentId)
    .where('status', 'in', ['confirmed', 'waitlisted'])
    .executeTakeFirst();
  const decision = signUpDecision(activity, {
    confirmedCount: await confirmedCount(trx, activity.id),
    now: req.madeAt.getTime() > req.now.getTime() ? req.now : req.madeAt,
    resident: { birthYear: person.birth_year },
    alreadySignedUp: live !== undefined,
  });
  if (decision.status === 'refused' && !req.provisional) return { kind: 'refused', refusal: decision.refusal, message: decision.message, signUp: null };

  const last = await trx
    .selectFrom('volunteer_sign_ups')
    .select((eb) => eb.fn.max<number | string | null>('arrival').as('n'))
    .where('activity_id', '=', activity.id)
    .executeTakeFirstOrThrow();
  const t = req.now.toISOString();
  const signUp: VolunteerSignUpRecord = {
    id: req.signUpId,
    stationId: req.stationId,
    activityId: activity.id,
    residentId: req.residentId,
    status: decision.status,
    arrival: Number(last.n ?? 0) + 1,
    refusal: decision.status === 'refused' ? decision.refusal : null,
    reason: decision.status === 'refused' ? decision.message : null,
    createdAt: t,
    cancelledAt: null,
    signedUpBy: req.signedUpBy,
    channel: req.channel,
    checkInAt: null,
    checkOutAt: null,
    minutes: null,
    hours: null,
    points: 0,
    awardTransferId: null,
  };
  await trx.insertInto('volunteer_sign_ups').values(signUpRow(signUp, req.deviceId)).execute();
  if (decision.status === 'refused') return { kind: 'refused', refusal: decision.refusal, message: decision.message, signUp };
  return { kind: 'signed-up', signUp, activity, overlapping: await overlapsFor(trx, req.residentId, activity) };
}

export interface CancelRequest {
  stationId: string;
  signUpId: string;
  reason: string;
  /** A resident alone may cancel only their own sign-up; staff (or proxy) anyone's of the station. */
  residentOnly: string | null;
  now: Date;
}

export type CancelResult =
  | { kind: 'cancelled'; signUp: VolunteerSignUpRecord; promoted: VolunteerSignUpRecord[] }
  | { kind: 'duplicate'; signUp: VolunteerSignUpRecord }
  | { kind: 'not-found' }
  | { kind: 'cannot'; message: string };

/** Cancel; a confirmed place that is freed goes to the first on the waitlist in the same transaction. */
export async function cancelSignUp(trx: Db, dialect: DialectName, req: CancelRequest): Promise<CancelResult> {
  await lockStationForVolunteer(trx, dialect, req.stationId);
  const signUp = await findSignUp(trx, req.signUpId);
  if (!signUp || signUp.stationId !== req.stationId) return { kind: 'not-found' };
  if (req.residentOnly !== null && signUp.residentId !== req.residentOnly) return { kind: 'not-found' };
  if (signUp.status === 'cancelled') return { kind: 'duplicate', signUp };
  if (signUp.status === 'refused') return { kind: 'cannot', message: '这次报名没有报上，不用取消' };
  if (signUp.checkInAt !== null) return { kind: 'cannot', message: '已经签到了，不能取消报名；请找工作人员' };
  const activity = (await findActivity(trx, req.stationId, signUp.activityId))!;
  if (req.now.getTime() >= Date.parse(activity.startAt)) return { kind: 'cannot', message: '活动已经开始了，不能取消报名；请找工作人员' };
  const t = req.now.toISOString();
  const reason = req.reason.trim() === '' ? null : req.reason.trim();
  await trx.updateTable('volunteer_sign_ups').set({ status: 'cancelled', cancelled_at: t, reason, updated_at: t }).where('id', '=', signUp.id).execute();
  const cancelled: VolunteerSignUpRecord = { ...signUp, status: 'cancelled', cancelledAt: t, reason };
  const promoted = signUp.status === 'confirmed' ? await fillFreePlaces(trx, activity, req.now) : [];
  return { kind: 'cancelled', signUp: cancelled, promoted };
}

