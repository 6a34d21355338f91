/**
 * The last resort behind the lock order (docs/architecture.md, "Lock order"): a whole transaction
 * that PostgreSQL aborted as a deadlock victim (40P01) or a serialization failure (40001), or that
 * SQLite could not start because another process held the write lock past busy_timeout
 * (SQLITE_BUSY), is run again from the start, a few times, after a short random pause. The work
 * function must therefore do nothing outside its transaction that matters twice (ids it makes up
 * inside are made up anew; pokes and replies happen after it returns). A conflict is never a 5xx
 * unless every attempt lost.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

export const TRANSACTION_ATTEMPTS = 6;

const RETRYABLE_CODES = new Set(['40P01', '40001', 'SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_RECOVERY']);

/** A conflict between transactions that running the whole transaction again resolves. */
export function isTransactionConflict(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && RETRYABLE_CODES.has(code);
}

/** 5–10 ms, then 10–20, 20–40 … up to 160–320 ms: long enough for the winner to commit. */
function pauseBefore(attempt: number): Promise<void> {
  const ceiling = Math.min(10 * 2 ** (attempt - 1), 320);
  return new Promise((resolve) => setTimeout(resolve, ceiling / 2 + Math.random() * (ceiling / 2)));
}

/** Run `work` in one transaction; on a conflict, roll back and run it again (bounded). */
export async function inWriteTransaction<T>(db: Kysely<Database>, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      if (!isTransactionConflict(error) || attempt >= TRANSACTION_ATTEMPTS) throw error;
      const code = (error as { code: string }).code;
      console.warn(`transaction ran into a conflict (${code}); running it again (attempt ${attempt + 1} of ${TRANSACTION_ATTEMPTS})`);
      await pauseBefore(attempt);
    }
  }
}
