/**
 * The staff activity editor (志愿活动): title, place, description, start and end, places, sign-up
 * deadline, age limits, requirements, points per hour, and 活动取消. Times are typed in station time.
 * Checked with the domain's validateActivity (each problem in plain words next to its field);
 * saving puts an `activity.save` command in the outbox (it works offline; a stale revision comes
 * back as a conflict on 需要处理).
 *
 * @summary Staff editor for a volunteer activity.
 * @fires linli-activity-saved - After the command is stored, with `detail.activityId`.
 * @fires linli-activity-editor-close - 取消: back without saving.
 */
import { css, html, LitElement, nothing } from 'lit';
import { fill } from '../../components/core/i18n.ts';
import { LocaleController } from '../../components/core/locale-controller.ts';
import { token } from '../../components/core/theme.ts';
import { validateActivity, type Activity, type ActivityDraft } from '../../domain/volunteer.ts';
import type { KioskServices } from '../kiosk-services.ts';
import { isoToStationInput, stationInputToIso } from '../staff/station-time.ts';
import type { StaffSession } from '../staff/staff-sign-in.ts';
import { kioskStyles } from '../ui/kiosk-styles.ts';
import { announce, joinSpoken, type SpokenScreen } from '../ui/spoken-screen.ts';
import { volunteerStrings, type VolunteerStrings } from './strings.ts';

type Errors = Partial<Record<keyof ActivityDraft, string>>;
type TextField = Exclude<keyof ActivityDraft, 'cancelled'>;

/** What people typed, before it becomes a draft. */
type FormValues = Record<TextField, string> & { cancelled: boolean };

const NUMBER_FIELDS = new Set<TextField>(['capacity', 'minAge', 'maxAge', 'pointsPerHour']);
const TIME_FIELDS = new Set<TextField>(['startAt', 'endAt', 'signupDeadline']);
const FIELDS: TextField[] = ['title', 'place', 'description', 'startAt', 'endAt', 'signupDeadline', 'capacity', 'minAge', 'maxAge', 'requirements', 'pointsPerHour', 'photo'];

function valuesOf(a: Activity | null): FormValues {
  return {
    title: a?.title ?? '',
    description: a?.description ?? '',
    place: a?.place ?? '',
    startAt: a ? isoToStationInput(a.startAt) : '',
    endAt: a ? isoToStationInput(a.endAt) : '',
    signupDeadline: a ? isoToStationInput(a.signupDeadline) : '',
    capacity: a ? String(a.capacity) : '',
    minAge: a?.minAge == null ? '' : String(a.minAge),
    maxAge: a?.maxAge == null ? '' : String(a.maxAge),
    requirements: a?.requirements ?? '',
    pointsPerHour: a ? String(a.pointsPerHour) : '',
    photo: a?.photo ?? '',
    cancelled: a?.cancelled ?? false,
  };
}

/** The draft the form stands for; what cannot be read becomes a value validateActivity refuses in words. */
export function draftOfValues(v: FormValues): ActivityDraft {
  const whole = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text.trim()));
  const age = (text: string): number | null => (text.trim() === '' ? null : whole(text));
  return {
    title: v.title.trim(),
    description: v.description,
    place: v.place.trim(),
    startAt: stationInputToIso(v.startAt) ?? '',
    endAt: stationInputToIso(v.endAt) ?? '',
    capacity: whole(v.capacity),
    signupDeadline: stationInputToIso(v.signupDeadline) ?? '',
    minAge: age(v.minAge),
    maxAge: age(v.maxAge),
    requirements: v.requirements.trim(),
    pointsPerHour: whole(v.pointsPerHour),
    photo: v.photo.trim() === '' ? null : v.photo.trim(),
    cancelled: v.cancelled,
  };
}

export class LinliVolunteerActivityEditor extends LitElement implements SpokenScreen {
  static override styles = [
    kioskStyles,
    css`
      form {
        display: grid;
        gap: 24px;
        max-inline-size: 40em;
      }
      .choice {
        display: inline-flex;
        align-items: center;
        gap: 0.5em;
        min-block-size: 64px;
        min-inline-size: 64px;
        padding-inline: 0.75em;
        border: 3px solid ${token('--linli-color-border')};
        border-radius: ${token('--linli-radius')};
      }
      .choice input {
        inline-size: 1.5em;
        block-size: 1.5em;
        min-block-size: 0;
        margin: 0;
      }
    `,
  ];

  static override properties = {
    services: { attribute: false },
    staff: { attribute: false },
    activity: { attribute: false },
    values: { attribute: false },
    errors: { attribute: false },
  };

  declare services: Pick<KioskServices, 'outbox'> | null;
  declare staff: StaffSession | null;
  /** The activity edited (null: a new one). */
  declare activity: Activity | null;
  declare values: FormValues;
  declare errors: Errors;
  readonly #locale = new LocaleController(this);
  #busy = false;

  constructor() {
    super();
    this.services = null;
    this.staff = null;
    this.activity = null;
    this.values = valuesOf(null);
    this.errors = {};
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('activity')) {
      this.values = valuesOf(this.activity);
      this.errors = {};
    }
  }

  get #t(): VolunteerStrings['editor'] {
    return volunteerStrings[this.#locale.value].editor;
  }

  async submit(): Promise<void> {
    const s = this.services;
    const staff = this.staff;
    if (!s || !staff || this.#busy) return;
    const draft = draftOfValues(this.values);
    this.errors = validateActivity(draft);
    const problems = Object.values(this.errors);
    if (problems.length > 0) {
      announce(this, this.#errorSummary());
      return;
    }
    this.#busy = true;
    try {
      const activityId = this.activity?.id ?? crypto.randomUUID();
      await s.outbox.enqueue({ type: 'activity.save', payload: { activityId, baseRevision: this.activity?.revision ?? null, draft }, actor: { staffNo: staff.staffNo } });
      this.dispatchEvent(new CustomEvent('linli-activity-saved', { detail: { activityId }, bubbles: true, composed: true }));
    } finally {
      this.#busy = false;
    }
  }

  #errorSummary(): string {
    const errors = Object.values(this.errors).filter((e): e is string => typeof e === 'string');
    return errors.length === 0 ? '' : joinSpoken([fill(this.#t.fixErrors, { n: errors.length }), ...errors], this.#locale.value);
  }

  /** Heading and every error (never the typed text). */
  spokenText(): string {
    return joinSpoken([this.activity ? this.#t.editHeading : this.#t.newHeading, this.#errorSummary()], this.#locale.value);
  }

  #field(id: TextField): unknown {
    const t = this.#t;
    const error = this.errors[id];
    const set = (ev: Event): void => {
      this.values = { ...this.values, [id]: (ev.target as HTMLInputElement | HTMLTextAreaElement).value };
    };
    const common = { invalid: error ? 'true' : 'false', describedBy: error ? `${id}-error` : '' };
    const control =
      id === 'description' || id === 'requirements'
        ? html`<textarea id=${id} .value=${this.values[id]} aria-invalid=${common.invalid} aria-describedby=${common.describedBy} @input=${set}></textarea>`
        : html`<input
            id=${id}
            type=${TIME_FIELDS.has(id) ? 'datetime-local' : NUMBER_FIELDS.has(id) ? 'number' : 'text'}
            inputmode=${NUMBER_FIELDS.has(id) ? 'numeric' : 'text'}
            .value=${this.values[id]}
            aria-invalid=${common.invalid}
            aria-describedby=${common.describedBy}
            @input=${set}
          />`;
    return html`<div class="field" data-field=${id}>
      <label for=${id}>${t.fields[id]}</label>
      ${control} ${error ? html`<p class="error" id=${`${id}-error`}>${error}</p>` : nothing}
    </div>`;
  }

  protected override render(): unknown {
    const t = this.#t;
    const errorCount = Object.keys(this.errors).length;
    return html`<h2>${this.activity ? t.editHeading : t.newHeading}</h2>
      ${errorCount > 0 ? html`<p class="summary error" role="alert">${fill(t.fixErrors, { n: errorCount })}</p>` : nothing}
      <form
        novalidate
        @submit=${(ev: Event) => {
          ev.preventDefault();
          void this.submit();
        }}
      >
        ${FIELDS.map((id) => this.#field(id))}
        <label class="choice"
          ><input type="checkbox" name="cancelled" .checked=${this.values.cancelled} @change=${(ev: Event) => (this.values = { ...this.values, cancelled: (ev.target as HTMLInputElement).checked })} />${t.cancelled}</label
        >
        <div class="actions">
          <button type="submit" class="primary save">${t.save}</button>
          <button type="button" class="close" @click=${() => this.dispatchEvent(new CustomEvent('linli-activity-editor-close', { bubbles: true, composed: true }))}>${t.close}</button>
        </div>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'linli-volunteer-activity-editor': LinliVolunteerActivityEditor;
  }
}
