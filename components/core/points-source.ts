/**
 * The optional points (积分) capability of a LinliSource: the public catalogue and ranking, and a
 * resident's own account and redemptions after signing in with phone + PIN. A source that has no
 * points (a kiosk build without them, an old server) leaves `LinliSource.points` undefined and the
 * points widgets say so in plain words.
 */
import type { CatalogueItem, PointsAccountView, PointsRanking, Redemption, RedeemRefusal } from '../../domain/points.ts';
import { LinliSourceError, toKindError, type LinliSourceErrorKind } from './source.ts';

export type RankingPeriod = 'year' | 'month';

/**
 * A signed-in resident on a website. The token lives in memory only (a widget field), never in
 * storage; the widget drops it on 退出登录 and after RESIDENT_SESSION_MS at the latest.
 */
export interface PointsSession {
  token: string;
  /** ISO-8601 UTC. */
  expiresAt: string;
  /** `name` may be the full name: render it only through maskName. `phone` is masked by the server. */
  resident: { id: string; name: string; building: string; phone: string };
}

/** A website drops a resident's session after this long, whatever the server says. */
export const RESIDENT_SESSION_MS = 30 * 60_000;
/** A redemption can be cancelled this long after it was made (until it is handed out). */
export const REDEEM_CANCEL_MS = 10 * 60_000;

export interface RedeemRequest {
  /** A fresh crypto.randomUUID() per decision; send the same one again to retry safely. */
  redemptionId: string;
  itemId: string;
  quantity: number;
}

export interface PointsAccountState {
  account: PointsAccountView;
  redemptions: Redemption[];
}

export interface RedemptionResult {
  redemption: Redemption;
  account: PointsAccountView;
}

export interface PointsSource {
  /** Items on offer (not retired), public. */
  catalogue(): Promise<CatalogueItem[]>;
  /** The public ranking: masked names, building totals, opt-outs left out. */
  ranking(period: RankingPeriod): Promise<PointsRanking>;
  /** Rejects with PointsError `wrong-pin` or `locked`. */
  signIn(phone: string, pin: string): Promise<PointsSession>;
  account(session: PointsSession): Promise<PointsAccountState>;
  /** Rejects with PointsError of a RedeemRefusal kind when the station says no (nothing changes). */
  redeem(session: PointsSession, request: RedeemRequest): Promise<RedemptionResult>;
  /** Rejects with PointsError `cannot-cancel` after 10 minutes or once handed out. */
  cancel(session: PointsSession, redemptionId: string): Promise<RedemptionResult>;
}

/** What went wrong with points, in kinds a widget explains with one plain sentence each. */
export type PointsErrorKind = LinliSourceErrorKind | RedeemRefusal | 'locked' | 'signed-out' | 'cannot-cancel';

const KINDS: ReadonlySet<string> = new Set<PointsErrorKind>([
  'wrong-pin',
  'unknown-item',
  'insufficient-points',
  'out-of-stock',
  'limit-reached',
  'not-active',
  'bad-quantity',
  'locked',
  'cannot-cancel',
]);

/** The kinds a server's `{ error }` code may name for points. */
export const POINTS_ERROR_KINDS: ReadonlySet<string> = KINDS;

/** Thrown by PointsSource methods. Widgets show a sentence per `kind`, never `message`. */
export type PointsError = LinliSourceError<PointsErrorKind>;
export const PointsError = LinliSourceError as new (kind: PointsErrorKind, message: string, status?: number) => PointsError;

/** Any thrown value as a PointsError (an unknown failure counts as a network problem). */
export function toPointsError(err: unknown): PointsError {
  return toKindError<PointsErrorKind>(err, KINDS);
}
