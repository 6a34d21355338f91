/**
 * Saving activities: a staff edit carries the revision it was based on and the write is a
 * conditional UPDATE … WHERE revision = base (check and write in one step), like menus. Raising
 * the capacity promotes waitlisted people at once, in arrival order (promoteFromWaitlist).
 */
import { promoteFromWaitlist, validateActivity, type Activity, type ActivityDraft, type VolunteerSignUpRecord } from '../../domain/index.ts';
import type { ActivitiesTable, DialectName } from '../db/schema.ts';
import { activityFromRow, lockStationForVolunteer, signUpsOf, type Db } from './volunteer-store.ts';

export type ActivitySaveResult =
  | { kind: 'saved'; activity: Activity; promoted: VolunteerSignUpRecord[] }
  | { kind: 'rejected'; reason: string }
  | { kind: 'conflict'; reason: string; current: Activity };

export interface ActivitySaveRequest {
  stationId: string;
  activityId: string;
  baseRevision: number | null;
  draft: ActivityDraft;
  now: Date;
}

function rowOf(req: ActivitySaveRequest, revision: number, createdAt: string): ActivitiesTable {
  const d = req.draft;
  return {
    id: req.activityId,
    station_id: req.stationId,
    title: d.title.trim(),
    description: d.description,
    place: d.place.trim(),
    start_at: new Date(d.startAt).toISOString(),
    end_at: new Date(d.endAt).toISOString(),
    capacity: d.capacity,
    signup_deadline: new Date(d.signupDeadline).toISOString(),
    min_age: d.minAge,
    max_age: d.maxAge,
    requirements: d.requirements,
    points_per_hour: d.pointsPerHour,
    photo: d.photo,
    cancelled: d.cancelled ? 1 : 0,
    revision,
    created_at: createdAt,
    updated_at: req.now.toISOString(),
  };
}

/** Promote as many waitlisted sign-ups as there are free places now (inside the caller's lock). */
export async function fillFreePlaces(trx: Db, activity: Activity, now: Date): Promise<VolunteerSignUpRecord[]> {
  if (activity.cancelled || now.getTime() >= Date.parse(activity.startAt)) return [];
  const signUps = await signUpsOf(trx, activity.id);
  const promoted = promoteFromWaitlist(signUps, activity.capacity);
  const t = now.toISOString();
  for (const s of promoted) {
    await trx.updateTable('volunteer_sign_ups').set({ status: 'confirmed', updated_at: t }).where('id', '=', s.id).where('status', '=', 'waitlisted').execute();
  }
  return promoted.map((s) => ({ ...s, status: 'confirmed' as const }));
}

export async function saveActivity(trx: Db, dialect: DialectName, req: ActivitySaveRequest): Promise<ActivitySaveResult> {
  const problems = Object.values(validateActivity(req.draft));
  if (problems.length > 0) return { kind: 'rejected', reason: `活动没有保存：${problems.join('；')}` };
  await lockStationForVolunteer(trx, dialect, req.stationId);
  const t = req.now.toISOString();
  const existing = await trx.selectFrom('activities').selectAll().where('id', '=', req.activityId).executeTakeFirst();
  if (existing && existing.station_id !== req.stationId) return { kind: 'rejected', reason: '活动编号已被其他服务站使用，活动没有保存' };
  if (req.baseRevision === null) {
    if (existing) return { kind: 'conflict', reason: '这个活动已经建好了（可能在别的一体机上），请看看现在的内容再改', current: activityFromRow(existing) };
    const row = rowOf(req, 1, t);
    await trx.insertInto('activities').values(row).execute();
    return { kind: 'saved', activity: activityFromRow(row), promoted: [] };
  }
  if (!existing) return { kind: 'rejected', reason: '没有找到这个活动，活动没有保存' };
  const { id: _id, station_id: _s, created_at: _c, ...changes } = rowOf(req, req.baseRevision + 1, existing.created_at);
  const updated = await trx.updateTable('activities').set(changes).where('id', '=', req.activityId).where('revision', '=', req.baseRevision).returningAll().executeTakeFirst();
  if (!updated) {
    const current = await trx.selectFrom('activities').selectAll().where('id', '=', req.activityId).executeTakeFirstOrThrow();
    return { kind: 'conflict', reason: '这个活动刚被别人改过了，请比较两个版本，决定保留哪一个', current: activityFromRow(current) };
  }
  const activity = activityFromRow(updated);
  return { kind: 'saved', activity, promoted: await fillFreePlaces(trx, activity, req.now) };
}
