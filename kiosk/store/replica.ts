/**
 * Writes to the local replica: pulled pages from the server, push outcomes, and the optimistic
 * result of a staff edit. Each runs as one IndexedDB transaction, so a reload in the middle
 * leaves either all of it or none (a pulled page and its cursor land together).
 */
import type { Command, CommandOutcome, KioskResident, Notice, NoticeSavePayload, PullResponse } from '../../domain/index.ts';
import { applyPointsChange, applyPointsOutcome, isPointsChange, isPointsCommand } from '../points/points-replica.ts';
import { keepAcknowledged } from '../sync/acknowledged.ts';
import type { LocalWriteTx } from '../sync/outbox.ts';
import { commitOrAbort, type AttentionItem, type KioskDb, type ReplicaNotice, type ReplicaResident } from './kiosk-db.ts';

/** The plain resident without the kiosk's bookkeeping fields. */
export function residentWithoutLocalFields(r: ReplicaResident): KioskResident {
  const { pendingCommandId: _p, serverCopy: _s, ...resident } = r;
  return resident;
}

/** The plain notice without the kiosk's bookkeeping fields. */
export function withoutLocalFields(n: ReplicaNotice): Notice {
  const { pendingCommandId: _p, serverCopy: _s, ...notice } = n;
  return notice;
}

/** The notice a `notice.save` command would produce (what this kiosk tried to save). */
export function noticeFromSave(payload: NoticeSavePayload, stationId: string, at: string): Notice {
  return {
    ...payload.draft,
    id: payload.noticeId,
    stationId,
    // The revision the server will give it if the edit is accepted (a new notice starts at 1).
    revision: (payload.baseRevision ?? 0) + 1,
    updatedAt: at,
  };
}

/** Meal entities and commands: their handlers load on first use (kiosk/meals/meals-replica.ts). */
const MEAL_ENTITIES = new Set(['menu', 'meal-booking', 'subsidy-policy', 'meal-resident']);
const MEAL_COMMANDS = new Set(['menu.save', 'meal.book', 'meal.cancel']);
const isMealChange = (change: { entity: string }): boolean => MEAL_ENTITIES.has(change.entity);
const isMealCommand = (command: { type: string }): boolean => MEAL_COMMANDS.has(command.type);
type MealsReplica = typeof import('../meals/meals-replica.ts');

/** Loaded before the transaction opens (an import inside it would let IndexedDB commit early). */
async function mealsReplicaIf(needed: boolean): Promise<MealsReplica | null> {
  return needed ? import('../meals/meals-replica.ts') : null;
}

/** Volunteer entities, like meals: handlers (and which commands are theirs) in kiosk/volunteer/volunteer-replica.ts. */
const isVolunteerChange = (change: { entity: string }): boolean => change.entity === 'activity' || change.entity === 'volunteer-sign-up';
type VolunteerReplica = typeof import('../volunteer/volunteer-replica.ts');
async function volunteerReplicaIf(needed: boolean): Promise<VolunteerReplica | null> {
  return needed ? import('../volunteer/volunteer-replica.ts') : null;
}

/** The stores a pull page or a batch of outcomes may write (outcomes also the outbox and 需要处理). */
const REPLICA_STORES = [
  'notices',
  'station',
  'staff',
  'residents',
  'meta',
  'catalogue',
  'pointsAccounts',
  'redemptions',
  'residentActions',
  'menus',
  'mealBookings',
  'mealResidents',
  'activities',
  'volunteerSignUps',
] as const;

/** Apply one pull page and its cursor in a single transaction. */
export async function applyPullPage(db: KioskDb, page: PullResponse): Promise<void> {
  const meals = await mealsReplicaIf(page.changes.some(isMealChange));
  const volunteer = await volunteerReplicaIf(page.changes.some(isVolunteerChange));
  await db.run(async (conn) => {
    const tx = conn.transaction(REPLICA_STORES, 'readwrite');
    const notices = tx.objectStore('notices');
    const station = tx.objectStore('station');
    const staff = tx.objectStore('staff');
    const residents = tx.objectStore('residents');
    await commitOrAbort(tx, async () => {
      for (const change of page.changes) {
        if (isPointsChange(change)) {
          await applyPointsChange(tx, change);
          continue;
        }
        if (meals && isMealChange(change)) {
          await meals.applyMealChange(tx, change);
          continue;
        }
        if (volunteer && isVolunteerChange(change)) {
          await volunteer.applyVolunteerChange(tx, change);
          continue;
        }
        if (change.op === 'delete') {
          if (change.entity === 'notice') await notices.delete(change.id);
          else if (change.entity === 'station') await station.delete(change.id);
          else if (change.entity === 'resident') await residents.delete(change.id);
          else await staff.delete(change.id);
          continue;
        }
        switch (change.entity) {
          case 'notice': {
            const local = await notices.get(change.id);
            // A local edit is still waiting for its outcome: keep showing it, remember the server's copy.
            if (local?.pendingCommandId) await notices.put({ ...local, serverCopy: change.data });
            else await notices.put(change.data);
            break;
          }
          case 'station':
            await station.put(change.data);
            break;
          case 'staff':
            await staff.put(change.data);
            break;
          case 'resident': {
            const local = await residents.get(change.id);
            // A registration or new PIN made here is still waiting: keep it, so the resident can sign in.
            if (local?.pendingCommandId) await residents.put({ ...local, serverCopy: change.data });
            else await residents.put(change.data);
            break;
          }
        }
      }
      await tx.objectStore('meta').put(page.cursor, 'cursor');
    });
  });
  db.notifyChanged();
}

/** The optimistic result of a `notice.save`, written in the same transaction as the command. */
export async function applyNoticeSaveLocally(tx: LocalWriteTx, command: Command<'notice.save'>, stationId: string): Promise<void> {
  const notices = tx.objectStore('notices');
  const existing = await notices.get(command.payload.noticeId);
  const serverCopy = existing ? (existing.pendingCommandId ? (existing.serverCopy ?? null) : withoutLocalFields(existing)) : null;
  const optimistic: ReplicaNotice = {
    ...noticeFromSave(command.payload, existing?.stationId ?? stationId, command.createdAt),
    pendingCommandId: command.id,
    serverCopy,
  };
  await notices.put(optimistic);
}

export interface OutcomeSummary {
  applied: number;
  attention: number;
}

/**
 * Apply the server's outcomes: applied commands leave the outbox and their stored notice
 * replaces the optimistic one; rejected and conflicting commands leave the outbox for the
 * attention list (with both versions), and the replica goes back to the server's copy.
 */
export async function applyPushOutcomes(db: KioskDb, outcomes: readonly CommandOutcome[], stationId: string, at: Date): Promise<OutcomeSummary> {
  const summary: OutcomeSummary = { applied: 0, attention: 0 };
  if (outcomes.length === 0) return summary;
  // Which commands these answer is known only inside the transaction: load the meal handlers first.
  const meals = await mealsReplicaIf(true);
  const volunteer = await volunteerReplicaIf(true);
  await db.run(async (conn) => {
    const tx = conn.transaction([...REPLICA_STORES, 'outbox', 'attention', 'acknowledged'], 'readwrite');
    const outbox = tx.objectStore('outbox');
    const notices = tx.objectStore('notices');
    const actions = tx.objectStore('residentActions');
    await commitOrAbort(tx, async () => {
      const deviceId = ((await tx.objectStore('meta').get('deviceId')) as string | undefined) ?? '';
      for (const outcome of outcomes) {
        const record = await outbox.get(outcome.seq);
        // An outcome for a command we no longer hold (or for another id under that seq) changes nothing here.
        if (!record || record.command.id !== outcome.commandId) continue;
        const command = record.command;
        await outbox.delete(outcome.seq);
        // Kept, with its outcome, in case the server is restored from a backup and asks again.
        await keepAcknowledged(tx, deviceId, command, outcome, at);
        if (outcome.status === 'applied') summary.applied++;
        else summary.attention++;
        const action = await actions.get(command.id);
        if (action) await actions.put({ ...action, status: outcome.status, ...(outcome.reason ? { reason: outcome.reason } : {}) });
        if (isPointsCommand(command)) {
          await applyPointsOutcome(tx, command, outcome, at);
          continue;
        }
        if (meals && isMealCommand(command)) {
          await meals.applyMealOutcome(tx, command, outcome, at);
          continue;
        }
        if (volunteer && (await volunteer.applyVolunteerOutcome(tx, command, outcome, at))) continue;
        if (command.type !== 'notice.save') {
          await applyOtherOutcome(tx, command, outcome, at);
          continue;
        }
        const payload = command.payload;
        const local = await notices.get(payload.noticeId);
        const mine = local?.pendingCommandId === command.id;
        if (outcome.status === 'applied') {
          if (outcome.notice) {
            // A later local edit of the same notice is still waiting: keep it on screen.
            if (local?.pendingCommandId && !mine) await notices.put({ ...local, serverCopy: outcome.notice });
            else await notices.put(outcome.notice);
          } else if (local && mine) {
            await notices.put(withoutLocalFields(local));
          }
          continue;
        }
        const server =
          outcome.status === 'conflict' ? (outcome.notice ?? null) : local ? (local.pendingCommandId ? (local.serverCopy ?? null) : withoutLocalFields(local)) : null;
        const item: AttentionItem = {
          id: command.id,
          kind: outcome.status,
          command,
          reason: outcome.reason ?? '',
          local: noticeFromSave(payload, local?.stationId ?? stationId, command.createdAt),
          server,
          at: at.toISOString(),
        };
        await tx.objectStore('attention').put(item);
        if (mine) {
          // Back to what the server has (nothing, for a notice created here).
          if (server) await notices.put(server);
          else await notices.delete(payload.noticeId);
        } else if (local?.pendingCommandId && outcome.status === 'conflict' && server) {
          await notices.put({ ...local, serverCopy: server });
        }
      }
    });
  });
  db.notifyChanged();
  return summary;
}

/** The stores applyPushOutcomes holds, for the outcome handlers of the other command types. */
interface OutcomeStores {
  objectStore(name: 'residents'): {
    get(key: string): Promise<ReplicaResident | undefined>;
    put(value: ReplicaResident): Promise<unknown>;
    delete(key: string): Promise<unknown>;
  };
  objectStore(name: 'attention'): { put(value: AttentionItem): Promise<unknown> };
}

/**
 * Outcomes of commands other than notice edits: a resident's stored copy replaces the optimistic
 * one; a refused command goes to the staff's needs-attention list with its reason, and the
 * replica goes back to the server's copy (a registration refused as a duplicate disappears).
 */
async function applyOtherOutcome(tx: OutcomeStores, command: Command, outcome: CommandOutcome, at: Date): Promise<void> {
  const residents = tx.objectStore('residents');
  const residentId = command.type === 'resident.register' || command.type === 'resident.set-pin' ? command.payload.residentId : null;
  const local = residentId ? await residents.get(residentId) : undefined;
  const mine = local?.pendingCommandId === command.id;
  if (outcome.status === 'applied') {
    if (residentId && outcome.resident) {
      if (local?.pendingCommandId && !mine) await residents.put({ ...local, serverCopy: outcome.resident });
      else await residents.put(outcome.resident);
    } else if (local && mine) {
      await residents.put(residentWithoutLocalFields(local));
    }
    return;
  }
  await tx.objectStore('attention').put({ id: command.id, kind: outcome.status, command, reason: outcome.reason ?? '', local: null, server: null, at: at.toISOString() });
  if (!residentId || !mine || !local) return;
  const server = outcome.resident ?? local.serverCopy ?? null;
  if (server) await residents.put(server);
  else await residents.delete(residentId);
}
