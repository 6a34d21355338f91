/**
 * 志愿服务 for residents: the upcoming activities (title, place, time in station time, places left
 * or 候补, deadline, age limits, requirements, points per hour) and, for the signed-in resident,
 * 报名 (a confirm sheet, which warns when the time overlaps another of their activities), 取消报名,
 * and 签到 / 签退 at the venue kiosk on the day. Refusals (deadline, age, already started) are the
 * domain's plain sentences; online the server decides at once (报上名了, or 候补第 N 位); offline the
 * screen says 登记成功，联网后确认 and 我的 shows the outcome later. Without a session, 报名 leads
 * to sign-in. Every state has a spoken form; it never holds the resident's name or phone.
 *
 * @summary Volunteer activities and sign-up at the kiosk.
 */
import { css, html, LitElement, nothing } from 'lit';
import { fill, type Locale } from '../../components/core/i18n.ts';
import { LocaleController } from '../../components/core/locale-controller.ts';
import { token } from '../../components/core/theme.ts';
import { formatStationDateTime } from '../../domain/station-time.ts';
import type { Activity } from '../../domain/volunteer.ts';
import type { KioskServices } from '../kiosk-services.ts';
import { navigate } from '../navigation.ts';
import { residentActor } from '../residents/resident-sign-in.ts';
import type { ResidentSession } from '../session/resident-session.ts';
import { kioskStyles } from '../ui/kiosk-styles.ts';
import { ReplicaWatch } from '../ui/replica-watch.ts';
import { announce, joinSpoken, type SpokenScreen } from '../ui/spoken-screen.ts';
import { activityWhen, ageWords } from './activity-words.ts';
import { volunteerStrings, type VolunteerStrings } from './strings.ts';
import { cancelSignUp, precheckSignUp, queueAttendance, signUpForActivity, type SignUpResult } from './volunteer-actions.ts';
import {
  canCancel,
  isLive,
  loadVolunteer,
  mySignUp,
  overlapsFor,
  placesLeft,
  residentAttendance,
  signUpOpen,
  upcomingActivities,
  waitlistLength,
  waitlistPlace,
  type LocalSignUp,
  type VolunteerData,
} from './volunteer-data.ts';
import { signUpState, signUpStatusWords } from './sign-up-status.ts';

export type VolunteerStep = 'list' | 'working' | 'confirmed' | 'waitlisted' | 'provisional' | 'refused';
type Sheet = 'none' | 'sign-up' | 'cancel';

export class LinliVolunteerScreen extends LitElement implements SpokenScreen {
  static override styles = [
    kioskStyles,
    css`
      ul.activities {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 32px;
      }
      ul.activities > li {
        border: 3px solid ${token('--linli-color-border')};
        border-radius: ${token('--linli-radius')};
        padding: 16px 24px;
      }
      ul.activities p {
        margin-block: 0 8px;
      }
      .name {
        font-size: 1.25em;
        margin-block-end: 8px;
      }
      .mark {
        display: inline-block;
        font-weight: 700;
        border: 3px solid currentColor;
        border-radius: 0.25em;
        padding-inline: 0.375em;
      }
      .sentence {
        font-size: 1.25em;
        font-weight: 700;
      }
    `,
  ];

  static override properties = {
    services: { attribute: false },
    session: { attribute: false },
    data: { attribute: false },
    step: { type: String },
    sheet: { attribute: false },
    chosen: { attribute: false },
    overlap: { attribute: false },
    message: { attribute: false },
    result: { attribute: false },
  };

  declare services: KioskServices | null;
  declare session: ResidentSession | null;
  declare data: VolunteerData | null;
  declare step: VolunteerStep;
  declare sheet: Sheet;
  /** The activity of the open sheet or of the outcome shown. */
  declare chosen: Activity | null;
  /** The resident's other activities at the same time as `chosen` (the sheet warns). */
  declare overlap: Activity[];
  declare message: string;
  declare result: SignUpResult | null;
  readonly #locale = new LocaleController(this);
  #busy = false;

  constructor() {
    super();
    this.services = null;
    this.session = null;
    this.data = null;
    this.step = 'list';
    this.sheet = 'none';
    this.chosen = null;
    this.overlap = [];
    this.message = '';
    this.result = null;
    new ReplicaWatch(this, () => void this.load());
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('session')) void this.load();
  }

  get #t(): VolunteerStrings['board'] {
    return volunteerStrings[this.#locale.value].board;
  }

  async load(): Promise<void> {
    const s = this.services;
    if (!s) return;
    const residentId = this.session?.residentId ?? null;
    const data = await loadVolunteer(s.db);
    if ((this.session?.residentId ?? null) === residentId) this.data = data;
  }

  /** The activities shown: still to come, earliest first. */
  get activities(): Activity[] {
    const s = this.services;
    if (!s || !this.data) return [];
    return upcomingActivities(this.data, s.now(), this.session?.residentId ?? null);
  }

  #mine(activity: Activity): LocalSignUp | null {
    return this.session && this.data ? mySignUp(this.data, this.session.residentId, activity.id) : null;
  }

  #say(message: string): void {
    this.message = message;
    announce(this, message);
  }

  async #askSignUp(activity: Activity): Promise<void> {
    const s = this.services;
    const session = this.session;
    if (!s) return;
    if (!session) {
      navigate(this, { screen: 'resident-sign-in' });
      return;
    }
    if (this.#busy) return;
    this.#busy = true;
    try {
      this.chosen = activity;
      this.message = '';
      const refusal = await precheckSignUp(s.db, session.residentId, activity, s.now());
      if (refusal) {
        this.step = 'refused';
        this.#say(refusal);
        return;
      }
      this.overlap = this.data ? overlapsFor(this.data, session.residentId, activity) : [];
      this.sheet = 'sign-up';
    } finally {
      this.#busy = false;
    }
  }

  async #confirmSignUp(): Promise<void> {
    const s = this.services;
    const session = this.session;
    const activity = this.chosen;
    if (!s || !session || !activity || this.#busy) return;
    this.#busy = true;
    this.sheet = 'none';
    this.step = 'working';
    try {
      const result = await signUpForActivity(s, session, activity);
      this.result = result;
      this.step = result.kind;
      const t = this.#t;
      if (result.kind === 'refused') this.#say(result.message);
      else announce(this, result.kind === 'confirmed' ? t.confirmedHeading : result.kind === 'waitlisted' ? fill(t.waitlisted, { n: result.place }) : t.provisional);
      await this.load();
    } finally {
      this.#busy = false;
    }
  }

  async #confirmCancel(): Promise<void> {
    const s = this.services;
    const session = this.session;
    const activity = this.chosen;
    const signUp = activity ? this.#mine(activity) : null;
    this.sheet = 'none';
    if (!s || !session || !signUp || this.#busy) return;
    this.#busy = true;
    try {
      const queued = await cancelSignUp(s, session, signUp, this.#t.cancelReason);
      this.#say(queued ? this.#t.cancelDone : this.#t.alreadyQueued);
      await this.load();
    } finally {
      this.#busy = false;
    }
  }

  async #attend(activity: Activity, type: 'volunteer.check-in' | 'volunteer.check-out'): Promise<void> {
    const s = this.services;
    const session = this.session;
    const signUp = this.#mine(activity);
    if (!s || !session || !signUp || this.#busy) return;
    this.#busy = true;
    try {
      const queued = await queueAttendance(s, residentActor(session), type, [signUp.id]);
      this.#say(queued === 0 ? this.#t.alreadyQueued : type === 'volunteer.check-in' ? this.#t.checkedIn : this.#t.checkedOut);
      await this.load();
    } finally {
      this.#busy = false;
    }
  }

  #askCancel(activity: Activity): void {
    this.chosen = activity;
    this.sheet = 'cancel';
  }

  #backToList(): void {
    this.step = 'list';
    this.result = null;
    this.chosen = null;
    this.message = '';
  }

  // ── Words ──────────────────────────────────────────────────────────────────

  #facts(activity: Activity, locale: Locale): string[] {
    const t = this.#t;
    const signUps = this.data?.signUps ?? [];
    const left = placesLeft(activity, signUps);
    const open = signUpOpen(activity, this.services?.now() ?? new Date());
    return [
      fill(t.when, { when: activityWhen(activity, locale) }),
      fill(t.place, { place: activity.place }),
      left > 0 ? fill(t.placesLeft, { n: left }) : fill(t.full, { n: waitlistLength(activity, signUps) }),
      open ? fill(t.deadline, { when: formatStationDateTime(activity.signupDeadline) }) : t.closed,
      ageWords(activity, t),
      activity.requirements.trim() ? fill(t.requirements, { text: activity.requirements.trim() }) : null,
      fill(t.pointsPerHour, { n: activity.pointsPerHour }),
    ].filter((x): x is string => x !== null);
  }

  #status(activity: Activity, signUp: LocalSignUp | null): string | null {
    if (!signUp || !this.data) return null;
    return signUpStatusWords(signUp, waitlistPlace(this.data.signUps, signUp), volunteerStrings[this.#locale.value], activity);
  }

  #sheetText(): { heading: string; message: string; confirm: string; cancel: string } | null {
    const t = this.#t;
    const a = this.chosen;
    if (!a || this.sheet === 'none') return null;
    if (this.sheet === 'cancel') return { heading: t.cancelHeading, message: fill(t.cancelMessage, { title: a.title }), confirm: t.cancelConfirm, cancel: t.cancelKeep };
    if (this.overlap.length > 0) {
      return { heading: t.overlapHeading, message: fill(t.overlapMessage, { others: this.overlap.map((o) => `“${o.title}”`).join('、'), title: a.title }), confirm: t.overlapConfirm, cancel: t.notNow };
    }
    return { heading: t.confirmHeading, message: fill(t.confirmMessage, { title: a.title, when: activityWhen(a, this.#locale.value), place: a.place }), confirm: t.confirm, cancel: t.notNow };
  }

  #outcomeText(): string {
    const t = this.#t;
    const r = this.result;
    const a = this.chosen;
    if (this.step === 'refused') return this.message;
    if (!r || !a) return '';
    if (r.kind === 'confirmed') return fill(t.confirmed, { title: a.title, when: activityWhen(a, this.#locale.value), place: a.place });
    if (r.kind === 'waitlisted') return fill(t.waitlisted, { n: r.place });
    return t.provisional;
  }

  /** The list (each activity's facts and the resident's own status), the open sheet, or the outcome. */
  spokenText(): string {
    const locale = this.#locale.value;
    const t = this.#t;
    const sheet = this.#sheetText();
    if (sheet) return joinSpoken([sheet.heading, sheet.message, sheet.confirm, sheet.cancel], locale);
    switch (this.step) {
      case 'list': {
        const list = this.activities;
        return joinSpoken(
          [
            t.heading,
            t.intro,
            this.session ? null : t.signInFirst,
            this.message,
            ...(list.length === 0 ? [t.empty] : list.flatMap((a) => [a.title, ...this.#facts(a, locale), this.#status(a, this.#mine(a))])),
          ],
          locale,
        );
      }
      case 'working':
        return joinSpoken([t.working], locale);
      default:
        return joinSpoken([this.#heading(), this.#outcomeText()], locale);
    }
  }

  #heading(): string {
    const t = this.#t;
    return { list: t.heading, working: t.heading, confirmed: t.confirmedHeading, waitlisted: t.waitlistedHeading, provisional: t.provisionalHeading, refused: t.refusedHeading }[this.step];
  }

  // ── Render ─────────────────────────────────────────────────────────────────

  #renderActivity(a: Activity, now: Date): unknown {
    const t = this.#t;
    const locale = this.#locale.value;
    const signUps = this.data?.signUps ?? [];
    const mine = this.#mine(a);
    const live = mine !== null && isLive(mine);
    const left = placesLeft(a, signUps);
    const open = signUpOpen(a, now);
    const attend = residentAttendance(a, mine, now);
    const status = this.#status(a, mine);
    const age = ageWords(a, t);
    const buttons = [
      !live && open ? html`<button type="button" class="primary sign-up" @click=${() => void this.#askSignUp(a)}>${left > 0 ? t.signUp : t.joinWaitlist}</button>` : null,
      attend.checkIn ? html`<button type="button" class="primary check-in" @click=${() => void this.#attend(a, 'volunteer.check-in')}>${t.checkIn}</button>` : null,
      attend.checkOut ? html`<button type="button" class="primary check-out" @click=${() => void this.#attend(a, 'volunteer.check-out')}>${t.checkOut}</button>` : null,
      canCancel(a, mine, now) ? html`<button type="button" class="cancel" @click=${() => this.#askCancel(a)}>${t.cancel}</button>` : null,
    ].filter((b) => b !== null);
    return html`<li data-activity=${a.id} data-state=${a.cancelled ? 'cancelled' : !open ? 'closed' : left > 0 ? 'open' : 'full'}>
      <h2 class="name">${a.title}</h2>
      <p class="when">${fill(t.when, { when: activityWhen(a, locale) })}</p>
      <p class="place">${fill(t.place, { place: a.place })}</p>
      ${a.description.trim() ? html`<p class="description">${a.description}</p>` : nothing}
      <p class="places">${left > 0 ? fill(t.placesLeft, { n: left }) : html`<span class="mark full">${fill(t.full, { n: waitlistLength(a, signUps) })}</span>`}</p>
      <p class="deadline">${open ? fill(t.deadline, { when: formatStationDateTime(a.signupDeadline) }) : html`<span class="mark closed">${t.closed}</span>`}</p>
      ${age ? html`<p class="age">${age}</p>` : nothing}
      ${a.requirements.trim() ? html`<p class="requirements">${fill(t.requirements, { text: a.requirements.trim() })}</p>` : nothing}
      <p class="points">${fill(t.pointsPerHour, { n: a.pointsPerHour })}</p>
      ${status ? html`<p><span class="mark my-status" data-status=${signUpState(mine!, a)}>${status}</span></p>` : nothing}
      ${buttons.length > 0 ? html`<div class="actions">${buttons}</div>` : nothing}
    </li>`;
  }

  #renderStep(): unknown {
    const t = this.#t;
    const now = this.services?.now() ?? new Date();
    switch (this.step) {
      case 'list': {
        const list = this.activities;
        return html`<h1>${t.heading}</h1>
          <p class="intro">${t.intro}</p>
          ${this.session ? nothing : html`<p class="sign-in-first">${t.signInFirst}</p>`}
          <p class="message" role="status">${this.message}</p>
          ${list.length === 0 ? html`<p class="empty">${t.empty}</p>` : html`<ul class="activities">${list.map((a) => this.#renderActivity(a, now))}</ul>`}`;
      }
      case 'working':
        return html`<h1>${t.heading}</h1><p class="sentence" role="status">${t.working}</p>`;
      default: {
        const refused = this.step === 'refused';
        return html`<h1>${this.#heading()}</h1>
          <p class="sentence outcome ${refused ? 'error' : ''}" role=${refused ? 'alert' : 'status'}>${this.#outcomeText()}</p>
          <div class="actions">
            ${this.step === 'provisional' || this.step === 'waitlisted'
              ? html`<button type="button" class="primary to-mine" @click=${() => navigate(this, { screen: 'mine', replace: true })}>${t.toMine}</button>`
              : nothing}
            <button type="button" class="${refused ? 'primary ' : ''}back-to-list" @click=${() => this.#backToList()}>${t.backToList}</button>
            <button type="button" class="done" @click=${() => navigate(this, { screen: 'home' })}>${t.done}</button>
          </div>`;
      }
    }
  }

  protected override render(): unknown {
    const sheet = this.#sheetText();
    return html`<div ?inert=${sheet !== null}>${this.#renderStep()}</div>
      ${sheet
        ? html`<linli-confirm-sheet
            class=${this.sheet === 'cancel' ? 'cancel-sheet' : this.overlap.length > 0 ? 'overlap-sheet' : 'sign-up-sheet'}
            heading=${sheet.heading}
            message=${sheet.message}
            confirm-label=${sheet.confirm}
            cancel-label=${sheet.cancel}
            @linli-confirm=${() => void (this.sheet === 'cancel' ? this.#confirmCancel() : this.#confirmSignUp())}
            @linli-cancel=${() => (this.sheet = 'none')}
          ></linli-confirm-sheet>`
        : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'linli-volunteer-screen': LinliVolunteerScreen;
  }
}
