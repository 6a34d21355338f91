/**
 * The staff's resident commands at the kiosk: register a resident, reset a PIN, begin acting for
 * a resident. Each goes into the outbox together with its effect on the local replica (one
 * IndexedDB transaction), so a resident registered while the station is offline can sign in on
 * this kiosk at once, and a new PIN works here at once.
 */
import {
  hashPin,
  normalizePhone,
  PIN_HASH_ITERATIONS,
  validateResidentDraft,
  type Command,
  type KioskResident,
  type Resident,
  type ResidentDraft,
} from '../../domain/index.ts';
import type { ResidentSession } from '../session/resident-session.ts';
import type { StaffSession } from '../staff/staff-sign-in.ts';
import type { KioskDb, ReplicaResident } from '../store/kiosk-db.ts';
import { residentWithoutLocalFields } from '../store/replica.ts';
import type { LocalWriteTx, Outbox } from '../sync/outbox.ts';
import { findResidentByPhone, residentSession } from './resident-sign-in.ts';

export interface RegisterInput extends ResidentDraft {
  pin: string;
  /** hashCardNumber of a swiped card, if any. */
  cardHash: string | null;
}

export type RegisterResult = { ok: true; command: Command<'resident.register'>; resident: Resident } | { ok: false; errors: Partial<Record<keyof ResidentDraft | 'cardHash', string>> };

/** The local copy of a resident while its command waits, remembering the server's copy. */
async function putPending(tx: LocalWriteTx, resident: KioskResident, commandId: string): Promise<void> {
  const store = tx.objectStore('residents');
  const existing = await store.get(resident.id);
  const serverCopy = existing ? (existing.pendingCommandId ? (existing.serverCopy ?? null) : residentWithoutLocalFields(existing)) : null;
  const record: ReplicaResident = { ...resident, pendingCommandId: commandId, serverCopy };
  await store.put(record);
}

export interface RegisterOptions {
  now: Date;
  /** PBKDF2 iterations (tests with a stubbed server pass fewer; the server accepts no fewer than PIN_HASH_ITERATIONS). */
  pinIterations?: number;
}

/**
 * Validate (the domain's rules, plus duplicates this kiosk already knows of), hash the PIN here
 * so it never leaves the kiosk, and enqueue `resident.register`.
 */
export async function registerResident(outbox: Outbox, stationId: string, staff: StaffSession, input: RegisterInput, options: RegisterOptions): Promise<RegisterResult> {
  const draft: ResidentDraft = { ...input, name: input.name.trim(), phone: normalizePhone(input.phone), building: input.building.trim() };
  const errors: Partial<Record<keyof ResidentDraft | 'cardHash', string>> = validateResidentDraft(draft, options.now);
  if (!errors.phone && (await findResidentByPhone(outbox.db, draft.phone))) errors.phone = '这个手机号已经登记过了';
  if (input.cardHash) {
    const holders = await outbox.db.run((conn) => conn.getAllFromIndex('residents', 'byCardHash', input.cardHash!));
    if (holders.length > 0) errors.cardHash = '这张居民卡已经登记给别的居民了';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const pinHash = await hashPin(input.pin, options.pinIterations ?? PIN_HASH_ITERATIONS);
  const residentId = crypto.randomUUID();
  const consentAt = draft.consentAt!;
  const payload = {
    residentId,
    name: draft.name,
    phone: draft.phone,
    birthYear: draft.birthYear,
    building: draft.building,
    consentAt,
    pinHash,
    ...(input.cardHash ? { cardHash: input.cardHash } : {}),
  };
  let resident: Resident | null = null;
  const command = await outbox.enqueue({ type: 'resident.register', payload, actor: { staffNo: staff.staffNo } }, async (tx, cmd) => {
    resident = {
      id: residentId,
      stationId,
      name: payload.name,
      phone: payload.phone,
      birthYear: payload.birthYear,
      building: payload.building,
      consentAt,
      pinHash,
      cardHash: input.cardHash,
      active: true,
      revision: 1,
      updatedAt: cmd.createdAt,
    };
    await putPending(tx, resident, cmd.id);
  });
  return { ok: true, command, resident: resident! };
}

/** Staff reset a resident's PIN (typed twice by the resident); works on this kiosk at once. */
export async function resetResidentPin(outbox: Outbox, staff: StaffSession, resident: ReplicaResident, pin: string, options: RegisterOptions): Promise<Command<'resident.set-pin'>> {
  const pinHash = await hashPin(pin, options.pinIterations ?? PIN_HASH_ITERATIONS);
  return outbox.enqueue(
    { type: 'resident.set-pin', payload: { residentId: resident.id, pinHash, baseRevision: resident.revision }, actor: { staffNo: staff.staffNo } },
    async (tx, cmd) => {
      const current = (await tx.objectStore('residents').get(resident.id)) ?? resident;
      // A new PIN from staff also ends a required reset (the server clears it when this arrives).
      const { pinResetRequired: _ended, ...rest } = residentWithoutLocalFields(current);
      await putPending(tx, { ...rest, pinHash, revision: resident.revision + 1, updatedAt: cmd.createdAt }, cmd.id);
    },
  );
}

/**
 * Staff begin acting for a resident: the audit record goes into the outbox first, then the
 * session (method 'proxy') is returned for the app to start.
 */
export async function startProxySession(outbox: Outbox, staff: StaffSession, resident: Pick<Resident, 'id' | 'name' | 'phone' | 'building'>, now: Date): Promise<ResidentSession> {
  const session = residentSession(resident, 'proxy', now, staff.staffNo);
  await outbox.enqueue({
    type: 'resident.proxy-session',
    payload: { residentId: resident.id, startedAt: session.startedAt },
    actor: { staffNo: staff.staffNo, residentId: resident.id },
  });
  return session;
}

/** Every active resident in the replica, for the staff search. */
export async function allResidents(db: KioskDb): Promise<ReplicaResident[]> {
  return db.run((conn) => conn.getAll('residents'));
}
