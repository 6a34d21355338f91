/**
 * Applying a pushed batch of commands (docs/architecture.md, "Sync protocol"). Each command runs
 * in its own transaction that also stores its outcome under (device, seq) and advances the
 * device's last_seq, so after a crash a command is either fully applied and recorded or not at
 * all, and a retried push replays the stored outcome instead of applying twice.
 */
import type { Command, CommandOutcome, PushResponse } from '../../domain/index.ts';
import type { DevicePrincipal } from '../auth/principals.ts';
import type { ServerContext } from '../context.ts';
import type { AppliedResult, CommandScope } from './command-scope.ts';
import { applyNoticeSave } from './notice-save.ts';
import { applyResidentProxySession, applyResidentRegister, applyResidentSetPin } from './resident-commands.ts';

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
  }
}

type Step =
  | { kind: 'outcome'; outcome: CommandOutcome; lastSeq: number; changeSeq?: number }
  | { kind: 'gap'; lastSeq: number };

/** A command refused as tampered with: answered `rejected`, and nothing of it is stored. */
function tampered(command: Command, lastSeq: number, reason: string): Step {
  return { kind: 'outcome', lastSeq, outcome: { seq: command.seq, commandId: command.id, status: 'rejected', reason } };
}

async function pushOne(ctx: ServerContext, device: DevicePrincipal, command: Command): Promise<Step> {
  const now = ctx.clock();
  return ctx.db.transaction().execute(async (trx): Promise<Step> => {
    // PostgreSQL: lock the device row so two pushes from one device run one after the other.
    // SQLite: BEGIN IMMEDIATE already holds the write lock.
    const { last_seq: lastSeq } = await trx
      .selectFrom('devices')
      .select('last_seq')
      .where('id', '=', device.deviceId)
      .$if(ctx.dialect === 'postgres', (q) => q.forUpdate())
      .executeTakeFirstOrThrow();

    if (command.seq <= lastSeq) {
      const stored = await trx
        .selectFrom('command_outcomes')
        .select(['command_id', 'outcome'])
        .where('device_id', '=', device.deviceId)
        .where('seq', '=', command.seq)
        .executeTakeFirst();
      if (stored && stored.command_id === command.id) {
        return { kind: 'outcome', outcome: JSON.parse(stored.outcome) as CommandOutcome, lastSeq };
      }
      // A different command under a used number: a broken or forged outbox.
      return tampered(command, lastSeq, `序号 ${command.seq} 已经用于另一条指令，这条指令被拒绝（数据可能被篡改）`);
    }
    if (command.seq > lastSeq + 1) return { kind: 'gap', lastSeq };

    const reused = await trx
      .selectFrom('command_outcomes')
      .select(['device_id', 'seq'])
      .where('command_id', '=', command.id)
      .executeTakeFirst();
    if (reused) {
      // The same command id again under a new number: applying it would do it twice.
      return tampered(command, lastSeq, '这条指令已经处理过，不能用新的序号再次提交（数据可能被篡改）');
    }

    const scope: CommandScope = {
      trx,
      now,
      stationId: device.stationId,
      deviceId: device.deviceId,
      commandId: command.id,
      seq: command.seq,
      actor: command.actor,
    };
    const result = await applyCommand(scope, command);

    await trx
      .insertInto('command_outcomes')
      .values({
        device_id: device.deviceId,
        seq: command.seq,
        command_id: command.id,
        outcome: JSON.stringify(result.outcome),
        created_at: now.toISOString(),
      })
      .execute();
    await trx.updateTable('devices').set({ last_seq: command.seq }).where('id', '=', device.deviceId).execute();
    return { kind: 'outcome', outcome: result.outcome, lastSeq: command.seq, changeSeq: result.changeSeq };
  });
}

export async function pushCommands(ctx: ServerContext, device: DevicePrincipal, commands: readonly Command[]): Promise<PushResponse> {
  const outcomes: CommandOutcome[] = [];
  let lastSeq: number | null = null;
  for (const command of commands) {
    const step = await pushOne(ctx, device, command);
    lastSeq = step.lastSeq;
    if (step.kind === 'gap') return { outcomes, lastSeq, expectedSeq: step.lastSeq + 1 };
    outcomes.push(step.outcome);
    // After commit: a poke must never announce a change a kiosk could not yet pull.
    if (step.changeSeq !== undefined) ctx.notifier.poke(device.stationId, step.changeSeq);
  }
  if (lastSeq === null) {
    const row = await ctx.db.selectFrom('devices').select('last_seq').where('id', '=', device.deviceId).executeTakeFirstOrThrow();
    lastSeq = row.last_seq;
  }
  return { outcomes, lastSeq };
}
