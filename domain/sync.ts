/**
 * The sync protocol between kiosks and the station server (see docs/architecture.md).
 *
 * Pull: replicated content by a per-station change cursor, tombstones included.
 * Push: commands with a client UUID and a per-device sequence number, applied once each.
 */
import type { MealBookingRecord, MealResidentFlags, StationSubsidyPolicy } from './meal-records.ts';
import type { DietTag, MealBookingRefusal, MealKind, MealMode, MealSetCode, Menu, MenuDraft } from './meals.ts';
import type { Notice, NoticeDraft } from './notice.ts';
import type { CatalogueItem, CatalogueItemDraft, Deed, KioskAllowance, PointsAccountView, Redemption } from './points.ts';
import type { KioskResident } from './resident.ts';
import type { Station, StaffCredential } from './station.ts';
import type { HoursCorrectionRecord, VolunteerSignUpRecord } from './volunteer-records.ts';
import type { Activity, ActivityDraft, SignUpRefusal } from './volunteer.ts';

/**
 * Who did it at the kiosk, verified there against synced hashes: a signed-in staff member
 * (`staffNo`), a signed-in resident (`residentId`), or both — a staff member acting for a
 * resident (proxy), which the audit log records as such. At least one is present.
 */
export interface CommandActor {
  staffNo?: string;
  residentId?: string;
  /** With staffNo: base64 HMAC-SHA256 by the staff member's command key (domain/staff-secret.ts). */
  staffProof?: string;
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

/** A resident leaves (or rejoins) the public points ranking. */
export interface ResidentRankingOptOutPayload {
  residentId: string;
  optOut: boolean;
}

/**
 * Staff create or edit a catalogue item (积分超市), like a notice: a stale revision is a conflict.
 * Stock is moved by others (redemptions, kiosk holds), so an edit never sets it: a new item
 * (baseRevision null) starts with `draft.stock`; an edit carries `stockDelta` (补货 +N, 减少 −N,
 * 0 for none), applied to the stock as it is on the server, and its `draft.stock` is only what
 * the editor expects to see (the stock it saw plus the delta). An edit without `stockDelta` (from
 * a kiosk older than this rule) is applied only if its stock is still the server's, else conflicts.
 */
export interface CatalogueSavePayload {
  itemId: string;
  baseRevision: number | null;
  draft: CatalogueItemDraft;
  stockDelta?: number;
}

/** Staff award points: to one resident, or to everyone who attended an activity. */
export interface PointsAwardPayload {
  /** One UUID per resident: each becomes that transfer's permanent id. */
  awards: { residentId: string; transferId: string }[];
  deed: Deed;
  /** Points per resident; null takes the station's table for the deed. */
  points: number | null;
  /** e.g. "11月22日 消防演练"; shown in the passbook. */
  memo: string;
}

/**
 * A signed-in resident (or staff acting for one) redeems an item. `kiosk-allowance`: confirmed at
 * an offline kiosk from its hold, so the server must accept it; `online`: the server decides.
 */
export interface PointsRedeemPayload {
  redemptionId: string;
  /** The permanent id of the spending transfer. */
  transferId: string;
  itemId: string;
  quantity: number;
  funding: 'online' | 'kiosk-allowance';
  /**
   * `kiosk-allowance` only: the points the kiosk charged offline (the price it knew). A price
   * raised while the kiosk was offline must not turn a confirmed redemption into a refused one.
   */
  cost?: number;
}

/** Undo a redemption (the resident within 10 minutes, staff any time) until it is handed out. */
export interface PointsRedeemCancelPayload {
  redemptionId: string;
  /** The permanent id of the reversing transfer. */
  reversalId: string;
  reason: string;
}

/** Staff hand the item over after checking the voucher code. */
export interface PointsHandoutPayload {
  redemptionId: string;
}

/** Staff reverse a transfer (a correction), with a reason; nothing is ever edited. */
export interface PointsReversePayload {
  transferId: string;
  reversalId: string;
  reason: string;
}

/**
 * The kiosk, online, settles its offline allowances and asks for new ones. It is queued behind
 * the kiosk's own redemptions, so the server has seen everything spent from the old holds.
 */
export interface PointsAllowanceRenewPayload {
  requestedAt: string;
}

/** Staff create or edit a week's menu offline; a stale revision is a conflict with the server's copy. */
export interface MenuSavePayload {
  menuId: string;
  /** null when creating. */
  baseRevision: number | null;
  draft: MenuDraft;
}

/**
 * A resident (or staff for them: proxy) books a meal; the resident is `actor.residentId`. The
 * server decides (checkMealBooking + seats, in one transaction). `provisional`: booked at an
 * offline kiosk and told "已登记，联网后确认" — the server then stores the outcome either way
 * (confirmed, or refused with the sentence) so the resident sees it in 我的.
 */
export interface MealBookPayload {
  bookingId: string;
  date: string;
  meal: MealKind;
  set: MealSetCode;
  variant: DietTag | null;
  mode: MealMode;
  provisional: boolean;
}

/** Cancel before the cut-off: the resident their own booking, staff anyone's of the station. */
export interface MealCancelPayload {
  bookingId: string;
  reason: string;
}

/** Staff save an activity; a stale baseRevision is a conflict (like menu.save). */
export interface ActivitySavePayload {
  activityId: string;
  baseRevision: number | null;
  draft: ActivityDraft;
}

/** The resident is actor.residentId (alone, or with staff: proxy). provisional: made offline. */
export interface VolunteerSignUpPayload {
  signUpId: string;
  activityId: string;
  provisional: boolean;
}

export interface VolunteerCancelPayload {
  signUpId: string;
  reason: string;
}

/** The resident at the venue kiosk, or staff from the attendance list. */
export interface VolunteerAttendancePayload {
  signUpId: string;
  at: string;
}

export interface VolunteerHoursCorrectionPayload {
  correctionId: string;
  signUpId: string;
  hours: number;
  reason: string;
}

export interface VolunteerHoursCorrectionDecisionPayload {
  correctionId: string;
  approve: boolean;
}

export interface CommandPayloads {
  'notice.save': NoticeSavePayload;
  'resident.register': ResidentRegisterPayload;
  'resident.set-pin': ResidentSetPinPayload;
  'resident.proxy-session': ResidentProxySessionPayload;
  'resident.ranking-opt-out': ResidentRankingOptOutPayload;
  'catalogue.save': CatalogueSavePayload;
  'points.award': PointsAwardPayload;
  'points.redeem': PointsRedeemPayload;
  'points.redeem-cancel': PointsRedeemCancelPayload;
  'points.handout': PointsHandoutPayload;
  'points.reverse': PointsReversePayload;
  'points.allowance-renew': PointsAllowanceRenewPayload;
  'menu.save': MenuSavePayload;
  'meal.book': MealBookPayload;
  'meal.cancel': MealCancelPayload;
  'activity.save': ActivitySavePayload;
  'volunteer.sign-up': VolunteerSignUpPayload;
  'volunteer.cancel': VolunteerCancelPayload;
  'volunteer.check-in': VolunteerAttendancePayload;
  'volunteer.check-out': VolunteerAttendancePayload;
  'volunteer.hours-correction': VolunteerHoursCorrectionPayload;
  'volunteer.hours-correction-decision': VolunteerHoursCorrectionDecisionPayload;
}
export type CommandType = keyof CommandPayloads;
export const COMMAND_TYPES: readonly CommandType[] = [
  'notice.save',
  'resident.register',
  'resident.set-pin',
  'resident.proxy-session',
  'resident.ranking-opt-out',
  'catalogue.save',
  'points.award',
  'points.redeem',
  'points.redeem-cancel',
  'points.handout',
  'points.reverse',
  'points.allowance-renew',
  'menu.save',
  'meal.book',
  'meal.cancel',
  'activity.save',
  'volunteer.sign-up',
  'volunteer.cancel',
  'volunteer.check-in',
  'volunteer.check-out',
  'volunteer.hours-correction',
  'volunteer.hours-correction-decision',
];

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
  /** For resident commands: the resident as stored (applied) or the server's copy (conflict); her PIN hash only if this kiosk may hold it. */
  resident?: KioskResident;
  /** catalogue.save: the item as stored (applied) or the server's copy (conflict). */
  catalogueItem?: CatalogueItem;
  /** points.redeem / redeem-cancel / handout: the redemption as stored. */
  redemption?: Redemption;
  /** Points commands: the resident's account after the command (one per resident touched). */
  pointsAccounts?: PointsAccountView[];
  /** points.allowance-renew: what this kiosk may now spend offline. */
  allowance?: KioskAllowance;
  /** menu.save: the menu as stored (applied) or the server's copy (conflict). */
  menu?: Menu;
  /** meal.book / meal.cancel: the booking as stored (confirmed, refused, cancelled). */
  mealBooking?: MealBookingRecord;
  /** meal.book refused (rejected online, or a stored refused provisional booking): which rule. */
  mealRefusal?: MealBookingRefusal;
  activity?: Activity;
  volunteerSignUp?: VolunteerSignUpRecord;
  volunteerRefusal?: SignUpRefusal;
  /** Sign-ups another command changed too (a cancellation promoting the first on the waitlist). */
  promotedSignUps?: VolunteerSignUpRecord[];
  hoursCorrection?: HoursCorrectionRecord;
}

export interface PushRequest {
  commands: Command[];
  /**
   * The highest seq this device has had acknowledged and still keeps (kiosk/sync/acknowledged.ts).
   * Ahead of the server's last_seq, it means the server went back in time (restored from a backup):
   * the answer then carries `resendFrom`.
   */
  ackedSeq?: number;
}

export interface PushResponse {
  outcomes: CommandOutcome[];
  /** The last sequence number the server has applied for this device. */
  lastSeq: number;
  /** Set when the batch stopped at a gap: the sequence number the server expects next. */
  expectedSeq?: number;
  /**
   * Set when `ackedSeq` was ahead of the server (it was restored from a backup): send the kept
   * acknowledged commands again from this seq, with their original ids and seqs.
   */
  resendFrom?: number;
  /** A new device token (rotation): store it and use it from now on; the old one stops once it is used. */
  deviceToken?: string;
}

export type ReplicatedEntity =
  | 'notice'
  | 'station'
  | 'staff'
  | 'resident'
  | 'catalogue-item'
  | 'points-account'
  | 'redemption'
  | 'deed-points'
  | 'menu'
  | 'meal-booking'
  | 'subsidy-policy'
  | 'meal-resident'
  | 'activity'
  | 'volunteer-sign-up';

/** The station's table of points per deed (replicated as entity `deed-points`, id = station id). */
export interface DeedPointsTable {
  stationId: string;
  points: Record<Deed, number>;
}

export interface ChangeBase {
  seq: number;
  id: string;
}
export type Change =
  | (ChangeBase & { entity: 'notice'; op: 'put'; data: Notice })
  | (ChangeBase & { entity: 'station'; op: 'put'; data: Station })
  | (ChangeBase & { entity: 'staff'; op: 'put'; data: StaffCredential })
  /** Residents of the station with card hashes, and the PIN hash for those linked to this kiosk (offline sign-in). */
  | (ChangeBase & { entity: 'resident'; op: 'put'; data: KioskResident })
  | (ChangeBase & { entity: 'catalogue-item'; op: 'put'; data: CatalogueItem })
  /** id = resident id. */
  | (ChangeBase & { entity: 'points-account'; op: 'put'; data: PointsAccountView })
  | (ChangeBase & { entity: 'redemption'; op: 'put'; data: Redemption })
  | (ChangeBase & { entity: 'deed-points'; op: 'put'; data: DeedPointsTable })
  | (ChangeBase & { entity: 'menu'; op: 'put'; data: Menu })
  /** Every booking of the station's residents (我的, and staff counts offline); delivery address included. */
  | (ChangeBase & { entity: 'meal-booking'; op: 'put'; data: MealBookingRecord })
  /** id = station id. */
  | (ChangeBase & { entity: 'subsidy-policy'; op: 'put'; data: StationSubsidyPolicy })
  /** id = resident id; staff-only flags (groups, delivery address). */
  | (ChangeBase & { entity: 'meal-resident'; op: 'put'; data: MealResidentFlags })
  | (ChangeBase & { entity: 'activity'; op: 'put'; data: Activity })
  | (ChangeBase & { entity: 'volunteer-sign-up'; op: 'put'; data: VolunteerSignUpRecord })
  | (ChangeBase & { entity: ReplicatedEntity; op: 'delete' });

export interface PullResponse {
  changes: Change[];
  /** Store this and send it next time. */
  cursor: number;
  /** True when more changes wait beyond this page. */
  more: boolean;
  /** As in PushResponse: the query's `acked` was ahead of the server; resend from this seq. */
  resendFrom?: number;
  /** As in PushResponse: a new device token. */
  deviceToken?: string;
}

/** Server-sent-events poke: something changed, pull soon. */
export interface SyncPoke {
  cursor: number;
}

export const PULL_PAGE_MAX = 1000;
export const PUSH_BATCH_MAX = 500;

/**
 * The error code of the 401 a kiosk gets once staff revoked its pairing: unlike other auth
 * failures it is final, so the kiosk stops retrying and keeps its outbox for a person to see.
 */
export const DEVICE_REVOKED_ERROR = 'device-revoked';

/**
 * The error code of the 401 a kiosk gets when its token went unused for too long (the station's
 * device-token expiry, 30 days by default): like a revocation it is final until staff pair the
 * kiosk again, and the kiosk keeps its outbox.
 */
export const DEVICE_TOKEN_EXPIRED_ERROR = 'device-token-expired';
