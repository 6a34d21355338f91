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

/**
 * Points (docs/architecture.md, "Points"): accounts with balances kept beside the immutable
 * transfers (both written in one transaction), the catalogue, redemptions, the holds that back a
 * kiosk's offline allowance, and each station's table of points per deed.
 */
function points(dialect: DialectName): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('point_accounts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id'))
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('resident', 'issued', 'spent', 'hold')`))
        .addColumn('resident_id', 'text', (c) => c.references('residents.id'))
        .addColumn('device_id', 'text', (c) => c.references('devices.id'))
        .addColumn('balance', 'integer', (c) => c.notNull())
        // The backstop: whatever the code does, a resident or a kiosk hold never goes below zero.
        .addCheckConstraint('point_accounts_not_negative', sql`kind not in ('resident', 'hold') or balance >= 0`)
        .execute();
      await db.schema.createIndex('point_accounts_resident').on('point_accounts').columns(['resident_id']).execute();
      await db.schema.createIndex('point_accounts_device').on('point_accounts').columns(['device_id']).execute();

      await db.schema
        .createTable('transfers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id'))
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('earn', 'redeem', 'hold', 'release', 'reversal')`))
        .addColumn('from_account', 'text', (c) => c.notNull().references('point_accounts.id'))
        .addColumn('to_account', 'text', (c) => c.notNull().references('point_accounts.id'))
        .addColumn('amount', 'integer', (c) => c.notNull().check(sql`amount > 0`))
        .addColumn('resident_id', 'text')
        .addColumn('deed', 'text')
        .addColumn('memo', 'text', (c) => c.notNull())
        .addColumn('redemption_id', 'text')
        // A transfer is reversed at most once: the database refuses a second reversal.
        .addColumn('reverses', 'text', (c) => c.unique().references('transfers.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addCheckConstraint('transfers_two_accounts', sql`from_account <> to_account`)
        .execute();
      // The passbook reads a resident's newest lines in (time, id) order straight from this index.
      await db.schema.createIndex('transfers_resident').on('transfers').columns(['resident_id', 'created_at', 'id']).execute();
      await db.schema.createIndex('transfers_station').on('transfers').columns(['station_id', 'kind', 'created_at']).execute();

      if (dialect === 'postgres') {
        await sql`CREATE FUNCTION linli_transfers_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN RAISE EXCEPTION 'transfers are immutable'; END $$`.execute(db);
        await sql`CREATE TRIGGER transfers_no_change BEFORE UPDATE OR DELETE ON transfers
          FOR EACH ROW EXECUTE FUNCTION linli_transfers_immutable()`.execute(db);
        await sql`CREATE TRIGGER transfers_no_truncate BEFORE TRUNCATE ON transfers
          FOR EACH STATEMENT EXECUTE FUNCTION linli_transfers_immutable()`.execute(db);
      } else {
        await sql`CREATE TRIGGER transfers_no_update BEFORE UPDATE ON transfers
          BEGIN SELECT RAISE(ABORT, 'transfers are immutable'); END`.execute(db);
        await sql`CREATE TRIGGER transfers_no_delete BEFORE DELETE ON transfers
          BEGIN SELECT RAISE(ABORT, 'transfers are immutable'); END`.execute(db);
      }

      await db.schema
        .createTable('catalogue_items')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('goods', 'service')`))
        .addColumn('cost', 'integer', (c) => c.notNull().check(sql`cost > 0`))
        .addColumn('stock', 'integer', (c) => c.notNull().check(sql`stock >= 0`))
        .addColumn('monthly_limit', 'integer', (c) => c.check(sql`monthly_limit > 0`))
        .addColumn('active_from', 'text')
        .addColumn('active_until', 'text')
        .addColumn('photo', 'text')
        .addColumn('retired', 'integer', (c) => c.notNull().check(sql`retired in (0, 1)`))
        .addColumn('revision', 'integer', (c) => c.notNull().check(sql`revision >= 1`))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('catalogue_items_station').on('catalogue_items').columns(['station_id']).execute();

      await db.schema
        .createTable('redemptions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id'))
        .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id'))
        .addColumn('item_id', 'text', (c) => c.notNull().references('catalogue_items.id'))
        .addColumn('item_name', 'text', (c) => c.notNull())
        .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity > 0`))
        .addColumn('cost', 'integer', (c) => c.notNull().check(sql`cost > 0`))
        .addColumn('voucher_code', 'text', (c) => c.notNull())
        .addColumn('funding', 'text', (c) => c.notNull().check(sql`funding in ('online', 'kiosk-allowance')`))
        .addColumn('device_id', 'text', (c) => c.references('devices.id'))
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('confirmed', 'handed-out', 'cancelled')`))
        // The station-time month the redemption counts against the item's monthly limit.
        .addColumn('month', 'text', (c) => c.notNull())
        .addColumn('transfer_id', 'text', (c) => c.notNull().unique().references('transfers.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('handed_out_at', 'text')
        .addColumn('cancelled_at', 'text')
        .execute();
      await db.schema.createIndex('redemptions_voucher').on('redemptions').columns(['station_id', 'voucher_code']).execute();
      await db.schema.createIndex('redemptions_resident_item').on('redemptions').columns(['resident_id', 'item_id', 'month']).execute();

      await db.schema
        .createTable('stock_holds')
        .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
        .addColumn('item_id', 'text', (c) => c.notNull().references('catalogue_items.id'))
        .addColumn('units', 'integer', (c) => c.notNull().check(sql`units >= 0`))
        .addPrimaryKeyConstraint('stock_holds_pk', ['device_id', 'item_id'])
        .execute();

      await db.schema
        .createTable('limit_holds')
        .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
        .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id'))
        .addColumn('item_id', 'text', (c) => c.notNull().references('catalogue_items.id'))
        .addColumn('month', 'text', (c) => c.notNull())
        .addColumn('units', 'integer', (c) => c.notNull().check(sql`units >= 0`))
        .addPrimaryKeyConstraint('limit_holds_pk', ['device_id', 'resident_id', 'item_id'])
        .execute();
      await db.schema.createIndex('limit_holds_resident_item').on('limit_holds').columns(['resident_id', 'item_id', 'month']).execute();

      await db.schema
        .createTable('deed_points')
        .addColumn('station_id', 'text', (c) => c.primaryKey().references('stations.id'))
        .addColumn('points', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema.alterTable('residents').addColumn('ranking_opt_out', 'integer', (c) => c.notNull().defaultTo(0).check(sql`ranking_opt_out in (0, 1)`)).execute();
    },
  };
}

/**
 * Elderly meals (docs/architecture.md, "Meals"): weekly menus, each station's subsidy policy, the
 * staff-only meal flags of residents, and bookings with their receipts. Capacity is checked in
 * the booking's transaction; the partial unique index is the backstop against one resident
 * holding two seats of one meal.
 */
function meals(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('menus')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id'))
        .addColumn('week_start', 'text', (c) => c.notNull())
        .addColumn('cutoff', 'text', (c) => c.notNull())
        .addColumn('days', 'text', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull().check(sql`revision >= 1`))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('menus_station_week_unique', ['station_id', 'week_start'])
        .execute();

      await db.schema
        .createTable('meal_policies')
        .addColumn('station_id', 'text', (c) => c.primaryKey().references('stations.id'))
        .addColumn('policy', 'text', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull().check(sql`revision >= 1`))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('meal_residents')
        .addColumn('resident_id', 'text', (c) => c.primaryKey().references('residents.id'))
        .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id'))
        .addColumn('groups', 'text', (c) => c.notNull())
        .addColumn('delivery_flag', 'integer', (c) => c.notNull().check(sql`delivery_flag in (0, 1)`))
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('notes', 'text', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull().check(sql`revision >= 1`))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('meal_bookings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id'))
        .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id'))
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('meal', 'text', (c) => c.notNull().check(sql`meal in ('lunch', 'dinner')`))
        .addColumn('set_code', 'text', (c) => c.notNull())
        .addColumn('variant', 'text')
        .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('dine-in', 'pick-up', 'delivery')`))
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('confirmed', 'provisional', 'cancelled', 'refused')`))
        .addColumn('refusal', 'text')
        .addColumn('reason', 'text')
        .addColumn('receipt', 'text', (c) => c.notNull())
        .addColumn('delivery', 'text')
        .addColumn('booked_by', 'text', (c) => c.notNull().check(sql`booked_by in ('resident', 'proxy', 'family')`))
        .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('kiosk', 'website')`))
        .addColumn('device_id', 'text', (c) => c.references('devices.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('cancelled_at', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('meal_bookings_seats').on('meal_bookings').columns(['station_id', 'date', 'meal', 'status']).execute();
      await db.schema.createIndex('meal_bookings_resident').on('meal_bookings').columns(['resident_id', 'date']).execute();
      await db.schema
        .createIndex('meal_bookings_one_seat')
        .on('meal_bookings')
        .columns(['resident_id', 'date', 'meal'])
        .unique()
        .where(sql.ref('status'), 'in', sql`('confirmed', 'provisional')`)
        .execute();
    },
  };
}

/**
 * Volunteer service (docs/architecture.md, "Volunteer"): activities, sign-ups with the server's
 * arrival order (unique per activity), hour corrections and each station's rounding rule. The
 * partial unique index keeps one live sign-up per resident and activity; award_transfer_id is
 * UNIQUE, so one check-out can never point at two awards.
 */
function volunteer(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('activities')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('place', 'text', (c) => c.notNull())
        .addColumn('start_at', 'text', (c) => c.notNull())
        .addColumn('end_at', 'text', (c) => c.notNull())
        .addColumn('capacity', 'integer', (c) => c.notNull().check(sql`capacity >= 1`))
        .addColumn('signup_deadline', 'text', (c) => c.notNull())
        .addColumn('min_age', 'integer')
        .addColumn('max_age', 'integer')
        .addColumn('requirements', 'text', (c) => c.notNull())
        .addColumn('points_per_hour', 'integer', (c) => c.notNull().check(sql`points_per_hour >= 0`))
        .addColumn('photo', 'text')
        .addColumn('cancelled', 'integer', (c) => c.notNull().check(sql`cancelled in (0, 1)`))
        .addColumn('revision', 'integer', (c) => c.notNull().check(sql`revision >= 1`))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('activities_station_start').on('activities').columns(['station_id', 'start_at']).execute();

      await db.schema
        .createTable('volunteer_sign_ups')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id'))
        .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id'))
        .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id'))
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('confirmed', 'waitlisted', 'cancelled', 'refused')`))
        .addColumn('arrival', 'integer', (c) => c.notNull().check(sql`arrival >= 1`))
        .addColumn('refusal', 'text')
        .addColumn('reason', 'text')
        .addColumn('signed_up_by', 'text', (c) => c.notNull().check(sql`signed_up_by in ('resident', 'proxy')`))
        .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('kiosk', 'website')`))
        .addColumn('device_id', 'text', (c) => c.references('devices.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('cancelled_at', 'text')
        .addColumn('check_in_at', 'text')
        .addColumn('check_out_at', 'text')
        .addColumn('minutes', 'integer', (c) => c.check(sql`minutes >= 0`))
        .addColumn('credited_minutes', 'integer', (c) => c.check(sql`credited_minutes >= 0`))
        .addColumn('points', 'integer', (c) => c.notNull().defaultTo(0).check(sql`points >= 0`))
        .addColumn('award_transfer_id', 'text', (c) => c.unique().references('transfers.id'))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('volunteer_sign_ups_arrival_unique', ['activity_id', 'arrival'])
        .execute();
      await db.schema.createIndex('volunteer_sign_ups_activity').on('volunteer_sign_ups').columns(['activity_id', 'status', 'arrival']).execute();
      await db.schema.createIndex('volunteer_sign_ups_resident').on('volunteer_sign_ups').columns(['resident_id', 'created_at']).execute();
      await db.schema
        .createIndex('volunteer_sign_ups_one_live')
        .on('volunteer_sign_ups')
        .columns(['activity_id', 'resident_id'])
        .unique()
        .where(sql.ref('status'), 'in', sql`('confirmed', 'waitlisted')`)
        .execute();

      await db.schema
        .createTable('volunteer_hour_corrections')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id'))
        .addColumn('sign_up_id', 'text', (c) => c.notNull().references('volunteer_sign_ups.id'))
        .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id'))
        .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id'))
        .addColumn('from_minutes', 'integer', (c) => c.notNull().check(sql`from_minutes >= 0`))
        .addColumn('to_minutes', 'integer', (c) => c.notNull().check(sql`to_minutes >= 0`))
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('requested_by', 'text', (c) => c.notNull().references('staff.id'))
        .addColumn('requested_at', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'approved', 'rejected')`))
        .addColumn('decided_by', 'text', (c) => c.references('staff.id'))
        .addColumn('decided_at', 'text')
        .addColumn('transfer_id', 'text', (c) => c.unique().references('transfers.id'))
        .addColumn('points_delta', 'integer')
        .addCheckConstraint('volunteer_corrections_four_eyes', sql`decided_by is null or decided_by <> requested_by`)
        .execute();
      await db.schema.createIndex('volunteer_corrections_sign_up').on('volunteer_hour_corrections').columns(['sign_up_id']).execute();

      await db.schema
        .createTable('volunteer_rounding_rules')
        .addColumn('station_id', 'text', (c) => c.primaryKey().references('stations.id'))
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull().check(sql`revision >= 1`))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
  };
}

/**
 * Resident verifiers only where they are needed (docs/operations.md 当终端丢失或被盗): which
 * kiosks each resident needs offline sign-in on, and the flag set when one of them is revoked.
 * Existing kiosks keep the verifiers of residents who already used them (their audit rows say so),
 * and every resident's change is numbered again so each kiosk's next pull replaces the hashes it
 * was sent before with what it may now hold.
 */
function residentDevices(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .alterTable('residents')
        .addColumn('pin_reset_required', 'integer', (c) => c.notNull().defaultTo(0).check(sql`pin_reset_required in (0, 1)`))
        .execute();
      await db.schema
        .createTable('resident_devices')
        .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id'))
        .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
        .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id'))
        .addColumn('linked_at', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull().check(sql`reason in ('registered', 'pin-set', 'online-sign-in', 'earlier-use')`))
        .addPrimaryKeyConstraint('resident_devices_pk', ['resident_id', 'device_id'])
        .execute();
      await db.schema.createIndex('resident_devices_device').on('resident_devices').columns(['device_id']).execute();

      const now = new Date().toISOString();
      const used = await sql<{ resident_id: string; device_id: string; station_id: string }>`
        SELECT DISTINCT r.id AS resident_id, d.id AS device_id, r.station_id AS station_id
        FROM audit_log a
        JOIN devices d ON d.id = a.device_id AND d.revoked_at IS NULL
        JOIN residents r ON r.station_id = d.station_id
          AND (r.id = a.resident_id AND a.actor_kind = 'resident' AND a.action NOT LIKE 'sync.%'
            OR r.id = a.entity_id AND a.action IN ('resident.register', 'resident.set-pin'))`.execute(db);
      for (const link of used.rows) {
        await sql`INSERT INTO resident_devices (resident_id, device_id, station_id, linked_at, reason)
          VALUES (${link.resident_id}, ${link.device_id}, ${link.station_id}, ${now}, 'earlier-use')`.execute(db);
      }

      const stations = await sql<{ id: string; change_seq: number }>`SELECT id, change_seq FROM stations`.execute(db);
      for (const station of stations.rows) {
        const rows = await sql<{ entity_id: string }>`
          SELECT entity_id FROM changes WHERE station_id = ${station.id} AND entity = 'resident' ORDER BY seq`.execute(db);
        let seq = Number(station.change_seq);
        for (const row of rows.rows) {
          seq += 1;
          await sql`UPDATE changes SET seq = ${seq} WHERE station_id = ${station.id} AND entity = 'resident' AND entity_id = ${row.entity_id}`.execute(db);
        }
        await sql`UPDATE stations SET change_seq = ${seq} WHERE id = ${station.id}`.execute(db);
      }
    },
  };
}

/**
 * Staff secrets (docs/security.md): the command key and its salt per staff member. Staff from
 * before this step have a 4-digit PIN verifier; their credential leaves the change feed (a
 * tombstone, so kiosks drop the weak verifier too) until they are issued a 10-digit secret.
 * Roles stay as they were ('manager', 'social-worker', 'kitchen').
 */
function staffSecrets(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('staff').addColumn('command_key_salt', 'text').execute();
      await db.schema.alterTable('staff').addColumn('command_key', 'text').execute();
      const legacy = await sql<{ station_id: string; entity_id: string }>`select station_id, entity_id from changes where entity = 'staff' and op = 'put' order by seq`.execute(db);
      for (const row of legacy.rows) {
        const next = await sql<{ change_seq: number }>`update stations set change_seq = change_seq + 1 where id = ${row.station_id} returning change_seq`.execute(db);
        const seq = next.rows[0]!.change_seq;
        await sql`update changes set seq = ${seq}, op = 'delete', data = null where station_id = ${row.station_id} and entity = 'staff' and entity_id = ${row.entity_id}`.execute(db);
      }
    },
  };
}

/** Login rate-limit counters (issue 13, defect 6). */
function loginLimits(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('login_limits')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('count', 'integer', (c) => c.notNull().check(sql`count >= 0`))
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('login_limits_expires').on('login_limits').column('expires_at').execute();
    },
  };
}

/**
 * Device tokens rotate and expire when unused (server/auth/device-tokens.ts): the previous token's
 * hash (valid until the new one is first used), when the current token was issued, and when the
 * device last used it. Kiosks paired before this count as used now, so none expires on the update;
 * their tokens are issued at pairing, so they rotate at their next sync.
 */
function deviceTokens(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('devices').addColumn('previous_token_hash', 'text').execute();
      await db.schema.alterTable('devices').addColumn('token_issued_at', 'text').execute();
      await db.schema.alterTable('devices').addColumn('last_used_at', 'text').execute();
      await db.schema.createIndex('devices_previous_token_hash').on('devices').column('previous_token_hash').execute();
      await sql`update devices set token_issued_at = created_at, last_used_at = ${new Date().toISOString()}`.execute(db);
    },
  };
}

export function migrationProvider(dialect: DialectName): MigrationProvider {
  return {
    async getMigrations() {
      return {
        '0001_initial': initial(dialect),
        '0002_residents': residents(),
        '0003_points': points(dialect),
        '0004_meals': meals(),
        '0005_volunteer': volunteer(),
        '0007_staff_secrets': staffSecrets(),
        '0008_resident_devices': residentDevices(),
        '0010_login_limits': loginLimits(),
        '0011_device_tokens': deviceTokens(),
      };
    },
  };
}

/** Brings the schema up to date; throws when a migration fails (the server must not start). */
export async function migrateToLatest<DB>(db: Kysely<DB>, dialect: DialectName): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider(dialect) });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
