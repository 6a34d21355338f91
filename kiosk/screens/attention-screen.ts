/**
 * "Needs attention": a revoked pairing (本机已被停用: how many queued commands the server refused,
 * its reason, and 重新配对), this device's storage and database alerts (plain Chinese, with the time),
 * commands the server rejected (with its reason) and edits that conflicted with someone else's
 * (both versions side by side). For a conflict, staff keep their version (a new edit based on
 * the server's revision) or take the server's (discard theirs).
 *
 * @summary Staff "needs attention" list.
 * @fires {CustomEvent<{ kind: string }>} linli-device-alert-dismiss - Staff dismissed a device alert (知道了).
 */
import { css, html, LitElement, nothing } from 'lit';
import type { CatalogueItem, CatalogueItemDraft, Notice } from '../../domain/index.ts';
import { fill, formatDateTime, formatNumber, type Locale } from '../../components/core/i18n.ts';
import { LocaleController } from '../../components/core/locale-controller.ts';
import { token } from '../../components/core/theme.ts';
import type { KioskServices } from '../kiosk-services.ts';
import { navigate } from '../navigation.ts';
import type { StaffWarning } from '../pwa/storage-health.ts';
import { saveCatalogueItem } from '../points/points-commands.ts';
import { catalogueWithoutLocalFields } from '../points/points-replica.ts';
import { draftOf, saveNotice, dismissAttention } from '../staff/notice-commands.ts';
import { noticeState } from '../staff/notice-status.ts';
import type { StaffSession } from '../staff/staff-sign-in.ts';
import type { AttentionItem } from '../store/kiosk-db.ts';
import type { SyncEngine } from '../sync/sync-engine.ts';
import { withoutLocalFields } from '../store/replica.ts';
import { kioskStrings } from '../strings.ts';
import { kioskStyles } from '../ui/kiosk-styles.ts';
import { ReplicaWatch } from '../ui/replica-watch.ts';
import { joinSpoken, type SpokenScreen } from '../ui/spoken-screen.ts';

/** The fields of a catalogue item shown side by side (the points strings load lazily; these few are here). */
const pointsAttentionFields: Record<Locale, { name: string; cost: string; stock: string; state: string; active: string; retired: string; conflict: string }> = {
  'zh-CN': { name: '商品名称', cost: '每件积分', stock: '库存', state: '状态', active: '在兑换', retired: '已下架', conflict: '这件商品同时被别人改过了' },
  'zh-TW': { name: '商品名稱', cost: '每件積分', stock: '庫存', state: '狀態', active: '在兌換', retired: '已下架', conflict: '這件商品同時被別人改過了' },
  en: { name: 'Item', cost: 'Points each', stock: 'Stock', state: 'State', active: 'Available', retired: 'Withdrawn', conflict: 'Someone else changed this item too' },
};

/** The heading of an item on the list: a catalogue conflict says so in its own words. */
function attentionHeading(item: AttentionItem, locale: Locale): string {
  const t = kioskStrings[locale].attention;
  if (item.kind === 'conflict' && item.command.type === 'catalogue.save') return pointsAttentionFields[locale].conflict;
  return item.kind === 'conflict' ? t.conflict : t.rejected;
}

export class LinliAttentionScreen extends LitElement implements SpokenScreen {
  static override styles = [
    kioskStyles,
    css`
      ul.items {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 32px;
      }
      ul.items > li {
        border: 3px solid ${token('--linli-color-danger')};
        border-radius: ${token('--linli-radius')};
        padding: 0.75em;
      }
      .versions {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 14em), 1fr));
        gap: 24px;
      }
      .version {
        border: 2px solid ${token('--linli-color-border')};
        padding: 0.5em;
        border-radius: ${token('--linli-radius')};
      }
      dl {
        margin: 0;
      }
      dt {
        font-weight: 700;
      }
      dd {
        margin: 0 0 0.5em;
        white-space: pre-wrap;
      }
      section.device {
        margin-block-end: 32px;
      }
    `,
  ];

  static override properties = {
    services: { attribute: false },
    staff: { attribute: false },
    items: { attribute: false },
    deviceAlerts: { attribute: false },
    revocation: { state: true },
  };

  declare services: KioskServices | null;
  declare staff: StaffSession | null;
  declare items: AttentionItem[];
  /** The app's storage / database alerts for this device (newest first). */
  declare deviceAlerts: readonly StaffWarning[];
  /** This kiosk's pairing was revoked: the server's reason and how many queued commands it refused. */
  declare revocation: { reason: string; refused: number } | null;
  readonly #locale = new LocaleController(this);
  #busy = false;
  #engine: SyncEngine | null = null;
  readonly #onStatus = (): void => void this.load();

  constructor() {
    super();
    this.services = null;
    this.staff = null;
    this.items = [];
    this.deviceAlerts = [];
    this.revocation = null;
    new ReplicaWatch(this, () => void this.load());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#follow(null);
  }

  /** Reload when the engine learns of a revocation (it may come with an empty outbox). */
  #follow(engine: SyncEngine | null): void {
    if (engine === this.#engine) return;
    this.#engine?.removeEventListener('status-change', this.#onStatus);
    this.#engine = engine;
    engine?.addEventListener('status-change', this.#onStatus);
  }

  async load(): Promise<void> {
    const s = this.services;
    if (!s) return;
    if (this.isConnected) this.#follow(s.engine);
    const [items, refused] = await Promise.all([s.db.run((db) => db.getAllFromIndex('attention', 'byAt')), s.outbox.refused()]);
    this.items = items;
    // The refused commands are stored, so this shows after a reload too, before any new answer.
    const revoked = s.engine.status.revoked;
    const reason = revoked?.reason ?? refused[0]?.lastError;
    this.revocation = reason !== undefined ? { reason, refused: refused.length } : null;
  }

  /** A catalogue edit: send mine again, based on the newest server revision known. */
  async #keepMyItem(item: AttentionItem): Promise<void> {
    const s = this.services;
    const mine = item.localItem;
    const server = item.serverItem;
    if (!s || !this.staff || !mine || !server) return;
    const stationId = (await s.db.getMeta('stationId')) ?? server.stationId;
    const current = await s.db.run((db) => db.get('catalogue', server.id));
    const known = current ? (current.pendingCommandId ? (current.serverCopy ?? null) : catalogueWithoutLocalFields(current)) : null;
    const base = known && known.revision > server.revision ? known : server;
    const { id: _i, stationId: _s, revision: _r, updatedAt: _u, ...draft } = mine;
    // The stock change I asked for (补货 / 减少) is made again on the server's stock, not my copy's.
    const stockDelta = item.command.type === 'catalogue.save' ? (item.command.payload.stockDelta ?? 0) : 0;
    await saveCatalogueItem(s.outbox, stationId, this.staff, base, draft satisfies CatalogueItemDraft, {
      itemId: server.id,
      stockDelta,
      alsoInTx: async (tx) => {
        await tx.objectStore('attention').delete(item.id);
      },
    });
  }

  /** Send my version again, based on the server's current revision; the item goes in the same transaction. */
  async keepMine(item: AttentionItem): Promise<void> {
    const s = this.services;
    if (this.#busy || !s || !this.staff) return;
    if (item.command.type === 'catalogue.save') {
      this.#busy = true;
      try {
        await this.#keepMyItem(item);
      } finally {
        this.#busy = false;
      }
      return;
    }
    if (!item.local || !item.server) return;
    this.#busy = true;
    try {
      const stationId = (await s.db.getMeta('stationId')) ?? item.server.stationId;
      const server = item.server;
      const current = await s.db.run((db) => db.get('notices', server.id));
      // Base it on the newest server revision we know (a pull may have brought a newer one).
      const known = current ? (current.pendingCommandId ? (current.serverCopy ?? null) : current) : null;
      const base = known && known.revision > server.revision ? withoutLocalFields(known) : server;
      await saveNotice(s.outbox, stationId, this.staff, base, draftOf(item.local), server.id, async (tx) => {
        await tx.objectStore('attention').delete(item.id);
      });
    } finally {
      this.#busy = false;
    }
  }

  /** Take the server's version: mine is discarded (the replica already shows the server's). */
  async takeServer(item: AttentionItem): Promise<void> {
    if (!this.services) return;
    await dismissAttention(this.services.db, item.id);
  }

  #version(heading: string, notice: Notice | null, empty: string): unknown {
    const locale = this.#locale.value;
    const t = kioskStrings[locale];
    const now = this.services?.now() ?? new Date();
    return html`<section class="version">
      <h3>${heading}</h3>
      ${notice
        ? html`<dl>
            <dt>${t.attention.fieldTitle}</dt>
            <dd>${notice.title}</dd>
            <dt>${t.attention.fieldBoard}</dt>
            <dd>${t.boards[notice.board]}</dd>
            <dt>${t.attention.fieldState}</dt>
            <dd>${t.staff.status[noticeState(notice, now)]}${notice.emergency ? html` <strong>${t.staff.status.emergency}</strong>` : nothing}</dd>
            <dt>${t.attention.fieldBody}</dt>
            <dd>${notice.body}</dd>
          </dl>`
        : html`<p>${empty}</p>`}
    </section>`;
  }

  #itemVersion(heading: string, it: CatalogueItem | null | undefined, empty: string): unknown {
    const locale = this.#locale.value;
    const f = pointsAttentionFields[locale];
    return html`<section class="version">
      <h3>${heading}</h3>
      ${it
        ? html`<dl>
            <dt>${f.name}</dt>
            <dd>${it.name}</dd>
            <dt>${f.cost}</dt>
            <dd>${formatNumber(it.cost, locale)}</dd>
            <dt>${f.stock}</dt>
            <dd>${formatNumber(it.stock, locale)}</dd>
            <dt>${f.state}</dt>
            <dd>${it.retired ? f.retired : f.active}</dd>
          </dl>`
        : html`<p>${empty}</p>`}
    </section>`;
  }

  spokenText(): string {
    const locale = this.#locale.value;
    const all = kioskStrings[locale];
    const t = all.attention;
    const colon = locale === 'en' ? ': ' : '：';
    const revoked = all.deviceRevoked;
    if (this.items.length === 0 && this.deviceAlerts.length === 0 && !this.revocation) return joinSpoken([t.heading, t.none], locale);
    return joinSpoken(
      [
        t.heading,
        ...(this.revocation
          ? [revoked.heading, fill(revoked.refused, { n: formatNumber(this.revocation.refused, locale) }), fill(t.reason, { reason: this.revocation.reason }), revoked.whatToDo]
          : []),
        ...(this.deviceAlerts.length > 0 ? [all.deviceAlerts.heading, ...this.deviceAlerts.map((a) => `${all.deviceAlerts.level[a.level]}${colon}${a.message}`)] : []),
        ...this.items.map((item) => [attentionHeading(item, locale), (item.local ?? item.server)?.title ?? (item.localItem ?? item.serverItem)?.name ?? ''].join(colon)),
      ],
      locale,
    );
  }

  #renderRevocation(): unknown {
    const r = this.revocation;
    if (!r) return nothing;
    const locale = this.#locale.value;
    const strings = kioskStrings[locale];
    const t = strings.deviceRevoked;
    return html`<section class="device revoked" role="alert">
      <ul class="items">
        <li data-kind="revoked">
          <h2>${t.heading}</h2>
          <p class="refused">${fill(t.refused, { n: formatNumber(r.refused, locale) })}</p>
          ${r.refused > 0 ? html`<p class="kept">${t.kept}</p>` : nothing}
          <p class="reason">${fill(strings.attention.reason, { reason: r.reason })}</p>
          <p class="what-to-do">${t.whatToDo}</p>
          <div class="actions">
            <button type="button" class="primary repair" @click=${() => navigate(this, { screen: 'pairing' })}>${t.repair}</button>
          </div>
        </li>
      </ul>
    </section>`;
  }

  #renderDeviceAlerts(): unknown {
    if (this.deviceAlerts.length === 0) return nothing;
    const locale = this.#locale.value;
    const t = kioskStrings[locale].deviceAlerts;
    return html`<section class="device">
      <h2>${t.heading}</h2>
      <p class="muted">${t.intro}</p>
      <ul class="items device-alerts">
        ${this.deviceAlerts.map(
          (alert) => html`<li data-alert=${alert.kind} data-level=${alert.level}>
            <h3>${t.level[alert.level]}</h3>
            <p class="alert-message">${alert.message}</p>
            <p class="muted alert-time">${fill(t.at, { time: formatDateTime(alert.at, locale) })}</p>
            <div class="actions">
              <button type="button" class="dismiss-alert"
                @click=${() => this.dispatchEvent(new CustomEvent('linli-device-alert-dismiss', { detail: { kind: alert.kind }, bubbles: true, composed: true }))}>
                ${t.dismiss}
              </button>
            </div>
          </li>`,
        )}
      </ul>
    </section>`;
  }

  protected override render(): unknown {
    const locale = this.#locale.value;
    const t = kioskStrings[locale].attention;
    return html`
      <h1>${t.heading}</h1>
      ${this.items.length === 0 && this.deviceAlerts.length === 0 && !this.revocation ? html`<p class="none">${t.none}</p>` : nothing}
      ${this.#renderRevocation()}
      ${this.#renderDeviceAlerts()}
      <ul class="items">
        ${this.items.map(
          (item) => html`<li data-kind=${item.kind} data-id=${item.id}>
            <h2>${attentionHeading(item, locale)}</h2>
            <p class="muted">${formatDateTime(item.at, locale)}</p>
            ${item.reason ? html`<p class="reason">${fill(t.reason, { reason: item.reason })}</p>` : nothing}
            ${item.command.type === 'catalogue.save'
              ? html`<div class="versions">${this.#itemVersion(t.mine, item.localItem, t.serverNone)} ${this.#itemVersion(t.server, item.serverItem, t.serverNone)}</div>`
              : item.local || item.server
                ? html`<div class="versions">${this.#version(t.mine, item.local, t.serverNone)} ${this.#version(t.server, item.server, t.serverNone)}</div>`
                : nothing}
            <div class="actions">
              ${item.kind === 'conflict' && (item.server || item.serverItem)
                ? html`<button type="button" class="primary keep-mine" @click=${() => void this.keepMine(item)}>${t.keepMine}</button>
                    <button type="button" class="take-server" @click=${() => void this.takeServer(item)}>${t.takeServer}</button>`
                : html`<button type="button" class="dismiss" @click=${() => void this.takeServer(item)}>${t.dismiss}</button>`}
            </div>
          </li>`,
        )}
      </ul>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'linli-attention-screen': LinliAttentionScreen;
  }
}
