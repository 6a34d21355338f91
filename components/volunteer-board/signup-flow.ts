/**
 * The sign-up flow of the volunteer board, loaded on the first 报名 or 登录 so the list stays
 * small: (sign in →) the activity with a warning when it overlaps one of the resident's own,
 * and whether it goes on the waiting list → confirm → signed up or waitlisted; the resident's
 * activities with the outcome (候补第 N 位, 没有报上 and why, hours served) and 取消报名 before
 * the start. Signing in and the session are the shared ResidentFlow's.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ResidentVolunteer } from '../../domain/volunteer-records.ts';
import { overlappingActivities, type Activity } from '../../domain/volunteer.ts';
import { fill, formatNumber } from '../core/i18n.ts';
import { ResidentFlow, RETRY_SAME_ID } from '../core/resident-flow.ts';
import { toVolunteerError, type VolunteerError } from '../core/volunteer-source.ts';
import { flowStrings, type FlowStrings } from './flow-strings.ts';
import { signUpFlowStyles } from './signup-flow.styles.ts';
import { boardStrings } from './strings.ts';
import { activityWhen, type VolunteerBoardHost, type VolunteerCancelledDetail, type VolunteerSignedUpDetail } from './volunteer-board.ts';

export class SignUpFlow extends ResidentFlow<FlowStrings, VolunteerError> {
  declare protected readonly host: VolunteerBoardHost;
  private mine: ResidentVolunteer | null = null;
  private activityId: string | null = null;
  /** The id of the sign-up being decided; kept across retries so none applies twice. */
  private signUpId: string | null = null;
  private outcome: 'confirmed' | 'waitlisted' | null = null;

  constructor(host: VolunteerBoardHost) {
    super(host, signUpFlowStyles);
  }

  protected get t(): FlowStrings | null {
    return flowStrings(this.host.locale, () => this.host.requestUpdate());
  }

  protected toError(err: unknown): VolunteerError {
    return toVolunteerError(err);
  }

  protected signInWith(phone: string, pin: string): ReturnType<ResidentFlow<FlowStrings>['signInWith']> {
    return this.host.volunteer?.signIn(phone, pin) ?? null;
  }

  protected async signedIn(): Promise<void> {
    const mine = this.refreshMine();
    if (this.activityId) this.confirmStep();
    else {
      await mine;
      this.close();
    }
  }

  protected forget(): void {
    this.mine = null;
    this.signUpId = null;
    this.outcome = null;
  }

  /** Begin: sign in if needed, then confirm the sign-up for `activityId`, or just sign in when null. */
  start(activityId: string | null): void {
    this.activityId = activityId;
    if (this.session && !activityId) return this.close();
    this.open('confirm');
    if (this.session) this.confirmStep();
  }

  private confirmStep(): void {
    this.step = 'confirm';
    this.signUpId = crypto.randomUUID();
    this.update('.flow h3');
  }

  private async refreshMine(): Promise<void> {
    const session = this.session;
    const volunteer = this.host.volunteer;
    if (!session || !volunteer) return;
    try {
      const mine = await volunteer.mine(session);
      if (session !== this.session) return;
      this.mine = mine;
    } catch (err) {
      this.fail(err, false);
    }
    this.update();
  }

  /** The resident's live activities (confirmed or waitlisted) that overlap `activity`. */
  private overlapping(activity: Pick<Activity, 'id' | 'startAt' | 'endAt'>): Activity[] {
    const live = this.mine?.signUps.filter((s) => s.status === 'confirmed' || s.status === 'waitlisted').map((s) => s.activity) ?? [];
    return overlappingActivities(live, activity);
  }

  private async confirm(): Promise<void> {
    const volunteer = this.host.volunteer;
    const session = this.session;
    const activityId = this.activityId;
    if (this.busy || !volunteer || !session || !activityId) return;
    this.signUpId ??= crypto.randomUUID();
    const request = { signUpId: this.signUpId, activityId };
    this.busy = 'signing-up';
    this.error = null;
    this.update();
    try {
      const { signUp } = await volunteer.signUp(session, request);
      this.busy = null;
      this.signUpId = null;
      this.outcome = signUp.status === 'waitlisted' ? 'waitlisted' : 'confirmed';
      this.step = 'done';
      this.emit<VolunteerSignedUpDetail>('linli-volunteer-signed-up', { signUpId: signUp.id, activityId, status: this.outcome });
      this.update('.flow h3');
      void this.host.reload();
      void this.refreshMine();
    } catch (err) {
      this.busy = null;
      const e = toVolunteerError(err);
      // A refusal decided this sign-up: trying again is a new decision with a new id.
      if (!RETRY_SAME_ID.has(e.kind) || e.status === 409) this.signUpId = crypto.randomUUID();
      this.fail(e);
      if (!RETRY_SAME_ID.has(e.kind)) void this.host.reload();
    }
  }

  private async cancel(id: string, title: string): Promise<void> {
    const volunteer = this.host.volunteer;
    const session = this.session;
    const t = this.t;
    if (this.busy || !volunteer || !session || !t) return;
    this.busy = 'cancelling';
    this.barError = null;
    this.notice = null;
    this.update();
    try {
      await volunteer.cancel(session, id);
      this.busy = null;
      this.notice = fill(t.cancelled, { title });
      this.emit<VolunteerCancelledDetail>('linli-volunteer-cancelled', { signUpId: id });
      void this.host.reload();
      // The waiting list may have moved: read the outcomes again rather than guess.
      await this.refreshMine();
      this.update('[part~="account"] .notice');
    } catch (err) {
      this.busy = null;
      this.fail(err);
    }
  }

  // ── Rendering ──────────────────────────────────────────────────────────────

  /** The account bar above the list: who is signed in (masked), their activities with outcomes and 取消报名. */
  renderBar(signIn: TemplateResult): TemplateResult {
    const t = this.t;
    if (!t) return signIn;
    if (!this.session) return this.renderWho(t, signIn);
    const locale = this.host.locale;
    const words = boardStrings(locale, () => this.host.requestUpdate());
    const now = Date.now();
    const recent = this.mine?.signUps.filter((s) => Date.parse(s.activity.endAt) > now - 7 * 86_400_000) ?? null;
    return html`${this.renderWho(t, signIn)}
      <h3 class="pending-title">${t.mineTitle}</h3>
      ${recent === null
        ? html`<p>${t.loadingMine}</p>`
        : recent.length === 0
          ? html`<p>${t.mineEmpty}</p>`
          : html`<ul class="mine">
              ${recent.map((s) => {
                const live = s.status === 'confirmed' || s.status === 'waitlisted';
                return html`<li>
                  <span>${s.activity.title}${words ? ` · ${activityWhen(words, s.activity, locale)}` : ''}</span>
                  <strong>${s.status === 'waitlisted' && s.waitlistPosition ? fill(t.waitlistPosition, { position: s.waitlistPosition }) : t.status[s.status]}</strong>
                  ${s.status === 'refused' && s.reason ? html`<span>${s.reason}</span>` : nothing}
                  ${s.hours !== null ? html`<span>${fill(t.served, { hours: formatNumber(s.hours, locale), points: formatNumber(s.points, locale) })}</span>` : nothing}
                  ${live && now < Date.parse(s.activity.startAt)
                    ? html`<button part="button" type="button" ?disabled=${this.busy === 'cancelling'} @click=${() => void this.cancel(s.id, s.activity.title)}>
                        ${t.cancel}<span class="visually-hidden">${s.activity.title}</span>
                      </button>`
                    : nothing}
                </li>`;
              })}
            </ul>`}
      ${this.busy === 'cancelling' ? html`<p role="status">${t.cancelling}</p>` : nothing}`;
  }

  render(): TemplateResult | null {
    const t = this.t;
    if (!t || !this.step) return null;
    const body = this.step === 'sign-in' ? this.renderSignIn(t) : this.step === 'confirm' ? this.renderConfirm(t) : this.renderDone(t);
    const busy = this.busy === 'signing-in' ? t.signingIn : this.busy === 'signing-up' ? t.signingUp : '';
    return this.panel(body, busy);
  }

  private renderConfirm(t: FlowStrings): TemplateResult {
    const a = this.activityId ? this.host.activity(this.activityId) : null;
    const locale = this.host.locale;
    const words = boardStrings(locale, () => this.host.requestUpdate());
    const refused = this.error && !RETRY_SAME_ID.has(this.error.kind);
    if (!a || !words) {
      return html`${this.title(t.confirmTitle)}${this.renderError(t)}
        <div class="actions"><button part="button" type="button" @click=${() => this.close()}>${t.back}</button></div>`;
    }
    const others = this.mine ? this.overlapping(a) : [];
    // Already signed up (say at the kiosk): say so before they press anything.
    const already = this.mine?.signUps.some((s) => s.activityId === a.id && (s.status === 'confirmed' || s.status === 'waitlisted')) ?? false;
    return html`${this.title(t.confirmTitle)}
      <dl class="sum">
        <dt>${t.activityLabel}</dt>
        <dd>${a.title}</dd>
        <dt>${t.whenWhereLabel}</dt>
        <dd>${activityWhen(words, a, locale)}，${a.place}</dd>
      </dl>
      ${this.mine === null ? html`<p>${t.loadingMine}</p>` : nothing}
      ${others.length ? html`<p class="warning" role="note">${fill(t.overlap, { titles: others.map((o) => o.title).join('」「') })}</p>` : nothing}
      ${a.placesLeft <= 0 ? html`<p>${t.fullHint}</p>` : nothing}
      ${refused || already ? nothing : html`<p>${t.confirmHint}</p>`}
      ${already && !this.error ? this.alert(t, t.errors['already-signed-up']) : this.renderError(t, () => void this.confirm())}
      <div class="actions">
        ${refused || already || this.error
          ? nothing
          : html`<button part="button" type="button" class="primary" ?disabled=${this.busy === 'signing-up'} @click=${() => void this.confirm()}>${t.confirm}</button>`}
        <button part="button" type="button" @click=${() => this.close()}>${refused || already ? t.back : t.notNow}</button>
      </div>`;
  }

  private renderDone(t: FlowStrings): TemplateResult {
    const a = this.activityId ? this.host.activity(this.activityId) : null;
    const locale = this.host.locale;
    const words = boardStrings(locale, () => this.host.requestUpdate());
    const waitlisted = this.outcome === 'waitlisted';
    const title = a?.title ?? '';
    return html`${this.title(waitlisted ? t.waitlistedTitle : t.confirmedTitle)}
      <p>
        ${waitlisted
          ? fill(t.waitlistedText, { title })
          : fill(t.confirmedText, { title, when: a && words ? activityWhen(words, a, locale) : '', place: a?.place ?? '' })}
      </p>
      <div class="actions">
        <button part="button" type="button" class="primary" @click=${() => this.close()}>${t.finish}</button>
      </div>`;
  }
}
