/**
 * The `notice.save` command: a staff member at a kiosk created or edited a notice, possibly while
 * offline. Runs inside the push transaction of its command.
 */
import type { Transaction } from 'kysely';
import { validateNoticeDraft, type CommandOutcome, type NoticeDraft, type NoticeSavePayload } from '../../domain/index.ts';
import { writeAudit } from '../audit/audit-log.ts';
import { recordChange } from '../content/changes.ts';
import { draftColumns, noticeFromRow } from '../content/notices.ts';
import type { Database } from '../db/schema.ts';

export interface CommandScope {
  trx: Transaction<Database>;
  now: Date;
  stationId: string;
  deviceId: string;
  commandId: string;
  seq: number;
  staffNo: string;
}

export interface AppliedResult {
  outcome: CommandOutcome;
  /** The station's change cursor after this command, when it changed replicated content. */
  changeSeq?: number;
}

function describeDraft(draft: NoticeDraft): string {
  return `「${draft.title.trim().slice(0, 40)}」（${draft.board}${draft.pinned ? '，置顶' : ''}${draft.emergency ? '，紧急' : ''}${draft.retired ? '，已撤下' : ''}）`;
}

export async function applyNoticeSave(scope: CommandScope, payload: NoticeSavePayload): Promise<AppliedResult> {
  const { trx, now, stationId, deviceId, commandId, seq } = scope;
  const base = { seq, commandId };
  const audit = (staff: { id: string | null; staffNo: string }, action: string, detail: string) =>
    writeAudit(trx, now, {
      stationId,
      staffId: staff.id,
      staffNo: staff.staffNo,
      deviceId,
      action,
      entity: 'notice',
      entityId: payload.noticeId,
      detail,
    });

  const staff = await trx
    .selectFrom('staff')
    .select(['id', 'staff_no', 'active'])
    .where('station_id', '=', stationId)
    .where('staff_no', '=', scope.staffNo)
    .executeTakeFirst();
  if (!staff || staff.active !== 1) {
    const reason = `工号 ${scope.staffNo} 不是本站在职的工作人员，公告没有保存`;
    await audit({ id: null, staffNo: scope.staffNo }, 'sync.rejected', reason);
    return { outcome: { ...base, status: 'rejected', reason } };
  }
  const actor = { id: staff.id, staffNo: staff.staff_no };

  const problems = Object.values(validateNoticeDraft(payload.draft));
  if (problems.length > 0) {
    const reason = `公告没有保存：${problems.join('；')}`;
    await audit(actor, 'sync.rejected', reason);
    return { outcome: { ...base, status: 'rejected', reason } };
  }

  const existing = await trx.selectFrom('notices').selectAll().where('id', '=', payload.noticeId).executeTakeFirst();
  if (existing && existing.station_id !== stationId) {
    // Never reveal another station's notice; an id collision across stations is not a conflict
    // a person here could resolve.
    const reason = '公告编号已被其他服务站使用，公告没有保存';
    await audit(actor, 'sync.rejected', reason);
    return { outcome: { ...base, status: 'rejected', reason } };
  }

  const t = now.toISOString();
  const columns = draftColumns(payload.draft);

  if (payload.baseRevision === null) {
    if (existing) {
      const reason = '这条公告在服务器上已经存在，请对照服务器上的版本后再保存';
      await audit(actor, 'sync.conflict', reason);
      return { outcome: { ...base, status: 'conflict', reason, notice: noticeFromRow(existing) } };
    }
    const row = { id: payload.noticeId, station_id: stationId, ...columns, revision: 1, created_at: t, updated_at: t };
    await trx.insertInto('notices').values(row).execute();
    const notice = noticeFromRow(row);
    const changeSeq = await recordChange(trx, stationId, 'notice', notice.id, notice);
    await audit(actor, 'notice.create', `新建公告${describeDraft(payload.draft)}`);
    return { outcome: { ...base, status: 'applied', notice }, changeSeq };
  }

  if (!existing) {
    const reason = '要修改的公告在服务器上不存在，公告没有保存';
    await audit(actor, 'sync.rejected', reason);
    return { outcome: { ...base, status: 'rejected', reason } };
  }
  if (existing.revision !== payload.baseRevision) {
    const reason = `这条公告已被别人修改过（您基于第 ${payload.baseRevision} 版，服务器上是第 ${existing.revision} 版），请对照两个版本后再保存`;
    await audit(actor, 'sync.conflict', reason);
    return { outcome: { ...base, status: 'conflict', reason, notice: noticeFromRow(existing) } };
  }
  // The revision condition makes the check and the write one step, whatever the isolation level.
  const updated = await trx
    .updateTable('notices')
    .set({ ...columns, revision: payload.baseRevision + 1, updated_at: t })
    .where('id', '=', payload.noticeId)
    .where('revision', '=', payload.baseRevision)
    .returningAll()
    .executeTakeFirst();
  if (!updated) {
    const current = await trx.selectFrom('notices').selectAll().where('id', '=', payload.noticeId).executeTakeFirstOrThrow();
    const reason = '这条公告刚刚被别人修改过，请对照两个版本后再保存';
    await audit(actor, 'sync.conflict', reason);
    return { outcome: { ...base, status: 'conflict', reason, notice: noticeFromRow(current) } };
  }
  const notice = noticeFromRow(updated);
  const changeSeq = await recordChange(trx, stationId, 'notice', notice.id, notice);
  await audit(actor, 'notice.update', `修改公告${describeDraft(payload.draft)}，第 ${notice.revision} 版`);
  return { outcome: { ...base, status: 'applied', notice }, changeSeq };
}
