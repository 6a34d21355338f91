/**
 * The points side of the local replica: pulled catalogue items, accounts, redemptions and the
 * deed-points table, and the outcomes of points commands. Called by store/replica.ts inside its
 * transactions, so a pulled page or a batch of outcomes lands whole or not at all.
 *
 * Like notices, anything made here and still waiting for the server is never hidden by a pull: a
 * pending redemption (or cancellation, or hand-out) keeps showing, the pulled copy is remembered
 * as `serverCopy`.
 */
import type { CatalogueItem, Change, Command, CommandOutcome, PointsAccountView, Redemption } from '../../domain/index.ts';
import type { AttentionItem, KioskStoreName, KioskTx, ReplicaCatalogueItem, ReplicaRedemption } from '../store/kiosk-db.ts';
import { emptyAllowanceState, withRenewOutcome } from './allowance.ts';

/** A transaction over (at least) the points stores, meta and residentActions (and attention, for outcomes). */
type PointsTx = KioskTx<KioskStoreName[], 'readwrite'>;
type OutcomeTx = PointsTx;

const POINTS_ENTITIES = new Set(['catalogue-item', 'points-account', 'redemption', 'deed-points']);
const POINTS_COMMANDS = new Set([
  'catalogue.save',
  'points.award',
  'points.redeem',
  'points.redeem-cancel',
  'points.handout',
  'points.reverse',
  'points.allowance-renew',
  'resident.ranking-opt-out',
]);

export function isPointsChange(change: Change): boolean {
  return POINTS_ENTITIES.has(change.entity);
}

export function isPointsCommand(command: Command): boolean {
  return POINTS_COMMANDS.has(command.type);
}

export function catalogueWithoutLocalFields(item: ReplicaCatalogueItem): CatalogueItem {
  const { pendingCommandId: _p, serverCopy: _s, ...plain } = item;
  return plain;
}

export function redemptionWithoutLocalFields(r: ReplicaRedemption): Redemption {
  const { pendingCommandId: _p, serverCopy: _s, ...plain } = r;
  return plain;
}

/** A redemption handed out (or cancelled) can no longer be undone from 我的. */
async function closeUndo(tx: PointsTx | OutcomeTx, redemption: Redemption): Promise<void> {
  if (redemption.status === 'confirmed') return;
  const actions = tx.objectStore('residentActions');
  const range = IDBKeyRange.bound([redemption.residentId, ''], [redemption.residentId, '\uffff']);
  for (const action of await actions.index('byResident').getAll(range)) {
    if (action.type === 'points.redeem' && !action.closed && (action.command.payload as { redemptionId?: string }).redemptionId === redemption.id) {
      await actions.put({ ...action, closed: true });
    }
  }
}

async function putRedemption(tx: PointsTx | OutcomeTx, server: Redemption, exceptCommand?: string): Promise<void> {
  const store = tx.objectStore('redemptions');
  const local = await store.get(server.id);
  // A later local change (a cancellation, a hand-out) is still waiting: keep it on screen.
  if (local?.pendingCommandId && local.pendingCommandId !== exceptCommand) await store.put({ ...local, serverCopy: server });
  else await store.put(server);
  await closeUndo(tx, server);
}

async function putAccounts(tx: PointsTx | OutcomeTx, accounts: readonly PointsAccountView[] | undefined): Promise<void> {
  for (const account of accounts ?? []) await tx.objectStore('pointsAccounts').put(account);
}

/** One pulled change of a points entity. */
export async function applyPointsChange(tx: PointsTx, change: Change): Promise<void> {
  if (change.op === 'delete') {
    if (change.entity === 'catalogue-item') {
      const local = await tx.objectStore('catalogue').get(change.id);
      if (local?.pendingCommandId) await tx.objectStore('catalogue').put({ ...local, serverCopy: null });
      else await tx.objectStore('catalogue').delete(change.id);
    } else if (change.entity === 'points-account') await tx.objectStore('pointsAccounts').delete(change.id);
    else if (change.entity === 'redemption') {
      const local = await tx.objectStore('redemptions').get(change.id);
      if (!local?.pendingCommandId) await tx.objectStore('redemptions').delete(change.id);
    } else if (change.entity === 'deed-points') await tx.objectStore('meta').delete('deedPoints');
    return;
  }
  switch (change.entity) {
    case 'catalogue-item': {
      const store = tx.objectStore('catalogue');
      const local = await store.get(change.id);
      if (local?.pendingCommandId) await store.put({ ...local, serverCopy: change.data });
      else await store.put(change.data);
      break;
    }
    case 'points-account':
      await tx.objectStore('pointsAccounts').put(change.data);
      break;
    case 'redemption':
      await putRedemption(tx, change.data);
      break;
    case 'deed-points':
      await tx.objectStore('meta').put(change.data, 'deedPoints');
      break;
    default:
      break;
  }
}

/** Put back what the server has for a refused local change (nothing: it disappears). */
async function restoreRedemption(tx: OutcomeTx, redemptionId: string, commandId: string, server?: Redemption): Promise<void> {
  const store = tx.objectStore('redemptions');
  const local = await store.get(redemptionId);
  if (!local || local.pendingCommandId !== commandId) return;
  const copy = server ?? local.serverCopy ?? null;
  if (copy) await store.put(copy);
  else await store.delete(redemptionId);
}

/**
 * The outcome of a points command. Accounts and redemptions the server sends replace the local
 * ones; a refused change goes back to the server's copy. Refusals a person must look at go to
 * 需要处理 — except an online redemption the server refused: the resident saw the reason at once
 * (or sees it in 我的), and nothing changed.
 */
export async function applyPointsOutcome(tx: OutcomeTx, command: Command, outcome: CommandOutcome, at: Date): Promise<void> {
  const applied = outcome.status === 'applied';
  await putAccounts(tx, outcome.pointsAccounts);
  const attention = async (extra: Partial<AttentionItem> = {}): Promise<void> => {
    await tx.objectStore('attention').put({ id: command.id, kind: outcome.status === 'conflict' ? 'conflict' : 'rejected', command, reason: outcome.reason ?? '', local: null, server: null, at: at.toISOString(), ...extra });
  };
  switch (command.type) {
    case 'points.redeem':
    case 'points.redeem-cancel':
    case 'points.handout': {
      const id = command.payload.redemptionId;
      if (applied) {
        if (outcome.redemption) await putRedemption(tx, outcome.redemption, command.id);
        else {
          const local = await tx.objectStore('redemptions').get(id);
          if (local?.pendingCommandId === command.id) await tx.objectStore('redemptions').put(redemptionWithoutLocalFields(local));
        }
        return;
      }
      await restoreRedemption(tx, id, command.id, outcome.redemption);
      if (command.type !== 'points.redeem' || command.payload.funding === 'kiosk-allowance') await attention();
      return;
    }
    case 'catalogue.save': {
      const store = tx.objectStore('catalogue');
      const local = await store.get(command.payload.itemId);
      const mine = local?.pendingCommandId === command.id;
      if (applied) {
        if (outcome.catalogueItem) {
          if (local?.pendingCommandId && !mine) await store.put({ ...local, serverCopy: outcome.catalogueItem });
          else await store.put(outcome.catalogueItem);
        } else if (local && mine) await store.put(catalogueWithoutLocalFields(local));
        return;
      }
      const server = outcome.catalogueItem ?? (local ? (local.pendingCommandId ? (local.serverCopy ?? null) : catalogueWithoutLocalFields(local)) : null);
      const localItem = catalogueFromSave(command, local?.stationId ?? server?.stationId ?? '');
      await attention({ localItem, serverItem: server });
      if (mine) {
        if (server) await store.put(server);
        else await store.delete(command.payload.itemId);
      } else if (local?.pendingCommandId && server) await store.put({ ...local, serverCopy: server });
      return;
    }
    case 'points.allowance-renew': {
      const meta = tx.objectStore('meta');
      const state = ((await meta.get('allowance')) as ReturnType<typeof emptyAllowanceState> | undefined) ?? emptyAllowanceState();
      await meta.put(withRenewOutcome(state, command.id, outcome.seq, applied ? (outcome.allowance ?? null) : null, at), 'allowance');
      return;
    }
    default:
      if (!applied) await attention();
  }
}

/** The item a catalogue.save would produce (what this kiosk tried to save). */
export function catalogueFromSave(command: Command<'catalogue.save'>, stationId: string): CatalogueItem {
  return { ...command.payload.draft, id: command.payload.itemId, stationId, revision: (command.payload.baseRevision ?? 0) + 1, updatedAt: command.createdAt };
}
