/**
 * The database as Kysely sees it. Portable column types so one set of migrations serves SQLite
 * and PostgreSQL: ids are text UUIDs, times ISO-8601 UTC text (sortable as text), booleans
 * integer 0/1, JSON as text.
 */
import type { Generated } from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

/** 0 or 1: SQLite has no boolean type, so both databases store integers. */
export type Flag = 0 | 1;

export interface StationsTable {
  id: string;
  name: string;
  address: string;
  phone: string;
  /** The last change sequence number handed out for this station (see changes). */
  change_seq: number;
  created_at: string;
  updated_at: string;
}

export interface StaffTable {
  id: string;
  station_id: string;
  staff_no: string;
  name: string;
  role: string;
  /** The verifier of the staff secret (10 digits, drawn by the server: server/auth/staff-secrets.ts). */
  pin_hash: string;
  failed_attempts: number;
  locked_until: string | null;
  active: Flag;
  created_at: string;
  updated_at: string;
  /** Replicated with the credential: the salt of the command key the kiosk derives at sign-in. */
  command_key_salt: string | null;
  /**
   * The command key K (base64) the server checks staff proofs with. Written when a secret is
   * issued; null for staff from before secrets (they get a new one). Never in a response, the
   * feed, a log or the audit log.
   */
  command_key: string | null;
}

export interface StaffSessionsTable {
  /** SHA-256 (hex) of the bearer token; the token itself is never stored. */
  token_hash: string;
  staff_id: string;
  station_id: string;
  created_at: string;
  expires_at: string;
}

export interface DevicesTable {
  id: string;
  station_id: string;
  name: string;
  token_hash: string;
  /** The last command sequence number applied for this device. */
  last_seq: number;
  paired_by_staff_id: string | null;
  created_at: string;
  revoked_at: string | null;
  /** The token before the last rotation: still accepted until the current one is first used. */
  previous_token_hash: string | null;
  /** When the current token was issued (pairing or rotation). */
  token_issued_at: string | null;
  /** The last request with its token, to the hour: a token unused for too long expires. */
  last_used_at: string | null;
}

export interface PairingCodesTable {
  code_hash: string;
  station_id: string;
  created_by_staff_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  used_by_device_id: string | null;
}

export interface NoticesTable {
  id: string;
  station_id: string;
  board: string;
  title: string;
  body: string;
  /** JSON array of URLs. */
  images: string;
  publish_at: string;
  expire_at: string | null;
  pinned: Flag;
  emergency: Flag;
  retired: Flag;
  revision: number;
  created_at: string;
  updated_at: string;
}

export interface ChangesTable {
  station_id: string;
  seq: number;
  entity: string;
  entity_id: string;
  op: 'put' | 'delete';
  /** JSON of the entity for `put`, null for a tombstone. */
  data: string | null;
}

export interface CommandOutcomesTable {
  device_id: string;
  seq: number;
  command_id: string;
  /** JSON of the CommandOutcome returned to the device, replayed verbatim on retry. */
  outcome: string;
  created_at: string;
}

export interface ResidentsTable {
  id: string;
  station_id: string;
  name: string;
  phone: string;
  birth_year: number;
  building: string;
  consent_at: string;
  /** PBKDF2 (domain/pin-hash.ts); the PIN itself never reaches the server. */
  pin_hash: string;
  /** SHA-256 hex of station + card number (domain hashCardNumber), or null. */
  card_hash: string | null;
  active: Flag;
  revision: number;
  failed_attempts: number;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
  /** Left out of the public points ranking at their own wish. */
  ranking_opt_out: Flag;
  /**
   * 1: a kiosk that held her PIN verifier was revoked; she cannot sign in anywhere until staff set
   * a new PIN (resident.set-pin clears it).
   */
  pin_reset_required: Generated<Flag>;
}

/** Why a kiosk may hold a resident's PIN verifier (offline sign-in there). */
export type ResidentDeviceLinkReason = 'registered' | 'pin-set' | 'online-sign-in' | 'earlier-use';

/** The kiosks where a resident needs offline sign-in: only these receive her PIN hash. */
export interface ResidentDevicesTable {
  resident_id: string;
  device_id: string;
  station_id: string;
  linked_at: string;
  reason: ResidentDeviceLinkReason;
}

export interface ResidentSessionsTable {
  /** SHA-256 (hex) of the bearer token. */
  token_hash: string;
  resident_id: string;
  station_id: string;
  created_at: string;
  expires_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  station_id: string;
  staff_id: string | null;
  staff_no: string | null;
  resident_id: string | null;
  /** 'staff' | 'resident' | 'proxy', or null for the system. */
  actor_kind: string | null;
  device_id: string | null;
  action: string;
  entity: string | null;
  entity_id: string | null;
  detail: string;
}

export interface PointAccountsTable {
  /** `resident:<id>`, `issued:<station>`, `spent:<station>`, `hold:<device>:<resident>` (domain/points.ts). */
  id: string;
  station_id: string;
  kind: 'resident' | 'issued' | 'spent' | 'hold';
  resident_id: string | null;
  device_id: string | null;
  /** Kept in step with the transfers in the same transaction; CHECK ≥ 0 for resident and hold. */
  balance: number;
}

export interface TransfersTable {
  id: string;
  station_id: string;
  kind: 'earn' | 'redeem' | 'hold' | 'release' | 'reversal';
  from_account: string;
  to_account: string;
  amount: number;
  resident_id: string | null;
  deed: string | null;
  memo: string;
  redemption_id: string | null;
  /** UNIQUE: a transfer is reversed at most once. */
  reverses: string | null;
  created_at: string;
}

export interface CatalogueItemsTable {
  id: string;
  station_id: string;
  name: string;
  description: string;
  kind: 'goods' | 'service';
  cost: number;
  /** Units at the station, not counting units held for kiosks (stock_holds). */
  stock: number;
  monthly_limit: number | null;
  active_from: string | null;
  active_until: string | null;
  photo: string | null;
  retired: Flag;
  revision: number;
  created_at: string;
  updated_at: string;
}

export interface RedemptionsTable {
  id: string;
  station_id: string;
  resident_id: string;
  item_id: string;
  item_name: string;
  quantity: number;
  cost: number;
  voucher_code: string;
  funding: 'online' | 'kiosk-allowance';
  device_id: string | null;
  status: 'confirmed' | 'handed-out' | 'cancelled';
  month: string;
  transfer_id: string;
  created_at: string;
  handed_out_at: string | null;
  cancelled_at: string | null;
}

/** Units of an item reserved for one kiosk to give out offline. */
export interface StockHoldsTable {
  device_id: string;
  item_id: string;
  units: number;
}

/** Units of a monthly-limited item one kiosk may still give one resident in `month`. */
export interface LimitHoldsTable {
  device_id: string;
  resident_id: string;
  item_id: string;
  month: string;
  units: number;
}

export interface DeedPointsTableRow {
  station_id: string;
  /** JSON Record<Deed, number>. */
  points: string;
  updated_at: string;
}

export interface MenusTable {
  id: string;
  station_id: string;
  /** The Monday, "2026-11-23"; unique per station. */
  week_start: string;
  /** JSON CutoffRule. */
  cutoff: string;
  /** JSON MenuDay[]. */
  days: string;
  revision: number;
  created_at: string;
  updated_at: string;
}

export interface MealPoliciesTable {
  station_id: string;
  /** JSON SubsidyPolicy (validateSubsidyPolicy passed). */
  policy: string;
  revision: number;
  updated_at: string;
}

/** Staff-only meal flags of a resident (sensitive). */
export interface MealResidentsTable {
  resident_id: string;
  station_id: string;
  /** JSON ResidentGroup[]. */
  groups: string;
  delivery_flag: Flag;
  address: string;
  notes: string;
  revision: number;
  updated_at: string;
}

export interface MealBookingsTable {
  id: string;
  station_id: string;
  resident_id: string;
  date: string;
  meal: 'lunch' | 'dinner';
  set_code: string;
  variant: string | null;
  mode: 'dine-in' | 'pick-up' | 'delivery';
  status: 'confirmed' | 'provisional' | 'cancelled' | 'refused';
  refusal: string | null;
  reason: string | null;
  /** JSON PriceBreakdown, as the resident confirmed it. */
  receipt: string;
  /** JSON DeliveryAddress snapshot for mode 'delivery', else null. */
  delivery: string | null;
  booked_by: 'resident' | 'proxy' | 'family';
  channel: 'kiosk' | 'website';
  device_id: string | null;
  created_at: string;
  cancelled_at: string | null;
  updated_at: string;
}

export interface ActivitiesTable {
  id: string;
  station_id: string;
  title: string;
  description: string;
  place: string;
  start_at: string;
  end_at: string;
  capacity: number;
  signup_deadline: string;
  min_age: number | null;
  max_age: number | null;
  requirements: string;
  points_per_hour: number;
  photo: string | null;
  cancelled: Flag;
  revision: number;
  created_at: string;
  updated_at: string;
}

export interface VolunteerSignUpsTable {
  id: string;
  station_id: string;
  activity_id: string;
  resident_id: string;
  status: 'confirmed' | 'waitlisted' | 'cancelled' | 'refused';
  /** Arrival order within the activity, given by the server (unique per activity). */
  arrival: number;
  refusal: string | null;
  reason: string | null;
  signed_up_by: 'resident' | 'proxy';
  channel: 'kiosk' | 'website';
  device_id: string | null;
  created_at: string;
  cancelled_at: string | null;
  check_in_at: string | null;
  check_out_at: string | null;
  minutes: number | null;
  /** Credited hours × 60 (whole minutes keep 0.5 h exact). */
  credited_minutes: number | null;
  points: number;
  award_transfer_id: string | null;
  updated_at: string;
}

export interface VolunteerHourCorrectionsTable {
  id: string;
  station_id: string;
  sign_up_id: string;
  resident_id: string;
  activity_id: string;
  from_minutes: number;
  to_minutes: number;
  reason: string;
  requested_by: string;
  requested_at: string;
  status: 'pending' | 'approved' | 'rejected';
  decided_by: string | null;
  decided_at: string | null;
  transfer_id: string | null;
  points_delta: number | null;
}

export interface VolunteerRoundingRulesTable {
  station_id: string;
  /** JSON RoundingRule (validateRoundingRule passed). */
  rule: string;
  revision: number;
  updated_at: string;
}

/**
 * Login rate-limit counters shared by every server process (server/auth/login-limits.ts): one
 * row per key (a client, an account, an account at one client, or everyone), counting attempts
 * in a window that ends at `expires_at`; an expired row counts as absent.
 */
export interface LoginLimitsTable {
  /** `<kind>:<sha256 of what is counted>`, so no phone number or address is stored as such. */
  key: string;
  count: number;
  expires_at: string;
}

export interface Database {
  stations: StationsTable;
  staff: StaffTable;
  staff_sessions: StaffSessionsTable;
  devices: DevicesTable;
  pairing_codes: PairingCodesTable;
  notices: NoticesTable;
  changes: ChangesTable;
  command_outcomes: CommandOutcomesTable;
  audit_log: AuditLogTable;
  residents: ResidentsTable;
  resident_sessions: ResidentSessionsTable;
  resident_devices: ResidentDevicesTable;
  point_accounts: PointAccountsTable;
  transfers: TransfersTable;
  catalogue_items: CatalogueItemsTable;
  redemptions: RedemptionsTable;
  stock_holds: StockHoldsTable;
  limit_holds: LimitHoldsTable;
  deed_points: DeedPointsTableRow;
  menus: MenusTable;
  meal_policies: MealPoliciesTable;
  meal_residents: MealResidentsTable;
  meal_bookings: MealBookingsTable;
  activities: ActivitiesTable;
  volunteer_sign_ups: VolunteerSignUpsTable;
  volunteer_hour_corrections: VolunteerHourCorrectionsTable;
  volunteer_rounding_rules: VolunteerRoundingRulesTable;
  login_limits: LoginLimitsTable;
}
