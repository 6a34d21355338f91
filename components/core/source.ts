/**
 * The one data-source seam: every Linli component reads and writes through a LinliSource that
 * reaches it from the nearest provider through @lit/context. Websites get the HTTP source, the
 * kiosk provides its IndexedDB-backed source, tests provide an in-memory one.
 */
import { createContext } from '@lit/context';
import type { Board, Notice } from '../../domain/notice.ts';
import type { Station } from '../../domain/station.ts';
import type { MealsSource } from './meals-source.ts';
import type { PointsSource } from './points-source.ts';
import type { VolunteerSource } from './volunteer-source.ts';

export interface NoticeListQuery {
  boards?: readonly Board[];
  limit?: number;
}

export interface LinliSource {
  /** The station this source serves. */
  station(): Promise<Station | null>;
  /** Visible notices (published, not expired, not retired) of the boards, pinned first. */
  notices(query: NoticeListQuery): Promise<Notice[]>;
  /** One notice by id, or null when it does not exist or is not visible. */
  notice(id: string): Promise<Notice | null>;
  /** The public URL of a notice, for its QR code and poster. */
  noticeUrl(notice: Notice): string;
  /** Call back whenever the source's data may have changed; returns an unsubscribe function. */
  subscribe(onChange: () => void): () => void;
  /** Points (积分): optional, so a source without them (the kiosk's, say) need not implement it. */
  readonly points?: PointsSource;
  /** Meals (老年助餐): optional in the same way. */
  readonly meals?: MealsSource;
  /** Volunteering (志愿服务): optional in the same way. */
  readonly volunteer?: VolunteerSource;
}

export const linliSourceContext = createContext<LinliSource | undefined>(Symbol.for('linli-source'));

/** What went wrong reading a source, in kinds a component can explain in plain words. */
export type LinliSourceErrorKind = 'network' | 'server' | 'not-found';

/**
 * The one error type a LinliSource throws (its points and meals too, with their own kinds).
 * Components show a plain sentence per `kind` from their string tables (never `message`, which
 * is for logs and may be in any language).
 */
export class LinliSourceError<K extends string = LinliSourceErrorKind> extends Error {
  readonly kind: K;
  /** The HTTP status, when there was a response. */
  readonly status: number | undefined;

  constructor(kind: K, message: string, status?: number) {
    super(message);
    this.name = 'LinliSourceError';
    this.kind = kind;
    this.status = status;
  }
}

/** Any thrown value as a LinliSourceError (an unknown failure counts as a network problem). */
export function toSourceError(err: unknown): LinliSourceError {
  if (err instanceof LinliSourceError) return err as LinliSourceError;
  return new LinliSourceError('network', err instanceof Error ? err.message : String(err));
}

/**
 * Any thrown value as an error of a capability's kinds (points, meals): a LinliSourceError keeps
 * the kind it was thrown with; another error naming a `known` kind keeps it; anything else counts
 * as a network problem.
 */
export function toKindError<K extends string>(err: unknown, known: ReadonlySet<string>): LinliSourceError<K> {
  if (err instanceof LinliSourceError) return err as LinliSourceError<K>;
  const e = err instanceof Error ? (err as Error & { kind?: unknown; status?: unknown }) : null;
  const kind = typeof e?.kind === 'string' && known.has(e.kind) ? e.kind : 'network';
  return new LinliSourceError(kind as K, e ? e.message : String(err), typeof e?.status === 'number' ? e.status : undefined);
}
