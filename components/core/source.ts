/**
 * The one data-source seam: every Linli component reads and writes through a LinliSource that
 * reaches it from the nearest provider through @lit/context. Websites get the HTTP source, the
 * kiosk provides its IndexedDB-backed source, tests provide an in-memory one.
 */
import { createContext } from '@lit/context';
import type { Board, Notice, Station } from '../../domain/index.ts';

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
}

export const linliSourceContext = createContext<LinliSource | undefined>(Symbol.for('linli-source'));
