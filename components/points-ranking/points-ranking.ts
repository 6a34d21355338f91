import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { PointsRanking } from '../../domain/points.ts';
import { maskName } from '../../domain/personal-data.ts';
import { ActiveSource } from '../core/active-source.ts';
import { fill, formatNumber } from '../core/i18n.ts';
import { LocaleController } from '../core/locale-controller.ts';
import type { RankingPeriod } from '../core/points-source.ts';
import { toSourceError, type LinliSource, type LinliSourceError } from '../core/source.ts';
import { pointsRankingStyles } from './points-ranking.styles.ts';
import { rankingStrings, type RankingStrings, type RankingView } from './strings.ts';

export interface RankingChangeDetail {
  period: RankingPeriod;
  view: RankingView;
}

type Status = 'loading' | 'ready' | 'error' | 'unavailable';

/**
 * The public points ranking (积分排名公示): residents by points earned, with masked names
 * (张*华) and their building, or the total of each building; this year or this month. Residents
 * who opted out are left out by the station server; names are masked again here in case.
 *
 * @summary Points ranking (积分排名公示) widget.
 * @tagname linli-points-ranking
 * @csspart toolbar - The row of toggles above the table.
 * @csspart toggle - Each toggle button (居民排名 / 楼栋合计, 本年 / 本月).
 * @csspart table - The ranking table.
 * @csspart caption - The table caption (period and view).
 * @csspart note - The privacy note under the table.
 * @csspart button - The 重试 button.
 * @cssprop --linli-points-ranking-max-block-size - Height of the table before it scrolls (default 28em).
 * @cssprop --linli-color-accent - Toggles and focus.
 * @cssprop --linli-color-surface-alt - Header and alternate rows.
 * @fires {CustomEvent<RankingChangeDetail>} linli-ranking-change - The reader switched view or period.
 */
export class LinliPointsRanking extends LitElement {
  static override styles = pointsRankingStyles;
  static override properties = {
    api: {},
    station: {},
    period: { reflect: true },
    view: { reflect: true },
    limit: { type: Number },
    source: { attribute: false },
    _status: { state: true },
    _ranking: { state: true },
  };

  /** With `station`: the station server's API base URL; the widget then fetches by itself. */
  declare api: string;
  /** With `api`: the station id. */
  declare station: string;
  /** `year` (default) or `month`: the period the points were earned in. */
  declare period: RankingPeriod;
  /** `residents` (default) or `buildings`. */
  declare view: RankingView;
  /** Most rows to show; 0 shows all the station publishes. */
  declare limit: number;
  /** A data source set from script; it takes precedence over `api` and the provider's. */
  declare source: LinliSource | undefined;

  declare private _status: Status;
  declare private _ranking: PointsRanking | null;

  private readonly lang$ = new LocaleController(this);
  private readonly active = new ActiveSource(this, () => void this.reload());
  private error: LinliSourceError | null = null;
  private token = 0;

  constructor() {
    super();
    this.api = '';
    this.station = '';
    this.period = 'year';
    this.view = 'residents';
    this.limit = 0;
    this.source = undefined;
    this._status = 'loading';
    this._ranking = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('period') && changed.get('period') !== undefined) void this.reload();
  }

  /** Fetch the ranking again (what 重试 does; also after every change at the station). */
  async reload(): Promise<void> {
    const points = this.active.value?.points;
    const token = ++this.token;
    if (!this.active.value) return;
    if (!points) {
      this._status = 'unavailable';
      return;
    }
    if (this._status !== 'ready') this._status = 'loading';
    try {
      const ranking = await points.ranking(this.period === 'month' ? 'month' : 'year');
      if (token !== this.token) return;
      this._ranking = ranking;
      this._status = 'ready';
    } catch (err) {
      if (token !== this.token) return;
      // A failed refresh of a ranking of the same period keeps it on screen.
      if (this._status === 'ready' && this._ranking && this.periodOf(this._ranking) === this.period) return;
      this.error = toSourceError(err);
      this._status = 'error';
    }
  }

  private periodOf(r: PointsRanking): RankingPeriod {
    return r.period.length > 4 ? 'month' : 'year';
  }

  private choose(view: RankingView, period: RankingPeriod): void {
    if (view === this.view && period === this.period) return;
    this.view = view;
    this.period = period;
    this.dispatchEvent(new CustomEvent<RankingChangeDetail>('linli-ranking-change', { detail: { view, period }, bubbles: true, composed: true }));
  }

  protected override render(): unknown {
    const t = rankingStrings(this.lang$.value, () => this.requestUpdate());
    if (!t) return nothing;
    const view = this.view === 'buildings' ? 'buildings' : 'residents';
    const period = this.period === 'month' ? 'month' : 'year';
    const toggle = (pressed: boolean, label: string, pick: () => void): TemplateResult =>
      html`<button type="button" part="toggle" aria-pressed=${pressed ? 'true' : 'false'} @click=${pick}>${label}</button>`;
    return html`<div class="toolbar" part="toolbar">
        <div role="group" aria-label=${t.viewLabel}>
          ${(['residents', 'buildings'] as const).map((v) => toggle(v === view, t.views[v], () => this.choose(v, period)))}
        </div>
        <div role="group" aria-label=${t.periodLabel}>
          ${(['year', 'month'] as const).map((p) => toggle(p === period, t.periods[p], () => this.choose(view, p)))}
        </div>
      </div>
      ${this.renderBody(t, view)}`;
  }

  private renderBody(t: RankingStrings, view: RankingView): TemplateResult {
    if (this._status === 'unavailable') return html`<p class="message" role="status">${t.unavailable}</p>`;
    if (this._status === 'error') {
      return html`<div class="message error" role="alert">
        <p>${t.errors[this.error?.kind ?? 'network']}</p>
        <button part="button" type="button" class="primary" @click=${() => void this.reload()}>${t.retry}</button>
      </div>`;
    }
    const r = this._ranking;
    if (this._status === 'loading' || !r) return html`<p class="message" role="status">${t.loading}</p>`;
    const locale = this.lang$.value;
    const [year, month] = r.period.split('-');
    const periodText = fill(month ? t.month : t.year, { year: year ?? '', month: Number(month) });
    const rows = view === 'residents' ? r.residents : r.buildings;
    const shown = this.limit > 0 ? rows.slice(0, this.limit) : rows;
    if (shown.length === 0) return html`<p class="message" role="status">${t.empty}</p>`;
    const n = (x: number): string => formatNumber(x, locale);
    return html`<div class="scroller" tabindex="0" role="region" aria-label=${fill(t.captions[view], { period: periodText })}>
        <table part="table">
          <caption part="caption">${fill(t.captions[view], { period: periodText })}</caption>
          ${view === 'residents'
            ? html`<thead><tr><th scope="col">${t.rank}</th><th scope="col">${t.name}</th><th scope="col">${t.building}</th><th scope="col" class="num">${t.points}</th></tr></thead>
                <tbody>${r.residents.slice(0, shown.length).map(
                  (e) => html`<tr><td class="rank">${n(e.rank)}</td><th scope="row">${maskName(e.name)}</th><td>${e.building}</td><td class="num">${n(e.points)}</td></tr>`,
                )}</tbody>`
            : html`<thead><tr><th scope="col">${t.building}</th><th scope="col" class="num">${t.residents}</th><th scope="col" class="num">${t.points}</th></tr></thead>
                <tbody>${r.buildings.slice(0, shown.length).map(
                  (b) => html`<tr><th scope="row">${b.building}</th><td class="num">${n(b.residents)}</td><td class="num">${n(b.points)}</td></tr>`,
                )}</tbody>`}
        </table>
      </div>
      <p class="note" part="note">${t.note}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'linli-points-ranking': LinliPointsRanking;
  }
  interface GlobalEventHandlersEventMap {
    'linli-ranking-change': CustomEvent<RankingChangeDetail>;
  }
}
