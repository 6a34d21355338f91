/**
 * Saving weekly menus: a staff edit carries the revision it was based on, and the write is a
 * conditional UPDATE … WHERE revision = base, so the check and the write are one step. One menu
 * per station and week (a unique key); creating a week someone else just created is a conflict.
 */
import { addCalendarDays, copyMenuToWeek, findMenuSet, formatStationDate, MEAL_KIND_LABELS, validateMenu, type MealSetCode, type Menu, type MenuDraft } from '../../domain/index.ts';
import type { DialectName } from '../db/schema.ts';
import { lockStationForMeals, menuFromRow, menuOfWeek, type Db } from './meal-store.ts';

export type MenuSaveResult =
  | { kind: 'saved'; menu: Menu }
  | { kind: 'rejected'; reason: string }
  | { kind: 'conflict'; reason: string; current: Menu };

export interface MenuSaveRequest {
  stationId: string;
  menuId: string;
  baseRevision: number | null;
  draft: MenuDraft;
  now: Date;
}

export async function saveMenu(trx: Db, dialect: DialectName, req: MenuSaveRequest): Promise<MenuSaveResult> {
  const problems = validateMenu(req.draft);
  if (problems.length > 0) return { kind: 'rejected', reason: `菜单没有保存：${problems.map((p) => p.message).join('；')}` };
  await lockStationForMeals(trx, dialect, req.stationId);
  const t = req.now.toISOString();
  const existingRow = await trx.selectFrom('menus').selectAll().where('id', '=', req.menuId).executeTakeFirst();
  if (existingRow && existingRow.station_id !== req.stationId) return { kind: 'rejected', reason: '菜单编号已被其他服务站使用，菜单没有保存' };

  if (req.baseRevision === null) {
    if (existingRow) return { kind: 'conflict', reason: '这份菜单已经建好了（可能在别的一体机上），请看看现在的菜单再改', current: menuFromRow(existingRow) };
    const sameWeek = await menuOfWeek(trx, req.stationId, req.draft.weekStart);
    if (sameWeek) return { kind: 'conflict', reason: '这一周的菜单已经有人建好了，请在现有菜单上修改', current: sameWeek };
    const row = {
      id: req.menuId,
      station_id: req.stationId,
      week_start: req.draft.weekStart,
      cutoff: JSON.stringify(req.draft.cutoff),
      days: JSON.stringify(req.draft.days),
      revision: 1,
      created_at: t,
      updated_at: t,
    };
    await trx.insertInto('menus').values(row).execute();
    return { kind: 'saved', menu: menuFromRow(row) };
  }

  if (!existingRow) return { kind: 'rejected', reason: '没有找到这份菜单，菜单没有保存' };
  if (existingRow.week_start !== req.draft.weekStart) return { kind: 'rejected', reason: '不能把一周的菜单改到另一周，菜单没有保存；请新建那一周的菜单' };
  const orphaned = await bookedSetsMissingFrom(trx, req.stationId, req.draft);
  if (orphaned.length > 0) return { kind: 'rejected', reason: `菜单没有保存：${orphaned.join('；')}` };
  const updated = await trx
    .updateTable('menus')
    .set({ cutoff: JSON.stringify(req.draft.cutoff), days: JSON.stringify(req.draft.days), revision: req.baseRevision + 1, updated_at: t })
    .where('id', '=', req.menuId)
    .where('revision', '=', req.baseRevision)
    .returningAll()
    .executeTakeFirst();
  if (!updated) {
    const current = await trx.selectFrom('menus').selectAll().where('id', '=', req.menuId).executeTakeFirstOrThrow();
    return { kind: 'conflict', reason: '这份菜单刚被别人改过了，请比较两个版本，决定保留哪一个', current: menuFromRow(current) };
  }
  return { kind: 'saved', menu: menuFromRow(updated) };
}

/**
 * A set people have booked must not vanish from the menu under them: the kitchen would cook it
 * and the residents would hold a meal nobody can see. Staff cancel those bookings first.
 */
async function bookedSetsMissingFrom(trx: Db, stationId: string, draft: MenuDraft): Promise<string[]> {
  const booked = await trx
    .selectFrom('meal_bookings')
    .select(['date', 'meal', 'set_code'])
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('station_id', '=', stationId)
    .where('date', '>=', draft.weekStart)
    .where('date', '<=', addCalendarDays(draft.weekStart, 6))
    .where('status', 'in', ['confirmed', 'provisional'])
    .groupBy(['date', 'meal', 'set_code'])
    .orderBy('date')
    .orderBy('meal', 'desc')
    .orderBy('set_code')
    .execute();
  return booked
    .filter((b) => !findMenuSet(draft, b.date, b.meal, b.set_code as MealSetCode))
    .map((b) => `${formatStationDate(b.date)}${MEAL_KIND_LABELS[b.meal]} ${b.set_code} 套餐已经有 ${Number(b.n)} 人订了，不能删掉，请先为他们退订`);
}

export type CopyMenuResult = { kind: 'saved'; menu: Menu } | { kind: 'no-source' } | { kind: 'exists'; current: Menu } | { kind: 'rejected'; reason: string };

/** Last week's menu as this week's (same weekdays, dishes, prices, capacity and cut-off rule). */
export async function copyMenuFromLastWeek(trx: Db, dialect: DialectName, stationId: string, weekStart: string, now: Date): Promise<CopyMenuResult> {
  await lockStationForMeals(trx, dialect, stationId);
  const source = await menuOfWeek(trx, stationId, addCalendarDays(weekStart, -7));
  if (!source) return { kind: 'no-source' };
  const current = await menuOfWeek(trx, stationId, weekStart);
  if (current) return { kind: 'exists', current };
  const result = await saveMenu(trx, dialect, { stationId, menuId: crypto.randomUUID(), baseRevision: null, draft: copyMenuToWeek(source, weekStart), now });
  if (result.kind === 'conflict') return { kind: 'exists', current: result.current };
  return result;
}
