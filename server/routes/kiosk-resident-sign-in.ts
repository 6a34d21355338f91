/**
 * POST /api/sync/resident-sign-in (device token): a resident signs in at a kiosk that does not
 * hold her PIN verifier. The server checks the PIN under the same lockout as the website sign-in
 * (one counter per resident), links her to this kiosk and answers her record with the verifier,
 * so her next sign-in there works offline; the kiosk's feed carries it from then on too. A
 * resident whose PIN staff must set again is refused with 403.
 *
 * `config.login` marks it as a login route, so the login rate limits apply to it.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  KioskResidentSignInBodySchema,
  type KioskResidentSignInBody,
  type KioskResidentSignInResponse,
} from '../../domain/index.ts';
import { authenticateDevice, type DevicePrincipal } from '../auth/principals.ts';
import { withLoginAttempt } from '../auth/login-limits.ts';
import { signInWithPin, type PinLockoutPolicy } from '../auth/pin-lockout.ts';
import { refuseIfPinResetRequired, RESIDENT_PIN_POLICY } from '../auth/resident-login.ts';
import type { ServerContext } from '../context.ts';
import { kioskResidentFromRow, linkResidentToDevice, republishResident } from '../content/resident-devices.ts';

/** The website's policy (same table, same counter and lock), with the kiosk's audit words. */
const KIOSK_PIN_POLICY: PinLockoutPolicy = {
  ...RESIDENT_PIN_POLICY,
  failedDetail: (attempt) => `居民在一体机上联网登录密码错误（连续第 ${attempt} 次）`,
};

export function kioskResidentSignInRoutes(ctx: ServerContext) {
  return async function register(app: FastifyInstance): Promise<void> {
    const deviceOf = new WeakMap<FastifyRequest, DevicePrincipal>();
    app.post<{ Body: KioskResidentSignInBody }>(
      '/api/sync/resident-sign-in',
      {
        schema: { body: KioskResidentSignInBodySchema },
        config: { login: 'account' },
        onRequest: async (request) => {
          deviceOf.set(request, await authenticateDevice(ctx, request));
        },
      },
      async (request): Promise<KioskResidentSignInResponse> => {
        const device = deviceOf.get(request)!;
        const found = await ctx.db
          .selectFrom('residents')
          .selectAll()
          .where('station_id', '=', device.stationId)
          .where('phone', '=', request.body.phone)
          .executeTakeFirst();
        const { account, session: linkedNow } = await signInWithPin(
          // The same claim as the website's sign-in: one lock for her, whichever way it is guessed.
          withLoginAttempt(ctx, request, `${device.stationId}:${request.body.phone}`),
          KIOSK_PIN_POLICY,
          found, request.body.pin, {
          auditActor: (r) => ({ stationId: r.station_id, residentId: r.id, deviceId: device.deviceId, entity: 'resident', entityId: r.id }),
          loginDetail: () => `居民在一体机「${device.name}」上联网登录，这台一体机以后可以离线核对她的密码`,
          openSession: async (trx, r, now) => {
            await refuseIfPinResetRequired(trx, r.id);
            return linkResidentToDevice(trx, { residentId: r.id, deviceId: device.deviceId, stationId: r.station_id, reason: 'online-sign-in', now });
          },
        });
        // Its own transaction: the sign-in holds her row, and the station row comes first (lock order).
        if (linkedNow) {
          const seq = await ctx.db.transaction().execute((trx) => republishResident(trx, device.stationId, account.id));
          if (seq !== null) ctx.notifier.poke(device.stationId, seq);
        }
        const row = await ctx.db.selectFrom('residents').selectAll().where('id', '=', account.id).executeTakeFirstOrThrow();
        return { resident: kioskResidentFromRow(row) };
      },
    );
  };
}
