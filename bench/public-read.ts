/**
 * server.public-read.req_per_s: public notice-feed requests per second with conditional GET, as
 * websites revalidate after a poke (If-None-Match → 304). The real server process on a SQLite
 * file with the demo data; wrk from Debian as the loopback load generator (a second process, so
 * the generator does not share Node's event loop with the server). Median of 5 runs of 5 s.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServer } from '../tests/e2e/harness.ts';
import { median, round, type Figures } from './results.ts';

const STATION = '3f6c2a1e-8b4d-4c7a-9e21-5d0b7f3a1c01';
const RUNS = 5;

function haveWrk(): boolean {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    // wrk prints its version and exits 1; only a missing binary is ENOENT.
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

export async function benchPublicRead(): Promise<Figures> {
  if (!haveWrk()) execFileSync('bash', [resolve(import.meta.dirname, '../scripts/ensure-system-packages.sh'), 'wrk'], { stdio: 'inherit' });
  if (!haveWrk()) throw new Error('wrk is not installed and could not be installed (apt-get install wrk)');
  const server = await startServer();
  try {
    const path = `/api/stations/${STATION}/notices?limit=20`;
    const first = await fetch(`${server.url}${path}`);
    const etag = first.headers.get('etag');
    if (first.status !== 200 || !etag) throw new Error(`feed answered ${first.status} without an ETag`);
    const check = await fetch(`${server.url}${path}`, { headers: { 'if-none-match': etag } });
    if (check.status !== 304) throw new Error(`a conditional GET answered ${check.status}, not 304`);

    const dir = mkdtempSync(join(tmpdir(), 'linli-wrk-'));
    const script = join(dir, 'conditional.lua');
    // (The server's 304 for this ETag was checked above; wrk itself reports any non-2xx/3xx.)
    writeFileSync(script, `wrk.headers["If-None-Match"] = ${JSON.stringify(etag)}\n`);
    const rates: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const out = execFileSync('wrk', ['-t1', '-c32', '-d5s', '-s', script, `${server.url}${path}`], { encoding: 'utf8' });
      const rate = /Requests\/sec:\s+([\d.]+)/.exec(out);
      const errors = /Non-2xx or 3xx responses: (\d+)/.exec(out);
      const socketErrors = /Socket errors: (.*)/.exec(out);
      if (!rate) throw new Error(`could not read wrk's output:\n${out}`);
      if (errors || socketErrors) throw new Error(`wrk saw errors:\n${out}`);
      rates.push(Number(rate[1]));
    }
    return { 'server.public-read.req_per_s': { value: round(median(rates), 0), unit: 'req/s', goal: 10_000, better: 'higher' } };
  } finally {
    await server.stop();
  }
}
