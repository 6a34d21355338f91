/**
 * The kiosk's moving parts, built once and handed to the app: the database, the outbox, the
 * sync engine and the LinliSource over the replica. Tests build their own with a stubbed fetch,
 * their own database name and fake timers.
 */
import { KioskDb, DEFAULT_KIOSK_DB_NAME } from './store/kiosk-db.ts';
import { KioskSource } from './kiosk-source.ts';
import { queueAllowanceRenewIfDue } from './points/points-commands.ts';
import { StaffCommandKeys } from './staff/command-keys.ts';
import { Outbox } from './sync/outbox.ts';
import { browserSyncEnvironment, SyncEngine, type SyncEnvironment } from './sync/sync-engine.ts';

export interface KioskServices {
  api: string;
  db: KioskDb;
  outbox: Outbox;
  /** The signed-in staff member's command key, in memory only (staff sign-in holds it, sign-out forgets it). */
  staffKeys: StaffCommandKeys;
  engine: SyncEngine;
  source: KioskSource;
  fetch: SyncEnvironment['fetch'];
  now: () => Date;
  /** Opens the browser's print dialog (window.print). */
  print: () => void;
}

export interface KioskServiceOptions {
  api?: string;
  dbName?: string;
  env?: Partial<SyncEnvironment>;
  publicOrigin?: string;
  print?: () => void;
}

/** The API base: `?api=` when given (tests, a separate server), else `/api` on this origin. */
export function apiFromLocation(loc: Location = location): string {
  const fromQuery = new URLSearchParams(loc.search).get('api');
  return (fromQuery && fromQuery.length > 0 ? fromQuery : '/api').replace(/\/+$/, '');
}

export function createKioskServices(options: KioskServiceOptions = {}): KioskServices {
  const env = { ...browserSyncEnvironment(), ...options.env };
  const api = options.api ?? apiFromLocation();
  const db = new KioskDb(options.dbName ?? DEFAULT_KIOSK_DB_NAME);
  const staffKeys = new StaffCommandKeys();
  const outbox = new Outbox(db, { now: env.now, proveActor: staffKeys.proveActor });
  // After each pull, online: ask for a new offline points allowance when one is due.
  const engine = new SyncEngine({ db, outbox, api, env, afterPull: queueAllowanceRenewIfDue });
  const source = new KioskSource(db, { publicOrigin: options.publicOrigin, now: env.now });
  return { api, db, outbox, staffKeys, engine, source, fetch: env.fetch, now: env.now, print: options.print ?? (() => window.print()) };
}
