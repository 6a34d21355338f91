/**
 * In-memory points (积分) for tests and demos. It decides redemptions with the same domain rule
 * as the server (checkRedemption), so a widget test that is refused here is refused there too.
 */
import { maskPhone } from '../../domain/personal-data.ts';
import {
  checkRedemption,
  rankPoints,
  stationMonth,
  voucherCode,
  type CatalogueItem,
  type PointsAccountView,
  type PointsRanking,
  type Redemption,
} from '../../domain/points.ts';
import {
  PointsError,
  REDEEM_CANCEL_MS,
  RESIDENT_SESSION_MS,
  type PointsAccountState,
  type PointsSession,
  type PointsSource,
  type RankingPeriod,
  type RedeemRequest,
  type RedemptionResult,
} from './points-source.ts';

export interface MemoryResident {
  id: string;
  /** Full name: the source masks it wherever it is public. */
  name: string;
  /** Full phone (11 digits): only ever compared, never returned. */
  phone: string;
  pin: string;
  building: string;
  balance: number;
  /** Points earned this year and this month (for the ranking). */
  earnedYear: number;
  earnedMonth: number;
  optOut?: boolean;
}

export interface MemoryPointsOptions {
  stationId?: string;
  items?: CatalogueItem[];
  residents?: MemoryResident[];
  redemptions?: Redemption[];
  now?: () => Date;
  /** Added to every call, in milliseconds. */
  latency?: number;
}

/** Wrong PINs in a row before a phone is locked (the server's shared lockout does more). */
const LOCK_AFTER = 5;

export class MemoryPoints implements PointsSource {
  readonly items = new Map<string, CatalogueItem>();
  readonly residents = new Map<string, MemoryResident>();
  readonly redemptions: Redemption[];
  /** Every redeem request received, in order (tests check retries re-send the same id). */
  readonly redeemRequests: RedeemRequest[] = [];
  /** While set, every call rejects with it before doing anything. */
  error: Error | null = null;
  /** Apply the next redeem, then fail as if the answer was lost on the way back. */
  loseNextAnswer = false;
  private readonly options: MemoryPointsOptions;
  private readonly sessions = new Map<string, { residentId: string; expires: number }>();
  private readonly wrong = new Map<string, number>();

  constructor(options: MemoryPointsOptions = {}) {
    this.options = options;
    for (const i of options.items ?? []) this.items.set(i.id, { ...i });
    for (const r of options.residents ?? []) this.residents.set(r.id, { ...r });
    this.redemptions = [...(options.redemptions ?? [])];
  }

  private now(): Date {
    return this.options.now ? this.options.now() : new Date();
  }

  private async call<T>(work: () => T): Promise<T> {
    await new Promise((resolve) => setTimeout(resolve, this.options.latency ?? 0));
    if (this.error) throw this.error;
    return work();
  }

  private resident(session: PointsSession): MemoryResident {
    const s = this.sessions.get(session.token);
    const r = s && s.expires > this.now().getTime() ? this.residents.get(s.residentId) : undefined;
    if (!r) throw new PointsError('signed-out', 'no such session', 401);
    return r;
  }

  private view(r: MemoryResident): PointsAccountView {
    return { residentId: r.id, balance: r.balance, held: 0, lines: [], rankingOptOut: r.optOut ?? false };
  }

  catalogue(): Promise<CatalogueItem[]> {
    return this.call(() => [...this.items.values()].filter((i) => !i.retired).map((i) => ({ ...i })));
  }

  ranking(period: RankingPeriod): Promise<PointsRanking> {
    return this.call(() => {
      const month = stationMonth(this.now());
      const rows = [...this.residents.values()].map((r) => ({
        residentId: r.id,
        name: r.name,
        building: r.building,
        earned: period === 'month' ? r.earnedMonth : r.earnedYear,
        optOut: r.optOut ?? false,
      }));
      return rankPoints(rows, period === 'month' ? month : month.slice(0, 4));
    });
  }

  signIn(phone: string, pin: string): Promise<PointsSession> {
    return this.call(() => {
      if ((this.wrong.get(phone) ?? 0) >= LOCK_AFTER) throw new PointsError('locked', 'locked', 423);
      const r = [...this.residents.values()].find((x) => x.phone === phone);
      if (!r || r.pin !== pin) {
        this.wrong.set(phone, (this.wrong.get(phone) ?? 0) + 1);
        throw new PointsError('wrong-pin', 'wrong pin', 401);
      }
      this.wrong.delete(phone);
      const token = crypto.randomUUID();
      const expires = this.now().getTime() + RESIDENT_SESSION_MS;
      this.sessions.set(token, { residentId: r.id, expires });
      return { token, expiresAt: new Date(expires).toISOString(), resident: { id: r.id, name: r.name, building: r.building, phone: maskPhone(r.phone) } };
    });
  }

  account(session: PointsSession): Promise<PointsAccountState> {
    return this.call(() => {
      const r = this.resident(session);
      return { account: this.view(r), redemptions: this.redemptions.filter((x) => x.residentId === r.id).map((x) => ({ ...x })) };
    });
  }

  redeem(session: PointsSession, request: RedeemRequest): Promise<RedemptionResult> {
    return this.call(() => {
      this.redeemRequests.push({ ...request });
      const r = this.resident(session);
      const stored = this.redemptions.find((x) => x.id === request.redemptionId);
      if (stored) return { redemption: { ...stored }, account: this.view(r) };
      const item = this.items.get(request.itemId);
      const now = this.now();
      const month = stationMonth(now);
      const redeemedThisMonth = this.redemptions
        .filter((x) => x.residentId === r.id && x.itemId === request.itemId && x.status !== 'cancelled' && stationMonth(x.createdAt) === month)
        .reduce((n, x) => n + x.quantity, 0);
      const check = checkRedemption({ item, quantity: request.quantity, spendable: r.balance, stockAvailable: item?.stock ?? 0, redeemedThisMonth, now });
      if (!check.ok) throw new PointsError(check.refusal, check.refusal, check.refusal === 'unknown-item' ? 404 : 409);
      r.balance -= check.cost;
      item!.stock -= request.quantity;
      const redemption: Redemption = {
        id: request.redemptionId,
        stationId: this.options.stationId ?? item!.stationId,
        residentId: r.id,
        itemId: item!.id,
        itemName: item!.name,
        quantity: request.quantity,
        cost: check.cost,
        voucherCode: voucherCode(request.redemptionId),
        funding: 'online',
        deviceId: null,
        status: 'confirmed',
        createdAt: now.toISOString(),
        handedOutAt: null,
        cancelledAt: null,
      };
      this.redemptions.push(redemption);
      if (this.loseNextAnswer) {
        this.loseNextAnswer = false;
        throw new TypeError('Failed to fetch');
      }
      return { redemption: { ...redemption }, account: this.view(r) };
    });
  }

  cancel(session: PointsSession, redemptionId: string): Promise<RedemptionResult> {
    return this.call(() => {
      const r = this.resident(session);
      const x = this.redemptions.find((y) => y.id === redemptionId && y.residentId === r.id);
      const now = this.now();
      if (!x || x.status !== 'confirmed' || now.getTime() - Date.parse(x.createdAt) > REDEEM_CANCEL_MS) {
        throw new PointsError('cannot-cancel', 'cannot cancel', 409);
      }
      x.status = 'cancelled';
      x.cancelledAt = now.toISOString();
      r.balance += x.cost;
      const item = this.items.get(x.itemId);
      if (item) item.stock += x.quantity;
      return { redemption: { ...x }, account: this.view(r) };
    });
  }
}
