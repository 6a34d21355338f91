/**
 * 志愿服务管理 (staff mode). 签到签退: choose an activity whose check-in window is open (two hours before the
 * start until twelve hours after the end), then the people signed up for it — check each one in or
 * out, or tick several and check them in or out together. Every check-in and check-out is a queued
 * command, one per person (it works offline; the server computes the hours and pays the points
 * once); a person already waiting for the same command is not queued again. Staff-only: names are
 * shown, the spoken form gives counts and never a name. Below the chooser, every activity not over
 * yet with 修改, and 新建活动: the activity editor (activity-editor.ts) opens in place. At the foot,
 * 服务时长证明和导出表格 (volunteer-records.ts, online only).
 *
 * @summary Staff attendance list for a volunteer activity.
 */
import { css, html, LitElement, nothing } from 'lit';
import { fill } from '../../components/core/i18n.ts';
import { LocaleController } from '../../components/core/locale-controller.ts';
import { token } from '../../components/core/theme.ts';
import { stationWallTimeOf } from '../../domain/station-time.ts';
import type { Activity } from '../../domain/volunteer.ts';
import type { KioskServices } from '../kiosk-services.ts';
import type { StaffSession } from '../staff/staff-sign-in.ts';
import { kioskStyles } from '../ui/kiosk-styles.ts';
import { ReplicaWatch } from '../ui/replica-watch.ts';
import { announce, joinSpoken, type SpokenScreen } from '../ui/spoken-screen.ts';
import { activityWhen } from './activity-words.ts';
import { volunteerStrings, type VolunteerStrings } from './strings.ts';
import { queueAttendance } from './volunteer-actions.ts';
import { attendanceOpen, loadVolunteer, signUpsOf, waitlistPlace, type LocalSignUp, type VolunteerData } from './volunteer-data.ts';

interface Person {
  signUp: LocalSignUp;
  name: string;
}

export class LinliVolunteerAttendanceScreen extends LitElement implements SpokenScreen {
  static override styles = [
    kioskStyles,
    css`
      ul.choices,
      ol.people,
      ol.waitlist {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 16px;
      }
      ul.choices > li,
      ol.people > li {
        border: 3px solid ${token('--linli-color-border')};
        border-radius: ${token('--linli-radius')};
        padding: 12px 16px;
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 12px 24px;
      }
      ul.choices .title {
        font-weight: 700;
        flex: 1 1 12em;
      }
      label.pick {
        display: flex;
        align-items: center;
        gap: 16px;
        min-block-size: 64px;
        min-inline-size: 64px;
        flex: 1 1 8em;
        font-weight: 700;
        cursor: pointer;
      }
      label.pick input {
        inline-size: 1.5em;
        block-size: 1.5em;
        min-block-size: 0;
        flex: none;
        margin: 0;
        accent-color: ${token('--linli-color-accent')};
      }
      .state {
        flex: 1 1 8em;
      }
      .staff-only {
        font-weight: 700;
      }
      ul + h2 {
        margin-block-start: 32px;
      }
    `,
  ];

  static override properties = {
    services: { attribute: false },
    staff: { attribute: false },
    activityId: { type: String, attribute: 'activity-id' },
    data: { attribute: false },
    names: { attribute: false },
    selected: { attribute: false },
    message: { attribute: false },
    editing: { attribute: false },
  };

  declare services: KioskServices | null;
  declare staff: StaffSession | null;
  /** The chosen activity ('' = choosing). */
  declare activityId: string;
  declare data: VolunteerData | null;
  declare names: Map<string, string>;
  /** Ticked sign-up ids. */
  declare selected: Set<string>;
  declare message: string;
  /** The activity open in the editor: null for a new one, undefined when not editing. */
  declare editing: Activity | null | undefined;
  readonly #locale = new LocaleController(this);
  #busy = false;

  constructor() {
    super();
    this.services = null;
    this.staff = null;
    this.activityId = '';
    this.data = null;
    this.names = new Map();
    this.selected = new Set();
    this.message = '';
    this.editing = undefined;
    new ReplicaWatch(this, () => void this.load());
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('staff')) void this.load();
    if (changed.has('activityId')) this.selected = new Set();
  }

  get #t(): VolunteerStrings['attendance'] {
    return volunteerStrings[this.#locale.value].attendance;
  }

  async load(): Promise<void> {
    const s = this.services;
    if (!s || !this.staff) return;
    const [data, residents] = await Promise.all([loadVolunteer(s.db), s.db.run((conn) => conn.getAll('residents'))]);
    this.names = new Map(residents.map((r) => [r.id, r.name]));
    this.data = data;
  }

  /** Activities staff can take attendance for now. */
  get activities(): Activity[] {
    const now = this.services?.now() ?? new Date();
    return (this.data?.activities ?? []).filter((a) => attendanceOpen(a, now));
  }

  get activity(): Activity | null {
    return this.data?.activities.find((a) => a.id === this.activityId) ?? null;
  }

  /** Confirmed people (who can be checked in), by arrival. */
  get people(): Person[] {
    if (!this.data || !this.activityId) return [];
    return signUpsOf(this.data, this.activityId)
      .filter((s) => s.status === 'confirmed')
      .sort((a, b) => a.arrival - b.arrival)
      .map((signUp) => ({ signUp, name: this.names.get(signUp.residentId) ?? '' }));
  }

  get waitlist(): Person[] {
    if (!this.data || !this.activityId) return [];
    return signUpsOf(this.data, this.activityId)
      .filter((s) => s.status === 'waitlisted')
      .sort((a, b) => a.arrival - b.arrival)
      .map((signUp) => ({ signUp, name: this.names.get(signUp.residentId) ?? '' }));
  }

  #toggle(id: string, on: boolean): void {
    const next = new Set(this.selected);
    if (on) next.add(id);
    else next.delete(id);
    this.selected = next;
  }

  async #queue(type: 'volunteer.check-in' | 'volunteer.check-out', ids: readonly string[]): Promise<void> {
    const s = this.services;
    const staff = this.staff;
    if (!s || !staff || ids.length === 0 || this.#busy) return;
    this.#busy = true;
    try {
      const n = await queueAttendance(s, { staffNo: staff.staffNo }, type, ids);
      this.selected = new Set();
      this.message = fill(this.#t.queued, { n });
      announce(this, this.message);
      await this.load();
    } finally {
      this.#busy = false;
    }
  }

  #selectedWhere(test: (s: LocalSignUp) => boolean): string[] {
    return this.people.filter((p) => this.selected.has(p.signUp.id) && test(p.signUp)).map((p) => p.signUp.id);
  }

  #state(s: LocalSignUp): string {
    const t = this.#t;
    const parts = [
      s.checkOutAt ? fill(t.checkedOutAt, { time: stationWallTimeOf(s.checkOutAt) }) : s.checkInAt ? fill(t.checkedInAt, { time: stationWallTimeOf(s.checkInAt) }) : t.notCheckedIn,
      s.pending.length > 0 ? t.pending : '',
    ];
    return parts.filter(Boolean).join('，');
  }

  /** Counts only: never a resident's name. */
  spokenText(): string {
    const locale = this.#locale.value;
    const t = this.#t;
    const a = this.activity;
    if (this.editing !== undefined) return joinSpoken([t.heading, this.shadowRoot?.querySelector('linli-volunteer-activity-editor')?.spokenText()], locale);
    if (!a) {
      const records = this.shadowRoot?.querySelector('linli-volunteer-records')?.spokenText();
      return joinSpoken([t.heading, this.activities.length === 0 ? t.noActivities : t.chooseActivity, ...this.activities.map((x) => `${x.title}，${activityWhen(x, locale)}`), records], locale);
    }
    const people = this.people;
    const inCount = people.filter((p) => p.signUp.checkInAt && !p.signUp.checkOutAt).length;
    const outCount = people.filter((p) => p.signUp.checkOutAt).length;
    const b = volunteerStrings[locale].board.status;
    return joinSpoken([t.heading, a.title, activityWhen(a, locale), fill(t.people, { n: people.length }), `${b.checkedIn} ${inCount}`, `${b.checkedOut} ${outCount}`, this.message], locale);
  }

  #renderChooser(): unknown {
    const t = this.#t;
    const locale = this.#locale.value;
    const list = this.activities;
    return html`<h2>${t.chooseActivity}</h2>
      ${list.length === 0
        ? html`<p class="empty">${t.noActivities}</p>`
        : html`<ul class="choices attendance-activities">
            ${list.map(
              (a) => html`<li data-activity=${a.id}>
                <span class="title">${a.title}</span>
                <span class="when">${activityWhen(a, locale)}</span>
                <button type="button" class="primary choose" @click=${() => (this.activityId = a.id)}>${t.choose}</button>
              </li>`,
            )}
          </ul>`}
      <h2>${t.activitiesHeading}</h2>
      <div class="actions"><button type="button" class="new-activity" @click=${() => (this.editing = null)}>${t.newActivity}</button></div>
      <ul class="choices all-activities">
        ${this.#upcoming().map(
          (a) => html`<li data-activity=${a.id}>
            <span class="title">${a.title}</span>
            <span class="when">${activityWhen(a, locale)}</span>
            ${this.data?.pendingActivities.has(a.id) ? html`<span class="pending">${t.pending}</span>` : nothing}
            <button type="button" class="edit" @click=${() => (this.editing = a)}>${t.edit}</button>
          </li>`,
        )}
      </ul>
      <linli-volunteer-records .services=${this.services} .staff=${this.staff}></linli-volunteer-records>`;
  }

  /** Activities not over yet, for the editor list. */
  #upcoming(): Activity[] {
    const now = (this.services?.now() ?? new Date()).getTime();
    return (this.data?.activities ?? []).filter((a) => Date.parse(a.endAt) > now);
  }

  #saved(): void {
    this.editing = undefined;
    this.message = this.#t.saved;
    announce(this, this.message);
    void this.load();
  }

  #renderActivity(a: Activity): unknown {
    const t = this.#t;
    const b = volunteerStrings[this.#locale.value].board;
    const people = this.people;
    const waitlist = this.waitlist;
    const toCheckIn = this.#selectedWhere((s) => s.checkInAt === null);
    const toCheckOut = this.#selectedWhere((s) => s.checkInAt !== null && s.checkOutAt === null);
    const allSelected = people.length > 0 && people.every((p) => this.selected.has(p.signUp.id));
    return html`<h2 class="activity" data-activity=${a.id}>${a.title}</h2>
      <p class="when">${fill(b.when, { when: activityWhen(a, this.#locale.value) })}</p>
      <div class="actions">
        <button type="button" class="other-activity" @click=${() => (this.activityId = '')}>${t.otherActivity}</button>
      </div>
      <h3>${fill(t.people, { n: people.length })}</h3>
      ${people.length === 0
        ? html`<p class="empty">${t.nobody}</p>`
        : html`<div class="actions">
              <button type="button" class="select-all" @click=${() => (this.selected = allSelected ? new Set() : new Set(people.map((p) => p.signUp.id)))}>
                ${allSelected ? t.selectNone : t.selectAll}
              </button>
              <button type="button" class="primary batch-check-in" ?disabled=${toCheckIn.length === 0} @click=${() => void this.#queue('volunteer.check-in', toCheckIn)}>
                ${fill(t.batchCheckIn, { n: toCheckIn.length })}
              </button>
              <button type="button" class="primary batch-check-out" ?disabled=${toCheckOut.length === 0} @click=${() => void this.#queue('volunteer.check-out', toCheckOut)}>
                ${fill(t.batchCheckOut, { n: toCheckOut.length })}
              </button>
            </div>
            <ol class="people">
              ${people.map(({ signUp: s, name }) => {
                const waitingIn = s.pending.includes('volunteer.check-in');
                const waitingOut = s.pending.includes('volunteer.check-out');
                return html`<li data-sign-up=${s.id}>
                  <label class="pick"
                    ><input
                      type="checkbox"
                      .checked=${this.selected.has(s.id)}
                      aria-label=${fill(t.select, { name })}
                      @change=${(e: Event) => this.#toggle(s.id, (e.target as HTMLInputElement).checked)}
                    /><span class="name">${name}</span></label
                  >
                  <span class="state">${this.#state(s)}</span>
                  ${s.checkInAt === null && !waitingIn
                    ? html`<button type="button" class="check-in" @click=${() => void this.#queue('volunteer.check-in', [s.id])}>${b.checkIn}</button>`
                    : nothing}
                  ${s.checkInAt !== null && s.checkOutAt === null && !waitingOut
                    ? html`<button type="button" class="check-out" @click=${() => void this.#queue('volunteer.check-out', [s.id])}>${b.checkOut}</button>`
                    : nothing}
                </li>`;
              })}
            </ol>`}
      ${waitlist.length > 0
        ? html`<h3>${t.waitlist}</h3>
            <ol class="waitlist">
              ${waitlist.map((p) => html`<li data-sign-up=${p.signUp.id}>${p.name}，${fill(t.waitlistPlace, { n: waitlistPlace(this.data?.signUps ?? [], p.signUp) ?? '' })}</li>`)}
            </ol>`
        : nothing}`;
  }

  protected override render(): unknown {
    const t = this.#t;
    if (!this.staff || !this.services) return html`<h1>${t.heading}</h1>`;
    const a = this.activity;
    const body =
      this.editing !== undefined
        ? html`<linli-volunteer-activity-editor
            .services=${this.services}
            .staff=${this.staff}
            .activity=${this.editing}
            @linli-activity-saved=${() => this.#saved()}
            @linli-activity-editor-close=${() => (this.editing = undefined)}
          ></linli-volunteer-activity-editor>`
        : a
          ? this.#renderActivity(a)
          : this.#renderChooser();
    return html`<h1>${t.heading}</h1>
      <p class="staff-only">${t.staffOnly}</p>
      <p class="message" role="status">${this.message}</p>
      ${body}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'linli-volunteer-attendance-screen': LinliVolunteerAttendanceScreen;
  }
}
