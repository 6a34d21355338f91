/**
 * Demo points for 幸福里: the station's deed table, a small 积分超市 (one item not yet on sale,
 * one past its dates, one sold out), points the demo residents earned over the last weeks, one
 * resident who asked to stay out of the public ranking, and a couple of redemptions.
 */
import type { Transaction } from 'kysely';
import { DEFAULT_DEED_POINTS, type CatalogueItemDraft, type Deed } from '../../domain/index.ts';
import { recordChange } from '../content/changes.ts';
import type { Database } from '../db/schema.ts';
import { awardPoints, saveDeedPoints } from '../points/awards.ts';
import { catalogueItemFromRow, handOut, publishAccount, redeem, type LedgerScope } from '../points/ledger.ts';

function demoId(kind: number, n: number): string {
  return `e1b2c3d4-5e6f-4a7b-8c9d-${String(kind).padStart(4, '0')}${String(n).padStart(8, '0')}`;
}
export const demoItemId = (n: number) => demoId(1, n);

type DemoItem = CatalogueItemDraft & { n: number };

/** Dates relative to the seed time, so "not yet" and "expired" stay true whenever the demo starts. */
export function demoCatalogue(at: (days: number) => string): DemoItem[] {
  const goods = (n: number, name: string, cost: number, stock: number, description: string, over: Partial<CatalogueItemDraft> = {}): DemoItem => ({
    n,
    name,
    description,
    kind: 'goods',
    cost,
    stock,
    monthlyLimit: null,
    activeFrom: null,
    activeUntil: null,
    photo: null,
    retired: false,
    ...over,
  });
  return [
    goods(1, '洗衣液 1 瓶（2 公斤）', 80, 30, '立白洗衣液，2 公斤装。'),
    goods(2, '鸡蛋一盒（10 枚）', 50, 40, '新鲜鸡蛋，服务站当天领取。'),
    goods(3, '理发服务', 30, 20, '每周三上午 9:00–11:30，社区志愿理发师在服务站为老人理发。', { kind: 'service' }),
    goods(4, '量血压、测血糖', 10, 100, '由社区医生在服务站测量，并给出健康建议。', { kind: 'service' }),
    goods(5, '大米 5 斤', 150, 15, '东北大米，每人每月限兑 1 袋。', { monthlyLimit: 1 }),
    goods(6, '挂面 2 斤', 40, 25, '鸡蛋挂面，两包装。'),
    goods(7, '香皂 3 块', 25, 50, '舒肤佳香皂，三块装。'),
    goods(8, '毛巾 2 条', 60, 0, '纯棉毛巾，已经兑换完了，下批到货后补上。'),
    goods(9, '春节对联和福字', 20, 60, '春节前开放兑换。', { activeFrom: at(20) }),
    goods(10, '中秋月饼一盒', 100, 12, '中秋节活动礼品，已过兑换时间。', { activeFrom: at(-60), activeUntil: at(-10) }),
    goods(11, '上门助浴服务（一次）', 120, 8, '由助老员上门协助洗浴，每人每月最多 2 次，请提前一天预约。', { kind: 'service', monthlyLimit: 2 }),
  ];
}

/** [resident index in the station's demo list, deed, points or null for the table, memo, days ago] */
const EARNINGS: [number, Deed, number | null, string, number][] = [
  [0, 'volunteer-hour', 30, '11月 社区垃圾分类引导志愿服务 3 小时', 20],
  [0, 'activity', null, '参加 重阳节敬老茶话会', 15],
  [0, 'hazard-report', null, '上报 3 号楼楼道堆放杂物（消防隐患）', 8],
  [0, 'volunteer-hour', 20, '社区文艺队排练志愿服务 2 小时', 3],
  [1, 'volunteer-hour', 40, '为独居老人送餐志愿服务 4 小时', 18],
  [1, 'activity', null, '参加 防范电信诈骗讲座', 12],
  [2, 'hazard-report', null, '上报 3 号楼电动车楼道充电（火灾隐患）', 25],
  [2, 'activity', null, '参加 消防演练', 9],
  [2, 'staff-award', 15, '协助整理服务站图书角', 4],
  [3, 'activity', null, '参加 健康讲座：冬季防跌倒', 11],
  [4, 'volunteer-hour', 60, '小区巡逻志愿服务 6 小时', 16],
  [4, 'hazard-report', null, '上报 7 号楼外墙瓷砖松动', 6],
  [5, 'volunteer-hour', 50, '社区核酸点旧址清理志愿服务 5 小时', 14],
  [5, 'activity', null, '参加 书法兴趣班', 5],
];

export async function seedDemoPoints(
  trx: Transaction<Database>,
  stationId: string,
  residentIds: readonly string[],
  optOutResidentId: string,
  now: Date,
  at: (days: number) => string,
): Promise<void> {
  // The seed runs alone in one transaction before the server starts: no row locks needed.
  const scopeAt = (iso: string): LedgerScope => ({ trx, dialect: 'sqlite', stationId, now: new Date(iso) });
  await saveDeedPoints(trx, stationId, { ...DEFAULT_DEED_POINTS }, now);

  const t = now.toISOString();
  for (const item of demoCatalogue(at)) {
    const { n, ...draft } = item;
    const row = {
      id: demoItemId(n),
      station_id: stationId,
      name: draft.name,
      description: draft.description,
      kind: draft.kind,
      cost: draft.cost,
      stock: draft.stock,
      monthly_limit: draft.monthlyLimit,
      active_from: draft.activeFrom,
      active_until: draft.activeUntil,
      photo: draft.photo,
      retired: 0 as const,
      revision: 1,
      created_at: t,
      updated_at: t,
    };
    await trx.insertInto('catalogue_items').values(row).execute();
  }

  for (const [i, [who, deed, points, memo, daysAgo]] of EARNINGS.entries()) {
    await awardPoints(scopeAt(at(-daysAgo)), { awards: [{ residentId: residentIds[who]!, transferId: demoId(2, i + 1) }], deed, points, memo });
  }
  await trx.updateTable('residents').set({ ranking_opt_out: 1 }).where('id', '=', optOutResidentId).execute();

  const redemptions = [
    { who: 0, item: 2, daysAgo: 2, handedOut: true },
    { who: 2, item: 3, daysAgo: 1, handedOut: false },
    { who: 4, item: 7, daysAgo: 1, handedOut: false },
  ];
  for (const [i, r] of redemptions.entries()) {
    const when = at(-r.daysAgo);
    const result = await redeem(scopeAt(when), {
      redemptionId: demoId(3, i + 1),
      transferId: demoId(4, i + 1),
      residentId: residentIds[r.who]!,
      itemId: demoItemId(r.item),
      quantity: 1,
      funding: 'online',
      deviceId: null,
      createdAt: new Date(when),
    });
    if (!result.ok) throw new Error(`demo redemption ${i + 1}: ${result.reason}`);
    const final = r.handedOut ? await handOut(scopeAt(when), result.redemption.id) : { ok: true as const, redemption: result.redemption };
    if (!final.ok) throw new Error(final.reason);
    await recordChange(trx, stationId, 'redemption', final.redemption.id, final.redemption);
  }

  for (const row of await trx.selectFrom('catalogue_items').selectAll().where('station_id', '=', stationId).orderBy('id').execute()) {
    await recordChange(trx, stationId, 'catalogue-item', row.id, catalogueItemFromRow(row));
  }
  for (const residentId of residentIds) await publishAccount(scopeAt(t), residentId);
}
