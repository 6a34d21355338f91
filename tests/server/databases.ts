/**
 * The databases every server test runs against: SQLite always (a real file in a temp folder) and
 * PostgreSQL when it can be reached. For PostgreSQL this helper starts the local Debian cluster
 * if it is down, makes a test role, and gives each test file its own fresh database
 * (linli_test_<random>) that is dropped afterwards. When PostgreSQL cannot be used, the cases are
 * skipped with the reason printed.
 *
 * LINLI_TEST_PG_URL=postgres://user:pass@host:port/postgres points the tests at another server
 * (the user needs CREATEDB).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import pg from 'pg';
import type { Kysely } from 'kysely';
import { openPostgres, openSqlite } from '../../server/db/connection.ts';
import type { Database, DialectName } from '../../server/db/schema.ts';

export interface TestDialect {
  name: DialectName;
  /** false, or why this dialect's cases are skipped. */
  skip: false | string;
}

export interface TestDatabase {
  dialect: DialectName;
  db: Kysely<Database>;
  /** Environment for a child server process on this same database. */
  env: Record<string, string>;
  /** A fresh connection, e.g. to inspect the database while a child process writes to it. */
  connect(): Kysely<Database>;
  dispose(): Promise<void>;
}

const ROLE = 'linli_test';
const ROLE_PASSWORD = 'linli_test';

function sh(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
}

function asPostgres(sql: string): void {
  sh('runuser', ['-u', 'postgres', '--', 'psql', '-v', 'ON_ERROR_STOP=1', '-qAtc', sql]);
}

async function canConnect(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The admin URL (to the `postgres` database) or the reason PostgreSQL cannot be used. */
async function preparePostgres(): Promise<{ url: string } | { reason: string }> {
  const given = process.env.LINLI_TEST_PG_URL;
  if (given) {
    const problem = await canConnect(given);
    return problem ? { reason: `LINLI_TEST_PG_URL unreachable: ${problem}` } : { url: given };
  }
  let clusters: string;
  try {
    clusters = sh('pg_lsclusters', ['-h']);
  } catch {
    return { reason: 'PostgreSQL is not installed (pg_lsclusters missing; apt-get install postgresql)' };
  }
  const first = clusters.trim().split('\n')[0]?.split(/\s+/);
  if (!first || first.length < 4) return { reason: 'no PostgreSQL cluster exists (pg_createcluster)' };
  const [version, name, port, status] = first as [string, string, string, string];
  const url = `postgres://${ROLE}:${ROLE_PASSWORD}@127.0.0.1:${port}/postgres`;
  if ((await canConnect(url)) === null) return { url };
  if (process.getuid?.() !== 0) return { reason: `cannot reach PostgreSQL as ${ROLE} and not root to set it up` };
  try {
    if (status !== 'online') sh('pg_ctlcluster', [version, name, 'start']);
    asPostgres(
      `DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${ROLE}') THEN ` +
        `CREATE ROLE ${ROLE} LOGIN CREATEDB PASSWORD '${ROLE_PASSWORD}'; END IF; END $$`,
    );
  } catch (error) {
    // Another test process may have started it or made the role at the same moment.
    if ((await canConnect(url)) === null) return { url };
    const e = error as { stderr?: string; message?: string };
    return { reason: `could not start or set up PostgreSQL ${version}/${name}: ${(e.stderr || e.message || '').trim()}` };
  }
  const problem = await canConnect(url);
  return problem ? { reason: `PostgreSQL started but connecting failed: ${problem}` } : { url };
}

let postgres: Promise<{ url: string } | { reason: string }> | null = null;
function postgresAdmin() {
  postgres ??= preparePostgres();
  return postgres;
}

/** SQLite always; PostgreSQL with a skip reason when it is not available. */
export async function testDialects(): Promise<TestDialect[]> {
  const pgState = await postgresAdmin();
  return [
    { name: 'sqlite', skip: false },
    { name: 'postgres', skip: 'reason' in pgState ? `PostgreSQL unavailable: ${pgState.reason}` : false },
  ];
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'linli-test-'));
    const file = join(dir, 'linli.sqlite');
    const db = openSqlite(file);
    return {
      dialect,
      db,
      env: { LINLI_DB_FILE: file, DATABASE_URL: '' },
      connect: () => openSqlite(file),
      async dispose() {
        await db.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const admin = await postgresAdmin();
  if ('reason' in admin) throw new Error(admin.reason);
  const name = `linli_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(admin.url, `CREATE DATABASE ${name}`);
  const url = new URL(admin.url);
  url.pathname = `/${name}`;
  const db = openPostgres(url.toString(), 5);
  return {
    dialect,
    db,
    env: { DATABASE_URL: url.toString() },
    connect: () => openPostgres(url.toString(), 2),
    async dispose() {
      await db.destroy();
      // pg's pool resolves end() before its sockets have closed; dropping WITH (FORCE) at that
      // moment would kill a closing connection, which then raises an unhandled error. So wait for
      // the connections to go, and force only as a last resort.
      for (let attempt = 0; ; attempt++) {
        try {
          await adminQuery(admin.url, `DROP DATABASE IF EXISTS ${name}${attempt >= 40 ? ' WITH (FORCE)' : ''}`);
          return;
        } catch (error) {
          if (attempt >= 40 || !/being accessed by other users/.test(String(error))) throw error;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    },
  };
}

/**
 * `describe` once per dialect. An unavailable dialect becomes one skipped test carrying the
 * reason, so the skip is counted and printed rather than silently absent.
 */
export async function describeEachDialect(title: string, body: (dialect: TestDialect) => void): Promise<void> {
  for (const dialect of await testDialects()) {
    const name = `${title} (${dialect.name})`;
    if (dialect.skip) it(name, { skip: dialect.skip }, () => undefined);
    else describe(name, () => body(dialect));
  }
}
