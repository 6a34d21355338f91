/**
 * Acceptance (issue 13): mixed load with SIGKILLs, on SQLite and PostgreSQL. Three kiosks push
 * and two websites redeem, book and cancel, as real clients over HTTP to the real server process,
 * for 60 s; the server is SIGKILLed five times, each time with a push in flight, and restarted.
 * No answer ≥ 500; nothing lost (every command a kiosk was told applied, every website action
 * answered OK, is stored exactly once — retries after a kill reuse their ids) and nothing doubled
 * (balances equal their transfers and sum to zero, one redeem transfer per redemption, stock adds
 * up). Prints the counts. Throughput goes to bench/mixed-load.ts, never into an assertion here.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../server/databases.ts';
import { ChildStation, verifyNothingLostOrDoubled } from './load-clients.ts';
import { runMixedLoad } from './mixed-load-run.ts';

const SECONDS = 60;
const KILLS = 5;

await describeEachDialect('mixed load with SIGKILLs', (dialect) => {
  let station: ChildStation;
  before(async () => {
    station = await ChildStation.start(dialect.name);
  });
  after(() => station?.close());

  it(`3 kiosks and 2 websites for ${SECONDS} s, ${KILLS} SIGKILLs: no 5xx, nothing lost or doubled`, { timeout: 240_000 }, async () => {
    const run = await runMixedLoad(station, { seconds: SECONDS, kills: KILLS, seed: dialect.name === 'sqlite' ? 1301 : 1302 });
    await station.stopServer();
    const ledger = await verifyNothingLostOrDoubled(station.db, run.kiosks, run.websites, run.items);
    console.log(`mixed load (${dialect.name}): ${JSON.stringify({ ...run.counts, ...ledger })}`);

    assert.deepEqual(run.tally.serverErrors.slice(0, 5), [], `${run.tally.serverErrors.length} answers ≥ 500`);
    assert.ok(run.trafficSeconds >= SECONDS, 'the load ran for the whole time');
    // The faults really happened: every kill with a push in flight, and requests were cut off.
    assert.equal(station.kills, KILLS);
    assert.ok(station.inFlightAtKills.every((k) => k.pushes > 0), `a push in flight at every kill: ${JSON.stringify(station.inFlightAtKills)}`);
    assert.ok(run.tally.networkFailures >= KILLS, 'the kills cut requests off');
    assert.ok(Number(run.counts.commandsApplied) > 200 && Number(run.counts.websiteOk) > 20, 'both kinds of client got work done');
  });
});
