/**
 * The kiosk's LinliSource: reads come from the IndexedDB replica (instant, offline), using the
 * same domain rule as the server for what is visible. Subscribers hear about every applied pull
 * and every local write.
 */
import { isNoticeVisible, selectVisibleNotices, type Notice, type Station } from '../domain/index.ts';
import type { LinliSource, NoticeListQuery } from '../components/core/source.ts';
import type { KioskDb, ReplicaNotice } from './store/kiosk-db.ts';
import { withoutLocalFields } from './store/replica.ts';

export interface KioskSourceOptions {
  /** The origin of the public site that serves /demo/notice.html (default: this page's origin). */
  publicOrigin?: string;
  now?: () => Date;
}

export class KioskSource implements LinliSource {
  readonly db: KioskDb;
  readonly publicOrigin: string;
  #now: () => Date;
  /**
   * The last full read of the notices store, shared until the replica changes: the shell, the
   * notice board and the staff list all list every notice, and one getAll of 20,000 notices
   * costs ~300 ms on a kiosk. Every write to the replica ends with `db.notifyChanged()`, which
   * drops it (this listener is registered first, before any reader's).
   */
  #all: Promise<ReplicaNotice[]> | null = null;

  constructor(db: KioskDb, options: KioskSourceOptions = {}) {
    this.db = db;
    this.publicOrigin = (options.publicOrigin ?? location.origin).replace(/\/+$/, '');
    this.#now = options.now ?? (() => new Date());
    db.onChange(() => {
      this.#all = null;
    });
  }

  /** Every record of the notices store (shared read; callers get their own array). */
  async #records(): Promise<ReplicaNotice[]> {
    if (!this.#all) {
      const reading = this.db.run((db) => db.getAll('notices'));
      this.#all = reading;
      reading.catch(() => {
        if (this.#all === reading) this.#all = null;
      });
    }
    return (await this.#all).slice();
  }

  async station(): Promise<Station | null> {
    return this.db.run(async (db) => {
      const id = (await db.get('meta', 'stationId')) as string | undefined;
      if (id) return (await db.get('station', id)) ?? null;
      return (await db.getAll('station', undefined, 1))[0] ?? null;
    });
  }

  async notices(query: NoticeListQuery): Promise<Notice[]> {
    const boards = query.boards ?? [];
    const records =
      boards.length === 0
        ? await this.#records()
        : await this.db.run(async (db) => (await Promise.all(boards.map((b) => db.getAllFromIndex('notices', 'byBoard', b)))).flat());
    return selectVisibleNotices(records.map(withoutLocalFields), query, this.#now());
  }

  async notice(id: string): Promise<Notice | null> {
    const record = await this.db.run((db) => db.get('notices', id));
    if (!record) return null;
    const notice = withoutLocalFields(record);
    return isNoticeVisible(notice, this.#now()) ? notice : null;
  }

  /** Every notice in the replica, whatever its state (staff lists). */
  async allNotices(): Promise<ReplicaNotice[]> {
    return this.#records();
  }

  noticeUrl(notice: Notice): string {
    const params = new URLSearchParams({ station: notice.stationId, id: notice.id });
    return `${this.publicOrigin}/demo/notice.html?${params.toString()}`;
  }

  subscribe(onChange: () => void): () => void {
    return this.db.onChange(onChange);
  }
}
