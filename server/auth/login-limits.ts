/**
 * Login rate limits, shared by every server process through the `login_limits` table.
 *
 * Layers, each checked before any PIN or secret is hashed:
 *  1. per client (its address) and globally, on every route whose config has `login` (staff
 *     sign-in, resident website sign-in, kiosk pairing, kiosk resident sign-in): a client that
 *     sprays many accounts gets 429 after `perClient.max` attempts a window, and all clients
 *     together after `global.max` — the bound on hashing work a crowd of addresses can cause. A
 *     client that signed in to the account it asks for within `trustedClientDays` is spared the
 *     global limit (so a flood cannot keep staff out at their usual desk);
 *  2. per (account, client) — pin-lockout.ts: `maxFailures` wrong PINs in a row lock that account
 *     *at that client* for `minutes` (423). A stranger locks only himself out; the station manager
 *     at another client signs in as before;
 *  3. per account, over all clients that have not signed in to it before — pin-lockout.ts: at
 *     most `account.max` wrong PINs a window (429 until it ends). This throttles a distributed
 *     guesser (at most account.max guesses per account per hour, plus
 *     maxFailures·(60/minutes) per hour at each client that did sign in to that account within
 *     `trustedClientDays`), but never locks: clients that signed in to this account before are
 *     not counted here, and account.max is above what one client can reach through layer 2
 *     (maxFailures per `minutes`), so one attacker alone never throttles anyone.
 *
 * Every counter changes only by a single conditional UPSERT (a row per key, counting in a window
 * that starts at the first attempt), so the limits hold with any number of processes and with
 * concurrent requests: an attempt is reserved before its slow check, never counted after it.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServerContext } from '../context.ts';
import { HttpError } from '../http/http-error.ts';
import { sha256Hex } from './tokens.ts';

export interface LimitWindow {
  readonly max: number;
  readonly seconds: number;
}

export interface LoginLimits {
  /** Login attempts of one client (address) on all login routes together. */
  readonly perClient: LimitWindow;
  /** Login attempts of all clients together. */
  readonly global: LimitWindow;
  /** Wrong secrets for one account from clients that have not signed in to it before. */
  readonly account: LimitWindow;
  /** How long a client that signed in to an account stays exempt from the account limit. */
  readonly trustedClientDays: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perClient: { max: 30, seconds: 60 },
  global: { max: 600, seconds: 60 },
  account: { max: 25, seconds: 3_600 },
  trustedClientDays: 30,
};

export function loginLimitsWith(overrides: Partial<LoginLimits> = {}): LoginLimits {
  return { ...DEFAULT_LOGIN_LIMITS, ...overrides };
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * A route that checks a secret: limited per client before its handler runs, and globally —
     * there too (true), or, for a sign-in to an account ('account'), in signInWithPin, where a
     * client that signed in to that account before is known and spared the global limit.
     */
    login?: boolean | 'account';
  }
}

/** A stored key: the kind, and a hash of what is counted (no phone number or address as such). */
export function limitKey(kind: 'client' | 'global' | 'pair' | 'account' | 'trusted', ...parts: string[]): string {
  return parts.length === 0 ? kind : `${kind}:${sha256Hex(parts.join('\n')).slice(0, 40)}`;
}

export type Reservation = { admitted: true; count: number; expiresAt: string } | { admitted: false; retryAfterSeconds: number };

/**
 * Counts one attempt under `key` if fewer than `max` were counted in its window (a window that
 * has ended starts afresh). `lockSeconds`: the attempt that reaches `max` extends the window to
 * that long from now (a lock). One conditional UPSERT; refused attempts change nothing.
 */
export async function reserveAttempt(ctx: ServerContext, key: string, max: number, windowSeconds: number, now: Date, lockSeconds?: number): Promise<Reservation> {
  const t = now.toISOString();
  const windowEnd = new Date(now.getTime() + windowSeconds * 1_000).toISOString();
  const lockEnd = lockSeconds === undefined ? null : new Date(now.getTime() + lockSeconds * 1_000).toISOString();
  const row = await ctx.db
    .insertInto('login_limits')
    .values({ key, count: 1, expires_at: lockEnd !== null && max <= 1 ? lockEnd : windowEnd })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet((eb) => {
          const expired = eb('login_limits.expires_at', '<=', t);
          const reachesMax = eb(eb('login_limits.count', '+', 1), '>=', max);
          return {
            count: eb.case().when(expired).then(1).else(eb('login_limits.count', '+', 1)).end(),
            expires_at: lockEnd === null
              ? eb.case().when(expired).then(windowEnd).else(eb.ref('login_limits.expires_at')).end()
              : eb.case().when(expired).then(max <= 1 ? lockEnd : windowEnd).when(reachesMax).then(lockEnd).else(eb.ref('login_limits.expires_at')).end(),
          };
        })
        .where((eb) => eb.or([eb('login_limits.expires_at', '<=', t), eb('login_limits.count', '<', max)])),
    )
    .returning(['count', 'expires_at'])
    .executeTakeFirst();
  if (row) return { admitted: true, count: Number(row.count), expiresAt: row.expires_at };
  const current = await ctx.db.selectFrom('login_limits').select('expires_at').where('key', '=', key).executeTakeFirst();
  const until = current ? Date.parse(current.expires_at) : now.getTime() + windowSeconds * 1_000;
  return { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil((until - now.getTime()) / 1_000)) };
}

/** Gives back one reserved attempt (it turned out not to be a failure). */
export async function releaseAttempt(db: ServerContext['db'], key: string, now: Date): Promise<void> {
  await db
    .updateTable('login_limits')
    .set((eb) => ({ count: eb('count', '-', 1) }))
    .where('key', '=', key)
    .where('count', '>', 0)
    .where('expires_at', '>', now.toISOString())
    .execute();
}

/**
 * After a success: starts the count afresh, but only if no other attempt was reserved since ours
 * (`mine` is the count our reservation returned). Otherwise only our own attempt is given back,
 * so failures counted meanwhile by concurrent requests are never lost.
 */
export async function resetUnlessCountedMeanwhile(db: ServerContext['db'], key: string, mine: number, now: Date): Promise<void> {
  const t = now.toISOString();
  await db
    .updateTable('login_limits')
    .set((eb) => ({
      count: eb.case().when('count', '=', mine).then(0).else(eb('count', '-', 1)).end(),
      expires_at: eb.case().when('count', '=', mine).then(t).else(eb.ref('expires_at')).end(),
    }))
    .where('key', '=', key)
    .where('count', '>', 0)
    .where('expires_at', '>', t)
    .execute();
}

/** Remembers a client that signed in to `account` (exempt from the account-wide limit). */
export async function trustClient(db: ServerContext['db'], limits: LoginLimits, account: string, client: string, now: Date): Promise<void> {
  const expires = new Date(now.getTime() + limits.trustedClientDays * 86_400_000).toISOString();
  await db
    .insertInto('login_limits')
    .values({ key: limitKey('trusted', account, client), count: 1, expires_at: expires })
    .onConflict((oc) => oc.column('key').doUpdateSet({ count: 1, expires_at: expires }))
    .execute();
}

export async function isTrustedClient(ctx: ServerContext, account: string, client: string, now: Date): Promise<boolean> {
  const row = await ctx.db
    .selectFrom('login_limits')
    .select('key')
    .where('key', '=', limitKey('trusted', account, client))
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  return row !== undefined;
}

export function tooManyAttempts(message: string, retryAfterSeconds: number): HttpError {
  return new HttpError(429, 'too-many-attempts', message, { 'retry-after': String(retryAfterSeconds) });
}

export function waitWords(seconds: number): string {
  return seconds < 60 ? `${seconds} 秒` : `${Math.ceil(seconds / 60)} 分钟`;
}

/** Expired rows are the same as absent ones; drop them now and then so the table stays small. */
const PURGE_EVERY = 256;

/**
 * The preHandler hook of every `login: true` route: the per-client limit first (a client's refused
 * attempts then do not use up everyone's global allowance), then the global one. A refused
 * attempt costs two small queries and no hash.
 */
export function loginAdmission(ctx: ServerContext) {
  let admitted = 0;
  return async function admitLogin(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    const login = request.routeOptions.config?.login;
    if (login !== true && login !== 'account') return;
    const limits = ctx.loginLimits;
    const now = ctx.clock();
    const client = await reserveAttempt(ctx, limitKey('client', request.ip), limits.perClient.max, limits.perClient.seconds, now);
    if (!client.admitted) throw tooManyAttempts(`登录尝试太频繁，请 ${waitWords(client.retryAfterSeconds)}后再试`, client.retryAfterSeconds);
    if (login === true) await admitGlobally(ctx, now);
    admitted += 1;
    if (admitted % PURGE_EVERY === 0) await ctx.db.deleteFrom('login_limits').where('expires_at', '<=', now.toISOString()).execute();
  };
}

/**
 * The global limit: every client's attempts together. Throws 429 past it. Sign-ins to an account
 * call it only for clients that have not signed in to that account before, so a flood from many
 * addresses cannot keep staff out at the desk they use.
 */
export async function admitGlobally(ctx: ServerContext, now: Date): Promise<void> {
  const limits = ctx.loginLimits;
  const all = await reserveAttempt(ctx, limitKey('global'), limits.global.max, limits.global.seconds, now);
  if (!all.admitted) throw tooManyAttempts(`现在登录的人太多，请 ${waitWords(all.retryAfterSeconds)}后再试`, all.retryAfterSeconds);
}

/** Who is signing in from where, for the per-account limits (the route knows both). */
export interface LoginAttempt {
  /** The client's address. */
  client: string;
  /** The account asked for, as typed (station + staff number or phone): the same whether it exists or not. */
  claim: string;
}

/** The context a login route hands to its sign-in function. */
export function withLoginAttempt(ctx: ServerContext, request: FastifyRequest, claim: string): ServerContext {
  return { ...ctx, loginAttempt: { client: request.ip, claim } };
}
