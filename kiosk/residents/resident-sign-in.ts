/**
 * Resident sign-in at the kiosk: phone + 4-digit PIN checked offline against her PIN hash when
 * this kiosk holds it (domain verifyPin) — only kiosks where she was registered, had her PIN set
 * or signed in online receive it — else online by the server; or a resident card looked up by its
 * hash. Five wrong PINs in a row
 * lock that phone number for 15 minutes — the same rule as staff and the website — and the count
 * lives in IndexedDB, so reloading the page does not reset it.
 *
 * Also the one place that turns a session into the actor of a command, so every command made
 * while staff act for a resident carries both (and is audited as a proxy action).
 */
import {
  hashCardNumber,
  isWellFormedPin,
  maskPhone,
  normalizePhone,
  RESIDENT_LOCKOUT,
  verifyPin,
  type CommandActor,
  type CommandPayloads,
  type CommandType,
  type KioskResident,
  type Resident,
} from '../../domain/index.ts';
import type { ResidentSession, ResidentSignInMethod } from '../session/resident-session.ts';
import type { KioskDb, ReplicaResident, ResidentLockout } from '../store/kiosk-db.ts';
import type { ApplyLocally, Outbox } from '../sync/outbox.ts';
import type { OnlineResidentSignIn } from './online-sign-in.ts';

export type ResidentSignInResult =
  | { ok: true; resident: ReplicaResident; checked: 'offline' | 'online' }
  | { ok: false; reason: 'wrong'; attemptsLeft: number }
  | { ok: false; reason: 'locked'; until: Date }
  /** A kiosk that held her PIN was revoked: staff must set a new one before she signs in anywhere. */
  | { ok: false; reason: 'reset-required' }
  /** Offline, and this kiosk does not hold her verifier (or does not know the number). */
  | { ok: false; reason: 'needs-online' }
  /** The server is busy or failing just now. */
  | { ok: false; reason: 'try-later' };

export async function findResidentByPhone(db: KioskDb, phone: string): Promise<ReplicaResident | null> {
  const candidates = await db.run((conn) => conn.getAllFromIndex('residents', 'byPhone', phone));
  return candidates.find((r) => r.active) ?? null;
}

/** Whether this kiosk can check her PIN itself: it holds her verifier and no reset is required. */
export function canSignInOffline(resident: ReplicaResident): resident is ReplicaResident & { pinHash: string } {
  return resident.pinHash !== undefined && resident.pinResetRequired !== true;
}

/** One more wrong PIN for this number (locking it at the maximum). */
async function countFailure(db: KioskDb, lockout: ResidentLockout, now: Date): Promise<ResidentSignInResult> {
  const { phone } = lockout;
  const failures = (lockout.lockedUntil !== 0 ? 0 : lockout.failures) + 1;
  if (failures >= RESIDENT_LOCKOUT.maxFailures) {
    const until = now.getTime() + RESIDENT_LOCKOUT.minutes * 60_000;
    await db.run((conn) => conn.put('residentLockouts', { phone, failures: 0, lockedUntil: until }));
    return { ok: false, reason: 'locked', until: new Date(until) };
  }
  await db.run((conn) => conn.put('residentLockouts', { phone, failures, lockedUntil: 0 }));
  return { ok: false, reason: 'wrong', attemptsLeft: RESIDENT_LOCKOUT.maxFailures - failures };
}

/** Keeps the record the server answered (with her verifier), and clears the number's count. */
async function keepServerRecord(db: KioskDb, phone: string, resident: KioskResident): Promise<ReplicaResident> {
  const stored = await db.run(async (conn) => {
    const tx = conn.transaction(['residents', 'residentLockouts'], 'readwrite');
    const residents = tx.objectStore('residents');
    const local = await residents.get(resident.id);
    // A registration or new PIN made here is still waiting: keep it, remember the server's copy.
    const record: ReplicaResident = local?.pendingCommandId ? { ...local, serverCopy: resident } : resident;
    await residents.put(record);
    await tx.objectStore('residentLockouts').put({ phone, failures: 0, lockedUntil: 0 });
    await tx.done;
    return record;
  });
  db.notifyChanged();
  return stored;
}

/**
 * Phone + PIN. With her verifier here, checked offline as always. Without it (she never used this
 * kiosk, or it is not here yet) the server checks the PIN when the kiosk is online and the
 * verifier is kept for next time; offline, she is told plainly that this kiosk cannot sign her in
 * yet. An unknown number answers like a resident whose verifier is not here.
 */
export async function signInResident(
  db: KioskDb,
  phoneInput: string,
  pin: string,
  now: Date = new Date(),
  online: OnlineResidentSignIn | null = null,
): Promise<ResidentSignInResult> {
  const phone = normalizePhone(phoneInput);
  const lockout: ResidentLockout = (await db.run((conn) => conn.get('residentLockouts', phone))) ?? { phone, failures: 0, lockedUntil: 0 };
  if (lockout.lockedUntil > now.getTime()) return { ok: false, reason: 'locked', until: new Date(lockout.lockedUntil) };

  const resident = await findResidentByPhone(db, phone);
  if (!isWellFormedPin(pin)) return countFailure(db, lockout, now);
  if (resident && canSignInOffline(resident)) {
    if (!(await verifyPin(pin, resident.pinHash))) return countFailure(db, lockout, now);
    await db.run((conn) => conn.put('residentLockouts', { phone, failures: 0, lockedUntil: 0 }));
    return { ok: true, resident, checked: 'offline' };
  }

  const offlineAnswer: ResidentSignInResult = resident?.pinResetRequired ? { ok: false, reason: 'reset-required' } : { ok: false, reason: 'needs-online' };
  if (!online?.available()) return offlineAnswer;
  const answer = await online.check(phone, pin);
  switch (answer.kind) {
    case 'ok':
      return { ok: true, resident: await keepServerRecord(db, phone, answer.resident), checked: 'online' };
    case 'wrong':
      return countFailure(db, lockout, now);
    case 'locked': {
      const until = now.getTime() + answer.retryAfterSeconds * 1000;
      await db.run((conn) => conn.put('residentLockouts', { phone, failures: 0, lockedUntil: until }));
      return { ok: false, reason: 'locked', until: new Date(until) };
    }
    case 'reset-required':
      return { ok: false, reason: 'reset-required' };
    case 'busy':
      return { ok: false, reason: 'try-later' };
    case 'unreachable':
      return offlineAnswer;
  }
}

/** The active resident whose card this is, or null (not a card number, not registered, or she cannot sign in at this kiosk). */
export async function findResidentByCard(db: KioskDb, rawCard: string): Promise<ReplicaResident | null> {
  const stationId = await db.getMeta('stationId');
  if (!stationId) return null;
  const hash = await hashCardNumber(stationId, rawCard);
  if (!hash) return null;
  const candidates = await db.run((conn) => conn.getAllFromIndex('residents', 'byCardHash', hash));
  // A card signs in only where her PIN could too: her own commands count only from kiosks linked
  // to her, and after a lost kiosk she needs a new PIN from staff first.
  return candidates.find((r) => r.active && canSignInOffline(r)) ?? null;
}

export function residentSession(
  resident: Pick<Resident, 'id' | 'name' | 'phone' | 'building'>,
  method: ResidentSignInMethod,
  now: Date,
  proxyStaffNo?: string,
  /** More to keep from speech: the number as typed, the card number as read. */
  alsoUnspoken: readonly string[] = [],
): ResidentSession {
  const unspoken = [resident.phone, maskPhone(resident.phone), resident.building, ...alsoUnspoken].filter((s) => s.trim().length > 0);
  return {
    residentId: resident.id,
    name: resident.name,
    method,
    ...(method === 'proxy' && proxyStaffNo ? { proxyStaffNo } : {}),
    startedAt: now.toISOString(),
    // Read-aloud never says these while the session lasts (the app keeps the name from speech too).
    unspoken: [...new Set(unspoken)],
  };
}

/** Who acts in a session: the resident, or the staff member for the resident (proxy). */
export function residentActor(session: ResidentSession): CommandActor {
  return session.method === 'proxy' && session.proxyStaffNo
    ? { staffNo: session.proxyStaffNo, residentId: session.residentId }
    : { residentId: session.residentId };
}

/**
 * Enqueue a command on behalf of the signed-in resident. Later features (meal booking,
 * redemption…) go through here, so proxy actions are always marked as such.
 */
export function enqueueForResident<T extends CommandType>(
  outbox: Outbox,
  session: ResidentSession,
  input: { type: T; payload: CommandPayloads[T] },
  applyLocally?: ApplyLocally<T>,
) {
  return outbox.enqueue({ ...input, actor: residentActor(session) }, applyLocally);
}

/** Tell the app (and anything listening) that a resident session begins. */
export function dispatchSignedIn(from: EventTarget, session: ResidentSession): void {
  from.dispatchEvent(new CustomEvent('linli-resident-signed-in', { detail: { session }, bubbles: true, composed: true }));
}
