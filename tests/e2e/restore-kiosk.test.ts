/**
 * End to end, real server process on SQLite and the built kiosk in Debian's Chromium: the station
 * is backed up (SQLite's online backup); the kiosk, offline, confirms a redemption from its
 * allowance (the voucher shows at once) and queues eleven notices; back online all twelve are
 * acknowledged. Then the database is restored from the backup. The kiosk reconnects by itself:
 * every command acknowledged after the backup is stored again under its original id and seq, and
 * the resident's voucher is valid (staff find it by its code and can hand the item out).
 * The same on PostgreSQL at the server level: tests/server/restore.test.ts.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import type { Redemption, StaffLoginResponse } from '../../domain/index.ts';
import { launchChromium, makePairingCode, startServer, type RunningServer } from './harness.ts';

const STATION_ID = '3f6c2a1e-8b4d-4c7a-9e21-5d0b7f3a1c01';
const ZHANG = 'c5e0a3d2-6f1b-4e8a-9b7c-2d4f6a8c0e01';

let dir: string;
let server: RunningServer | null = null;
let browser: Browser;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'linli-e2e-restore-'));
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  if (server && server.process.exitCode === null) await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function pressKeys(page: Page, keypad: string, digits: string): Promise<void> {
  let last = '';
  for (const d of digits) {
    // The kiosk treats a second tap on the same key within 350 ms as a double tap.
    if (d === last) await page.waitForTimeout(400);
    last = d;
    await page.locator(`linli-numeric-keypad.${keypad}`).getByRole('button', { name: d, exact: true }).click();
  }
}

interface KeptCommand {
  id: string;
  deviceId: string;
  seq: number;
  command: { id: string; seq: number; type: string };
}

/** A whole object store, or one meta value, of the kiosk's IndexedDB. */
function readStore<T>(page: Page, store: string, key?: string): Promise<T> {
  return page.evaluate(
    ([store, key]) =>
      new Promise<T>((resolve, reject) => {
        const req = indexedDB.open('linli-kiosk');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const os = req.result.transaction(store!).objectStore(store!);
          const get = key === undefined ? os.getAll() : os.get(key);
          get.onsuccess = () => {
            req.result.close();
            resolve(get.result as T);
          };
          get.onerror = () => reject(get.error);
        };
      }),
    [store, key] as const,
  );
}

/**
 * Queue notices the way the outbox does (kiosk/sync/outbox.ts enqueue): the next seq from the
 * counter and the last key, record and counter in one transaction. The staff editor would do the
 * same, one screen at a time.
 */
function queueNotices(page: Page, titles: string[]): Promise<number[]> {
  return page.evaluate(
    (titles) =>
      new Promise<number[]>((resolve, reject) => {
        const req = indexedDB.open('linli-kiosk');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const tx = req.result.transaction(['meta', 'outbox'], 'readwrite');
          const meta = tx.objectStore('meta');
          const outbox = tx.objectStore('outbox');
          const seqs: number[] = [];
          const next = meta.get('nextSeq');
          next.onsuccess = () => {
            const last = outbox.openKeyCursor(null, 'prev');
            last.onsuccess = () => {
              let seq = Math.max((next.result as number | undefined) ?? 1, last.result ? (last.result.key as number) + 1 : 1);
              for (const title of titles) {
                const createdAt = new Date().toISOString();
                const command = {
                  id: crypto.randomUUID(),
                  seq,
                  type: 'notice.save',
                  payload: {
                    noticeId: crypto.randomUUID(),
                    baseRevision: null,
                    draft: { board: '社区公告', title, body: '恢复演练', images: [], publishAt: createdAt, expireAt: null, pinned: false, emergency: false, retired: false },
                  },
                  actor: { staffNo: '1002' },
                  createdAt,
                };
                outbox.add({ seq, command, status: 'pending', attempts: 0, enqueuedAt: createdAt });
                seqs.push(seq++);
              }
              meta.put(seq, 'nextSeq');
            };
          };
          tx.oncomplete = () => {
            req.result.close();
            resolve(seqs);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    titles,
  );
}

/** (seq, command id) of every outcome the server database holds for the device. */
function storedOutcomes(dbFile: string, deviceId: string): Map<number, string> {
  // Opened and closed each time: nothing may hold the file while it is restored.
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('select seq, command_id from command_outcomes where device_id = ?').all(deviceId) as { seq: number; command_id: string }[];
    return new Map(rows.map((r) => [r.seq, r.command_id]));
  } finally {
    db.close();
  }
}

async function waitFor(check: () => boolean | Promise<boolean>, what: string, page: Page, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await page.waitForTimeout(250);
  }
  throw new Error(`timed out waiting until ${what}`);
}

async function staffToken(url: string): Promise<string> {
  const res = await fetch(`${url}/api/staff/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ stationId: STATION_ID, staffNo: '1001', pin: '7305184962' }),
  });
  assert.equal(res.status, 200);
  return ((await res.json()) as StaffLoginResponse).token;
}

test('after a restore from backup the kiosk brings back every command acknowledged since, and the voucher is valid', async () => {
  const dbFile = join(dir, 'linli.sqlite');
  const backupFile = join(dir, 'backup.sqlite');
  server = await startServer({ dbFile });
  const port = server.port;
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
  const kiosk = await context.newPage();
  await kiosk.goto(`${server.url}/kiosk/`);
  await kiosk.locator('linli-pairing-screen input').fill(await makePairingCode(server.url));
  await kiosk.keyboard.press('Enter');
  await kiosk.locator('linli-kiosk-app .sync[data-state="synced"]').waitFor({ timeout: 15_000 });
  const deviceId = await readStore<string>(kiosk, 'meta', 'deviceId');
  // The first renew after pairing reserves points for 张秀英 on this kiosk.
  await waitFor(async () => ((await readStore<{ allowance: { points: Record<string, number> } | null } | undefined>(kiosk, 'meta', 'allowance'))?.allowance?.points[ZHANG] ?? 0) >= 10, 'an allowance arrived', kiosk);
  await waitFor(async () => (await readStore<unknown[]>(kiosk, 'outbox')).length === 0, 'the outbox is empty', kiosk);
  // 张秀英 has signed in here once while online (before the backup), so this kiosk holds her
  // verifier and may act for her offline.
  await kiosk.locator('linli-resident-tile [data-tile="resident-sign-in"]').click();
  await pressKeys(kiosk, 'phone', '13800138001');
  await kiosk.locator('linli-resident-sign-in-screen button.next').click();
  await pressKeys(kiosk, 'pin', '1111');
  await kiosk.locator('linli-resident-sign-in-screen button.sign-in').click();
  await kiosk.locator('linli-resident-tile button.sign-out').click();

  // Last night's backup, taken while the server runs.
  const live = new Database(dbFile, { fileMustExist: true });
  await live.backup(backupFile);
  live.close();
  const backedUp = new Database(backupFile, { readonly: true });
  const seqAtBackup = (backedUp.prepare('select last_seq from devices where id = ?').get(deviceId) as { last_seq: number }).last_seq;
  backedUp.close();

  // Offline: a redemption confirmed from the allowance, then eleven notices.
  await context.setOffline(true);
  await kiosk.locator('linli-kiosk-app .sync[data-state="offline"]').waitFor({ timeout: 10_000 });
  await kiosk.locator('linli-resident-tile [data-tile="resident-sign-in"]').click();
  await pressKeys(kiosk, 'phone', '13800138001');
  await kiosk.locator('linli-resident-sign-in-screen button.next').click();
  await pressKeys(kiosk, 'pin', '1111');
  await kiosk.locator('linli-resident-sign-in-screen button.sign-in').click();
  await kiosk.locator('linli-resident-tile [data-tile="points-shop"]').click();
  const shop = kiosk.locator('linli-points-shop-screen');
  await shop.locator('li', { hasText: '量血压、测血糖' }).locator('button.choose').click({ timeout: 10_000 });
  await shop.locator('button.next').click();
  await shop.locator('linli-confirm-sheet button.confirm').click();
  const voucher = (await shop.locator('.code').textContent({ timeout: 5_000 }))!.trim();
  assert.match(voucher, /^[2-9A-HJKMNP-Z]{6}$/);
  const noticeSeqs = await queueNotices(
    kiosk,
    Array.from({ length: 11 }, (_, i) => `恢复演练公告 ${i + 1}`),
  );

  // Online again: everything is acknowledged and kept on the kiosk.
  await context.setOffline(false);
  await waitFor(async () => (await readStore<unknown[]>(kiosk, 'outbox')).length === 0, 'the kiosk has no command waiting', kiosk);
  const kept = (await readStore<KeptCommand[]>(kiosk, 'acknowledged')).filter((k) => k.deviceId === deviceId && k.seq > seqAtBackup).sort((a, b) => a.seq - b.seq);
  assert.ok(kept.length >= 12, `${kept.length} commands acknowledged after the backup`);
  assert.ok(kept.some((k) => k.command.type === 'points.redeem'));
  assert.deepEqual(
    noticeSeqs.filter((s) => kept.some((k) => k.seq === s)),
    noticeSeqs,
  );
  const beforeRestore = storedOutcomes(dbFile, deviceId);
  for (const k of kept) assert.equal(beforeRestore.get(k.seq), k.id);

  // The disk is lost; the backup goes back (server stopped, WAL and SHM removed).
  await server.stop();
  copyFileSync(backupFile, dbFile);
  rmSync(`${dbFile}-wal`, { force: true });
  rmSync(`${dbFile}-shm`, { force: true });
  server = await startServer({ dbFile, port });
  const restored = storedOutcomes(dbFile, deviceId);
  assert.ok(
    kept.every((k) => !restored.has(k.seq)),
    'the restored database has none of them',
  );

  // The kiosk reconnects by itself (its backoff retry; or the network coming back, as here).
  await context.setOffline(true);
  await context.setOffline(false);
  await waitFor(() => kept.every((k) => storedOutcomes(dbFile, deviceId).get(k.seq) === k.id), 'every kept command is stored again', kiosk);
  const again = storedOutcomes(dbFile, deviceId);
  assert.deepEqual(
    kept.map((k) => [k.seq, again.get(k.seq)]),
    kept.map((k) => [k.seq, k.id]),
    'stored under their original seqs and ids',
  );
  await waitFor(async () => (await readStore<unknown[]>(kiosk, 'outbox')).length === 0, 'the kiosk has no command waiting', kiosk);
  await kiosk.locator('linli-kiosk-app .sync[data-state="synced"]').waitFor({ timeout: 15_000 });

  // The voucher is valid: staff find it by its code and hand the item out.
  const token = await staffToken(server.url);
  const found = await fetch(`${server.url}/api/staff/points/redemptions?code=${voucher}`, { headers: { authorization: `Bearer ${token}` } });
  const { redemptions } = (await found.json()) as { redemptions: Redemption[] };
  assert.deepEqual(
    redemptions.map((r) => [r.voucherCode, r.status, r.funding, r.residentId]),
    [[voucher, 'confirmed', 'kiosk-allowance', ZHANG]],
  );
  const handout = await fetch(`${server.url}/api/staff/points/redemptions/${redemptions[0]!.id}/handout`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '{}',
  });
  assert.equal(handout.status, 200, await handout.text());
  console.log(`restore e2e (sqlite): acknowledged after the backup ${kept.length}, stored again ${kept.length}, voucher ${voucher} valid`);
  await context.close();
});
