/**
 * The `notice.save` command: a staff member at a kiosk created or edited a notice, possibly while
 * offline. Runs inside the push transaction of its command.
 */
import { validateNoticeDraft, type NoticeDraft, type NoticeSavePayload } from '../../domain/index.ts';
import { draftColumns, noticeFromRow } from '../content/notices.ts';
import { commandReplies, resolveActor, type AppliedResult, type CommandScope } from './command-scope.ts';

export type { AppliedResult, CommandScope } from './command-scope.ts';

function describeDraft(draft: NoticeDraft): string {
  return `「${draft.title.trim().slice(0, 40)}」（${draft.board}${draft.pinned ? '，置顶' : ''}${draft.emergency ? '，紧急' : ''}${draft.retired ? '，已撤下' : ''}）`;
}

export async function applyNoticeSave(scope: CommandScope, payload: NoticeSavePayload): Promise<AppliedResult> {
  const { trx, now, stationId } = scope;
  const reply = commandReplies(scope, 'notice', payload.noticeId);

  const check = await resolveActor(scope);
  if (!check.ok) return reply.rejected(null, `${check.reason}，公告没有保存`);
  if (!check.actor.staff) return reply.rejected(null, '公告只能由工作人员保存，公告没有保存');
  const actor = check.actor;

  const problems = Object.values(validateNoticeDraft(payload.draft));
  if (problems.length > 0) return reply.rejected(actor, `公告没有保存：${problems.join('；')}`);

  const existing = await trx.selectFrom('notices').selectAll().where('id', '=', payload.noticeId).executeTakeFirst();
  if (existing && existing.station_id !== stationId) {
    // Never reveal another station's notice; an id collision across stations is not a conflict
    // a person here could resolve.
    return reply.rejected(actor, '公告编号已被其他服务站使用，公告没有保存');
  }

  const t = now.toISOString();
  const columns = draftColumns(payload.draft);

  if (payload.baseRevision === null) {
    if (existing) {
      return reply.conflict(actor, '这条公告在服务器上已经存在，请对照服务器上的版本后再保存', { notice: noticeFromRow(existing) });
    }
    const row = { id: payload.noticeId, station_id: stationId, ...columns, revision: 1, created_at: t, updated_at: t };
    await trx.insertInto('notices').values(row).execute();
    return reply.applied(actor, 'notice.create', `新建公告${describeDraft(payload.draft)}`, { notice: noticeFromRow(row) });
  }

  if (!existing) return reply.rejected(actor, '要修改的公告在服务器上不存在，公告没有保存');
  if (existing.revision !== payload.baseRevision) {
    const reason = `这条公告已被别人修改过（您基于第 ${payload.baseRevision} 版，服务器上是第 ${existing.revision} 版），请对照两个版本后再保存`;
    return reply.conflict(actor, reason, { notice: noticeFromRow(existing) });
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
    return reply.conflict(actor, '这条公告刚刚被别人修改过，请对照两个版本后再保存', { notice: noticeFromRow(current) });
  }
  const notice = noticeFromRow(updated);
  return reply.applied(actor, 'notice.update', `修改公告${describeDraft(payload.draft)}，第 ${notice.revision} 版`, { notice });
}
