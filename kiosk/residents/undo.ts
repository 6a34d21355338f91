/**
 * Undo for residents' own actions (a meal booking, a redemption…) within UNDO_WINDOW_MS.
 * Features register how their command is undone; the 我的 screen offers 撤销 where that is known.
 *
 * Undo is safe whatever the network did: a command that has certainly not reached the server is
 * withdrawn from the outbox (with its local effect), anything else gets a compensating command
 * queued after it, so the server applies both in order and nothing is lost or done twice.
 */
import { canUndo, type Command, type CommandPayloads, type CommandType } from '../../domain/index.ts';
import type { ResidentSession } from '../session/resident-session.ts';
import type { KioskDb, ResidentAction } from '../store/kiosk-db.ts';
import type { LocalWriteTx, Outbox } from '../sync/outbox.ts';
import { residentActor } from './resident-sign-in.ts';

/** The command that reverses `command` (e.g. meal.cancel for meal.book), or null if it cannot be. */
export type MakeUndoCommand = (command: Command) => { type: CommandType; payload: CommandPayloads[CommandType] } | null;

export interface UndoableOptions {
  /** Take back the optimistic local effect of a command that is withdrawn unsent. */
  revertLocally?: (tx: LocalWriteTx, command: Command) => Promise<void>;
  /** Show the compensating command's effect in the replica (same transaction as it is queued). */
  applyUndoLocally?: (tx: LocalWriteTx, undo: Command, original: Command) => Promise<void>;
}

interface Registration {
  make: MakeUndoCommand;
  options: UndoableOptions;
}

const registry = new Map<string, Registration>();

/** Make a command type undoable. Returns the function that removes the registration (tests). */
export function registerUndoable(commandType: string, makeUndoCommand: MakeUndoCommand, options: UndoableOptions = {}): () => void {
  const registration = { make: makeUndoCommand, options };
  registry.set(commandType, registration);
  return () => {
    if (registry.get(commandType) === registration) registry.delete(commandType);
  };
}

export function isUndoable(commandType: string): boolean {
  return registry.has(commandType);
}

/** Can this action be undone right now (registered type, in time, not refused, not undone, not closed)? */
export function undoAvailable(action: ResidentAction, now: Date): boolean {
  return action.undoOf === undefined && !action.closed && isUndoable(action.type) && canUndo(action, now);
}

/** This resident's actions at this kiosk, newest first. Never anyone else's. */
export async function residentActions(db: KioskDb, residentId: string, limit = 50): Promise<ResidentAction[]> {
  return db.run(async (conn) => {
    const range = IDBKeyRange.bound([residentId, ''], [residentId, '\uffff']);
    const out: ResidentAction[] = [];
    let cursor = await conn.transaction('residentActions').store.index('byResident').openCursor(range, 'prev');
    while (cursor && out.length < limit) {
      if (cursor.value.residentId === residentId) out.push(cursor.value);
      cursor = await cursor.continue();
    }
    return out;
  });
}

export type UndoResult = 'withdrawn' | 'compensated' | 'not-allowed';

/**
 * Undo one of the session's resident's actions. Only their own, only in time, only registered
 * types; the undo is recorded on the action in the same transaction as the outbox change.
 */
export async function undoAction(outbox: Outbox, session: ResidentSession, actionId: string, now: Date): Promise<UndoResult> {
  const db = outbox.db;
  const action = await db.run((conn) => conn.get('residentActions', actionId));
  if (!action || action.residentId !== session.residentId || !undoAvailable(action, now)) return 'not-allowed';
  const registration = registry.get(action.type)!;
  const markUndone = async (tx: LocalWriteTx): Promise<void> => {
    const store = tx.objectStore('residentActions');
    const current = await store.get(actionId);
    if (current) await store.put({ ...current, undoneAt: now.toISOString() });
  };

  const withdrawn = await outbox.withdraw(action.id, async (tx, command) => {
    if (registration.options.revertLocally) await registration.options.revertLocally(tx, command);
    await markUndone(tx);
  });
  if (withdrawn === 'withdrawn') return 'withdrawn';

  const undo = registration.make(action.command);
  if (!undo) return 'not-allowed';
  await outbox.enqueue({ type: undo.type, payload: undo.payload, actor: residentActor(session) }, async (tx, command) => {
    await markUndone(tx);
    const store = tx.objectStore('residentActions');
    const own = await store.get(command.id);
    if (own) await store.put({ ...own, undoOf: action.id });
    if (registration.options.applyUndoLocally) await registration.options.applyUndoLocally(tx, command, action.command);
  });
  return 'compensated';
}
