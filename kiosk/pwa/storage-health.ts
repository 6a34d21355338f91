/**
 * Keeping the kiosk's storage healthy, and telling staff when it is not.
 *
 * - `navigator.storage.persist()` on start, so the replica and the outbox are not evicted under
 *   storage pressure (a refusal is reported to staff once);
 * - `navigator.storage.estimate()` now and then: above 80 % of the quota staff are warned;
 * - every database call goes through `KioskDb.run()`; `guardDatabase()` wraps it so a quota
 *   error (QuotaExceededError) frees what can be freed (the runtime image cache), tells staff and
 *   retries once, and a "connection is closing" (which KioskDb itself reopens and retries) is
 *   reported to staff too. A failed IndexedDB transaction aborts as a whole, so a retry never
 *   applies half of anything twice.
 *
 * Warnings reach the app as a `linli-staff-warning` event (detail: StaffWarning) on the
 * <linli-kiosk-app> element; the app decides how staff see them.
 */
import { isClosedConnectionError, type KioskDb } from '../store/kiosk-db.ts';

/** Warn staff above this share of the quota. */
export const STORAGE_WARN_RATIO = 0.8;
/** How often to look at the storage estimate (10 minutes). */
export const STORAGE_CHECK_MS = 10 * 60_000;
/** The runtime cache of notice images (scripts/kiosk-sw.mjs): the first thing to drop when full. */
export const IMAGE_CACHE = 'linli-images';
export const STAFF_WARNING_EVENT = 'linli-staff-warning';

export type StaffWarningKind = 'storage-high' | 'storage-full' | 'storage-recovered' | 'storage-not-persistent' | 'database-reopened';

export interface StaffWarning {
  kind: StaffWarningKind;
  /** 'error': something was not saved; 'warning': act soon; 'info': for the record. */
  level: 'error' | 'warning' | 'info';
  /** A plain Chinese sentence for staff. */
  message: string;
  at: string;
  usage?: number;
  quota?: number;
}

export interface StorageReport {
  usage: number;
  quota: number;
  /** usage / quota, 0…1 (can exceed 1 briefly). */
  ratio: number;
  high: boolean;
}

/** Judge one `navigator.storage.estimate()` answer; null when the browser does not say. */
export function assessStorage(estimate: { usage?: number; quota?: number } | null | undefined, threshold = STORAGE_WARN_RATIO): StorageReport | null {
  const usage = estimate?.usage;
  const quota = estimate?.quota;
  if (typeof usage !== 'number' || typeof quota !== 'number' || !Number.isFinite(quota) || quota <= 0 || usage < 0) return null;
  const ratio = usage / quota;
  return { usage, quota, ratio, high: ratio > threshold };
}

/** A byte count as staff read it: "1.2 GB", "350 MB". */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** True for "the disk / origin quota is full" in any of its spellings. */
export function isQuotaError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: unknown; code?: unknown; message?: unknown; inner?: unknown };
  if (e.name === 'QuotaExceededError' || e.code === 22) return true;
  if (typeof e.message === 'string' && /quota/i.test(e.message)) return true;
  return false;
}

export function staffWarning(kind: StaffWarningKind, report: Partial<StorageReport> = {}, at: Date = new Date()): StaffWarning {
  const used = report.usage === undefined ? '' : formatBytes(report.usage);
  const quota = report.quota === undefined ? '' : formatBytes(report.quota);
  const percent = report.ratio === undefined ? '' : String(Math.round(report.ratio * 100));
  const table: Record<StaffWarningKind, [StaffWarning['level'], string]> = {
    'storage-high': ['warning', `本机存储已用 ${percent}%（${used} / ${quota}）。请联系管理员清理或更换设备，以免数据无法保存。`],
    'storage-full': ['error', '本机存储已满，刚才的操作没有保存。已清理图片缓存，请再试一次；仍然失败请联系管理员。'],
    'storage-recovered': ['warning', '本机存储空间不足：已清理图片缓存，刚才的操作已保存。请尽快联系管理员。'],
    'storage-not-persistent': ['info', '浏览器没有承诺长期保存本机数据，存储紧张时可能被清除。请把本终端安装为应用，或在浏览器中允许“持久存储”。'],
    'database-reopened': ['info', '本机数据库连接曾中断，已自动重新连接，数据没有丢失。'],
  };
  const [level, message] = table[kind];
  return { kind, level, message, at: at.toISOString(), ...(report.usage === undefined ? {} : { usage: report.usage }), ...(report.quota === undefined ? {} : { quota: report.quota }) };
}

/** Tell staff: log it and send it to the app (<linli-kiosk-app> keeps it for 需要处理). */
export function reportStaffWarning(app: EventTarget, warning: StaffWarning): void {
  console.warn(`[linli] ${warning.kind}: ${warning.message}`);
  app.dispatchEvent(new CustomEvent<StaffWarning>(STAFF_WARNING_EVENT, { detail: warning, bubbles: true, composed: true }));
}

export interface StorageLike {
  persist?: () => Promise<boolean>;
  persisted?: () => Promise<boolean>;
  estimate?: () => Promise<{ usage?: number; quota?: number }>;
}

/** Ask for persistent storage; resolves false when refused or not supported. */
export async function requestPersistence(storage: StorageLike | undefined): Promise<boolean> {
  try {
    if (!storage?.persist) return false;
    if (storage.persisted && (await storage.persisted())) return true;
    return await storage.persist();
  } catch {
    return false;
  }
}

export interface StorageWatchOptions {
  storage: StorageLike | undefined;
  onWarning: (warning: StaffWarning) => void;
  intervalMs?: number;
  threshold?: number;
  setInterval?: (run: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

/**
 * Check the estimate now and every `intervalMs`. Warns once when usage crosses the threshold,
 * and again only after it went back under it and crossed again. Returns a stop function and
 * a `check()` to run on demand (after a quota error).
 */
export function watchStorage(options: StorageWatchOptions): { stop: () => void; check: () => Promise<StorageReport | null> } {
  const setIntervalFn = options.setInterval ?? ((run, ms) => setInterval(run, ms));
  const clearIntervalFn = options.clearInterval ?? ((h) => clearInterval(h as ReturnType<typeof setInterval>));
  let warned = false;
  const check = async (): Promise<StorageReport | null> => {
    let report: StorageReport | null;
    try {
      report = assessStorage(await options.storage?.estimate?.(), options.threshold);
    } catch {
      return null;
    }
    if (report?.high && !warned) options.onWarning(staffWarning('storage-high', report));
    warned = report?.high ?? warned;
    return report;
  };
  void check();
  const handle = setIntervalFn(() => void check(), options.intervalMs ?? STORAGE_CHECK_MS);
  return { stop: () => clearIntervalFn(handle), check };
}

export interface GuardOptions {
  onWarning: (warning: StaffWarning) => void;
  /** Free what can be freed (the runtime image cache); resolves when done. */
  freeSpace?: () => Promise<void>;
  /** Look at the estimate again after a quota error (the storage watcher's check). */
  recheck?: () => Promise<unknown>;
}

/** Drop the runtime image cache (it refills from the server when online). */
export async function dropImageCache(cacheStorage: CacheStorage | undefined = globalThis.caches): Promise<void> {
  await cacheStorage?.delete(IMAGE_CACHE).catch(() => false);
}

/**
 * Wrap `db.run` (the one door to IndexedDB) with the quota path. Returns an undo function.
 * "Connection is closing" is retried by KioskDb itself; here it is only reported.
 */
export function guardDatabase(db: Pick<KioskDb, 'run'>, options: GuardOptions): () => void {
  const original = db.run;
  const inner = original.bind(db) as KioskDb['run'];
  let reportedReopen = false;
  const guarded: KioskDb['run'] = async (work) => {
    // See each attempt's error before KioskDb decides to reopen and retry.
    const observed: typeof work = async (conn) => {
      try {
        return await work(conn);
      } catch (error) {
        if (!reportedReopen && isClosedConnectionError(error)) {
          reportedReopen = true;
          options.onWarning(staffWarning('database-reopened'));
        }
        throw error;
      }
    };
    try {
      return await inner(observed);
    } catch (error) {
      if (!isQuotaError(error)) throw error;
      await options.freeSpace?.().catch(() => undefined);
      try {
        const result = await inner(observed);
        options.onWarning(staffWarning('storage-recovered'));
        void options.recheck?.();
        return result;
      } catch (again) {
        if (isQuotaError(again)) options.onWarning(staffWarning('storage-full'));
        void options.recheck?.();
        throw again;
      }
    }
  };
  db.run = guarded;
  return () => {
    db.run = original;
  };
}

declare global {
  interface GlobalEventHandlersEventMap {
    /** A storage or database problem staff should know about (on <linli-kiosk-app>). */
    'linli-staff-warning': CustomEvent<StaffWarning>;
  }
}
