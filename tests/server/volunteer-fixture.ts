/** Helpers for the volunteer tests: activities relative to the fixture's clock, commands, many residents with website sessions. */
import { hashPin, type ActivityDraft, type Command, type CommandActor } from '../../domain/index.ts';
import { sha256Hex } from '../../server/auth/tokens.ts';
import type { Fixture } from './station-fixture.ts';
import { STATION } from './station-fixture.ts';

const HOUR = 3_600_000;

/** An activity starting `startInHours` from the fixture's now, lasting `hours`, sign-up closing an hour before. */
export function activityDraft(f: Fixture, over: Partial<ActivityDraft> = {}, startInHours = 48, hours = 2): ActivityDraft {
  const start = f.now() + startInHours * HOUR;
  return {
    title: '独居老人探访',
    description: '探访独居老人',
    place: '服务站二楼',
    startAt: new Date(start).toISOString(),
    endAt: new Date(start + hours * HOUR).toISOString(),
    capacity: 30,
    signupDeadline: new Date(start - HOUR).toISOString(),
    minAge: null,
    maxAge: null,
    requirements: '',
    pointsPerHour: 10,
    photo: null,
    cancelled: false,
    ...over,
  };
}

export function command<T extends Command['type']>(seq: number, type: T, payload: Extract<Command, { type: T }>['payload'], actor: CommandActor, id: string = crypto.randomUUID(), createdAt = new Date().toISOString()): Command {
  return { id, seq, type, payload, actor, createdAt } as Command;
}

/** Save an activity through sync as staff 1001; returns its id. */
export async function createActivity(f: Fixture, deviceToken: string, seq: number, draft: ActivityDraft): Promise<string> {
  const activityId = crypto.randomUUID();
  const res = await f.push(deviceToken, [command(seq, 'activity.save', { activityId, baseRevision: null, draft }, { staffNo: '1001' })]);
  if (res.outcomes[0]?.status !== 'applied') throw new Error(`activity.save: ${JSON.stringify(res.outcomes[0])}`);
  return activityId;
}

/** `n` residents of the demo station with website sessions (as POST /api/residents/login would open them). */
export async function manyResidents(f: Fixture, n: number, birthYear = 1960): Promise<{ id: string; token: string }[]> {
  const pinHash = await hashPin('8888', 1_000);
  const t = new Date(f.now()).toISOString();
  const out: { id: string; token: string }[] = [];
  for (let i = 0; i < n; i++) {
    const id = crypto.randomUUID();
    await f.db
      .insertInto('residents')
      .values({ id, station_id: STATION, name: `志愿者${i}`, phone: `1370000${String(i).padStart(4, '0')}`, birth_year: birthYear, building: `${1 + (i % 20)} 号楼`, consent_at: t, pin_hash: pinHash, card_hash: null, active: 1, revision: 1, failed_attempts: 0, locked_until: null, created_at: t, updated_at: t, ranking_opt_out: 0 })
      .execute();
    const token = `volunteer-${i}-${crypto.randomUUID()}`;
    await f.db.insertInto('resident_sessions').values({ token_hash: sha256Hex(token), resident_id: id, station_id: STATION, created_at: t, expires_at: new Date(f.now() + 3_600_000).toISOString() }).execute();
    out.push({ id, token });
  }
  return out;
}
