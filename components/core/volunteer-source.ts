/**
 * The optional volunteer (志愿服务) capability of a LinliSource: the public list of upcoming
 * activities with places left, and a resident's own sign-ups after signing in with phone + PIN
 * (the same sign-in as the points shop and the meal booking). A source without it leaves
 * `LinliSource.volunteer` undefined and the volunteer board says so in plain words.
 */
import type { PublicActivity, ResidentVolunteer, VolunteerSignUpRecord } from '../../domain/volunteer-records.ts';
import type { Activity, SignUpRefusal } from '../../domain/volunteer.ts';
import type { PointsSession } from './points-source.ts';
import { LinliSourceError, toKindError, type LinliSourceErrorKind } from './source.ts';

export interface SignUpRequest {
  /** crypto.randomUUID() per decision; sent again unchanged when retrying after a network error. */
  signUpId: string;
  activityId: string;
}

export interface VolunteerSource {
  /** Upcoming activities (not called off), public, no person named. */
  activities(): Promise<PublicActivity[]>;
  /** Rejects with VolunteerError `wrong-pin` or `locked`. */
  signIn(phone: string, pin: string): Promise<PointsSession>;
  mine(session: PointsSession): Promise<ResidentVolunteer>;
  /** Confirmed or waitlisted (with the resident's overlapping activities), or a refusal kind. */
  signUp(session: PointsSession, request: SignUpRequest): Promise<{ signUp: VolunteerSignUpRecord; overlapping: Activity[] }>;
  /** Rejects with VolunteerError `cannot-cancel` once the activity has started or ended. */
  cancel(session: PointsSession, signUpId: string): Promise<{ signUp: VolunteerSignUpRecord }>;
}

export type VolunteerErrorKind = LinliSourceErrorKind | SignUpRefusal | 'wrong-pin' | 'locked' | 'signed-out' | 'cannot-cancel' | 'sign-up-id-taken';

/** The kinds a server's `{ error }` code may name for volunteering. */
export const VOLUNTEER_ERROR_KINDS: ReadonlySet<string> = new Set<VolunteerErrorKind>([
  'activity-cancelled',
  'already-started',
  'deadline-passed',
  'too-young',
  'too-old',
  'already-signed-up',
  'wrong-pin',
  'locked',
  'cannot-cancel',
  'sign-up-id-taken',
]);

/** Thrown by VolunteerSource methods. Widgets show a sentence per `kind`, never `message`. */
export type VolunteerError = LinliSourceError<VolunteerErrorKind>;
export const VolunteerError = LinliSourceError as new (kind: VolunteerErrorKind, message: string, status?: number) => VolunteerError;

/** Any thrown value as a VolunteerError (an unknown failure counts as a network problem). */
export function toVolunteerError(err: unknown): VolunteerError {
  return toKindError<VolunteerErrorKind>(err, VOLUNTEER_ERROR_KINDS);
}
