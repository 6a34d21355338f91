/**
 * Staff manage their station's paired kiosks: list them and revoke one (a lost, stolen or retired
 * kiosk). A revoked kiosk's token is refused from then on with 401 `device-revoked`, so whatever
 * it still has queued is not accepted; re-pairing gives it a new device identity.
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import {
  DeviceParamsSchema,
  DeviceRevokeBodySchema,
  type DeviceParams,
  type DeviceRevokeBody,
  type StaffDeviceView,
} from '../../domain/index.ts';
import { writeAudit } from '../audit/audit-log.ts';
import { authenticateStaff, type StaffPrincipal } from '../auth/principals.ts';
import { requireNewPinsAfterRevocation } from '../content/resident-devices.ts';
import type { ServerContext } from '../context.ts';
import { lockDevice } from '../db/lock-order.ts';
import type { Database } from '../db/schema.ts';
import { inWriteTransaction } from '../db/transaction-retry.ts';
import { notFound } from '../http/http-error.ts';

const DEVICE_NOT_FOUND = '本服务站没有这台终端';

/** The station's devices (or the one asked for), oldest pairing first; never the token hash. */
async function stationDevices(db: Kysely<Database>, stationId: string, deviceId?: string): Promise<StaffDeviceView[]> {
  let query = db
    .selectFrom('devices as d')
    .select(['d.id', 'd.name', 'd.created_at', 'd.revoked_at'])
    .select((eb) =>
      eb
        .selectFrom('command_outcomes as o')
        .select('o.created_at')
        .whereRef('o.device_id', '=', 'd.id')
        .orderBy('o.seq', 'desc')
        .limit(1)
        .as('last_command_at'),
    )
    .where('d.station_id', '=', stationId);
  if (deviceId !== undefined) query = query.where('d.id', '=', deviceId);
  const rows = await query.orderBy('d.created_at').orderBy('d.id').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at, lastCommandAt: r.last_command_at ?? null, revokedAt: r.revoked_at }));
}

export function staffDeviceRoutes(ctx: ServerContext) {
  return async function register(app: FastifyInstance): Promise<void> {
    const staffOf = new WeakMap<object, StaffPrincipal>();
    app.addHook('onRequest', async (request) => {
      staffOf.set(request, await authenticateStaff(ctx, request));
    });

    app.get('/api/staff/devices', async (request) => {
      const staff = staffOf.get(request)!;
      return { devices: await stationDevices(ctx.db, staff.stationId) };
    });

    app.post<{ Params: DeviceParams; Body: DeviceRevokeBody }>(
      '/api/staff/devices/:deviceId/revoke',
      { schema: { params: DeviceParamsSchema, body: DeviceRevokeBodySchema } },
      async (request) => {
        const staff = staffOf.get(request)!;
        const { deviceId } = request.params;
        const reason = request.body?.reason?.trim() ?? '';
        const changeSeq = await inWriteTransaction(ctx.db, async (trx) => {
          // The device row first, the lock a push takes for each chunk: a chunk in flight commits
          // before this, and every later one reads revoked_at and stops. The time is read once
          // the lock is held, so nothing the device pushed is stored as later than its revocation.
          await lockDevice(trx, ctx.dialect, deviceId);
          const now = ctx.clock();
          // One conditional UPDATE: revoking again (or twice at once) changes nothing and audits nothing.
          const revoked = await trx
            .updateTable('devices')
            .set({ revoked_at: now.toISOString() })
            .where('id', '=', deviceId)
            .where('station_id', '=', staff.stationId)
            .where('revoked_at', 'is', null)
            .returning('name')
            .executeTakeFirst();
          if (!revoked) return null;
          const { staffId, staffNo } = staff;
          const { residents, changeSeq } = await requireNewPinsAfterRevocation(trx, { stationId: staff.stationId, deviceId, deviceName: revoked.name, staffId, staffNo }, now);
          await writeAudit(trx, now, {
            stationId: staff.stationId,
            staffId: staff.staffId,
            staffNo: staff.staffNo,
            deviceId,
            action: 'device.revoke',
            entity: 'device',
            entityId: deviceId,
            detail: `停用终端「${revoked.name}」${reason ? `，原因：${reason}` : ''}${residents > 0 ? `；${residents} 位居民需要请工作人员重新设置密码` : ''}`,
          });
          return changeSeq;
        });
        // The other kiosks pull those residents' records (now without a verifier) at once.
        if (changeSeq !== null) ctx.notifier.poke(staff.stationId, changeSeq);
        const [device] = await stationDevices(ctx.db, staff.stationId, deviceId);
        if (!device) throw notFound(DEVICE_NOT_FOUND);
        return { device };
      },
    );
  };
}
