/**
 * Staff edits to notices: each save is a `notice.save` command in the outbox, applied to the
 * local replica in the same transaction (shown as 待同步 until the server's outcome arrives).
 */
import type { Command, Notice, NoticeDraft } from '../../domain/index.ts';
import type { KioskDb, ReplicaNotice } from '../store/kiosk-db.ts';
import { applyNoticeSaveLocally } from '../store/replica.ts';
import type { LocalWriteTx, Outbox } from '../sync/outbox.ts';
import type { StaffSession } from './staff-sign-in.ts';

export function draftOf(notice: Pick<Notice, keyof NoticeDraft>): NoticeDraft {
  return {
    board: notice.board,
    title: notice.title,
    body: notice.body,
    images: [...notice.images],
    publishAt: notice.publishAt,
    expireAt: notice.expireAt,
    pinned: notice.pinned,
    emergency: notice.emergency,
    retired: notice.retired,
  };
}

/**
 * Save a notice. `base` is the replica record being edited (null when creating); the edit is
 * based on its revision, which for a record with a pending local edit is the revision that edit
 * will produce, so two offline edits in a row do not conflict with each other. `alsoInTx` runs
 * inside the same transaction (e.g. removing the attention item a re-sent edit resolves).
 */
export async function saveNotice(
  outbox: Outbox,
  stationId: string,
  staff: StaffSession,
  base: ReplicaNotice | Notice | null,
  draft: NoticeDraft,
  noticeId: string = base?.id ?? crypto.randomUUID(),
  alsoInTx?: (tx: LocalWriteTx) => Promise<void>,
): Promise<Command<'notice.save'>> {
  return outbox.enqueue(
    { type: 'notice.save', payload: { noticeId, baseRevision: base ? base.revision : null, draft }, actor: { staffNo: staff.staffNo } },
    async (tx, command) => {
      await applyNoticeSaveLocally(tx, command, stationId);
      if (alsoInTx) await alsoInTx(tx);
    },
  );
}

export async function dismissAttention(db: KioskDb, id: string): Promise<void> {
  await db.run((conn) => conn.delete('attention', id));
  db.notifyChanged();
}
