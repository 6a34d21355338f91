/**
 * What every website source shares: the station server's API base, GET of public JSON documents
 * (revalidated with the ETag) and the server-sent "poke" events while anyone is subscribed.
 * HttpSource adds the notices; httpPoints() adds points to either.
 */
import type { MealsSource } from './meals-source.ts';
import type { PointsSource } from './points-source.ts';
import { LinliSourceError } from './source.ts';
import type { VolunteerSource } from './volunteer-source.ts';

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

type ResidentCalls = typeof import('./http-resident-auth.ts');
let residentCalls: Promise<ResidentCalls> | null = null;

/**
 * The resident's own calls (sign-in, then with the token), loaded on the first sign-in: reading a
 * catalogue, a ranking or a menu never needs them. Shared by points, meals and volunteering.
 */
export function signedInCalls(): Promise<ResidentCalls> {
  return (residentCalls ??= import('./http-resident-auth.ts').catch((err: unknown) => {
    residentCalls = null;
    throw err;
  }));
}

export class HttpBase {
  readonly api: string;
  readonly stationId: string;
  readonly options: HttpSourceOptions;
  /** Points (积分), when installed with withPoints(). */
  declare points?: PointsSource;
  /** Meals (老年助餐), when installed with withMeals(). */
  declare meals?: MealsSource;
  /** Volunteering (志愿服务), when installed with withVolunteer(). */
  declare volunteer?: VolunteerSource;
  private readonly listeners = new Set<() => void>();
  private events: EventSource | null = null;

  constructor(api: string, stationId: string, options: HttpSourceOptions = {}) {
    this.api = api.replace(/\/+$/, '');
    this.stationId = stationId;
    this.options = options;
  }

  url(path: string): string {
    return `${this.api}/stations/${encodeURIComponent(this.stationId)}${path}`;
  }

  /** GET a JSON document; a 404 is null when `missingIsNull`, any other failure a LinliSourceError. */
  async get<T>(path: string, missingIsNull: boolean): Promise<T | null> {
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
