/**
 * The kiosk's IndexedDB: the replica of the station's content, the outbox of commands not yet
 * accepted by the server, the "needs attention" list, and small device facts (cursor, token…).
 *
 * Every piece of the kiosk reaches the database through `KioskDb.run()`, which survives the
 * browser closing the connection under us ("The database connection is closing",
 * InvalidStateError — after a version change, storage pressure or a dev-tools "clear storage")
 * by reopening and retrying once. A transaction that never started is safe to retry; one that
 * was running when the connection died aborts as a whole, so nothing is half applied.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { CatalogueItem, Command, CommandOutcome, DeedPointsTable, KioskAllowance, KioskResident, Notice, PointsAccountView, Redemption, StaffCredential, Station } from '../../domain/index.ts';
import type { MealBookingRecord, MealResidentFlags, StationSubsidyPolicy } from '../../domain/meal-records.ts';
import type { Menu } from '../../domain/meals.ts';
import type { VolunteerSignUpRecord } from '../../domain/volunteer-records.ts';
import type { Activity } from '../../domain/volunteer.ts';

/** A notice in the replica. A local edit not yet accepted by the server is marked pending. */
export interface ReplicaNotice extends Notice {
  /** The id of the outbox command whose optimistic result this record shows (待同步). */
  pendingCommandId?: string;
  /**
   * The last copy the server sent while a local edit is pending (null: the server has none,
   * the notice was created here). Restored when the server rejects the local edit.
   */
  serverCopy?: Notice | null;
}

/**
 * A resident in the replica (her PIN hash only if this kiosk is linked to her); like notices, a
 * local change waiting for the server is marked.
 */
export interface ReplicaResident extends KioskResident {
  pendingCommandId?: string;
  /** The server's last copy while a local change is pending (null: registered here). */
  serverCopy?: KioskResident | null;
}

/** Consecutive wrong PINs per phone number typed at this kiosk, for the offline lockout. */
export interface ResidentLockout {
  phone: string;
  failures: number;
  /** Epoch milliseconds until which sign-in is refused; 0 when not locked. */
  lockedUntil: number;
}

/** A catalogue item (积分超市) in the replica; a staff edit waiting for the server is marked like a notice. */
export interface ReplicaCatalogueItem extends CatalogueItem {
  pendingCommandId?: string;
  /** The server's last copy while a local edit is pending (null: created here). */
  serverCopy?: CatalogueItem | null;
}

/**
 * A redemption in the replica. One made (or cancelled, or handed out) here and not yet answered by
 * the server carries the command id; a pulled copy never replaces it, it is kept as `serverCopy`.
 */
export interface ReplicaRedemption extends Redemption {
  pendingCommandId?: string;
  serverCopy?: Redemption | null;
}

/** A points.redeem this kiosk confirmed from its offline allowance (spent from the holds). */
export interface AllowanceSpend {
  commandId: string;
  residentId: string;
  itemId: string;
  quantity: number;
  cost: number;
  /** Station month of the redemption (limits count per month). */
  month: string;
}

/**
 * What this kiosk may spend offline: the latest allowance the server granted (the outcome of a
 * points.allowance-renew, with that command's seq) and every allowance redemption queued since.
 */
export interface AllowanceState {
  allowance: KioskAllowance | null;
  /** The seq of the renew command whose outcome set `allowance`. */
  renewSeq: number | null;
  /** When that outcome arrived (kiosk clock), ISO-8601. */
  receivedAt: string | null;
  /** Allowance redemptions not yet covered by a renew's outcome. */
  spent: AllowanceSpend[];
  /** A renew waiting in the outbox (or sent) and the spends queued before it, which its outcome covers. */
  renewing: { commandId: string; covers: string[] } | null;
  /** An allowance redemption was queued since the last renew was queued: ask for a new one. */
  dirty: boolean;
}

export type ResidentActionStatus = 'pending' | 'applied' | 'rejected' | 'conflict';

/**
 * One thing a resident did at this kiosk (or staff did for them), for their 我的 screen: written
 * in the same transaction as the command, updated when the server's outcome arrives.
 */
export interface ResidentAction {
  /** The command id. */
  id: string;
  residentId: string;
  type: string;
  command: Command;
  createdAt: string;
  status: ResidentActionStatus;
  /** Why the server refused it, in plain Chinese. */
  reason?: string;
  /** Set when undone (withdrawn from the outbox or compensated). */
  undoneAt?: string | null;
  /** For a compensating command: the action it undoes. */
  undoOf?: string;
  /** Can no longer be undone whatever the time (a redemption handed out). */
  closed?: boolean;
}

/** 'refused': the server refused the whole device (pairing revoked); kept, with the reason in lastError. */
export type OutboxStatus = 'pending' | 'retrying' | 'refused';

/** A command waiting in the outbox. It leaves only when the server returns an outcome. */
export interface OutboxRecord {
  seq: number;
  command: Command;
  status: OutboxStatus;
  attempts: number;
  lastError?: string;
  enqueuedAt: string;
}

/**
 * A command the server acknowledged (returned an outcome for), kept for a while with that outcome
 * so that a server restored from a backup can ask for it again (kiosk/sync/acknowledged.ts).
 */
export interface AcknowledgedRecord {
  /** The command id. */
  id: string;
  /** The pairing it was acknowledged under: only its own device's commands are ever resent. */
  deviceId: string;
  seq: number;
  command: Command;
  outcome: CommandOutcome;
  /** When the outcome arrived (kiosk clock), ISO-8601: kept for 30 days from then. */
  acknowledgedAt: string;
}

/** A rejected or conflicting command a person has to look at. */
export interface AttentionItem {
  /** The command id (a UUID), so a command lands here at most once. */
  id: string;
  kind: 'rejected' | 'conflict';
  command: Command;
  /** The server's reason, in plain Chinese. */
  reason: string;
  /** What this kiosk tried to save (null when the command carried no notice). */
  local: Notice | null;
  /** The server's current copy, when known (always for a conflict). */
  server: Notice | null;
  /** For a catalogue.save: what this kiosk tried to save and the server's copy. */
  localItem?: CatalogueItem | null;
  serverItem?: CatalogueItem | null;
  at: string;
}

/** Consecutive wrong PINs per staff number, for the offline lockout. */
export interface StaffLockout {
  staffNo: string;
  failures: number;
  /** Epoch milliseconds until which sign-in is refused; 0 when not locked. */
  lockedUntil: number;
}

export interface MetaValues {
  cursor: number;
  deviceId: string;
  deviceToken: string;
  /** Tokens before the last rotations, newest first (a restored server may know only one of them). */
  retiredTokens: string[];
  stationId: string;
  /** The seq the next enqueued command gets (1, 2, 3… per device, without gaps). */
  nextSeq: number;
  /** The offline points allowance and what was spent from it (kiosk/points/allowance.ts). */
  allowance: AllowanceState;
  /** The station's points per deed (pulled entity `deed-points`). */
  deedPoints: DeedPointsTable;
  /** The station's meal subsidy policy (pulled entity `subsidy-policy`). */
  subsidyPolicy: StationSubsidyPolicy;
}

/** A week's menu in the replica; a staff edit waiting for the server is marked like a notice. */
export interface ReplicaMenu extends Menu {
  pendingCommandId?: string;
  serverCopy?: Menu | null;
}

/**
 * A meal booking in the replica. One booked (or cancelled) here and not yet answered carries the
 * command id; a booking made offline shows `provisional` until the server decides. A pulled copy
 * never replaces a pending one, it is kept as `serverCopy`.
 */
export interface ReplicaMealBooking extends MealBookingRecord {
  pendingCommandId?: string;
  serverCopy?: MealBookingRecord | null;
}
export type MetaKey = keyof MetaValues;

export interface KioskSchema extends DBSchema {
  notices: { key: string; value: ReplicaNotice; indexes: { byBoard: string; byPublishAt: string } };
  station: { key: string; value: Station };
  staff: { key: string; value: StaffCredential; indexes: { byStaffNo: string } };
  meta: { key: MetaKey; value: MetaValues[MetaKey] };
  outbox: { key: number; value: OutboxRecord };
  acknowledged: { key: string; value: AcknowledgedRecord; indexes: { byDeviceSeq: [string, number]; byAcknowledgedAt: [string, number] } };
  attention: { key: string; value: AttentionItem; indexes: { byAt: string } };
  lockouts: { key: string; value: StaffLockout };
  residents: { key: string; value: ReplicaResident; indexes: { byPhone: string; byCardHash: string } };
  residentLockouts: { key: string; value: ResidentLockout };
  residentActions: { key: string; value: ResidentAction; indexes: { byResident: [string, string] } };
  catalogue: { key: string; value: ReplicaCatalogueItem };
  pointsAccounts: { key: string; value: PointsAccountView };
  redemptions: { key: string; value: ReplicaRedemption; indexes: { byResident: string; byVoucher: string } };
  menus: { key: string; value: ReplicaMenu; indexes: { byWeek: string } };
  mealBookings: { key: string; value: ReplicaMealBooking; indexes: { byResident: string; byDate: string } };
  /** Staff-only meal flags per resident (groups, delivery flag and address). */
  mealResidents: { key: string; value: MealResidentFlags };
  /**
   * Volunteer activities and every sign-up of the station, as pulled. What this kiosk queued and the
   * server has not answered yet is not written here: it is read from the outbox (kiosk/volunteer/).
   */
  activities: { key: string; value: Activity };
  volunteerSignUps: { key: string; value: VolunteerSignUpRecord; indexes: { byResident: string; byActivity: string } };
}

export type KioskStoreName = StoreNames<KioskSchema>;
export type KioskTx<S extends KioskStoreName[], M extends IDBTransactionMode> = IDBPTransaction<KioskSchema, S, M>;

/**
 * 2: residents, their offline lockouts and their actions (我的). 3: points (catalogue, accounts,
 * redemptions). 4: meals. 5: volunteer. 6: acknowledged commands kept for a restored server.
 */
export const KIOSK_DB_VERSION = 6;
export const DEFAULT_KIOSK_DB_NAME = 'linli-kiosk';

/** True for the errors that mean "this connection is gone, open another one". */
export function isClosedConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error.name === 'InvalidStateError' || /connection is clos/i.test(error.message);
}

export class KioskDb {
  readonly name: string;
  #opening: Promise<IDBPDatabase<KioskSchema>> | null = null;
  #changes = new EventTarget();

  constructor(name: string = DEFAULT_KIOSK_DB_NAME) {
    this.name = name;
  }

  /** The open connection (opening it the first time, or again after it was closed). */
  connection(): Promise<IDBPDatabase<KioskSchema>> {
    if (!this.#opening) {
      const opening = openDB<KioskSchema>(this.name, KIOSK_DB_VERSION, {
        upgrade(db, oldVersion, _newVersion, transaction) {
          if (oldVersion < 1) {
            const notices = db.createObjectStore('notices', { keyPath: 'id' });
            notices.createIndex('byBoard', 'board');
            notices.createIndex('byPublishAt', 'publishAt');
            db.createObjectStore('station', { keyPath: 'id' });
            const staff = db.createObjectStore('staff', { keyPath: 'id' });
            staff.createIndex('byStaffNo', 'staffNo');
            db.createObjectStore('meta');
            db.createObjectStore('outbox', { keyPath: 'seq' });
            const attention = db.createObjectStore('attention', { keyPath: 'id' });
            attention.createIndex('byAt', 'at');
            db.createObjectStore('lockouts', { keyPath: 'staffNo' });
          }
          // A kiosk updated in place keeps its replica, outbox and cursor; the residents arrive with
          // the next pull only if the cursor is reset, so the version-2 upgrade also rewinds it.
          if (oldVersion < 2) {
            const residents = db.createObjectStore('residents', { keyPath: 'id' });
            residents.createIndex('byPhone', 'phone');
            residents.createIndex('byCardHash', 'cardHash');
            db.createObjectStore('residentLockouts', { keyPath: 'phone' });
            const actions = db.createObjectStore('residentActions', { keyPath: 'id' });
            actions.createIndex('byResident', ['residentId', 'createdAt']);
            // Pulling again from the start is safe (puts are idempotent, pending edits are kept).
            if (oldVersion >= 1) void transaction.objectStore('meta').put(0, 'cursor');
          }
          // Points: the catalogue, residents' accounts and redemptions arrive with a pull from the start.
          if (oldVersion < 3) {
            db.createObjectStore('catalogue', { keyPath: 'id' });
            db.createObjectStore('pointsAccounts', { keyPath: 'residentId' });
            const redemptions = db.createObjectStore('redemptions', { keyPath: 'id' });
            redemptions.createIndex('byResident', 'residentId');
            redemptions.createIndex('byVoucher', 'voucherCode');
            if (oldVersion >= 2) void transaction.objectStore('meta').put(0, 'cursor');
          }
          // Meals: menus, bookings and meal flags arrive with a pull from the start.
          if (oldVersion < 4) {
            const menus = db.createObjectStore('menus', { keyPath: 'id' });
            menus.createIndex('byWeek', 'weekStart');
            const bookings = db.createObjectStore('mealBookings', { keyPath: 'id' });
            bookings.createIndex('byResident', 'residentId');
            bookings.createIndex('byDate', 'date');
            db.createObjectStore('mealResidents', { keyPath: 'residentId' });
            if (oldVersion >= 3) void transaction.objectStore('meta').put(0, 'cursor');
          }
          // Volunteer: activities and sign-ups arrive with a pull from the start.
          if (oldVersion < 5) {
            db.createObjectStore('activities', { keyPath: 'id' });
            const signUps = db.createObjectStore('volunteerSignUps', { keyPath: 'id' });
            signUps.createIndex('byResident', 'residentId');
            signUps.createIndex('byActivity', 'activityId');
            if (oldVersion >= 4) void transaction.objectStore('meta').put(0, 'cursor');
          }
          // Acknowledged commands: kept from now on (nothing acknowledged before the update was kept).
          if (oldVersion < 6) {
            const acknowledged = db.createObjectStore('acknowledged', { keyPath: 'id' });
            acknowledged.createIndex('byDeviceSeq', ['deviceId', 'seq']);
            // Oldest first, in seq order within one moment (one push answers many commands at once).
            acknowledged.createIndex('byAcknowledgedAt', ['acknowledgedAt', 'seq']);
          }
        },
        // Another tab (a newer kiosk version) wants to upgrade: let it, and reopen on next use.
        blocking: () => this.close(),
        // The browser closed the connection abnormally: forget it so the next call reopens.
        terminated: () => {
          this.#opening = null;
        },
      });
      this.#opening = opening;
      opening.catch(() => {
        if (this.#opening === opening) this.#opening = null;
      });
    }
    return this.#opening;
  }

  /** Run work against the database; reopen and retry once when the connection was closing. */
  async run<T>(work: (db: IDBPDatabase<KioskSchema>) => Promise<T>): Promise<T> {
    const db = await this.connection();
    try {
      return await work(db);
    } catch (error) {
      if (!isClosedConnectionError(error)) throw error;
      if (this.#opening) {
        const current = await this.#opening.catch(() => null);
        if (current === db) {
          db.close();
          this.#opening = null;
        }
      }
      return work(await this.connection());
    }
  }

  async getMeta<K extends MetaKey>(key: K): Promise<MetaValues[K] | undefined> {
    return this.run(async (db) => (await db.get('meta', key)) as MetaValues[K] | undefined);
  }

  async setMeta<K extends MetaKey>(key: K, value: MetaValues[K]): Promise<void> {
    await this.run((db) => db.put('meta', value, key));
  }

  /** Tell readers (the kiosk source, the app) that replicated or local data changed. */
  notifyChanged(): void {
    this.#changes.dispatchEvent(new Event('change'));
  }

  onChange(listener: () => void): () => void {
    this.#changes.addEventListener('change', listener);
    return () => this.#changes.removeEventListener('change', listener);
  }

  /** Close the connection (the next call reopens it). */
  close(): void {
    const opening = this.#opening;
    this.#opening = null;
    void opening?.then((db) => db.close()).catch(() => undefined);
  }

  /** Close and delete the whole database (tests, and "unpair this kiosk"). */
  async destroy(): Promise<void> {
    const opening = this.#opening;
    this.#opening = null;
    if (opening) (await opening.catch(() => null))?.close();
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.deleteDatabase(this.name);
      req.onsuccess = () => resolve();
      req.onerror = () => reject(req.error ?? new Error('deleteDatabase failed'));
      req.onblocked = () => resolve();
    });
  }
}

/**
 * Run `body` against a transaction and wait for it to commit; if `body` throws (a DataError from
 * bad data, a bug), abort the transaction so none of what it already wrote is kept. Without
 * this, IndexedDB commits the requests made before the throw.
 */
export async function commitOrAbort<T>(tx: { abort(): void; done: Promise<void> }, body: () => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await body();
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // already finished or aborted
    }
    await tx.done.catch(() => undefined);
    throw error;
  }
  await tx.done;
  return result;
}
