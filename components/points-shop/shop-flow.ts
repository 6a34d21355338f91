/**
 * The redeem flow of the points shop, loaded on the first 兑换 or 登录 so the catalogue stays
 * small: (sign in →) balance before and after → confirm → voucher code (and its QR code) → cancel
 * within 10 minutes. Signing in and the session are the shared ResidentFlow's.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { CatalogueItem } from '../../domain/points.ts';
import { fill, formatNumber, formatTime } from '../core/i18n.ts';
import { REDEEM_CANCEL_MS, toPointsError, type PointsAccountState, type PointsError, type RedemptionResult } from '../core/points-source.ts';
import { qrCode } from '../core/qr-code.ts';
import { ResidentFlow, RETRY_SAME_ID } from '../core/resident-flow.ts';
import { flowStrings, type FlowStrings } from './flow-strings.ts';
import type { PointsShopHost, RedeemedDetail, RedemptionCancelledDetail } from './points-shop.ts';
import { shopFlowStyles } from './shop-flow.styles.ts';

export class ShopFlow extends ResidentFlow<FlowStrings, PointsError> {
  declare protected readonly host: PointsShopHost;
  private state: PointsAccountState | null = null;
  private itemId: string | null = null;
  /** The id of the redemption being decided; kept across retries so none applies twice. */
  private redemptionId: string | null = null;
  private result: RedemptionResult | null = null;
  private qr: TemplateResult | null = null;
  private cancelTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: PointsShopHost) {
    super(host, shopFlowStyles);
  }

  protected get t(): FlowStrings | null {
    return flowStrings(this.host.locale, () => this.host.requestUpdate());
  }

  protected toError(err: unknown): PointsError {
    return toPointsError(err);
  }

  protected signInWith(phone: string, pin: string): ReturnType<ResidentFlow<FlowStrings>['signInWith']> {
    return this.host.points?.signIn(phone, pin) ?? null;
  }

  protected async signedIn(): Promise<void> {
    if (this.itemId) this.confirmStep();
    else {
      await this.refreshAccount();
      this.close();
    }
  }

  protected forget(): void {
    this.state = null;
    this.result = null;
    this.qr = null;
    clearTimeout(this.cancelTimer);
  }

  /** Begin: sign in if needed, then confirm `itemId` (or just sign in when it is null). */
  start(itemId: string | null): void {
    this.itemId = itemId;
    if (this.session && !itemId) return this.close();
    this.open('confirm');
    if (this.session) this.confirmStep();
  }

  private confirmStep(): void {
    this.step = 'confirm';
    this.redemptionId = crypto.randomUUID();
    this.update('.flow h3');
    void this.refreshAccount();
  }

  private async refreshAccount(): Promise<void> {
    const session = this.session;
    const points = this.host.points;
    if (!session || !points) return;
    try {
      const state = await points.account(session);
      if (session !== this.session) return;
      this.state = state;
    } catch (err) {
      this.fail(err, false);
    }
    this.update();
  }

  private async confirm(): Promise<void> {
    const points = this.host.points;
    const session = this.session;
    const itemId = this.itemId;
    if (this.busy || !points || !session || !itemId) return;
    this.redemptionId ??= crypto.randomUUID();
    const request = { redemptionId: this.redemptionId, itemId, quantity: 1 };
    this.busy = 'redeeming';
    this.error = null;
    this.update();
    try {
      const result = await points.redeem(session, request);
      this.busy = null;
      this.result = result;
      this.redemptionId = null;
      if (this.state) {
        this.state = { account: result.account, redemptions: [...this.state.redemptions.filter((r) => r.id !== result.redemption.id), result.redemption] };
      }
      this.step = 'voucher';
      this.qr = null;
      const r = result.redemption;
      void qrCode(r.voucherCode, fill(this.t?.qrLabel ?? '{code}', { code: r.voucherCode })).then(
        (qr) => {
          if (this.result === result) {
            this.qr = qr;
            this.update();
          }
        },
        () => undefined,
      );
      this.scheduleCancelEnd(r.createdAt);
      this.emit<RedeemedDetail>('linli-redeemed', { redemptionId: r.id, itemId: r.itemId, quantity: r.quantity, cost: r.cost, voucherCode: r.voucherCode });
      this.update('.flow h3');
      void this.host.reload();
    } catch (err) {
      this.busy = null;
      const e = toPointsError(err);
      // A refusal decided this redemption (as does a 409 the widget has no words for, such as an
      // id already taken): trying again is a new decision with a new id.
      if (!RETRY_SAME_ID.has(e.kind) || e.status === 409) this.redemptionId = crypto.randomUUID();
      this.fail(e);
      if (!RETRY_SAME_ID.has(e.kind)) {
        void this.host.reload();
        void this.refreshAccount();
      }
    }
  }

  private scheduleCancelEnd(createdAt: string): void {
    clearTimeout(this.cancelTimer);
    const left = Date.parse(createdAt) + REDEEM_CANCEL_MS - Date.now();
    if (left > 0) this.cancelTimer = setTimeout(() => this.update(), left + 50);
  }

  private async cancel(): Promise<void> {
    const points = this.host.points;
    const session = this.session;
    const id = this.result?.redemption.id;
    if (this.busy || !points || !session || !id) return;
    this.busy = 'cancelling';
    this.error = null;
    this.update();
    try {
      const result = await points.cancel(session, id);
      this.busy = null;
      this.result = result;
      if (this.state) this.state = { account: result.account, redemptions: this.state.redemptions.map((r) => (r.id === id ? result.redemption : r)) };
      this.step = 'cancelled';
      this.emit<RedemptionCancelledDetail>('linli-redemption-cancelled', { redemptionId: id });
      this.update('.flow h3');
      void this.host.reload();
    } catch (err) {
      this.busy = null;
      this.fail(err);
    }
  }

  // ── Rendering ──────────────────────────────────────────────────────────────

  /** The account bar in the list: who is signed in, the balance, vouchers to collect. */
  renderBar(signIn: TemplateResult): TemplateResult {
    const t = this.t;
    if (!t) return signIn;
    if (!this.session) return this.renderWho(t, signIn);
    const state = this.state;
    const waiting = state?.redemptions.filter((r) => r.status === 'confirmed') ?? [];
    return html`${this.renderWho(t, signIn)}
      <p class="balance">${t.balance} <strong>${state ? formatNumber(state.account.balance, this.host.locale) : '…'}</strong></p>
      ${waiting.length
        ? html`<h3 class="pending-title">${t.pendingTitle}</h3>
            <ul class="pending-list">
              ${waiting.map((r) => html`<li>${fill(t.itemLine, { name: r.itemName, quantity: r.quantity })} · ${t.code} <strong class="mono">${r.voucherCode}</strong></li>`)}
            </ul>`
        : nothing}`;
  }

  render(): TemplateResult | null {
    const t = this.t;
    if (!t || !this.step) return null;
    const body =
      this.step === 'sign-in'
        ? this.renderSignIn(t)
        : this.step === 'confirm'
          ? this.renderConfirm(t)
          : this.step === 'voucher'
            ? this.renderVoucher(t)
            : this.renderCancelled(t);
    const busy = this.busy === 'signing-in' ? t.signingIn : this.busy === 'redeeming' ? t.redeeming : this.busy === 'cancelling' ? t.cancelling : '';
    return this.panel(body, busy);
  }

  private renderConfirm(t: FlowStrings): TemplateResult {
    const item: CatalogueItem | null = this.itemId ? this.host.item(this.itemId) : null;
    const locale = this.host.locale;
    const balance = this.state?.account.balance;
    const n = (x: number): string => fill(t.points, { points: formatNumber(x, locale) });
    const short = item && balance !== undefined && balance < item.cost;
    const refusal = !item ? t.errors['unknown-item'] : short ? t.errors['insufficient-points'] : null;
    return html`${this.title(t.confirmTitle)}
      ${item
        ? html`<dl class="sum">
              <dt>${t.itemLabel}</dt>
              <dd>${fill(t.itemLine, { name: item.name, quantity: 1 })}</dd>
              <dt>${t.costLabel}</dt>
              <dd>${n(item.cost)}</dd>
              <dt>${t.balanceLabel}</dt>
              <dd>${balance === undefined ? t.loadingAccount : n(balance)}</dd>
              <dt>${t.afterLabel}</dt>
              <dd class="after">${balance === undefined ? '…' : short ? '—' : n(balance - item.cost)}</dd>
            </dl>
            <p>${t.confirmHint}</p>`
        : nothing}
      ${refusal ? this.alert(t, refusal) : this.renderError(t, () => void this.confirm())}
      <div class="actions">
        ${item && !short && balance !== undefined && !this.error
          ? html`<button part="button" type="button" class="primary" @click=${() => void this.confirm()}>${t.confirm}</button>`
          : nothing}
        <button part="button" type="button" @click=${() => this.close()}>${this.error || short || !item ? t.done : t.notNow}</button>
      </div>`;
  }

  private renderVoucher(t: FlowStrings): TemplateResult {
    const r = this.result!.redemption;
    const locale = this.host.locale;
    const until = Date.parse(r.createdAt) + REDEEM_CANCEL_MS;
    const canCancel = r.status === 'confirmed' && Date.now() < until;
    const time = formatTime(new Date(until).toISOString(), locale);
    return html`${this.title(t.voucherTitle)}
      <p>${fill(t.voucherHint, { item: fill(t.itemLine, { name: r.itemName, quantity: r.quantity }) })}</p>
      <div class="voucher">
        <p class="code" part="code"><span>${t.code}</span> <strong class="mono">${r.voucherCode}</strong></p>
        ${this.qr ? html`<div class="qr" part="qr">${this.qr}</div>` : nothing}
      </div>
      <p class="balance">${fill(t.balanceNow, { points: formatNumber(this.result!.account.balance, locale) })}</p>
      ${this.renderError(t, () => void this.cancel())}
      ${canCancel ? html`<p>${fill(t.cancelUntil, { time })}</p>` : nothing}
      <div class="actions">
        <button part="button" type="button" class="primary" @click=${() => this.close()}>${t.done}</button>
        ${canCancel ? html`<button part="button" type="button" @click=${() => void this.cancel()}>${t.cancel}</button>` : nothing}
      </div>`;
  }

  private renderCancelled(t: FlowStrings): TemplateResult {
    return html`${this.title(t.cancelledTitle)}
      <p>${fill(t.cancelled, { points: formatNumber(this.result!.account.balance, this.host.locale) })}</p>
      <div class="actions">
        <button part="button" type="button" class="primary" @click=${() => this.close()}>${t.done}</button>
      </div>`;
  }
}
