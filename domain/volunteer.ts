/**
 * Volunteer service (志愿服务): activities, the sign-up decision, the waitlist, overlap warnings,
 * service hours from a configurable rounding rule, hours to points, hour corrections and the
 * certificate text. Pure rules; the server (inside the transaction that counts places) and the
 * kiosk (offline) call the same functions.
 *
 * Instants are ISO-8601 UTC strings; ages and dates are counted in station time
 * (domain/station-time.ts), the same way as for meal subsidies.
 */
import { isSafeImageUrl } from './notice.ts';
import { hasPermission } from './roles.ts';
import type { StaffRole } from './station.ts';
import { ageOn, formatStationDateTime, stationDateOf, type BirthInfo } from './station-time.ts';

export const VOLUNTEER_LIMITS = {
  titleMax: 60,
  descriptionMax: 2_000,
  placeMax: 60,
  requirementsMax: 500,
  capacityMax: 1_000,
  /** An activity longer than a day is a typo in the end time. */
  durationMaxHours: 24,
  pointsPerHourMax: 100,
  ageMax: 120,
  correctionReasonMax: 200,
  /** A correction beyond a day of service is a typo. */
  correctionHoursMax: 24,
} as const;

export interface Activity {
  id: string;
  stationId: string;
  title: string;
  description: string;
  place: string;
  /** ISO-8601 UTC. The activity runs [startAt, endAt). */
  startAt: string;
  endAt: string;
  capacity: number;
  /** Sign-up closes at this instant (at it, not after it). */
  signupDeadline: string;
  /** Inclusive age limits, age counted on the activity's station date; null: no limit. */
  minAge: number | null;
  maxAge: number | null;
  /** Plain words shown before signing up, e.g. "能走楼梯，自带水杯". */
  requirements: string;
  /** Whole points for each credited hour (see pointsForHours). */
  pointsPerHour: number;
  photo: string | null;
  /** Called off by staff: no new sign-ups, signed-up residents are told. */
  cancelled: boolean;
  revision: number;
  updatedAt: string;
}

export type ActivityDraft = Pick<
  Activity,
  'title' | 'description' | 'place' | 'startAt' | 'endAt' | 'capacity' | 'signupDeadline' | 'minAge' | 'maxAge' | 'requirements' | 'pointsPerHour' | 'photo' | 'cancelled'
>;

function charCount(text: string): number {
  return [...text].length;
}

/** Content rules for an activity, each broken rule in plain Chinese, keyed by field (empty: fine). */
export function validateActivity(draft: ActivityDraft): Partial<Record<keyof ActivityDraft, string>> {
  const errors: Partial<Record<keyof ActivityDraft, string>> = {};
  const L = VOLUNTEER_LIMITS;
  const title = draft.title.trim();
  if (title === '') errors.title = '请填写活动名称';
  else if (charCount(title) > L.titleMax) errors.title = `活动名称最多 ${L.titleMax} 个字`;
  if (charCount(draft.description) > L.descriptionMax) errors.description = `活动介绍最多 ${L.descriptionMax} 个字`;
  const place = draft.place.trim();
  if (place === '') errors.place = '请填写活动地点';
  else if (charCount(place) > L.placeMax) errors.place = `活动地点最多 ${L.placeMax} 个字`;
  if (charCount(draft.requirements) > L.requirementsMax) errors.requirements = `参加要求最多 ${L.requirementsMax} 个字`;

  const start = Date.parse(draft.startAt);
  const end = Date.parse(draft.endAt);
  const deadline = Date.parse(draft.signupDeadline);
  if (Number.isNaN(start)) errors.startAt = '开始时间不正确';
  if (Number.isNaN(end)) errors.endAt = '结束时间不正确';
  else if (!Number.isNaN(start)) {
    if (end <= start) errors.endAt = '结束时间要晚于开始时间';
    else if (end - start > L.durationMaxHours * 3_600_000) errors.endAt = `一次活动最长 ${L.durationMaxHours} 小时，请检查结束时间`;
  }
  if (Number.isNaN(deadline)) errors.signupDeadline = '报名截止时间不正确';
  else if (!Number.isNaN(start) && deadline > start) errors.signupDeadline = '报名截止时间不能晚于活动开始时间';

  if (!Number.isInteger(draft.capacity) || draft.capacity < 1 || draft.capacity > L.capacityMax) {
    errors.capacity = `招募人数要填 1 到 ${L.capacityMax} 之间的整数`;
  }
  const badAge = (age: number | null) => age !== null && (!Number.isInteger(age) || age < 0 || age > L.ageMax);
  if (badAge(draft.minAge)) errors.minAge = `最小年龄要填 0 到 ${L.ageMax} 之间的整数，或者不限`;
  if (badAge(draft.maxAge)) errors.maxAge = `最大年龄要填 0 到 ${L.ageMax} 之间的整数，或者不限`;
  else if (draft.minAge !== null && draft.maxAge !== null && !badAge(draft.minAge) && draft.maxAge < draft.minAge) {
    errors.maxAge = '最大年龄不能小于最小年龄';
  }
  if (!Number.isInteger(draft.pointsPerHour) || draft.pointsPerHour < 0 || draft.pointsPerHour > L.pointsPerHourMax) {
    errors.pointsPerHour = `每小时积分要填 0 到 ${L.pointsPerHourMax} 之间的整数`;
  }
  if (draft.photo !== null && !isSafeImageUrl(draft.photo)) errors.photo = '图片地址要以 http:// 或 https:// 或 / 开头';
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Sign-up

export type SignUpStatus = 'confirmed' | 'waitlisted' | 'cancelled' | 'refused';

export type SignUpRefusal = 'activity-cancelled' | 'already-started' | 'deadline-passed' | 'too-young' | 'too-old' | 'already-signed-up';

export interface SignUp {
  id: string;
  activityId: string;
  residentId: string;
  status: SignUpStatus;
  /**
   * Arrival order, given by the server when it receives the sign-up (an offline kiosk's sign-up
   * arrives when it syncs). The waitlist is served in this order.
   */
  arrival: number;
  /** Why it was refused, for 我的; null otherwise. */
  refusal: SignUpRefusal | null;
  createdAt: string;
  cancelledAt: string | null;
}

/** Refusal reasons as the resident reads them in 我的 (a sign-up is never dropped silently). */
export function signUpRefusalMessage(refusal: SignUpRefusal, activity: Pick<Activity, 'signupDeadline' | 'minAge' | 'maxAge'>): string {
  switch (refusal) {
    case 'activity-cancelled':
      return '这个活动已经取消了，没有报上名';
    case 'already-started':
      return '活动已经开始了，没有报上名';
    case 'deadline-passed':
      return `报名已经在 ${formatStationDateTime(activity.signupDeadline)} 截止了，没有报上名`;
    case 'too-young':
      return `这个活动要年满 ${activity.minAge ?? 0} 岁才能参加，没有报上名`;
    case 'too-old':
      return `这个活动只请 ${activity.maxAge ?? 0} 岁及以下的居民参加，没有报上名`;
    case 'already-signed-up':
      return '您已经报过名了，不用再报';
  }
}

export type SignUpDecision =
  | { status: 'confirmed' }
  | { status: 'waitlisted' }
  | { status: 'refused'; refusal: SignUpRefusal; message: string };

export interface SignUpCheckInput {
  /** Confirmed sign-ups of the activity now (counted in the same transaction as the insert). */
  confirmedCount: number;
  /** When the sign-up was made: for an offline kiosk, the time it was made there, not the sync time. */
  now: Date;
  resident: BirthInfo;
  /** The resident already has a confirmed or waitlisted sign-up for this activity. */
  alreadySignedUp?: boolean;
}

/**
 * Confirmed while places are left, waitlisted when full, or refused with a reason. Checked in the
 * order a person would want to hear: called off, already signed up, already started, deadline
 * passed, age. Both limits are inclusive and the deadline closes at its instant (as the meal cut-off).
 */
export function signUpDecision(activity: Activity, input: SignUpCheckInput): SignUpDecision {
  const refuse = (refusal: SignUpRefusal): SignUpDecision => ({ status: 'refused', refusal, message: signUpRefusalMessage(refusal, activity) });
  const t = input.now.getTime();
  if (activity.cancelled) return refuse('activity-cancelled');
  if (input.alreadySignedUp) return refuse('already-signed-up');
  if (t >= Date.parse(activity.startAt)) return refuse('already-started');
  if (t >= Date.parse(activity.signupDeadline)) return refuse('deadline-passed');
  const age = ageOn(input.resident, stationDateOf(activity.startAt));
  if (activity.minAge !== null && age < activity.minAge) return refuse('too-young');
  if (activity.maxAge !== null && age > activity.maxAge) return refuse('too-old');
  return input.confirmedCount < activity.capacity ? { status: 'confirmed' } : { status: 'waitlisted' };
}

function byArrival(a: Pick<SignUp, 'arrival' | 'id'>, b: Pick<SignUp, 'arrival' | 'id'>): number {
  return a.arrival - b.arrival || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The waitlisted sign-ups to confirm now, first come first served: as many as there are free
 * places (one after a cancellation, several when staff raise the capacity), in arrival order.
 */
export function promoteFromWaitlist<S extends Pick<SignUp, 'id' | 'status' | 'arrival'>>(signUps: readonly S[], capacity: number): S[] {
  const confirmed = signUps.filter((s) => s.status === 'confirmed').length;
  const free = Math.max(0, capacity - confirmed);
  return signUps
    .filter((s) => s.status === 'waitlisted')
    .sort(byArrival)
    .slice(0, free);
}

/** A waitlisted sign-up's place in the queue: 1 is next. Null when it is not waitlisted. */
export function waitlistPosition(signUps: readonly Pick<SignUp, 'id' | 'status' | 'arrival'>[], signUpId: string): number | null {
  const queue = signUps.filter((s) => s.status === 'waitlisted').sort(byArrival);
  const i = queue.findIndex((s) => s.id === signUpId);
  return i < 0 ? null : i + 1;
}

type TimeSpan = Pick<Activity, 'startAt' | 'endAt'>;

/** Two activities overlap when they share some time; one ending at 10:00 and one starting at 10:00 do not. */
export function overlaps(a: TimeSpan, b: TimeSpan): boolean {
  return Date.parse(a.startAt) < Date.parse(b.endAt) && Date.parse(b.startAt) < Date.parse(a.endAt);
}

/**
 * The resident's activities (pass only confirmed and waitlisted ones) that overlap the one they
 * are about to sign up for, earliest first — a warning, not a refusal.
 */
export function overlappingActivities<A extends TimeSpan & { id: string }>(mine: readonly A[], candidate: TimeSpan & { id: string }): A[] {
  return mine
    .filter((a) => a.id !== candidate.id && overlaps(a, candidate))
    .sort((a, b) => Date.parse(a.startAt) - Date.parse(b.startAt) || (a.id < b.id ? -1 : 1));
}

// ---------------------------------------------------------------------------------------------
// Service hours

/**
 * How minutes of service become credited hours, as data. Thresholds are tried in order: the
 * first whose upToMinutes (inclusive) covers the minutes gives its hours; beyond the last, the
 * minutes are rounded to a multiple of `otherwise.unitMinutes` with the stated mode ('half-up':
 * to the nearest unit, a half unit going up; 'down'; 'up').
 */
export interface RoundingRule {
  thresholds: { upToMinutes: number; hours: number }[];
  otherwise: { unitMinutes: number; mode: 'half-up' | 'down' | 'up' };
}

/** The example of PRODUCT.md: ≤ 15 min → 0 h, ≤ 45 min → 0.5 h, else to the nearest whole hour (half an hour up). */
export const DEFAULT_ROUNDING_RULE: RoundingRule = {
  thresholds: [
    { upToMinutes: 15, hours: 0 },
    { upToMinutes: 45, hours: 0.5 },
  ],
  otherwise: { unitMinutes: 60, mode: 'half-up' },
};

/**
 * Problems in a rounding rule (empty: fine). Thresholds must rise, credit whole minutes, and never
 * give fewer hours for more minutes — including at the step to `otherwise` — so staying longer
 * never earns less.
 */
export function validateRoundingRule(rule: RoundingRule): string[] {
  const problems: string[] = [];
  let prevUpTo = -1;
  let prevHours = 0;
  for (const t of rule.thresholds) {
    if (!Number.isInteger(t.upToMinutes) || t.upToMinutes <= prevUpTo) problems.push('分钟数要用整数，并且一档比一档大');
    if (!(t.hours >= 0) || !Number.isInteger(t.hours * 60) || t.hours < prevHours) problems.push('计入的小时数不能是负数，也不能比上一档少');
    prevUpTo = t.upToMinutes;
    prevHours = t.hours;
  }
  const { unitMinutes, mode } = rule.otherwise;
  if (!Number.isInteger(unitMinutes) || unitMinutes < 1 || unitMinutes > 24 * 60) problems.push('其余时长的取整单位要填 1 到 1440 之间的整数分钟');
  else if (mode !== 'half-up' && mode !== 'down' && mode !== 'up') problems.push('请选择取整方式：四舍五入、舍去或进位');
  else if (problems.length === 0 && rule.thresholds.length > 0 && hoursForMinutes(rule, prevUpTo + 1) < prevHours) {
    problems.push('超过最后一档后计入的小时数比最后一档还少，请调整取整方式');
  }
  return problems;
}

/** Credited hours for whole minutes of service, by the rule. */
export function hoursForMinutes(rule: RoundingRule, minutes: number): number {
  if (!Number.isInteger(minutes) || minutes < 0) throw new RangeError(`minutes must be a non-negative whole number: ${minutes}`);
  for (const t of rule.thresholds) if (minutes <= t.upToMinutes) return t.hours;
  const { unitMinutes, mode } = rule.otherwise;
  const whole = Math.floor(minutes / unitMinutes);
  const rest = minutes - whole * unitMinutes;
  const units = mode === 'down' ? whole : mode === 'up' ? whole + (rest > 0 ? 1 : 0) : whole + (2 * rest >= unitMinutes ? 1 : 0);
  // Minutes stay integers; dividing once at the end keeps 0.5, 1.5… exact.
  return (units * unitMinutes) / 60;
}

/**
 * Service between check-in and check-out: whole minutes (seconds dropped, so 15 min 59 s is 15
 * minutes) and the hours the rule credits. A check-out before the check-in is a data error.
 */
export function serviceHours(rule: RoundingRule, checkIn: Date | string, checkOut: Date | string): { minutes: number; hours: number } {
  const from = typeof checkIn === 'string' ? Date.parse(checkIn) : checkIn.getTime();
  const to = typeof checkOut === 'string' ? Date.parse(checkOut) : checkOut.getTime();
  if (Number.isNaN(from) || Number.isNaN(to)) throw new RangeError('check-in and check-out must be valid instants');
  if (to < from) throw new RangeError('check-out is before check-in');
  const minutes = Math.floor((to - from) / 60_000);
  return { minutes, hours: hoursForMinutes(rule, minutes) };
}

/**
 * Whole points for credited hours: hours × pointsPerHour rounded half up (0.5 h at 15 points an
 * hour → 8 points), computed in whole minutes so no floating-point error creeps in.
 */
export function pointsForHours(hours: number, pointsPerHour: number): number {
  if (!Number.isInteger(pointsPerHour) || pointsPerHour < 0) throw new RangeError(`pointsPerHour must be a non-negative whole number: ${pointsPerHour}`);
  const minutes = Math.round(hours * 60);
  if (minutes < 0 || Math.abs(minutes - hours * 60) > 1e-9) throw new RangeError(`hours must be a non-negative whole number of minutes: ${hours}`);
  return Math.floor((2 * minutes * pointsPerHour + 60) / 120);
}

// ---------------------------------------------------------------------------------------------
// Hour corrections

export type HoursCorrectionStatus = 'pending' | 'approved' | 'rejected';

/** A change of credited hours asked for by staff; it changes nothing until another person approves it. */
export interface HoursCorrection {
  id: string;
  signUpId: string;
  residentId: string;
  activityId: string;
  fromHours: number;
  toHours: number;
  reason: string;
  requestedBy: string;
  requestedAt: string;
  status: HoursCorrectionStatus;
  decidedBy: string | null;
  decidedAt: string | null;
}

/** Problems in a correction request, in plain Chinese (empty: fine). */
export function validateHoursCorrection(c: Pick<HoursCorrection, 'fromHours' | 'toHours' | 'reason'>): string[] {
  const problems: string[] = [];
  const okHours = (h: number) => h >= 0 && h <= VOLUNTEER_LIMITS.correctionHoursMax && Number.isInteger(h * 2);
  if (!okHours(c.toHours)) problems.push(`更正后的时长要在 0 到 ${VOLUNTEER_LIMITS.correctionHoursMax} 小时之间，以半小时为单位`);
  else if (c.toHours === c.fromHours) problems.push('更正后的时长和原来一样，不用更正');
  const reason = c.reason.trim();
  if (reason === '') problems.push('请写明更正的原因');
  else if (charCount(reason) > VOLUNTEER_LIMITS.correctionReasonMax) problems.push(`更正原因最多 ${VOLUNTEER_LIMITS.correctionReasonMax} 个字`);
  return problems;
}

export type CorrectionDecisionRefusal = 'not-pending' | 'own-request' | 'not-manager';

export const CORRECTION_DECISION_REFUSALS: Record<CorrectionDecisionRefusal, string> = {
  'not-pending': '这条更正已经处理过了',
  'own-request': '自己提出的更正要由另一位工作人员审核',
  'not-manager': '只有站长或志愿服务岗可以审核时长更正',
};

/**
 * May this staff member approve or reject the correction? Only a pending one, only a manager,
 * and never the person who asked for it (four eyes: hours become points).
 */
export function canDecideCorrection(
  c: Pick<HoursCorrection, 'status' | 'requestedBy'>,
  staff: { id: string; role: StaffRole },
): { ok: true } | { ok: false; refusal: CorrectionDecisionRefusal } {
  if (c.status !== 'pending') return { ok: false, refusal: 'not-pending' };
  if (staff.id === c.requestedBy) return { ok: false, refusal: 'own-request' };
  if (!hasPermission(staff.role, 'volunteer.approve-hours')) return { ok: false, refusal: 'not-manager' };
  return { ok: true };
}

/** Points an approved correction moves: positive is earned, negative is reversed. */
export function correctionPointsDelta(c: Pick<HoursCorrection, 'fromHours' | 'toHours'>, pointsPerHour: number): number {
  return pointsForHours(c.toHours, pointsPerHour) - pointsForHours(c.fromHours, pointsPerHour);
}

// ---------------------------------------------------------------------------------------------
// Certificate

/** "3.5 小时", "12 小时". */
export function formatServiceHours(hours: number): string {
  return `${Math.round(hours * 100) / 100} 小时`;
}

export interface CertificateInput {
  residentName: string;
  stationName: string;
  /** e.g. "2026年" or "2026年1月至6月". */
  period: string;
  activities: number;
  hours: number;
}

/** The body of the printable certificate of service hours (志愿服务时长证明). */
export function certificateText(input: CertificateInput): string {
  return `兹证明 ${input.residentName} 于${input.period}在${input.stationName}参加志愿服务活动 ${input.activities} 次，累计服务时长 ${formatServiceHours(input.hours)}。特此证明。`;
}
