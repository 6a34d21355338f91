/** Pairing a kiosk with a one-time code, and the sync endpoints it then uses. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  DevicePairBodySchema,
  PULL_PAGE_MAX,
  PullQuerySchema,
  PushRequestSchema,
  type DevicePairBody,
  type DevicePairResponse,
  type PullQuery,
  type PullResponse,
  type PushRequest,
  type PushResponse,
} from '../../domain/index.ts';
import { writeAudit } from '../audit/audit-log.ts';
import { tokenIssuedFor } from '../auth/device-tokens.ts';
import { authenticateDevice } from '../auth/principals.ts';
import { newToken, normalizePairingCode, sha256Hex } from '../auth/tokens.ts';
import type { ServerContext } from '../context.ts';
import { readChanges } from '../content/changes.ts';
import { verifiersForDevice } from '../content/resident-devices.ts';
import { HttpError } from '../http/http-error.ts';
import { pushCommands } from '../sync/push.ts';
import { resendFrom } from '../sync/resend.ts';

export const PULL_PAGE_DEFAULT = 500;

/** A token rotated during this request goes to the device in the answer. */
function withIssuedToken<T extends PullResponse | PushResponse>(request: FastifyRequest, answer: T): T {
  const token = tokenIssuedFor(request);
  return token === undefined ? answer : { ...answer, deviceToken: token };
}

async function lastSeqOf(ctx: ServerContext, deviceId: string): Promise<number> {
  const row = await ctx.db.selectFrom('devices').select('last_seq').where('id', '=', deviceId).executeTakeFirstOrThrow();
  return row.last_seq;
}

export function deviceRoutes(ctx: ServerContext) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.post<{ Body: DevicePairBody }>('/api/devices/pair', { schema: { body: DevicePairBodySchema }, config: { login: true } }, async (request, reply) => {
      const now = ctx.clock();
      const t = now.toISOString();
      const deviceId = crypto.randomUUID();
      const deviceToken = newToken();
      const name = request.body.name.trim() || '服务站终端';
      const paired = await ctx.db.transaction().execute(async (trx) => {
        // Claiming the code is one conditional UPDATE: two kiosks racing for it cannot both win.
        const code = await trx
          .updateTable('pairing_codes')
          .set({ used_at: t })
          .where('code_hash', '=', sha256Hex(normalizePairingCode(request.body.code)))
          .where('used_at', 'is', null)
          .where('expires_at', '>', t)
          .returning(['station_id', 'created_by_staff_id', 'code_hash'])
          .executeTakeFirst();
        if (!code) return null;
        await trx
          .insertInto('devices')
          .values({
            id: deviceId,
            station_id: code.station_id,
            name,
            token_hash: sha256Hex(deviceToken),
            last_seq: 0,
            paired_by_staff_id: code.created_by_staff_id,
            created_at: t,
            revoked_at: null,
            token_issued_at: t,
            last_used_at: t,
          })
          .execute();
        await trx.updateTable('pairing_codes').set({ used_by_device_id: deviceId }).where('code_hash', '=', code.code_hash).execute();
        const staff = await trx.selectFrom('staff').select('staff_no').where('id', '=', code.created_by_staff_id).executeTakeFirst();
        await writeAudit(trx, now, {
          stationId: code.station_id,
          staffId: code.created_by_staff_id,
          staffNo: staff?.staff_no ?? null,
          deviceId,
          action: 'device.pair',
          entity: 'device',
          entityId: deviceId,
          detail: `终端「${name}」完成配对`,
        });
        return code.station_id;
      });
      if (!paired) throw new HttpError(403, 'invalid-code', '配对码不正确、已用过或已过期，请在工作人员页面重新生成');
      return reply.code(201).send({ deviceId, deviceToken, stationId: paired } satisfies DevicePairResponse);
    });

    app.register(async (authed) => {
      authed.decorateRequest('device', null);
      authed.addHook('onRequest', async (request) => {
        request.device = await authenticateDevice(ctx, request);
      });

      authed.get<{ Querystring: PullQuery }>('/api/sync/pull', { schema: { querystring: PullQuerySchema } }, async (request) => {
        const limit = Math.min(request.query.limit ?? PULL_PAGE_DEFAULT, PULL_PAGE_MAX);
        const device = request.device!;
        const station = await ctx.db.selectFrom('stations').select('change_seq').where('id', '=', device.stationId).executeTakeFirstOrThrow();
        // A cursor past every change this server has committed: it was restored from a backup and
        // numbers changes again from there. Start the kiosk over rather than skip what comes next.
        const cursor = request.query.cursor > station.change_seq ? 0 : request.query.cursor;
        const read = await readChanges(ctx.db, device.stationId, cursor, limit);
        // The rows are the station's, shared by its kiosks: PIN verifiers go only to linked ones.
        const page: PullResponse = { ...read, changes: await verifiersForDevice(ctx.db, device.deviceId, read.changes) };
        const from = resendFrom(request.query.acked, await lastSeqOf(ctx, device.deviceId));
        return withIssuedToken(request, from === undefined ? page : { ...page, resendFrom: from });
      });

      authed.post<{ Body: PushRequest }>('/api/sync/push', { schema: { body: PushRequestSchema } }, async (request): Promise<PushResponse> => {
        const response = await pushCommands(ctx, request.device!, request.body.commands);
        const from = resendFrom(request.body.ackedSeq, response.lastSeq);
        return withIssuedToken(request, from === undefined ? response : { ...response, resendFrom: from });
      });
    });
  };
}
