/**
 * Signing up, cancelling, checking in and out at the kiosk (docs/architecture.md, "Volunteer"):
 *
 * 1. The replica's view is checked with the domain's signUpDecision (deadline, start, age, already
 *    signed up): a refusal is said plainly and nothing is queued.
 * 2. Online: volunteer.sign-up with provisional:false, pushed at once and the outcome awaited
 *    (about 8 s): confirmed, or waitlisted with the place in the queue; rejected → the server's
 *    sentence, nothing kept; no answer → it stays queued: 登记成功，联网后确认.
 * 3. Offline: queued with provisional:true and shown as 登记成功，联网后确认; the server decides
 *    when the push arrives and 我的 shows the outcome (confirmed, waitlisted, or refused with the
 *    reason).
 *
 * Cancel, check-in and check-out are queued commands (they work offline). A second tap, or a
 * second kiosk screen, cannot queue the same thing twice: the check runs inside the transaction
 * that stores the command, against what is already waiting in the outbox.
 */
import type { Command, CommandActor, CommandType } from '../../domain/index.ts';
import { signUpDecision, type Activity } from '../../domain/volunteer.ts';
import { stationDateOf } from '../../domain/station-time.ts';
import type { KioskServices } from '../kiosk-services.ts';
import { looksOnline, waitForOutcome } from '../sync/push-and-wait.ts';
import { enqueueForResident, residentActor } from '../residents/resident-sign-in.ts';
import type { ResidentSession } from '../session/resident-session.ts';
import type { KioskDb } from '../store/kiosk-db.ts';
import type { LocalWriteTx } from '../sync/outbox.ts';
import { isLive, loadVolunteer, mySignUp, placesLeft, waitlistPlace, type LocalSignUp } from './volunteer-data.ts';

export const ONLINE_SIGN_UP_WAIT_MS = 8_000;
/** After a waitlisted answer, how long to wait for the pull that brings the rest of the queue. */
const QUEUE_PULL_WAIT_MS = 2_000;

export type VolunteerServices = Pick<KioskServices, 'db' | 'outbox' | 'engine' | 'now'>;

export type SignUpResult =
  | { kind: 'confirmed'; signUpId: string }
  | { kind: 'waitlisted'; signUpId: string; place: number }
  /** Refused here by the rule, or by the server online: nothing kept. */
  | { kind: 'refused'; message: string }
  /** Offline, or no answer yet: 登记成功，联网后确认. */
  | { kind: 'provisional'; signUpId: string };

type AttendanceType = 'volunteer.check-in' | 'volunteer.check-out';
type SignUpCommandType = AttendanceType | 'volunteer.cancel';

/** The same command for the same sign-up is already waiting in the outbox. */
export class AlreadyQueued extends Error {
  constructor() {
    super('already queued');
    this.name = 'AlreadyQueued';
  }
}

/** Inside the enqueue transaction: refuse a second waiting command of this type for this sign-up. */
function onlyOnce(type: SignUpCommandType, signUpId: string) {
  return async (tx: LocalWriteTx, cmd: Command): Promise<void> => {
    const waiting = await tx.objectStore('outbox').getAll();
    if (waiting.some((r) => r.command.id !== cmd.id && r.command.type === type && (r.command.payload as { signUpId?: string }).signUpId === signUpId)) throw new AlreadyQueued();
  };
}

async function queueOnce(services: VolunteerServices, actor: CommandActor, type: SignUpCommandType, payload: Command<SignUpCommandType>['payload']): Promise<boolean> {
  try {
    await services.outbox.enqueue({ type, payload, actor } as { type: CommandType; payload: Command['payload']; actor: CommandActor }, onlyOnce(type, payload.signUpId));
    return true;
  } catch (error) {
    if (error instanceof AlreadyQueued) return false;
    throw error;
  }
}

/** The domain's decision on the replica's view: the refusal sentence, or null when it may go ahead. */
export async function precheckSignUp(db: KioskDb, residentId: string, activity: Activity, now: Date): Promise<string | null> {
  const [data, resident] = await Promise.all([loadVolunteer(db), db.run((conn) => conn.get('residents', residentId))]);
  const mine = mySignUp(data, residentId, activity.id);
  const decision = signUpDecision(activity, {
    confirmedCount: activity.capacity - placesLeft(activity, data.signUps),
    now,
    resident: { birthYear: resident?.birthYear ?? Number(stationDateOf(now).slice(0, 4)) },
    alreadySignedUp: mine !== null && isLive(mine),
  });
  return decision.status === 'refused' ? decision.message : null;
}

export async function signUpForActivity(services: VolunteerServices, session: ResidentSession, activity: Activity, waitMs = ONLINE_SIGN_UP_WAIT_MS): Promise<SignUpResult> {
  const db = services.db;
  const refusal = await precheckSignUp(db, session.residentId, activity, services.now());
  if (refusal) return { kind: 'refused', message: refusal };
  const online = looksOnline(services);
  const signUpId = crypto.randomUUID();
  const command = await enqueueForResident(services.outbox, session, { type: 'volunteer.sign-up', payload: { signUpId, activityId: activity.id, provisional: !online } });
  if (!online) return { kind: 'provisional', signUpId };
  const syncing = services.engine.syncNow();
  const outcome = await waitForOutcome(services, command.id, waitMs);
  if (!outcome) return { kind: 'provisional', signUpId };
  if (outcome.status !== 'applied') return { kind: 'refused', message: outcome.reason ?? '' };
  const stored = await db.run((conn) => conn.get('volunteerSignUps', signUpId));
  if (stored?.status === 'refused') return { kind: 'refused', message: stored.reason ?? '' };
  if (stored?.status !== 'waitlisted') return { kind: 'confirmed', signUpId };
  // The place in the queue counts the others' sign-ups: wait briefly for the pull that follows the push.
  await Promise.race([syncing, new Promise((r) => setTimeout(r, QUEUE_PULL_WAIT_MS))]);
  const after = await loadVolunteer(db);
  return { kind: 'waitlisted', signUpId, place: waitlistPlace(after.signUps, stored) ?? 1 };
}

/** Cancel the resident's sign-up (before the start, not after checking in); shown as cancelled at once. */
export async function cancelSignUp(services: VolunteerServices, session: ResidentSession, signUp: LocalSignUp, reason: string): Promise<boolean> {
  // The sync engine pushes on its own when something is queued (the outbox's `enqueued` event).
  return queueOnce(services, residentActor(session), 'volunteer.cancel', { signUpId: signUp.id, reason });
}

/**
 * Check in or out now: the resident at the venue kiosk (their own sign-up) or staff from the
 * attendance list, one command per person. Returns how many were queued (a person already
 * waiting for the same command is skipped).
 */
export async function queueAttendance(services: VolunteerServices, actor: CommandActor, type: AttendanceType, signUpIds: readonly string[]): Promise<number> {
  const at = services.now().toISOString();
  let queued = 0;
  for (const signUpId of new Set(signUpIds)) if (await queueOnce(services, actor, type, { signUpId, at })) queued++;
  return queued;
}
