/**
 * `server.mixed-load.<sqlite|postgres>.commands_per_s` and `.5xx`: three kiosks pushing (online
 * redemptions, awards, meal bookings, allowance renewals) and two websites redeeming, booking and
 * cancelling, as real HTTP clients of the real server process (server/main.ts), for 60 s.
 * commands_per_s: kiosk commands answered (applied or refused) ÷ the seconds until every outbox
 * was empty; 5xx: answers ≥ 500 to any client (goal 0). No kills here (the SIGKILL variant is
 * tests/fault/mixed-load.test.ts). A database that cannot be used has no figures.
 * Run alone: `node --import tsx bench/mixed-load.ts`.
 */
import { ChildStation } from '../tests/fault/load-clients.ts';
import { runMixedLoad } from '../tests/fault/mixed-load-run.ts';
import { testDialects } from '../tests/server/databases.ts';
import { round, type Figures } from './results.ts';

const SECONDS = Number(process.env.LINLI_BENCH_MIXED_SECONDS ?? 60);

export async function benchMixedLoad(): Promise<Figures> {
  const figures: Figures = {};
  for (const dialect of await testDialects()) {
    if (dialect.skip) {
      console.warn(`server.mixed-load.${dialect.name} not measured: ${dialect.skip}`);
      continue;
    }
    const station = await ChildStation.start(dialect.name);
    try {
      const run = await runMixedLoad(station, { seconds: SECONDS, kills: 0, seed: 13 });
      await station.stopServer();
      const answered = run.kiosks.reduce((s, k) => s + k.outcomes.size, 0);
      console.log(`mixed load (${dialect.name}): ${JSON.stringify(run.counts)}`);
      figures[`server.mixed-load.${dialect.name}.commands_per_s`] = { value: round(answered / run.totalSeconds, 0), unit: '/s', goal: 0, better: 'higher' };
      figures[`server.mixed-load.${dialect.name}.5xx`] = { value: run.tally.serverErrors.length, unit: '', goal: 0, better: 'lower' };
    } finally {
      await station.close();
    }
  }
  return figures;
}

if (import.meta.filename === process.argv[1]) console.log(await benchMixedLoad());
