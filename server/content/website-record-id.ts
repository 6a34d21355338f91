/**
 * The id a website request's record is stored under. Websites choose record ids (a UUID made in
 * the browser) so a retry is idempotent. When that id already names ANOTHER resident's record,
 * answering 409 "id taken" would tell a stranger that the id exists; instead the record is
 * stored under an id derived from (resident, chosen id) — answered as any fresh request is, the
 * same again on a retry, and no other resident's record is touched or revealed. Only the owner
 * of a record ever hears that its id is taken (reusing one of their own ids for something else).
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

function derivedId(residentId: string, chosenId: string): string {
  const h = createHash('sha256').update(`website-record\n${residentId}\n${chosenId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export async function websiteRecordId(db: Kysely<Database>, table: 'volunteer_sign_ups' | 'meal_bookings' | 'redemptions', chosenId: string, residentId: string): Promise<string> {
  const existing = await db.selectFrom(table).select('resident_id').where('id', '=', chosenId).executeTakeFirst();
  return existing && existing.resident_id !== residentId ? derivedId(residentId, chosenId) : chosenId;
}
