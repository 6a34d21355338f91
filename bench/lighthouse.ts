/**
 * lighthouse.<kiosk|demo>.<performance|accessibility|best-practices>: Lighthouse category scores
 * (mobile preset, the default) in Debian's Chromium against the production build served by the
 * real server. The kiosk is audited paired and synced — the home screen a resident sees — so a
 * profile is paired first with playwright-core and then handed to Lighthouse with its storage kept.
 * The median of 3 runs per page (Lighthouse's own advice for variance).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, makePairingCode, startServer } from '../tests/e2e/harness.ts';
import { median, round, type Figures } from './results.ts';

const RUNS = Number(process.env.LINLI_LIGHTHOUSE_RUNS ?? 3);
const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const;
const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';

async function pairProfile(url: string, userDataDir: string): Promise<void> {
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROME, args: CHROMIUM_ARGS, headless: true });
  try {
    const page = await context.newPage();
    await page.goto(`${url}/kiosk/`);
    await page.locator('linli-pairing-screen input').fill(await makePairingCode(url));
    await page.keyboard.press('Enter');
    await page.locator('linli-home-screen').waitFor({ timeout: 15_000 });
    await page.locator('linli-kiosk-app .sync[data-state="synced"]').waitFor({ timeout: 15_000 });
  } finally {
    await context.close();
  }
}

async function audit(url: string, userDataDir: string): Promise<Record<(typeof CATEGORIES)[number], number>> {
  mkdirSync(userDataDir, { recursive: true });
  const chrome = await chromeLauncher.launch({
    chromePath: CHROME,
    userDataDir,
    chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
  });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: [...CATEGORIES],
      // Keep the paired kiosk's IndexedDB and localStorage: an unpaired kiosk is not what residents see.
      disableStorageReset: true,
    });
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const scores = {} as Record<(typeof CATEGORIES)[number], number>;
    for (const c of CATEGORIES) {
      const category = result.lhr.categories[c];
      const score = category?.score;
      if (typeof score !== 'number') throw new Error(`no ${c} score for ${url}: ${result.lhr.runtimeError?.message ?? 'unknown'}`);
      scores[c] = score;
      // Name what cost points, so a missed goal comes with its reason.
      const failing = (category?.auditRefs ?? [])
        .filter((ref) => ref.weight > 0 && (result.lhr.audits[ref.id]?.score ?? 1) < 1)
        .map((ref) => `${ref.id} (${result.lhr.audits[ref.id]?.score})`);
      if (failing.length > 0) console.log(`  lighthouse ${new URL(url).pathname} ${c}: ${failing.join(', ')}`);
    }
    return scores;
  } finally {
    chrome.kill();
  }
}

export async function benchLighthouse(): Promise<Figures> {
  const server = await startServer();
  const dir = mkdtempSync(join(tmpdir(), 'linli-lighthouse-'));
  try {
    const kioskProfile = join(dir, 'kiosk');
    await pairProfile(server.url, kioskProfile);
    const figures: Figures = {};
    for (const [name, url, profile] of [
      ['kiosk', `${server.url}/kiosk/`, kioskProfile],
      ['demo', `${server.url}/demo/`, join(dir, 'demo')],
    ] as const) {
      const runs: Record<string, number[]> = {};
      for (let i = 0; i < RUNS; i++) {
        const scores = await audit(url, profile);
        for (const c of CATEGORIES) (runs[c] ??= []).push(scores[c]);
      }
      for (const c of CATEGORIES) figures[`lighthouse.${name}.${c}`] = { value: round(median(runs[c]!), 2), unit: 'score', goal: 1, better: 'higher' };
    }
    return figures;
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
