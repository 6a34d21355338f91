/**
 * Opening the database: better-sqlite3 (a file, the default) or a PostgreSQL pool.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDatabase,
  type SqliteDialectConfig,
} from 'kysely';
import type { Database, DialectName } from './schema.ts';

/**
 * SQLite's plain BEGIN takes the write lock only at the first write, and a reader that then tries
 * to write can fail with SQLITE_BUSY regardless of busy_timeout. BEGIN IMMEDIATE takes the write
 * lock up front, so "check, then insert" transactions (capacity, sequence numbers) serialize
 * cleanly even when a second process opens the same file.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

export interface OpenedDatabase {
  db: Kysely<Database>;
  dialect: DialectName;
}

/**
 * Kysely prepares every query anew; preparing costs more than running most of ours. The same SQL
 * text reuses its prepared statement (queries on one connection run one at a time, so a
 * statement is never in use twice). Bounded: a query built with many `in (…)` values has its own
 * text, and the oldest statements are dropped.
 */
function withStatementCache(database: SQLite.Database, max = 1_000): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (statement) {
        cache.delete(sql);
      } else {
        statement = database.prepare(sql);
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}

export function openSqlite(file: string): Kysely<Database> {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const database = new SQLite(file);
  database.pragma('journal_mode = WAL');
  // FULL: a transaction the server acknowledged survives a power cut, not just a crash.
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  return new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(database) }) });
}

export function openPostgres(connectionString: string, max = 10): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString,
    max,
    // bigint (the audit log id, counts) as a JS number: exact up to 2^53, far beyond our ids.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === 20 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection that breaks (database restart, network) must not crash the process: the
  // pool drops it and opens a new one on the next query.
  pool.on('error', (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** `postgres://…` (or `postgresql://…`) opens PostgreSQL; anything else is a SQLite file path. */
export function openDatabase(options: { databaseUrl?: string; sqliteFile: string }): OpenedDatabase {
  const url = options.databaseUrl?.trim();
  if (url && /^postgres(ql)?:\/\//.test(url)) return { db: openPostgres(url), dialect: 'postgres' };
  return { db: openSqlite(options.sqliteFile), dialect: 'sqlite' };
}
