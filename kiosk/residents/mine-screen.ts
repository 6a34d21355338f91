/**
 * 我的: the signed-in resident's own recent actions at this kiosk, newest first, with their
 * state (待同步 / 已完成 / 未通过 and why) and 撤销 for what can still be undone. It reads only
 * the actions of the session's resident, and shows nothing without a session. Above the list,
 * 我的志愿服务 (kiosk/volunteer/mine-volunteer.ts): each volunteer sign-up's outcome and hours.
 *
 * @summary The resident's own page.
 * @fires linli-resident-sign-out - From the 退出登录 button.
 */
import { css, html, LitElement, nothing } from 'lit';
import { fill, formatDateTime } from '../../components/core/i18n.ts';
import { LocaleController } from '../../components/core/locale-controller.ts';
import { token } from '../../components/core/theme.ts';
import type { KioskServices } from '../kiosk-services.ts';
import type { ResidentSession } from '../session/resident-session.ts';
import type { ResidentAction } from '../store/kiosk-db.ts';
import { kioskStyles } from '../ui/kiosk-styles.ts';
import { ReplicaWatch } from '../ui/replica-watch.ts';
import { announce, joinSpoken, type SpokenScreen } from '../ui/spoken-screen.ts';
import { requestSignOut } from './resident-tile.ts';
import { residentStrings } from './strings.ts';
import { residentActions, undoAction, undoAvailable } from './undo.ts';
// 撤销 for redemptions (a small registration; the points screens themselves load on first use).
import '../meals/meal-undo.ts';
import { mealStrings, type MealStrings } from '../meals/strings.ts';
import '../points/redeem-undo.ts';
import { volunteerStrings, type VolunteerStrings } from '../volunteer/strings.ts';

export class LinliMineScreen extends LitElement implements SpokenScreen {
  static override styles = [
    kioskStyles,
    css`
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 16px;
      }
      li {
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
        flex: 1 1 10em;
      }
      .status {
        font-weight: 700;
      }
      .reason {
        flex-basis: 100%;
      }
    `,
  ];

  static override properties = {
    services: { attribute: false },
    session: { attribute: false },
    actions: { attribute: false },
    message: { attribute: false },
  };

  declare services: Pick<KioskServices, 'db' | 'outbox' | 'now'> | null;
  declare session: ResidentSession | null;
  declare actions: ResidentAction[];
  declare message: string;
  readonly #locale = new LocaleController(this);
  #busy = false;

  constructor() {
    super();
    this.services = null;
    this.session = null;
    this.actions = [];
    this.message = '';
    // Outcomes arrive while the screen is open: re-read on every change of the replica.
    new ReplicaWatch(this, () => void this.reload());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.actions = [];
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('session')) void this.reload();
  }

  /** Re-read this resident's actions. */
  async reload(): Promise<void> {
    const s = this.services;
    const session = this.session;
    if (!s || !session) {
      this.actions = [];
      return;
    }
    const list = await residentActions(s.db, session.residentId);
    // The session may have ended (or changed) while reading: show nothing of the previous one.
    if (this.session?.residentId === session.residentId) this.actions = list;
  }

  async undo(action: ResidentAction): Promise<void> {
    const s = this.services;
    const session = this.session;
    if (!s || !session || this.#busy) return;
    const t = residentStrings[this.#locale.value].mine;
    this.#busy = true;
    try {
      const result = await undoAction(s.outbox, session, action.id, s.now());
      this.message = result === 'not-allowed' ? t.undoTooLate : t.undoDone;
      announce(this, this.message);
      await this.reload();
    } finally {
      this.#busy = false;
    }
  }

  /**
   * Heading, intro, the message, then each action: what, when, its state (and why it was not
   * accepted), and whether it can still be undone. Never the staff number of a proxy action.
   */
  spokenText(): string {
    const locale = this.#locale.value;
    const t = residentStrings[locale].mine;
    if (!this.session || !this.services) return joinSpoken([t.heading], locale);
    const now = this.services.now();
    const rows = this.actions.map((action) => {
      const { what, status, reason } = this.#describe(action);
      return [what, formatDateTime(action.createdAt, locale), status, reason, undoAvailable(action, now) ? t.canUndo : '']
        .filter((part) => part.length > 0)
        .join(locale === 'en' ? ', ' : '，');
    });
    const volunteer = this.shadowRoot?.querySelector('linli-mine-volunteer');
    return joinSpoken([t.heading, t.intro, this.message, volunteer?.spokenText(), ...(this.actions.length === 0 ? [t.empty] : rows)], locale);
  }

  /** What an action was, its state, and why it was not accepted ('' when it was). */
  #describe(action: ResidentAction): { what: string; status: string; reason: string } {
    const t = residentStrings[this.#locale.value].mine;
    const meal = mealStrings[this.#locale.value];
    const volunteer = volunteerStrings[this.#locale.value];
    const what = t.types[action.type] ?? meal.mine[action.type as keyof MealStrings['mine']] ?? volunteer.actions[action.type as keyof VolunteerStrings['actions']] ?? t.otherType;
    const refused = action.status === 'rejected' || action.status === 'conflict';
    // An online redemption waiting for the server is not confirmed yet: never shown as if it were.
    const awaiting = action.status === 'pending' && action.command.type === 'points.redeem' && action.command.payload.funding === 'online';
    return {
      what: action.undoOf ? fill(t.undoOf, { what }) : what,
      status: action.undoneAt
        ? t.undone
        : awaiting
          ? t.submittedOnline
          : action.status === 'pending' && action.command.type === 'meal.book'
            ? meal.book.status.provisional
            : action.status === 'pending' && action.command.type === 'volunteer.sign-up'
              ? volunteer.board.status.provisional
              : t.status[action.status],
      reason: refused && action.reason ? fill(t.reason, { reason: action.reason }) : '',
    };
  }

  #row(action: ResidentAction, now: Date): unknown {
    const locale = this.#locale.value;
    const t = residentStrings[locale].mine;
    const { what, status, reason } = this.#describe(action);
    const proxyStaffNo = action.command.actor.staffNo;
    return html`<li data-action=${action.id} data-status=${action.undoneAt ? 'undone' : action.status}>
      <span class="what">${what}</span>
      <span class="when">${formatDateTime(action.createdAt, locale)}</span>
      <span class="status">${status}</span>
      ${proxyStaffNo ? html`<span class="proxy">${fill(t.proxyNote, { staffNo: proxyStaffNo })}</span>` : nothing}
      ${reason ? html`<span class="reason">${reason}</span>` : nothing}
      ${undoAvailable(action, now) ? html`<button type="button" class="undo" @click=${() => void this.undo(action)}>${t.undo}</button>` : nothing}
    </li>`;
  }

  protected override render(): unknown {
    const t = residentStrings[this.#locale.value].mine;
    if (!this.session || !this.services) return html`<h1>${t.heading}</h1>`;
    const now = this.services.now();
    return html`
      <h1>${t.heading}</h1>
      <p>${t.intro}</p>
      <p class="message" role="status">${this.message}</p>
      <linli-mine-volunteer .services=${this.services} .session=${this.session}></linli-mine-volunteer>
      ${this.actions.length === 0 ? html`<p class="empty">${t.empty}</p>` : html`<ol>${this.actions.map((a) => this.#row(a, now))}</ol>`}
      <div class="actions">
        <button type="button" class="sign-out" @click=${() => requestSignOut(this)}>${t.signOut}</button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'linli-mine-screen': LinliMineScreen;
  }
}
