/**
 * An activity in words, shared by the volunteer screens, 我的 and the spoken forms: when (station
 * time, through Intl), places left or 候补, the deadline, the age limits and the points per hour.
 */
import { fill, formatDateTime, type Locale } from '../../components/core/i18n.ts';
import { stationDateOf, stationWallTimeOf } from '../../domain/station-time.ts';
import type { Activity } from '../../domain/volunteer.ts';
import type { VolunteerStrings } from './strings.ts';

/** "2026年11月24日 09:00–11:00" (the end's date too when it is another day). */
export function activityWhen(activity: Pick<Activity, 'startAt' | 'endAt'>, locale: Locale): string {
  const sameDay = stationDateOf(activity.startAt) === stationDateOf(activity.endAt);
  return `${formatDateTime(activity.startAt, locale)}–${sameDay ? stationWallTimeOf(activity.endAt) : formatDateTime(activity.endAt, locale)}`;
}

/** The age limits in words, or null without limits. */
export function ageWords(activity: Pick<Activity, 'minAge' | 'maxAge'>, t: VolunteerStrings['board']): string | null {
  const { minAge: min, maxAge: max } = activity;
  if (min !== null && max !== null) return fill(t.age.range, { min, max });
  if (min !== null) return fill(t.age.min, { min });
  if (max !== null) return fill(t.age.max, { max });
  return null;
}

/** Hours as a person says them: 2, 0.5, 1.5. */
export function hoursText(hours: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(hours);
}
