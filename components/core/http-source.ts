/**
 * The LinliSource of websites: reads the station server's public API (docs/architecture.md)
 * with fetch, and listens to its server-sent "poke" events while anyone is subscribed.
 */
import type { Notice, Station } from '../../domain/index.ts';
import { LinliSourceError, type LinliSource, type NoticeListQuery } from './source.ts';

export interface HttpSourceOptions {
  /** The fetch to use; defaults to the global one, looked up on every call. */
  fetch?: typeof fetch;
  /**
   * Where a notice can be read by a person (its QR code and poster point here). `{station}` and
   * `{id}` are replaced. Default: the current page with `#linli-notice=<id>`, which a notice
   * board on that page opens on load.
   */
  noticePage?: string;
}

export class HttpSource implements LinliSource {
  readonly api: string;
  readonly stationId: string;
  private readonly options: HttpSourceOptions;
  private readonly listeners = new Set<() => void>();
  private events: EventSource | null = null;

  constructor(api: string, stationId: string, options: HttpSourceOptions = {}) {
    this.api = api.replace(/\/+$/, '');
    this.stationId = stationId;
    this.options = options;
  }

  private url(path: string): string {
    return `${this.api}/stations/${encodeURIComponent(this.stationId)}${path}`;
  }

  /** GET a JSON document; a 404 is null when `missingIsNull`, any other failure a LinliSourceError. */
  private async get<T>(path: string, missingIsNull: boolean): Promise<T | null> {
    let res: Response;
    try {
      // no-cache: always revalidate (a cheap 304 thanks to the ETag), so a refetch after a poke
      // never shows the copy the browser cached a few seconds earlier.
      res = await (this.options.fetch ?? fetch)(this.url(path), { headers: { Accept: 'application/json' }, credentials: 'omit', cache: 'no-cache' });
    } catch (err) {
      throw new LinliSourceError('network', String(err));
    }
    if (res.status === 404 && missingIsNull) return null;
    // The body's `message` is for staff logs; the UI explains by kind, in the reader's language.
    if (!res.ok) throw new LinliSourceError(res.status === 404 ? 'not-found' : 'server', `HTTP ${res.status}`, res.status);
    // A body that is not JSON (a captive portal's login page, say) fails here and, like any
    // failure to reach the API, reads as a network problem.
    return res.json() as Promise<T>;
  }

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

  subscribe(onChange: () => void): () => void {
    // A wrapper per subscription, so subscribing the same callback twice needs two unsubscribes.
    const listener = (): void => onChange();
    this.listeners.add(listener);
    if (!this.events && typeof EventSource === 'function') {
      this.events = new EventSource(this.url('/events'));
      this.events.addEventListener('poke', () => {
        for (const l of [...this.listeners]) l();
      });
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.events) {
        this.events.close();
        this.events = null;
      }
    };
  }
}
