/** Notices in the database: row mapping and the public queries. */
import type { Kysely } from 'kysely';
import { selectVisibleNotices, isNoticeVisible, type Board, type Notice, type NoticeDraft } from '../../domain/index.ts';
import type { Database, NoticesTable } from '../db/schema.ts';

export function noticeFromRow(row: NoticesTable): Notice {
  return {
    id: row.id,
    stationId: row.station_id,
    board: row.board as Board,
    title: row.title,
    body: row.body,
    images: JSON.parse(row.images) as string[],
    publishAt: row.publish_at,
    expireAt: row.expire_at,
    pinned: row.pinned === 1,
    emergency: row.emergency === 1,
    retired: row.retired === 1,
    revision: row.revision,
    updatedAt: row.updated_at,
  };
}

/** Times are stored normalized (UTC, milliseconds) so text order is time order in both databases. */
export function normalizeTime(iso: string): string {
  return new Date(iso).toISOString();
}

export function draftColumns(draft: NoticeDraft): Omit<NoticesTable, 'id' | 'station_id' | 'revision' | 'created_at' | 'updated_at'> {
  return {
    board: draft.board,
    title: draft.title.trim(),
    body: draft.body,
    images: JSON.stringify(draft.images),
    publish_at: normalizeTime(draft.publishAt),
    expire_at: draft.expireAt === null ? null : normalizeTime(draft.expireAt),
    pinned: draft.pinned ? 1 : 0,
    emergency: draft.emergency ? 1 : 0,
    retired: draft.retired ? 1 : 0,
  };
}

/**
 * Visible notices of a station. SQL narrows and orders (so a big station stays cheap); the domain
 * rule then has the final word, so the server, the kiosk and the widgets can never disagree.
 */
export async function visibleNotices(
  db: Kysely<Database>,
  stationId: string,
  query: { boards?: readonly Board[]; limit?: number },
  now: Date,
): Promise<Notice[]> {
  const t = now.toISOString();
  let q = db
    .selectFrom('notices')
    .selectAll()
    .where('station_id', '=', stationId)
    .where('retired', '=', 0)
    .where('publish_at', '<=', t)
    .where((eb) => eb.or([eb('expire_at', 'is', null), eb('expire_at', '>', t)]));
  if (query.boards && query.boards.length > 0) q = q.where('board', 'in', [...query.boards]);
  q = q.orderBy('pinned', 'desc').orderBy('publish_at', 'desc').orderBy('id', 'asc');
  if (query.limit !== undefined) q = q.limit(query.limit);
  const rows = await q.execute();
  return selectVisibleNotices(rows.map(noticeFromRow), query, now);
}

export async function visibleNotice(db: Kysely<Database>, stationId: string, noticeId: string, now: Date): Promise<Notice | null> {
  const row = await db.selectFrom('notices').selectAll().where('id', '=', noticeId).where('station_id', '=', stationId).executeTakeFirst();
  if (!row) return null;
  const notice = noticeFromRow(row);
  return isNoticeVisible(notice, now) ? notice : null;
}
