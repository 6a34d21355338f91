/**
 * 积分超市 for the signed-in resident: the list (photo, name, cost, what is left, monthly limit,
 * 已兑完 and 不在兑换时间 marked), then one item → how many (1 by default) → a confirm sheet that
 * says what will be left (兑换后还剩 N 分) → the voucher (a big short code for staff, 打印兑换券),
 * or a plain sentence when it cannot be redeemed (nothing was queued), or 已提交，联网后确认.
 * One decision per step; every step has a spoken form that never holds the code or a name.
 *
 * @summary Points shop and redemption.
 */
import { css, html, LitElement, nothing } from 'lit';
import { fill, formatDateTime, formatNumber } from '../../components/core/i18n.ts';
import { LocaleController } from '../../components/core/locale-controller.ts';
import { token } from '../../components/core/theme.ts';
import { POINTS_LIMITS, type CatalogueItem, type Redemption } from '../../domain/index.ts';
import type { KioskServices } from '../kiosk-services.ts';
import { navigate } from '../navigation.ts';
import type { ResidentSession } from '../session/resident-session.ts';
import { kioskStyles } from '../ui/kiosk-styles.ts';
import { ReplicaWatch } from '../ui/replica-watch.ts';
import { announce, joinSpoken, type SpokenScreen } from '../ui/spoken-screen.ts';
import { remainingAllowance } from './allowance.ts';
import { allowanceState, catalogueItems, ownedPoints, pointsAccount, residentRedemptions } from './points-data.ts';
import { catalogueWithoutLocalFields } from './points-replica.ts';
import { printPoints } from './print-points.ts';
import { previewRedemption, redeem, type RedeemResult } from './redeem.ts';
import { pointsStrings } from './strings.ts';

/** Only http(s) and site-relative photo addresses are loaded (staff type them; nothing else may reach src). */
export function safePhoto(url: string | null): string | null {
  if (!url) return null;
  const trimmed = url.trim();
  return /^(https?:\/\/[^\s"'<>]+|\/(?!\/)[^\s"'<>]*)$/i.test(trimmed) ? trimmed : null;
}

export type ShopStep = 'list' | 'quantity' | 'working' | 'voucher' | 'refused' | 'submitted';

interface ShopRow {
  item: CatalogueItem;
  soldOut: boolean;
  active: boolean;
}

export class LinliPointsShopScreen extends LitElement implements SpokenScreen {
  static override styles = [
    kioskStyles,
    css`
      .balance {
        font-size: 1.25em;
        font-weight: 700;
      }
      ul.items {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 13em), 1fr));
        gap: 32px;
      }
      ul.items > li {
        border: 3px solid ${token('--linli-color-border')};
        border-radius: ${token('--linli-radius')};
        padding: 16px;
        display: flex;
        flex-direction: column;
        gap: 8px;
      }
      .photo {
        inline-size: 100%;
        aspect-ratio: 4 / 3;
        object-fit: cover;
        border-radius: ${token('--linli-radius')};
        background: ${token('--linli-color-surface')};
        border: 2px solid ${token('--linli-color-border')};
        display: flex;
        align-items: center;
        justify-content: center;
        color: ${token('--linli-color-text-muted')};
      }
      .name {
        font-size: 1.25em;
        font-weight: 700;
        margin: 0;
      }
      .cost {
        font-size: 1.25em;
        font-weight: 800;
      }
      .mark {
        font-weight: 700;
        border: 3px solid currentColor;
        border-radius: 0.25em;
        padding-inline: 0.375em;
        align-self: flex-start;
      }
      li button {
        margin-block-start: auto;
      }
      .stepper {
        display: flex;
        align-items: center;
        gap: 24px;
        margin-block: 24px;
      }
      .stepper button {
        min-inline-size: 5em;
        min-block-size: 88px;
      }
      .stepper .value {
        font-size: 2em;
        font-weight: 800;
        min-inline-size: 3em;
        text-align: center;
      }
      .code {
        font-size: 4em;
        font-weight: 800;
        letter-spacing: 0.2em;
        font-family: ui-monospace, 'DejaVu Sans Mono', monospace;
        border: 4px solid ${token('--linli-color-border')};
        border-radius: ${token('--linli-radius')};
        padding: 0.25em 0.5em;
        display: inline-block;
        margin-block: 8px 24px;
      }
      .show-staff {
        font-size: 1.25em;
        font-weight: 700;
      }
      .sentence {
        font-size: 1.25em;
        font-weight: 700;
      }
    `,
  ];

  static override properties = {
    services: { attribute: false },
    session: { attribute: false },
    step: { type: String },
    rows: { attribute: false },
    owned: { attribute: false },
    chosen: { attribute: false },
    quantity: { attribute: false },
    confirming: { attribute: false },
    message: { attribute: false },
    result: { attribute: false },
  };

  declare services: KioskServices | null;
  declare session: ResidentSession | null;
  declare step: ShopStep;
  declare rows: ShopRow[];
  declare owned: number;
  declare chosen: CatalogueItem | null;
  declare quantity: number;
  /** The confirm sheet: what it costs and what is left after. */
  declare confirming: { cost: number; left: number } | null;
  declare message: string;
  declare result: Redemption | null;
  readonly #locale = new LocaleController(this);
  #busy = false;

  constructor() {
    super();
    this.services = null;
    this.session = null;
    this.step = 'list';
    this.rows = [];
    this.owned = 0;
    this.chosen = null;
    this.quantity = 1;
    this.confirming = null;
    this.message = '';
    this.result = null;
    new ReplicaWatch(this, () => void this.load());
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('session')) void this.load();
  }

  async load(): Promise<void> {
    const s = this.services;
    const session = this.session;
    if (!s || !session) {
      this.rows = [];
      return;
    }
    const now = s.now();
    const [items, state, account, redemptions] = await Promise.all([
      catalogueItems(s.db),
      allowanceState(s.db),
      pointsAccount(s.db, session.residentId),
      residentRedemptions(s.db, session.residentId),
    ]);
    if (this.session?.residentId !== session.residentId) return;
    const t = now.getTime();
    this.rows = items
      .filter((i) => !i.retired)
      .map((record) => {
        const item = catalogueWithoutLocalFields(record);
        const active = !((item.activeFrom && t < Date.parse(item.activeFrom)) || (item.activeUntil && t >= Date.parse(item.activeUntil)));
        const held = remainingAllowance(state, session.residentId, item.id, now).stock;
        return { item, active, soldOut: item.stock <= 0 && held <= 0 };
      })
      // What can be redeemed now first; the rest stays visible, marked.
      .sort((a, b) => Number(b.active && !b.soldOut) - Number(a.active && !a.soldOut));
    this.owned = ownedPoints(account, redemptions);
  }

  #choose(item: CatalogueItem): void {
    this.chosen = item;
    this.quantity = 1;
    this.message = '';
    this.step = 'quantity';
  }

  #maxQuantity(): number {
    const limit = this.chosen?.monthlyLimit ?? null;
    return Math.max(1, Math.min(POINTS_LIMITS.quantityMax, limit ?? POINTS_LIMITS.quantityMax));
  }

  #say(message: string): void {
    this.message = message;
    announce(this, message);
  }

  async #next(): Promise<void> {
    const s = this.services;
    if (!s || !this.session || !this.chosen || this.#busy) return;
    const preview = await previewRedemption(s, this.session, this.chosen.id, this.quantity);
    if (!preview.ok) {
      this.step = 'refused';
      this.#say(preview.message);
      return;
    }
    this.confirming = { cost: preview.cost, left: preview.left };
  }

  async #confirm(): Promise<void> {
    const s = this.services;
    const session = this.session;
    const item = this.chosen;
    if (!s || !session || !item || this.#busy) return;
    this.#busy = true;
    this.confirming = null;
    this.step = 'working';
    try {
      this.#show(await redeem(s, session, item.id, this.quantity));
    } finally {
      this.#busy = false;
    }
  }

  #show(result: RedeemResult): void {
    const t = pointsStrings[this.#locale.value];
    switch (result.kind) {
      case 'voucher':
        this.result = result.redemption;
        this.step = 'voucher';
        this.message = '';
        announce(this, t.voucher.heading);
        break;
      case 'submitted':
        this.result = result.redemption;
        this.step = 'submitted';
        this.#say(t.shop.submitted);
        break;
      default:
        this.result = null;
        this.step = 'refused';
        this.#say(result.message);
    }
  }

  async #print(): Promise<void> {
    const s = this.services;
    const r = this.result;
    if (!s || !r || !this.session) return;
    const station = await s.source.station();
    await printPoints({ kind: 'voucher', stationName: station?.name ?? '', residentName: this.session.name, redemption: r, lang: this.#locale.value, print: s.print });
  }

  #backToList(): void {
    this.step = 'list';
    this.chosen = null;
    this.result = null;
    this.message = '';
    this.confirming = null;
  }

  /** Each step in words: never the voucher code, never the resident's name. */
  spokenText(): string {
    const locale = this.#locale.value;
    const t = pointsStrings[locale];
    const n = (v: number): string => formatNumber(v, locale);
    const item = this.chosen;
    if (this.confirming && item) {
      return joinSpoken(
        [t.shop.confirmHeading, fill(t.shop.confirmMessage, { item: item.name, n: n(this.quantity), cost: n(this.confirming.cost), left: n(this.confirming.left) }), t.shop.confirm, t.shop.cancel],
        locale,
      );
    }
    switch (this.step) {
      case 'list':
        return joinSpoken(
          [
            t.shop.heading,
            fill(t.shop.balance, { n: n(this.owned) }),
            this.rows.length === 0 ? t.shop.empty : null,
            ...this.rows.map((r) =>
              [r.item.name, fill(t.shop.cost, { n: n(r.item.cost) }), r.soldOut ? t.shop.soldOut : null, !r.active ? t.shop.notActive : null]
                .filter(Boolean)
                .join(locale === 'en' ? ', ' : '，'),
            ),
          ],
          locale,
        );
      case 'quantity':
        return joinSpoken([item?.name, fill(t.shop.cost, { n: n(item?.cost ?? 0) }), t.shop.quantityHeading, fill(t.shop.quantityValue, { n: n(this.quantity) }), t.shop.next], locale);
      case 'working':
        return joinSpoken([t.shop.working], locale);
      case 'voucher': {
        const r = this.result;
        return joinSpoken([t.voucher.heading, r ? fill(t.voucher.item, { item: r.itemName, n: n(r.quantity) }) : null, t.voucher.showStaff, t.voucher.spokenCode, t.voucher.print], locale);
      }
      case 'refused':
        return joinSpoken([t.shop.refusedHeading, this.message, t.shop.backToShop], locale);
      case 'submitted':
        return joinSpoken([t.shop.submittedHeading, t.shop.submitted], locale);
    }
  }

  #renderRow(row: ShopRow): unknown {
    const locale = this.#locale.value;
    const t = pointsStrings[locale].shop;
    const { item } = row;
    const can = row.active && !row.soldOut;
    return html`<li data-item=${item.id} data-state=${!row.active ? 'not-active' : row.soldOut ? 'sold-out' : 'open'}>
      ${safePhoto(item.photo) ? html`<img class="photo" src=${safePhoto(item.photo)!} alt=${item.name} loading="lazy" />` : html`<div class="photo" aria-hidden="true">${t.noPhoto}</div>`}
      <h2 class="name">${item.name}</h2>
      <span class="cost">${fill(t.cost, { n: formatNumber(item.cost, locale) })}</span>
      ${row.soldOut ? html`<span class="mark sold-out">${t.soldOut}</span>` : html`<span class="stock">${fill(t.stock, { n: formatNumber(item.stock, locale) })}</span>`}
      ${item.monthlyLimit !== null ? html`<span class="limit">${fill(t.limit, { n: formatNumber(item.monthlyLimit, locale) })}</span>` : nothing}
      ${row.active ? nothing : html`<span class="mark not-active">${t.notActive}</span>`}
      <button type="button" class="primary choose" ?disabled=${!can} @click=${() => this.#choose(item)}>${t.choose}</button>
    </li>`;
  }

  #renderStep(): unknown {
    const locale = this.#locale.value;
    const t = pointsStrings[locale];
    const item = this.chosen;
    switch (this.step) {
      case 'list':
        return html`<h1>${t.shop.heading}</h1>
          <p class="balance">${fill(t.shop.balance, { n: formatNumber(this.owned, locale) })}</p>
          ${this.rows.length === 0 ? html`<p class="empty">${t.shop.empty}</p>` : html`<ul class="items">${this.rows.map((r) => this.#renderRow(r))}</ul>`}`;
      case 'quantity':
        return html`<h1>${item?.name ?? ''}</h1>
          <p class="cost">${fill(t.shop.cost, { n: formatNumber(item?.cost ?? 0, locale) })}</p>
          <h2>${t.shop.quantityHeading}</h2>
          <div class="stepper" role="group" aria-label=${t.shop.quantityHeading}>
            <button type="button" class="fewer" ?disabled=${this.quantity <= 1} @click=${() => (this.quantity = Math.max(1, this.quantity - 1))}>${t.shop.fewer}</button>
            <span class="value" role="status">${fill(t.shop.quantityValue, { n: formatNumber(this.quantity, locale) })}</span>
            <button type="button" class="more" ?disabled=${this.quantity >= this.#maxQuantity()} @click=${() => (this.quantity = Math.min(this.#maxQuantity(), this.quantity + 1))}>${t.shop.more}</button>
          </div>
          <div class="actions"><button type="button" class="primary next" @click=${() => void this.#next()}>${t.shop.next}</button></div>`;
      case 'working':
        return html`<h1>${t.shop.heading}</h1><p class="sentence" role="status">${t.shop.working}</p>`;
      case 'voucher': {
        const r = this.result!;
        return html`<h1>${t.voucher.heading}</h1>
          <p>${t.voucher.code}</p>
          <div class="code" data-code=${r.voucherCode}>${r.voucherCode}</div>
          <p class="show-staff">${t.voucher.showStaff}</p>
          <p class="item">${fill(t.voucher.item, { item: r.itemName, n: formatNumber(r.quantity, locale) })}</p>
          <p class="at">${fill(t.voucher.at, { time: formatDateTime(r.createdAt, locale) })}</p>
          <div class="actions">
            <button type="button" class="primary print" @click=${() => void this.#print()}>${t.voucher.print}</button>
            <button type="button" class="done" @click=${() => navigate(this, { screen: 'home' })}>${t.voucher.done}</button>
          </div>`;
      }
      case 'refused':
        return html`<h1>${t.shop.refusedHeading}</h1>
          <p class="sentence error" role="alert">${this.message}</p>
          <div class="actions"><button type="button" class="primary back-to-shop" @click=${() => this.#backToList()}>${t.shop.backToShop}</button></div>`;
      case 'submitted':
        return html`<h1>${t.shop.submittedHeading}</h1>
          <p class="sentence" role="status">${t.shop.submitted}</p>
          <div class="actions">
            <button type="button" class="primary to-mine" @click=${() => navigate(this, { screen: 'my-points', replace: true })}>${t.tile.mine}</button>
            <button type="button" class="back-to-shop" @click=${() => this.#backToList()}>${t.shop.backToShop}</button>
          </div>`;
    }
  }

  protected override render(): unknown {
    const locale = this.#locale.value;
    const t = pointsStrings[locale];
    if (!this.session || !this.services) return html`<h1>${t.shop.heading}</h1>`;
    const c = this.confirming;
    const item = this.chosen;
    return html`<div ?inert=${c !== null}>${this.#renderStep()}</div>
      ${c && item
        ? html`<linli-confirm-sheet
            class="redeem-confirm"
            heading=${t.shop.confirmHeading}
            message=${fill(t.shop.confirmMessage, { item: item.name, n: formatNumber(this.quantity, locale), cost: formatNumber(c.cost, locale), left: formatNumber(c.left, locale) })}
            confirm-label=${t.shop.confirm}
            cancel-label=${t.shop.cancel}
            @linli-confirm=${() => void this.#confirm()}
            @linli-cancel=${() => (this.confirming = null)}
          ></linli-confirm-sheet>`
        : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'linli-points-shop-screen': LinliPointsShopScreen;
  }
}
