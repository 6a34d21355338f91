/**
 * Resident sign-in for websites (district sites, later features): station + phone + PIN, under
 * the same PIN lockout as staff (`RESIDENT_LOCKOUT`, see pin-lockout.ts) — 5 wrong PINs in a row
 * lock that resident for 15 minutes. Kiosks check PINs offline against the hashes they may hold,
 * and online through the kiosk route under this same lockout (routes/kiosk-resident-sign-in.ts). A
 * resident whose PIN must be set again (a kiosk that held it was revoked) is refused with 403.
 */
import {
  maskPhone,
  PIN_RESET_REQUIRED_ERROR,
  RESIDENT_LOCKOUT,
  RESIDENT_SESSION_MINUTES,
  type ResidentLoginBody,
  type ResidentLoginResponse,
} from '../../domain/index.ts';
import type { Transaction } from 'kysely';
import type { ServerContext } from '../context.ts';
import { PIN_RESET_REQUIRED_MESSAGE } from '../content/resident-devices.ts';
import type { Database } from '../db/schema.ts';
import { HttpError } from '../http/http-error.ts';
import { signInWithPin, type PinLockoutPolicy } from './pin-lockout.ts';
import { newToken, sha256Hex } from './tokens.ts';

export const RESIDENT_PIN_POLICY: PinLockoutPolicy = {
  table: 'residents',
  lockout: RESIDENT_LOCKOUT,
  // A resident's updated_at is replicated content: sign-in attempts are not edits of the resident.
  stampUpdatedAt: false,
  wrongPinMessage: '手机号或密码不对',
  lockedMessage: (minutes) => `密码错误次数太多，已锁定，请 ${minutes} 分钟后再试，或请服务站工作人员帮忙`,
  auditPrefix: 'resident',
  failedDetail: (attempt) => `居民网上登录密码错误（连续第 ${attempt} 次）`,
  lockedDetail: `居民网上登录密码连续错误 ${RESIDENT_LOCKOUT.maxFailures} 次，锁定 ${RESIDENT_LOCKOUT.minutes} 分钟`,
};

/**
 * Throws the 403 when staff must set her PIN again. Called after her PIN checked out, inside the
 * transaction that reset her counter (which holds her row in PostgreSQL, so a revocation either
 * committed before and is seen here, or waits and then ends the session opened here).
 */
export async function refuseIfPinResetRequired(trx: Transaction<Database>, residentId: string): Promise<void> {
  const row = await trx.selectFrom('residents').select('pin_reset_required').where('id', '=', residentId).executeTakeFirstOrThrow();
  if (row.pin_reset_required === 1) throw new HttpError(403, PIN_RESET_REQUIRED_ERROR, PIN_RESET_REQUIRED_MESSAGE);
}

export async function residentLogin(ctx: ServerContext, body: ResidentLoginBody): Promise<ResidentLoginResponse> {
  const found = await ctx.db
    .selectFrom('residents')
    .selectAll()
    .where('station_id', '=', body.stationId)
    .where('phone', '=', body.phone)
    .executeTakeFirst();
  const { account: resident, session } = await signInWithPin(ctx, RESIDENT_PIN_POLICY, found, body.pin, {
    auditActor: (r) => ({ stationId: r.station_id, residentId: r.id, entity: 'resident', entityId: r.id }),
    loginDetail: () => '居民网上登录',
    openSession: async (trx, r, now) => {
      await refuseIfPinResetRequired(trx, r.id);
      const token = newToken();
      const expiresAt = new Date(now.getTime() + RESIDENT_SESSION_MINUTES * 60_000).toISOString();
      await trx
        .insertInto('resident_sessions')
        .values({ token_hash: sha256Hex(token), resident_id: r.id, station_id: r.station_id, created_at: now.toISOString(), expires_at: expiresAt })
        .execute();
      return { token, expiresAt };
    },
  });
  // Never a hash, and the phone masked: the page that called may be shown to others.
  return {
    ...session,
    resident: { id: resident.id, name: resident.name, building: resident.building, phone: maskPhone(resident.phone) },
  };
}
