/**
 * The sync protocol between kiosks and the station server (see docs/architecture.md).
 *
 * Pull: replicated content by a per-station change cursor, tombstones included.
 * Push: commands with a client UUID and a per-device sequence number, applied once each.
 */
import type { Notice, NoticeDraft } from './notice.ts';
import type { Station, StaffCredential } from './station.ts';

/** Who did it at the kiosk: the staff member who signed in there (verified against synced hashes). */
export interface CommandActor {
  staffNo: string;
}

export interface NoticeSavePayload {
  /** The notice id: a new UUID when creating. */
  noticeId: string;
  /** The revision this edit was based on; null when creating. A stale one is a conflict. */
  baseRevision: number | null;
  draft: NoticeDraft;
}

export interface CommandPayloads {
  'notice.save': NoticeSavePayload;
}
export type CommandType = keyof CommandPayloads;
export const COMMAND_TYPES: readonly CommandType[] = ['notice.save'];

export interface Command<T extends CommandType = CommandType> {
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

export type OutcomeStatus = 'applied' | 'rejected' | 'conflict';

export interface CommandOutcome {
  seq: number;
  commandId: string;
  status: OutcomeStatus;
  /** For rejected and conflict: what went wrong, in plain Chinese for staff. */
  reason?: string;
  /** For applied notice commands: the notice as stored. For conflict: the server's current copy. */
  notice?: Notice;
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

export type ReplicatedEntity = 'notice' | 'station' | 'staff';

export interface ChangeBase {
  seq: number;
  id: string;
}
export type Change =
  | (ChangeBase & { entity: 'notice'; op: 'put'; data: Notice })
  | (ChangeBase & { entity: 'station'; op: 'put'; data: Station })
  | (ChangeBase & { entity: 'staff'; op: 'put'; data: StaffCredential })
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
