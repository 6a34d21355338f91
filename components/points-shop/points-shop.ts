import { html, nothing, type TemplateResult } from 'lit';
import { isSafeImageUrl } from '../../domain/notice.ts';
import type { CatalogueItem } from '../../domain/points.ts';
import { AccountWidget } from '../core/account-widget.ts';
import type { PointsCapable } from '../core/active-source.ts';
import { fill, formatNumber } from '../core/i18n.ts';
import type { ResidentFlowHost } from '../core/resident-flow.ts';
import type { PointsSource } from '../core/points-source.ts';
import { pointsShopStyles } from './points-shop.styles.ts';
import { shopStrings, type ShopStrings } from './strings.ts';

type Flow = InstanceType<(typeof import('./shop-flow.ts'))['ShopFlow']>;

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
export interface PointsShopHost extends ResidentFlowHost {
  readonly points: PointsSource | undefined;
  item(id: string): CatalogueItem | null;
}

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
export class LinliPointsShop extends AccountWidget<CatalogueItem[], Flow, ShopStrings> implements PointsShopHost {
  static override styles = pointsShopStyles;

  get points(): PointsSource | undefined {
    return this.active.value?.points;
  }

  item(id: string): CatalogueItem | null {
    return this._data?.find((i) => i.id === id) ?? null;
  }

  protected get strings(): ShopStrings | null {
    return shopStrings(this.locale, () => this.requestUpdate());
  }

  protected read(source: PointsCapable): Promise<CatalogueItem[]> | null {
    return source.points?.catalogue() ?? null;
  }

  protected loadFlow(): Promise<Flow> {
    return import('./shop-flow.ts').then((m) => new m.ShopFlow(this));
  }

  protected renderData(t: ShopStrings, items: CatalogueItem[]): TemplateResult {
    if (items.length === 0) return html`<p class="message" role="status">${t.empty}</p>`;
    const locale = this.locale;
    const now = Date.now();
    return html`<ul class="items" part="list" aria-label=${t.listLabel} @click=${this.onListClick}>
      ${items.map((item) => {
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
          <button part="button redeem" type="button" class="redeem" data-key=${item.id} ?disabled=${soldOut || !active}>
            ${soldOut ? t.soldOut : active ? t.redeem : t.notActive}<span class="visually-hidden">${item.name}</span>
          </button>
        </li>`;
      })}
    </ul>`;
  }
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
