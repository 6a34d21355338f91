/**
 * An in-memory LinliSource for tests and demos. It applies the same visibility rule as the
 * server (domain selectVisibleNotices), so what it shows is what a station would show.
 */
import { isNoticeVisible, selectVisibleNotices, type Notice } from '../../domain/notice.ts';
import type { Station } from '../../domain/station.ts';
import type { MealsSource } from './meals-source.ts';
import type { PointsSource } from './points-source.ts';
import type { VolunteerSource } from './volunteer-source.ts';
import type { LinliSource, NoticeListQuery } from './source.ts';

export interface MemorySourceOptions {
  station?: Station | null;
  /** The clock; defaults to the real one. */
  now?: () => Date;
  /** Added to every read, in milliseconds, to show loading states in demos and tests. */
  latency?: number;
  /** Public notice URLs are `${noticeBase}${id}`. */
  noticeBase?: string;
  /** Points (积分), e.g. a MemoryPoints; without it the source has no points, like an old server. */
  points?: PointsSource;
  /** Meals (老年助餐), e.g. a MemoryMeals; without it the source has no meals. */
  meals?: MealsSource;
  /** Volunteering (志愿服务), e.g. a MemoryVolunteer; without it the source has none. */
  volunteer?: VolunteerSource;
}

export class MemorySource implements LinliSource {
  private all = new Map<string, Notice>();
  private readonly listeners = new Set<() => void>();
  private readonly options: MemorySourceOptions;
  /** While set, every read rejects with it (to show error states). */
  error: Error | null = null;
  /** How many reads were made, for tests that check refetching. */
  reads = 0;
  readonly points: PointsSource | undefined;
  readonly meals: MealsSource | undefined;
  readonly volunteer: VolunteerSource | undefined;

  constructor(notices: Iterable<Notice> = [], options: MemorySourceOptions = {}) {
    this.options = options;
    this.points = options.points;
    this.meals = options.meals;
    this.volunteer = options.volunteer;
    for (const n of notices) this.all.set(n.id, n);
  }

  private async read<T>(value: () => T): Promise<T> {
    this.reads++;
    const ms = this.options.latency ?? 0;
    await new Promise((resolve) => setTimeout(resolve, ms));
    if (this.error) throw this.error;
    return value();
  }

  private now(): Date {
    return this.options.now ? this.options.now() : new Date();
  }

  station(): Promise<Station | null> {
    return this.read(() => this.options.station ?? null);
  }

  notices(query: NoticeListQuery): Promise<Notice[]> {
    return this.read(() =>
      selectVisibleNotices(this.all.values(), { boards: query.boards, limit: query.limit && query.limit > 0 ? query.limit : undefined }, this.now()),
    );
  }

  notice(id: string): Promise<Notice | null> {
    return this.read(() => {
      const n = this.all.get(id);
      return n && isNoticeVisible(n, this.now()) ? n : null;
    });
  }

  noticeUrl(notice: Notice): string {
    return `${this.options.noticeBase ?? 'https://linli.example/n/'}${encodeURIComponent(notice.id)}`;
  }

  subscribe(onChange: () => void): () => void {
    const listener = (): void => onChange();
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Replace every notice and tell subscribers. */
  set(notices: Iterable<Notice>): void {
    this.all = new Map([...notices].map((n) => [n.id, n]));
    this.changed();
  }

  /** Add or replace one notice and tell subscribers. */
  put(notice: Notice): void {
    this.all.set(notice.id, notice);
    this.changed();
  }

  /** Tell subscribers the data may have changed. */
  changed(): void {
    for (const l of [...this.listeners]) l();
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }
}
