/**
 * `npm run bench`: builds, runs every benchmark, prints a table and writes bench/results.json.
 * A figure that could not be measured is absent (never zero). Exits non-zero only when a
 * benchmark crashes; a missed goal is reported, not hidden.
 */
import { execSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describeMachine, meetsGoal, type Figures } from './results.ts';
import { benchBundleSizes } from './bundle-size.ts';
import { benchRenderNotices } from './render-notices.ts';
import { benchKioskColdStart } from './kiosk-coldstart.ts';
import { benchKioskInitialBundle } from './kiosk-initial-bundle.ts';
import { benchKioskMemory } from './kiosk-memory.ts';
import { benchLedger } from './ledger.ts';
import { benchLighthouse } from './lighthouse.ts';
import { benchOfflineNotice } from './offline-notice.ts';
import { benchOfflineCrack } from './offline-crack.ts';
import { benchMixedLoad } from './mixed-load.ts';
import { writePerformanceDoc } from './performance-doc.ts';
import { benchPublicRead } from './public-read.ts';
import { benchSignupBurst } from './signup-burst.ts';

const root = resolve(import.meta.dirname, '..');
const benches: [string, () => Promise<Figures>][] = [
  ['bundle sizes', benchBundleSizes],
  ['notice board render', benchRenderNotices],
  ['kiosk cold start', benchKioskColdStart],
  ['kiosk initial JS', benchKioskInitialBundle],
  ['kiosk memory over 10,000 screen changes', benchKioskMemory],
  ['points ledger and sync push', benchLedger],
  ['public read throughput', benchPublicRead],
  ['Lighthouse', benchLighthouse],
  ['volunteer sign-up burst', benchSignupBurst],
  ['offline notice to website', benchOfflineNotice],
  ['offline cracking of a staff verifier', benchOfflineCrack],
  ['mixed load: 3 kiosks and 2 websites for 60 s', benchMixedLoad],
];

if (!process.argv.includes('--no-build')) execSync('npm run build --silent', { cwd: root, stdio: 'inherit' });

const figures: Figures = {};
let crashed = false;
for (const [name, run] of benches) {
  process.stdout.write(`running ${name}…\n`);
  try {
    Object.assign(figures, await run());
  } catch (err) {
    crashed = true;
    console.error(`benchmark "${name}" crashed:`, err);
  }
}

const results = { machine: describeMachine(), date: new Date().toISOString(), figures };
writeFileSync(resolve(root, 'bench/results.json'), JSON.stringify(results, null, 2) + '\n');
writePerformanceDoc(resolve(root, 'docs/performance.md'), results.machine, results.date, figures);

const rows = Object.entries(figures).sort(([a], [b]) => a.localeCompare(b));
const width = Math.max(...rows.map(([n]) => n.length), 4);
console.log(`\n${results.machine}\n${'name'.padEnd(width)}  ${'value'.padStart(10)}  unit  goal        status`);
for (const [name, f] of rows) {
  const goal = `${f.better === 'lower' ? '≤' : '≥'} ${f.goal}`;
  console.log(`${name.padEnd(width)}  ${String(f.value).padStart(10)}  ${f.unit.padEnd(4)}  ${goal.padEnd(10)}  ${meetsGoal(f) ? 'ok' : 'MISSED'}`);
}
process.exit(crashed ? 1 : 0);
