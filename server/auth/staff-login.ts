/**
 * Staff sign-in with lockout. The failure counter and the lock live in the staff row and change
 * only through single conditional UPDATEs, so the rule holds with several server processes and
 * with concurrent attempts; the slow PIN check runs outside any transaction.
 */
import { hashPin, STAFF_LOCKOUT, verifyPin, type StaffLoginBody, type StaffLoginResponse, type StaffRole } from '../../domain/index.ts';
import { writeAudit } from '../audit/audit-log.ts';
import type { ServerContext } from '../context.ts';
import { HttpError } from '../http/http-error.ts';
import { newToken, sha256Hex, STAFF_SESSION_HOURS } from './tokens.ts';

const WRONG = () => new HttpError(401, 'wrong-pin', '工号或密码不正确');

function locked(until: string, now: Date): HttpError {
  const minutes = Math.max(1, Math.ceil((Date.parse(until) - now.getTime()) / 60_000));
  return new HttpError(423, 'locked', `密码错误次数太多，账号已锁定，请 ${minutes} 分钟后再试`, {
    'retry-after': String(minutes * 60),
  });
}

// Unknown staff numbers still cost one PIN check, so timing does not reveal which numbers exist.
let decoyHash: Promise<string> | null = null;

export async function staffLogin(ctx: ServerContext, body: StaffLoginBody): Promise<StaffLoginResponse> {
  const { db } = ctx;
  const staff = await db
    .selectFrom('staff')
    .selectAll()
    .where('station_id', '=', body.stationId)
    .where('staff_no', '=', body.staffNo)
    .executeTakeFirst();
  if (!staff || staff.active !== 1) {
    decoyHash ??= hashPin('0000');
    await verifyPin(body.pin, await decoyHash);
    throw WRONG();
  }
  const before = ctx.clock();
  if (staff.locked_until !== null && staff.locked_until > before.toISOString()) throw locked(staff.locked_until, before);

  const ok = await verifyPin(body.pin, staff.pin_hash);
  const now = ctx.clock();
  const t = now.toISOString();
  const actor = { stationId: staff.station_id, staffId: staff.id, staffNo: staff.staff_no, entity: 'staff', entityId: staff.id };

  if (!ok) {
    const lockUntil = new Date(now.getTime() + STAFF_LOCKOUT.minutes * 60_000).toISOString();
    const result = await db.transaction().execute(async (trx) => {
      // A lock that has run out starts a fresh count; reaching the maximum sets a new lock.
      const row = await trx
        .updateTable('staff')
        .set((eb) => {
          const expired = eb.and([eb('locked_until', 'is not', null), eb('locked_until', '<=', t)]);
          const count = eb.case().when(expired).then(1).else(eb('failed_attempts', '+', 1)).end();
          return {
            failed_attempts: count,
            locked_until: eb
              .case()
              .when(eb.and([eb('locked_until', 'is not', null), eb('locked_until', '>', t)]))
              .then(eb.ref('locked_until'))
              .when(count, '>=', STAFF_LOCKOUT.maxFailures)
              .then(lockUntil)
              .else(null)
              .end(),
            updated_at: t,
          };
        })
        .where('id', '=', staff.id)
        .returning(['failed_attempts', 'locked_until'])
        .executeTakeFirstOrThrow();
      const nowLocked = row.locked_until !== null && row.locked_until > t;
      await writeAudit(trx, now, {
        ...actor,
        action: nowLocked ? 'staff.locked' : 'staff.login-failed',
        detail: nowLocked
          ? `密码连续错误 ${STAFF_LOCKOUT.maxFailures} 次，账号锁定 ${STAFF_LOCKOUT.minutes} 分钟`
          : `密码错误（连续第 ${row.failed_attempts} 次）`,
      });
      return row;
    });
    if (result.locked_until !== null && result.locked_until > t) throw locked(result.locked_until, now);
    throw WRONG();
  }

  const token = newToken();
  const expiresAt = new Date(now.getTime() + STAFF_SESSION_HOURS * 3_600_000).toISOString();
  const signedIn = await db.transaction().execute(async (trx) => {
    // Only if no lock was set meanwhile by concurrent wrong attempts.
    const reset = await trx
      .updateTable('staff')
      .set({ failed_attempts: 0, locked_until: null, updated_at: t })
      .where('id', '=', staff.id)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', t)]))
      .returning('id')
      .executeTakeFirst();
    if (!reset) return false;
    await trx
      .insertInto('staff_sessions')
      .values({ token_hash: sha256Hex(token), staff_id: staff.id, station_id: staff.station_id, created_at: t, expires_at: expiresAt })
      .execute();
    await writeAudit(trx, now, { ...actor, action: 'staff.login', detail: `${staff.name} 登录` });
    return true;
  });
  if (!signedIn) {
    const current = await db.selectFrom('staff').select('locked_until').where('id', '=', staff.id).executeTakeFirstOrThrow();
    throw locked(current.locked_until ?? t, now);
  }
  return { token, expiresAt, staff: { staffNo: staff.staff_no, name: staff.name, role: staff.role as StaffRole } };
}
