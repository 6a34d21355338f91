/**
 * The role table (domain/roles.ts) enforced: every staff route and every command type has a
 * rule, kitchen staff cannot reach devices, the audit log or the ledger, and their pushed points
 * and notice commands are refused.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RouteOptions } from 'fastify';
import { COMMAND_RULES, COMMAND_TYPES, PERMISSION_LABELS, permissionRefusal, ROLE_PERMISSIONS, STAFF_ROLES, STAFF_ROUTE_RULES, staffRouteRule, type ApiError } from '../../domain/index.ts';
import { buildApp } from '../../server/app.ts';
import { DEMO_RESIDENTS } from '../../server/seed/demo-data.ts';
import { describeEachDialect } from './databases.ts';
import { openFixture, saveCommand, STATION, type Fixture } from './station-fixture.ts';

it('every command type has a rule whose permission exists, and every role’s permissions exist', () => {
  for (const type of COMMAND_TYPES) {
    const rule = COMMAND_RULES[type];
    assert.ok(rule, `command ${type} has no rule`);
    assert.ok(Object.hasOwn(PERMISSION_LABELS, rule.staff), `command ${type}: unknown permission ${rule.staff}`);
  }
  assert.deepEqual(Object.keys(COMMAND_RULES).sort(), [...COMMAND_TYPES].sort());
  for (const role of STAFF_ROLES) for (const p of ROLE_PERMISSIONS[role]) assert.ok(Object.hasOwn(PERMISSION_LABELS, p), `${role}: unknown permission ${p}`);
  // The street office only reads.
  assert.deepEqual([...ROLE_PERMISSIONS['district-viewer']], ['reports.read']);
});

await describeEachDialect('staff roles', (dialect) => {
  let f: Fixture;
  let kitchen: string;
  let manager: string;
  before(async () => {
    f = await openFixture(dialect.name);
    kitchen = await f.staffToken('1003');
    manager = await f.staffToken('1001');
  });
  after(() => f?.close());
  const get = (token: string, url: string) => f.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

  it('every registered route under /api/staff has a rule in the table, and the table names no route that does not exist', async () => {
    const app = buildApp({ db: f.db, dialect: f.dialect });
    const routes: string[] = [];
    app.addHook('onRoute', (route: RouteOptions) => {
      for (const method of [route.method].flat()) {
        if (route.url.startsWith('/api/staff') && method !== 'HEAD' && method !== 'OPTIONS') routes.push(`${method} ${route.url}`);
      }
    });
    await app.ready();
    await app.close();
    assert.ok(routes.length >= 20, `only ${routes.length} staff routes found`);
    const missing = routes.filter((r) => staffRouteRule(r.split(' ')[0]!, r.split(' ')[1]!) === undefined);
    assert.deepEqual(missing, [], 'staff routes without a rule');
    assert.deepEqual(Object.keys(STAFF_ROUTE_RULES).filter((r) => !routes.includes(r)), [], 'rules for routes that do not exist');
  });

  it('a staff route with no rule answers 403, even to the manager', async () => {
    const app = buildApp({ db: f.db, dialect: f.dialect });
    app.register(async (child) => {
      child.get('/api/staff/unlisted-report', async () => ({ secret: 'should not be reached' }));
    });
    await app.ready();
    const res = await app.inject({ method: 'GET', url: '/api/staff/unlisted-report', headers: { authorization: `Bearer ${manager}` } });
    await app.close();
    assert.equal(res.statusCode, 403);
    assert.ok(!res.body.includes('should not be reached'));
    assert.match(res.json<ApiError>().message, /[\u4e00-\u9fff]/);
  });

  it('kitchen staff (1003) get 403 on the device list, the audit log and the ledger CSV; the kitchen list is theirs', async () => {
    for (const url of ['/api/staff/devices', '/api/staff/audit', '/api/staff/points/ledger.csv']) {
      const res = await get(kitchen, url);
      assert.equal(res.statusCode, 403, `${url}: ${res.statusCode}`);
      const body = res.json<ApiError>();
      assert.equal(body.error, 'forbidden');
      assert.match(body.message, /您的岗位没有“.+”的权限/);
    }
    assert.equal((await get(kitchen, '/api/staff/meals/kitchen?date=2026-11-23')).statusCode, 200);
    // The manager reaches all three.
    for (const url of ['/api/staff/devices', '/api/staff/audit', '/api/staff/points/ledger.csv']) assert.equal((await get(manager, url).then((r) => r.statusCode)), 200, url);
    // Without a session it stays 401, not 403.
    assert.equal((await f.app.inject({ method: 'GET', url: '/api/staff/devices' })).statusCode, 401);
  });

  it('kitchen staff’s pushed points and notice commands are rejected with a plain reason, nothing stored', async () => {
    const { deviceToken } = await f.pairDevice();
    const resident = DEMO_RESIDENTS.find((r) => r.stationId === STATION)!;
    const transferId = crypto.randomUUID();
    const notice = saveCommand(1, { staffNo: '1003', draft: { title: '厨房发的公告' } });
    const award = {
      id: crypto.randomUUID(),
      seq: 2,
      type: 'points.award' as const,
      payload: { awards: [{ residentId: resident.id, transferId }], deed: 'staff-award' as const, points: 10, memo: '厨房发的积分' },
      actor: { staffNo: '1003' },
      createdAt: new Date(f.now()).toISOString(),
    };
    const res = await f.push(deviceToken, [notice, award]);
    assert.deepEqual(res.outcomes.map((o) => [o.status, o.reason]), [
      ['rejected', `${permissionRefusal('notices.edit')}，公告没有保存`],
      ['rejected', `${permissionRefusal('points.award')}，积分没有发放`],
    ]);
    assert.equal(await f.db.selectFrom('notices').select('id').where('id', '=', notice.payload.noticeId).executeTakeFirst(), undefined);
    assert.equal(await f.db.selectFrom('transfers').select('id').where('id', '=', transferId).executeTakeFirst(), undefined);
    // The same commands by the manager go through.
    const ok = await f.push(deviceToken, [
      { ...saveCommand(3, { staffNo: '1001' }) },
      { ...award, id: crypto.randomUUID(), seq: 4, actor: { staffNo: '1001' } },
    ]);
    assert.deepEqual(ok.outcomes.map((o) => o.status), ['applied', 'applied']);
  });

  it('an emergency notice needs notices.emergency; a proxy command for a resident needs residents.proxy', async () => {
    const { deviceToken } = await f.pairDevice();
    const resident = DEMO_RESIDENTS.find((r) => r.stationId === STATION)!;
    const emergencyByKitchen = saveCommand(1, { staffNo: '1003', draft: { emergency: true } });
    const proxyByKitchen = { id: crypto.randomUUID(), seq: 2, type: 'resident.proxy-session' as const, payload: { residentId: resident.id, startedAt: new Date(f.now()).toISOString() }, actor: { staffNo: '1003', residentId: resident.id }, createdAt: new Date(f.now()).toISOString() };
    const res = await f.push(deviceToken, [emergencyByKitchen, proxyByKitchen]);
    assert.deepEqual(res.outcomes.map((o) => o.status), ['rejected', 'rejected']);
    assert.match(res.outcomes[1]!.reason!, new RegExp(PERMISSION_LABELS['residents.proxy']));
  });
});
