/**
 * Who is calling: a signed-in staff member (staff session) or a paired kiosk (device token).
 * Checked in onRequest, before the body is even read, so strangers cannot make the server parse
 * anything; every failure is the same 401.
 */
import type { FastifyRequest } from 'fastify';
import type { StaffRole } from '../../domain/index.ts';
import type { ServerContext } from '../context.ts';
import { unauthorized } from '../http/http-error.ts';
import { checkDeviceToken } from './device-tokens.ts';
import { bearerToken, sha256Hex } from './tokens.ts';

export interface StaffPrincipal {
  staffId: string;
  staffNo: string;
  name: string;
  role: StaffRole;
  stationId: string;
}

/** A resident signed in on a website (POST /api/residents/login), for resident actions. */
export interface ResidentPrincipal {
  residentId: string;
  stationId: string;
}

export interface DevicePrincipal {
  deviceId: string;
  stationId: string;
  name: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    staff: StaffPrincipal | null;
    device: DevicePrincipal | null;
  }
}

/**
 * The sign-in session behind the request's bearer token, found by the token's hash with `find`,
 * if it still counts: its account active and the session not expired.
 */
async function liveSession<R extends { active: number; expires_at: string }>(
  ctx: ServerContext,
  request: FastifyRequest,
  find: (tokenHash: string) => Promise<R | undefined>,
): Promise<R> {
  const token = bearerToken(request.headers.authorization);
  if (!token) throw unauthorized('请先登录（缺少登录凭证）');
  const row = await find(sha256Hex(token));
  if (!row || row.active !== 1 || row.expires_at <= ctx.clock().toISOString()) throw unauthorized('登录已失效，请重新登录');
  return row;
}

/** One lookup per request: the role check (auth/route-permissions.ts) and the route's own hook share it. */
const staffOfRequest = new WeakMap<FastifyRequest, Promise<StaffPrincipal>>();

export function authenticateStaff(ctx: ServerContext, request: FastifyRequest): Promise<StaffPrincipal> {
  let found = staffOfRequest.get(request);
  if (!found) {
    found = lookUpStaff(ctx, request);
    staffOfRequest.set(request, found);
  }
  return found;
}

async function lookUpStaff(ctx: ServerContext, request: FastifyRequest): Promise<StaffPrincipal> {
  const row = await liveSession(ctx, request, (tokenHash) =>
    ctx.db
      .selectFrom('staff_sessions as s')
      .innerJoin('staff as st', 'st.id', 's.staff_id')
      .select(['st.id', 'st.staff_no', 'st.name', 'st.role', 'st.station_id', 'st.active', 's.expires_at'])
      .where('s.token_hash', '=', tokenHash)
      .executeTakeFirst(),
  );
  return { staffId: row.id, staffNo: row.staff_no, name: row.name, role: row.role as StaffRole, stationId: row.station_id };
}

/** The device behind the request's token; expiry and rotation: device-tokens.ts. */
export async function authenticateDevice(ctx: ServerContext, request: FastifyRequest): Promise<DevicePrincipal> {
  return checkDeviceToken(ctx, request);
}

export async function authenticateResident(ctx: ServerContext, request: FastifyRequest): Promise<ResidentPrincipal> {
  const row = await liveSession(ctx, request, (tokenHash) =>
    ctx.db
      .selectFrom('resident_sessions as s')
      .innerJoin('residents as r', 'r.id', 's.resident_id')
      .select(['r.id', 'r.station_id', 'r.active', 's.expires_at'])
      .where('s.token_hash', '=', tokenHash)
      .executeTakeFirst(),
  );
  return { residentId: row.id, stationId: row.station_id };
}
