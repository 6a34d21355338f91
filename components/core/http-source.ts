/**
 * The LinliSource of websites: reads the station server's public API (docs/architecture.md)
 * with fetch, and listens to its server-sent "poke" events while anyone is subscribed.
 */
import type { Notice } from '../../domain/notice.ts';
import type { Station } from '../../domain/station.ts';
import { HttpBase } from './http-base.ts';
import { LinliSourceError, type LinliSource, type NoticeListQuery } from './source.ts';

export type { HttpSourceOptions } from './http-base.ts';

export class HttpSource extends HttpBase implements LinliSource {
  async station(): Promise<Station | null> {
    return this.get<Station>('', true);
  }

  async notices(query: NoticeListQuery): Promise<Notice[]> {
    const params = new URLSearchParams();
    for (const board of query.boards ?? []) params.append('board', board);
    if (query.limit !== undefined && query.limit > 0) params.set('limit', String(query.limit));
    const qs = params.toString();
    const body = await this.get<{ notices?: unknown }>(`/notices${qs ? `?${qs}` : ''}`, false);
    if (!Array.isArray(body?.notices)) throw new LinliSourceError('server', 'no notice list');
    return body.notices as Notice[];
  }

  async notice(id: string): Promise<Notice | null> {
    return this.get<Notice>(`/notices/${encodeURIComponent(id)}`, true);
  }

  noticeUrl(notice: Notice): string {
    const page = this.options.noticePage;
    if (page) {
      return page.replaceAll('{station}', encodeURIComponent(this.stationId)).replaceAll('{id}', encodeURIComponent(notice.id));
    }
    const here = new URL(globalThis.location?.href ?? this.api);
    here.hash = `linli-notice=${encodeURIComponent(notice.id)}`;
    return here.href;
  }
}
