/**
 * The kiosk's sync engine, running in the page (not Background Sync: Chromium-only, and its
 * queue gives up after 7 days and counts a 500 as delivered).
 *
 * A cycle pushes the outbox (in seq order, in batches) and then pulls the station's changes
 * until the server says there are no more. Cycles run on start, on `online`, on a server-sent
 * "poke", after a local write, and every 30 s; a failed cycle is retried with exponential
 * backoff (1 s doubling to 5 min, with jitter). Nothing here ever drops a command: a command
 * leaves the outbox only with the server's outcome for it.
 *
 * fetch, EventSource, timers, the clock and randomness are injectable so tests control them.
 */
import { DEVICE_REVOKED_ERROR, DEVICE_TOKEN_EXPIRED_ERROR, PUSH_BATCH_MAX, type ApiError, type PullResponse, type PushRequest, type PushResponse } from '../../domain/index.ts';
import { commitOrAbort, type KioskDb } from '../store/kiosk-db.ts';
import { applyPullPage, applyPushOutcomes } from '../store/replica.ts';
import { highestAcknowledgedSeq, pruneAcknowledged, resendAcknowledged } from './acknowledged.ts';
import type { Outbox } from './outbox.ts';

/**
 * Hook run after each successful pull, online: may queue a command (the points allowance renew)
 * and answers true when it did, so the cycle pushes it at once. Set by the points module.
 */
export type AfterPullHook = (outbox: Outbox, now: Date) => Promise<boolean>;

export type SyncState = 'offline' | 'syncing' | 'synced';
/**
 * Why the last cycle failed: no network, the server failed (5xx), the device is not accepted, the
 * server refused the request, or staff revoked this kiosk's pairing (final: no more retries).
 */
export type SyncProblem = 'network' | 'server' | 'unauthorized' | 'refused' | 'revoked';

/** The server answered `device-revoked`: its reason, and how many waiting commands it refused. */
export interface DeviceRevocation {
  reason: string;
  refused: number;
  at: string;
}

export interface SyncStatus {
  state: SyncState;
  /** Commands waiting in the outbox (待同步). */
  pending: number;
  /** Rejected or conflicting commands waiting for a person. */
  attention: number;
  problem: SyncProblem | null;
  lastSyncedAt: string | null;
  /** When the next attempt is planned, after a failure (milliseconds from the failure). */
  retryInMs: number | null;
  /** Set while this kiosk's pairing is revoked: nothing is sent until it is paired again. */
  revoked: DeviceRevocation | null;
}

export interface EventSourceLike {
  addEventListener(type: string, listener: (event: Event) => void): void;
  close(): void;
}

export interface SyncEnvironment {
  fetch: (url: string, init?: RequestInit) => Promise<Response>;
  /** Null: no server-sent pokes (the 30 s pull still runs). */
  openEventSource: ((url: string) => EventSourceLike) | null;
  setTimeout: (run: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
  now: () => Date;
  random: () => number;
  isOnline: () => boolean;
  /** Where `online` / `offline` events arrive (window), or null. */
  connectivity: EventTarget | null;
}

export function browserSyncEnvironment(): SyncEnvironment {
  return {
    fetch: (url, init) => fetch(url, init),
    openEventSource: typeof EventSource === 'function' ? (url) => new EventSource(url) : null,
    setTimeout: (run, ms) => setTimeout(run, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    now: () => new Date(),
    random: () => Math.random(),
    isOnline: () => navigator.onLine,
    connectivity: typeof window === 'undefined' ? null : window,
  };
}

export interface SyncEngineOptions {
  db: KioskDb;
  outbox: Outbox;
  /** The API base, e.g. "/api" or "https://station.example/api". */
  api: string;
  env?: Partial<SyncEnvironment>;
  pullIntervalMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  pushBatch?: number;
  pullLimit?: number;
  afterPull?: AfterPullHook;
}

/** A failed request that will be tried again later. */
export class SyncFailure extends Error {
  readonly problem: SyncProblem;
  constructor(problem: SyncProblem, message: string) {
    super(message);
    this.name = 'SyncFailure';
    this.problem = problem;
  }
}

const MAX_PULL_PAGES_PER_CYCLE = 1000;
/**
 * Tokens this kiosk had before the last rotations, newest first: a server restored from a backup
 * knows only an earlier one. Five rotations are ~35 days at the default 7, beyond the 30 days
 * acknowledged commands are kept. They open nothing on a server that was not restored.
 */
export const RETIRED_TOKENS_KEPT = 5;

/** Exponential backoff: base·2^(failures−1), capped, with ±25 % jitter (still capped). */
export function backoffDelay(failures: number, baseMs: number, maxMs: number, random: number): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
  return Math.min(maxMs, Math.round(exp * (0.75 + 0.5 * random)));
}

export class SyncEngine extends EventTarget {
  readonly db: KioskDb;
  readonly outbox: Outbox;
  readonly api: string;
  readonly env: SyncEnvironment;
  readonly pullIntervalMs: number;
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  readonly pushBatch: number;
  readonly pullLimit: number;
  readonly afterPull: AfterPullHook | null;

  #status: SyncStatus = { state: 'offline', pending: 0, attention: 0, problem: null, lastSyncedAt: null, retryInMs: null, revoked: null };
  #started = false;
  #failures = 0;
  #timer: unknown = null;
  #running: Promise<void> | null = null;
  #again = false;
  #events: EventSourceLike | null = null;
  #cleanups: (() => void)[] = [];
  /** The token the server revoked: never sent again; a new pairing brings another. */
  #revokedToken: string | null = null;
  /** Refusals left from before this page loaded are cleared after the first accepted cycle. */
  #refusalsChecked = false;
  /** The token this cycle sends: a rotated token from an answer replaces it at once. */
  #token: string | null = null;
  /** Kept acknowledged commands are pruned once per start, in its first cycle. */
  #pruned = false;

  constructor(options: SyncEngineOptions) {
    super();
    this.db = options.db;
    this.outbox = options.outbox;
    this.api = options.api.replace(/\/+$/, '');
    this.env = { ...browserSyncEnvironment(), ...options.env };
    this.pullIntervalMs = options.pullIntervalMs ?? 30_000;
    this.backoffBaseMs = options.backoffBaseMs ?? 1_000;
    this.backoffMaxMs = options.backoffMaxMs ?? 5 * 60_000;
    this.pushBatch = options.pushBatch ?? PUSH_BATCH_MAX;
    this.pullLimit = options.pullLimit ?? 500;
    this.afterPull = options.afterPull ?? null;
  }

  get status(): SyncStatus {
    return this.#status;
  }

  get started(): boolean {
    return this.#started;
  }

  /** Begin syncing (a paired kiosk): a cycle now, pokes, `online`, and the periodic pull. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    const onOnline = (): void => {
      this.#failures = 0;
      void this.syncNow();
    };
    const onOffline = (): void => this.#update({ state: 'offline', problem: 'network' });
    const connectivity = this.env.connectivity;
    if (connectivity) {
      connectivity.addEventListener('online', onOnline);
      connectivity.addEventListener('offline', onOffline);
      this.#cleanups.push(() => {
        connectivity.removeEventListener('online', onOnline);
        connectivity.removeEventListener('offline', onOffline);
      });
    }
    // Local writes (enqueue) and pulled pages change the counts; a local write also wants a push.
    this.#cleanups.push(
      this.db.onChange(() => {
        void this.refreshCounts();
        if (this.#revokedToken) void this.#resumeIfPairedAgain();
      }),
    );
    const onEnqueued = (): void => void this.syncNow();
    this.outbox.addEventListener('enqueued', onEnqueued);
    this.#cleanups.push(() => this.outbox.removeEventListener('enqueued', onEnqueued));
    void this.#connectPokes();
    void this.syncNow();
  }

  stop(): void {
    this.#started = false;
    this.#pruned = false;
    this.#clearTimer();
    this.#events?.close();
    this.#events = null;
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
  }

  /** Run a cycle now (or right after the one running); resolves when the kiosk is idle again. */
  syncNow(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    const running = this.#loop().finally(() => {
      if (this.#running === running) this.#running = null;
    });
    this.#running = running;
    return running;
  }

  /** Resolves when no cycle is running. */
  async whenIdle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async refreshCounts(): Promise<void> {
    const [pending, listed] = await Promise.all([this.outbox.count(), this.db.run((db) => db.count('attention'))]);
    // Commands refused with the revoked pairing wait for a person too (需要处理 shows them).
    const attention = listed + (this.#status.revoked?.refused ?? 0);
    if (pending !== this.#status.pending || attention !== this.#status.attention) this.#update({ pending, attention });
  }

  async #loop(): Promise<void> {
    for (;;) {
      this.#again = false;
      const ok = await this.#cycle();
      // A failed cycle waits for its backoff even when more requests came in meanwhile.
      if (!ok || !this.#again) return;
    }
  }

  async #cycle(recovered = false): Promise<boolean> {
    this.#clearTimer();
    const token = await this.db.getMeta('deviceToken');
    this.#token = token ?? null;
    if (!token) {
      this.#update({ state: 'offline', problem: 'unauthorized' });
      return false;
    }
    // Revoked: send nothing (no backoff, no timer) until staff pair this kiosk again; what was
    // queued since is refused with the same reason, so staff see it too.
    if (token === this.#revokedToken) {
      await this.#revoked(token, this.#status.revoked?.reason ?? DEVICE_REVOKED_ERROR);
      return false;
    }
    this.#update({ state: 'syncing' });
    try {
      if (this.#started && !this.#pruned) {
        await pruneAcknowledged(this.db, this.env.now());
        this.#pruned = true;
      }
      await this.push(token);
      await this.pull(token);
      if (this.afterPull && this.env.isOnline() && (await this.afterPull(this.outbox, this.env.now()))) await this.push(token);
      this.#failures = 0;
      if (!this.#refusalsChecked || this.#status.revoked) {
        // Accepted again (paired anew, or refusals kept from before a reload): they are just waiting now.
        await this.outbox.clearRefusals();
        this.#refusalsChecked = true;
      }
      if (this.#status.revoked) this.#update({ revoked: null });
      await this.refreshCounts();
      this.#update({ state: 'synced', problem: null, lastSyncedAt: this.env.now().toISOString(), retryInMs: null });
      this.#schedule(this.pullIntervalMs);
      return true;
    } catch (error) {
      const failure = error instanceof SyncFailure ? error : new SyncFailure('network', error instanceof Error ? error.message : String(error));
      if (failure.problem === 'revoked') {
        await this.#revoked(this.#token ?? token, failure.message);
        return false;
      }
      // An unknown token: perhaps the server was restored from a backup that holds an earlier one.
      if (failure.problem === 'unauthorized' && !recovered && (await this.#recoverRetiredToken())) return this.#cycle(true);
      this.#failures++;
      const delay = backoffDelay(this.#failures, this.backoffBaseMs, this.backoffMaxMs, this.env.random());
      await this.refreshCounts().catch(() => undefined);
      this.#update({ state: 'offline', problem: failure.problem, retryInMs: delay });
      this.#schedule(delay);
      return false;
    }
  }

  /** Push the outbox in seq order until it is empty or the server stops taking commands. */
  async push(token: string): Promise<void> {
    let gapClosed = false;
    let resent = false;
    for (;;) {
      const records = await this.outbox.takeForSending(this.pushBatch);
      if (records.length === 0) return;
      let response: PushResponse;
      let summary: Awaited<ReturnType<typeof applyPushOutcomes>>;
      try {
        const body: PushRequest = { commands: records.map((r) => r.command), ackedSeq: await highestAcknowledgedSeq(this.db) };
        try {
          response = (await this.#request('/sync/push', token, { method: 'POST', body: JSON.stringify(body) })) as PushResponse;
        } catch (error) {
          await this.outbox.markRetrying(records.map((r) => r.seq), error instanceof Error ? error.message : String(error));
          throw error;
        }
        const stationId = (await this.db.getMeta('stationId')) ?? '';
        summary = await applyPushOutcomes(this.db, response.outcomes ?? [], stationId, this.env.now());
      } finally {
        // Marked 'retrying' on failure, or answered: either way no longer withdrawable as unsent.
        this.outbox.sent(records);
      }
      if (response.resendFrom !== undefined && !resent) {
        // The server went back in time (a restore): what it acknowledged since goes again, as it
        // was, ahead of the rest; nothing is renumbered. Once per cycle.
        resent = true;
        // The restored server numbers its changes anew: the next pull starts from the beginning.
        await this.db.setMeta('cursor', 0);
        if ((await resendAcknowledged(this.db, response.resendFrom)) > 0) continue;
      }
      if (response.expectedSeq !== undefined) {
        // A gap stops the batch. Renumber once per cycle; if that does not help, wait for the next cycle.
        if (gapClosed) return;
        gapClosed = true;
        const renumbered = await this.outbox.closeGap(response.expectedSeq);
        if (renumbered === 0 && summary.applied + summary.attention === 0) return;
        continue;
      }
      if (summary.applied + summary.attention === 0) return; // no progress: try again next cycle
    }
  }

  /** Pull pages until `more` is false; each page and its cursor land in one transaction. */
  async pull(token: string): Promise<void> {
    let cursor = (await this.db.getMeta('cursor')) ?? 0;
    for (let page = 0; page < MAX_PULL_PAGES_PER_CYCLE; page++) {
      const acked = await highestAcknowledgedSeq(this.db);
      const response = (await this.#request(`/sync/pull?cursor=${cursor}&limit=${this.pullLimit}&acked=${acked}`, token, { method: 'GET' })) as PullResponse;
      await applyPullPage(this.db, response);
      if (response.resendFrom !== undefined) {
        // The server went back in time: the kept commands are in the outbox again; push them next
        // cycle, then pull everything from the start (the restored server numbers changes anew).
        await resendAcknowledged(this.db, response.resendFrom);
        await this.db.setMeta('cursor', 0);
        this.#again = true;
        return;
      }
      const advanced = response.cursor !== cursor;
      cursor = response.cursor;
      if (!response.more || !advanced) return;
    }
  }

  async #request(path: string, token: string, init: RequestInit): Promise<unknown> {
    let response: Response;
    try {
      response = await this.env.fetch(`${this.api}${path}`, {
        ...init,
        headers: { Authorization: `Bearer ${this.#token ?? token}`, ...(init.body ? { 'Content-Type': 'application/json' } : {}) },
      });
    } catch (error) {
      throw new SyncFailure('network', error instanceof Error ? error.message : String(error));
    }
    if (response.status === 401) {
      const body = (await response.json().catch(() => null)) as Partial<ApiError> | null;
      // Revoked, or expired after too long unused: both final until staff pair the kiosk again.
      if (body?.error === DEVICE_REVOKED_ERROR || body?.error === DEVICE_TOKEN_EXPIRED_ERROR) {
        throw new SyncFailure('revoked', typeof body.message === 'string' ? body.message : body.error);
      }
    }
    if (response.status === 401 || response.status === 403) throw new SyncFailure('unauthorized', `HTTP ${response.status}`);
    if (response.status >= 500 || response.status === 408 || response.status === 429) throw new SyncFailure('server', `HTTP ${response.status}`);
    if (!response.ok) throw new SyncFailure('refused', `HTTP ${response.status}`);
    let answer: unknown;
    try {
      answer = await response.json();
    } catch {
      throw new SyncFailure('server', 'invalid JSON');
    }
    const rotated = (answer as { deviceToken?: unknown } | null)?.deviceToken;
    if (typeof rotated === 'string' && rotated !== '') await this.#adoptToken(rotated);
    return answer;
  }

  /**
   * The server rotated this kiosk's token: store the new one (the old one joins the retired
   * ones) in one transaction, and send it from the next request on — its first use is what
   * makes the server stop accepting the old one.
   */
  async #adoptToken(next: string): Promise<void> {
    await this.db.run(async (conn) => {
      const tx = conn.transaction('meta', 'readwrite');
      await commitOrAbort(tx, async () => {
        const current = (await tx.store.get('deviceToken')) as string | undefined;
        const retired = ((await tx.store.get('retiredTokens')) as string[] | undefined) ?? [];
        await tx.store.put(next, 'deviceToken');
        if (current && current !== next) {
          await tx.store.put([current, ...retired.filter((t) => t !== current && t !== next)].slice(0, RETIRED_TOKENS_KEPT), 'retiredTokens');
        }
      });
    });
    this.#token = next;
  }

  /** Try the retired tokens, newest first; the first one the server accepts becomes current again. */
  async #recoverRetiredToken(): Promise<boolean> {
    const retired = (await this.db.getMeta('retiredTokens')) ?? [];
    for (const candidate of retired) {
      let answer: Response;
      try {
        answer = await this.env.fetch(`${this.api}/sync/pull?cursor=0&limit=1`, { method: 'GET', headers: { Authorization: `Bearer ${candidate}` } });
      } catch {
        return false; // no network: nothing to learn now
      }
      if (!answer.ok) continue;
      await this.db.run(async (conn) => {
        const tx = conn.transaction('meta', 'readwrite');
        await commitOrAbort(tx, async () => {
          await tx.store.put(candidate, 'deviceToken');
          await tx.store.put(
            retired.filter((t) => t !== candidate),
            'retiredTokens',
          );
        });
      });
      this.#token = candidate;
      // The restored server may rotate the old token at once.
      const rotated = ((await answer.json().catch(() => null)) as { deviceToken?: unknown } | null)?.deviceToken;
      if (typeof rotated === 'string' && rotated !== '') await this.#adoptToken(rotated);
      return true;
    }
    return false;
  }

  /** Keep every waiting command, marked refused with the server's reason, and stop trying. */
  async #revoked(token: string, reason: string): Promise<void> {
    this.#revokedToken = token;
    this.#clearTimer();
    const refused = await this.outbox.markRefused(reason);
    const at = this.#status.revoked?.at ?? this.env.now().toISOString();
    this.#update({ state: 'offline', problem: 'revoked', retryInMs: null, revoked: { reason, refused, at } });
    await this.refreshCounts().catch(() => undefined);
  }

  /** A new pairing stored another token: sync again (the refused commands go with it). */
  async #resumeIfPairedAgain(): Promise<void> {
    const token = await this.db.getMeta('deviceToken');
    if (!token || token === this.#revokedToken || !this.#revokedToken) return;
    this.#revokedToken = null;
    this.#failures = 0;
    void this.syncNow();
  }

  async #connectPokes(): Promise<void> {
    const open = this.env.openEventSource;
    if (!open || this.#events) return;
    const stationId = await this.db.getMeta('stationId');
    if (!stationId || !this.#started) return;
    const source = open(`${this.api}/stations/${encodeURIComponent(stationId)}/events`);
    source.addEventListener('poke', () => void this.syncNow());
    this.#events = source;
  }

  #schedule(ms: number): void {
    if (!this.#started) return;
    this.#clearTimer();
    this.#timer = this.env.setTimeout(() => {
      this.#timer = null;
      void this.syncNow();
    }, ms);
  }

  #clearTimer(): void {
    if (this.#timer !== null) this.env.clearTimeout(this.#timer);
    this.#timer = null;
  }

  #update(patch: Partial<SyncStatus>): void {
    this.#status = { ...this.#status, ...patch };
    this.dispatchEvent(new CustomEvent<SyncStatus>('status-change', { detail: this.#status }));
  }
}
