/**
 * The volunteer side of the local replica: pulled activities and sign-ups, and the outcomes of
 * volunteer commands. Called by store/replica.ts inside its transactions (loaded on first use), so
 * a pulled page or a batch of outcomes lands whole or not at all.
 *
 * Nothing this kiosk queued is written here before the server answers: the screens read the
 * waiting commands from the outbox (volunteer-data.ts), and the outcome replaces them in the same
 * transaction that takes the command out of the outbox. When the server decides an offline
 * sign-up, the resident's 我的 record says so — refused with the reason, never a silent removal.
 */
import type { Change, Command, CommandOutcome } from '../../domain/index.ts';
import type { SignUpStatus } from '../../domain/volunteer.ts';
import type { VolunteerSignUpRecord } from '../../domain/volunteer-records.ts';
import type { KioskStoreName, KioskTx } from '../store/kiosk-db.ts';

type VolunteerTx = KioskTx<KioskStoreName[], 'readwrite'>;

// The sign-up a volunteer.sign-up command stands for before the server has stored (or sent) its
// own: the overlay of a waiting sign-up (volunteer-data.ts) and the fallback below. Kept in this
// module, which replica.ts loads on its own, so that loading it pulls in nothing else.

/** A sign-up before anyone checked in: no times, hours or points yet. */
export const NOT_ATTENDED = { checkInAt: null, checkOutAt: null, minutes: null, hours: null, points: 0, awardTransferId: null } as const satisfies Partial<VolunteerSignUpRecord>;

export function signUpFromCommand<S extends string = SignUpStatus>(command: Command<'volunteer.sign-up'>, status: S, stationId: string): Omit<VolunteerSignUpRecord, 'status'> & { status: S } {
  return {
    id: command.payload.signUpId,
    stationId,
    activityId: command.payload.activityId,
    residentId: command.actor.residentId ?? '',
    status,
    // Numbered by the server on arrival; until then it comes after everyone it knows.
    arrival: Number.MAX_SAFE_INTEGER,
    refusal: null,
    reason: null,
    createdAt: command.createdAt,
    cancelledAt: null,
    signedUpBy: command.actor.staffNo ? 'proxy' : 'resident',
    channel: 'kiosk',
    ...NOT_ATTENDED,
  };
}

/** The 我的 record of the volunteer.sign-up that made this sign-up: refused → 未通过 with the reason. */
async function settleSignUpAction(tx: VolunteerTx, signUp: VolunteerSignUpRecord): Promise<void> {
  const actions = tx.objectStore('residentActions');
  const range = IDBKeyRange.bound([signUp.residentId, ''], [signUp.residentId, '\uffff']);
  for (const action of await actions.index('byResident').getAll(range)) {
    if (action.command.type !== 'volunteer.sign-up' || action.command.payload.signUpId !== signUp.id) continue;
    if (signUp.status === 'refused') {
      if (action.status !== 'rejected' || action.reason !== signUp.reason) await actions.put({ ...action, status: 'rejected', reason: signUp.reason ?? '', closed: true });
    } else if (action.status === 'pending') await actions.put({ ...action, status: 'applied' });
  }
}

async function putSignUp(tx: VolunteerTx, signUp: VolunteerSignUpRecord): Promise<void> {
  await tx.objectStore('volunteerSignUps').put(signUp);
  await settleSignUpAction(tx, signUp);
}

/**
 * The server always sends the sign-up it stored; should an applied answer come without it, the
 * sign-up is kept as confirmed (as meals do) until the pull brings the record — taking the command
 * out of the outbox must never make it vanish from 我的.
 */
async function keepAppliedSignUp(tx: VolunteerTx, command: Command<'volunteer.sign-up'>): Promise<void> {
  const store = tx.objectStore('volunteerSignUps');
  if (await store.get(command.payload.signUpId)) return;
  await store.put(signUpFromCommand(command, 'confirmed', ((await tx.objectStore('meta').get('stationId')) as string | undefined) ?? ''));
}

/** One pulled change of entity `activity` or `volunteer-sign-up`. */
export async function applyVolunteerChange(tx: VolunteerTx, change: Change): Promise<void> {
  if (change.entity === 'activity') {
    if (change.op === 'delete') await tx.objectStore('activities').delete(change.id);
    else await tx.objectStore('activities').put(change.data);
  } else if (change.entity === 'volunteer-sign-up') {
    if (change.op === 'delete') await tx.objectStore('volunteerSignUps').delete(change.id);
    else await putSignUp(tx, change.data);
  }
}

/**
 * The outcome of a volunteer command: the activity and the sign-ups the server sends (the one the
 * command touched and those a cancellation promoted) replace the local copies. An online sign-up
 * the server refused (`rejected` with volunteerRefusal) was told to the resident at the kiosk and
 * does not go to 需要处理; every other refusal or conflict does. False: not a volunteer command.
 */
export async function applyVolunteerOutcome(tx: VolunteerTx, command: Command, outcome: CommandOutcome, at: Date): Promise<boolean> {
  if (command.type !== 'activity.save' && !command.type.startsWith('volunteer.')) return false;
  if (outcome.activity) await tx.objectStore('activities').put(outcome.activity);
  for (const signUp of [...(outcome.volunteerSignUp ? [outcome.volunteerSignUp] : []), ...(outcome.promotedSignUps ?? [])]) await putSignUp(tx, signUp);
  if (outcome.status === 'applied' && command.type === 'volunteer.sign-up' && !outcome.volunteerSignUp) await keepAppliedSignUp(tx, command);
  // An online sign-up the server refused was said at the kiosk; every other refusal goes to 需要处理.
  if (outcome.status !== 'applied' && !(command.type === 'volunteer.sign-up' && outcome.volunteerRefusal)) {
    await tx.objectStore('attention').put({ id: command.id, kind: outcome.status === 'conflict' ? 'conflict' : 'rejected', command, reason: outcome.reason ?? '', local: null, server: null, at: at.toISOString() });
  }
  return true;
}
