/**
 * Points-account snapshots inside one push chunk (docs/architecture.md, "Push in chunks").
 *
 * A chunk of up to 100 commands often touches the same residents again and again (a staff member
 * awarding a room full of people, a kiosk catching up). Each command's outcome still carries the
 * resident's account as it stood right after that command, but:
 * - the snapshot is built from an in-memory copy of what accountView reads (the account balances,
 *   the opt-out flag and the newest passbook transfers), loaded once per resident per chunk and kept
 *   in step by every transfer the ledger writes in that transaction;
 * - the change feed gets one `points-account` row per resident per chunk, recorded at the chunk's
 *   end from the final state, instead of one after every command.
 *
 * The copy only ever answers for the transaction it was made in (keyed by the transaction object),
 * and it drops a resident whenever keeping it in step is not certain (a transfer that would not be
 * the newest line, a changed opt-out flag), so it never answers differently from the database.
 * After a command is rolled back to its savepoint the whole copy is dropped.
 */
import type { Transaction } from 'kysely';
import { PASSBOOK_REPLICA_LINES, type Transfer } from '../../domain/index.ts';
import type { Database, DialectName } from '../db/schema.ts';

/** What accountView reads for one resident. */
export interface AccountState {
  /** The resident's own account. */
  balance: number;
  /** The resident's kiosk holds together. */
  held: number;
  rankingOptOut: boolean;
  /** The newest passbook transfers (no holds or releases), newest first, at most PASSBOOK_REPLICA_LINES. */
  lines: Transfer[];
}

interface ChunkAccounts {
  dialect: DialectName;
  stationId: string;
  /** PostgreSQL: this transaction holds the station row (see feedLockNeeded). */
  stationLocked: boolean;
  /** The push took the station row before any command's savepoint, so no rollback gives it back. */
  stationLockedFirst: boolean;
  states: Map<string, AccountState>;
  /** Residents whose snapshot is recorded at the chunk's end, with their station. */
  pending: Map<string, string>;
}

const chunks = new WeakMap<Transaction<Database>, ChunkAccounts>();

/**
 * Start batching account snapshots for this push chunk's transaction (a kiosk of that station).
 * `stationLocked`: the chunk already holds the station row (lock order: it takes it first).
 */
export function beginAccountBatch(trx: Transaction<Database>, dialect: DialectName, stationId: string, stationLocked = false): void {
  chunks.set(trx, { dialect, stationId, stationLocked, stationLockedFirst: stationLocked, states: new Map(), pending: new Map() });
}

/**
 * PostgreSQL, before the first copy is loaded: the station row the chunk must lock (as every
 * recordChange does) so that no other transaction can commit a change to the station's accounts
 * (each publishes it, which takes that row) between the copy being read and this chunk's commit.
 * Without the copy the per-command reads did the same from the first snapshot recorded on. Null
 * when there is nothing to lock (SQLite's BEGIN IMMEDIATE already excludes every other writer).
 */
export function feedLockNeeded(trx: unknown): string | null {
  const chunk = chunks.get(trx as Transaction<Database>);
  if (!chunk || chunk.dialect !== 'postgres' || chunk.stationLocked) return null;
  chunk.stationLocked = true;
  return chunk.stationId;
}

/** The residents (with their station) whose snapshot is still to be recorded. */
export function pendingAccounts(trx: Transaction<Database>): ReadonlyMap<string, string> {
  return chunks.get(trx)?.pending ?? new Map<string, string>();
}

export function endAccountBatch(trx: Transaction<Database>): void {
  chunks.delete(trx);
}

/** Whether this transaction batches account snapshots (a push chunk). */
export function inAccountBatch(trx: unknown): boolean {
  return chunks.has(trx as Transaction<Database>);
}

/** Record the resident's snapshot at the chunk's end. */
export function deferAccount(trx: Transaction<Database>, stationId: string, residentId: string): void {
  chunks.get(trx)?.pending.set(residentId, stationId);
}

/** The kept copy of a resident's account, if this chunk has one. */
export function batchedAccount(trx: unknown, residentId: string, lines: number): AccountState | undefined {
  if (lines !== PASSBOOK_REPLICA_LINES) return undefined;
  return chunks.get(trx as Transaction<Database>)?.states.get(residentId);
}

export function keepAccount(trx: unknown, residentId: string, lines: number, state: AccountState): void {
  if (lines !== PASSBOOK_REPLICA_LINES) return;
  chunks.get(trx as Transaction<Database>)?.states.set(residentId, state);
}

/**
 * Drop the kept copy of one resident (something changed it that the copy does not follow), or of
 * all (after a rollback to a savepoint, which also gives back the row locks taken since).
 */
export function forgetAccounts(trx: unknown, residentId?: string): void {
  const chunk = chunks.get(trx as Transaction<Database>);
  if (!chunk) return;
  if (residentId !== undefined) {
    chunk.states.delete(residentId);
    return;
  }
  chunk.states.clear();
  chunk.stationLocked = chunk.stationLockedFirst;
}

function residentOf(account: string): { residentId: string; field: 'balance' | 'held' } | null {
  const [kind, a, b] = account.split(':');
  if (kind === 'resident' && a) return { residentId: a, field: 'balance' };
  if (kind === 'hold' && b) return { residentId: b, field: 'held' };
  return null;
}

/** Keep the copies in step with a transfer just written in this transaction. */
export function noteTransfer(trx: unknown, t: Transfer): void {
  const states = chunks.get(trx as Transaction<Database>)?.states;
  if (!states || states.size === 0) return;
  for (const [account, sign] of [
    [t.from, -1],
    [t.to, 1],
  ] as const) {
    const side = residentOf(account);
    const state = side && states.get(side.residentId);
    if (state) state[side.field] += sign * t.amount;
  }
  if (t.residentId === null || t.kind === 'hold' || t.kind === 'release') return;
  const state = states.get(t.residentId);
  if (!state) return;
  const newest = state.lines[0];
  // The passbook is ordered by (created_at, id) in the database's collation; a line that is not
  // strictly the newest by time (a clock that went back, two in one millisecond) is left to it.
  if (newest && !(t.createdAt > newest.createdAt)) {
    states.delete(t.residentId);
    return;
  }
  state.lines.unshift(t);
  if (state.lines.length > PASSBOOK_REPLICA_LINES) state.lines.length = PASSBOOK_REPLICA_LINES;
}
