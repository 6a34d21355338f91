/**
 * Points fixtures for the kiosk tests: a small catalogue (洗衣液 with a monthly limit, 毛巾, 大米 sold
 * out, 理发 not yet redeemable), 张秀英's account with passbook lines, this kiosk's allowance, and a
 * fake server that answers points commands like the real one would.
 */
import { stationMonth, type CatalogueItem, type Command, type CommandOutcome, type KioskAllowance, type PointsAccountView, type PushRequest, type PushResponse, type Redemption } from '../../domain/index.ts';
import type { AllowanceState, KioskDb } from '../../kiosk/store/kiosk-db.ts';
import { NOW } from './kiosk-fixtures.ts';

export function item(over: Partial<CatalogueItem> & { id: string }): CatalogueItem {
  return {
    stationId: 's1',
    name: '商品',
    description: '',
    kind: 'goods',
    cost: 10,
    stock: 10,
    monthlyLimit: null,
    activeFrom: null,
    activeUntil: null,
    photo: null,
    retired: false,
    revision: 1,
    updatedAt: NOW.toISOString(),
    ...over,
  };
}

export const CATALOGUE: CatalogueItem[] = [
  item({ id: 'soap', name: '洗衣液', cost: 50, stock: 10, monthlyLimit: 2 }),
  item({ id: 'towel', name: '毛巾', cost: 20, stock: 5 }),
  item({ id: 'rice', name: '大米 5 斤', cost: 100, stock: 0 }),
  item({ id: 'haircut', name: '理发服务', kind: 'service', cost: 30, stock: 5, activeFrom: '2026-12-01T00:00:00.000Z' }),
];

export function account(over: Partial<PointsAccountView> = {}): PointsAccountView {
  return {
    residentId: 'r-zhang',
    balance: 120,
    held: 60,
    lines: [
      { transferId: 't-2', at: '2026-11-20T02:00:00.000Z', memo: '11月20日 消防演练', change: 30, balanceAfter: 180 },
      { transferId: 't-1', at: '2026-11-02T02:00:00.000Z', memo: '志愿服务 15 小时', change: 150, balanceAfter: 150 },
    ],
    rankingOptOut: false,
    ...over,
  };
}

export function allowance(over: Partial<KioskAllowance> = {}): KioskAllowance {
  return {
    deviceId: 'device-1',
    points: { 'r-zhang': 60 },
    stock: { soap: 2, towel: 3 },
    limits: { 'r-zhang:soap': 2 },
    month: stationMonth(NOW),
    renewedAt: NOW.toISOString(),
    ...over,
  };
}

export function allowanceStateOf(a: KioskAllowance | null): AllowanceState {
  return { allowance: a, renewSeq: a ? 1 : null, receivedAt: a ? NOW.toISOString() : null, spent: [], renewing: null, dirty: false };
}

/** Catalogue, accounts and (unless `allowance: null`) this kiosk's allowance, straight into the replica. */
export async function seedPoints(
  db: KioskDb,
  o: { items?: CatalogueItem[]; accounts?: PointsAccountView[]; allowance?: KioskAllowance | null; redemptions?: Redemption[]; deedPoints?: Record<string, number> } = {},
): Promise<void> {
  await db.run(async (conn) => {
    const tx = conn.transaction(['catalogue', 'pointsAccounts', 'meta', 'redemptions'], 'readwrite');
    for (const i of o.items ?? CATALOGUE) await tx.objectStore('catalogue').put(i);
    for (const a of o.accounts ?? [account()]) await tx.objectStore('pointsAccounts').put(a);
    for (const r of o.redemptions ?? []) await tx.objectStore('redemptions').put(r);
    await tx.objectStore('meta').put(allowanceStateOf(o.allowance === undefined ? allowance() : o.allowance), 'allowance');
    if (o.deedPoints) await tx.objectStore('meta').put({ stationId: 's1', points: { 'volunteer-hour': 10, 'hazard-report': 20, activity: 5, 'staff-award': 10, ...o.deedPoints } }, 'deedPoints');
    await tx.done;
  });
  db.notifyChanged();
}

export function redemption(over: Partial<Redemption> & { id: string }): Redemption {
  return {
    stationId: 's1',
    residentId: 'r-zhang',
    itemId: 'soap',
    itemName: '洗衣液',
    quantity: 1,
    cost: 50,
    voucherCode: 'ABCDEF',
    funding: 'online',
    deviceId: 'device-1',
    status: 'confirmed',
    createdAt: NOW.toISOString(),
    handedOutAt: null,
    cancelledAt: null,
    ...over,
  };
}

/** Answers like the station server: redemptions applied (or refused by `refuse`), a renew grants `grant`. */
export function pointsServer(o: { refuse?: (c: Command) => string | null; grant?: () => KioskAllowance; lastSeq?: { n: number } } = {}) {
  const last = o.lastSeq ?? { n: 0 };
  return (body: PushRequest): PushResponse => {
    const outcomes: CommandOutcome[] = [];
    for (const c of body.commands) {
      if (c.seq <= last.n) continue;
      last.n = c.seq;
      const reason = o.refuse?.(c) ?? null;
      if (reason) {
        outcomes.push({ seq: c.seq, commandId: c.id, status: 'rejected', reason });
        continue;
      }
      const out: CommandOutcome = { seq: c.seq, commandId: c.id, status: 'applied' };
      if (c.type === 'points.allowance-renew' && o.grant) out.allowance = o.grant();
      outcomes.push(out);
    }
    return { outcomes, lastSeq: last.n };
  };
}
