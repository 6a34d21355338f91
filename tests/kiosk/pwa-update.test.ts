import { expect } from '@open-wc/testing';
import {
  DEFAULT_UPDATE_CHECK_MS,
  decideUpdate,
  quietTimeFor,
  UpdateController,
  updateCheckInterval,
  type KioskRestState,
  type TimerEnv,
  type UpdateInputs,
  type UpdatePort,
} from '../../kiosk/pwa/update-controller.ts';
import { appAtRest } from '../../kiosk/pwa/start-pwa.ts';

const base: UpdateInputs = { waiting: true, staleController: false, applying: false, atRest: true, pending: 0, calmSince: 0, now: 10_000, quietMs: 1_000 };

describe('update policy (decideUpdate)', () => {
  it('does nothing without a waiting version', () => {
    expect(decideUpdate({ ...base, waiting: false })).to.deep.equal({ action: 'none' });
  });
  it('holds while a resident is mid-task, whatever the outbox', () => {
    expect(decideUpdate({ ...base, atRest: false })).to.deep.equal({ action: 'hold', reason: 'busy' });
    expect(decideUpdate({ ...base, atRest: false, pending: 3 })).to.deep.equal({ action: 'hold', reason: 'busy' });
  });
  it('holds at rest while the outbox still has commands', () => {
    expect(decideUpdate({ ...base, pending: 1 })).to.deep.equal({ action: 'hold', reason: 'outbox' });
  });
  it('waits for the quiet time after coming to rest, then applies', () => {
    expect(decideUpdate({ ...base, calmSince: 9_700 })).to.deep.equal({ action: 'settle', inMs: 700 });
    expect(decideUpdate({ ...base, calmSince: null })).to.deep.equal({ action: 'settle', inMs: 1_000 });
    expect(decideUpdate({ ...base, calmSince: 9_000 })).to.deep.equal({ action: 'apply' });
  });
  it('never applies twice while one apply is under way', () => {
    expect(decideUpdate({ ...base, applying: true })).to.deep.equal({ action: 'none' });
  });
  it('reloads at rest when another window already switched the controller', () => {
    expect(decideUpdate({ ...base, waiting: false, staleController: true })).to.deep.equal({ action: 'reload' });
    expect(decideUpdate({ ...base, waiting: false, staleController: true, atRest: false })).to.deep.equal({ action: 'hold', reason: 'busy' });
  });
});

describe('update check interval', () => {
  it('defaults to 15 minutes', () => {
    expect(updateCheckInterval({})).to.equal(15 * 60_000);
    expect(DEFAULT_UPDATE_CHECK_MS).to.equal(900_000);
  });
  it('takes the URL first, then localStorage, then the meta tag, ignoring nonsense', () => {
    expect(updateCheckInterval({ query: '2000', stored: '5000', meta: '7000' })).to.equal(2000);
    expect(updateCheckInterval({ query: null, stored: '5000', meta: '7000' })).to.equal(5000);
    expect(updateCheckInterval({ query: 'abc', stored: '', meta: '7000' })).to.equal(7000);
    expect(updateCheckInterval({ query: '10', stored: '-5' })).to.equal(DEFAULT_UPDATE_CHECK_MS);
  });
  it('keeps the quiet time inside one interval', () => {
    expect(quietTimeFor(2_000)).to.equal(1_000);
    expect(quietTimeFor(15 * 60_000)).to.equal(5_000);
  });
});

/** Hand-driven clock and timers. */
function fakeTimers(): TimerEnv & { advance(ms: number): void } {
  let now = 0;
  let nextId = 1;
  const timers = new Map<number, { at: number; run: () => void; every: number | null }>();
  const env = {
    now: () => now,
    setTimeout: (run: () => void, ms: number) => {
      const id = nextId++;
      timers.set(id, { at: now + ms, run, every: null });
      return id;
    },
    clearTimeout: (h: unknown) => void timers.delete(h as number),
    setInterval: (run: () => void, ms: number) => {
      const id = nextId++;
      timers.set(id, { at: now + ms, run, every: ms });
      return id;
    },
    clearInterval: (h: unknown) => void timers.delete(h as number),
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        const [id, t] = due;
        now = t.at;
        if (t.every === null) timers.delete(id);
        else t.at += t.every;
        t.run();
      }
      now = end;
    },
  };
  return env;
}

class FakePort implements UpdatePort {
  waiting = false;
  newBuildOnServer = false;
  updates = 0;
  skips = 0;
  #onWaiting: (() => void) | null = null;
  #onControlling: ((isUpdate: boolean) => void) | null = null;
  async register() {}
  async update() {
    this.updates++;
    if (this.newBuildOnServer && !this.waiting) {
      this.waiting = true;
      this.#onWaiting?.();
    }
  }
  hasWaiting() {
    return this.waiting;
  }
  skipWaiting() {
    this.skips++;
    // The new version activates and takes control.
    this.waiting = false;
    queueMicrotask(() => this.#onControlling?.(true));
  }
  onWaiting(l: () => void) {
    this.#onWaiting = l;
  }
  onControlling(l: (isUpdate: boolean) => void) {
    this.#onControlling = l;
  }
  controllerChanged(isUpdate: boolean) {
    this.#onControlling?.(isUpdate);
  }
}

class FakeRest implements KioskRestState {
  rest = true;
  outbox = 0;
  #listeners = new Set<() => void>();
  atRest() {
    return this.rest;
  }
  pending() {
    return this.outbox;
  }
  subscribe(l: () => void) {
    this.#listeners.add(l);
    return () => this.#listeners.delete(l);
  }
  set(patch: { rest?: boolean; outbox?: number }) {
    if (patch.rest !== undefined) this.rest = patch.rest;
    if (patch.outbox !== undefined) this.outbox = patch.outbox;
    for (const l of this.#listeners) l();
  }
}

async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

describe('UpdateController', () => {
  let timers: ReturnType<typeof fakeTimers>;
  let port: FakePort;
  let rest: FakeRest;
  let reloads: number;
  let controller: UpdateController;

  beforeEach(async () => {
    timers = fakeTimers();
    port = new FakePort();
    rest = new FakeRest();
    reloads = 0;
    controller = new UpdateController({ port, rest, reload: () => reloads++, intervalMs: 2_000, timers });
    await controller.start();
  });
  afterEach(() => controller.stop());

  it('checks for a new version once per interval', async () => {
    timers.advance(10_000);
    await flush();
    expect(port.updates).to.equal(5);
    expect(controller.phase).to.equal('current');
  });

  it('holds a new build while a resident is mid-task and applies it within one interval of coming to rest', async () => {
    rest.set({ rest: false });
    port.newBuildOnServer = true;
    for (let i = 0; i < 10; i++) {
      timers.advance(2_000);
      await flush();
    }
    expect(controller.phase).to.equal('waiting');
    expect(controller.lastDecision).to.deep.equal({ action: 'hold', reason: 'busy' });
    expect(port.skips).to.equal(0);
    expect(reloads).to.equal(0);

    rest.set({ rest: true });
    timers.advance(controller.quietMs - 1);
    await flush();
    expect(port.skips, 'not before the quiet time').to.equal(0);
    timers.advance(1);
    await flush();
    expect(port.skips).to.equal(1);
    expect(reloads).to.equal(1);
    expect(controller.quietMs).to.be.at.most(controller.intervalMs);
  });

  it('holds at rest until the outbox is empty', async () => {
    rest.set({ outbox: 2 });
    port.newBuildOnServer = true;
    timers.advance(20_000);
    await flush();
    expect(controller.lastDecision).to.deep.equal({ action: 'hold', reason: 'outbox' });
    expect(reloads).to.equal(0);
    rest.set({ outbox: 0 });
    timers.advance(controller.quietMs);
    await flush();
    expect(reloads).to.equal(1);
  });

  it('starts the quiet time over when a resident touches the kiosk again', async () => {
    port.newBuildOnServer = true;
    rest.set({ rest: false });
    timers.advance(2_000);
    await flush();
    rest.set({ rest: true });
    timers.advance(controller.quietMs - 100);
    rest.set({ rest: false });
    timers.advance(200);
    await flush();
    expect(port.skips).to.equal(0);
    rest.set({ rest: true });
    timers.advance(controller.quietMs);
    await flush();
    expect(port.skips).to.equal(1);
  });

  it('reloads exactly once, even if events keep coming', async () => {
    port.newBuildOnServer = true;
    timers.advance(2_000 + controller.quietMs);
    await flush();
    expect(reloads).to.equal(1);
    port.controllerChanged(true);
    rest.set({ rest: true });
    timers.advance(20_000);
    await flush();
    expect(reloads).to.equal(1);
    expect(controller.phase).to.equal('reloading');
  });

  it('does not reload when the first install takes control', async () => {
    port.controllerChanged(false);
    timers.advance(10_000);
    await flush();
    expect(reloads).to.equal(0);
  });

  it('an update applied by another window reloads this one only at rest', async () => {
    rest.set({ rest: false });
    port.controllerChanged(true);
    timers.advance(10_000);
    await flush();
    expect(reloads).to.equal(0);
    rest.set({ rest: true });
    timers.advance(controller.quietMs);
    await flush();
    expect(reloads).to.equal(1);
    expect(port.skips).to.equal(0);
  });

  it('survives failing update checks (offline)', async () => {
    port.update = async () => {
      throw new TypeError('Failed to fetch');
    };
    timers.advance(10_000);
    await flush();
    expect(controller.phase).to.equal('current');
  });
});

describe('appAtRest', () => {
  it("uses the app's own atRest when it has one", () => {
    const el = document.createElement('div') as HTMLDivElement & { atRest?: boolean; screen?: string };
    el.screen = 'notices';
    el.atRest = true;
    expect(appAtRest(el)).to.equal(true);
    el.screen = 'home';
    el.atRest = false;
    expect(appAtRest(el)).to.equal(false);
  });
  it('falls back to the home screen or the attract loop', () => {
    const el = document.createElement('div') as HTMLDivElement & { screen?: string };
    for (const [screen, rest] of [['home', true], ['attract', true], ['notices', false], ['pairing', false], ['staff-notices', false]] as const) {
      el.screen = screen;
      expect(appAtRest(el), screen).to.equal(rest);
    }
  });
});
