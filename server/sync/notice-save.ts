/**
 * The `notice.save` command: a staff member at a kiosk created or edited a notice, possibly while
 * offline. Runs inside the push transaction of its command.
 */
import { validateNoticeDraft, type NoticeDraft, type NoticeSavePayload } from '../../domain/index.ts';
import { recordChange } from '../content/changes.ts';
import { draftColumns, noticeFromRow } from '../content/notices.ts';
import { auditCommand, resolveActor, type AppliedResult, type CommandScope, type ResolvedActor } from './command-scope.ts';

export type { AppliedResult, CommandScope } from './command-scope.ts';

function describeDraft(draft: NoticeDraft): string {
  return `「${draft.title.trim().slice(0, 40)}」（${draft.board}${draft.pinned ? '，置顶' : ''}${draft.emergency ? '，紧急' : ''}${draft.retired ? '，已撤下' : ''}）`;
}

export async function applyNoticeSave(scope: CommandScope, payload: NoticeSavePayload): Promise<AppliedResult> {
  const { trx, now, stationId, commandId, seq } = scope;
  const base = { seq, commandId };
  const audit = (who: ResolvedActor | null, action: string, detail: string) =>
    auditCommand(scope, who, { action, entity: 'notice', entityId: payload.noticeId, detail });

  const check = await resolveActor(scope);
  if (!check.ok || !check.actor.staff) {
    const reason = check.ok ? '公告只能由工作人员保存，公告没有保存' : `${check.reason}，公告没有保存`;
    await audit(null, 'sync.rejected', reason);
    return { outcome: { ...base, status: 'rejected', reason } };
  }
  const actor = check.actor;

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
