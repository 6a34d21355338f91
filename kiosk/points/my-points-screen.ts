/**
 * 我的积分 for the signed-in resident: what they own now, the redemptions waiting to be collected
 * (with the code, 撤销 within 10 minutes until handed out, and 已提交，联网后确认 for one the
 * server has not answered yet; refused ones with the reason), the 存折 passbook (date, memo,
 * in/out, balance after; printable), and the switch for the public ranking.
 *
 * @summary The resident's points page.
 */
import { css, html, LitElement, nothing } from 'lit';
import { fill, formatDate, formatDateTime, formatNumber } from '../../components/core/i18n.ts';
import { LocaleController } from '../../components/core/locale-controller.ts';
import { token } from '../../components/core/theme.ts';
import type { PointsAccountView } from '../../domain/index.ts';
import type { KioskServices } from '../kiosk-services.ts';
import { residentActions, undoAction, undoAvailable } from '../residents/undo.ts';
import type { ResidentSession } from '../session/resident-session.ts';
import type { ReplicaRedemption, ResidentAction } from '../store/kiosk-db.ts';
import { kioskStyles } from '../ui/kiosk-styles.ts';
import { ReplicaWatch } from '../ui/replica-watch.ts';
import { announce, joinSpoken, type SpokenScreen } from '../ui/spoken-screen.ts';
import { setRankingOptOut } from './points-commands.ts';
import { ownedPoints, pointsAccount, residentRedemptions } from './points-data.ts';
import { printPoints } from './print-points.ts';
import { pointsStrings } from './strings.ts';

type RowState = 'confirmed' | 'submitted' | 'refused';

interface PendingRow {
  id: string;
  itemName: string;
  quantity: number;
  createdAt: string;
  state: RowState;
  code: string | null;
  reason: string;
  action: ResidentAction | null;
}

/** Sent online and not yet answered: not confirmed, no code to show. */
export function awaitingServer(r: ReplicaRedemption): boolean {
  return r.funding === 'online' && r.pendingCommandId !== undefined && !r.serverCopy && r.status === 'confirmed';
}

export class LinliMyPointsScreen extends LitElement implements SpokenScreen {
  static override styles = [
    kioskStyles,
    css`
      section {
        margin-block-end: 40px;
      }
      .owned {
        font-size: 2.5em;
        font-weight: 800;
        margin-block: 0 8px;
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 16px;
      }
      ol > li {
        border: 3px solid ${token('--linli-color-border')};
        border-radius: ${token('--linli-radius')};
        padding: 16px;
        display: flex;
        flex-wrap: wrap;
        gap: 8px 24px;
        align-items: center;
      }
      .what {
        font-weight: 700;
        flex: 1 1 8em;
      }
      .status {
        font-weight: 700;
      }
      .code {
        font-weight: 800;
        letter-spacing: 0.15em;
        font-family: ui-monospace, 'DejaVu Sans Mono', monospace;
      }
      .reason {
        flex-basis: 100%;
      }
      ol.passbook > li {
        display: grid;
        grid-template-columns: minmax(6em, auto) 1fr auto auto;
        gap: 8px 24px;
      }
      .change,
      .after {
        font-variant-numeric: tabular-nums;
        text-align: end;
        font-weight: 700;
      }
      @media (max-width: 900px) {
        ol.passbook > li {
          grid-template-columns: 1fr 1fr;
        }
      }
      .switch {
        display: flex;
        flex-wrap: wrap;
        gap: 16px;
      }
      .switch button[aria-pressed='true'] {
        background: ${token('--linli-color-accent')};
        color: ${token('--linli-color-on-accent')};
      }
    `,
  ];

  static override properties = {
    services: { attribute: false },
    session: { attribute: false },
    account: { attribute: false },
    owned: { attribute: false },
    pending: { attribute: false },
    message: { attribute: false },
  };

  declare services: KioskServices | null;
  declare session: ResidentSession | null;
  declare account: PointsAccountView | null;
  declare owned: number;
  declare pending: PendingRow[];
  declare message: string;
  readonly #locale = new LocaleController(this);
  #busy = false;

  constructor() {
    super();
    this.services = null;
    this.session = null;
    this.account = null;
    this.owned = 0;
    this.pending = [];
    this.message = '';
    new ReplicaWatch(this, () => void this.load());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.account = null;
    this.pending = [];
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('session')) void this.load();
  }

  async load(): Promise<void> {
    const s = this.services;
    const session = this.session;
    if (!s || !session) {
      this.account = null;
      this.pending = [];
      return;
    }
    const [account, redemptions, actions] = await Promise.all([
      pointsAccount(s.db, session.residentId),
      residentRedemptions(s.db, session.residentId),
      residentActions(s.db, session.residentId),
    ]);
    if (this.session?.residentId !== session.residentId) return;
    const redeemActions = new Map<string, ResidentAction>();
    for (const a of actions) if (a.type === 'points.redeem') redeemActions.set((a.command.payload as { redemptionId: string }).redemptionId, a);
    const rows: PendingRow[] = redemptions
      .filter((r) => r.status === 'confirmed')
      .map((r) => ({
        id: r.id,
        itemName: r.itemName,
        quantity: r.quantity,
        createdAt: r.createdAt,
        state: awaitingServer(r) ? 'submitted' : 'confirmed',
        code: awaitingServer(r) ? null : r.voucherCode,
        reason: '',
        action: redeemActions.get(r.id) ?? null,
      }));
    // Refused by the server: said once more here, with the reason (nothing was spent).
    for (const a of actions) {
      if (a.type !== 'points.redeem' || (a.status !== 'rejected' && a.status !== 'conflict')) continue;
      const p = a.command.payload as { redemptionId: string; quantity: number };
      if (rows.some((r) => r.id === p.redemptionId)) continue;
      rows.push({ id: p.redemptionId, itemName: '', quantity: p.quantity, createdAt: a.createdAt, state: 'refused', code: null, reason: a.reason ?? '', action: a });
    }
    this.account = account;
    this.owned = ownedPoints(account, redemptions);
    this.pending = rows.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  }

  async undo(row: PendingRow): Promise<void> {
    const s = this.services;
    const session = this.session;
    if (!s || !session || !row.action || this.#busy) return;
    const t = pointsStrings[this.#locale.value].mine;
    this.#busy = true;
    try {
      const result = await undoAction(s.outbox, session, row.action.id, s.now());
      this.message = result === 'not-allowed' ? t.undoTooLate : t.undoDone;
      announce(this, this.message);
      await this.load();
    } finally {
      this.#busy = false;
    }
  }

  async #setRanking(optOut: boolean): Promise<void> {
    const s = this.services;
    const session = this.session;
    if (!s || !session || this.#busy || (this.account?.rankingOptOut ?? false) === optOut) return;
    this.#busy = true;
    try {
      await setRankingOptOut(s.outbox, session, optOut);
      this.message = pointsStrings[this.#locale.value].mine.rankingSaved;
      announce(this, this.message);
      await this.load();
    } finally {
      this.#busy = false;
    }
  }

  async #printPassbook(): Promise<void> {
    const s = this.services;
    if (!s || !this.session) return;
    const station = await s.source.station();
    await printPoints({ kind: 'passbook', stationName: station?.name ?? '', residentName: this.session.name, lines: this.account?.lines ?? [], lang: this.#locale.value, print: s.print });
  }

  #rowWhat(row: PendingRow): string {
    const t = pointsStrings[this.#locale.value];
    return row.itemName ? fill(t.voucher.item, { item: row.itemName, n: formatNumber(row.quantity, this.#locale.value) }) : t.shop.heading;
  }

  /** Balance, the waiting redemptions (never their codes), the passbook lines, the ranking choice. */
  spokenText(): string {
    const locale = this.#locale.value;
    const t = pointsStrings[locale].mine;
    const sep = locale === 'en' ? ', ' : '，';
    if (!this.session) return joinSpoken([t.heading], locale);
    const lines = this.account?.lines ?? [];
    return joinSpoken(
      [
        t.heading,
        this.message,
        `${t.balance}${sep}${fill(t.points, { n: formatNumber(this.owned, locale) })}`,
        t.pendingHeading,
        this.pending.length === 0 ? t.pendingEmpty : null,
        ...this.pending.map((r) => [this.#rowWhat(r), t.status[r.state], r.reason ? fill(t.reason, { reason: r.reason }) : ''].filter(Boolean).join(sep)),
        t.passbookHeading,
        lines.length === 0 ? t.passbookEmpty : null,
        ...lines.slice(0, 10).map((l) => [formatDate(l.at, locale), l.memo, `${l.change > 0 ? '+' : ''}${formatNumber(l.change, locale)}`].join(sep)),
        `${t.rankingHeading}${sep}${this.account?.rankingOptOut ? t.rankingOut : t.rankingIn}`,
      ],
      locale,
    );
  }

  protected override render(): unknown {
    const locale = this.#locale.value;
    const t = pointsStrings[locale].mine;
    if (!this.session || !this.services) return html`<h1>${t.heading}</h1>`;
    const now = this.services.now();
    const account = this.account;
    const lines = account?.lines ?? [];
    const optOut = account?.rankingOptOut ?? false;
    return html`
      <h1>${t.heading}</h1>
      <p class="message" role="status">${this.message}</p>
      <section class="balance">
        <h2>${t.balance}</h2>
        <p class="owned">${fill(t.points, { n: formatNumber(this.owned, locale) })}</p>
      </section>
      <section class="pending">
        <h2>${t.pendingHeading}</h2>
        ${this.pending.length === 0
          ? html`<p class="empty">${t.pendingEmpty}</p>`
          : html`<ol>
              ${this.pending.map(
                (r) => html`<li data-redemption=${r.id} data-state=${r.state}>
                  <span class="what">${this.#rowWhat(r)}</span>
                  <span class="when">${formatDateTime(r.createdAt, locale)}</span>
                  <span class="status">${t.status[r.state]}</span>
                  ${r.code ? html`<span class="code">${fill(t.showCode, { code: r.code })}</span>` : nothing}
                  ${r.reason ? html`<span class="reason">${fill(t.reason, { reason: r.reason })}</span>` : nothing}
                  ${r.state !== 'refused' && r.action && undoAvailable(r.action, now)
                    ? html`<button type="button" class="undo" @click=${() => void this.undo(r)}>${t.undo}</button>`
                    : nothing}
                </li>`,
              )}
            </ol>`}
      </section>
      <section class="passbook">
        <h2>${t.passbookHeading}</h2>
        ${lines.length === 0
          ? html`<p class="empty">${t.passbookEmpty}</p>`
          : html`<ol class="passbook">
              ${lines.map(
                (l) => html`<li data-transfer=${l.transferId}>
                  <span class="date">${formatDate(l.at, locale)}</span>
                  <span class="memo">${l.memo}</span>
                  <span class="change">${l.change > 0 ? '+' : ''}${formatNumber(l.change, locale)}</span>
                  <span class="after"><span class="visually-hidden">${t.columns.balanceAfter}</span> ${formatNumber(l.balanceAfter, locale)}</span>
                </li>`,
              )}
            </ol>`}
        <div class="actions"><button type="button" class="print-passbook" @click=${() => void this.#printPassbook()}>${t.printPassbook}</button></div>
      </section>
      <section class="ranking">
        <h2 id="ranking-heading">${t.rankingHeading}</h2>
        <p>${t.rankingHint}</p>
        <div class="switch" role="group" aria-labelledby="ranking-heading">
          <button type="button" class="ranking-in" aria-pressed=${optOut ? 'false' : 'true'} @click=${() => void this.#setRanking(false)}>${t.rankingIn}</button>
          <button type="button" class="ranking-out" aria-pressed=${optOut ? 'true' : 'false'} @click=${() => void this.#setRanking(true)}>${t.rankingOut}</button>
        </div>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'linli-my-points-screen': LinliMyPointsScreen;
  }
}
