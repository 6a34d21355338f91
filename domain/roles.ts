/**
 * The role table: which staff role may do what, for every command a kiosk pushes and every staff
 * HTTP route. The server enforces it on every pushed command (server/sync/command-scope.ts) and
 * on every /api/staff route (server/auth/route-permissions.ts); the kiosk hides what a role may
 * not do. A command type or route without a rule is refused, and a test fails.
 */
import type { StaffRole } from './station.ts';
import type { CommandPayloads, CommandType } from './sync.ts';

export const STAFF_ROLES: readonly StaffRole[] = ['manager', 'social-worker', 'kitchen', 'volunteer-coordinator', 'district-viewer'];

export const STAFF_ROLE_LABELS: Record<StaffRole, string> = {
  manager: '站长',
  'social-worker': '社工',
  kitchen: '厨房',
  'volunteer-coordinator': '志愿服务',
  'district-viewer': '街道',
};

export type Permission =
  | 'notices.edit'
  | 'notices.emergency'
  | 'residents.manage'
  | 'residents.proxy'
  | 'points.manage'
  | 'points.award'
  | 'points.handout'
  | 'catalogue.edit'
  | 'meals.menu'
  | 'meals.kitchen'
  | 'meals.manage'
  | 'volunteer.manage'
  | 'volunteer.approve-hours'
  | 'devices.manage'
  | 'audit.read'
  | 'reports.read';

export const PERMISSION_LABELS: Record<Permission, string> = {
  'notices.edit': '编辑公告',
  'notices.emergency': '发布紧急公告',
  'residents.manage': '登记居民、重置居民密码',
  'residents.proxy': '代居民办理',
  'points.manage': '管理积分（积分标准、冲正、取消兑换、兑换记录）',
  'points.award': '发放积分',
  'points.handout': '核对兑换码并登记领取',
  'catalogue.edit': '编辑积分商品',
  'meals.menu': '编辑菜单',
  'meals.kitchen': '查看厨房备餐和送餐名单',
  'meals.manage': '管理助餐（补贴标准、居民助餐资料、代退订）',
  'volunteer.manage': '管理志愿活动、签到签退、申请时长更正',
  'volunteer.approve-hours': '审核志愿服务时长更正',
  'devices.manage': '管理终端（配对、停用）',
  'audit.read': '查看操作记录',
  'reports.read': '导出报表',
};

const ALL_PERMISSIONS = Object.keys(PERMISSION_LABELS) as Permission[];

export const ROLE_PERMISSIONS: Record<StaffRole, readonly Permission[]> = {
  manager: ALL_PERMISSIONS,
  'social-worker': [
    'notices.edit',
    'notices.emergency',
    'residents.manage',
    'residents.proxy',
    'points.award',
    'points.handout',
    'catalogue.edit',
    'meals.kitchen',
    'volunteer.manage',
  ],
  kitchen: ['meals.menu', 'meals.kitchen'],
  'volunteer-coordinator': ['residents.proxy', 'volunteer.manage', 'volunteer.approve-hours', 'points.award', 'reports.read'],
  // Read-only: the street office looks at reports; it changes nothing.
  'district-viewer': ['reports.read'],
};

export function hasPermission(role: StaffRole | string, permission: Permission): boolean {
  return (ROLE_PERMISSIONS as Record<string, readonly Permission[] | undefined>)[role]?.includes(permission) ?? false;
}

export interface CommandRule {
  /** What a staff member named in the actor needs (proxy commands: this, or `residents.proxy` when acting for a resident). */
  staff: Permission;
  /** May a signed-in resident send it for herself, with no staff named? */
  residentForSelf: boolean;
  /** May the kiosk send it with nobody named? */
  device?: boolean;
}

/**
 * Every command type: the permission a staff actor needs. A staff member acting for a resident
 * (actor has both) needs `residents.proxy` where the resident could have done it herself, and
 * the command's own permission otherwise.
 */
export const COMMAND_RULES: Record<CommandType, CommandRule> = {
  'notice.save': { staff: 'notices.edit', residentForSelf: false },
  'resident.register': { staff: 'residents.manage', residentForSelf: false },
  'resident.set-pin': { staff: 'residents.manage', residentForSelf: true },
  'resident.proxy-session': { staff: 'residents.proxy', residentForSelf: false },
  'resident.ranking-opt-out': { staff: 'residents.manage', residentForSelf: true },
  'catalogue.save': { staff: 'catalogue.edit', residentForSelf: false },
  'points.award': { staff: 'points.award', residentForSelf: false },
  'points.redeem': { staff: 'residents.proxy', residentForSelf: true },
  'points.redeem-cancel': { staff: 'points.handout', residentForSelf: true },
  'points.handout': { staff: 'points.handout', residentForSelf: false },
  'points.reverse': { staff: 'points.manage', residentForSelf: false },
  'points.allowance-renew': { staff: 'points.manage', residentForSelf: false, device: true },
  'menu.save': { staff: 'meals.menu', residentForSelf: false },
  'meal.book': { staff: 'residents.proxy', residentForSelf: true },
  'meal.cancel': { staff: 'meals.kitchen', residentForSelf: true },
  'activity.save': { staff: 'volunteer.manage', residentForSelf: false },
  'volunteer.sign-up': { staff: 'residents.proxy', residentForSelf: true },
  'volunteer.cancel': { staff: 'volunteer.manage', residentForSelf: true },
  'volunteer.check-in': { staff: 'volunteer.manage', residentForSelf: true },
  'volunteer.check-out': { staff: 'volunteer.manage', residentForSelf: true },
  'volunteer.hours-correction': { staff: 'volunteer.manage', residentForSelf: false },
  'volunteer.hours-correction-decision': { staff: 'volunteer.approve-hours', residentForSelf: false },
};

/**
 * The permissions a staff actor needs for this command: its rule's, plus what its payload asks
 * for (an emergency notice). Acting for a resident on what she may do herself needs only
 * `residents.proxy`.
 */
export function commandPermissions<T extends CommandType>(type: T, payload: CommandPayloads[T], actingForResident: boolean): Permission[] {
  const rule = COMMAND_RULES[type];
  const needed: Permission[] = [actingForResident && rule.residentForSelf ? 'residents.proxy' : rule.staff];
  if (type === 'notice.save' && (payload as CommandPayloads['notice.save']).draft.emergency) needed.push('notices.emergency');
  return needed;
}

/** The first permission this role lacks for the command, or null when it may send it. */
export function missingCommandPermission<T extends CommandType>(role: StaffRole | string, type: T, payload: CommandPayloads[T], actingForResident: boolean): Permission | null {
  return commandPermissions(type, payload, actingForResident).find((p) => !hasPermission(role, p)) ?? null;
}

/** `null`: no session needed (sign-in). Otherwise the permission the signed-in staff member needs. */
export type RouteRule = Permission | null;

/**
 * Every staff HTTP route, `METHOD /path` as registered with Fastify. HEAD follows GET; CORS
 * preflights (OPTIONS) carry no data and need no rule.
 */
export const STAFF_ROUTE_RULES: Record<string, RouteRule> = {
  'POST /api/staff/login': null,
  'POST /api/staff/pairing-codes': 'devices.manage',
  'GET /api/staff/devices': 'devices.manage',
  'POST /api/staff/devices/:deviceId/revoke': 'devices.manage',
  'GET /api/staff/audit': 'audit.read',
  'GET /api/staff/points/deeds': 'points.award',
  'PUT /api/staff/points/deeds': 'points.manage',
  'POST /api/staff/points/awards': 'points.award',
  'GET /api/staff/points/redemptions': 'points.handout',
  'POST /api/staff/points/redemptions/:redemptionId/handout': 'points.handout',
  'POST /api/staff/points/transfers/:transferId/reverse': 'points.manage',
  'GET /api/staff/points/ledger.csv': 'reports.read',
  'GET /api/staff/meals/policy': 'meals.manage',
  'PUT /api/staff/meals/policy': 'meals.manage',
  'PUT /api/staff/meals/residents/:residentId/flags': 'meals.manage',
  'GET /api/staff/meals/kitchen': 'meals.kitchen',
  'GET /api/staff/meals/delivery': 'meals.kitchen',
  'GET /api/staff/meals/settlement.csv': 'reports.read',
  'POST /api/staff/meals/menus/:weekStart/copy-from-last-week': 'meals.menu',
  'GET /api/staff/volunteer/activities/:activityId/attendance': 'volunteer.manage',
  'POST /api/staff/volunteer/activities/:activityId/attendance/check-in': 'volunteer.manage',
  'POST /api/staff/volunteer/activities/:activityId/attendance/check-out': 'volunteer.manage',
  'GET /api/staff/volunteer/rounding-rule': 'volunteer.manage',
  'PUT /api/staff/volunteer/rounding-rule': 'volunteer.manage',
  'GET /api/staff/volunteer/export.csv': 'reports.read',
  'GET /api/staff/volunteer/certificates/:residentId': 'volunteer.manage',
};

/** The rule for a route; `undefined` when the table has none (then the route is refused). */
export function staffRouteRule(method: string, url: string): RouteRule | undefined {
  const key = `${method === 'HEAD' ? 'GET' : method} ${url}`;
  return Object.hasOwn(STAFF_ROUTE_RULES, key) ? STAFF_ROUTE_RULES[key] : undefined;
}

/** The plain sentence a refused staff member reads. */
export function permissionRefusal(permission: Permission): string {
  return `您的岗位没有“${PERMISSION_LABELS[permission]}”的权限，请找站长办理`;
}
