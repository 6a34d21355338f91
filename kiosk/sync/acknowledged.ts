/**
 * Acknowledged commands, kept. A command leaves the outbox when the server returns its outcome,
 * but a station server can go back in time: restored from last night's backup, it has forgotten
 * what it acknowledged since. So the kiosk keeps every acknowledged command with its outcome for
 * ACKNOWLEDGED_KEEP_DAYS (at most ACKNOWLEDGED_KEEP_MAX of them, pruned on start), tells the server
 * in each push and pull the highest seq it has had acknowledged, and when the server answers
 * `resendFrom: N` (it is behind) the kept commands from N go back into the outbox with their
 * original ids and seqs, to be applied again exactly once (server/sync/resend.ts).
 *
 * Only commands of the current pairing (deviceId) count: a kiosk paired again is a new device
 * whose server-side history starts empty, and the old device's commands are stored already.
 */
import type { Command, CommandOutcome } from '../../domain/index.ts';
import { commitOrAbort, type AcknowledgedRecord, type KioskDb } from '../store/kiosk-db.ts';

/** Longer than a backup is usually kept before it is restored, and than the token expiry. */
export const ACKNOWLEDGED_KEEP_DAYS = 30;
/** ~1 KB each: a busy kiosk's month of commands in a few MB of IndexedDB. */
export const ACKNOWLEDGED_KEEP_MAX = 10_000;

const DAY_MS = 24 * 60 * 60_000;

/** The one store keepAcknowledged writes, as any transaction that holds it offers it. */
export interface AcknowledgedStoreTx {
  objectStore(name: 'acknowledged'): { put(value: AcknowledgedRecord): Promise<unknown> };
}

/** Keep `command` as acknowledged, inside the transaction that removes it from the outbox. */
export async function keepAcknowledged(tx: AcknowledgedStoreTx, deviceId: string, command: Command, outcome: CommandOutcome, at: Date): Promise<void> {
  await tx.objectStore('acknowledged').put({ id: command.id, deviceId, seq: command.seq, command, outcome, acknowledgedAt: at.toISOString() });
}

/** Every kept command, lowest seq first (all pairings). */
export async function acknowledgedCommands(db: KioskDb): Promise<AcknowledgedRecord[]> {
  const all = await db.run((conn) => conn.getAll('acknowledged'));
  return all.sort((a, b) => a.acknowledgedAt.localeCompare(b.acknowledgedAt) || a.seq - b.seq);
}

/** The highest seq this pairing has had acknowledged and still keeps (0: none). */
export async function highestAcknowledgedSeq(db: KioskDb): Promise<number> {
  return db.run(async (conn) => {
    const tx = conn.transaction(['meta', 'acknowledged']);
    const deviceId = ((await tx.objectStore('meta').get('deviceId')) as string | undefined) ?? '';
    const range = IDBKeyRange.bound([deviceId, 0], [deviceId, Number.MAX_SAFE_INTEGER]);
    const last = await tx.objectStore('acknowledged').index('byDeviceSeq').openCursor(range, 'prev');
    return last ? last.value.seq : 0;
  });
}

/**
 * The server is behind: put this pairing's kept commands from `from` back into the outbox, as
 * they were (ids, seqs, payloads), to be sent before anything newer. Returns how many.
 */
export async function resendAcknowledged(db: KioskDb, from: number): Promise<number> {
  const moved = await db.run(async (conn) => {
    const tx = conn.transaction(['meta', 'acknowledged', 'outbox'], 'readwrite');
    return commitOrAbort(tx, async () => {
      const deviceId = ((await tx.objectStore('meta').get('deviceId')) as string | undefined) ?? '';
      const kept = tx.objectStore('acknowledged');
      const outbox = tx.objectStore('outbox');
      const records = await kept.index('byDeviceSeq').getAll(IDBKeyRange.bound([deviceId, from], [deviceId, Number.MAX_SAFE_INTEGER]));
      let count = 0;
      for (const record of records) {
        await kept.delete(record.id);
        // A waiting command under that number can only be this one again; never overwrite another.
        if (await outbox.get(record.seq)) continue;
        await outbox.add({ seq: record.seq, command: record.command, status: 'retrying', attempts: 0, lastError: '服务器已从备份恢复，重新发送', enqueuedAt: record.command.createdAt });
        count++;
      }
      return count;
    });
  });
  if (moved > 0) db.notifyChanged();
  return moved;
}

/**
 * Drop kept commands acknowledged more than `keepDays` ago, then the oldest beyond `keepMax`.
 * Returns how many were dropped.
 */
export async function pruneAcknowledged(
  db: KioskDb,
  now: Date,
  limits: { keepDays: number; keepMax: number } = { keepDays: ACKNOWLEDGED_KEEP_DAYS, keepMax: ACKNOWLEDGED_KEEP_MAX },
): Promise<number> {
  return db.run(async (conn) => {
    const tx = conn.transaction('acknowledged', 'readwrite');
    return commitOrAbort(tx, async () => {
      const byTime = tx.store.index('byAcknowledgedAt');
      const cutoff = new Date(now.getTime() - limits.keepDays * DAY_MS).toISOString();
      let dropped = 0;
      // [cutoff] sorts before every [cutoff, seq]: this is everything acknowledged before the cutoff.
      let cursor = await byTime.openCursor(IDBKeyRange.upperBound([cutoff]));
      while (cursor) {
        await cursor.delete();
        dropped++;
        cursor = await cursor.continue();
      }
      let excess = (await tx.store.count()) - limits.keepMax;
      cursor = excess > 0 ? await byTime.openCursor() : null;
      while (cursor && excess > 0) {
        await cursor.delete();
        dropped++;
        excess--;
        cursor = await cursor.continue();
      }
      return dropped;
    });
  });
}
