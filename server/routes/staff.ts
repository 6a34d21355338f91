/** Staff sign-in, pairing codes for kiosks, and the audit log. */
import type { FastifyInstance } from 'fastify';
import {
  AuditQuerySchema,
  PairingCodeBodySchema,
  StaffLoginBodySchema,
  type AuditQuery,
  type PairingCodeResponse,
  type StaffLoginBody,
} from '../../domain/index.ts';
import { listAudit, writeAudit } from '../audit/audit-log.ts';
import { authenticateStaff } from '../auth/principals.ts';
import { withLoginAttempt } from '../auth/login-limits.ts';
import { staffLogin } from '../auth/staff-login.ts';
import { newPairingCode, PAIRING_CODE_MINUTES, sha256Hex } from '../auth/tokens.ts';
import type { ServerContext } from '../context.ts';
import { inWriteTransaction } from '../db/transaction-retry.ts';
import { registerStaffPointsRoutes } from './points.ts';

export function staffRoutes(ctx: ServerContext) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.post<{ Body: StaffLoginBody }>('/api/staff/login', { schema: { body: StaffLoginBodySchema }, config: { login: 'account' } }, async (request) =>
      staffLogin(withLoginAttempt(ctx, request, `${request.body.stationId}:${request.body.staffNo}`), request.body),
    );

    // Everything below needs a staff session.
    app.register(async (authed) => {
      authed.decorateRequest('staff', null);
      authed.addHook('onRequest', async (request) => {
        request.staff = await authenticateStaff(ctx, request);
      });

      authed.post('/api/staff/pairing-codes', { schema: { body: PairingCodeBodySchema } }, async (request, reply) => {
        const staff = request.staff!;
        const code = newPairingCode();
        const now = ctx.clock();
        const expiresAt = new Date(now.getTime() + PAIRING_CODE_MINUTES * 60_000).toISOString();
        await inWriteTransaction(ctx.db, async (trx) => {
          await trx
            .insertInto('pairing_codes')
            .values({
              code_hash: sha256Hex(code),
              station_id: staff.stationId,
              created_by_staff_id: staff.staffId,
              created_at: now.toISOString(),
              expires_at: expiresAt,
              used_at: null,
              used_by_device_id: null,
            })
            .execute();
          await writeAudit(trx, now, {
            stationId: staff.stationId,
            staffId: staff.staffId,
            staffNo: staff.staffNo,
            action: 'device.pairing-code',
            detail: `生成设备配对码（${PAIRING_CODE_MINUTES} 分钟内有效）`,
          });
        });
        return reply.code(201).send({ code, expiresAt } satisfies PairingCodeResponse);
      });

      authed.get<{ Querystring: AuditQuery }>('/api/staff/audit', { schema: { querystring: AuditQuerySchema } }, async (request) => {
        const entries = await listAudit(ctx.db, request.staff!.stationId, request.query.limit ?? 50);
        return { entries };
      });

      registerStaffPointsRoutes(authed, ctx);
    });
  };
}
