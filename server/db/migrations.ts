/**
 * The one set of migrations for SQLite and PostgreSQL, kept in code (no files to find at run
 * time). Where the two dialects truly differ — the identity column and the triggers that make the
 * audit log append-only — the migration branches on the dialect; everything else is shared.
 */
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { DialectName } from './schema.ts';

// Migrations see an untyped database: they describe the schema as it was at that step.
type AnyDb = Kysely<unknown>;

function initial(dialect: DialectName): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('stations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('phone', 'text', (c) => c.notNull())
        .addColumn('change_seq', 'integer', (c) => c.notNull().defaultTo(0).check(sql`change_seq >= 0`))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('staff')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id'))
        .addColumn('staff_no', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('pin_hash', 'text', (c) => c.notNull())
        .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', 'text')
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1).check(sql`active in (0, 1)`))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('staff_station_staff_no_unique', ['station_id', 'staff_no'])
        .execute();

      await db.schema
        .createTable('staff_sessions')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
        .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('devices')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0).check(sql`last_seq >= 0`))
        .addColumn('paired_by_staff_id', 'text', (c) => c.references('staff.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();

      await db.schema
        .createTable('pairing_codes')
        .addColumn('code_hash', 'text', (c) => c.primaryKey())
        .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id'))
        .addColumn('created_by_staff_id', 'text', (c) => c.notNull().references('staff.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .addColumn('used_by_device_id', 'text', (c) => c.references('devices.id'))
        .execute();

      await db.schema
        .createTable('notices')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id'))
        .addColumn('board', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('images', 'text', (c) => c.notNull())
        .addColumn('publish_at', 'text', (c) => c.notNull())
        .addColumn('expire_at', 'text')
        .addColumn('pinned', 'integer', (c) => c.notNull().check(sql`pinned in (0, 1)`))
        .addColumn('emergency', 'integer', (c) => c.notNull().check(sql`emergency in (0, 1)`))
        .addColumn('retired', 'integer', (c) => c.notNull().check(sql`retired in (0, 1)`))
        .addColumn('revision', 'integer', (c) => c.notNull().check(sql`revision >= 1`))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('notices_station_publish').on('notices').columns(['station_id', 'publish_at']).execute();

      // One row per entity: a newer change of the same entity replaces the older row (upsert on
      // the unique key), so a fresh kiosk pulls current state, not history.
      await db.schema
        .createTable('changes')
        .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('op', 'text', (c) => c.notNull().check(sql`op in ('put', 'delete')`))
        .addColumn('data', 'text')
        .addPrimaryKeyConstraint('changes_pk', ['station_id', 'seq'])
        .addUniqueConstraint('changes_entity_unique', ['station_id', 'entity', 'entity_id'])
        .execute();

      await db.schema
        .createTable('command_outcomes')
        .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
        .addColumn('seq', 'integer', (c) => c.notNull().check(sql`seq >= 1`))
        .addColumn('command_id', 'text', (c) => c.notNull().unique())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('command_outcomes_pk', ['device_id', 'seq'])
        .execute();

      // No foreign keys: the audit record must outlive whatever it mentions.
      await db.schema
        .createTable('audit_log')
        .addColumn('id', dialect === 'postgres' ? 'bigint' : 'integer', (c) =>
          dialect === 'postgres' ? c.primaryKey().generatedAlwaysAsIdentity() : c.primaryKey().autoIncrement(),
        )
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('station_id', 'text', (c) => c.notNull())
        .addColumn('staff_id', 'text')
        .addColumn('staff_no', 'text')
        .addColumn('device_id', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('entity', 'text')
        .addColumn('entity_id', 'text')
        .addColumn('detail', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_log_station_id').on('audit_log').columns(['station_id', 'id']).execute();

      if (dialect === 'postgres') {
        await sql`CREATE FUNCTION linli_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`.execute(db);
        await sql`CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
          FOR EACH ROW EXECUTE FUNCTION linli_audit_log_append_only()`.execute(db);
        await sql`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
          FOR EACH STATEMENT EXECUTE FUNCTION linli_audit_log_append_only()`.execute(db);
      } else {
        await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
          BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
        await sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
          BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
      }
    },
  };
}

/**
 * Residents (minimum data, hashes only), their website sessions, and who acted in the audit log.
 * The failure counter and lock of the website sign-in live in the resident row, like staff.
 */
function residents(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('residents')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('phone', 'text', (c) => c.notNull())
        .addColumn('birth_year', 'integer', (c) => c.notNull())
        .addColumn('building', 'text', (c) => c.notNull())
        .addColumn('consent_at', 'text', (c) => c.notNull())
        .addColumn('pin_hash', 'text', (c) => c.notNull())
        .addColumn('card_hash', 'text')
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1).check(sql`active in (0, 1)`))
        .addColumn('revision', 'integer', (c) => c.notNull().check(sql`revision >= 1`))
        .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        // Sign-in is by phone or card, so each must name one resident of the station. Several
        // residents without a card (NULL) are fine: NULLs never collide in either database.
        .addUniqueConstraint('residents_station_phone_unique', ['station_id', 'phone'])
        .addUniqueConstraint('residents_station_card_unique', ['station_id', 'card_hash'])
        .execute();

      await db.schema
        .createTable('resident_sessions')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id'))
        .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();

      // Adding columns is not an UPDATE of rows, so the append-only triggers do not object.
      await db.schema.alterTable('audit_log').addColumn('resident_id', 'text').execute();
      await db.schema.alterTable('audit_log').addColumn('actor_kind', 'text').execute();
    },
  };
}

export function migrationProvider(dialect: DialectName): MigrationProvider {
  return {
    async getMigrations() {
      return { '0001_initial': initial(dialect), '0002_residents': residents() };
    },
  };
}

/** Brings the schema up to date; throws when a migration fails (the server must not start). */
export async function migrateToLatest<DB>(db: Kysely<DB>, dialect: DialectName): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider(dialect) });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
