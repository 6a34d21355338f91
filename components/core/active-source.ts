/**
 * Which source a points widget reads: the one set from script, else its own website source
 * from the `api` + `station` attributes, else the nearest provider's. It subscribes to that
 * source's changes (the server's SSE poke) while connected and calls `onChange` for a new source
 * and after each poke.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { HttpBase } from './http-base.ts';
import { withPoints } from './http-points.ts';
import { SourceConsumer } from './source-consumer.ts';
import type { LinliSource } from './source.ts';

/** What a points widget reads: any LinliSource, or just the points part of a website source. */
export type PointsCapable = Pick<LinliSource, 'points' | 'meals' | 'volunteer' | 'subscribe'>;

interface Host extends ReactiveControllerHost, HTMLElement {
  api: string;
  station: string;
  source: LinliSource | undefined;
}

export class ActiveSource implements ReactiveController {
  private readonly host: Host;
  private readonly context: SourceConsumer;
  private readonly onChange: () => void;
  private readonly install: (base: HttpBase) => HttpBase;
  private own: HttpBase | undefined;
  private ownFor = '';
  private unsubscribe: (() => void) | null = null;
  value: PointsCapable | undefined;

  /** `install` gives the widget's own website source its capability (points by default, withMeals for meals, withVolunteer for volunteering). */
  constructor(host: Host, onChange: () => void, install: (base: HttpBase) => HttpBase = withPoints) {
    this.host = host;
    this.onChange = onChange;
    this.install = install;
    this.context = new SourceConsumer(host);
    host.addController(this);
  }

  hostConnected(): void {
    if (this.value && !this.unsubscribe) this.unsubscribe = this.value.subscribe(this.onChange);
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /** Call from willUpdate: picks the source and, when it changed, subscribes and loads. */
  hostUpdate(): void {
    const { api, station } = this.host;
    const key = api && station ? `${api}\n${station}` : '';
    if (key !== this.ownFor) {
      this.ownFor = key;
      // Points widgets read no notices: a bare HttpBase with points keeps their bundles small.
      this.own = key ? this.install(new HttpBase(api, station)) : undefined;
    }
    const next = this.host.source ?? this.own ?? this.context.value;
    if (next === this.value) return;
    this.unsubscribe?.();
    this.value = next;
    this.unsubscribe = next && this.host.isConnected ? next.subscribe(this.onChange) : null;
    if (next) this.onChange();
  }
}
