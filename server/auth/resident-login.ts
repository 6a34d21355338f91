/**
 * Resident sign-in for websites (district sites, later features): station + phone + PIN, with
 * the same lockout as staff — 5 wrong PINs in a row lock that resident for 15 minutes. The
 * counter and the lock live in the resident row and change only through single conditional
 * UPDATEs, so the rule holds across server processes. Kiosks do not use this: they check PINs
 * offline against the synced hashes.
 */
import {
  hashPin,
  maskPhone,
  RESIDENT_LOCKOUT,
  RESIDENT_SESSION_MINUTES,
  verifyPin,
  type ResidentLoginBody,
  type ResidentLoginResponse,
} from '../../domain/index.ts';
import { writeAudit } from '../audit/audit-log.ts';
import type { ServerContext } from '../context.ts';
import { HttpError } from '../http/http-error.ts';
import { newToken, sha256Hex } from './tokens.ts';

const WRONG = () => new HttpError(401, 'wrong-pin', '手机号或密码不对');

function locked(until: string, now: Date): HttpError {
  const minutes = Math.max(1, Math.ceil((Date.parse(until) - now.getTime()) / 60_000));
  return new HttpError(423, 'locked', `密码错误次数太多，已锁定，请 ${minutes} 分钟后再试，或请服务站工作人员帮忙`, {
    'retry-after': String(minutes * 60),
  });
}

// Unknown numbers still cost one PIN check, so timing does not reveal who is registered.
let decoyHash: Promise<string> | null = null;

export async function residentLogin(ctx: ServerContext, body: ResidentLoginBody): Promise<ResidentLoginResponse> {
  const { db } = ctx;
  const resident = await db
    .selectFrom('residents')
    .selectAll()
    .where('station_id', '=', body.stationId)
    .where('phone', '=', body.phone)
    .executeTakeFirst();
  if (!resident || resident.active !== 1) {
    decoyHash ??= hashPin('0000');
    await verifyPin(body.pin, await decoyHash);
    throw WRONG();
  }
  const before = ctx.clock();
  if (resident.locked_until !== null && resident.locked_until > before.toISOString()) throw locked(resident.locked_until, before);

  const ok = await verifyPin(body.pin, resident.pin_hash);
  const now = ctx.clock();
  const t = now.toISOString();
  const actor = { stationId: resident.station_id, residentId: resident.id, entity: 'resident', entityId: resident.id };

  if (!ok) {
    const lockUntil = new Date(now.getTime() + RESIDENT_LOCKOUT.minutes * 60_000).toISOString();
    const result = await db.transaction().execute(async (trx) => {
      // A lock that has run out starts a fresh count; reaching the maximum sets a new lock.
      const row = await trx
        .updateTable('residents')
        .set((eb) => {
          const expired = eb.and([eb('locked_until', 'is not', null), eb('locked_until', '<=', t)]);
          const count = eb.case().when(expired).then(1).else(eb('failed_attempts', '+', 1)).end();
          return {
            failed_attempts: count,
            locked_until: eb
              .case()
              .when(eb.and([eb('locked_until', 'is not', null), eb('locked_until', '>', t)]))
              .then(eb.ref('locked_until'))
              .when(count, '>=', RESIDENT_LOCKOUT.maxFailures)
              .then(lockUntil)
              .else(null)
              .end(),
          };
        })
        .where('id', '=', resident.id)
        .returning(['failed_attempts', 'locked_until'])
        .executeTakeFirstOrThrow();
      const nowLocked = row.locked_until !== null && row.locked_until > t;
      await writeAudit(trx, now, {
        ...actor,
        action: nowLocked ? 'resident.locked' : 'resident.login-failed',
        detail: nowLocked
          ? `居民网上登录密码连续错误 ${RESIDENT_LOCKOUT.maxFailures} 次，锁定 ${RESIDENT_LOCKOUT.minutes} 分钟`
          : `居民网上登录密码错误（连续第 ${row.failed_attempts} 次）`,
      });
      return row;
    });
    if (result.locked_until !== null && result.locked_until > t) throw locked(result.locked_until, now);
    throw WRONG();
  }

  const token = newToken();
  const expiresAt = new Date(now.getTime() + RESIDENT_SESSION_MINUTES * 60_000).toISOString();
  const signedIn = await db.transaction().execute(async (trx) => {
    // Only if no lock was set meanwhile by concurrent wrong attempts.
    const reset = await trx
      .updateTable('residents')
      .set({ failed_attempts: 0, locked_until: null })
      .where('id', '=', resident.id)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', t)]))
      .returning('id')
      .executeTakeFirst();
    if (!reset) return false;
    await trx
      .insertInto('resident_sessions')
      .values({ token_hash: sha256Hex(token), resident_id: resident.id, station_id: resident.station_id, created_at: t, expires_at: expiresAt })
      .execute();
    await writeAudit(trx, now, { ...actor, action: 'resident.login', detail: '居民网上登录' });
    return true;
  });
  if (!signedIn) {
    const current = await db.selectFrom('residents').select('locked_until').where('id', '=', resident.id).executeTakeFirstOrThrow();
    throw locked(current.locked_until ?? t, now);
  }
  // Never a hash, and the phone masked: the page that called may be shown to others.
  return {
    token,
    expiresAt,
    resident: { id: resident.id, name: resident.name, building: resident.building, phone: maskPhone(resident.phone) },
  };
}
