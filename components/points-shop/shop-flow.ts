/**
 * The sign-in and redeem flow of the points shop, loaded on the first 兑换 or 登录 so the
 * catalogue stays small: phone + PIN → balance before and after → confirm → voucher code (and its
 * QR code) → cancel within 10 minutes. It keeps the resident's session, in memory only.
 */
import { adoptStyles, html, nothing, type TemplateResult } from 'lit';
import { maskName, maskPhone } from '../../domain/personal-data.ts';
import type { CatalogueItem } from '../../domain/points.ts';
import { fill, formatNumber, STATION_TIME_ZONE } from '../core/i18n.ts';
import {
  REDEEM_CANCEL_MS,
  RESIDENT_SESSION_MS,
  toPointsError,
  type PointsAccountState,
  type PointsError,
  type PointsSession,
  type RedemptionResult,
} from '../core/points-source.ts';
import { qrCode } from '../core/qr-code.ts';
import { flowStrings, type FlowStrings } from './flow-strings.ts';
import type { PointsShopHost, RedeemedDetail, RedemptionCancelledDetail } from './points-shop.ts';
import { shopFlowStyles } from './shop-flow.styles.ts';

type Step = 'sign-in' | 'confirm' | 'voucher' | 'cancelled';
type Busy = 'signing-in' | 'redeeming' | 'cancelling' | null;

const styled = new WeakSet<Node>();

/** Errors after which the same redemption id is sent again: the station may have applied it. */
const RETRY_SAME_ID = new Set(['network', 'server']);

export class ShopFlow {
  private readonly host: PointsShopHost;
  private step: Step | null = null;
  private session: PointsSession | null = null;
  private state: PointsAccountState | null = null;
  private busy: Busy = null;
  private error: PointsError | null = null;
  private invalid: 'phone' | 'pin' | null = null;
  private itemId: string | null = null;
  /** The id of the redemption being decided; kept across retries so none applies twice. */
  private redemptionId: string | null = null;
  private result: RedemptionResult | null = null;
  private notice: 'signedOut' | 'expired' | null = null;
  private qr: TemplateResult | null = null;
  private sessionTimer: ReturnType<typeof setTimeout> | undefined;
  private cancelTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: PointsShopHost) {
    const root = host.renderRoot;
    if (!styled.has(root) && root instanceof ShadowRoot) {
      styled.add(root);
      if (shopFlowStyles.styleSheet) root.adoptedStyleSheets = [...root.adoptedStyleSheets, shopFlowStyles.styleSheet];
      else adoptStyles(root, [shopFlowStyles]);
    }
    this.host = host;
  }

  private get t(): FlowStrings | null {
    return flowStrings(this.host.locale, () => this.host.requestUpdate());
  }

  private update(focus?: string): void {
    this.host.requestUpdate();
    if (focus) {
      void (this.host as unknown as { updateComplete: Promise<unknown> }).updateComplete.then(() => {
        this.host.renderRoot.querySelector<HTMLElement>(focus)?.focus();
      });
    }
  }

  /** Begin: sign in if needed, then confirm `itemId` (or just sign in when it is null). */
  start(itemId: string | null): void {
    this.itemId = itemId;
    this.error = null;
    this.invalid = null;
    this.notice = null;
    if (!this.session) {
      this.step = 'sign-in';
      this.update('#linli-phone');
    } else if (itemId) {
      this.confirmStep();
    } else {
      this.close();
    }
  }

  private confirmStep(): void {
    this.step = 'confirm';
    this.redemptionId = crypto.randomUUID();
    this.update('.flow h3');
    void this.refreshAccount();
  }

  private close(): void {
    this.step = null;
    this.error = null;
    this.host.closeFlow();
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

  /** Show why it went wrong; an expired session goes back to signing in. */
  private fail(err: unknown, focus = true): void {
    const e = toPointsError(err);
    if (e.kind === 'signed-out' && this.session) {
      this.drop();
      this.step = 'sign-in';
    }
    this.error = e;
    this.update(focus ? '[role="alert"]' : undefined);
  }

  private emit<T>(type: string, detail: T): void {
    this.host.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true }));
  }

  private readonly onSignIn = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    if (this.busy) return;
    const form = e.target as HTMLFormElement;
    const phoneInput = form.elements.namedItem('phone') as HTMLInputElement;
    const pinInput = form.elements.namedItem('pin') as HTMLInputElement;
    const phone = phoneInput.value.replace(/[\s-]/g, '');
    const pin = pinInput.value.trim();
    this.error = null;
    this.invalid = !/^\d{11}$/.test(phone) ? 'phone' : !/^\d{4}$/.test(pin) ? 'pin' : null;
    if (this.invalid) {
      this.update(this.invalid === 'phone' ? '#linli-phone' : '#linli-pin');
      return;
    }
    const points = this.host.points;
    if (!points) return;
    this.busy = 'signing-in';
    this.update();
    try {
      const session = await points.signIn(phone, pin);
      this.session = session;
      // Whichever comes first: the server's expiry or 30 minutes from now.
      const ms = Math.min(RESIDENT_SESSION_MS, Date.parse(session.expiresAt) - Date.now() || RESIDENT_SESSION_MS);
      clearTimeout(this.sessionTimer);
      this.sessionTimer = setTimeout(() => this.signOut('expired'), Math.max(0, ms));
      this.emit('linli-signed-in', undefined);
      this.busy = null;
      if (this.itemId) this.confirmStep();
      else {
        await this.refreshAccount();
        this.close();
      }
    } catch (err) {
      this.busy = null;
      const e = toPointsError(err);
      this.fail(e);
      if (e.kind === 'wrong-pin') this.update('#linli-pin');
    } finally {
      // The PIN never stays in the page.
      pinInput.value = '';
    }
  };

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

  private drop(): void {
    this.session = null;
    this.state = null;
    this.result = null;
    this.qr = null;
    clearTimeout(this.sessionTimer);
    clearTimeout(this.cancelTimer);
  }

  /** Forget the resident: 退出登录 ('signedOut'), the 30 minutes ran out ('expired'), or the widget left the page (null). */
  signOut(reason: 'signedOut' | 'expired' | null): void {
    const had = this.session !== null;
    this.drop();
    this.notice = reason;
    if (reason === null) {
      this.step = null;
      return;
    }
    if (had) this.emit('linli-signed-out', undefined);
    if (this.step !== null) this.close();
    else this.update('[part~="account"] button');
  }

  // ── Rendering ──────────────────────────────────────────────────────────────

  /** The account bar in the list: who is signed in, the balance, vouchers to collect. */
  renderBar(signIn: TemplateResult): TemplateResult {
    const t = this.t;
    const s = this.session;
    if (!t) return signIn;
    if (!s) return html`${this.notice ? html`<p class="notice" role="status">${t[this.notice]}</p>` : nothing}${signIn}`;
    const state = this.state;
    const waiting = state?.redemptions.filter((r) => r.status === 'confirmed') ?? [];
    return html`<p class="who">
        <strong tabindex="-1" data-focus>${fill(t.who, { name: maskName(s.resident.name), building: s.resident.building })}</strong>
        <span>${maskPhone(s.resident.phone)}</span>
      </p>
      <p class="balance">${t.balance} <strong>${state ? formatNumber(state.account.balance, this.host.locale) : '…'}</strong></p>
      ${waiting.length
        ? html`<h3 class="pending-title">${t.pendingTitle}</h3>
            <ul class="pending-list">
              ${waiting.map((r) => html`<li>${fill(t.itemLine, { name: r.itemName, quantity: r.quantity })} · ${t.code} <strong class="mono">${r.voucherCode}</strong></li>`)}
            </ul>`
        : nothing}
      <button part="button" type="button" @click=${() => this.signOut('signedOut')}>${t.signOut}</button>`;
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
    return html`<section class="flow" part="panel" aria-labelledby="linli-flow-title">
      ${body}
      <p class="busy" role="status">${busy}</p>
    </section>`;
  }

  private title(text: string): TemplateResult {
    return html`<h3 id="linli-flow-title" tabindex="-1">${text}</h3>`;
  }

  /** One template for every error, so a message that changes keeps its element (and focus). */
  private alert(message: string, retry?: () => void): TemplateResult {
    return html`<div class="error" role="alert" tabindex="-1">
      <p>${message}</p>
      ${retry ? html`<button part="button" type="button" class="primary" @click=${retry}>${this.t!.retry}</button>` : nothing}
    </div>`;
  }

  private renderError(t: FlowStrings, retry?: () => void): TemplateResult | typeof nothing {
    const e = this.error;
    if (!e) return nothing;
    return this.alert(t.errors[e.kind] ?? t.errors.server, retry && RETRY_SAME_ID.has(e.kind) ? retry : undefined);
  }

  private renderSignIn(t: FlowStrings): TemplateResult {
    const inv = this.invalid;
    return html`${this.title(t.signInTitle)}
      <p>${t.signInHint}</p>
      ${this.renderError(t)}
      <form novalidate @submit=${this.onSignIn}>
        <label for="linli-phone">${t.phone}</label>
        <input
          id="linli-phone"
          part="input"
          name="phone"
          type="tel"
          inputmode="numeric"
          autocomplete="tel-national"
          maxlength="13"
          aria-invalid=${inv === 'phone' ? 'true' : 'false'}
          aria-describedby=${inv === 'phone' ? 'linli-invalid' : nothing}
        />
        <label for="linli-pin">${t.pin} <span class="hint">（${t.pinHint}）</span></label>
        <input
          id="linli-pin"
          part="input"
          name="pin"
          type="password"
          inputmode="numeric"
          autocomplete="off"
          maxlength="4"
          aria-invalid=${inv === 'pin' ? 'true' : 'false'}
          aria-describedby=${inv === 'pin' ? 'linli-invalid' : nothing}
        />
        ${inv ? html`<p id="linli-invalid" class="invalid" role="alert">${inv === 'phone' ? t.phoneInvalid : t.pinInvalid}</p>` : nothing}
        <div class="actions">
          <button part="button" type="submit" class="primary">${t.submit}</button>
          <button part="button" type="button" @click=${() => this.close()}>${t.back}</button>
        </div>
      </form>`;
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
      ${refusal ? this.alert(refusal) : this.renderError(t, () => void this.confirm())}
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
    const time = new Intl.DateTimeFormat(locale, { timeZone: STATION_TIME_ZONE, hour: '2-digit', minute: '2-digit', hour12: false }).format(until);
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
