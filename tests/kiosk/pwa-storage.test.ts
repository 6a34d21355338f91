import { expect } from '@open-wc/testing';
import {
  assessStorage,
  formatBytes,
  guardDatabase,
  isQuotaError,
  requestPersistence,
  watchStorage,
  type StaffWarning,
} from '../../kiosk/pwa/storage-health.ts';
import { KioskDb } from '../../kiosk/store/kiosk-db.ts';

const MB = 1024 * 1024;

describe('storage health', () => {
  it('warns above 80 % of the quota, not at or below it', () => {
    expect(assessStorage({ usage: 81 * MB, quota: 100 * MB })).to.include({ high: true });
    expect(assessStorage({ usage: 80 * MB, quota: 100 * MB })).to.include({ high: false });
    expect(assessStorage({ usage: 0, quota: 100 * MB })!.ratio).to.equal(0);
  });
  it('says nothing when the browser does not know', () => {
    expect(assessStorage(undefined)).to.equal(null);
    expect(assessStorage({ usage: 5 })).to.equal(null);
    expect(assessStorage({ usage: 5, quota: 0 })).to.equal(null);
  });
  it('formats sizes for staff', () => {
    expect(formatBytes(512)).to.equal('512 B');
    expect(formatBytes(1.5 * MB)).to.equal('1.5 MB');
    expect(formatBytes(300 * 1024 * MB)).to.equal('300 GB');
  });
  it('recognises quota errors', () => {
    expect(isQuotaError(new DOMException('full', 'QuotaExceededError'))).to.equal(true);
    expect(isQuotaError({ name: 'Error', message: 'Quota exceeded' })).to.equal(true);
    expect(isQuotaError(new DOMException('closing', 'InvalidStateError'))).to.equal(false);
    expect(isQuotaError(null)).to.equal(false);
  });
  it('asks for persistent storage once and reports refusal as false', async () => {
    let asked = 0;
    expect(await requestPersistence({ persisted: async () => false, persist: async () => (asked++, false) })).to.equal(false);
    expect(await requestPersistence({ persisted: async () => true, persist: async () => (asked++, true) })).to.equal(true);
    expect(asked).to.equal(1);
    expect(await requestPersistence(undefined)).to.equal(false);
    expect(await requestPersistence({ persist: async () => Promise.reject(new Error('no')) })).to.equal(false);
  });
  it('the watch warns staff once when crossing 80 %, and again after recovering', async () => {
    const warnings: StaffWarning[] = [];
    let usage = 50 * MB;
    let tick: () => void = () => undefined;
    const watch = watchStorage({
      storage: { estimate: async () => ({ usage, quota: 100 * MB }) },
      onWarning: (w) => warnings.push(w),
      setInterval: (run) => ((tick = run), 1),
      clearInterval: () => undefined,
    });
    await watch.check();
    expect(warnings).to.have.length(0);
    usage = 90 * MB;
    tick();
    await watch.check();
    await watch.check();
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.include({ kind: 'storage-high', level: 'warning', usage: 90 * MB, quota: 100 * MB });
    expect(warnings[0]!.message).to.contain('90%');
    usage = 10 * MB;
    await watch.check();
    usage = 95 * MB;
    await watch.check();
    expect(warnings).to.have.length(2);
    watch.stop();
  });
  it('works with the real navigator.storage.estimate()', async () => {
    const report = assessStorage(await navigator.storage.estimate());
    expect(report).to.not.equal(null);
    expect(report!.quota).to.be.greaterThan(0);
  });
});

describe('guardDatabase (quota path)', () => {
  const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

  it('frees space, retries once and tells staff the action was saved', async () => {
    const warnings: StaffWarning[] = [];
    let attempts = 0;
    let freed = 0;
    const db = { run: async <T>(work: (c: never) => Promise<T>): Promise<T> => work(undefined as never) };
    guardDatabase(db as unknown as KioskDb, { onWarning: (w) => warnings.push(w), freeSpace: async () => void freed++ });
    const result = await db.run(async () => {
      attempts++;
      if (attempts === 1) throw quota();
      return 'saved';
    });
    expect(result).to.equal('saved');
    expect(freed).to.equal(1);
    expect(warnings.map((w) => w.kind)).to.deep.equal(['storage-recovered']);
  });

  it('when still full, tells staff it was not saved and rethrows to the caller', async () => {
    const warnings: StaffWarning[] = [];
    const db = { run: async <T>(work: (c: never) => Promise<T>): Promise<T> => work(undefined as never) };
    guardDatabase(db as unknown as KioskDb, { onWarning: (w) => warnings.push(w) });
    let error: unknown = null;
    await db.run(async () => Promise.reject(quota())).catch((e: unknown) => (error = e));
    expect(isQuotaError(error)).to.equal(true);
    expect(warnings.map((w) => [w.kind, w.level])).to.deep.equal([['storage-full', 'error']]);
  });

  it('passes other errors through untouched', async () => {
    const warnings: StaffWarning[] = [];
    const db = { run: async <T>(work: (c: never) => Promise<T>): Promise<T> => work(undefined as never) };
    guardDatabase(db as unknown as KioskDb, { onWarning: (w) => warnings.push(w) });
    let error: unknown = null;
    await db.run(async () => Promise.reject(new TypeError('bug'))).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(TypeError);
    expect(warnings).to.have.length(0);
  });

  it('on a real KioskDb: a closed connection is reopened by the store and reported to staff once', async () => {
    const db = new KioskDb(`pwa-guard-${crypto.randomUUID()}`);
    const warnings: StaffWarning[] = [];
    const undo = guardDatabase(db, { onWarning: (w) => warnings.push(w) });
    try {
      await db.setMeta('cursor', 1);
      // Close the connection under the store, as the browser does under storage pressure.
      (await db.connection()).close();
      await db.setMeta('cursor', 2);
      expect(await db.getMeta('cursor')).to.equal(2);
      (await db.connection()).close();
      await db.setMeta('cursor', 3);
      expect(warnings.map((w) => w.kind)).to.deep.equal(['database-reopened']);
    } finally {
      undo();
      await db.destroy();
    }
  });
});
