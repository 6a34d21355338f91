/**
 * One hook for every staff route: it looks the route up in the role table
 * (domain/roles.ts STAFF_ROUTE_RULES) and lets the request through only when the signed-in staff
 * member's role holds the permission. A route the table does not name is refused (fail closed),
 * and tests/server/staff-roles.test.ts fails for it.
 */
import type { FastifyInstance } from 'fastify';
import { hasPermission, permissionRefusal, staffRouteRule } from '../../domain/index.ts';
import type { ServerContext } from '../context.ts';
import { HttpError } from '../http/http-error.ts';
import { authenticateStaff } from './principals.ts';

const forbidden = (message: string) => new HttpError(403, 'forbidden', message);
export const UNLISTED_STAFF_ROUTE = '这项工作人员功能还没有设定由哪些岗位使用，暂时不能使用，请联系系统管理员';

/** Installed on the root instance before the routes, so it runs before every plugin's own hooks. */
export function installStaffRouteRules(app: FastifyInstance, ctx: ServerContext): void {
  app.addHook('onRequest', async (request) => {
    const url = request.routeOptions.url;
    // Unknown paths stay 404; CORS preflights carry no data and no credentials.
    if (url === undefined || !url.startsWith('/api/staff') || request.method === 'OPTIONS') return;
    const rule = staffRouteRule(request.method, url);
    if (rule === undefined) throw forbidden(UNLISTED_STAFF_ROUTE);
    if (rule === null) return;
    const staff = await authenticateStaff(ctx, request);
    if (!hasPermission(staff.role, rule)) throw forbidden(permissionRefusal(rule));
  });
}
