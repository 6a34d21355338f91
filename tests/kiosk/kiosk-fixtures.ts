/**
 * Shared test fixtures for the kiosk: a fresh IndexedDB per test, notice/staff/station records,
 * a stubbed station server (fetch), fake timers, and the AAA contrast check.
 */
import { expect } from '@open-wc/testing';
import { hashPin, type Change, type CommandOutcome, type Notice, type PullResponse, type PushRequest, type PushResponse, type StaffCredential, type Station } from '../../domain/index.ts';
import { createKioskServices, type KioskServices } from '../../kiosk/kiosk-services.ts';
import { KioskDb } from '../../kiosk/store/kiosk-db.ts';
import type { SyncEnvironment } from '../../kiosk/sync/sync-engine.ts';

let dbCounter = 0;
const opened: KioskDb[] = [];

/** A database with a name no other test uses; deleted by `cleanupDbs()`. */
export function freshDb(): KioskDb {
  const db = new KioskDb(`linli-kiosk-test-${Date.now()}-${dbCounter++}`);
  opened.push(db);
  return db;
}

export async function cleanupDbs(): Promise<void> {
  for (const db of opened.splice(0)) await db.destroy();
}

export const NOW = new Date('2026-11-23T08:00:00.000Z');

export const STATION: Station = { id: 's1', name: '幸福里社区服务站', address: '幸福路 1 号', phone: '010-6500 1234' };

export function notice(over: Partial<Notice> = {}): Notice {
  return {
    id: 'n1',
    stationId: 's1',
    board: '社区公告',
    title: '停水通知',
    body: '周三上午 **9 点到 12 点**停水。',
    images: [],
    publishAt: '2026-11-20T00:00:00.000Z',
    expireAt: null,
    pinned: false,
    emergency: false,
    retired: false,
    revision: 1,
    updatedAt: '2026-11-20T00:00:00.000Z',
    ...over,
  };
}

let hashCache: Promise<string> | null = null;
/** Staff 1001's 10-digit secret in kiosk tests (no digit twice in a row: the keypad treats that as a double tap). */
export const STAFF_SECRET = '2468013579';
/** The salt of 1001's command key, as the feed replicates it. */
export const STAFF_COMMAND_KEY_SALT = 'c2FsdC1vZi10aGUta2V5IQ==';
/** Staff 1001 with secret 2468013579 (a cheap hash: tests only). */
export async function staffMember(over: Partial<StaffCredential> = {}): Promise<StaffCredential> {
  hashCache ??= hashPin(STAFF_SECRET, 1000);
  return { id: 'staff-1', staffNo: '1001', name: '王芳', role: 'social-worker', pinHash: await hashCache, commandKeySalt: STAFF_COMMAND_KEY_SALT, active: true, ...over };
}

/** Put station, staff, notices and device facts straight into a database. */
export async function seed(
  db: KioskDb,
  data: { notices?: Notice[]; station?: Station | null; staff?: StaffCredential[]; paired?: boolean; cursor?: number } = {},
): Promise<void> {
  await db.run(async (conn) => {
    const tx = conn.transaction(['notices', 'station', 'staff', 'meta'], 'readwrite');
    for (const n of data.notices ?? []) await tx.objectStore('notices').put(n);
    if (data.station !== null) await tx.objectStore('station').put(data.station ?? STATION);
    for (const s of data.staff ?? []) await tx.objectStore('staff').put(s);
    if (data.paired !== false) {
      await tx.objectStore('meta').put('device-1', 'deviceId');
      await tx.objectStore('meta').put('token-1', 'deviceToken');
      await tx.objectStore('meta').put('s1', 'stationId');
      await tx.objectStore('meta').put(data.cursor ?? 0, 'cursor');
    }
    await tx.done;
  });
  db.notifyChanged();
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

type Responder = (request: RecordedRequest) => Response | Promise<Response> | 'network-error';

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/**
 * A scripted station server. Each route takes a queue of responders; when a queue is empty the
 * route's default answers (an empty pull, every pushed command applied in order).
 */
export class FakeServer {
  requests: RecordedRequest[] = [];
  pushQueue: Responder[] = [];
  pullQueue: Responder[] = [];
  pairQueue: Responder[] = [];
  /** POST /sync/resident-sign-in (the server checks a PIN this kiosk holds no verifier for). */
  residentSignInQueue: Responder[] = [];
  /** What the default push handler has applied per seq. */
  lastSeq = 0;
  cursor = 0;

  readonly fetch = async (url: string, init: RequestInit = {}): Promise<Response> => {
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((v, k) => (headers[k] = v));
    const request: RecordedRequest = {
      method: init.method ?? 'GET',
      url,
      headers,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    this.requests.push(request);
    const path = new URL(url, 'http://kiosk.test').pathname;
    const queue = path.endsWith('/sync/push')
      ? this.pushQueue
      : path.endsWith('/sync/pull')
        ? this.pullQueue
        : path.endsWith('/devices/pair')
          ? this.pairQueue
          : path.endsWith('/sync/resident-sign-in')
            ? this.residentSignInQueue
            : null;
    if (!queue) return json({ error: 'not-found' }, 404);
    const responder = queue.shift() ?? ((r: RecordedRequest) => this.#default(path, r));
    const result = await responder(request);
    if (result === 'network-error') throw new TypeError('Failed to fetch');
    return result;
  };

  #default(path: string, request: RecordedRequest): Response {
    if (path.endsWith('/sync/push')) return json(this.applyAll(request.body as PushRequest));
    if (path.endsWith('/sync/pull')) return json({ changes: [], cursor: this.cursor, more: false } satisfies PullResponse);
    if (path.endsWith('/sync/resident-sign-in')) return json({ error: 'wrong-pin', message: '手机号或密码不对' }, 401);
    return json({ error: 'bad-code', message: '配对码不对' }, 400);
  }

  /** Apply every command (like the real server would when nothing conflicts). */
  applyAll(body: PushRequest): PushResponse {
    const outcomes: CommandOutcome[] = [];
    for (const c of body.commands) {
      if (c.seq <= this.lastSeq) continue;
      this.lastSeq = c.seq;
      const n = c.type === 'notice.save' ? { ...c.payload.draft, id: c.payload.noticeId, stationId: 's1', revision: (c.payload.baseRevision ?? 0) + 1, updatedAt: NOW.toISOString() } : undefined;
      outcomes.push({ seq: c.seq, commandId: c.id, status: 'applied', notice: n });
    }
    return { outcomes, lastSeq: this.lastSeq };
  }

  pushes(): PushRequest[] {
    return this.requests.filter((r) => r.url.endsWith('/sync/push')).map((r) => r.body as PushRequest);
  }

  pulls(): RecordedRequest[] {
    return this.requests.filter((r) => r.url.includes('/sync/pull'));
  }
}

export function pullPage(changes: Change[], cursor: number, more = false): Response {
  return json({ changes, cursor, more } satisfies PullResponse);
}

/** Timers the test advances by hand. */
export class FakeTimers {
  #next = 1;
  #now = 0;
  pending = new Map<number, { at: number; run: () => void; ms: number }>();
  /** Every delay ever scheduled, in order. */
  delays: number[] = [];

  readonly setTimeout = (run: () => void, ms: number): number => {
    const id = this.#next++;
    this.pending.set(id, { at: this.#now + ms, run, ms });
    this.delays.push(ms);
    return id;
  };

  readonly clearTimeout = (handle: unknown): void => {
    this.pending.delete(handle as number);
  };

  /** The delay of the one timer waiting (the engine keeps at most one). */
  get waiting(): number | null {
    const first = [...this.pending.values()][0];
    return first ? first.ms : null;
  }

  /** Move the clock on and run what became due. */
  advance(ms: number): void {
    this.#now += ms;
    for (const [id, t] of [...this.pending]) {
      if (t.at <= this.#now) {
        this.pending.delete(id);
        t.run();
      }
    }
  }
}

export function testEnv(server: FakeServer, timers: FakeTimers, over: Partial<SyncEnvironment> = {}): Partial<SyncEnvironment> {
  return {
    fetch: server.fetch,
    openEventSource: null,
    setTimeout: timers.setTimeout,
    clearTimeout: timers.clearTimeout,
    now: () => NOW,
    random: () => 0.5,
    isOnline: () => true,
    connectivity: null,
    ...over,
  };
}

/** Services over a fresh database, a fake server and fake timers. */
export function testServices(server = new FakeServer(), timers = new FakeTimers(), over: Partial<SyncEnvironment> = {}): KioskServices & { server: FakeServer; timers: FakeTimers; printed: number } {
  const db = freshDb();
  const services = createKioskServices({ api: '/api', dbName: db.name, env: testEnv(server, timers, over), publicOrigin: 'https://station.example' });
  const result = { ...services, server, timers, printed: 0 };
  result.print = () => {
    result.printed++;
  };
  return result;
}

/** Axe with the AAA contrast rule (7:1), after the normal `accessible()` check loaded axe. */
export async function expectAaaContrast(el: Element): Promise<void> {
  await expect(el).to.be.accessible();
  const axe = (window as unknown as { axe: { run: (el: Element, opts: object) => Promise<{ violations: { id: string; nodes: { html: string }[] }[] }> } }).axe;
  const results = await axe.run(el, { runOnly: { type: 'rule', values: ['color-contrast-enhanced'] }, resultTypes: ['violations'] });
  const problems = results.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.html}`));
  expect(problems, problems.join('\n')).to.deep.equal([]);
}

/** Wait until `check` is true (polling), or fail after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, ms = 3000, what = 'condition'): Promise<void> {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 15));
  }
  throw new Error(`Timed out waiting for ${what}`);
}
