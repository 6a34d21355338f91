/**
 * The meals side of the local replica: pulled menus, bookings, the station's subsidy policy and
 * the staff-only meal flags, and the outcomes of meal commands. Called by store/replica.ts inside
 * its transactions, so a pulled page or a batch of outcomes lands whole or not at all.
 *
 * A booking made (or cancelled) here and still waiting for the server is never hidden by a pull;
 * the pulled copy is kept as `serverCopy`. When the server decides a provisional booking, the
 * resident's 我的 record says so (confirmed, or refused with the reason) — never a silent removal.
 */
import type { Change, Command, CommandOutcome } from '../../domain/index.ts';
import type { MealBookingRecord } from '../../domain/meal-records.ts';
import type { Menu } from '../../domain/meals.ts';
import type { KioskStoreName, KioskTx, ReplicaMealBooking, ReplicaMenu } from '../store/kiosk-db.ts';

type MealsTx = KioskTx<KioskStoreName[], 'readwrite'>;

const MEAL_ENTITIES = new Set(['menu', 'meal-booking', 'subsidy-policy', 'meal-resident']);
const MEAL_COMMANDS = new Set(['menu.save', 'meal.book', 'meal.cancel']);

export function isMealChange(change: Change): boolean {
  return MEAL_ENTITIES.has(change.entity);
}

export function isMealCommand(command: Command): boolean {
  return MEAL_COMMANDS.has(command.type);
}

export function bookingWithoutLocalFields(b: ReplicaMealBooking): MealBookingRecord {
  const { pendingCommandId: _p, serverCopy: _s, ...plain } = b;
  return plain;
}

export function menuWithoutLocalFields(m: ReplicaMenu): Menu {
  const { pendingCommandId: _p, serverCopy: _s, ...plain } = m;
  return plain;
}

/** The 我的 record of the meal.book that made this booking: refused → 未通过 with the reason. */
async function settleBookAction(tx: MealsTx, booking: MealBookingRecord): Promise<void> {
  const actions = tx.objectStore('residentActions');
  const range = IDBKeyRange.bound([booking.residentId, ''], [booking.residentId, '\uffff']);
  for (const action of await actions.index('byResident').getAll(range)) {
    if (action.type !== 'meal.book' || action.command.type !== 'meal.book' || action.command.payload.bookingId !== booking.id) continue;
    if (booking.status === 'refused') await actions.put({ ...action, status: 'rejected', reason: booking.reason ?? '', closed: true });
    else if (booking.status === 'cancelled') await actions.put({ ...action, closed: true, ...(action.status === 'pending' ? { status: 'applied' as const } : {}) });
    else if (action.status === 'pending') await actions.put({ ...action, status: 'applied' });
  }
}

async function putBooking(tx: MealsTx, server: MealBookingRecord, exceptCommand?: string): Promise<void> {
  const store = tx.objectStore('mealBookings');
  const local = await store.get(server.id);
  if (local?.pendingCommandId && local.pendingCommandId !== exceptCommand) await store.put({ ...local, serverCopy: server });
  else await store.put(server);
  await settleBookAction(tx, server);
}

/** One pulled change of a meal entity. */
export async function applyMealChange(tx: MealsTx, change: Change): Promise<void> {
  if (change.op === 'delete') {
    if (change.entity === 'menu') {
      const local = await tx.objectStore('menus').get(change.id);
      if (local?.pendingCommandId) await tx.objectStore('menus').put({ ...local, serverCopy: null });
      else await tx.objectStore('menus').delete(change.id);
    } else if (change.entity === 'meal-booking') {
      const local = await tx.objectStore('mealBookings').get(change.id);
      if (!local?.pendingCommandId) await tx.objectStore('mealBookings').delete(change.id);
    } else if (change.entity === 'subsidy-policy') await tx.objectStore('meta').delete('subsidyPolicy');
    else if (change.entity === 'meal-resident') await tx.objectStore('mealResidents').delete(change.id);
    return;
  }
  switch (change.entity) {
    case 'menu': {
      const store = tx.objectStore('menus');
      const local = await store.get(change.id);
      if (local?.pendingCommandId) await store.put({ ...local, serverCopy: change.data });
      else await store.put(change.data);
      break;
    }
    case 'meal-booking':
      await putBooking(tx, change.data);
      break;
    case 'subsidy-policy':
      await tx.objectStore('meta').put(change.data, 'subsidyPolicy');
      break;
    case 'meal-resident':
      await tx.objectStore('mealResidents').put(change.data);
      break;
    default:
      break;
  }
}

/**
 * The outcome of a meal command. A booking the server sends replaces the local one (a provisional
 * booking becomes confirmed, or refused with its reason). An online booking the server refused
 * (`rejected` with mealRefusal) was told to the resident at the kiosk: it is removed and does not
 * go to 需要处理. Other refusals and conflicts (a menu edit) go to 需要处理.
 */
export async function applyMealOutcome(tx: MealsTx, command: Command, outcome: CommandOutcome, at: Date): Promise<void> {
  const applied = outcome.status === 'applied';
  const attention = async (): Promise<void> => {
    await tx.objectStore('attention').put({ id: command.id, kind: outcome.status === 'conflict' ? 'conflict' : 'rejected', command, reason: outcome.reason ?? '', local: null, server: null, at: at.toISOString() });
  };
  switch (command.type) {
    case 'meal.book':
    case 'meal.cancel': {
      const store = tx.objectStore('mealBookings');
      const id = command.payload.bookingId;
      const local = await store.get(id);
      if (outcome.mealBooking) {
        await putBooking(tx, outcome.mealBooking, command.id);
        if (command.type === 'meal.book' && outcome.mealBooking.status === 'refused') {
          await tx.objectStore('residentActions').put({
            ...((await tx.objectStore('residentActions').get(command.id)) ?? {
              id: command.id,
              residentId: outcome.mealBooking.residentId,
              type: command.type,
              command,
              createdAt: command.createdAt,
            }),
            status: 'rejected',
            reason: outcome.mealBooking.reason ?? outcome.reason ?? '',
            closed: true,
          });
        }
      } else if (local?.pendingCommandId === command.id) {
        const plain = bookingWithoutLocalFields(local);
        // The server always sends the booking; without it, an applied book is taken as confirmed.
        const copy = applied ? (command.type === 'meal.book' && plain.status === 'provisional' ? { ...plain, status: 'confirmed' as const } : plain) : (local.serverCopy ?? null);
        if (copy) await store.put(copy);
        else await store.delete(id);
      }
      if (!applied && !(command.type === 'meal.book' && outcome.mealRefusal)) await attention();
      return;
    }
    case 'menu.save': {
      const store = tx.objectStore('menus');
      const local = await store.get(command.payload.menuId);
      const mine = local?.pendingCommandId === command.id;
      if (applied) {
        if (outcome.menu) {
          if (local?.pendingCommandId && !mine) await store.put({ ...local, serverCopy: outcome.menu });
          else await store.put(outcome.menu);
        } else if (local && mine) await store.put(menuWithoutLocalFields(local));
        return;
      }
      await attention();
      const server = outcome.menu ?? (local?.pendingCommandId ? (local.serverCopy ?? null) : local ? menuWithoutLocalFields(local) : null);
      if (mine) {
        if (server) await store.put(server);
        else await store.delete(command.payload.menuId);
      }
      return;
    }
    default:
      if (!applied) await attention();
  }
}
