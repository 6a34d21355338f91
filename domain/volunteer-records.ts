/**
 * What the station server stores and replicates for volunteer service, around the pure rules of
 * volunteer.ts: a sign-up as the server keeps it (with attendance, hours and the points award),
 * an hour correction with who asked and who decided, the station's rounding rule as a record,
 * and the public shape of an activity (places left, no personal data). Types only.
 */
import type { Activity, HoursCorrection, RoundingRule, SignUp } from './volunteer.ts';

/** Who signed up: the resident, staff for them at the kiosk (proxy), or the resident on a website. */
export type VolunteerSignedUpBy = 'resident' | 'proxy';
export type VolunteerChannel = 'kiosk' | 'website';

/**
 * A sign-up as stored and replicated (entity `volunteer-sign-up`, every sign-up of the station:
 * the kiosk shows places left and 我的 offline). The server never stores "provisional": an
 * offline sign-up is decided when its push arrives and becomes confirmed, waitlisted or refused
 * (with the sentence in `reason`), which the resident reads in 我的.
 */
export interface VolunteerSignUpRecord extends SignUp {
  stationId: string;
  /** Refused: the signUpRefusalMessage sentence. Cancelled: why. Null otherwise. */
  reason: string | null;
  signedUpBy: VolunteerSignedUpBy;
  channel: VolunteerChannel;
  checkInAt: string | null;
  checkOutAt: string | null;
  /** Whole minutes between check-in and check-out (null before check-out). */
  minutes: number | null;
  /** Credited hours by the station's rounding rule, after approved corrections. */
  hours: number | null;
  /** Points awarded for the hours (after corrections). */
  points: number;
  /** The ledger transfer of the check-out award, fixed once at check-out (null: nothing to award). */
  awardTransferId: string | null;
}

/** An hour correction as stored: the domain shape plus the ledger transfer an approval made. */
export interface HoursCorrectionRecord extends HoursCorrection {
  stationId: string;
  /** Staff numbers, for people reading the list. */
  requestedByNo: string;
  decidedByNo: string | null;
  transferId: string | null;
  pointsDelta: number | null;
}

/** GET/PUT /api/staff/volunteer/rounding-rule. revision 0: never set (DEFAULT_ROUNDING_RULE). */
export interface StationRoundingRule {
  stationId: string;
  rule: RoundingRule;
  revision: number;
  updatedAt: string | null;
}

/** An upcoming activity for anyone (GET /api/stations/:id/volunteer/activities): no person named. */
export interface PublicActivity extends Omit<Activity, 'stationId' | 'revision'> {
  placesLeft: number;
  waitlistLength: number;
  /** Sign-up still open at the time of the answer. */
  open: boolean;
}

/** GET /api/residents/me/volunteer. */
export interface ResidentVolunteer {
  signUps: (VolunteerSignUpRecord & { activity: Activity; waitlistPosition: number | null })[];
  /** Pairs of the resident's live sign-ups whose activities overlap in time. */
  overlaps: { signUpId: string; otherSignUpId: string }[];
}

export type VolunteerSignUpResult = { signUp: VolunteerSignUpRecord; overlapping: Activity[] };

