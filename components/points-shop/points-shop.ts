import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { isSafeImageUrl } from '../../domain/notice.ts';
import type { CatalogueItem } from '../../domain/points.ts';
import { ActiveSource } from '../core/active-source.ts';
import { fill, formatNumber, type Locale } from '../core/i18n.ts';
import { LocaleController } from '../core/locale-controller.ts';
import type { PointsSource } from '../core/points-source.ts';
import { toSourceError, type LinliSource, type LinliSourceError } from '../core/source.ts';
import { pointsShopStyles } from './points-shop.styles.ts';
import { shopStrings, type ShopStrings } from './strings.ts';

type FlowModule = typeof import('./shop-flow.ts');
type Flow = InstanceType<FlowModule['ShopFlow']>;
let flowModule: Promise<FlowModule> | null = null;

export interface RedeemedDetail {
  redemptionId: string;
  itemId: string;
  quantity: number;
  cost: number;
  voucherCode: string;
}
export interface RedemptionCancelledDetail {
  redemptionId: string;
}

/** What the lazily loaded sign-in and redeem flow needs from the shop. */
export interface PointsShopHost extends HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly locale: Locale;
  readonly points: PointsSource | undefined;
  item(id: string): CatalogueItem | null;
  requestUpdate(): void;
  /** Back to the list, focus on the item's 兑换 button (or the sign-in bar). */
  closeFlow(): void;
  /** Fetch the catalogue again (stock changed). */
  reload(): Promise<void>;
}

type Status = 'loading' | 'ready' | 'error' | 'unavailable';

/** Is the item redeemable at `now` as far as the catalogue says (the server decides)? */
function activeAt(item: CatalogueItem, now: number): boolean {
  return !((item.activeFrom && now < Date.parse(item.activeFrom)) || (item.activeUntil && now >= Date.parse(item.activeUntil)));
}

/**
 * The station's points shop (积分超市): what residents can redeem their points for, with photo,
 * cost, stock (已兑完) and monthly limit. A resident signs in with phone + PIN, sees the balance
 * before and after, confirms, and gets a voucher code (with its QR code) to show staff at
 * hand-out; a redemption can be cancelled within 10 minutes. The sign-in and redeem flow, the QR
 * code and the zh-TW/en tables load on first use.
 *
 * The sign-in token is kept in memory only and dropped on 退出登录, when the element leaves the
 * page and after 30 minutes. Names are shown masked (张*华), phones masked (138****8000).
 *
 * @summary Points shop (积分超市) widget with online redemption.
 * @tagname linli-points-shop
 * @csspart account - The sign-in bar, or the signed-in resident's balance.
 * @csspart list - The list of items.
 * @csspart item - One item.
 * @csspart photo - An item's photo.
 * @csspart name - An item's name.
 * @csspart badge - The 已兑完 badge.
 * @csspart button - Every button.
 * @csspart panel - The sign-in, confirm and voucher panels.
 * @csspart input - The phone and PIN inputs.
 * @csspart code - The voucher code.
 * @csspart qr - The voucher's QR code.
 * @cssprop --linli-points-shop-photo-size - Photo size (default 5em).
 * @cssprop --linli-color-accent - Buttons and focus.
 * @cssprop --linli-color-danger - Error messages and the 已兑完 badge.
 * @fires {CustomEvent<RedeemedDetail>} linli-redeemed - A redemption was confirmed by the station.
 * @fires {CustomEvent<RedemptionCancelledDetail>} linli-redemption-cancelled - The resident cancelled a redemption.
 * @fires {CustomEvent<void>} linli-signed-in - A resident signed in (no personal data in the event).
 * @fires {CustomEvent<void>} linli-signed-out - The resident signed out, or the session ended.
 */
export class LinliPointsShop extends LitElement implements PointsShopHost {
  static override styles = pointsShopStyles;
  static override properties = {
    api: {},
    station: {},
    source: { attribute: false },
    _status: { state: true },
    _items: { state: true },
    _flowOpen: { state: true },
  };

  /** With `station`: the station server's API base URL; the widget then fetches by itself. */
  declare api: string;
  /** With `api`: the station id. */
  declare station: string;
  /** A data source set from script; it takes precedence over `api` and the provider's. */
  declare source: LinliSource | undefined;

  declare private _status: Status;
  declare private _items: CatalogueItem[];
  declare private _flowOpen: boolean;

  private readonly lang$ = new LocaleController(this);
  private readonly active = new ActiveSource(this, () => void this.reload());
  private error: LinliSourceError | null = null;
  private token = 0;
  private flow: Flow | null = null;
  private flowFailed: LinliSourceError | null = null;
  private returnTo: string | null = null;

  constructor() {
    super();
    this.api = '';
    this.station = '';
    this.source = undefined;
    this._status = 'loading';
    this._items = [];
    this._flowOpen = false;
  }

  get locale(): Locale {
    return this.lang$.value;
  }

  get points(): PointsSource | undefined {
    return this.active.value?.points;
  }

  item(id: string): CatalogueItem | null {
    return this._items.find((i) => i.id === id) ?? null;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // A page that removes the widget also forgets who was signed in.
    this.flow?.signOut(null);
    this._flowOpen = false;
  }

  /** Fetch the catalogue again (what 重试 does; also after every change at the station). */
  async reload(): Promise<void> {
    const points = this.points;
    const token = ++this.token;
    if (!this.active.value) return;
    if (!points) {
      this._status = 'unavailable';
      return;
    }
    if (this._status === 'error') this._status = 'loading';
    try {
      const items = await points.catalogue();
      if (token !== this.token) return;
      this._items = items;
      this._status = 'ready';
    } catch (err) {
      if (token !== this.token || this._status === 'ready') return;
      this.error = toSourceError(err);
      this._status = 'error';
    }
  }

  /** Open the flow: sign in (if needed), then confirm `itemId`, or just sign in when null. */
  private openFlow(itemId: string | null): void {
    this.returnTo = itemId;
    this._flowOpen = true;
    this.flowFailed = null;
    flowModule ??= import('./shop-flow.ts');
    flowModule.then(
      (mod) => {
        if (!this._flowOpen) return;
        this.flow ??= new mod.ShopFlow(this);
        this.flow.start(itemId);
      },
      (err: unknown) => {
        flowModule = null;
        this.flowFailed = toSourceError(err);
        this.requestUpdate();
      },
    );
  }

  closeFlow(): void {
    this._flowOpen = false;
    const id = this.returnTo;
    void this.updateComplete.then(() => {
      const root = this.renderRoot;
      const target =
        (id && root.querySelector<HTMLElement>(`[data-id="${CSS.escape(id)}"]:not(:disabled)`)) ||
        root.querySelector<HTMLElement>('[part~="account"] [data-focus]') ||
        root.querySelector<HTMLElement>('[part~="account"] button');
      target?.focus();
    });
  }

  /** This locale's list strings, or null while they load. */
  private get strings(): ShopStrings | null {
    return shopStrings(this.locale, () => this.requestUpdate());
  }

  protected override render(): unknown {
    const t = this.strings;
    if (!t) return nothing;
    if (this._flowOpen) {
      return (
        this.flow?.render() ??
        html`<section class="pending" part="panel">
          <button part="button" type="button" @click=${() => this.closeFlow()}>${t.back}</button>
          ${this.flowFailed ? this.renderError(this.flowFailed, () => this.openFlow(this.returnTo)) : html`<p class="message" role="status">${t.opening}</p>`}
        </section>`
      );
    }
    return html`${this._status === 'ready' ? this.renderAccount(t) : nothing}${this.renderList(t)}`;
  }

  private renderError(error: LinliSourceError | null, retry: () => void): TemplateResult {
    const t = this.strings!;
    return html`<div class="message error" role="alert">
      <p>${t.errors[error?.kind ?? 'network']}</p>
      <button part="button" type="button" class="primary" @click=${retry}>${t.retry}</button>
    </div>`;
  }

  private renderAccount(t: ShopStrings): TemplateResult {
    const signIn = html`<p>${t.signInHint}</p>
      <button part="button" type="button" class="primary" @click=${() => this.openFlow(null)}>${t.signIn}</button>`;
    return html`<div class="account" part="account">${this.flow ? this.flow.renderBar(signIn) : signIn}</div>`;
  }

  private renderList(t: ShopStrings): TemplateResult {
    if (this._status === 'unavailable') return html`<p class="message" role="status">${t.unavailable}</p>`;
    if (this._status === 'error') return this.renderError(this.error, () => void this.reload());
    if (this._status === 'loading') return html`<p class="message" role="status">${t.loading}</p>`;
    if (this._items.length === 0) return html`<p class="message" role="status">${t.empty}</p>`;
    const locale = this.locale;
    const now = Date.now();
    return html`<ul class="items" part="list" aria-label=${t.listLabel} @click=${this.onClick}>
      ${this._items.map((item) => {
        const soldOut = item.stock <= 0;
        const active = activeAt(item, now);
        const photo = item.photo && isSafeImageUrl(item.photo) ? item.photo : null;
        return html`<li class="item" part="item">
          ${photo ? html`<img part="photo" src=${photo} alt="" loading="lazy" decoding="async" />` : html`<span class="no-photo" aria-hidden="true"></span>`}
          <div class="info">
            <h3 part="name">${item.name}</h3>
            ${item.description ? html`<p class="desc">${item.description}</p>` : nothing}
            <p class="meta">
              <strong class="cost">${fill(t.cost, { points: formatNumber(item.cost, locale) })}</strong>
              ${soldOut
                ? html`<span class="badge" part="badge">${t.soldOut}</span>`
                : html`<span>${fill(t.stock, { count: formatNumber(item.stock, locale) })}</span>`}
              ${item.monthlyLimit !== null ? html`<span>${fill(t.monthlyLimit, { count: item.monthlyLimit })}</span>` : nothing}
              ${item.kind === 'service' ? html`<span>${t.service}</span>` : nothing}
              ${active ? nothing : html`<span>${t.notActive}</span>`}
            </p>
          </div>
          <button part="button redeem" type="button" class="redeem" data-id=${item.id} ?disabled=${soldOut || !active}>
            ${soldOut ? t.soldOut : active ? t.redeem : t.notActive}<span class="visually-hidden">${item.name}</span>
          </button>
        </li>`;
      })}
    </ul>`;
  }

  private readonly onClick = (e: Event): void => {
    const id = (e.target as Element).closest<HTMLButtonElement>('button[data-id]')?.dataset.id;
    if (id) this.openFlow(id);
  };
}


declare global {
  interface HTMLElementTagNameMap {
    'linli-points-shop': LinliPointsShop;
  }
  interface GlobalEventHandlersEventMap {
    'linli-redeemed': CustomEvent<RedeemedDetail>;
    'linli-redemption-cancelled': CustomEvent<RedemptionCancelledDetail>;
    'linli-signed-in': CustomEvent<void>;
    'linli-signed-out': CustomEvent<void>;
  }
}
