/**
 * Issuing staff secrets. A staff secret is 10 digits drawn by the server (uniform over 10^10),
 * never chosen by a person, so the cost of guessing a kiosk's copy of its verifier holds
 * (docs/security.md). With it come the verifier (replicated to kiosks) and the command key K the
 * server checks staff proofs with (kept on the server only).
 */
import type { Kysely } from 'kysely';
import {
  bytesToBase64,
  deriveCommandKey,
  drawStaffSecret,
  hashPin,
  isWellFormedStaffSecret,
  newCommandKeySalt,
  STAFF_SECRET_ITERATIONS,
} from '../../domain/index.ts';
import { writeAudit } from '../audit/audit-log.ts';
import { recordChange } from '../content/changes.ts';
import { staffCredentialFromRow } from '../content/stations.ts';
import type { Database } from '../db/schema.ts';

export interface StaffSecretMaterial {
  /** The verifier kiosks check sign-ins against. */
  pinHash: string;
  /** Replicated with the credential; the kiosk derives K with it at sign-in. */
  commandKeySalt: string;
  /** K in base64: server only. */
  commandKey: string;
}

/** The verifier and the command key of one secret (slow: two PBKDF2 runs; call outside transactions). */
export async function staffSecretMaterial(secret: string, iterations = STAFF_SECRET_ITERATIONS): Promise<StaffSecretMaterial> {
  if (!isWellFormedStaffSecret(secret)) throw new Error('a staff secret is ten digits');
  const commandKeySalt = newCommandKeySalt();
  const [pinHash, key] = await Promise.all([hashPin(secret, iterations), deriveCommandKey(secret, commandKeySalt, iterations)]);
  return { pinHash, commandKeySalt, commandKey: bytesToBase64(key) };
}

/**
 * Gives a staff member a new random secret and returns it, once, for the person to be told; the
 * old secret, its command key and the member's sessions stop working. Kiosks get the new
 * verifier through the change feed. Audited without the secret.
 */
export async function issueStaffSecret(db: Kysely<Database>, staffId: string, options: { now?: Date; iterations?: number; issuedBy?: { staffId: string; staffNo: string } } = {}): Promise<string> {
  const now = options.now ?? new Date();
  const secret = drawStaffSecret();
  const m = await staffSecretMaterial(secret, options.iterations);
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('staff')
      .set({ pin_hash: m.pinHash, command_key_salt: m.commandKeySalt, command_key: m.commandKey, failed_attempts: 0, locked_until: null, updated_at: now.toISOString() })
      .where('id', '=', staffId)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new Error(`no staff ${staffId}`);
    await trx.deleteFrom('staff_sessions').where('staff_id', '=', staffId).execute();
    await recordChange(trx, row.station_id, 'staff', row.id, staffCredentialFromRow(row));
    await writeAudit(trx, now, {
      stationId: row.station_id,
      staffId: options.issuedBy?.staffId ?? null,
      staffNo: options.issuedBy?.staffNo ?? null,
      action: 'staff.secret-issued',
      entity: 'staff',
      entityId: row.id,
      detail: `为工号 ${row.staff_no} 生成新的 10 位工作人员密码（旧密码作废）`,
    });
  });
  return secret;
}
