/**
 * 撤销 for a redemption, within 10 minutes and until it is handed out (residents/undo.ts): unsent,
 * it is taken out of the outbox with its local redemption and its spend from the allowance (the
 * server never sees it); sent, a points.redeem-cancel is queued after it and the redemption shows
 * as cancelled at once. Imported by 我的 and the points screens, so 撤销 is there wherever a
 * redemption is listed. Small on purpose: it is part of the kiosk's first load.
 */
import type { Command } from '../../domain/index.ts';
import { registerUndoable } from '../residents/undo.ts';
import type { AllowanceState } from '../store/kiosk-db.ts';
import type { LocalWriteTx } from '../sync/outbox.ts';
import { emptyAllowanceState, withoutSpend } from './allowance.ts';

export const RESIDENT_UNDO_REASON = '居民在 10 分钟内撤销';

async function markCancelled(tx: LocalWriteTx, undo: Command, original: Command): Promise<void> {
  if (original.type !== 'points.redeem') return;
  const store = tx.objectStore('redemptions');
  const local = await store.get(original.payload.redemptionId);
  if (!local) return;
  const { pendingCommandId: _p, serverCopy, ...plain } = local;
  await store.put({ ...plain, status: 'cancelled', cancelledAt: undo.createdAt, pendingCommandId: undo.id, serverCopy: local.pendingCommandId ? (serverCopy ?? null) : plain });
}

async function withdrawLocally(tx: LocalWriteTx, command: Command): Promise<void> {
  if (command.type !== 'points.redeem') return;
  await tx.objectStore('redemptions').delete(command.payload.redemptionId);
  if (command.payload.funding === 'kiosk-allowance') {
    const meta = tx.objectStore('meta');
    const state = ((await meta.get('allowance')) as AllowanceState | undefined) ?? emptyAllowanceState();
    await meta.put(withoutSpend(state, command.id), 'allowance');
  }
}

registerUndoable(
  'points.redeem',
  (command) =>
    command.type === 'points.redeem'
      ? { type: 'points.redeem-cancel', payload: { redemptionId: command.payload.redemptionId, reversalId: crypto.randomUUID(), reason: RESIDENT_UNDO_REASON } }
      : null,
  { revertLocally: withdrawLocally, applyUndoLocally: markCancelled },
);
