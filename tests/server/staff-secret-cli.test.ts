/**
 * `npm run staff-secret -- <工号>`: a new random secret, printed once; the old one stops working.
 * Runs the real script as a child process against a SQLite file, as a station's operator would.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../server/app.ts';
import { REPO_ROOT } from '../../server/config.ts';
import { openSqlite } from '../../server/db/connection.ts';
import { migrateToLatest } from '../../server/db/migrations.ts';
import { DEMO_STAFF, DEMO_STATION, seedDemoData } from '../../server/seed/demo-data.ts';

function runCli(file: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'server/cli/issue-staff-secret.ts', ...args], { cwd: REPO_ROOT, env: { ...process.env, LINLI_DB_FILE: file, DATABASE_URL: '' } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('npm run staff-secret', () => {
  let dir: string;
  let file: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'linli-cli-'));
    file = join(dir, 'station.sqlite');
    const db = openSqlite(file);
    await migrateToLatest(db, 'sqlite');
    await seedDemoData(db, { pinIterations: 1_000 });
    await db.destroy();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints a new 10-digit secret once; it signs in, the old one no longer does, and the audit log never holds it', async () => {
    const manager = DEMO_STAFF.find((s) => s.staffNo === '1001')!;
    const run = await runCli(file, ['1001', DEMO_STATION.id]);
    assert.equal(run.code, 0, run.stderr);
    const secret = /新密码：(\d{10})/.exec(run.stdout)?.[1];
    assert.ok(secret, run.stdout);
    assert.notEqual(secret, manager.secret);

    const db = openSqlite(file);
    const app = buildApp({ db, dialect: 'sqlite' });
    try {
      const login = (pin: string) => app.inject({ method: 'POST', url: '/api/staff/login', payload: { stationId: DEMO_STATION.id, staffNo: '1001', pin } });
      assert.equal((await login(manager.secret)).statusCode, 401, 'the old secret is refused');
      assert.equal((await login(secret)).statusCode, 200, 'the new secret signs in');
      const audit = await db.selectFrom('audit_log').select(['action', 'detail']).where('action', '=', 'staff.secret-issued').execute();
      assert.equal(audit.length, 1);
      assert.ok(!audit[0]!.detail.includes(secret), 'the audit row names the event, not the secret');
    } finally {
      await app.close();
      await db.destroy();
    }
  });

  it('says plainly what is wrong: no 工号, an unknown one, or one that several stations have', async () => {
    const none = await runCli(file, []);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /用法：npm run staff-secret/);
    const unknown = await runCli(file, ['9999']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /没有找到工号 9999/);
    assert.doesNotMatch(unknown.stdout, /新密码/);
  });
});
