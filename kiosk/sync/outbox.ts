/**
 * The outbox: commands written to IndexedDB before the UI says "done". Each gets a client UUID
 * and the device's next sequence number in the same transaction that stores it (and, when the
 * caller asks, in the same transaction that shows its result in the local replica), so a reload
 * or a crash can never lose a confirmed action or hand out a sequence number twice.
 *
 * A command leaves the outbox only when the server returns an outcome for it; there is no
 * expiry and no attempt limit. An `enqueued` event tells the sync engine to push.
 */
import type { Command, CommandActor, CommandPayloads, CommandType } from '../../domain/index.ts';
import { commitOrAbort, type KioskDb, type KioskTx, type OutboxRecord, type ResidentAction } from '../store/kiosk-db.ts';

/** The stores a local write may touch together with its command. */
export const LOCAL_WRITE_STORES: ['meta', 'outbox', 'notices', 'attention', 'residents', 'residentActions', 'catalogue', 'pointsAccounts', 'redemptions', 'menus', 'mealBookings'] = [
  'meta',
  'outbox',
  'notices',
  'attention',
  'residents',
  'residentActions',
  'catalogue',
  'pointsAccounts',
  'redemptions',
  'menus',
  'mealBookings',
];

/**
 * Commands that belong in the resident's own history (我的): whatever carries their id as actor,
 * except the staff-side record that a proxy session began.
 */
function isResidentAction(command: Command): boolean {
  return command.actor.residentId !== undefined && command.type !== 'resident.proxy-session';
}

export type WithdrawResult = 'withdrawn' | 'sent' | 'gone';
export type LocalWriteTx = KioskTx<typeof LOCAL_WRITE_STORES, 'readwrite'>;

export interface CommandInput<T extends CommandType> {
  type: T;
  payload: CommandPayloads[T];
  actor: CommandActor;
}

/** Show the command's result in the replica, inside the enqueue transaction. No non-IDB awaits. */
export type ApplyLocally<T extends CommandType> = (tx: LocalWriteTx, command: Command<T>) => Promise<void>;

export interface OutboxOptions {
  now?: () => Date;
  newId?: () => string;
  /** Adds the staff proof to a command's actor (kiosk/staff/command-keys.ts); runs before the IndexedDB transaction. */
  proveActor?: (command: { id: string; type: CommandType; payload: unknown; createdAt: string; actor: CommandActor }) => Promise<CommandActor>;
}

export class Outbox extends EventTarget {
  readonly db: KioskDb;
  #now: () => Date;
  #newId: () => string;
  #proveActor: NonNullable<OutboxOptions['proveActor']>;
  /** Ids of commands handed to the sync engine and not yet answered: they may reach the server. */
  #sending = new Set<string>();

  constructor(db: KioskDb, options: OutboxOptions = {}) {
    super();
    this.db = db;
    this.#now = options.now ?? (() => new Date());
    this.#newId = options.newId ?? (() => crypto.randomUUID());
    this.#proveActor = options.proveActor ?? (async (c) => c.actor);
  }

  /** Store a command (and its local effect) durably; resolves once the transaction committed. */
  async enqueue<T extends CommandType>(input: CommandInput<T>, applyLocally?: ApplyLocally<T>, options: { silent?: boolean } = {}): Promise<Command<T>> {
    // The proof covers id, type, payload, createdAt and actor (not seq): made before the transaction,
    // since awaiting Web Crypto inside it would let IndexedDB commit early.
    const id = this.#newId();
    const createdAt = this.#now().toISOString();
    const actor = await this.#proveActor({ id, type: input.type, payload: input.payload, createdAt, actor: input.actor });
    const command = await this.db.run(async (db) => {
      const tx = db.transaction(LOCAL_WRITE_STORES, 'readwrite');
      const meta = tx.objectStore('meta');
      const outbox = tx.objectStore('outbox');
      const stored = (await meta.get('nextSeq')) as number | undefined;
      // Never reuse a seq still in the outbox, even if the counter was lost.
      const last = await outbox.openKeyCursor(null, 'prev');
      const seq = Math.max(stored ?? 1, last ? last.key + 1 : 1);
      const cmd: Command<T> = { id, seq, type: input.type, payload: input.payload, actor, createdAt };
      const record: OutboxRecord = { seq, command: cmd as Command, status: 'pending', attempts: 0, enqueuedAt: cmd.createdAt };
      await commitOrAbort(tx, async () => {
        // All or nothing: no command without its local effect, no local effect without its command.
        await outbox.add(record);
        await meta.put(seq + 1, 'nextSeq');
        if (isResidentAction(record.command)) {
          const action: ResidentAction = {
            id: cmd.id,
            residentId: cmd.actor.residentId!,
            type: cmd.type,
            command: record.command,
            createdAt: cmd.createdAt,
            status: 'pending',
          };
          await tx.objectStore('residentActions').put(action);
        }
        if (applyLocally) await applyLocally(tx, cmd);
      });
      return cmd;
    });
    this.db.notifyChanged();
    // Silent: queued by the sync engine itself, inside a cycle that pushes it next.
    if (!options.silent) this.dispatchEvent(new Event('enqueued'));
    return command;
  }

  /** Commands waiting to be sent, lowest seq first. */
  async pending(limit = Infinity): Promise<OutboxRecord[]> {
    return this.db.run(async (db) => {
      const out: OutboxRecord[] = [];
      let cursor = await db.transaction('outbox').store.openCursor();
      while (cursor && out.length < limit) {
        out.push(cursor.value);
        cursor = await cursor.continue();
      }
      return out;
    });
  }

  /**
   * Commands for the sync engine to send now, remembered as "sending" until `sent()`: a command
   * that may already be on its way to the server can no longer be withdrawn, only compensated.
   * The marks are set before this resolves, so no withdrawal transaction can slip in between.
   */
  async takeForSending(limit = Infinity): Promise<OutboxRecord[]> {
    const records = await this.pending(limit);
    for (const r of records) this.#sending.add(r.command.id);
    return records;
  }

  /** The server answered (or the request failed): these commands are no longer in flight. */
  sent(records: readonly OutboxRecord[]): void {
    for (const r of records) this.#sending.delete(r.command.id);
  }

  /**
   * Take back a command that has certainly not reached the server: still in the outbox, never
   * attempted ('pending', not 'retrying', whose earlier attempt may have been applied) and not in
   * flight. The commands after it move down one number so the device's sequence keeps no gap
   * (the server has seen none of them: they were queued after a command it never received).
   * `alsoInTx` undoes the local effect in the same transaction. Otherwise: 'sent' (it may be on
   * the server — compensate instead) or 'gone' (no longer in the outbox: it has an outcome).
   */
  async withdraw(commandId: string, alsoInTx?: (tx: LocalWriteTx, command: Command) => Promise<void>): Promise<WithdrawResult> {
    const result = await this.db.run(async (db) => {
      const tx = db.transaction(LOCAL_WRITE_STORES, 'readwrite');
      return commitOrAbort(tx, async (): Promise<WithdrawResult> => {
        const outbox = tx.objectStore('outbox');
        const records = await outbox.getAll();
        const index = records.findIndex((r) => r.command.id === commandId);
        if (index < 0) return 'gone';
        const target = records[index]!;
        if (target.status !== 'pending' || this.#sending.has(commandId)) return 'sent';
        const later = records.slice(index + 1);
        if (later.some((r) => r.status !== 'pending' || this.#sending.has(r.command.id))) return 'sent';
        await outbox.delete(target.seq);
        for (const r of later) await outbox.delete(r.seq);
        for (const r of later) await outbox.add({ ...r, seq: r.seq - 1, command: { ...r.command, seq: r.seq - 1 } });
        const meta = tx.objectStore('meta');
        const next = (await meta.get('nextSeq')) as number | undefined;
        if (next !== undefined && next > target.seq) await meta.put(next - 1, 'nextSeq');
        if (alsoInTx) await alsoInTx(tx, target.command);
        return 'withdrawn';
      });
    });
    if (result === 'withdrawn') this.db.notifyChanged();
    return result;
  }

  async count(): Promise<number> {
    return this.db.run((db) => db.count('outbox'));
  }

  /** Remember that a send failed (network, 5xx); the commands stay. */
  async markRetrying(seqs: readonly number[], error: string): Promise<void> {
    await this.db.run(async (db) => {
      const tx = db.transaction('outbox', 'readwrite');
      await commitOrAbort(tx, async () => {
        for (const seq of seqs) {
          const record = await tx.store.get(seq);
          if (record) await tx.store.put({ ...record, status: 'retrying', attempts: record.attempts + 1, lastError: error });
        }
      });
    });
  }

  /**
   * The server refused this device altogether (staff revoked its pairing): every waiting command
   * is marked refused with the reason and KEPT — a person decides, nothing is deleted silently.
   * Returns how many commands are waiting.
   */
  async markRefused(reason: string): Promise<number> {
    return this.#restatus((record) => ({ ...record, status: 'refused', lastError: reason }));
  }

  /** The device is accepted again (paired anew): refused commands wait to be sent like any retry. */
  async clearRefusals(): Promise<number> {
    return this.#restatus((record) => (record.status === 'refused' ? { ...record, status: 'retrying' } : record));
  }

  /** The waiting commands the server refused as a whole device, oldest first. */
  async refused(): Promise<OutboxRecord[]> {
    return (await this.pending()).filter((r) => r.status === 'refused');
  }

  /** Rewrite the status of every waiting command in one transaction; returns how many wait. */
  async #restatus(change: (record: OutboxRecord) => OutboxRecord): Promise<number> {
    const { waiting, changed } = await this.db.run(async (db) => {
      const tx = db.transaction('outbox', 'readwrite');
      return commitOrAbort(tx, async () => {
        const records = await tx.store.getAll();
        let changed = 0;
        for (const record of records) {
          const next = change(record);
          if (next === record) continue;
          await tx.store.put(next);
          changed++;
        }
        return { waiting: records.length, changed };
      });
    });
    if (changed > 0) this.db.notifyChanged();
    return waiting;
  }

  /**
   * The server stopped at a gap: it expects `expectedSeq` but our lowest waiting command is
   * higher. We only delete a command after the server returned its outcome, so the missing
   * numbers are not ours to resend (the server lost them, e.g. restored from a backup).
   * Renumber the waiting commands from `expectedSeq` (ids unchanged, order kept) so they can be
   * applied instead of waiting forever. Returns how many were renumbered (0 when there was no
   * such gap).
   */
  async closeGap(expectedSeq: number): Promise<number> {
    return this.db.run(async (db) => {
      const tx = db.transaction(['outbox', 'meta'], 'readwrite');
      return commitOrAbort(tx, async () => {
        const records = await tx.objectStore('outbox').getAll();
        const first = records[0];
        if (!first || first.seq <= expectedSeq) return 0;
        const outbox = tx.objectStore('outbox');
        await outbox.clear();
        let seq = expectedSeq;
        for (const record of records) {
          await outbox.add({ ...record, seq, command: { ...record.command, seq } });
          seq++;
        }
        await tx.objectStore('meta').put(seq, 'nextSeq');
        return records.length;
      });
    });
  }
}
