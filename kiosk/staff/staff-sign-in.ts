/**
 * Staff sign-in at the kiosk, offline: the staff number and 10-digit staff secret are checked
 * against the synced verifier (domain verifyPin). Then the command key K is derived from the
 * secret with the replicated salt (same iterations as the verifier); the caller holds it in
 * memory for the session (staff/command-keys.ts) and it is never stored. Five wrong secrets in a
 * row lock that staff number for 15 minutes; the count lives in IndexedDB so a reload does not
 * reset it.
 */
import { STAFF_LOCKOUT, deriveCommandKey, importCommandKey, isWellFormedStaffSecret, verifyPin, type StaffCredential } from '../../domain/index.ts';
import type { KioskDb, StaffLockout } from '../store/kiosk-db.ts';

export type StaffSignInResult =
  | { ok: true; staff: StaffCredential; commandKey: CryptoKey }
  | { ok: false; reason: 'wrong'; attemptsLeft: number }
  | { ok: false; reason: 'locked'; until: Date };

export interface StaffSession {
  staffNo: string;
  name: string;
  role: StaffCredential['role'];
}

/** The iteration count of a verifier (pbkdf2-sha256$<iterations>$…): K is derived with the same. */
function verifierIterations(pinHash: string): number {
  return Number(pinHash.split('$')[1]);
}

export async function signInStaff(db: KioskDb, staffNo: string, pin: string, now: Date = new Date()): Promise<StaffSignInResult> {
  const number = staffNo.trim();
  const lockout: StaffLockout = (await db.run((conn) => conn.get('lockouts', number))) ?? { staffNo: number, failures: 0, lockedUntil: 0 };
  if (lockout.lockedUntil > now.getTime()) return { ok: false, reason: 'locked', until: new Date(lockout.lockedUntil) };

  const candidates = await db.run((conn) => conn.getAllFromIndex('staff', 'byStaffNo', number));
  const staff = candidates.find((s) => s.active) ?? null;
  // An unknown number costs the same time and counts the same as a wrong PIN (no probing for numbers).
  const good = isWellFormedStaffSecret(pin) && staff !== null ? await verifyPin(pin, staff.pinHash) : false;

  if (good && staff) {
    const commandKey = await importCommandKey(await deriveCommandKey(pin, staff.commandKeySalt, verifierIterations(staff.pinHash)));
    await db.run((conn) => conn.put('lockouts', { staffNo: number, failures: 0, lockedUntil: 0 }));
    return { ok: true, staff, commandKey };
  }
  const failures = (lockout.lockedUntil !== 0 ? 0 : lockout.failures) + 1;
  if (failures >= STAFF_LOCKOUT.maxFailures) {
    const until = now.getTime() + STAFF_LOCKOUT.minutes * 60_000;
    await db.run((conn) => conn.put('lockouts', { staffNo: number, failures: 0, lockedUntil: until }));
    return { ok: false, reason: 'locked', until: new Date(until) };
  }
  await db.run((conn) => conn.put('lockouts', { staffNo: number, failures, lockedUntil: 0 }));
  return { ok: false, reason: 'wrong', attemptsLeft: STAFF_LOCKOUT.maxFailures - failures };
}
