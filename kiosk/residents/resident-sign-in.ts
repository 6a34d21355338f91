/**
 * Resident sign-in at the kiosk, offline: phone + 4-digit PIN checked against the synced PIN
 * hashes (domain verifyPin), or a resident card looked up by its hash. Five wrong PINs in a row
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
  type Resident,
} from '../../domain/index.ts';
import type { ResidentSession, ResidentSignInMethod } from '../session/resident-session.ts';
import type { KioskDb, ReplicaResident, ResidentLockout } from '../store/kiosk-db.ts';
import type { ApplyLocally, Outbox } from '../sync/outbox.ts';

export type ResidentSignInResult =
  | { ok: true; resident: ReplicaResident }
  | { ok: false; reason: 'wrong'; attemptsLeft: number }
  | { ok: false; reason: 'locked'; until: Date };

export async function findResidentByPhone(db: KioskDb, phone: string): Promise<ReplicaResident | null> {
  const candidates = await db.run((conn) => conn.getAllFromIndex('residents', 'byPhone', phone));
  return candidates.find((r) => r.active) ?? null;
}

export async function signInResident(db: KioskDb, phoneInput: string, pin: string, now: Date = new Date()): Promise<ResidentSignInResult> {
  const phone = normalizePhone(phoneInput);
  const lockout: ResidentLockout = (await db.run((conn) => conn.get('residentLockouts', phone))) ?? { phone, failures: 0, lockedUntil: 0 };
  if (lockout.lockedUntil > now.getTime()) return { ok: false, reason: 'locked', until: new Date(lockout.lockedUntil) };

  const resident = await findResidentByPhone(db, phone);
  // An unknown number counts like a wrong PIN, so the keypad cannot be used to find who is registered.
  const good = isWellFormedPin(pin) && resident !== null ? await verifyPin(pin, resident.pinHash) : false;
  if (good && resident) {
    await db.run((conn) => conn.put('residentLockouts', { phone, failures: 0, lockedUntil: 0 }));
    return { ok: true, resident };
  }
  const failures = (lockout.lockedUntil !== 0 ? 0 : lockout.failures) + 1;
  if (failures >= RESIDENT_LOCKOUT.maxFailures) {
    const until = now.getTime() + RESIDENT_LOCKOUT.minutes * 60_000;
    await db.run((conn) => conn.put('residentLockouts', { phone, failures: 0, lockedUntil: until }));
    return { ok: false, reason: 'locked', until: new Date(until) };
  }
  await db.run((conn) => conn.put('residentLockouts', { phone, failures, lockedUntil: 0 }));
  return { ok: false, reason: 'wrong', attemptsLeft: RESIDENT_LOCKOUT.maxFailures - failures };
}

/** The active resident whose card this is, or null (not a card number, or not registered here). */
export async function findResidentByCard(db: KioskDb, rawCard: string): Promise<ReplicaResident | null> {
  const stationId = await db.getMeta('stationId');
  if (!stationId) return null;
  const hash = await hashCardNumber(stationId, rawCard);
  if (!hash) return null;
  const candidates = await db.run((conn) => conn.getAllFromIndex('residents', 'byCardHash', hash));
  return candidates.find((r) => r.active) ?? null;
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
