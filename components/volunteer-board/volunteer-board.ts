import { html, nothing, type TemplateResult } from 'lit';
import { isSafeImageUrl } from '../../domain/notice.ts';
import type { PublicActivity } from '../../domain/volunteer-records.ts';
import { AccountWidget } from '../core/account-widget.ts';
import type { PointsCapable } from '../core/active-source.ts';
import { withVolunteer } from '../core/http-volunteer.ts';
import { fill, formatDay, formatDayTime, formatNumber, formatTime, type Locale } from '../core/i18n.ts';
import type { ResidentFlowHost } from '../core/resident-flow.ts';
import type { VolunteerSource } from '../core/volunteer-source.ts';
import { boardStrings, type BoardStrings } from './strings.ts';
import { volunteerBoardStyles } from './volunteer-board.styles.ts';

type Flow = InstanceType<(typeof import('./signup-flow.ts'))['SignUpFlow']>;

export interface VolunteerSignedUpDetail {
  signUpId: string;
  activityId: string;
  /** Confirmed, or on the waiting list. */
  status: 'confirmed' | 'waitlisted';
}
export interface VolunteerCancelledDetail {
  signUpId: string;
}

/** What the lazily loaded sign-up flow needs from the board. */
export interface VolunteerBoardHost extends ResidentFlowHost {
  readonly volunteer: VolunteerSource | undefined;
  activity(id: string): PublicActivity | null;
}

/** "11月28日星期六 09:00–11:00" for an activity, in station time. */
export function activityWhen(t: { when: string }, a: Pick<PublicActivity, 'startAt' | 'endAt'>, locale: Locale): string {
  // The station date of the start: the instant plus 8 hours, read as UTC (China has no daylight saving).
  const day = new Date(Date.parse(a.startAt) + 8 * 3_600_000).toISOString().slice(0, 10);
  return fill(t.when, { day: formatDay(day, locale), from: formatTime(a.startAt, locale), to: formatTime(a.endAt, locale) });
}

/**
 * The station's volunteer activities (志愿服务) on a website: what is coming up, when and where,
 * places left or the waiting list, the sign-up deadline, age limits and requirements, points per
 * hour. A resident signs in with phone + PIN to sign up (warned when it overlaps one of their
 * activities; placed on the waiting list when full), sees their activities with the outcome and
 * cancels before the start. The sign-in and sign-up flow and the zh-TW/en tables load on first use.
 *
 * The sign-in token is kept in memory only and dropped on 退出登录, when the element leaves the
 * page and after 30 minutes. Names are shown masked (张*华), phones masked (138****8000).
 *
 * @summary Volunteer activities (志愿服务) widget: sign up, waiting list, cancel.
 * @tagname linli-volunteer-board
 * @csspart account - The sign-in bar, or the signed-in resident's activities.
 * @csspart list - The list of activities.
 * @csspart activity - One activity.
 * @csspart photo - An activity's photo.
 * @csspart badge - The 报名已截止 badge.
 * @csspart button - Every button (the sign-up buttons also have the part `sign-up`).
 * @csspart panel - The sign-in, confirm and done panels.
 * @csspart input - The phone and PIN inputs.
 * @fires {CustomEvent<VolunteerSignedUpDetail>} linli-volunteer-signed-up - The station confirmed or waitlisted a sign-up.
 * @fires {CustomEvent<VolunteerCancelledDetail>} linli-volunteer-cancelled - A sign-up was cancelled.
 * @fires {CustomEvent<void>} linli-signed-in - A resident signed in (no personal data in the event).
 * @fires {CustomEvent<void>} linli-signed-out - The resident signed out, or the session ended.
 */
export class LinliVolunteerBoard extends AccountWidget<PublicActivity[], Flow, BoardStrings> implements VolunteerBoardHost {
  static override styles = volunteerBoardStyles;

  constructor() {
    super(withVolunteer);
  }

  get volunteer(): VolunteerSource | undefined {
    return this.active.value?.volunteer;
  }

  activity(id: string): PublicActivity | null {
    return this._data?.find((a) => a.id === id) ?? null;
  }

  protected get strings(): BoardStrings | null {
    return boardStrings(this.locale, () => this.requestUpdate());
  }

  protected read(source: PointsCapable): Promise<PublicActivity[]> | null {
    return source.volunteer?.activities() ?? null;
  }

  protected loadFlow(): Promise<Flow> {
    return import('./signup-flow.ts').then((m) => new m.SignUpFlow(this));
  }

  protected renderData(t: BoardStrings, activities: PublicActivity[]): TemplateResult {
    const heading = html`<h2 class="title">${t.title}</h2>`;
    if (activities.length === 0) return html`${heading}<p class="message" role="status">${t.empty}</p>`;
    const locale = this.locale;
    return html`${heading}
      <ul class="activities" part="list" @click=${this.onListClick}>
        ${activities.map((a) => {
          const photo = a.photo && isSafeImageUrl(a.photo) ? a.photo : null;
          const full = a.placesLeft <= 0;
          const ages =
            a.minAge !== null && a.maxAge !== null
              ? fill(t.ageBetween, { min: a.minAge, max: a.maxAge })
              : a.minAge !== null
                ? fill(t.ageFrom, { min: a.minAge })
                : a.maxAge !== null
                  ? fill(t.ageTo, { max: a.maxAge })
                  : '';
          return html`<li class="activity" part="activity">
            ${photo ? html`<img part="photo" src=${photo} alt="" loading="lazy" decoding="async" />` : nothing}
            <h3>${a.title}</h3>
            <p class="when">${activityWhen(t, a, locale)}</p>
            <p>${t.placeLabel}：${a.place}</p>
            ${a.description ? html`<p class="muted">${a.description}</p>` : nothing}
            ${a.requirements || ages ? html`<p>${t.requirementsLabel}：${[ages, a.requirements].filter(Boolean).join('；')}</p>` : nothing}
            ${a.pointsPerHour > 0 ? html`<p>${fill(t.pointsPerHour, { points: formatNumber(a.pointsPerHour, locale) })}</p>` : nothing}
            ${a.open
              ? html`<p class="places">${full ? fill(t.full, { count: formatNumber(a.waitlistLength, locale) }) : fill(t.placesLeft, { count: formatNumber(a.placesLeft, locale) })}</p>
                  <p class="muted">${fill(t.deadline, { time: formatDayTime(a.signupDeadline, locale) })}</p>`
              : html`<p><span class="badge" part="badge">${t.closed}</span></p>`}
            <button part="button sign-up" type="button" class="sign-up" data-key=${a.id} ?disabled=${!a.open}>
              ${!a.open ? t.closed : full ? t.waitlist : t.signUp}<span class="visually-hidden">${a.title}</span>
            </button>
          </li>`;
        })}
      </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'linli-volunteer-board': LinliVolunteerBoard;
  }
  interface GlobalEventHandlersEventMap {
    'linli-volunteer-signed-up': CustomEvent<VolunteerSignedUpDetail>;
    'linli-volunteer-cancelled': CustomEvent<VolunteerCancelledDetail>;
  }
}
