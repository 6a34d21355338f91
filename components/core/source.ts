/**
 * The one data-source seam: every Linli component reads and writes through a LinliSource that
 * reaches it from the nearest provider through @lit/context. Websites get the HTTP source, the
 * kiosk provides its IndexedDB-backed source, tests provide an in-memory one.
 */
import { createContext } from '@lit/context';
import type { Board, Notice } from '../../domain/notice.ts';
import type { Station } from '../../domain/station.ts';
import type { PointsSource } from './points-source.ts';

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
}

export const linliSourceContext = createContext<LinliSource | undefined>(Symbol.for('linli-source'));

/** What went wrong reading a source, in kinds a component can explain in plain words. */
export type LinliSourceErrorKind = 'network' | 'server' | 'not-found';

/**
 * The one error type a LinliSource throws. Components show a plain sentence per `kind` from
 * their string tables (never `message`, which is for logs and may be in any language).
 */
export class LinliSourceError extends Error {
  readonly kind: LinliSourceErrorKind;
  /** The HTTP status, when there was a response. */
  readonly status: number | undefined;

  constructor(kind: LinliSourceErrorKind, message: string, status?: number) {
    super(message);
    this.name = 'LinliSourceError';
    this.kind = kind;
    this.status = status;
  }
}

/** Any thrown value as a LinliSourceError (an unknown failure counts as a network problem). */
export function toSourceError(err: unknown): LinliSourceError {
  if (err instanceof LinliSourceError) return err;
  return new LinliSourceError('network', err instanceof Error ? err.message : String(err));
}
