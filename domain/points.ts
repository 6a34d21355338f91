/**
 * Community points (积分): a double-entry ledger, the catalogue (积分超市), redemptions, offline
 * allowances and the public ranking. Pure rules only; the server and the kiosk call the same
 * functions (docs/architecture.md, "The points ledger").
 *
 * Every movement of points is a transfer between two accounts with a permanent UUID. Points are
 * whole numbers. A resident account can never go below zero; the station's `issued` account is
 * where earned points come from (it goes negative by exactly what has been issued), `spent` is
 * where redeemed points go, and a `hold` account (one per kiosk and resident) carries an offline
 * allowance: points moved out of the resident's account while online, spendable by that kiosk
 * alone while offline, released back on reconnect.
 */
import { maskName } from './personal-data.ts';

export type PointAccountKind = 'resident' | 'issued' | 'spent' | 'hold';

/** What a transfer is for. `reversal` undoes another transfer (with a reason); nothing is edited. */
export type TransferKind = 'earn' | 'redeem' | 'hold' | 'release' | 'reversal';

/** The deeds that earn points; each station sets how many points each earns. */
export type Deed = 'volunteer-hour' | 'hazard-report' | 'activity' | 'staff-award';
export const DEEDS: readonly Deed[] = ['volunteer-hour', 'hazard-report', 'activity', 'staff-award'];
export const DEED_LABELS: Record<Deed, string> = {
  'volunteer-hour': '志愿服务（每小时）',
  'hazard-report': '上报火情和安全隐患',
  activity: '参加社区活动',
  'staff-award': '工作人员奖励',
};
/** The table a new station starts with (staff change it). */
export const DEFAULT_DEED_POINTS: Record<Deed, number> = { 'volunteer-hour': 10, 'hazard-report': 20, activity: 5, 'staff-award': 10 };

export const POINTS_LIMITS = {
  /** The most points one transfer may move: a typo of 100000 must not pass. */
  transferMax: 10_000,
  reasonMax: 200,
  itemNameMax: 60,
  itemDescriptionMax: 2_000,
  stockMax: 100_000,
  costMax: 100_000,
  monthlyLimitMax: 100,
  quantityMax: 20,
  /** Residents named in one award (everyone who attended an activity). */
  awardResidentsMax: 500,
} as const;

export interface Transfer {
  /** Permanent UUID: a command retried after weeks still finds it and never applies twice. */
  id: string;
  stationId: string;
  kind: TransferKind;
  /** Account ids, e.g. `resident:<residentId>`, `issued:<stationId>`, `spent:<stationId>`, `hold:<deviceId>:<residentId>`. */
  from: string;
  to: string;
  /** Always > 0; direction is from → to. */
  amount: number;
  /** The resident whose passbook shows this line (null for none). */
  residentId: string | null;
  deed: Deed | null;
  /** Shown in the passbook and the audit log, e.g. "兑换 洗衣液 ×1", "冲正：重复录入". */
  memo: string;
  /** The redemption this belongs to, or the transfer a reversal reverses. */
  redemptionId: string | null;
  reverses: string | null;
  createdAt: string;
}

export function residentAccount(residentId: string): string {
  return `resident:${residentId}`;
}
export function issuedAccount(stationId: string): string {
  return `issued:${stationId}`;
}
export function spentAccount(stationId: string): string {
  return `spent:${stationId}`;
}
export function holdAccount(deviceId: string, residentId: string): string {
  return `hold:${deviceId}:${residentId}`;
}

/**
 * Balances from a list of transfers: every transfer takes `amount` from one account and gives it
 * to another, so the balances of all accounts always add up to zero.
 */
export function balancesOf(transfers: Iterable<Pick<Transfer, 'from' | 'to' | 'amount'>>): Map<string, number> {
  const balances = new Map<string, number>();
  for (const t of transfers) {
    balances.set(t.from, (balances.get(t.from) ?? 0) - t.amount);
    balances.set(t.to, (balances.get(t.to) ?? 0) + t.amount);
  }
  return balances;
}

/** The catalogue: goods or services residents redeem points for. */
export interface CatalogueItem {
  id: string;
  stationId: string;
  name: string;
  description: string;
  kind: 'goods' | 'service';
  /** Points per unit. */
  cost: number;
  /** Units left at the station (not counting units held as kiosk allowances). */
  stock: number;
  /** Most units one resident may redeem per calendar month (station time); null: no limit. */
  monthlyLimit: number | null;
  /** Redeemable from (inclusive) … until (exclusive); null: open. ISO-8601 UTC. */
  activeFrom: string | null;
  activeUntil: string | null;
  photo: string | null;
  retired: boolean;
  revision: number;
  updatedAt: string;
}

export type CatalogueItemDraft = Pick<
  CatalogueItem,
  'name' | 'description' | 'kind' | 'cost' | 'stock' | 'monthlyLimit' | 'activeFrom' | 'activeUntil' | 'photo' | 'retired'
>;

/** Why a redemption cannot be made, each with one plain sentence (see REDEEM_REFUSALS). */
export type RedeemRefusal = 'wrong-pin' | 'unknown-item' | 'insufficient-points' | 'out-of-stock' | 'limit-reached' | 'not-active' | 'bad-quantity';

export const REDEEM_REFUSALS: Record<RedeemRefusal, string> = {
  'wrong-pin': '手机号或密码不对，没有兑换',
  'unknown-item': '没有找到这件商品，可能已经下架了，没有兑换',
  'insufficient-points': '积分不够，没有兑换',
  'out-of-stock': '这件商品已经兑换完了，没有兑换',
  'limit-reached': '这件商品本月的兑换次数已经用完了，下个月再来，没有兑换',
  'not-active': '这件商品现在不在兑换时间内，没有兑换',
  'bad-quantity': '兑换数量不对，没有兑换',
};

export interface RedeemCheckInput {
  item: CatalogueItem | null | undefined;
  quantity: number;
  /** Points the resident can spend here: account balance (online), or this kiosk's hold (offline). */
  spendable: number;
  /** Units this redemption may take: item stock (online), or this kiosk's stock hold (offline). */
  stockAvailable: number;
  /** Units of this item the resident has already redeemed (not reversed) this station-time month. */
  redeemedThisMonth: number;
  now: Date;
}

/** The one rule for "may this redemption happen", used by the server and, offline, the kiosk. */
export function checkRedemption(input: RedeemCheckInput): { ok: true; cost: number } | { ok: false; refusal: RedeemRefusal } {
  const { item, quantity, now } = input;
  if (!item || item.retired) return { ok: false, refusal: 'unknown-item' };
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > POINTS_LIMITS.quantityMax) return { ok: false, refusal: 'bad-quantity' };
  const t = now.getTime();
  if ((item.activeFrom && t < Date.parse(item.activeFrom)) || (item.activeUntil && t >= Date.parse(item.activeUntil))) {
    return { ok: false, refusal: 'not-active' };
  }
  if (item.monthlyLimit !== null && input.redeemedThisMonth + quantity > item.monthlyLimit) return { ok: false, refusal: 'limit-reached' };
  if (input.stockAvailable < quantity) return { ok: false, refusal: 'out-of-stock' };
  const cost = item.cost * quantity;
  if (input.spendable < cost) return { ok: false, refusal: 'insufficient-points' };
  return { ok: true, cost };
}

/** "2026-11" — the calendar month in station time (UTC+8, no daylight saving). */
export function stationMonth(at: Date | string): string {
  const t = typeof at === 'string' ? Date.parse(at) : at.getTime();
  return new Date(t + 8 * 60 * 60_000).toISOString().slice(0, 7);
}

/** The voucher code staff ask for at hand-out: 6 characters, no 0/O/1/I/L, from the redemption id. */
export const VOUCHER_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export function voucherCode(redemptionId: string): string {
  // Derived, not random: a kiosk offline and the server compute the same code for a redemption.
  const hex = redemptionId.replace(/-/g, '');
  let n = BigInt(`0x${hex.slice(0, 15)}`) ^ BigInt(`0x${hex.slice(17, 32)}`);
  let code = '';
  for (let i = 0; i < 6; i++) {
    code += VOUCHER_ALPHABET[Number(n % 31n)];
    n /= 31n;
  }
  return code;
}

export type RedemptionStatus = 'confirmed' | 'handed-out' | 'cancelled';

export interface Redemption {
  id: string;
  stationId: string;
  residentId: string;
  itemId: string;
  itemName: string;
  quantity: number;
  cost: number;
  voucherCode: string;
  /** `kiosk-allowance` was confirmed offline from a hold; `online` the server decided. */
  funding: 'online' | 'kiosk-allowance';
  deviceId: string | null;
  status: RedemptionStatus;
  createdAt: string;
  handedOutAt: string | null;
  cancelledAt: string | null;
}

/**
 * What a kiosk may spend offline, set by the server while online (the outcome of a
 * `points.allowance-renew` command). The holds of all kiosks together never exceed what the
 * resident has, and stock holds never exceed the stock, so nothing a kiosk confirms offline can
 * be refused later.
 */
export interface KioskAllowance {
  deviceId: string;
  /** residentId → points held for this kiosk. */
  points: Record<string, number>;
  /** itemId → units held for this kiosk. */
  stock: Record<string, number>;
  /** `${residentId}:${itemId}` → units of a monthly-limited item this kiosk may still give that resident this month. */
  limits: Record<string, number>;
  month: string;
  renewedAt: string;
}

/** A resident's points as the kiosk and the resident see them (replicated entity `points-account`). */
export interface PointsAccountView {
  residentId: string;
  /** In the resident's own account (spendable online). */
  balance: number;
  /** Held for kiosks (spendable there offline); balance + held is what the resident owns. */
  held: number;
  /** Passbook lines, newest first (at most PASSBOOK_REPLICA_LINES). */
  lines: PassbookLine[];
  /** The resident asked to be left out of the public ranking. */
  rankingOptOut: boolean;
}
export const PASSBOOK_REPLICA_LINES = 100;

/** One line of the 存折: date, what, in, out, balance after (holds and releases are not shown). */
export interface PassbookLine {
  transferId: string;
  at: string;
  memo: string;
  /** +earned or −spent (reversals carry the opposite sign of what they reverse). */
  change: number;
  /** What the resident owns after this line (balance + held). */
  balanceAfter: number;
}

/** Public ranking entry: never a full name, never a phone. */
export interface RankingEntry {
  rank: number;
  /** 张*华 */
  name: string;
  building: string;
  points: number;
}
export interface BuildingTotal {
  building: string;
  points: number;
  residents: number;
}
export interface PointsRanking {
  /** The period the points were earned in, e.g. "2026" (station time). */
  period: string;
  residents: RankingEntry[];
  buildings: BuildingTotal[];
}

export interface RankingInput {
  residentId: string;
  name: string;
  building: string;
  earned: number;
  optOut: boolean;
}

/**
 * The public ranking: names masked, equal points share a rank (1, 2, 2, 4). A resident who opted
 * out is left out of everything public, building totals included (a building of one would name them).
 */
export function rankPoints(rows: readonly RankingInput[], period: string, top = 50): PointsRanking {
  const listed = rows
    .filter((r) => !r.optOut && r.earned > 0)
    .sort((a, b) => b.earned - a.earned || a.building.localeCompare(b.building, 'zh-CN') || (a.residentId < b.residentId ? -1 : 1));
  const residents: RankingEntry[] = [];
  listed.slice(0, top).forEach((r, i) => {
    const rank = i > 0 && residents[i - 1]!.points === r.earned ? residents[i - 1]!.rank : i + 1;
    residents.push({ rank, name: maskName(r.name), building: r.building, points: r.earned });
  });
  const byBuilding = new Map<string, BuildingTotal>();
  for (const r of rows) {
    if (r.optOut || r.earned <= 0) continue;
    const b = byBuilding.get(r.building) ?? { building: r.building, points: 0, residents: 0 };
    b.points += r.earned;
    b.residents += 1;
    byBuilding.set(r.building, b);
  }
  const buildings = [...byBuilding.values()].sort((a, b) => b.points - a.points || a.building.localeCompare(b.building, 'zh-CN'));
  return { period, residents, buildings };
}

/** The most points one kiosk may hold for one resident (its offline allowance). */
export const ALLOWANCE_POINTS_MAX = 200;
/** The most units of one item one kiosk may hold. */
export const ALLOWANCE_STOCK_MAX = 10;

/**
 * The points a kiosk should hold for a resident after a renew: half of what the resident owns
 * here (their balance plus this kiosk's current hold), capped. Half, so a second kiosk renewing
 * next still gets something, and the resident can still spend online.
 */
export function allowanceTarget(balance: number, currentHold: number): number {
  return Math.min(ALLOWANCE_POINTS_MAX, Math.floor((balance + currentHold) / 2));
}
export function stockHoldTarget(stock: number, currentHold: number): number {
  return Math.min(ALLOWANCE_STOCK_MAX, Math.floor((stock + currentHold) / 2));
}
/** Units of a monthly limit a kiosk may give offline: half of what is left, rounded up. */
export function limitHoldTarget(remaining: number): number {
  return remaining <= 0 ? 0 : Math.ceil(remaining / 2);
}

/** Is the item redeemable at this moment (dates only; stock and limits are checkRedemption's)? */
export function isItemActive(item: Pick<CatalogueItem, 'activeFrom' | 'activeUntil' | 'retired'>, now: Date): boolean {
  const t = now.getTime();
  if (item.retired) return false;
  if (item.activeFrom && t < Date.parse(item.activeFrom)) return false;
  return !(item.activeUntil && t >= Date.parse(item.activeUntil));
}

/** The catalogue as residents browse it: active now, cheapest first, then by name. */
export function selectShopItems(items: Iterable<CatalogueItem>, now: Date): CatalogueItem[] {
  return [...items].filter((i) => isItemActive(i, now)).sort((a, b) => a.cost - b.cost || a.name.localeCompare(b.name, 'zh-CN'));
}

/** "2026" — the calendar year in station time. */
export function stationYear(at: Date | string): string {
  return stationMonth(at).slice(0, 4);
}

/** UTC bounds [from, until) of a station-time period "2026" or "2026-11". */
export function stationPeriodBounds(period: string): { from: string; until: string } {
  const [y, m] = period.split('-').map(Number) as [number, number | undefined];
  const offset = 8 * 60 * 60_000;
  const start = m === undefined ? Date.UTC(y, 0, 1) : Date.UTC(y, m - 1, 1);
  const end = m === undefined ? Date.UTC(y + 1, 0, 1) : Date.UTC(y, m, 1);
  return { from: new Date(start - offset).toISOString(), until: new Date(end - offset).toISOString() };
}

function isSafePhotoUrl(url: string): boolean {
  if (url.startsWith('/') && !url.startsWith('//')) return true;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Content rules for a catalogue item, each broken rule named in plain words (empty: fine). */
export function validateCatalogueItemDraft(draft: CatalogueItemDraft): Partial<Record<keyof CatalogueItemDraft, string>> {
  const problems: Partial<Record<keyof CatalogueItemDraft, string>> = {};
  const name = draft.name.trim();
  if (name.length === 0) problems.name = '请填写商品名称';
  else if (name.length > POINTS_LIMITS.itemNameMax) problems.name = `商品名称最多 ${POINTS_LIMITS.itemNameMax} 个字`;
  if (draft.description.length > POINTS_LIMITS.itemDescriptionMax) problems.description = `商品说明最多 ${POINTS_LIMITS.itemDescriptionMax} 个字`;
  if (!Number.isInteger(draft.cost) || draft.cost < 1 || draft.cost > POINTS_LIMITS.costMax) {
    problems.cost = `所需积分要填 1 到 ${POINTS_LIMITS.costMax} 之间的整数`;
  }
  if (!Number.isInteger(draft.stock) || draft.stock < 0 || draft.stock > POINTS_LIMITS.stockMax) {
    problems.stock = `库存要填 0 到 ${POINTS_LIMITS.stockMax} 之间的整数`;
  }
  if (draft.monthlyLimit !== null && (!Number.isInteger(draft.monthlyLimit) || draft.monthlyLimit < 1 || draft.monthlyLimit > POINTS_LIMITS.monthlyLimitMax)) {
    problems.monthlyLimit = `每月限兑要填 1 到 ${POINTS_LIMITS.monthlyLimitMax} 之间的整数，或者不限`;
  }
  const from = draft.activeFrom === null ? null : Date.parse(draft.activeFrom);
  const until = draft.activeUntil === null ? null : Date.parse(draft.activeUntil);
  if (from !== null && Number.isNaN(from)) problems.activeFrom = '开始兑换的时间不是有效的日期';
  if (until !== null && Number.isNaN(until)) problems.activeUntil = '结束兑换的时间不是有效的日期';
  else if (from !== null && until !== null && !Number.isNaN(from) && until <= from) problems.activeUntil = '结束兑换的时间要晚于开始兑换的时间';
  if (draft.photo !== null && !isSafePhotoUrl(draft.photo)) problems.photo = '图片地址要以 http:// 或 https:// 或 / 开头';
  return problems;
}

/** Who a passbook line belongs to: the resident's own account or one of their kiosk holds. */
export function isResidentSide(account: string, residentId: string): boolean {
  return account === residentAccount(residentId) || (account.startsWith('hold:') && account.endsWith(`:${residentId}`));
}

/**
 * Passbook lines (newest first) from the resident's transfers, newest first: holds and releases
 * move points between the resident's own pockets and are left out. `owned` is balance + held
 * now; each line's balanceAfter is found by walking back from it.
 */
export function passbookLines(transfers: readonly Transfer[], residentId: string, owned: number): PassbookLine[] {
  const lines: PassbookLine[] = [];
  let after = owned;
  for (const t of transfers) {
    if (t.kind === 'hold' || t.kind === 'release') continue;
    const change = isResidentSide(t.to, residentId) ? t.amount : -t.amount;
    lines.push({ transferId: t.id, at: t.createdAt, memo: t.memo, change, balanceAfter: after });
    after -= change;
  }
  return lines;
}
