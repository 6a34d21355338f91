/**
 * When to apply a new kiosk version. The service worker of a new build installs in the
 * background and then waits; this controller lets it take over only when the kiosk is at rest
 * (no resident in the middle of a task) AND the outbox is empty, and has stayed so for a short
 * quiet time — then asks it to skip waiting and reloads the page exactly once when it controls.
 *
 * It knows nothing about Workbox or the app: both reach it through two small ports, so the
 * decision logic is tested with fakes (tests/kiosk/pwa-update.test.ts).
 */

/** 15 minutes between update checks unless configured otherwise. */
export const DEFAULT_UPDATE_CHECK_MS = 15 * 60_000;
/** The shortest check interval accepted from configuration (tests use ~2 s). */
export const MIN_UPDATE_CHECK_MS = 1_000;

export interface UpdateInputs {
  /** A new version is installed and waiting. */
  waiting: boolean;
  /** The page's controller changed to a newer version that this page did not ask for (another tab). */
  staleController: boolean;
  /** skipWaiting was sent; waiting for the new version to take control. */
  applying: boolean;
  /** The kiosk is at rest: home or attract loop, no resident session, nothing half typed. */
  atRest: boolean;
  /** Commands still in the outbox. */
  pending: number;
  /** Since when (ms) the kiosk has been at rest with an empty outbox without a break; null when not. */
  calmSince: number | null;
  now: number;
  /** How long the kiosk must have been calm before it is changed under nobody's hands. */
  quietMs: number;
}

export type UpdateDecision =
  | { action: 'none' }
  | { action: 'hold'; reason: 'busy' | 'outbox' }
  | { action: 'settle'; inMs: number }
  | { action: 'apply' }
  | { action: 'reload' };

/** The whole policy, as a pure function. */
export function decideUpdate(i: UpdateInputs): UpdateDecision {
  if (i.applying) return { action: 'none' };
  if (!i.waiting && !i.staleController) return { action: 'none' };
  if (!i.atRest) return { action: 'hold', reason: 'busy' };
  if (i.pending > 0) return { action: 'hold', reason: 'outbox' };
  const calmFor = i.calmSince === null ? 0 : i.now - i.calmSince;
  if (calmFor < i.quietMs) return { action: 'settle', inMs: i.quietMs - calmFor };
  return i.waiting ? { action: 'apply' } : { action: 'reload' };
}

/**
 * The check interval: `?update-check-ms=` in the kiosk's URL, else localStorage
 * `linli.update-check-ms`, else `<meta name="linli-update-check-ms">`, else 15 minutes.
 * Values below 1 s or not numbers are ignored.
 */
export function updateCheckInterval(sources: { query?: string | null; stored?: string | null; meta?: string | null }): number {
  for (const raw of [sources.query, sources.stored, sources.meta]) {
    if (raw === null || raw === undefined || raw.trim() === '') continue;
    const n = Number(raw);
    if (Number.isFinite(n) && n >= MIN_UPDATE_CHECK_MS) return Math.round(n);
  }
  return DEFAULT_UPDATE_CHECK_MS;
}

/** The quiet time for an interval: half of it, at most 5 s (always within one check interval). */
export function quietTimeFor(intervalMs: number): number {
  return Math.min(5_000, Math.floor(intervalMs / 2));
}

/** What the controller needs from the service worker side (workbox-window in the kiosk). */
export interface UpdatePort {
  register(): Promise<void>;
  /** Ask the browser to look for a new service worker now. */
  update(): Promise<void>;
  hasWaiting(): boolean;
  /** Tell the waiting service worker to take over (SKIP_WAITING). */
  skipWaiting(): void;
  onWaiting(listener: () => void): void;
  /** The page's controller changed; `isUpdate` is false for the very first install. */
  onControlling(listener: (isUpdate: boolean) => void): void;
}

/** What the controller needs from the app: is it at rest, how full is the outbox, and when either changes. */
export interface KioskRestState {
  atRest(): boolean;
  pending(): number;
  subscribe(listener: () => void): () => void;
}

export interface TimerEnv {
  now: () => number;
  setTimeout: (run: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
  setInterval: (run: () => void, ms: number) => unknown;
  clearInterval: (handle: unknown) => void;
}

export const browserTimers = (): TimerEnv => ({
  now: () => performance.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  setInterval: (run, ms) => setInterval(run, ms),
  clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
});

export interface UpdateControllerOptions {
  port: UpdatePort;
  rest: KioskRestState;
  reload: () => void;
  intervalMs?: number;
  quietMs?: number;
  /** If the new version has not taken control this long after skipWaiting, try again later. */
  applyTimeoutMs?: number;
  timers?: Partial<TimerEnv>;
}

export type UpdatePhase = 'current' | 'waiting' | 'applying' | 'reloading';

/**
 * Periodic checks plus the decision above, re-evaluated whenever the version, the rest state or
 * the outbox changes. Fires `phase-change` (detail: UpdatePhase) for anyone who wants to show it.
 */
export class UpdateController extends EventTarget {
  readonly intervalMs: number;
  readonly quietMs: number;
  readonly applyTimeoutMs: number;
  readonly #port: UpdatePort;
  readonly #rest: KioskRestState;
  readonly #reload: () => void;
  readonly #t: TimerEnv;
  #waiting = false;
  #staleController = false;
  #applying = false;
  #reloaded = false;
  #calmSince: number | null = null;
  #lastDecision: UpdateDecision = { action: 'none' };
  #interval: unknown = null;
  #settleTimer: unknown = null;
  #applyTimer: unknown = null;
  #unsubscribe: (() => void) | null = null;

  constructor(options: UpdateControllerOptions) {
    super();
    this.#port = options.port;
    this.#rest = options.rest;
    this.#reload = options.reload;
    this.intervalMs = Math.max(MIN_UPDATE_CHECK_MS, options.intervalMs ?? DEFAULT_UPDATE_CHECK_MS);
    this.quietMs = options.quietMs ?? quietTimeFor(this.intervalMs);
    this.applyTimeoutMs = options.applyTimeoutMs ?? 30_000;
    this.#t = { ...browserTimers(), ...options.timers };
  }

  get phase(): UpdatePhase {
    if (this.#reloaded) return 'reloading';
    if (this.#applying) return 'applying';
    return this.#waiting || this.#staleController ? 'waiting' : 'current';
  }

  /** The last decision taken (for tests and diagnostics). */
  get lastDecision(): UpdateDecision {
    return this.#lastDecision;
  }

  async start(): Promise<void> {
    this.#port.onWaiting(() => {
      this.#waiting = true;
      this.evaluate();
    });
    this.#port.onControlling((isUpdate) => this.#onControlling(isUpdate));
    this.#unsubscribe = this.#rest.subscribe(() => this.evaluate());
    this.#interval = this.#t.setInterval(() => void this.check(), this.intervalMs);
    await this.#port.register();
    this.evaluate();
  }

  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    for (const timer of [this.#settleTimer, this.#applyTimer]) if (timer !== null) this.#t.clearTimeout(timer);
    if (this.#interval !== null) this.#t.clearInterval(this.#interval);
    this.#interval = this.#settleTimer = this.#applyTimer = null;
  }

  /** Look for a new version now (failures — offline, server down — are ignored until the next check). */
  async check(): Promise<void> {
    try {
      await this.#port.update();
    } catch {
      // offline or the server is down: try again at the next interval
    }
    this.evaluate();
  }

  /** Re-read the state and act on the decision. Safe to call at any time, any number of times. */
  evaluate(): void {
    if (this.#reloaded) return;
    const now = this.#t.now();
    const calm = this.#rest.atRest() && this.#rest.pending() === 0;
    if (!calm) this.#calmSince = null;
    else this.#calmSince ??= now;
    if (this.#port.hasWaiting()) this.#waiting = true;
    const before = this.phase;
    const decision = decideUpdate({
      waiting: this.#waiting,
      staleController: this.#staleController,
      applying: this.#applying,
      atRest: this.#rest.atRest(),
      pending: this.#rest.pending(),
      calmSince: this.#calmSince,
      now,
      quietMs: this.quietMs,
    });
    this.#lastDecision = decision;
    if (this.#settleTimer !== null && decision.action !== 'settle') {
      this.#t.clearTimeout(this.#settleTimer);
      this.#settleTimer = null;
    }
    switch (decision.action) {
      case 'settle':
        this.#settleTimer ??= this.#t.setTimeout(() => {
          this.#settleTimer = null;
          this.evaluate();
        }, decision.inMs);
        break;
      case 'apply':
        this.#applying = true;
        this.#port.skipWaiting();
        this.#applyTimer = this.#t.setTimeout(() => {
          // The waiting worker went away (replaced by an even newer one, or failed): start over.
          this.#applyTimer = null;
          this.#applying = false;
          this.#waiting = this.#port.hasWaiting();
          this.evaluate();
        }, this.applyTimeoutMs);
        break;
      case 'reload':
        this.#doReload();
        break;
      default:
        break;
    }
    if (this.phase !== before) this.#announce();
  }

  #onControlling(isUpdate: boolean): void {
    if (this.#applying) {
      // The new version controls this page now; its precache no longer holds the old chunks,
      // so reload at once (the kiosk was at rest a moment ago).
      this.#doReload();
      return;
    }
    // The first install claiming the page is not a new version; a controller change nobody here
    // asked for is (another window applied it): reload too, but only at rest like any update.
    if (isUpdate) {
      this.#staleController = true;
      this.evaluate();
    }
  }

  #doReload(): void {
    if (this.#reloaded) return;
    this.#reloaded = true;
    this.stop();
    this.#announce();
    this.#reload();
  }

  #announce(): void {
    this.dispatchEvent(new CustomEvent<UpdatePhase>('phase-change', { detail: this.phase }));
  }
}
