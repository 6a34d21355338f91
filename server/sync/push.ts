/**
 * Applying a pushed batch of commands (docs/architecture.md, "Sync protocol"). Commands are
 * applied in chunks, each chunk one transaction; every command stores its outcome under
 * (device, seq) and advances the device's last_seq in that same transaction, so after a crash a
 * command is either fully applied and recorded or not at all, and a retried push replays the
 * stored outcome instead of applying twice.
 */
import { sql, type Transaction } from 'kysely';
import type { Command, CommandOutcome, PushResponse } from '../../domain/index.ts';
import type { DevicePrincipal } from '../auth/principals.ts';
import type { ServerContext } from '../context.ts';
import { lockDevice, lockStation } from '../db/lock-order.ts';
import type { Database } from '../db/schema.ts';
import { inWriteTransaction, isTransactionConflict } from '../db/transaction-retry.ts';
import { deviceRevoked } from '../http/http-error.ts';
import { beginAccountBatch, forgetAccounts } from '../points/account-batch.ts';
import { publishBatchedAccounts } from '../points/ledger.ts';
import type { AppliedResult, CommandScope } from './command-scope.ts';
import { applyMealBook, applyMealCancel, applyMenuSave } from './meal-commands.ts';
import { applyNoticeSave } from './notice-save.ts';
import {
  applyAllowanceRenew,
  applyCatalogueSave,
  applyPointsAward,
  applyPointsHandout,
  applyPointsRedeem,
  applyPointsRedeemCancel,
  applyPointsReverse,
  applyRankingOptOut,
} from './points-commands.ts';
import { applyResidentProxySession, applyResidentRegister, applyResidentSetPin } from './resident-commands.ts';
import {
  applyActivitySave,
  applyHoursCorrection,
  applyHoursCorrectionDecision,
  applyVolunteerCancel,
  applyVolunteerCheckIn,
  applyVolunteerCheckOut,
  applyVolunteerSignUp,
} from './volunteer-commands.ts';

function applyCommand(scope: CommandScope, command: Command): Promise<AppliedResult> {
  switch (command.type) {
    case 'notice.save':
      return applyNoticeSave(scope, command.payload);
    case 'resident.register':
      return applyResidentRegister(scope, command.payload);
    case 'resident.set-pin':
      return applyResidentSetPin(scope, command.payload);
    case 'resident.proxy-session':
      return applyResidentProxySession(scope, command.payload);
    case 'resident.ranking-opt-out':
      return applyRankingOptOut(scope, command.payload);
    case 'catalogue.save':
      return applyCatalogueSave(scope, command.payload);
    case 'points.award':
      return applyPointsAward(scope, command.payload);
    case 'points.redeem':
      return applyPointsRedeem(scope, command.payload);
    case 'points.redeem-cancel':
      return applyPointsRedeemCancel(scope, command.payload);
    case 'points.handout':
      return applyPointsHandout(scope, command.payload);
    case 'points.reverse':
      return applyPointsReverse(scope, command.payload);
    case 'points.allowance-renew':
      return applyAllowanceRenew(scope, command.payload);
    case 'menu.save':
      return applyMenuSave(scope, command.payload);
    case 'meal.book':
      return applyMealBook(scope, command.payload);
    case 'meal.cancel':
      return applyMealCancel(scope, command.payload);
    case 'activity.save':
      return applyActivitySave(scope, command.payload);
    case 'volunteer.sign-up':
      return applyVolunteerSignUp(scope, command.payload);
    case 'volunteer.cancel':
      return applyVolunteerCancel(scope, command.payload);
    case 'volunteer.check-in':
      return applyVolunteerCheckIn(scope, command.payload);
    case 'volunteer.check-out':
      return applyVolunteerCheckOut(scope, command.payload);
    case 'volunteer.hours-correction':
      return applyHoursCorrection(scope, command.payload);
    case 'volunteer.hours-correction-decision':
      return applyHoursCorrectionDecision(scope, command.payload);
  }
}

type Step =
  | { kind: 'outcome'; outcome: CommandOutcome; lastSeq: number; changeSeq?: number }
  | { kind: 'gap'; lastSeq: number }
  | { kind: 'failed'; error: unknown; lastSeq: number };

/** A command refused as tampered with: answered `rejected`, and nothing of it is stored. */
function tampered(command: Command, lastSeq: number, reason: string): Step {
  return { kind: 'outcome', lastSeq, outcome: { seq: command.seq, commandId: command.id, status: 'rejected', reason } };
}

/**
 * What a chunk has applied so far. Outcomes (and the device's last_seq) are written once, at the
 * chunk's end, in the chunk's transaction: committed with the commands or not at all.
 */
interface ChunkLog {
  /** Applied in this chunk, by seq: the command id and the outcome as stored. */
  applied: Map<number, { commandId: string; outcome: string; createdAt: string }>;
  /** Command ids already stored (looked up at the chunk's start) or applied in this chunk. */
  usedIds: Set<string>;
  /** PostgreSQL: the previous command's savepoint is still to be released (with the next one's, in one round trip). */
  savepointOpen: boolean;
}

/**
 * A savepoint for the next command. On PostgreSQL the previous command's savepoint is released in
 * the same round trip (a parameterless multi-statement query); commit releases the last one.
 */
async function commandSavepoint(trx: Transaction<Database>, dialect: ServerContext['dialect'], log: ChunkLog): Promise<void> {
  if (dialect === 'postgres' && log.savepointOpen) await sql`release savepoint linli_command; savepoint linli_command`.execute(trx);
  else await sql`savepoint linli_command`.execute(trx);
  log.savepointOpen = dialect === 'postgres';
}

/**
 * One command inside the chunk's transaction, under a savepoint: if its handler throws (a bug, a
 * database error), only this command is rolled back and the commands before it still commit.
 */
async function pushOne(ctx: ServerContext, trx: Transaction<Database>, device: DevicePrincipal, command: Command, lastSeq: number, log: ChunkLog): Promise<Step> {
  const now = ctx.clock();
  if (command.seq <= lastSeq) {
    const stored =
      log.applied.get(command.seq) ??
      (await trx
        .selectFrom('command_outcomes')
        .select(['command_id as commandId', 'outcome'])
        .where('device_id', '=', device.deviceId)
        .where('seq', '=', command.seq)
        .executeTakeFirst());
    if (stored && stored.commandId === command.id) {
      return { kind: 'outcome', outcome: JSON.parse(stored.outcome) as CommandOutcome, lastSeq };
    }
    // A different command under a used number: a broken or forged outbox.
    return tampered(command, lastSeq, `序号 ${command.seq} 已经用于另一条指令，这条指令被拒绝（数据可能被篡改）`);
  }
  if (command.seq > lastSeq + 1) return { kind: 'gap', lastSeq };

  if (log.usedIds.has(command.id)) {
    // The same command id again under a new number: applying it would do it twice.
    return tampered(command, lastSeq, '这条指令已经处理过，不能用新的序号再次提交（数据可能被篡改）');
  }

  const scope: CommandScope = {
    trx,
    dialect: ctx.dialect,
    now,
    createdAt: command.createdAt,
    stationId: device.stationId,
    deviceId: device.deviceId,
    commandId: command.id,
    seq: command.seq,
    type: command.type,
    payload: command.payload,
    actor: command.actor,
  };
  await commandSavepoint(trx, ctx.dialect, log);
  try {
    const result = await applyCommand(scope, command);
    if (!log.savepointOpen) await sql`release savepoint linli_command`.execute(trx);
    log.applied.set(command.seq, { commandId: command.id, outcome: JSON.stringify(result.outcome), createdAt: now.toISOString() });
    log.usedIds.add(command.id);
    return { kind: 'outcome', outcome: result.outcome, lastSeq: command.seq, changeSeq: result.changeSeq };
  } catch (error) {
    // A deadlock or serialization failure: the whole chunk runs again (inWriteTransaction).
    if (isTransactionConflict(error)) throw error;
    await sql`rollback to savepoint linli_command`.execute(trx);
    // The chunk's copies of points accounts may include what was just rolled back.
    forgetAccounts(trx);
    return { kind: 'failed', error, lastSeq };
  }
}

/** The end of a chunk, in its transaction: the batched account snapshots, the outcomes and last_seq. */
async function closeChunk(trx: Transaction<Database>, device: DevicePrincipal, log: ChunkLog, lastSeq: number): Promise<number | undefined> {
  const changeSeq = await publishBatchedAccounts(trx);
  if (log.applied.size > 0) {
    const rows = [...log.applied].map(([seq, a]) => ({ device_id: device.deviceId, seq, command_id: a.commandId, outcome: a.outcome, created_at: a.createdAt }));
    await trx.insertInto('command_outcomes').values(rows).execute();
    await trx.updateTable('devices').set({ last_seq: lastSeq }).where('id', '=', device.deviceId).execute();
  }
  return changeSeq;
}

/**
 * Commands per transaction. One durable commit (an fsync with synchronous=FULL) costs ~10–15 ms
 * on ordinary disks, so a commit per command would cap a kiosk at ~70 commands a second; a
 * chunk shares one commit. Chunks stay small and short so a push still commits as it goes (a
 * crash loses at most the chunk in flight, which the kiosk sends again) and the station row
 * lock (change feed) is not held for long.
 */
export const PUSH_CHUNK_COMMANDS = 100;
export const PUSH_CHUNK_MS = 200;

interface Chunk {
  /** Staff revoked the device before this chunk could start: nothing of it was applied. */
  revoked: boolean;
  steps: Step[];
  /** The change cursor after the chunk's batched account snapshots, if any. */
  changeSeq?: number;
}

export async function pushCommands(ctx: ServerContext, device: DevicePrincipal, commands: readonly Command[]): Promise<PushResponse> {
  const outcomes: CommandOutcome[] = [];
  let lastSeq: number | null = null;
  let next = 0;
  while (next < commands.length) {
    const chunk = await inWriteTransaction(ctx.db, async (trx): Promise<Chunk> => {
      // The lock order (server/db/lock-order.ts): the device row, then the station row, then
      // whatever the commands touch. The device row lock makes two pushes of one device run one
      // after the other, and revocation takes it too, so revoked_at read here is final for this
      // chunk: nothing commits after a revocation. SQLite: BEGIN IMMEDIATE already holds the
      // write lock, so the revocation committed before this chunk or waits for its end.
      const deviceNow = await lockDevice(trx, ctx.dialect, device.deviceId);
      if (!deviceNow || deviceNow.revoked_at !== null) return { revoked: true, steps: [] };
      await lockStation(trx, ctx.dialect, device.stationId);
      let seqNow = deviceNow.last_seq;
      const candidates = commands.slice(next, next + PUSH_CHUNK_COMMANDS).map((c) => c.id);
      const used = await trx.selectFrom('command_outcomes').select('command_id').where('command_id', 'in', candidates).execute();
      const log: ChunkLog = { applied: new Map(), usedIds: new Set(used.map((u) => u.command_id)), savepointOpen: false };
      beginAccountBatch(trx, ctx.dialect, device.stationId, true);
      const steps: Step[] = [];
      const started = performance.now();
      for (let i = next; i < commands.length && steps.length < PUSH_CHUNK_COMMANDS && performance.now() - started < PUSH_CHUNK_MS; i++) {
        const step = await pushOne(ctx, trx, device, commands[i]!, seqNow, log);
        steps.push(step);
        if (step.kind !== 'outcome') break;
        seqNow = step.lastSeq;
      }
      return { revoked: false, steps, changeSeq: await closeChunk(trx, device, log, seqNow) };
    });
    if (chunk.revoked) {
      // Revoked before any of this push committed: the answer every request of a revoked device
      // gets. Revoked after some chunks: those are answered (the kiosk drops them from its outbox)
      // and its next push gets 401 device-revoked for the rest.
      if (outcomes.length === 0) throw deviceRevoked();
      return { outcomes, lastSeq: lastSeq ?? commands[0]!.seq - 1 };
    }
    let maxChange = chunk.changeSeq;
    for (const step of chunk.steps) {
      lastSeq = step.lastSeq;
      if (step.kind === 'gap') return { outcomes, lastSeq, expectedSeq: step.lastSeq + 1 };
      if (step.kind === 'failed') {
        // Nothing of this command was kept. With nothing before it, the push fails (5xx: the
        // kiosk retries with backoff); otherwise the commands before it are answered, and the
        // kiosk sends this one again with the rest.
        if (outcomes.length === 0) throw step.error;
        console.error(`push ${device.deviceId}: command ${commands[next]?.id} failed, will be retried:`, step.error);
        if (maxChange !== undefined) ctx.notifier.poke(device.stationId, maxChange);
        return { outcomes, lastSeq };
      }
      outcomes.push(step.outcome);
      next++;
      if (step.changeSeq !== undefined) maxChange = Math.max(maxChange ?? 0, step.changeSeq);
    }
    // After commit: a poke must never announce a change a kiosk could not yet pull.
    if (maxChange !== undefined) ctx.notifier.poke(device.stationId, maxChange);
    // Let other requests in between chunks (SQLite's driver is synchronous, so a push would
    // otherwise hold the event loop until its last chunk, a revocation included).
    if (next < commands.length) await new Promise((resolve) => setImmediate(resolve));
  }
  if (lastSeq === null) {
    const row = await ctx.db.selectFrom('devices').select('last_seq').where('id', '=', device.deviceId).executeTakeFirstOrThrow();
    lastSeq = row.last_seq;
  }
  return { outcomes, lastSeq };
}
