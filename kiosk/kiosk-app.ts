/**
 * The kiosk root. It owns the services (IndexedDB replica, outbox, sync engine), provides the
 * kiosk source to every Linli component inside it through @lit/context, decides the language
 * (its `lang`), and runs the screens: pairing, home, notices, the idle attract loop, the
 * emergency takeover, and staff mode. The header (返回, station name, 首页) and the footer
 * (help line, sync status) stay in the same place on every screen.
 *
 * @summary Kiosk application shell.
 */
import { ContextProvider } from '@lit/context';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { currentEmergency, selectVisibleNotices, type Notice, type Station } from '../domain/index.ts';
import { fill, formatNumber } from '../components/core/i18n.ts';
import { LocaleController } from '../components/core/locale-controller.ts';
import { linliSourceContext } from '../components/core/source.ts';
import { token } from '../components/core/theme.ts';
import { createKioskServices, type KioskServices } from './kiosk-services.ts';
import { STAFF_SCREENS, type NavigateDetail, type ScreenName } from './navigation.ts';
import { printPoster } from './poster/print-poster.ts';
import type { StaffSession } from './staff/staff-sign-in.ts';
import type { ReplicaNotice } from './store/kiosk-db.ts';
import { withoutLocalFields } from './store/replica.ts';
import { pairDevice, type PairResult } from './sync/pairing.ts';
import type { SyncStatus } from './sync/sync-engine.ts';
import { kioskStrings } from './strings.ts';
import { DoubleTapGuard } from './ui/double-tap-guard.ts';
import { kioskStyles } from './ui/kiosk-styles.ts';
import { attachLongPress } from './ui/long-press.ts';

/** Staff get a spoken-free but visible warning this long before staff mode times out. */
const STAFF_WARNING_MS = 20_000;

export class LinliKioskApp extends LitElement {
  static override styles = [
    kioskStyles,
    css`
      :host {
        min-block-size: 100dvh;
        background: ${token('--linli-color-surface')};
        color: ${token('--linli-color-text')};
      }
      .frame {
        display: flex;
        flex-direction: column;
        min-block-size: 100dvh;
      }
      header,
      footer {
        position: sticky;
        z-index: 5;
        background: ${token('--linli-color-surface')};
        display: flex;
        align-items: center;
        gap: 16px;
        padding: 16px;
      }
      header {
        inset-block-start: 0;
        border-block-end: 3px solid ${token('--linli-color-border')};
      }
      header .station {
        flex: 1;
        min-inline-size: 0;
        text-align: center;
        font-size: 1.25em;
        font-weight: 700;
        user-select: none;
        -webkit-user-select: none;
        -webkit-touch-callout: none;
        touch-action: none;
      }
      header button {
        min-inline-size: 5em;
        font-size: 1.125em;
      }
      main {
        flex: 1;
        padding: 24px;
        min-inline-size: 0;
      }
      footer {
        inset-block-end: 0;
        flex-wrap: wrap;
        justify-content: space-between;
        border-block-start: 3px solid ${token('--linli-color-border')};
      }
      .phone {
        font-size: 1.125em;
        font-weight: 700;
      }
      .phone .number {
        font-variant-numeric: tabular-nums;
        letter-spacing: 0.05em;
      }
      .sync {
        display: inline-flex;
        align-items: center;
        gap: 0.5em;
      }
      .sync .dot {
        inline-size: 0.75em;
        block-size: 0.75em;
        border-radius: 50%;
        border: 2px solid currentColor;
      }
      .sync[data-state='synced'] .dot {
        background: #0a5c2a;
      }
      .sync[data-state='syncing'] .dot {
        background: ${token('--linli-color-accent')};
      }
      .sync[data-state='offline'] .dot {
        background: transparent;
      }
      @media (max-width: 480px) {
        header {
          gap: 8px;
          padding: 8px;
        }
        header button {
          min-inline-size: 64px;
          padding-inline: 0.5em;
        }
        main {
          padding: 12px;
        }
      }
    `,
  ];

  static override properties = {
    services: { attribute: false },
    idleMs: { type: Number, attribute: 'idle-ms' },
    attractIntervalMs: { type: Number, attribute: 'attract-interval-ms' },
    staffTimeoutMs: { type: Number, attribute: 'staff-timeout-ms' },
    staffHoldMs: { type: Number, attribute: 'staff-hold-ms' },
    tapGuardMs: { type: Number, attribute: 'tap-guard-ms' },
    screen: { type: String, reflect: true },
    ready: { type: Boolean, reflect: true },
    station: { attribute: false },
    visible: { attribute: false },
    emergency: { attribute: false },
    syncStatus: { attribute: false },
    staff: { attribute: false },
    staffWarning: { attribute: false },
    flash: { attribute: false },
  };

  /** Set before connecting to bring your own (tests); otherwise made from the page's URL. */
  declare services: KioskServices | null;
  /** Idle time before the attract loop starts (90 s). */
  declare idleMs: number;
  /** How long each notice stays in the attract loop (10 s). */
  declare attractIntervalMs: number;
  /** Staff mode ends after this long without a touch (5 min). */
  declare staffTimeoutMs: number;
  /** The long press on the station name that opens staff sign-in (2 s). */
  declare staffHoldMs: number;
  /** A second tap on the same control within this many ms is ignored. */
  declare tapGuardMs: number;
  declare screen: ScreenName;
  /** True once the kiosk knows whether it is paired and has read its replica. */
  declare ready: boolean;
  declare station: Station | null;
  declare visible: Notice[];
  declare emergency: Notice | null;
  declare syncStatus: SyncStatus | null;
  declare staff: StaffSession | null;
  declare staffWarning: boolean;
  declare flash: string;

  readonly #locale = new LocaleController(this);
  readonly #provider = new ContextProvider(this, { context: linliSourceContext, initialValue: undefined });
  readonly #guard = new DoubleTapGuard();
  #history: ScreenName[] = [];
  #editing: { notice: ReplicaNotice | null; emergency: boolean } = { notice: null, emergency: false };
  #lastActivity = performance.now();
  #lastRefresh = 0;
  #tick: ReturnType<typeof setInterval> | null = null;
  #cleanups: (() => void)[] = [];

  constructor() {
    super();
    this.services = null;
    this.idleMs = 90_000;
    this.attractIntervalMs = 10_000;
    this.staffTimeoutMs = 5 * 60_000;
    this.staffHoldMs = 2_000;
    this.tapGuardMs = 350;
    this.screen = 'home';
    this.ready = false;
    this.station = null;
    this.visible = [];
    this.emergency = null;
    this.syncStatus = null;
    this.staff = null;
    this.staffWarning = false;
    this.flash = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.hasAttribute('lang')) this.setAttribute('lang', 'zh-CN');
    this.services ??= createKioskServices();
    const services = this.services;
    this.#provider.setValue(services.source);

    this.#guard.windowMs = this.tapGuardMs;
    this.#cleanups.push(this.#guard.install(this));
    const activity = (event: Event): void => this.#onActivity(event);
    for (const type of ['pointerdown', 'keydown', 'input'] as const) {
      this.addEventListener(type, activity, { capture: true });
      this.#cleanups.push(() => this.removeEventListener(type, activity, { capture: true }));
    }
    this.#cleanups.push(services.db.onChange(() => void this.#refresh()));
    const onStatus = (event: Event): void => {
      this.syncStatus = (event as CustomEvent<SyncStatus>).detail;
    };
    services.engine.addEventListener('status-change', onStatus);
    this.#cleanups.push(() => services.engine.removeEventListener('status-change', onStatus));
    this.syncStatus = services.engine.status;

    this.#lastActivity = performance.now();
    this.#tick = setInterval(() => this.#onTick(), Math.max(50, Math.min(1000, this.idleMs / 4, this.staffTimeoutMs / 8)));
    void this.#boot();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
    if (this.#tick !== null) clearInterval(this.#tick);
    this.#tick = null;
    this.services?.engine.stop();
  }

  protected override firstUpdated(_changed: PropertyValues<this>): void {
    const name = this.renderRoot.querySelector<HTMLElement>('.station');
    if (name) this.#cleanups.push(attachLongPress(name, this.staffHoldMs, () => this.#openStaffSignIn()));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('tapGuardMs')) this.#guard.windowMs = this.tapGuardMs;
  }

  async #boot(): Promise<void> {
    const s = this.services!;
    const token = await s.db.getMeta('deviceToken');
    if (token) {
      this.screen = 'home';
      s.engine.start();
    } else {
      this.screen = 'pairing';
    }
    await this.#refresh();
    this.ready = true;
  }

  /** Re-read what the shell shows from the replica: station, visible notices, emergency. */
  async #refresh(): Promise<void> {
    const s = this.services;
    if (!s) return;
    this.#lastRefresh = performance.now();
    const [station, all] = await Promise.all([s.source.station(), s.source.allNotices()]);
    const now = s.now();
    const notices = all.map(withoutLocalFields);
    this.station = station;
    this.visible = selectVisibleNotices(notices, {}, now);
    this.emergency = currentEmergency(notices, now);
  }

  async #pair(code: string): Promise<PairResult> {
    const s = this.services!;
    const result = await pairDevice(s.db, s.api, code, kioskStrings[this.#locale.value].pairing.deviceName, s.fetch);
    if (result.ok) {
      this.#history = [];
      this.screen = 'home';
      s.engine.start();
    }
    return result;
  }

  #onActivity(event: Event): void {
    this.#lastActivity = performance.now();
    if (this.staffWarning && event.type === 'pointerdown') this.staffWarning = false;
    // Any touch on the attract loop brings back the home screen.
    if (this.screen === 'attract' && event.type !== 'input') this.goHome();
  }

  #onTick(): void {
    const idle = performance.now() - this.#lastActivity;
    // Publish and expiry times pass without any sync: re-read now and then.
    if (performance.now() - this.#lastRefresh > 15_000) void this.#refresh();
    if (this.staff) {
      if (idle >= this.staffTimeoutMs) this.signOutStaff();
      else if (idle >= this.staffTimeoutMs - Math.min(STAFF_WARNING_MS, this.staffTimeoutMs / 2)) this.staffWarning = true;
      return;
    }
    if (!this.ready || this.screen === 'attract' || this.screen === 'pairing') return;
    if (idle >= this.idleMs) {
      this.#history = [];
      this.screen = 'attract';
    }
  }

  #openStaffSignIn(): void {
    if (this.staff || this.screen === 'pairing') return;
    this.#go({ screen: 'staff-sign-in' });
  }

  #go(detail: NavigateDetail): void {
    this.flash = '';
    if (detail.screen === 'notice-editor') this.#editing = { notice: detail.notice ?? null, emergency: detail.emergency ?? false };
    const previous = this.#history[this.#history.length - 1];
    if (previous === detail.screen) {
      // Going "forward" to the screen we came from is going back.
      this.#history.pop();
    } else if (!detail.replace) {
      this.#history.push(this.screen);
    }
    this.screen = detail.screen;
  }

  back(): void {
    this.flash = '';
    const previous = this.#history.pop();
    this.screen = previous ?? this.#homeScreen();
  }

  goHome(): void {
    this.flash = '';
    this.#history = [];
    this.screen = this.#homeScreen();
  }

  signOutStaff(): void {
    this.staff = null;
    this.staffWarning = false;
    this.#history = [];
    this.screen = 'home';
  }

  #homeScreen(): ScreenName {
    if (this.screen === 'pairing') return 'pairing';
    return this.staff ? 'staff-notices' : 'home';
  }

  #signedIn(staff: StaffSession): void {
    this.staff = staff;
    this.#history = [];
    this.screen = 'staff-notices';
  }

  async #print(notice: Notice): Promise<void> {
    const s = this.services!;
    await printPoster({
      notice,
      stationName: this.station?.name ?? kioskStrings[this.#locale.value].stationFallback,
      url: s.source.noticeUrl(notice),
      lang: this.#locale.value,
      print: s.print,
    });
  }

  #renderScreen(): unknown {
    const s = this.services!;
    if (!this.ready) return nothing;
    const staffScreen = STAFF_SCREENS.includes(this.screen);
    if (!staffScreen && this.emergency && (this.screen === 'home' || this.screen === 'attract')) {
      return html`<linli-emergency-screen .notice=${this.emergency}></linli-emergency-screen>`;
    }
    if (staffScreen && !this.staff) return html`<linli-home-screen notice-count=${this.visible.length}></linli-home-screen>`;
    switch (this.screen) {
      case 'pairing':
        return html`<linli-pairing-screen .pair=${(code: string) => this.#pair(code)}></linli-pairing-screen>`;
      case 'home':
        return html`<linli-home-screen notice-count=${this.visible.length}></linli-home-screen>`;
      case 'notices':
        return html`<linli-notices-screen></linli-notices-screen>`;
      case 'attract':
        return html`<linli-attract-screen .notices=${this.visible} interval-ms=${this.attractIntervalMs}></linli-attract-screen>`;
      case 'staff-sign-in':
        return html`<linli-staff-sign-in-screen .db=${s.db} .now=${s.now}
          @linli-staff-signed-in=${(e: CustomEvent<{ staff: StaffSession }>) => this.#signedIn(e.detail.staff)}></linli-staff-sign-in-screen>`;
      case 'staff-notices':
        return html`<linli-staff-notices-screen .services=${s} .staff=${this.staff} flash=${this.flash}></linli-staff-notices-screen>`;
      case 'notice-editor':
        return html`<linli-notice-editor-screen .services=${s} .staff=${this.staff} .notice=${this.#editing.notice} ?emergency-preset=${this.#editing.emergency}
          @linli-notice-saved=${() => {
            this.back();
            this.flash = kioskStrings[this.#locale.value].staff.saved;
          }}></linli-notice-editor-screen>`;
      case 'attention':
        return html`<linli-attention-screen .services=${s} .staff=${this.staff}></linli-attention-screen>`;
    }
  }

  #renderSync(): unknown {
    const t = kioskStrings[this.#locale.value].sync;
    const locale = this.#locale.value;
    const st = this.syncStatus;
    if (!st || this.screen === 'pairing') return html`<span class="sync" role="status"></span>`;
    const label = st.state === 'synced' && st.pending > 0 ? t.syncing : t[st.state];
    return html`<span class="sync" role="status" data-state=${st.state}>
      <span class="dot" aria-hidden="true"></span><span class="state">${label}</span>
      ${st.pending > 0 ? html`<span class="pending">${fill(t.pending, { n: formatNumber(st.pending, locale) })}</span>` : nothing}
      ${this.staff && st.attention > 0 ? html`<span class="attention">${fill(t.attention, { n: formatNumber(st.attention, locale) })}</span>` : nothing}
    </span>`;
  }

  protected override render(): unknown {
    const t = kioskStrings[this.#locale.value];
    const atHome = this.screen === this.#homeScreen() && this.#history.length === 0;
    return html`<div class="frame">
      <header ?inert=${this.staffWarning}>
        <button type="button" class="back" ?disabled=${atHome} @click=${() => this.back()}>${t.back}</button>
        <span class="station">${this.station?.name ?? t.stationFallback}</span>
        <button type="button" class="home" ?disabled=${atHome} @click=${() => this.goHome()}>${t.home}</button>
      </header>
      <main
        ?inert=${this.staffWarning}
        @linli-navigate=${(e: CustomEvent<NavigateDetail>) => this.#go(e.detail)}
        @linli-print-notice=${(e: CustomEvent<{ notice: Notice }>) => void this.#print(e.detail.notice)}
        @linli-staff-sign-out=${() => this.signOutStaff()}
      >
        ${this.#renderScreen()}
      </main>
      <footer>
        <span class="phone">${t.helpPhone} <span class="number">${this.station?.phone ?? ''}</span></span>
        ${this.#renderSync()}
      </footer>
      ${this.staffWarning
        ? html`<linli-confirm-sheet
            class="staff-timeout"
            heading=${t.staff.heading}
            message=${t.staff.timeoutWarning}
            confirm-label=${t.staff.stay}
            cancel-label=${t.staff.signOut}
            @linli-confirm=${() => {
              this.staffWarning = false;
              this.#lastActivity = performance.now();
            }}
            @linli-cancel=${() => this.signOutStaff()}
          ></linli-confirm-sheet>`
        : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'linli-kiosk-app': LinliKioskApp;
  }
}
