/**
 * Sign-in by PIN with lockout, for every kind of account that has one (staff, residents on
 * websites). The lockout is per (account, client) — see login-limits.ts for why: `maxFailures`
 * wrong PINs in a row from one client lock that account *at that client* for `minutes` (that
 * attempt and every later one there answer 423 with `Retry-After`), so a stranger cannot lock the
 * station manager out; across all clients that never signed in to the account, at most
 * `LoginLimits.account.max` wrong PINs an hour are checked (429 after that).
 *
 * The race: each attempt is counted (reserved) BEFORE its slow PIN check, by one conditional
 * UPSERT that refuses once the maximum is reached, so no burst of concurrent guesses gets more
 * checks than the limit. A success then starts the count afresh only if no other attempt was
 * counted since its own reservation; otherwise it gives back only its own. Counters live in the
 * `login_limits` table, shared by all server processes; the account row's old
 * failed_attempts/locked_until columns are no longer written.
 */
import type { Transaction } from 'kysely';
import { hashPin } from '../../domain/index.ts';
import { writeAudit, type AuditRecord } from '../audit/audit-log.ts';
import type { ServerContext } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { HttpError } from '../http/http-error.ts';
import { admitGlobally, isTrustedClient, limitKey, releaseAttempt, reserveAttempt, resetUnlessCountedMeanwhile, tooManyAttempts, trustClient, waitWords } from './login-limits.ts';

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

/** Audits one wrong PIN (or the one that set the lock) of a known account. */
async function auditFailure(ctx: ServerContext, policy: PinLockoutPolicy, actor: PinAuditActor, attempt: number, now: Date): Promise<void> {
  const nowLocked = attempt >= policy.lockout.maxFailures;
  await writeAudit(ctx.db, now, {
    ...actor,
    action: nowLocked ? `${policy.auditPrefix}.locked` : `${policy.auditPrefix}.login-failed`,
    detail: nowLocked ? policy.lockedDetail : policy.failedDetail(attempt),
  });
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
  // The claim is what was typed, so unknown and real accounts count and lock alike.
  const attempt = ctx.loginAttempt ?? { client: 'local', claim: `${policy.table}:${account?.id ?? 'unknown'}` };
  const claim = `${policy.table}:${attempt.claim}`;
  const before = ctx.clock();
  const limits = ctx.loginLimits;

  const trusted = await isTrustedClient(ctx, claim, attempt.client, before);
  const accountKey = limitKey('account', claim);
  if (!trusted) {
    await admitGlobally(ctx, before);
    const wide = await reserveAttempt(ctx, accountKey, limits.account.max, limits.account.seconds, before);
    if (!wide.admitted) {
      throw tooManyAttempts(`这个账号最近密码错误的次数太多，请 ${waitWords(wide.retryAfterSeconds)}后再试，或请服务站工作人员帮忙`, wide.retryAfterSeconds);
    }
  }
  const pairKey = limitKey('pair', claim, attempt.client);
  const lockSeconds = policy.lockout.minutes * 60;
  const pair = await reserveAttempt(ctx, pairKey, policy.lockout.maxFailures, lockSeconds, before, lockSeconds);
  if (!pair.admitted) {
    if (!trusted) await releaseAttempt(ctx.db, accountKey, before);
    throw locked(policy, new Date(before.getTime() + pair.retryAfterSeconds * 1_000).toISOString(), before);
  }

  const known = account !== undefined && account.active === 1;
  // An unknown account costs one check at the policy's iterations, so timing tells nothing.
  let decoy = decoyHashes.get(policy.decoyIterations);
  if (!known && !decoy) decoyHashes.set(policy.decoyIterations, (decoy = hashPin('0000', policy.decoyIterations)));
  const ok = await ctx.verifyPin(pin, known ? account.pin_hash : await decoy!);
  const now = ctx.clock();
  if (!known || !ok) {
    if (known) await auditFailure(ctx, policy, how.auditActor(account), pair.count, now);
    if (pair.count >= policy.lockout.maxFailures) throw locked(policy, pair.expiresAt, now);
    throw wrongPin(policy);
  }

  const actor = how.auditActor(account);
  return ctx.db.transaction().execute(async (trx) => {
    await resetUnlessCountedMeanwhile(trx, pairKey, pair.count, now);
    if (!trusted) await releaseAttempt(trx, accountKey, now);
    await trustClient(trx, limits, claim, attempt.client, now);
    const session = await how.openSession(trx, account, now);
    await writeAudit(trx, now, { ...actor, action: `${policy.auditPrefix}.login`, detail: how.loginDetail(account) });
    return { account, session };
  });
}
