/**
 * The change feed kiosks pull from. Every write to replicated content calls recordChange in the
 * same transaction: it takes the station's next sequence number with UPDATE … RETURNING (which
 * also locks the station row in PostgreSQL, so sequence numbers are handed out in commit order
 * even across server processes) and replaces the entity's previous row in `changes`.
 */
import type { Kysely } from 'kysely';
import type { Change, ReplicatedEntity } from '../../domain/index.ts';
import type { Database } from '../db/schema.ts';

export async function recordChange(
  db: Kysely<Database>,
  stationId: string,
  entity: ReplicatedEntity,
  entityId: string,
  data: object | null,
): Promise<number> {
  const { change_seq: seq } = await db
    .updateTable('stations')
    .set((eb) => ({ change_seq: eb('change_seq', '+', 1) }))
    .where('id', '=', stationId)
    .returning('change_seq')
    .executeTakeFirstOrThrow();
  const row = {
    station_id: stationId,
    seq,
    entity,
    entity_id: entityId,
    op: data === null ? ('delete' as const) : ('put' as const),
    data: data === null ? null : JSON.stringify(data),
  };
  await db
    .insertInto('changes')
    .values(row)
    .onConflict((oc) => oc.columns(['station_id', 'entity', 'entity_id']).doUpdateSet({ seq: row.seq, op: row.op, data: row.data }))
    .execute();
  return seq;
}

export interface ChangePage {
  changes: Change[];
  cursor: number;
  more: boolean;
}

export async function readChanges(db: Kysely<Database>, stationId: string, cursor: number, limit: number): Promise<ChangePage> {
  const rows = await db
    .selectFrom('changes')
    .selectAll()
    .where('station_id', '=', stationId)
    .where('seq', '>', cursor)
    .orderBy('seq', 'asc')
    .limit(limit + 1)
    .execute();
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const changes = page.map((r): Change => {
    const base = { seq: r.seq, id: r.entity_id };
    const entity = r.entity as ReplicatedEntity;
    if (r.op === 'delete' || r.data === null) return { ...base, entity, op: 'delete' };
    // The data was written by recordChange from the matching entity type.
    return { ...base, entity, op: 'put', data: JSON.parse(r.data) } as Change;
  });
  // An empty page keeps the client's cursor: reading the station's counter here instead could
  // skip a change whose transaction has taken its number but not yet committed.
  return { changes, cursor: page.length > 0 ? page[page.length - 1]!.seq : cursor, more };
}
