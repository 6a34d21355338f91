/**
 * The sync protocol between kiosks and the station server (see docs/architecture.md).
 *
 * Pull: replicated content by a per-station change cursor, tombstones included.
 * Push: commands with a client UUID and a per-device sequence number, applied once each.
 */
import type { Notice, NoticeDraft } from './notice.ts';
import type { Resident } from './resident.ts';
import type { Station, StaffCredential } from './station.ts';

/**
 * Who did it at the kiosk, verified there against synced hashes: a signed-in staff member
 * (`staffNo`), a signed-in resident (`residentId`), or both — a staff member acting for a
 * resident (proxy), which the audit log records as such. At least one is present.
 */
export interface CommandActor {
  staffNo?: string;
  residentId?: string;
}

export type ActorKind = 'staff' | 'resident' | 'proxy';

export function actorKind(actor: CommandActor): ActorKind | null {
  if (actor.staffNo && actor.residentId) return 'proxy';
  if (actor.staffNo) return 'staff';
  if (actor.residentId) return 'resident';
  return null;
}

export interface NoticeSavePayload {
  /** The notice id: a new UUID when creating. */
  noticeId: string;
  /** The revision this edit was based on; null when creating. A stale one is a conflict. */
  baseRevision: number | null;
  draft: NoticeDraft;
}

/** Staff register a resident; the PIN was typed by the resident and hashed on the kiosk. */
export interface ResidentRegisterPayload {
  residentId: string;
  name: string;
  phone: string;
  birthYear: number;
  building: string;
  consentAt: string;
  pinHash: string;
  cardHash?: string;
}

/** A new PIN for a resident (staff reset, or the resident changing their own). */
export interface ResidentSetPinPayload {
  residentId: string;
  pinHash: string;
  /** The resident revision this was based on; a stale one is a conflict. */
  baseRevision: number;
}

/** A staff member began acting for a resident at this kiosk (recorded in the audit log). */
export interface ResidentProxySessionPayload {
  residentId: string;
  startedAt: string;
}

export interface CommandPayloads {
  'notice.save': NoticeSavePayload;
  'resident.register': ResidentRegisterPayload;
  'resident.set-pin': ResidentSetPinPayload;
  'resident.proxy-session': ResidentProxySessionPayload;
}
export type CommandType = keyof CommandPayloads;
export const COMMAND_TYPES: readonly CommandType[] = ['notice.save', 'resident.register', 'resident.set-pin', 'resident.proxy-session'];

export interface CommandOf<T extends CommandType> {
  /** Client-generated UUID, unique forever. */
  id: string;
  /** Per-device sequence number: 1, 2, 3… without gaps. */
  seq: number;
  type: T;
  payload: CommandPayloads[T];
  actor: CommandActor;
  /** When the person did it (kiosk clock), ISO-8601. */
  createdAt: string;
}

/** A command; without a type argument, the union of every kind, so `type` narrows `payload`. */
export type Command<T extends CommandType = CommandType> = { [K in T]: CommandOf<K> }[T];

export type OutcomeStatus = 'applied' | 'rejected' | 'conflict';

export interface CommandOutcome {
  seq: number;
  commandId: string;
  status: OutcomeStatus;
  /** For rejected and conflict: what went wrong, in plain Chinese for staff. */
  reason?: string;
  /** For applied notice commands: the notice as stored. For conflict: the server's current copy. */
  notice?: Notice;
  /** For applied resident commands: the resident as stored (the kiosk replica takes it at once). */
  resident?: Resident;
}

export interface PushRequest {
  commands: Command[];
}

export interface PushResponse {
  outcomes: CommandOutcome[];
  /** The last sequence number the server has applied for this device. */
  lastSeq: number;
  /** Set when the batch stopped at a gap: the sequence number the server expects next. */
  expectedSeq?: number;
}

export type ReplicatedEntity = 'notice' | 'station' | 'staff' | 'resident';

export interface ChangeBase {
  seq: number;
  id: string;
}
export type Change =
  | (ChangeBase & { entity: 'notice'; op: 'put'; data: Notice })
  | (ChangeBase & { entity: 'station'; op: 'put'; data: Station })
  | (ChangeBase & { entity: 'staff'; op: 'put'; data: StaffCredential })
  /** Residents of the station with their PIN and card hashes: kiosks check sign-ins offline. */
  | (ChangeBase & { entity: 'resident'; op: 'put'; data: Resident })
  | (ChangeBase & { entity: ReplicatedEntity; op: 'delete' });

export interface PullResponse {
  changes: Change[];
  /** Store this and send it next time. */
  cursor: number;
  /** True when more changes wait beyond this page. */
  more: boolean;
}

/** Server-sent-events poke: something changed, pull soon. */
export interface SyncPoke {
  cursor: number;
}

export const PULL_PAGE_MAX = 1000;
export const PUSH_BATCH_MAX = 500;
