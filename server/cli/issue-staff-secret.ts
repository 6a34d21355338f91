/**
 * `npm run staff-secret -- <工号> [<station id>]`: gives a staff member a new random 10-digit
 * secret and prints it once, on this terminal only. For a station upgraded from 4-digit staff
 * PINs (migration 0007 retires them), after a kiosk is lost (docs/operations.md), or when someone
 * forgets theirs. The secret is drawn by the server and never taken from the command line, the
 * environment or a file; the audit log records that it was issued, never what it is. Uses the
 * same database settings as the server (DATABASE_URL, LINLI_DB_FILE).
 */
import { readConfig } from '../config.ts';
import { openDatabase } from '../db/connection.ts';
import { migrateToLatest } from '../db/migrations.ts';
import { issueStaffSecret } from '../auth/staff-secrets.ts';

const [staffNo, stationId] = process.argv.slice(2);
if (!staffNo || !/^\d{1,20}$/.test(staffNo)) {
  console.error('用法：npm run staff-secret -- <工号> [<服务站编号>]');
  process.exit(2);
}

const config = readConfig();
const { db, dialect } = openDatabase({ databaseUrl: config.databaseUrl, sqliteFile: config.sqliteFile });
try {
  await migrateToLatest(db, dialect);
  let query = db.selectFrom('staff').select(['id', 'name', 'station_id', 'active']).where('staff_no', '=', staffNo);
  if (stationId) query = query.where('station_id', '=', stationId);
  const found = await query.execute();
  if (found.length === 0) {
    console.error(`没有找到工号 ${staffNo}${stationId ? `（服务站 ${stationId}）` : ''}`);
    process.exitCode = 1;
  } else if (found.length > 1) {
    console.error(`工号 ${staffNo} 在 ${found.length} 个服务站都有，请在工号后面写上服务站编号：${found.map((s) => s.station_id).join('、')}`);
    process.exitCode = 1;
  } else {
    const staff = found[0]!;
    const secret = await issueStaffSecret(db, staff.id);
    console.log(`工号 ${staffNo}（${staff.name}）的新密码：${secret}`);
    console.log('只显示这一次，请当面告诉本人；旧密码和已登录的会话都已作废。');
    if (staff.active !== 1) console.log('注意：这个账号目前是停用状态，启用后才能登录。');
  }
} finally {
  await db.destroy();
}
