/** Reads of the points data for the HTTP routes: the shop, the public ranking, lists and the CSV export. */
import type { Kysely } from 'kysely';
import {
  DEED_LABELS,
  rankPoints,
  selectShopItems,
  stationMonth,
  stationPeriodBounds,
  stationYear,
  type CatalogueItem,
  type Deed,
  type PointsRanking,
  type Redemption,
  type RedemptionStatus,
} from '../../domain/index.ts';
import type { Database } from '../db/schema.ts';
import { catalogueItemFromRow, redemptionFromRow } from './ledger.ts';

export async function shopItems(db: Kysely<Database>, stationId: string, now: Date): Promise<CatalogueItem[]> {
  const rows = await db.selectFrom('catalogue_items').selectAll().where('station_id', '=', stationId).where('retired', '=', 0).execute();
  return selectShopItems(rows.map(catalogueItemFromRow), now);
}

/**
 * Points earned in a station-time period (earnings minus those reversed), ranked with masked
 * names; residents who opted out are left out by rankPoints.
 */
export async function pointsRanking(db: Kysely<Database>, stationId: string, period: 'year' | 'month', now: Date): Promise<PointsRanking> {
  const label = period === 'year' ? stationYear(now) : stationMonth(now);
  const { from, until } = stationPeriodBounds(label);
  const rows = await db
    .selectFrom('transfers as t')
    .innerJoin('residents as r', 'r.id', 't.resident_id')
    .select(['r.id', 'r.name', 'r.building', 'r.ranking_opt_out', (eb) => eb.fn.sum<number | string>('t.amount').as('earned')])
    .where('t.station_id', '=', stationId)
    .where('t.kind', '=', 'earn')
    .where('t.created_at', '>=', from)
    .where('t.created_at', '<', until)
    .where('r.active', '=', 1)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('transfers as x').select('x.id').whereRef('x.reverses', '=', 't.id'))))
    .groupBy(['r.id', 'r.name', 'r.building', 'r.ranking_opt_out'])
    .execute();
  return rankPoints(
    rows.map((r) => ({ residentId: r.id, name: r.name, building: r.building, earned: Number(r.earned), optOut: r.ranking_opt_out === 1 })),
    label,
    50,
  );
}

export async function residentRedemptions(db: Kysely<Database>, residentId: string, limit = 50): Promise<Redemption[]> {
  const rows = await db.selectFrom('redemptions').selectAll().where('resident_id', '=', residentId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map(redemptionFromRow);
}

export async function stationRedemptions(db: Kysely<Database>, stationId: string, filter: { code?: string; status?: RedemptionStatus }, limit = 200): Promise<Redemption[]> {
  let q = db.selectFrom('redemptions').selectAll().where('station_id', '=', stationId);
  if (filter.code) q = q.where('voucher_code', '=', filter.code.toUpperCase());
  if (filter.status) q = q.where('status', '=', filter.status);
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map(redemptionFromRow);
}

const KIND_LABELS: Record<string, string> = { earn: '获得', redeem: '兑换', hold: '一体机保留', release: '保留退回', reversal: '冲正' };

/** A spreadsheet treats a cell starting with = + - @ (or a tab / CR) as a formula: make it text. */
export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

function accountLabel(account: string, names: Map<string, string>): string {
  const [kind, a, b] = account.split(':');
  if (kind === 'resident') return `居民 ${names.get(a!) ?? a}`;
  if (kind === 'hold') return `一体机保留（${names.get(b!) ?? b}）`;
  return kind === 'issued' ? '服务站发放' : '服务站兑出';
}

/**
 * The whole ledger of a station as CSV for Excel: UTF-8 with a BOM, a Chinese header row, names
 * (staff may see them) but never phone numbers.
 */
export async function ledgerCsv(db: Kysely<Database>, stationId: string): Promise<string> {
  const residents = await db.selectFrom('residents').select(['id', 'name', 'building']).where('station_id', '=', stationId).execute();
  const names = new Map(residents.map((r) => [r.id, r.name]));
  const buildings = new Map(residents.map((r) => [r.id, r.building]));
  const transfers = await db.selectFrom('transfers').selectAll().where('station_id', '=', stationId).orderBy('created_at').orderBy('id').execute();
  const header = ['时间', '记录编号', '类型', '居民', '楼号', '转出', '转入', '积分', '事项', '说明', '兑换编号', '冲正的记录'];
  const lines = [header.map(csvCell).join(',')];
  for (const t of transfers) {
    lines.push(
      [
        t.created_at,
        t.id,
        KIND_LABELS[t.kind] ?? t.kind,
        t.resident_id ? (names.get(t.resident_id) ?? '') : '',
        t.resident_id ? (buildings.get(t.resident_id) ?? '') : '',
        accountLabel(t.from_account, names),
        accountLabel(t.to_account, names),
        t.amount,
        t.deed ? DEED_LABELS[t.deed as Deed] : '',
        t.memo,
        t.redemption_id,
        t.reverses,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
