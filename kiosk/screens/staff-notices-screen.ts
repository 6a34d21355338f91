/**
 * Staff mode home: every notice in the replica, whatever its state (scheduled, expired, taken
 * down, waiting to sync), with edit, take down, print and clear-emergency, plus the "needs
 * attention" entry and sign-out.
 *
 * @summary Staff notice list.
 */
import { css, html, LitElement, nothing } from 'lit';
import { isNoticeVisible } from '../../domain/index.ts';
import { fill, formatDateTime } from '../../components/core/i18n.ts';
import { LocaleController } from '../../components/core/locale-controller.ts';
import { token } from '../../components/core/theme.ts';
import type { KioskServices } from '../kiosk-services.ts';
import { navigate, type PrintNoticeDetail } from '../navigation.ts';
import { draftOf, saveNotice } from '../staff/notice-commands.ts';
import { compareForStaff, noticeState } from '../staff/notice-status.ts';
import { staffMay } from '../staff/staff-menu.ts';
import type { StaffSession } from '../staff/staff-sign-in.ts';
import type { ReplicaNotice } from '../store/kiosk-db.ts';
import { kioskStrings } from '../strings.ts';
import { kioskStyles } from '../ui/kiosk-styles.ts';
import { ReplicaWatch } from '../ui/replica-watch.ts';
import { joinSpoken, type SpokenScreen } from '../ui/spoken-screen.ts';

type PendingConfirm = { kind: 'retire' | 'clear-emergency'; notice: ReplicaNotice } | null;

export class LinliStaffNoticesScreen extends LitElement implements SpokenScreen {
  static override styles = [
    kioskStyles,
    css`
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 24px;
      }
      li {
        border: 3px solid ${token('--linli-color-border')};
        border-radius: ${token('--linli-radius')};
        padding: 0.75em;
      }
      li.emergency {
        border-color: ${token('--linli-color-danger')};
        border-width: 6px;
      }
      h2 {
        margin-block-end: 0.25em;
      }
      .chips {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5em;
        margin-block-end: 0.5em;
      }
      .chip {
        border: 2px solid currentColor;
        border-radius: 0.25em;
        padding-inline: 0.375em;
        font-weight: 700;
      }
      .chip.emergency,
      .chip.pending {
        background: ${token('--linli-color-danger')};
        color: ${token('--linli-color-surface')};
        border-color: ${token('--linli-color-danger')};
      }
      .flash {
        border-inline-start: 8px solid ${token('--linli-color-accent')};
        padding-inline-start: 0.5em;
        font-weight: 700;
      }
    `,
  ];

  static override properties = {
    services: { attribute: false },
    staff: { attribute: false },
    flash: { type: String },
    notices: { attribute: false },
    attentionCount: { attribute: false },
    confirming: { attribute: false },
  };

  declare services: KioskServices | null;
  declare staff: StaffSession | null;
  /** A one-line message after a save (已保存…). */
  declare flash: string;
  declare notices: ReplicaNotice[];
  declare attentionCount: number;
  declare confirming: PendingConfirm;
  readonly #locale = new LocaleController(this);

  constructor() {
    super();
    this.services = null;
    this.staff = null;
    this.flash = '';
    this.notices = [];
    this.attentionCount = 0;
    this.confirming = null;
    new ReplicaWatch(this, () => void this.load());
  }

  async load(): Promise<void> {
    const s = this.services;
    if (!s) return;
    const [all, attention] = await Promise.all([s.source.allNotices(), s.db.run((db) => db.count('attention'))]);
    this.notices = all.sort(compareForStaff);
    this.attentionCount = attention;
  }

  async #confirm(): Promise<void> {
    const pending = this.confirming;
    const s = this.services;
    this.confirming = null;
    if (!pending || !s || !this.staff) return;
    const draft = draftOf(pending.notice);
    if (pending.kind === 'retire') draft.retired = true;
    else draft.emergency = false;
    const stationId = (await s.db.getMeta('stationId')) ?? pending.notice.stationId;
    await saveNotice(s.outbox, stationId, this.staff, pending.notice, draft);
    this.flash = kioskStrings[this.#locale.value].staff.saved;
  }

  #print(notice: ReplicaNotice): void {
    this.dispatchEvent(new CustomEvent<PrintNoticeDetail>('linli-print-notice', { detail: { notice }, bubbles: true, composed: true }));
  }

  /** Heading, the last message, the open confirmation, and each notice's title and state (no staff name). */
  spokenText(): string {
    const locale = this.#locale.value;
    const t = kioskStrings[locale];
    const now = this.services?.now() ?? new Date();
    const c = this.confirming;
    if (c) {
      return joinSpoken([fill(c.kind === 'retire' ? t.staff.retireConfirm : t.staff.clearEmergencyConfirm, { title: c.notice.title })], locale);
    }
    return joinSpoken(
      [t.staff.heading, this.flash, this.notices.length === 0 ? t.staff.empty : '', ...this.notices.map((n) => [n.title, t.staff.status[noticeState(n, now)]].join(locale === 'en' ? ', ' : '，'))],
      locale,
    );
  }

  protected override render(): unknown {
    const locale = this.#locale.value;
    const t = kioskStrings[locale];
    const now = this.services?.now() ?? new Date();
    const confirming = this.confirming;
    // What the role may do (domain/roles.ts): an emergency notice needs notices.emergency as well.
    const mayEdit = staffMay(this.staff, 'notices.edit');
    const mayEmergency = mayEdit && staffMay(this.staff, 'notices.emergency');
    const mayEditNotice = (n: ReplicaNotice) => mayEdit && (!n.emergency || mayEmergency);
    return html`
      <div ?inert=${confirming !== null}>
        <h1>${t.staff.heading}</h1>
        ${this.staff ? html`<p>${fill(t.staff.signedInAs, { name: this.staff.name })}</p>` : nothing}
        <p class="flash" role="status">${this.flash}</p>
        <div class="actions">
          ${mayEdit ? html`<button type="button" class="primary new" @click=${() => navigate(this, { screen: 'notice-editor', notice: null })}>${t.staff.newNotice}</button>` : nothing}
          ${mayEmergency
            ? html`<button type="button" class="new-emergency" @click=${() => navigate(this, { screen: 'notice-editor', notice: null, emergency: true })}>${t.staff.newEmergency}</button>`
            : nothing}
          <button type="button" class="attention" @click=${() => navigate(this, { screen: 'attention' })}>${fill(t.staff.attention, { n: this.attentionCount })}</button>
          <button type="button" class="sign-out" @click=${() => this.dispatchEvent(new CustomEvent('linli-staff-sign-out', { bubbles: true, composed: true }))}>${t.staff.signOut}</button>
        </div>
        ${this.notices.length === 0 ? html`<p>${t.staff.empty}</p>` : nothing}
        <ul>
          ${this.notices.map((n) => {
            const state = noticeState(n, now);
            return html`<li class=${n.emergency ? 'emergency' : ''} data-notice-id=${n.id}>
              <h2>${n.title}</h2>
              <div class="chips">
                <span class="chip state">${t.staff.status[state]}</span>
                <span class="chip">${t.boards[n.board]}</span>
                ${n.emergency ? html`<span class="chip emergency">${t.staff.status.emergency}</span>` : nothing}
                ${n.pinned ? html`<span class="chip">${t.staff.status.pinned}</span>` : nothing}
                ${n.pendingCommandId ? html`<span class="chip pending">${t.staff.status.pending}</span>` : nothing}
              </div>
              <p>
                ${fill(t.staff.publishAt, { time: formatDateTime(n.publishAt, locale) })}
                ${n.expireAt ? html`<br />${fill(t.staff.expireAt, { time: formatDateTime(n.expireAt, locale) })}` : nothing}
              </p>
              <div class="actions">
                ${mayEditNotice(n) ? html`<button type="button" class="edit" @click=${() => navigate(this, { screen: 'notice-editor', notice: n })}>${t.staff.edit}</button>` : nothing}
                ${n.retired || !mayEditNotice(n) ? nothing : html`<button type="button" class="retire" @click=${() => (this.confirming = { kind: 'retire', notice: n })}>${t.staff.retire}</button>`}
                ${mayEdit && n.emergency && isNoticeVisible(n, now)
                  ? html`<button type="button" class="clear-emergency" @click=${() => (this.confirming = { kind: 'clear-emergency', notice: n })}>${t.staff.clearEmergency}</button>`
                  : nothing}
                <button type="button" class="print" @click=${() => this.#print(n)}>${t.staff.print}</button>
              </div>
            </li>`;
          })}
        </ul>
      </div>
      ${confirming
        ? html`<linli-confirm-sheet
            tone="danger"
            heading=${confirming.kind === 'retire' ? t.staff.retire : t.staff.clearEmergency}
            message=${fill(confirming.kind === 'retire' ? t.staff.retireConfirm : t.staff.clearEmergencyConfirm, { title: confirming.notice.title })}
            @linli-confirm=${() => void this.#confirm()}
            @linli-cancel=${() => (this.confirming = null)}
          ></linli-confirm-sheet>`
        : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'linli-staff-notices-screen': LinliStaffNoticesScreen;
  }
}
