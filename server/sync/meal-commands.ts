/**
 * The meal commands a kiosk pushes: staff save a week's menu; a resident (or staff for them)
 * books or cancels a meal. Each runs inside its push transaction, writes its audit row there and
 * publishes what changed to the station's kiosks.
 */
import { isCalendarDate, maskName, MEAL_BOOKING_REFUSALS, MEAL_KIND_LABELS, MEAL_MODE_LABELS, type CommandOutcome, type MealBookPayload, type MealBookingRecord, type MealCancelPayload, type MenuSavePayload } from '../../domain/index.ts';
import { recordChange } from '../content/changes.ts';
import { bookMeal, cancelMeal } from '../meals/bookings.ts';
import { saveMenu } from '../meals/menus.ts';
import { auditCommand, resolveActor, type AppliedResult, type CommandScope, type ResolvedActor } from './command-scope.ts';

function replies(scope: CommandScope, entity: 'menu' | 'meal-booking', entityId: string) {
  const base = { seq: scope.seq, commandId: scope.commandId };
  const audit = (who: ResolvedActor | null, action: string, detail: string) => auditCommand(scope, who, { action, entity, entityId, detail });
  return {
    async rejected(who: ResolvedActor | null, reason: string, extra: Partial<CommandOutcome> = {}): Promise<AppliedResult> {
      await audit(who, 'sync.rejected', reason);
      return { outcome: { ...base, status: 'rejected', reason, ...extra } };
    },
    async conflict(who: ResolvedActor, reason: string, extra: Partial<CommandOutcome>): Promise<AppliedResult> {
      await audit(who, 'sync.conflict', reason);
      return { outcome: { ...base, status: 'conflict', reason, ...extra } };
    },
    async applied(who: ResolvedActor, action: string, detail: string, extra: Partial<CommandOutcome>, changeSeq?: number): Promise<AppliedResult> {
      await audit(who, action, detail);
      return { outcome: { ...base, status: 'applied', ...extra }, changeSeq };
    },
  };
}

export async function applyMenuSave(scope: CommandScope, payload: MenuSavePayload): Promise<AppliedResult> {
  const reply = replies(scope, 'menu', payload.menuId);
  const check = await resolveActor(scope);
  if (!check.ok) return reply.rejected(null, `${check.reason}，菜单没有保存`);
  if (check.actor.kind !== 'staff') return reply.rejected(check.actor, '菜单只能由工作人员修改，菜单没有保存');
  const result = await saveMenu(scope.trx, scope.dialect, { stationId: scope.stationId, menuId: payload.menuId, baseRevision: payload.baseRevision, draft: payload.draft, now: scope.now });
  if (result.kind === 'rejected') return reply.rejected(check.actor, result.reason);
  if (result.kind === 'conflict') return reply.conflict(check.actor, result.reason, { menu: result.current });
  const changeSeq = await recordChange(scope.trx, scope.stationId, 'menu', result.menu.id, result.menu);
  const detail = `${payload.baseRevision === null ? '新建' : '修改'} ${result.menu.weekStart} 这一周的菜单（第 ${result.menu.revision} 版）`;
  return reply.applied(check.actor, 'menu.save', detail, { menu: result.menu }, changeSeq);
}

function describe(b: MealBookingRecord): string {
  return `${b.date} ${MEAL_KIND_LABELS[b.meal]} ${b.set} 套餐${b.variant ? `（${b.variant}）` : ''}，${MEAL_MODE_LABELS[b.mode]}`;
}

export async function applyMealBook(scope: CommandScope, payload: MealBookPayload): Promise<AppliedResult> {
  const reply = replies(scope, 'meal-booking', payload.bookingId);
  const check = await resolveActor(scope);
  if (!check.ok) return reply.rejected(null, `${check.reason}，没有订上`);
  const actor = check.actor;
  if (!actor.resident) return reply.rejected(actor, '订餐要写明是哪位居民（居民登录，或工作人员代办），没有订上');
  if (!isCalendarDate(payload.date)) return reply.rejected(actor, `日期“${payload.date}”不正确，没有订上`);
  const result = await bookMeal(scope.trx, scope.dialect, {
    ...payload,
    stationId: scope.stationId,
    residentId: actor.resident.id,
    bookedBy: actor.kind === 'proxy' ? 'proxy' : 'resident',
    channel: 'kiosk',
    deviceId: scope.deviceId,
    now: scope.now,
  });
  if (result.kind === 'unknown-resident') return reply.rejected(actor, '没有找到这位居民，没有订上');
  if (result.kind === 'id-taken') return reply.rejected(actor, '订餐编号已经被别的订餐用过了，没有订上（数据可能被篡改）');
  if (result.kind === 'duplicate') return reply.applied(actor, 'meal.book.repeat', `重复提交的订餐：${describe(result.booking)}`, { mealBooking: result.booking });
  const who = actor.kind === 'proxy' ? `工作人员 ${actor.staff!.staffNo} 代居民 ${maskName(actor.resident.name)}` : `居民 ${maskName(actor.resident.name)}`;
  if (result.kind === 'refused') {
    const sentence = MEAL_BOOKING_REFUSALS[result.refusal];
    // Online, the resident is in front of the kiosk: a plain refusal, nothing stored.
    if (!result.booking) return reply.rejected(actor, sentence, { mealRefusal: result.refusal });
    // Provisional: the resident was told "已登记，联网后确认"; the refusal is stored and shown in 我的.
    const changeSeq = await recordChange(scope.trx, scope.stationId, 'meal-booking', result.booking.id, result.booking);
    return reply.applied(actor, 'meal.refused', `${who}离线登记的订餐没有订上（${sentence}）：${describe(result.booking)}`, { mealBooking: result.booking, mealRefusal: result.refusal }, changeSeq);
  }
  const changeSeq = await recordChange(scope.trx, scope.stationId, 'meal-booking', result.booking.id, result.booking);
  const detail = `${who}订餐${payload.provisional ? '（离线登记，已确认）' : ''}：${describe(result.booking)}，需付 ${(result.booking.receipt.toPayFen / 100).toFixed(2)} 元`;
  return reply.applied(actor, 'meal.book', detail, { mealBooking: result.booking }, changeSeq);
}

export async function applyMealCancel(scope: CommandScope, payload: MealCancelPayload): Promise<AppliedResult> {
  const reply = replies(scope, 'meal-booking', payload.bookingId);
  const check = await resolveActor(scope);
  if (!check.ok) return reply.rejected(null, `${check.reason}，没有退订`);
  const actor = check.actor;
  const result = await cancelMeal(scope.trx, scope.dialect, {
    stationId: scope.stationId,
    bookingId: payload.bookingId,
    reason: payload.reason,
    residentOnly: actor.kind === 'resident' ? actor.resident!.id : null,
    now: scope.now,
  });
  if (result.kind === 'not-found') return reply.rejected(actor, '没有找到这份订餐，没有退订');
  if (result.kind === 'cannot') return reply.rejected(actor, result.message);
  if (result.kind === 'duplicate') return reply.applied(actor, 'meal.cancel.repeat', `重复提交的退订：${describe(result.booking)}`, { mealBooking: result.booking });
  const changeSeq = await recordChange(scope.trx, scope.stationId, 'meal-booking', result.booking.id, result.booking);
  const who = actor.kind === 'resident' ? '居民退订' : actor.kind === 'proxy' ? `工作人员 ${actor.staff!.staffNo} 代居民退订` : `工作人员 ${actor.staff!.staffNo} 退订`;
  return reply.applied(actor, 'meal.cancel', `${who}：${describe(result.booking)}${result.booking.reason ? `，原因：${result.booking.reason}` : ''}`, { mealBooking: result.booking }, changeSeq);
}
