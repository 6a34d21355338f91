/**
 * Sign-in by PIN with lockout, for every kind of account that has one (staff, residents on
 * websites): `maxFailures` wrong PINs in a row lock the account for `minutes`. That attempt and
 * every attempt until the lock ends answer 423 with `Retry-After`; success resets the counter; a
 * lock that has run out starts a fresh count. The counter and the lock live in the account row
 * and change only through single conditional UPDATEs, so the rule holds with several server
 * processes and with concurrent attempts; the slow PIN check runs outside any transaction. Every
 * failure, lock and success writes its audit row in the same transaction as the change.
 */
import type { Transaction } from 'kysely';
import { hashPin, verifyPin } from '../../domain/index.ts';
import { writeAudit, type AuditRecord } from '../audit/audit-log.ts';
import type { ServerContext } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { HttpError } from '../http/http-error.ts';

/** The columns the lockout reads and writes. */
interface PinLockoutColumns {
  id: string;
  pin_hash: string;
  failed_attempts: number;
  locked_until: string | null;
  updated_at: string;
}

/** The tables whose rows are accounts with a PIN and a lockout. */
export type PinAccountTable = { [T in keyof Database]: Database[T] extends PinLockoutColumns ? T : never }[keyof Database];

/** What the lockout needs of the account row that was looked up. */
export interface PinAccount {
  id: string;
  active: number;
  pin_hash: string;
  locked_until: string | null;
}

export interface PinLockoutPolicy {
  table: PinAccountTable;
  lockout: { readonly maxFailures: number; readonly minutes: number };
  /** Whether the counter changes also stamp `updated_at` (not where it is replicated content). */
  stampUpdatedAt: boolean;
  /** The 401 message for a wrong PIN or an unknown/inactive account (the same answer). */
  wrongPinMessage: string;
  /** The 423 message, given the whole minutes left. */
  lockedMessage: (minutes: number) => string;
  /** Audit actions are `<prefix>.login`, `<prefix>.login-failed` and `<prefix>.locked`. */
  auditPrefix: string;
  /** Audit detail of a wrong PIN, given how many in a row it is. */
  failedDetail: (attempt: number) => string;
  /** Audit detail of the wrong PIN that sets the lock. */
  lockedDetail: string;
  /** PBKDF2 iterations of this kind's verifiers, so an unknown account costs what a known one does. */
  decoyIterations?: number;
}

export type PinAuditActor = Omit<AuditRecord, 'action' | 'detail'>;

function wrongPin(policy: PinLockoutPolicy): HttpError {
  return new HttpError(401, 'wrong-pin', policy.wrongPinMessage);
}

function locked(policy: PinLockoutPolicy, until: string, now: Date): HttpError {
  const minutes = Math.max(1, Math.ceil((Date.parse(until) - now.getTime()) / 60_000));
  return new HttpError(423, 'locked', policy.lockedMessage(minutes), { 'retry-after': String(minutes * 60) });
}

// Unknown accounts still cost one PIN check, so timing does not reveal which ones exist.
const decoyHashes = new Map<number | undefined, Promise<string>>();

/** Counts one wrong PIN (setting the lock at the maximum), audits it and throws 401 or 423. */
async function failedAttempt(ctx: ServerContext, policy: PinLockoutPolicy, accountId: string, actor: PinAuditActor, now: Date): Promise<never> {
  const t = now.toISOString();
  const lockUntil = new Date(now.getTime() + policy.lockout.minutes * 60_000).toISOString();
  const result = await ctx.db.transaction().execute(async (trx) => {
    // A lock that has run out starts a fresh count; reaching the maximum sets a new lock.
    const row = await trx
      .updateTable(policy.table)
      .set((eb) => {
        const expired = eb.and([eb('locked_until', 'is not', null), eb('locked_until', '<=', t)]);
        const count = eb.case().when(expired).then(1).else(eb('failed_attempts', '+', 1)).end();
        return {
          failed_attempts: count,
          locked_until: eb
            .case()
            .when(eb.and([eb('locked_until', 'is not', null), eb('locked_until', '>', t)]))
            .then(eb.ref('locked_until'))
            .when(count, '>=', policy.lockout.maxFailures)
            .then(lockUntil)
            .else(null)
            .end(),
          ...(policy.stampUpdatedAt ? { updated_at: t } : {}),
        };
      })
      .where('id', '=', accountId)
      .returning(['failed_attempts', 'locked_until'])
      .executeTakeFirstOrThrow();
    const nowLocked = row.locked_until !== null && row.locked_until > t;
    await writeAudit(trx, now, {
      ...actor,
      action: nowLocked ? `${policy.auditPrefix}.locked` : `${policy.auditPrefix}.login-failed`,
      detail: nowLocked ? policy.lockedDetail : policy.failedDetail(row.failed_attempts),
    });
    return row;
  });
  if (result.locked_until !== null && result.locked_until > t) throw locked(policy, result.locked_until, now);
  throw wrongPin(policy);
}

/** How one kind of account signs in, once its PIN checked out. */
export interface PinSignIn<A extends PinAccount, S> {
  /** Who the audit rows name (everything but the action and its detail). */
  auditActor: (account: A) => PinAuditActor;
  /** Audit detail of a successful sign-in. */
  loginDetail: (account: A) => string;
  /** Creates the session, inside the transaction that resets the counter. */
  openSession: (trx: Transaction<Database>, account: A, now: Date) => Promise<S>;
}

/**
 * Checks `pin` for `account` (as looked up; undefined when there is none) under the lockout. On
 * success resets the counter — only if no lock was set meanwhile by concurrent wrong attempts —
 * and in that same transaction opens the session and writes the `<prefix>.login` audit row;
 * returns the account and the session. Otherwise throws the 401 or the 423.
 */
export async function signInWithPin<A extends PinAccount, S>(
  ctx: ServerContext,
  policy: PinLockoutPolicy,
  account: A | undefined,
  pin: string,
  how: PinSignIn<A, S>,
): Promise<{ account: A; session: S }> {
  if (!account || account.active !== 1) {
    let decoy = decoyHashes.get(policy.decoyIterations);
    if (!decoy) decoyHashes.set(policy.decoyIterations, (decoy = hashPin('0000', policy.decoyIterations)));
    await verifyPin(pin, await decoy);
    throw wrongPin(policy);
  }
  const before = ctx.clock();
  if (account.locked_until !== null && account.locked_until > before.toISOString()) throw locked(policy, account.locked_until, before);

  const ok = await verifyPin(pin, account.pin_hash);
  const now = ctx.clock();
  const actor = how.auditActor(account);
  if (!ok) return failedAttempt(ctx, policy, account.id, actor, now);

  const t = now.toISOString();
  const signedIn = await ctx.db.transaction().execute(async (trx) => {
    const reset = await trx
      .updateTable(policy.table)
      .set({ failed_attempts: 0, locked_until: null, ...(policy.stampUpdatedAt ? { updated_at: t } : {}) })
      .where('id', '=', account.id)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', t)]))
      .returning('id')
      .executeTakeFirst();
    if (!reset) return null;
    const session = await how.openSession(trx, account, now);
    await writeAudit(trx, now, { ...actor, action: `${policy.auditPrefix}.login`, detail: how.loginDetail(account) });
    return { account, session };
  });
  if (!signedIn) {
    const current = await ctx.db.selectFrom(policy.table).select('locked_until').where('id', '=', account.id).executeTakeFirstOrThrow();
    throw locked(policy, current.locked_until ?? t, now);
  }
  return signedIn;
}
