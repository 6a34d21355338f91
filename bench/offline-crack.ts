/**
 * What a copied kiosk profile is worth to a guesser (docs/security.md, "Staff"): this machine's
 * PBKDF2-SHA256 rate with the exact parameters of a staff verifier (STAFF_SECRET_ITERATIONS, a
 * 16-byte salt, 32-byte output, a 10-digit secret), measured on ONE core (pbkdf2Sync on the main
 * thread, one hash after another), median of 7 runs; and from it the core-days to find one
 * staff secret: (10^10 / 2 expected guesses) ÷ rate ÷ 86,400. Also the cost of a staff sign-in at
 * the kiosk in Chromium (the verifier, then the command key): it must stay under ~0.3 s.
 */
import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { STAFF_SECRET_ITERATIONS, STAFF_SECRET_SPACE } from '../domain/index.ts';
import { median, round, type Figures } from './results.ts';

const RUNS = 7;
const HASHES_PER_RUN = 6;

/** Hashes per second on one core, median of RUNS runs of HASHES_PER_RUN hashes each. */
export function pbkdf2RatePerCore(iterations = STAFF_SECRET_ITERATIONS): { rate: number; runs: number[] } {
  const salt = randomBytes(16);
  pbkdf2Sync('0000000000', salt, iterations, 32, 'sha256'); // warm-up
  const runs: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const start = performance.now();
    for (let i = 0; i < HASHES_PER_RUN; i++) pbkdf2Sync(String(1_000_000_000 + r * 100 + i), salt, iterations, 32, 'sha256');
    runs.push(HASHES_PER_RUN / ((performance.now() - start) / 1000));
  }
  return { rate: median(runs), runs };
}

/** Milliseconds for the two PBKDF2 runs of a kiosk staff sign-in in Chromium's Web Crypto, median of 5. */
async function kioskSignInMs(): Promise<number> {
  // Web Crypto needs a secure context: a page on localhost.
  const server = createServer((_req, res) => res.end('<!doctype html><title>bench</title>'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium' });
  try {
    const page = await browser.newPage();
    await page.goto(`http://localhost:${(server.address() as AddressInfo).port}/`);
    const times = await page.evaluate(async (iterations) => {
      const out: number[] = [];
      for (let r = 0; r < 6; r++) {
        const start = performance.now();
        const key = await crypto.subtle.importKey('raw', new TextEncoder().encode('7305184962'), 'PBKDF2', false, ['deriveBits']);
        for (const fill of [1, 2]) await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: new Uint8Array(16).fill(fill), iterations }, key, 256);
        out.push(performance.now() - start);
      }
      return out.slice(1); // the first run warms up
    }, STAFF_SECRET_ITERATIONS);
    return median(times);
  } finally {
    await browser.close();
    server.close();
  }
}

export async function benchOfflineCrack(): Promise<Figures> {
  const { rate, runs } = pbkdf2RatePerCore();
  const coreDays = STAFF_SECRET_SPACE / 2 / rate / 86_400;
  const signIn = await kioskSignInMs();
  console.log(
    `  PBKDF2-SHA256 × ${STAFF_SECRET_ITERATIONS} on one core: ${runs.map((r) => round(r, 1)).join(', ')} hashes/s (median ${round(rate, 2)}); ` +
      `one staff secret: ${STAFF_SECRET_SPACE / 2} guesses ÷ ${round(rate, 2)}/s ÷ 86,400 = ${round(coreDays, 0)} core-days; kiosk sign-in ${round(signIn, 0)} ms`,
  );
  return {
    'auth.pin-hash.per_core_per_s': { value: round(rate, 2), unit: 'hashes/s', goal: 0, better: 'higher' },
    'auth.offline-crack.staff.core_days': { value: round(coreDays, 0), unit: 'core-days', goal: 30, better: 'higher' },
    'auth.kiosk-staff-sign-in.ms': { value: round(signIn, 0), unit: 'ms', goal: 300, better: 'lower' },
  };
}

// `node --import tsx bench/offline-crack.ts` runs just these figures.
if (import.meta.filename === process.argv[1]) console.log(await benchOfflineCrack());
