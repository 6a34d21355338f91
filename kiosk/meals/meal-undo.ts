/**
 * 撤销 for a meal booking within 10 minutes (residents/undo.ts): unsent, the meal.book is taken out
 * of the outbox with its local booking (the server never sees it); sent, a meal.cancel is queued
 * after it and the booking shows as cancelled at once. Imported by 我的 and the meal screens.
 */
import type { Command } from '../../domain/index.ts';
import { registerUndoable } from '../residents/undo.ts';
import type { LocalWriteTx } from '../sync/outbox.ts';

export const RESIDENT_MEAL_UNDO_REASON = '居民在 10 分钟内撤销';

/** Show a booking as cancelled by `cmd` while the server has not answered. */
export async function markCancelled(tx: LocalWriteTx, cmd: Command, bookingId: string): Promise<void> {
  const store = tx.objectStore('mealBookings');
  const local = await store.get(bookingId);
  if (!local) return;
  const { pendingCommandId: _p, serverCopy, ...plain } = local;
  await store.put({ ...plain, status: 'cancelled', cancelledAt: cmd.createdAt, pendingCommandId: cmd.id, serverCopy: local.pendingCommandId ? (serverCopy ?? null) : plain });
}

registerUndoable(
  'meal.book',
  (command) => (command.type === 'meal.book' ? { type: 'meal.cancel', payload: { bookingId: command.payload.bookingId, reason: RESIDENT_MEAL_UNDO_REASON } } : null),
  {
    revertLocally: async (tx, command) => {
      if (command.type === 'meal.book') await tx.objectStore('mealBookings').delete(command.payload.bookingId);
    },
    applyUndoLocally: async (tx, undo, original) => {
      if (original.type === 'meal.book') await markCancelled(tx, undo, original.payload.bookingId);
    },
  },
);
