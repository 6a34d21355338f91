/**
 * Volunteering in memory, with the domain's own rules (capacity, waitlist in arrival order,
 * deadline, age limits, overlap): for tests, the docs page and sites that want to try the
 * volunteer board without a station server.
 */
import type { PublicActivity, ResidentVolunteer, VolunteerSignUpRecord } from '../../domain/volunteer-records.ts';
import { overlappingActivities, promoteFromWaitlist, signUpDecision, waitlistPosition, type Activity } from '../../domain/volunteer.ts';
import { maskPhone } from '../../domain/personal-data.ts';
import type { BirthInfo } from '../../domain/station-time.ts';
import { RESIDENT_SESSION_MS, type PointsSession } from './points-source.ts';
import { VolunteerError, type SignUpRequest, type VolunteerSource } from './volunteer-source.ts';

export interface MemoryVolunteerResident extends BirthInfo {
  id: string;
  /** Full name: never returned except inside the session, where widgets mask it. */
  name: string;
  /** Full phone: only compared; the session carries it masked, as the server does. */
  phone: string;
  pin: string;
  building: string;
}

export interface MemoryVolunteerOptions {
  activities?: Activity[];
  residents?: MemoryVolunteerResident[];
  signUps?: VolunteerSignUpRecord[];
  now?: () => Date;
  latency?: number;
}

export class MemoryVolunteer implements VolunteerSource {
  readonly activityList: Activity[];
  readonly residents: MemoryVolunteerResident[];
  readonly signUps: VolunteerSignUpRecord[];
  /** Every sign-up request received, in order (tests check a retry re-sends the same id). */
  readonly signUpRequests: SignUpRequest[] = [];
  /** While set, every call rejects with it before doing anything. */
  error: Error | null = null;
  /** Apply the next sign-up, then fail as if the answer was lost on the way back. */
  loseNextAnswer = false;
  private readonly options: MemoryVolunteerOptions;
  private readonly sessions = new Map<string, string>();
  private arrival = 0;

  constructor(options: MemoryVolunteerOptions = {}) {
    this.options = options;
    this.activityList = structuredClone(options.activities ?? []);
    this.residents = structuredClone(options.residents ?? []);
    this.signUps = structuredClone(options.signUps ?? []);
    this.arrival = Math.max(0, ...this.signUps.map((s) => s.arrival));
  }

  private now(): Date {
    return this.options.now ? this.options.now() : new Date();
  }

  private async call<T>(work: () => T): Promise<T> {
    await new Promise((resolve) => setTimeout(resolve, this.options.latency ?? 0));
    if (this.error) throw this.error;
    return structuredClone(work());
  }

  private resident(session: PointsSession): MemoryVolunteerResident {
    const id = this.sessions.get(session.token);
    const r = this.residents.find((x) => x.id === id);
    if (!r) throw new VolunteerError('signed-out', 'unknown token', 401);
    return r;
  }

  private live(activityId: string): VolunteerSignUpRecord[] {
    return this.signUps.filter((s) => s.activityId === activityId && (s.status === 'confirmed' || s.status === 'waitlisted'));
  }

  activities(): Promise<PublicActivity[]> {
    return this.call(() => {
      const t = this.now().getTime();
      return this.activityList
        .filter((a) => !a.cancelled && Date.parse(a.endAt) > t)
        .sort((a, b) => a.startAt.localeCompare(b.startAt))
        .map(({ stationId: _s, revision: _r, ...a }) => {
          const live = this.live(a.id);
          const confirmed = live.filter((s) => s.status === 'confirmed').length;
          return { ...a, placesLeft: Math.max(0, a.capacity - confirmed), waitlistLength: live.length - confirmed, open: t < Date.parse(a.signupDeadline) && t < Date.parse(a.startAt) };
        });
    });
  }

  signIn(phone: string, pin: string): Promise<PointsSession> {
    return this.call(() => {
      const r = this.residents.find((x) => x.phone === phone);
      if (!r || r.pin !== pin) throw new VolunteerError('wrong-pin', 'wrong pin', 401);
      const token = crypto.randomUUID();
      this.sessions.set(token, r.id);
      const expiresAt = new Date(this.now().getTime() + RESIDENT_SESSION_MS).toISOString();
      return { token, expiresAt, resident: { id: r.id, name: r.name, building: r.building, phone: maskPhone(r.phone) } };
    });
  }

  mine(session: PointsSession): Promise<ResidentVolunteer> {
    return this.call(() => {
      const r = this.resident(session);
      const signUps = this.signUps
        .filter((s) => s.residentId === r.id)
        .map((s) => ({ ...s, activity: this.activityList.find((a) => a.id === s.activityId)!, waitlistPosition: waitlistPosition(this.signUps.filter((x) => x.activityId === s.activityId), s.id) }));
      return { signUps, overlaps: [] };
    });
  }

  signUp(session: PointsSession, request: SignUpRequest): Promise<{ signUp: VolunteerSignUpRecord; overlapping: Activity[] }> {
    this.signUpRequests.push({ ...request });
    return this.call(() => {
      const r = this.resident(session);
      const activity = this.activityList.find((a) => a.id === request.activityId);
      if (!activity) throw new VolunteerError('not-found', 'no activity', 404);
      const mineLive = this.signUps.filter((s) => s.residentId === r.id && (s.status === 'confirmed' || s.status === 'waitlisted'));
      const overlapping = overlappingActivities(
        mineLive.map((s) => this.activityList.find((a) => a.id === s.activityId)!),
        activity,
      );
      const same = this.signUps.find((s) => s.id === request.signUpId);
      if (same) {
        if (same.residentId !== r.id || same.activityId !== activity.id) throw new VolunteerError('sign-up-id-taken', 'id taken', 409);
        return { signUp: same, overlapping };
      }
      const now = this.now();
      const decision = signUpDecision(activity, {
        confirmedCount: this.live(activity.id).filter((s) => s.status === 'confirmed').length,
        now,
        resident: r,
        alreadySignedUp: mineLive.some((s) => s.activityId === activity.id),
      });
      if (decision.status === 'refused') throw new VolunteerError(decision.refusal, decision.message, 409);
      const signUp: VolunteerSignUpRecord = {
        id: request.signUpId,
        activityId: activity.id,
        residentId: r.id,
        stationId: activity.stationId,
        status: decision.status,
        arrival: ++this.arrival,
        refusal: null,
        reason: null,
        createdAt: now.toISOString(),
        cancelledAt: null,
        signedUpBy: 'resident',
        channel: 'website',
        checkInAt: null,
        checkOutAt: null,
        minutes: null,
        hours: null,
        points: 0,
        awardTransferId: null,
      };
      this.signUps.push(signUp);
      if (this.loseNextAnswer) {
        this.loseNextAnswer = false;
        throw new VolunteerError('network', 'answer lost');
      }
      return { signUp, overlapping };
    });
  }

  cancel(session: PointsSession, signUpId: string): Promise<{ signUp: VolunteerSignUpRecord }> {
    return this.call(() => {
      const r = this.resident(session);
      const s = this.signUps.find((x) => x.id === signUpId && x.residentId === r.id);
      if (!s) throw new VolunteerError('not-found', 'no sign-up', 404);
      const activity = this.activityList.find((a) => a.id === s.activityId)!;
      if ((s.status !== 'confirmed' && s.status !== 'waitlisted') || this.now().getTime() >= Date.parse(activity.startAt)) {
        throw new VolunteerError('cannot-cancel', 'too late', 409);
      }
      s.status = 'cancelled';
      s.cancelledAt = this.now().toISOString();
      s.reason = '本人取消';
      // The first on the waitlist takes the freed place, as at the station.
      for (const p of promoteFromWaitlist(this.live(activity.id), activity.capacity)) p.status = 'confirmed';
      return { signUp: s };
    });
  }
}
