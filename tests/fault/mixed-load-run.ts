/**
 * The mixed load of issue 13: three kiosks pushing (online redemptions, awards, meal bookings,
 * allowance renewals) and two district websites (redemptions, bookings, cancellations) against the
 * real server process for a given time, optionally SIGKILLing and restarting the server at even
 * intervals, each kill while a push is in flight. Then the kiosks drain their outboxes and the
 * server stops cleanly. Shared by tests/fault/mixed-load.test.ts and bench/mixed-load.ts.
 */
import { KioskClient, LOAD_RESIDENTS, loadItems, nextWeekMeals, prepareStation, prng, sleep, Tally, WebsiteClient, type ChildStation } from './load-clients.ts';
import type { CatalogueItem } from '../../domain/index.ts';

export interface MixedLoadOptions {
  seconds: number;
  kills: number;
  seed: number;
}

export interface MixedLoadRun {
  tally: Tally;
  kiosks: KioskClient[];
  websites: WebsiteClient[];
  items: CatalogueItem[];
  /** Seconds of traffic (kills and restarts included), and until the outboxes were empty. */
  trafficSeconds: number;
  totalSeconds: number;
  counts: Record<string, number | string>;
}

export async function runMixedLoad(station: ChildStation, options: MixedLoadOptions): Promise<MixedLoadRun> {
  const tally = new Tally();
  const { target } = station;
  const prepared = await prepareStation(target, tally, loadItems(), 10_000);
  const itemIds = prepared.items.map((i) => i.id);
  const meals = nextWeekMeals();
  const random = prng(options.seed);
  const kiosks: KioskClient[] = [];
  for (const name of ['一号终端', '二号终端', '三号终端']) kiosks.push(new KioskClient(name, target, tally, random, await prepared.pair(name), LOAD_RESIDENTS, itemIds, meals));
  // The two websites share the residents, so they and the kiosks touch the same accounts.
  const websites = ['街道网站', '社区公众号'].map((name) => new WebsiteClient(name, target, tally, random, LOAD_RESIDENTS, itemIds, meals));
  for (const w of websites) await w.signIn();

  const started = Date.now();
  const deadline = started + options.seconds * 1000;
  const stop = () => Date.now() >= deadline;
  const killer = (async () => {
    for (let i = 1; i <= options.kills; i++) {
      await sleep(Math.max(0, started + (i * options.seconds * 1000) / (options.kills + 1) - Date.now()));
      await station.killAndRestart(tally, () => tally.pushesInFlight > 0);
    }
  })();
  await Promise.all([...kiosks.map((k) => k.run(stop)), ...websites.map((w) => w.run(stop)), killer]);
  const trafficSeconds = (Date.now() - started) / 1000;
  for (const k of kiosks) await k.drain();
  const totalSeconds = (Date.now() - started) / 1000;

  const commandsSent = kiosks.reduce((s, k) => s + k.seq, 0);
  const counts = {
    seconds: Math.round(trafficSeconds * 10) / 10,
    commandsSent,
    commandsApplied: kiosks.reduce((s, k) => s + k.applied, 0),
    commandsRefused: kiosks.reduce((s, k) => s + k.outcomes.size - k.applied, 0),
    pushes: kiosks.reduce((s, k) => s + k.pushes, 0),
    websiteActions: websites.reduce((s, w) => s + w.actions, 0),
    websiteOk: websites.reduce((s, w) => s + w.ok, 0),
    websiteRefused: websites.reduce((s, w) => s + w.refused, 0),
    kills: station.kills,
    pushesInFlightAtKills: station.inFlightAtKills.map((k) => k.pushes).join('/') || '-',
    requestsCutOff: tally.networkFailures,
    requests: tally.requests,
    answers5xx: tally.serverErrors.length,
  };
  return { tally, kiosks, websites, items: prepared.items, trafficSeconds, totalSeconds, counts };
}
