/**
 * The kiosk root. It owns the services (IndexedDB replica, outbox, sync engine), provides the
 * kiosk source to every Linli component inside it through @lit/context, decides the language
 * (its `lang`), and runs the screens: pairing, home, notices, settings, the idle attract loop,
 * the emergency takeover, and staff mode. The header (返回, station name and help phone, 首页) and
 * the footer (读给我听, 再读一遍, 字号, 设置, the signed-in resident, sync status) stay in the
 * same place on every screen.
 *
 * Sessions: after `idle-ms` without a touch, a warning sheet counts down (at least 20 s, spoken
 * when 朗读 is on) with one big 继续使用; then the session is wiped — resident signed out, screens
 * re-created, text size, theme, language, read-aloud and volume back to the defaults — and the
 * home screen returns; the attract loop follows after `attract-idle-ms`. Staff mode keeps its
 * own longer timeout.
 *
 * @summary Kiosk application shell.
 * @fires {CustomEvent<KioskRestChangeDetail>} linli-kiosk-rest-change - `atRest` changed (an update may be applied only at rest).
 */
import { ContextProvider } from '@lit/context';
import { css, html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { currentEmergency, selectVisibleNotices, type Notice, type Station } from '../domain/index.ts';
import { fill, formatNumber, toLocale, type Locale } from '../components/core/i18n.ts';
import { LocaleController } from '../components/core/locale-controller.ts';
import { clearDeniedSpeech, denySpeech, hasVoice, setSpeechVolume, speak, stop as stopSpeech } from '../components/core/read-aloud.ts';
import { linliSourceContext } from '../components/core/source.ts';
import { KIOSK_HIGH_CONTRAST_TOKENS, KIOSK_TEXT_STEPS_PX, KIOSK_TOKENS, themeStyles, token, tokenRule } from '../components/core/theme.ts';
import { createKioskServices, type KioskServices } from './kiosk-services.ts';
import { MEAL_SCREENS, POINTS_SCREENS, STAFF_SCREENS, type NavigateDetail, type ScreenName } from './navigation.ts';
import { attachCardSignIn } from './residents/card-reader.ts';
import { onlineResidentSignIn } from './residents/online-sign-in.ts';
import { residentStrings } from './residents/strings.ts';
import type { StaffSignedInDetail } from './screens/staff-sign-in-screen.ts';
import { showsMenuEntry } from './staff/staff-menu.ts';
import type { StaffSession } from './staff/staff-sign-in.ts';
import type { ReplicaNotice } from './store/kiosk-db.ts';
import { withoutLocalFields } from './store/replica.ts';
import { pairDevice, type PairResult } from './sync/pairing.ts';
import type { StaffWarning } from './pwa/storage-health.ts';
import type { SyncStatus } from './sync/sync-engine.ts';
import type { ResidentSession } from './session/resident-session.ts';
import { defaultSettings, LARGEST_TEXT_SIZE, sameSettings, type KioskSettings, type TextSize } from './session/kiosk-settings.ts';
import { kioskStrings } from './strings.ts';
import { DoubleTapGuard } from './ui/double-tap-guard.ts';
import { installKioskLockdown } from './ui/kiosk-lockdown.ts';
import { kioskStyles } from './ui/kiosk-styles.ts';
import { attachLongPress } from './ui/long-press.ts';
import { isSpokenScreen, joinSpoken } from './ui/spoken-screen.ts';

/** Staff get a spoken-free but visible warning this long before staff mode times out. */
const STAFF_WARNING_MS = 20_000;
/** The idle warning never counts down from less than this (WCAG 2.2.1: at least 20 s to extend). */
export const MIN_WARNING_MS = 20_000;
/** Digits typed on a keypad are kept from speech from this many on (a PIN has 4). */
const DENY_TYPED_FROM = 3;
/** Device alerts kept for staff (one per kind; there are five kinds). */
const MAX_DEVICE_ALERTS = 10;

export interface KioskRestChangeDetail {
  atRest: boolean;
}

/** Text size steps and the high-contrast theme as token rules on the app's host. */
const textSizeRules = KIOSK_TEXT_STEPS_PX.map((px, step) => tokenRule(`:host([data-text-size='${step}'])`, { '--linli-font-size-base': `${px}px` }));

export class LinliKioskApp extends LitElement {
  static override styles = [
    kioskStyles,
    themeStyles(KIOSK_TOKENS),
    ...textSizeRules,
    tokenRule(`:host([data-theme='high-contrast'])`, KIOSK_HIGH_CONTRAST_TOKENS),
    css`
      :host {
        min-block-size: 100dvh;
        background: ${token('--linli-color-surface')};
        color: ${token('--linli-color-text')};
        font-size: var(--linli-font-size-base, 24px);
      }
      :host([data-theme='high-contrast']) :focus-visible {
        outline-width: 0.3125em;
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
      header .center {
        flex: 1;
        min-inline-size: 0;
        display: flex;
        flex-direction: column;
        align-items: center;
        text-align: center;
      }
      header .station {
        font-size: 1.25em;
        font-weight: 700;
        line-height: 1.3;
        user-select: none;
        -webkit-user-select: none;
        -webkit-touch-callout: none;
        touch-action: none;
      }
      header button {
        min-inline-size: 4.5em;
        font-size: 1.125em;
        flex: none;
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
      footer .tools,
      footer .who {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 16px;
      }
      footer button.device-alerts {
        background: ${token('--linli-color-danger')};
        color: ${token('--linli-color-surface')};
        border-color: ${token('--linli-color-danger')};
      }
      footer .tools button[aria-pressed='true'],
      footer button.stop {
        background: ${token('--linli-color-accent')};
        color: ${token('--linli-color-on-accent')};
      }
      .phone {
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
      .qr {
        display: flex;
        justify-content: center;
        margin-block: 0 1em;
      }
      .qr svg {
        inline-size: 10em;
        block-size: 10em;
        background: #ffffff;
        padding: 0.5em;
        forced-color-adjust: none;
      }
      .countdown {
        font-size: 1.5em;
        font-weight: 800;
        text-align: center;
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
    warningMs: { type: Number, attribute: 'warning-ms' },
    attractIdleMs: { type: Number, attribute: 'attract-idle-ms' },
    resident: { attribute: false },
    settings: { attribute: false },
    idleWarning: { attribute: false },
    countdown: { attribute: false },
    speaking: { attribute: false },
    externalLink: { attribute: false },
    lastSpoken: { attribute: false },
    generation: { attribute: false },
    deviceAlerts: { attribute: false },
  };

  /** Set before connecting to bring your own (tests); otherwise made from the page's URL. */
  declare services: KioskServices | null;
  /** Time without a touch before the idle warning of a session in use (60 s). */
  declare idleMs: number;
  /** How long the idle warning counts down before the wipe (30 s; never less than 20 s). */
  declare warningMs: number;
  /** Time without a touch, at rest on the home screen, before the attract loop starts (60 s). */
  declare attractIdleMs: number;
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
  /** The signed-in resident, or null. Wiped with the session. */
  declare resident: ResidentSession | null;
  /** This session's text size, theme, language, read-aloud switch and volume. */
  declare settings: KioskSettings;
  /** The idle warning sheet is showing. */
  declare idleWarning: boolean;
  /** Seconds left on the idle warning. */
  declare countdown: number;
  /** Read-aloud is speaking now. */
  declare speaking: boolean;
  /** A link outside the app that was touched: shown as a QR code in a sheet. */
  declare externalLink: string | null;
  /** What was spoken last (再读一遍). */
  declare lastSpoken: string;
  /** Bumped on every wipe: every screen is created anew (no form keeps what was typed). */
  declare generation: number;
  /**
   * The latest storage / IndexedDB warnings of this device (one per kind, newest first; no
   * personal data). Staff see them in the footer while in staff mode and on 需要处理. They outlast
   * sessions: they are about the machine, not about who used it.
   */
  declare deviceAlerts: readonly StaffWarning[];
  /** The clock for idle timing (performance.now); tests replace it. */
  clock: () => number = () => performance.now();

  readonly #locale = new LocaleController(this);
  readonly #provider = new ContextProvider(this, { context: linliSourceContext, initialValue: undefined });
  readonly #guard = new DoubleTapGuard();
  #history: ScreenName[] = [];
  #editing: { notice: ReplicaNotice | null; emergency: boolean } = { notice: null, emergency: false };
  #lastActivity = 0;
  #lastRefresh = 0;
  #tick: ReturnType<typeof setInterval> | null = null;
  #cleanups: (() => void)[] = [];
  #defaultLocale: Locale | null = null;
  #warningEndsAt = 0;
  #speechRun = 0;
  #atRest: boolean | null = null;
  #qr: TemplateResult | null = null;
  /** The points screens, loaded on first use (a resident signing in, or staff opening them). */
  #pointsModule: Promise<void> | null = null;
  /** The meal screens, loaded on first use. */
  #mealsModule: Promise<void> | null = null;

  constructor() {
    super();
    this.services = null;
    this.idleMs = 60_000;
    this.warningMs = 30_000;
    this.attractIdleMs = 60_000;
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
    this.resident = null;
    this.settings = defaultSettings();
    this.idleWarning = false;
    this.countdown = 0;
    this.speaking = false;
    this.externalLink = null;
    this.lastSpoken = '';
    this.generation = 0;
    this.deviceAlerts = [];
  }

  /** The signed-in resident's session, or null. */
  get residentSession(): ResidentSession | null {
    return this.resident;
  }

  /**
   * True when nobody is in the middle of anything: no resident session, no staff, no open sheet,
   * the defaults in force, and the home screen (or the attract loop) showing. Changes fire
   * `linli-kiosk-rest-change`.
   */
  get atRest(): boolean {
    return (
      this.ready &&
      this.resident === null &&
      this.staff === null &&
      !this.idleWarning &&
      !this.staffWarning &&
      this.externalLink === null &&
      (this.screen === 'home' || this.screen === 'attract') &&
      sameSettings(this.settings, defaultSettings(this.#defaultLocale ?? 'zh-CN'))
    );
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.hasAttribute('lang')) this.setAttribute('lang', 'zh-CN');
    if (this.#defaultLocale === null) {
      this.#defaultLocale = toLocale(this.getAttribute('lang')) ?? 'zh-CN';
      this.settings = defaultSettings(this.#defaultLocale);
    }
    this.services ??= createKioskServices();
    const services = this.services;
    this.#provider.setValue(services.source);

    this.#guard.windowMs = this.tapGuardMs;
    this.#cleanups.push(this.#guard.install(this));
    const activity = (event: Event): void => this.#onActivity(event);
    for (const type of ['pointerdown', 'pointerup', 'keydown', 'input'] as const) {
      this.addEventListener(type, activity, { capture: true });
      this.#cleanups.push(() => this.removeEventListener(type, activity, { capture: true }));
    }
    this.#listen('linli-resident-signed-in', (e) => this.#residentSignedIn(e.detail.session));
    this.#listen('linli-resident-sign-out', () => this.endSession());
    // USB card readers type on any screen; a card of a registered resident signs them in.
    this.#cleanups.push(
      attachCardSignIn(window, {
        eventSource: () => this,
        db: () => this.services?.db ?? null,
        now: () => this.services?.now() ?? new Date(),
        showSignIn: () => {
          if (this.screen !== 'pairing' && this.screen !== 'resident-sign-in') this.#go({ screen: 'resident-sign-in' });
        },
        signedIn: () => {
          if (this.screen === 'resident-sign-in' || this.screen === 'attract') this.#go({ screen: 'home', replace: true });
        },
      }),
    );
    this.#listen('linli-settings-change', (e) => this.updateSettings(e.detail.settings));
    // Storage and database problems (kiosk/pwa/storage-health), for staff.
    this.#listen('linli-staff-warning', (e) => this.#deviceAlert(e.detail));
    this.#listen('linli-speak', (e) => this.#announce(e.detail.text));
    this.#listen('linli-keypad-input', (e) => {
      const digits = e.detail.value.replace(/\D/g, '');
      if (digits.length >= DENY_TYPED_FROM) denySpeech(digits);
    });
    const onVoices = (): void => this.requestUpdate();
    const synth = typeof globalThis.speechSynthesis === 'object' ? globalThis.speechSynthesis : null;
    synth?.addEventListener('voiceschanged', onVoices);
    this.#cleanups.push(() => synth?.removeEventListener('voiceschanged', onVoices));
    this.#cleanups.push(
      installKioskLockdown(this, {
        onExternalLink: (url) => void this.#showLink(url),
        onBack: () => {
          if (!this.idleWarning && !this.staffWarning) this.back();
        },
      }),
    );
    this.#cleanups.push(services.db.onChange(() => void this.#refresh()));
    const onStatus = (event: Event): void => {
      this.syncStatus = (event as CustomEvent<SyncStatus>).detail;
    };
    services.engine.addEventListener('status-change', onStatus);
    this.#cleanups.push(() => services.engine.removeEventListener('status-change', onStatus));
    this.syncStatus = services.engine.status;

    this.#lastActivity = this.clock();
    this.#tick = setInterval(() => this.#onTick(), Math.max(50, Math.min(1000, this.idleMs / 4, this.attractIdleMs / 4, this.staffTimeoutMs / 8)));
    void this.#boot();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
    if (this.#tick !== null) clearInterval(this.#tick);
    this.#tick = null;
    this.services?.engine.stop();
    if (this.speaking) stopSpeech();
    clearDeniedSpeech();
  }

  #listen<K extends keyof GlobalEventHandlersEventMap>(type: K, fn: (event: GlobalEventHandlersEventMap[K]) => void): void {
    const listener = fn as EventListener;
    this.addEventListener(type, listener);
    this.#cleanups.push(() => this.removeEventListener(type, listener));
  }

  protected override firstUpdated(_changed: PropertyValues<this>): void {
    const name = this.renderRoot.querySelector<HTMLElement>('.station');
    if (name) this.#cleanups.push(attachLongPress(name, this.staffHoldMs, () => this.#openStaffSignIn()));
  }

  /** Load the points screens (once); the elements upgrade in place when they arrive. */
  loadPoints(): Promise<void> {
    this.#pointsModule ??= import('./points/define.ts').then(() => undefined);
    return this.#pointsModule;
  }

  /** Load the meal screens (once), like the points screens. */
  loadMeals(): Promise<void> {
    // A failed import (offline before the service worker cached the chunk) is tried again next time.
    const loading = (this.#mealsModule ??= import('./meals/define.ts').then(() => undefined));
    loading.catch(() => {
      if (this.#mealsModule === loading) this.#mealsModule = null;
    });
    return loading;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('tapGuardMs')) this.#guard.windowMs = this.tapGuardMs;
    if (changed.has('screen') && POINTS_SCREENS.includes(this.screen)) void this.loadPoints();
    if (changed.has('screen') && MEAL_SCREENS.includes(this.screen)) void this.loadMeals();
    if (changed.has('settings')) {
      const s = this.settings;
      // Theme tokens switched by attributes on the host (styles above), inherited by every screen.
      this.dataset.textSize = String(s.textSize);
      this.dataset.theme = s.theme;
      if (this.getAttribute('lang') !== s.locale) this.setAttribute('lang', s.locale);
      setSpeechVolume(s.volume);
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    const rest = this.atRest;
    if (rest !== this.#atRest) {
      this.#atRest = rest;
      this.dispatchEvent(new CustomEvent<KioskRestChangeDetail>('linli-kiosk-rest-change', { detail: { atRest: rest }, bubbles: true, composed: true }));
    }
    const old = changed.get('settings') as KioskSettings | undefined;
    const switchedOn = old !== undefined && !old.readAloud && this.settings.readAloud;
    if (this.settings.readAloud && (switchedOn || changed.has('screen') || changed.has('generation')) && this.ready) void this.#speakScreenWhenReady();
  }

  // ── Settings ───────────────────────────────────────────────────────────────

  /** Change this session's settings (the settings screen and the footer's 字号 use it). */
  updateSettings(change: Partial<KioskSettings>): void {
    const next = { ...this.settings, ...change };
    if (sameSettings(next, this.settings)) return;
    if (next.locale !== this.settings.locale && this.speaking) this.stopSpeaking();
    this.settings = next;
  }

  #nextTextSize(): void {
    const size = this.settings.textSize;
    this.updateSettings({ textSize: (size >= LARGEST_TEXT_SIZE ? 0 : size + 1) as TextSize });
  }

  // ── Read-aloud ─────────────────────────────────────────────────────────────

  /** The device has a voice for the language on screen (the read-aloud controls show only then). */
  get canSpeak(): boolean {
    return hasVoice(this.settings.locale);
  }

  /** The spoken form of what is on screen now: an open sheet, else the screen's spokenText(). */
  spokenText(): string {
    const locale = this.#locale.value;
    const t = kioskStrings[locale];
    if (this.idleWarning) return joinSpoken([t.session.warningHeading, t.session.warning, fill(t.session.countdown, { n: this.countdown })], locale);
    if (this.staffWarning) return joinSpoken([t.staff.heading, t.spoken.staffWarning], locale);
    if (this.externalLink) return joinSpoken([t.link.heading, t.link.message], locale);
    // Everything the screen shows in main (a screen and, on home, the tiles added next to it); a
    // part without a spoken form still has a heading.
    const parts = [...this.renderRoot.querySelectorAll('main > *')].map((part) =>
      isSpokenScreen(part) ? part.spokenText() : (part.shadowRoot?.querySelector('h1')?.textContent ?? ''),
    );
    return joinSpoken(parts, locale);
  }

  /** 读给我听: speak what is on screen. */
  readScreen(): void {
    void this.#say(this.spokenText());
  }

  /** 再读一遍. */
  repeat(): void {
    if (this.lastSpoken) void this.#say(this.lastSpoken);
  }

  stopSpeaking(): void {
    this.#speechRun++;
    stopSpeech();
    this.speaking = false;
  }

  async #say(text: string): Promise<void> {
    if (!text || !this.canSpeak) return;
    const run = ++this.#speechRun;
    this.lastSpoken = text;
    this.speaking = true;
    await speak(text, this.settings.locale, { volume: this.settings.volume });
    if (run === this.#speechRun) this.speaking = false;
  }

  /** A prompt or error a screen announced: spoken at once when 朗读 is on. */
  #announce(text: string): void {
    if (this.settings.readAloud) void this.#say(text);
  }

  async #speakScreenWhenReady(): Promise<void> {
    if (POINTS_SCREENS.includes(this.screen)) await this.loadPoints();
    if (MEAL_SCREENS.includes(this.screen)) await this.loadMeals();
    await this.updateComplete;
    const parts = [...this.renderRoot.querySelectorAll('main > *')] as (Element & { updateComplete?: Promise<unknown> })[];
    await Promise.all(parts.map((part) => part.updateComplete));
    if (this.settings.readAloud) void this.#say(this.spokenText());
  }

  // ── Device alerts (storage, IndexedDB) ─────────────────────────────────────

  #deviceAlert(warning: StaffWarning): void {
    const { kind, level, message, at, usage, quota } = warning;
    // Only what the warning says about the machine is kept: its kind, level, text, time and sizes.
    const kept: StaffWarning = { kind, level, message, at, ...(usage === undefined ? {} : { usage }), ...(quota === undefined ? {} : { quota }) };
    this.deviceAlerts = [kept, ...this.deviceAlerts.filter((a) => a.kind !== kind)].slice(0, MAX_DEVICE_ALERTS);
  }

  /** Staff read an alert on 需要处理 and dismissed it. */
  dismissDeviceAlert(kind: StaffWarning['kind']): void {
    this.deviceAlerts = this.deviceAlerts.filter((a) => a.kind !== kind);
  }

  // ── Sessions ───────────────────────────────────────────────────────────────

  #residentSignedIn(session: ResidentSession): void {
    // The name (and whatever the sign-in marked private) is never spoken, even if a notice holds it.
    denySpeech(session.name, ...(session.unspoken ?? []));
    this.resident = session;
    this.#lastActivity = this.clock();
    // The points and meal tiles are one touch away now: have their screens ready.
    void this.loadPoints();
    void this.loadMeals();
  }

  /** Someone is using the kiosk: a resident, a screen other than home, or changed settings. */
  #inUse(): boolean {
    return (
      this.resident !== null ||
      this.externalLink !== null ||
      (this.screen !== 'home' && this.screen !== 'attract') ||
      !sameSettings(this.settings, defaultSettings(this.#defaultLocale ?? 'zh-CN'))
    );
  }

  #warn(now: number): void {
    this.#warningEndsAt = now + Math.max(MIN_WARNING_MS, this.warningMs);
    this.countdown = Math.ceil((this.#warningEndsAt - now) / 1000);
    this.idleWarning = true;
    if (this.settings.readAloud) void this.updateComplete.then(() => this.#say(this.spokenText()));
  }

  /** 继续使用: one touch gives the whole idle time again. */
  keepUsing(): void {
    if (!this.idleWarning) return;
    this.idleWarning = false;
    this.#lastActivity = this.clock();
    if (this.speaking) this.stopSpeaking();
  }

  /**
   * Wipe the session: the resident is signed out, every screen is created anew (forms forget what
   * was typed), text size, theme, language, read-aloud and volume go back to the defaults, speech
   * stops and forgets, and the home screen returns.
   */
  endSession(): void {
    this.stopSpeaking();
    this.lastSpoken = '';
    this.resident = null;
    clearDeniedSpeech();
    this.settings = defaultSettings(this.#defaultLocale ?? 'zh-CN');
    this.idleWarning = false;
    this.externalLink = null;
    this.#qr = null;
    this.flash = '';
    this.#history = [];
    this.screen = this.#homeScreen();
    this.generation++;
    this.#lastActivity = this.clock();
  }

  async #showLink(url: string): Promise<void> {
    this.externalLink = url;
    this.#qr = null;
    // Loaded when a link is touched, not at start (the first screen's JS stays small).
    const { qrCode } = await import('../components/core/qr-code.ts');
    const qr = await qrCode(url, kioskStrings[this.#locale.value].poster.scanToRead);
    if (this.externalLink === url) {
      this.#qr = qr;
      this.requestUpdate();
    }
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
    // While the idle warning shows, only 继续使用 (or any touch let go, the rest being inert) extends.
    if (this.idleWarning) {
      if (event.type === 'pointerup') this.keepUsing();
      return;
    }
    if (event.type === 'pointerup') return;
    this.#lastActivity = this.clock();
    if (this.staffWarning && event.type === 'pointerdown') this.staffWarning = false;
    // Any touch on the attract loop brings back the home screen.
    if (this.screen === 'attract' && event.type !== 'input') this.goHome();
  }

  #onTick(): void {
    const now = this.clock();
    const idle = now - this.#lastActivity;
    // Publish and expiry times pass without any sync: re-read now and then.
    if (performance.now() - this.#lastRefresh > 15_000) void this.#refresh();
    if (this.staff) {
      if (idle >= this.staffTimeoutMs) this.signOutStaff();
      else if (idle >= this.staffTimeoutMs - Math.min(STAFF_WARNING_MS, this.staffTimeoutMs / 2)) this.staffWarning = true;
      return;
    }
    if (!this.ready || this.screen === 'pairing') return;
    if (this.idleWarning) {
      const left = this.#warningEndsAt - now;
      if (left <= 0) this.endSession();
      else this.countdown = Math.ceil(left / 1000);
      return;
    }
    if (this.#inUse()) {
      if (idle >= this.idleMs) this.#warn(now);
      return;
    }
    if (this.screen !== 'attract' && idle >= this.attractIdleMs) {
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
    // Signed in from a screen that asked for it (志愿服务's 报名, say): back to that screen, so the
    // resident carries on where they were instead of finding their way there again from home.
    if (detail.screen === 'home' && detail.replace && this.screen === 'resident-sign-in' && this.resident && previous && previous !== 'home' && previous !== 'attract') {
      this.back();
      return;
    }
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
    // The command key goes with the session: nothing more can be signed in this staff member's name.
    this.services?.staffKeys.forget();
    this.staffWarning = false;
    this.#history = [];
    this.screen = 'home';
    // Whatever staff typed or set goes with them.
    this.endSession();
  }

  #homeScreen(): ScreenName {
    if (this.screen === 'pairing') return 'pairing';
    return this.staff ? 'staff-notices' : 'home';
  }

  #signedIn(staff: StaffSession, commandKey: CryptoKey): void {
    denySpeech(staff.name);
    this.services?.staffKeys.hold(staff.staffNo, commandKey);
    this.staff = staff;
    this.#history = [];
    this.screen = 'staff-notices';
  }

  async #print(notice: Notice): Promise<void> {
    const s = this.services!;
    // The poster (Markdown, sanitizer, QR code) is loaded when someone prints, not at start.
    const { printPoster } = await import('./poster/print-poster.ts');
    await printPoster({
      notice,
      stationName: this.station?.name ?? kioskStrings[this.#locale.value].stationFallback,
      url: s.source.noticeUrl(notice),
      lang: this.#locale.value,
      print: s.print,
    });
  }

  /** The staff home's entries the signed-in role may use (kiosk/staff/staff-menu.ts). */
  #staffMenu(): unknown {
    const r = residentStrings[this.#locale.value].staff;
    const entry = (show: boolean, cls: string, screen: ScreenName, label: string) =>
      show ? html`<button type="button" class=${cls} @click=${() => this.#go({ screen })}>${label}</button>` : nothing;
    return [
      entry(showsMenuEntry(this.staff, 'residents'), 'resident-services', 'resident-staff', r.entry),
      entry(showsMenuEntry(this.staff, 'points'), 'points-staff', 'points-staff', r.pointsEntry),
      entry(showsMenuEntry(this.staff, 'meals'), 'meal-kitchen', 'meal-kitchen', r.kitchenEntry),
      entry(showsMenuEntry(this.staff, 'volunteer'), 'volunteer-attendance', 'volunteer-attendance', kioskStrings[this.#locale.value].staff.volunteerEntry),
    ];
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
        return html`<linli-home-screen notice-count=${this.visible.length}></linli-home-screen>
          <linli-resident-tile .session=${this.resident}></linli-resident-tile>`;
      case 'resident-sign-in':
        return html`<linli-resident-sign-in-screen .db=${s.db} .now=${s.now} .online=${onlineResidentSignIn(s)}></linli-resident-sign-in-screen>`;
      case 'mine':
        return html`<linli-mine-screen .services=${s} .session=${this.resident}></linli-mine-screen>`;
      case 'resident-staff':
        return html`<linli-resident-staff-screen .services=${s} .staff=${this.staff}></linli-resident-staff-screen>`;
      case 'points-shop':
        return html`<linli-points-shop-screen .services=${s} .session=${this.resident}></linli-points-shop-screen>`;
      case 'my-points':
        return html`<linli-my-points-screen .services=${s} .session=${this.resident}></linli-my-points-screen>`;
      case 'points-staff':
        return html`<linli-points-staff-screen .services=${s} .staff=${this.staff}></linli-points-staff-screen>`;
      case 'points-catalogue':
        return html`<linli-points-catalogue-screen .services=${s} .staff=${this.staff}></linli-points-catalogue-screen>`;
      case 'meal-book':
        return html`<linli-meal-book-screen .services=${s} .session=${this.resident}></linli-meal-book-screen>`;
      case 'meal-kitchen':
        return html`<linli-meal-kitchen-screen .services=${s} .staff=${this.staff}></linli-meal-kitchen-screen>`;
      case 'volunteer':
        return html`<linli-volunteer-screen .services=${s} .session=${this.resident}></linli-volunteer-screen>`;
      case 'volunteer-attendance':
        return html`<linli-volunteer-attendance-screen .services=${s} .staff=${this.staff}></linli-volunteer-attendance-screen>`;
      case 'notices':
        return html`<linli-notices-screen></linli-notices-screen>`;
      case 'attract':
        return html`<linli-attract-screen .notices=${this.visible} interval-ms=${this.attractIntervalMs}></linli-attract-screen>`;
      case 'staff-sign-in':
        return html`<linli-staff-sign-in-screen .db=${s.db} .now=${s.now}
          @linli-staff-signed-in=${(e: CustomEvent<StaffSignedInDetail>) => this.#signedIn(e.detail.staff, e.detail.commandKey)}></linli-staff-sign-in-screen>`;
      case 'staff-notices':
        return html`<linli-staff-notices-screen .services=${s} .staff=${this.staff} flash=${this.flash}></linli-staff-notices-screen>
          <div class="actions">${this.#staffMenu()}</div>`;
      case 'notice-editor':
        return html`<linli-notice-editor-screen .services=${s} .staff=${this.staff} .notice=${this.#editing.notice} ?emergency-preset=${this.#editing.emergency}
          @linli-notice-saved=${() => {
            this.back();
            this.flash = kioskStrings[this.#locale.value].staff.saved;
          }}></linli-notice-editor-screen>`;
      case 'attention':
        return html`<linli-attention-screen .services=${s} .staff=${this.staff} .deviceAlerts=${this.deviceAlerts}
          @linli-device-alert-dismiss=${(e: CustomEvent<{ kind: StaffWarning['kind'] }>) => this.dismissDeviceAlert(e.detail.kind)}></linli-attention-screen>`;
      case 'settings':
        return html`<linli-settings-screen .settings=${this.settings} ?voice-available=${this.canSpeak}></linli-settings-screen>`;
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

  #renderTools(): unknown {
    const t = kioskStrings[this.#locale.value];
    const voice = this.canSpeak;
    return html`<div class="tools" role="group" aria-label=${t.speech.toolsLabel}>
      ${voice
        ? html`${this.speaking
              ? html`<button type="button" class="stop" @click=${() => this.stopSpeaking()}>${t.speech.stop}</button>`
              : html`<button type="button" class="read" @click=${() => this.readScreen()}>${t.speech.readToMe}</button>`}
            <button type="button" class="repeat" ?disabled=${!this.lastSpoken} @click=${() => this.repeat()}>${t.speech.repeat}</button>`
        : nothing}
      <button type="button" class="text-size" @click=${() => this.#nextTextSize()}>
        ${fill(t.settings.textSizeButton, { size: t.settings.textSizes[this.settings.textSize] })}
      </button>
      ${this.screen === 'pairing'
        ? nothing
        : html`<button type="button" class="settings" aria-pressed=${this.screen === 'settings' ? 'true' : 'false'}
            @click=${() => (this.screen === 'settings' ? this.back() : this.#go({ screen: 'settings' }))}>${t.settings.open}</button>`}
    </div>`;
  }

  #renderSheet(): unknown {
    const t = kioskStrings[this.#locale.value];
    if (this.idleWarning) {
      return html`<linli-confirm-sheet
        class="idle-warning"
        no-cancel
        heading=${t.session.warningHeading}
        message=${t.session.warning}
        confirm-label=${t.session.keepUsing}
        @linli-confirm=${() => this.keepUsing()}
        ><p class="countdown" role="timer" aria-live="off">${fill(t.session.countdown, { n: this.countdown })}</p></linli-confirm-sheet
      >`;
    }
    if (this.staffWarning) {
      return html`<linli-confirm-sheet
        class="staff-timeout"
        heading=${t.staff.heading}
        message=${t.staff.timeoutWarning}
        confirm-label=${t.staff.stay}
        cancel-label=${t.staff.signOut}
        @linli-confirm=${() => {
          this.staffWarning = false;
          this.#lastActivity = this.clock();
        }}
        @linli-cancel=${() => this.signOutStaff()}
      ></linli-confirm-sheet>`;
    }
    if (this.externalLink) {
      return html`<linli-confirm-sheet
        class="external-link"
        no-cancel
        heading=${t.link.heading}
        message=${t.link.message}
        confirm-label=${t.link.close}
        @linli-confirm=${() => {
          this.externalLink = null;
          this.#qr = null;
        }}
        ><div class="qr">${this.#qr ?? nothing}</div></linli-confirm-sheet
      >`;
    }
    return nothing;
  }

  protected override render(): unknown {
    const t = kioskStrings[this.#locale.value];
    const atHome = this.screen === this.#homeScreen() && this.#history.length === 0;
    const sheet = this.idleWarning || this.staffWarning || this.externalLink !== null;
    return html`<div class="frame">
      <header ?inert=${sheet}>
        <button type="button" class="back" ?disabled=${atHome} @click=${() => this.back()}>${t.back}</button>
        <div class="center">
          <span class="station">${this.station?.name ?? t.stationFallback}</span>
          <span class="phone">${t.helpPhone} <span class="number">${this.station?.phone ?? ''}</span></span>
        </div>
        <button type="button" class="home" ?disabled=${atHome} @click=${() => this.goHome()}>${t.home}</button>
      </header>
      <main
        ?inert=${sheet}
        @linli-navigate=${(e: CustomEvent<NavigateDetail>) => this.#go(e.detail)}
        @linli-print-notice=${(e: CustomEvent<{ notice: Notice }>) => void this.#print(e.detail.notice)}
        @linli-staff-sign-out=${() => this.signOutStaff()}
      >
        ${keyed(this.generation, this.#renderScreen())}
      </main>
      <footer ?inert=${sheet}>
        ${this.#renderTools()}
        ${this.resident
          ? html`<div class="who">
              <span class="resident">${fill(t.session.greeting, { name: this.resident.name })}</span>
              <button type="button" class="sign-out" @click=${() => this.endSession()}>${t.session.signOut}</button>
            </div>`
          : nothing}
        ${this.staff && this.deviceAlerts.length > 0
          ? html`<button type="button" class="device-alerts" @click=${() => this.screen !== 'attention' && this.#go({ screen: 'attention' })}>
              ${fill(t.deviceAlerts.footer, { n: formatNumber(this.deviceAlerts.length, this.#locale.value) })}
            </button>`
          : nothing}
        ${this.#renderSync()}
      </footer>
      ${this.#renderSheet()}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'linli-kiosk-app': LinliKioskApp;
  }
  interface GlobalEventHandlersEventMap {
    'linli-kiosk-rest-change': CustomEvent<KioskRestChangeDetail>;
  }
}
