/**
 * Backing up and restoring a station database the way docs/operations.md tells a station to:
 * SQLite's online backup while the server runs, and copying it back over the file (WAL and SHM
 * removed) with the server stopped; PostgreSQL's `pg_dump -Fc` while the server runs, and
 * `pg_restore --clean` with the server stopped. Connection details go to pg_dump through PG*
 * environment variables, never on its command line.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { openSqlite } from '../../server/db/connection.ts';
import type { Database, DialectName } from '../../server/db/schema.ts';
import { createTestDatabase, type TestDatabase } from './databases.ts';

/** A station database that a child server process uses and that can be backed up and restored. */
export interface RestorableDatabase {
  dialect: DialectName;
  /** Environment for the server process. */
  env: Record<string, string>;
  /** Take a backup now (the server may be running); returns where it is. */
  backup(): Promise<string>;
  /** Put a backup back (the server must be stopped). */
  restore(backup: string): Promise<void>;
  /** A connection to look at the data; close it before `restore`. */
  connect(): Kysely<Database>;
  dispose(): Promise<void>;
}

function pgEnvironment(url: string): NodeJS.ProcessEnv {
  const u = new URL(url);
  return {
    ...process.env,
    PGHOST: u.hostname,
    PGPORT: u.port || '5432',
    PGUSER: decodeURIComponent(u.username),
    PGPASSWORD: decodeURIComponent(u.password),
    PGDATABASE: u.pathname.slice(1),
  };
}

export async function createRestorableDatabase(dialect: DialectName): Promise<RestorableDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'linli-restore-'));
  let backups = 0;
  if (dialect === 'sqlite') {
    // Not createTestDatabase: it keeps a connection open, and a file restored under an open
    // connection (with its own WAL index) would be read inconsistently.
    const file = join(dir, 'linli.sqlite');
    return {
      dialect,
      env: { LINLI_DB_FILE: file, DATABASE_URL: '' },
      async backup() {
        const target = join(dir, `backup-${++backups}.sqlite`);
        const source = new SQLite(file, { fileMustExist: true });
        try {
          await source.backup(target);
        } finally {
          source.close();
        }
        return target;
      },
      async restore(backup) {
        copyFileSync(backup, file);
        rmSync(`${file}-wal`, { force: true });
        rmSync(`${file}-shm`, { force: true });
      },
      connect: () => openSqlite(file),
      async dispose() {
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const database: TestDatabase = await createTestDatabase(dialect);
  const env = pgEnvironment(database.env.DATABASE_URL!);
  return {
    dialect,
    env: database.env,
    async backup() {
      const target = join(dir, `backup-${++backups}.dump`);
      execFileSync('pg_dump', ['-Fc', '--no-owner', '-f', target], { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
      return target;
    },
    async restore(backup) {
      execFileSync('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', '-d', env.PGDATABASE!, backup], {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 60_000,
      });
    },
    connect: () => database.connect(),
    async dispose() {
      await database.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
