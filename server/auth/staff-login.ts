/**
 * Staff sign-in: station + staff number + 10-digit staff secret (server/auth/staff-secrets.ts), under the PIN lockout (`STAFF_LOCKOUT`, see
 * pin-lockout.ts); a session lasts 12 hours and only the SHA-256 of its token is stored.
 */
import { STAFF_LOCKOUT, STAFF_SECRET_ITERATIONS, type StaffLoginBody, type StaffLoginResponse, type StaffRole } from '../../domain/index.ts';
import type { ServerContext } from '../context.ts';
import { signInWithPin, type PinLockoutPolicy } from './pin-lockout.ts';
import { newToken, sha256Hex, STAFF_SESSION_HOURS } from './tokens.ts';

const STAFF_PIN_POLICY: PinLockoutPolicy = {
  table: 'staff',
  lockout: STAFF_LOCKOUT,
  stampUpdatedAt: true,
  wrongPinMessage: '工号或密码不正确',
  lockedMessage: (minutes) => `密码错误次数太多，账号已锁定，请 ${minutes} 分钟后再试`,
  auditPrefix: 'staff',
  failedDetail: (attempt) => `密码错误（连续第 ${attempt} 次）`,
  lockedDetail: `密码连续错误 ${STAFF_LOCKOUT.maxFailures} 次，账号锁定 ${STAFF_LOCKOUT.minutes} 分钟`,
  decoyIterations: STAFF_SECRET_ITERATIONS,
};

export async function staffLogin(ctx: ServerContext, body: StaffLoginBody): Promise<StaffLoginResponse> {
  const found = await ctx.db
    .selectFrom('staff')
    .selectAll()
    .where('station_id', '=', body.stationId)
    .where('staff_no', '=', body.staffNo)
    .executeTakeFirst();
  const { account: staff, session } = await signInWithPin(ctx, STAFF_PIN_POLICY, found, body.pin, {
    auditActor: (s) => ({ stationId: s.station_id, staffId: s.id, staffNo: s.staff_no, entity: 'staff', entityId: s.id }),
    loginDetail: (s) => `${s.name} 登录`,
    openSession: async (trx, s, now) => {
      const token = newToken();
      const expiresAt = new Date(now.getTime() + STAFF_SESSION_HOURS * 3_600_000).toISOString();
      await trx
        .insertInto('staff_sessions')
        .values({ token_hash: sha256Hex(token), staff_id: s.id, station_id: s.station_id, created_at: now.toISOString(), expires_at: expiresAt })
        .execute();
      return { token, expiresAt };
    },
  });
  return { ...session, staff: { staffNo: staff.staff_no, name: staff.name, role: staff.role as StaffRole } };
}
