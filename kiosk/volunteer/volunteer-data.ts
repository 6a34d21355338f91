/**
 * What the volunteer screens read: the pulled activities and sign-ups, with what this kiosk has
 * queued and the server has not answered yet laid over them (a sign-up made offline shows as
 * 登记成功，联网后确认, a cancellation as cancelled, a check-in as checked in — each marked 待同步).
 * The waiting commands are read from the outbox itself, so nothing can be shown that is not
 * really queued, and the server's answer replaces them in one transaction (volunteer-replica.ts).
 *
 * Also the timing rules the server applies that the domain does not export: check-in opens two
 * hours before the start, check-in and check-out close twelve hours after the end
 * (server/volunteer/attendance.ts); a resident checks in at the kiosk on the day of the activity.
 */
import type { CommandType } from '../../domain/index.ts';
import type { VolunteerSignUpRecord } from '../../domain/volunteer-records.ts';
import { overlappingActivities, waitlistPosition, type Activity, type SignUpStatus } from '../../domain/volunteer.ts';
import { stationDateOf } from '../../domain/station-time.ts';
import type { KioskDb } from '../store/kiosk-db.ts';
import { signUpFromCommand } from './volunteer-replica.ts';

export type LocalSignUpStatus = SignUpStatus | 'provisional';

/** A sign-up as the kiosk shows it: the server's record, or one made here and not answered yet. */
export interface LocalSignUp extends Omit<VolunteerSignUpRecord, 'status'> {
  status: LocalSignUpStatus;
  /** The types of this kiosk's commands about it still waiting for the server (待同步). */
  pending: CommandType[];
}

export interface VolunteerData {
  /** Every activity of the station, earliest first; a staff edit still waiting shows as saved. */
  activities: Activity[];
  signUps: LocalSignUp[];
  /** Activities with an activity.save of this kiosk waiting for the server (待同步). */
  pendingActivities: Set<string>;
}

const CHECK_IN_EARLY_MS = 2 * 3_600_000;
const ATTENDANCE_LATE_MS = 12 * 3_600_000;

/** Everything, with the waiting commands laid over the server's records in outbox order. */
export async function loadVolunteer(db: KioskDb): Promise<VolunteerData> {
  const [activities, stored, waiting] = await db.run((conn) => Promise.all([conn.getAll('activities'), conn.getAll('volunteerSignUps'), conn.getAll('outbox')]));
  const byId = new Map<string, LocalSignUp>(stored.map((s) => [s.id, { ...s, pending: [] }]));
  const activityById = new Map(activities.map((a) => [a.id, a]));
  const pendingActivities = new Set<string>();
  for (const { command } of waiting) {
    if (command.type === 'activity.save') {
      const p = command.payload;
      const before = activityById.get(p.activityId);
      activityById.set(p.activityId, { ...p.draft, id: p.activityId, stationId: before?.stationId ?? '', revision: (p.baseRevision ?? 0) + 1, updatedAt: command.createdAt });
      pendingActivities.add(p.activityId);
    } else if (command.type === 'volunteer.sign-up') {
      const p = command.payload;
      const known = byId.get(p.signUpId);
      if (known) known.pending.push(command.type);
      else byId.set(p.signUpId, { ...signUpFromCommand(command, 'provisional', ''), pending: [command.type] });
    } else if (command.type === 'volunteer.cancel' || command.type === 'volunteer.check-in' || command.type === 'volunteer.check-out') {
      const s = byId.get(command.payload.signUpId);
      if (!s) continue;
      s.pending.push(command.type);
      if (command.type === 'volunteer.cancel') Object.assign(s, { status: 'cancelled', cancelledAt: command.createdAt });
      else if (command.type === 'volunteer.check-in') s.checkInAt ??= command.payload.at;
      else s.checkOutAt ??= command.payload.at;
    }
  }
  return { activities: [...activityById.values()].sort(byStart), signUps: [...byId.values()], pendingActivities };
}

function byStart(a: Activity, b: Activity): number {
  return Date.parse(a.startAt) - Date.parse(b.startAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Confirmed, waitlisted, or made here and waiting for the server's decision. */
export function isLive(s: Pick<LocalSignUp, 'status'>): boolean {
  return s.status === 'confirmed' || s.status === 'waitlisted' || s.status === 'provisional';
}

export function signUpsOf(data: VolunteerData, activityId: string): LocalSignUp[] {
  return data.signUps.filter((s) => s.activityId === activityId);
}

/** Places left as the server counts them: capacity minus confirmed sign-ups (never below 0). */
export function placesLeft(activity: Activity, signUps: readonly LocalSignUp[]): number {
  const confirmed = signUps.filter((s) => s.activityId === activity.id && s.status === 'confirmed').length;
  return Math.max(0, activity.capacity - confirmed);
}

export function waitlistLength(activity: Activity, signUps: readonly LocalSignUp[]): number {
  return signUps.filter((s) => s.activityId === activity.id && s.status === 'waitlisted').length;
}

/** A waitlisted sign-up's place in the queue (1 is next), from the replica; null otherwise. */
export function waitlistPlace(signUps: readonly LocalSignUp[], signUp: Pick<LocalSignUp, 'id' | 'activityId'>): number | null {
  const queue = signUps.filter((s) => s.activityId === signUp.activityId && s.status !== 'provisional') as (LocalSignUp & { status: SignUpStatus })[];
  return waitlistPosition(queue, signUp.id);
}

/** The resident's live sign-up for the activity (the latest), or null. */
export function mySignUp(data: VolunteerData, residentId: string, activityId: string): LocalSignUp | null {
  const mine = data.signUps.filter((s) => s.residentId === residentId && s.activityId === activityId);
  return mine.find(isLive) ?? mine.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0] ?? null;
}

/** Activities still to come (or running), not called off — plus called-off ones the resident is in. */
export function upcomingActivities(data: VolunteerData, now: Date, residentId: string | null): Activity[] {
  const t = now.getTime();
  return data.activities.filter((a) => Date.parse(a.endAt) > t && (!a.cancelled || (residentId !== null && data.signUps.some((s) => s.residentId === residentId && s.activityId === a.id && isLive(s)))));
}

/** Sign-up still open by the clock (the full rule, with age and places, is signUpDecision). */
export function signUpOpen(activity: Activity, now: Date): boolean {
  const t = now.getTime();
  return !activity.cancelled && t < Date.parse(activity.signupDeadline) && t < Date.parse(activity.startAt);
}

/** The resident's other live activities that overlap this one (the domain's rule): a warning only. */
export function overlapsFor(data: VolunteerData, residentId: string, activity: Activity): Activity[] {
  const mine = new Set(data.signUps.filter((s) => s.residentId === residentId && isLive(s)).map((s) => s.activityId));
  return overlappingActivities(
    data.activities.filter((a) => mine.has(a.id) && !a.cancelled),
    activity,
  );
}

/** Staff may check people in or out now (the server's window). */
export function attendanceOpen(activity: Activity, now: Date): boolean {
  const t = now.getTime();
  return !activity.cancelled && t >= Date.parse(activity.startAt) - CHECK_IN_EARLY_MS && t <= Date.parse(activity.endAt) + ATTENDANCE_LATE_MS;
}

/** What the resident may do at the venue kiosk now: check in on the day, then check out. */
export function residentAttendance(activity: Activity, signUp: LocalSignUp | null, now: Date): { checkIn: boolean; checkOut: boolean } {
  if (!signUp || signUp.status !== 'confirmed' || !attendanceOpen(activity, now)) return { checkIn: false, checkOut: false };
  const today = stationDateOf(activity.startAt) === stationDateOf(now);
  return { checkIn: today && signUp.checkInAt === null, checkOut: signUp.checkInAt !== null && signUp.checkOutAt === null };
}

/** Cancelling is possible before the start and before checking in (the server's rule). */
export function canCancel(activity: Activity, signUp: LocalSignUp | null, now: Date): boolean {
  return signUp !== null && isLive(signUp) && !signUp.pending.includes('volunteer.cancel') && signUp.checkInAt === null && now.getTime() < Date.parse(activity.startAt);
}
