/**
 * Device tokens that rotate and expire when unused (docs/security.md).
 *
 * - Expiry: a token the device has not used for `expireAfterDays` (30 by default, configurable,
 *   longer than the 14 days offline the fault suite proves) is answered 401
 *   `device-token-expired`; the kiosk then keeps its outbox and asks staff to pair it again.
 *   "Used" is recorded in last_used_at at most once an hour, not with a write on every request.
 * - Rotation: once the current token is `rotateAfterDays` old (7 by default), the next request
 *   gets a new token in its pull or push answer. Only its SHA-256 is stored; the token it
 *   replaces stays valid until the device first uses the new one, so an answer lost on the way
 *   never strands a kiosk. A device that comes back with the previous token evidently never got
 *   the new one: it is issued another (after a minute's grace, so a request that raced the
 *   rotating one does not undo it).
 */
import type { FastifyRequest } from 'fastify';
import { DEVICE_TOKEN_EXPIRED_ERROR } from '../../domain/index.ts';
import type { ServerContext } from '../context.ts';
import { deviceRevoked, HttpError, unauthorized } from '../http/http-error.ts';
import type { DevicePrincipal } from './principals.ts';
import { bearerToken, newToken, sha256Hex } from './tokens.ts';

export interface DeviceTokenPolicy {
  /** A token not used for this many days is refused. */
  expireAfterDays: number;
  /** A token this many days old is replaced by a new one at the device's next request. */
  rotateAfterDays: number;
}

export const DEFAULT_DEVICE_TOKEN_POLICY: DeviceTokenPolicy = { expireAfterDays: 30, rotateAfterDays: 7 };
/** last_used_at is rewritten at most this often. */
export const LAST_USED_RESOLUTION_MS = 60 * 60_000;
/** A request with the previous token this soon after a rotation raced it: no second rotation. */
export const ROTATION_GRACE_MS = 60_000;
export const DEVICE_TOKEN_EXPIRED_MESSAGE = '这台终端太久没有联网，凭证已过期，请工作人员重新配对';

const DAY_MS = 24 * 60 * 60_000;

export const deviceTokenExpired = () => new HttpError(401, DEVICE_TOKEN_EXPIRED_ERROR, DEVICE_TOKEN_EXPIRED_MESSAGE);

/** The policy, checked: whole days, rotation before expiry (or a kiosk could never rotate in time). */
export function deviceTokenPolicy(given: Partial<DeviceTokenPolicy> = {}): DeviceTokenPolicy {
  const policy = { ...DEFAULT_DEVICE_TOKEN_POLICY, ...given };
  for (const [name, days] of Object.entries(policy)) {
    if (!Number.isInteger(days) || days < 1 || days > 3650) throw new Error(`device token ${name} must be a whole number of days from 1 to 3650, not ${days}`);
  }
  if (policy.rotateAfterDays >= policy.expireAfterDays) throw new Error('device tokens must rotate before they expire (rotateAfterDays < expireAfterDays)');
  return policy;
}

/** Tokens issued during a request, for the route to put into its answer (never logged). */
const issuedTokens = new WeakMap<FastifyRequest, string>();

export function tokenIssuedFor(request: FastifyRequest): string | undefined {
  return issuedTokens.get(request);
}

/**
 * Check the request's device token: unknown → 401 unauthorized, revoked → 401 device-revoked,
 * unused too long → 401 device-token-expired. Rotates and records use as described above.
 */
export async function checkDeviceToken(ctx: ServerContext, request: FastifyRequest): Promise<DevicePrincipal> {
  const token = bearerToken(request.headers.authorization);
  if (!token) throw unauthorized('设备未配对（缺少设备凭证）');
  const hash = sha256Hex(token);
  const row = await ctx.db
    .selectFrom('devices')
    .select(['id', 'station_id', 'name', 'revoked_at', 'token_hash', 'previous_token_hash', 'token_issued_at', 'last_used_at', 'created_at'])
    .where((eb) => eb.or([eb('token_hash', '=', hash), eb('previous_token_hash', '=', hash)]))
    .executeTakeFirst();
  if (!row) throw unauthorized('设备凭证无效，请重新配对');
  // Its own code, so the kiosk can tell "staff switched me off" from a broken token and stop trying.
  if (row.revoked_at !== null) throw deviceRevoked();
  const policy = ctx.deviceTokens ?? DEFAULT_DEVICE_TOKEN_POLICY;
  const now = ctx.clock();
  const at = now.getTime();
  const lastUsed = Date.parse(row.last_used_at ?? row.created_at);
  if (at - lastUsed > policy.expireAfterDays * DAY_MS) throw deviceTokenExpired();

  const issuedAt = Date.parse(row.token_issued_at ?? row.created_at);
  const usedPrevious = row.token_hash !== hash;
  const change: { token_hash?: string; previous_token_hash?: string | null; token_issued_at?: string; last_used_at?: string } = {};
  let issued: string | null = null;
  if (usedPrevious) {
    // The new token never arrived (or is not used yet): issue another, keep accepting this one.
    if (at - issuedAt > ROTATION_GRACE_MS) issued = newToken();
  } else {
    if (row.previous_token_hash !== null) change.previous_token_hash = null; // the new token arrived
    if (at - issuedAt >= policy.rotateAfterDays * DAY_MS) {
      issued = newToken();
      change.previous_token_hash = hash;
    }
  }
  if (issued) {
    change.token_hash = sha256Hex(issued);
    change.token_issued_at = now.toISOString();
  }
  if (at - lastUsed >= LAST_USED_RESOLUTION_MS) change.last_used_at = now.toISOString();
  if (Object.keys(change).length > 0) {
    // Conditional on the token hash read above: of two racing requests, one rotates.
    const updated = await ctx.db.updateTable('devices').set(change).where('id', '=', row.id).where('token_hash', '=', row.token_hash).executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) issued = null;
  }
  if (issued) issuedTokens.set(request, issued);
  return { deviceId: row.id, stationId: row.station_id, name: row.name };
}
