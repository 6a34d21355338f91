/**
 * 我的志愿服务, a section of 我的: every sign-up of the signed-in resident, newest first, with its
 * outcome in words — 已报上名, 候补第 N 位, 登记成功，联网后确认 (made offline, not decided yet),
 * 没有报上名 with the server's reason, 已取消 (with why), 活动已取消 — and the hours and points of
 * each checked-out activity, with the totals. Nothing is ever dropped silently: a sign-up the
 * server refused stays here with its reason. Reads only the session's resident.
 *
 * @summary The resident's volunteer sign-ups in 我的.
 */
import { css, html, LitElement, nothing } from 'lit';
import { fill } from '../../components/core/i18n.ts';
import { LocaleController } from '../../components/core/locale-controller.ts';
import { token } from '../../components/core/theme.ts';
import type { Activity } from '../../domain/volunteer.ts';
import type { KioskServices } from '../kiosk-services.ts';
import type { ResidentSession } from '../session/resident-session.ts';
import { kioskStyles } from '../ui/kiosk-styles.ts';
import { ReplicaWatch } from '../ui/replica-watch.ts';
import { joinSpoken, type SpokenScreen } from '../ui/spoken-screen.ts';
import { activityWhen, hoursText } from './activity-words.ts';
import { signUpState, signUpStatusWords } from './sign-up-status.ts';
import { volunteerStrings } from './strings.ts';
import { loadVolunteer, waitlistPlace, type LocalSignUp } from './volunteer-data.ts';

interface Row {
  signUp: LocalSignUp;
  activity: Activity | null;
  place: number | null;
}

export class LinliMineVolunteer extends LitElement implements SpokenScreen {
  static override styles = [
    kioskStyles,
    css`
      :host {
        margin-block: 32px;
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 16px;
      }
      li {
        border: 3px solid ${token('--linli-color-border')};
        border-radius: ${token('--linli-radius')};
        padding: 16px;
        display: flex;
        flex-wrap: wrap;
        gap: 8px 24px;
      }
      .what,
      .status,
      .totals {
        font-weight: 700;
      }
      .what {
        flex: 1 1 10em;
      }
      .reason,
      .hours {
        flex-basis: 100%;
      }
    `,
  ];

  static override properties = {
    services: { attribute: false },
    session: { attribute: false },
    rows: { attribute: false },
  };

  declare services: Pick<KioskServices, 'db' | 'now'> | null;
  declare session: ResidentSession | null;
  declare rows: Row[];
  readonly #locale = new LocaleController(this);

  constructor() {
    super();
    this.services = null;
    this.session = null;
    this.rows = [];
    new ReplicaWatch(this, () => void this.reload());
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('session')) void this.reload();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.rows = [];
  }

  async reload(): Promise<void> {
    const s = this.services;
    const session = this.session;
    if (!s || !session) {
      this.rows = [];
      return;
    }
    const data = await loadVolunteer(s.db);
    if (this.session?.residentId !== session.residentId) return;
    const activities = new Map(data.activities.map((a) => [a.id, a]));
    this.rows = data.signUps
      .filter((x) => x.residentId === session.residentId)
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
      .map((signUp) => ({ signUp, activity: activities.get(signUp.activityId) ?? null, place: waitlistPlace(data.signUps, signUp) }));
  }

  #words(row: Row): { what: string; when: string; status: string; reason: string; hours: string } {
    const locale = this.#locale.value;
    const t = volunteerStrings[locale];
    const s = row.signUp;
    const showReason = (s.status === 'refused' || s.status === 'cancelled') && s.reason;
    return {
      what: row.activity?.title ?? '',
      when: row.activity ? activityWhen(row.activity, locale) : '',
      status: signUpStatusWords(s, row.place, t, row.activity),
      reason: showReason ? fill(t.mine.reason, { reason: s.reason! }) : '',
      hours: s.checkOutAt && s.hours !== null ? fill(t.mine.hoursPoints, { hours: hoursText(s.hours, locale), points: s.points }) : '',
    };
  }

  #totals(): string {
    const done = this.rows.filter((r) => r.signUp.hours !== null && r.signUp.checkOutAt);
    if (done.length === 0) return '';
    const hours = done.reduce((sum, r) => sum + (r.signUp.hours ?? 0), 0);
    const points = done.reduce((sum, r) => sum + r.signUp.points, 0);
    return fill(volunteerStrings[this.#locale.value].mine.totals, { hours: hoursText(hours, this.#locale.value), points });
  }

  /** Heading, totals, then each sign-up: activity, time, outcome, reason, hours and points. */
  spokenText(): string {
    const locale = this.#locale.value;
    const t = volunteerStrings[locale].mine;
    const rows = this.rows.map((r) => {
      const w = this.#words(r);
      return [w.what, w.when, w.status, w.reason, w.hours].filter(Boolean).join(locale === 'en' ? ', ' : '，');
    });
    return joinSpoken([t.heading, this.#totals(), ...(rows.length === 0 ? [t.empty] : rows)], locale);
  }

  protected override render(): unknown {
    const t = volunteerStrings[this.#locale.value].mine;
    if (!this.session) return nothing;
    const totals = this.#totals();
    return html`<h2>${t.heading}</h2>
      ${totals ? html`<p class="totals">${totals}</p>` : nothing}
      ${this.rows.length === 0
        ? html`<p class="empty">${t.empty}</p>`
        : html`<ol class="volunteer">
            ${this.rows.map((r) => {
              const w = this.#words(r);
              return html`<li data-sign-up=${r.signUp.id} data-status=${signUpState(r.signUp, r.activity)}>
                <span class="what">${w.what}</span>
                <span class="when">${w.when}</span>
                <span class="status">${w.status}</span>
                ${w.reason ? html`<span class="reason">${w.reason}</span>` : nothing}
                ${w.hours ? html`<span class="hours">${w.hours}</span>` : nothing}
              </li>`;
            })}
          </ol>`}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'linli-mine-volunteer': LinliMineVolunteer;
  }
}
