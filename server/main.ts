/**
 * One process is a whole station: `node --import tsx server/main.ts`.
 * Migrates the database, seeds the demo on first start, serves the API, the built kiosk and
 * widgets and the demo site, and shuts down cleanly on SIGTERM / SIGINT.
 */
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { buildApp } from './app.ts';
import { readConfig, REPO_ROOT } from './config.ts';
import { openDatabase } from './db/connection.ts';
import { migrateToLatest } from './db/migrations.ts';
import { DEMO_RESIDENTS, DEMO_STAFF, DEMO_STATION, hasAnyStation, seedDemoData } from './seed/demo-data.ts';

const config = readConfig();
const { db, dialect } = openDatabase({ databaseUrl: config.databaseUrl, sqliteFile: config.sqliteFile });
await migrateToLatest(db, dialect);
const seeded = !(await hasAnyStation(db));
if (seeded) await seedDemoData(db);

const app = buildApp({
  db,
  dialect,
  corsOrigins: config.corsOrigins,
  trustProxy: config.trustProxy,
  http: Object.fromEntries(Object.entries(config.http).filter(([, v]) => v !== undefined)),
  loginLimits: {
    ...(config.loginPerMinute.perClient ? { perClient: { max: config.loginPerMinute.perClient, seconds: 60 } } : {}),
    ...(config.loginPerMinute.global ? { global: { max: config.loginPerMinute.global, seconds: 60 } } : {}),
  },
  deviceTokens: config.deviceTokens,
  logger: process.env.LINLI_LOG === '1',
  staticRoots: {
    kiosk: config.kioskDir,
    widgets: resolve(REPO_ROOT, 'dist/widgets'),
    demo: resolve(REPO_ROOT, 'demo'),
  },
});
await app.listen({ port: config.port, host: config.host });

const { port } = app.server.address() as AddressInfo;
const host = config.host.includes(':') ? `[${config.host}]` : config.host;
const base = `http://${host}:${port}`;
const lines = [
  `邻里 Linli 服务站已启动: ${base}`,
  `  数据库   ${dialect === 'postgres' ? 'PostgreSQL' : `SQLite ${config.sqliteFile}`}${seeded ? '（已写入演示数据）' : ''}`,
  `  演示网站 ${base}/demo/`,
  `  自助终端 ${base}/kiosk/`,
  `  小组件   ${base}/widgets/linli.js`,
  `  接口     ${base}/api/stations/${DEMO_STATION.id}/notices`,
  `  演示服务站 ${DEMO_STATION.name}（${DEMO_STATION.id}）`,
  `  演示工号与密码: ${DEMO_STAFF.filter((s) => s.stationId === DEMO_STATION.id)
    .map((s) => `${s.title} ${s.staffNo} / ${s.secret}`)
    .join('，')}`,
  `  演示居民手机号与密码: ${DEMO_RESIDENTS.filter((r) => r.stationId === DEMO_STATION.id)
    .map((r) => `${r.name} ${r.phone} / ${r.pin}`)
    .join('，')}`,
];
console.log(lines.join('\n'));

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) process.exit(1); // a second signal: stop now
  stopping = true;
  console.log(`收到 ${signal}，正在停止…`);
  try {
    await app.close();
    await db.destroy();
    process.exit(0);
  } catch (error) {
    console.error(error);
    process.exit(1);
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
