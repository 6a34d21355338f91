/**
 * The notice editor: board, title, Markdown body, image URLs, publish/expire times, pinned and
 * emergency. Checked with the domain rules (validateNoticeDraft); before publishing, a full
 * mobile or ID number in the text (findPersonalNumbers) brings up a warning sheet where staff go
 * back or publish anyway. Saving puts a `notice.save` command in the outbox.
 *
 * @summary Staff notice editor.
 * @fires linli-notice-saved - After the command is stored, with `detail.noticeId`.
 */
import { css, html, LitElement, nothing } from 'lit';
import {
  BOARDS,
  findPersonalNumbers,
  validateNoticeDraft,
  type Board,
  type NoticeDraft,
  type PersonalNumberFinding,
} from '../../domain/index.ts';
import { fill } from '../../components/core/i18n.ts';
import { LocaleController } from '../../components/core/locale-controller.ts';
import { token } from '../../components/core/theme.ts';
import type { KioskServices } from '../kiosk-services.ts';
import { navigate } from '../navigation.ts';
import { draftOf, saveNotice } from '../staff/notice-commands.ts';
import { isoToStationInput, stationInputToIso } from '../staff/station-time.ts';
import type { StaffSession } from '../staff/staff-sign-in.ts';
import type { ReplicaNotice } from '../store/kiosk-db.ts';
import { kioskStrings } from '../strings.ts';
import { kioskStyles } from '../ui/kiosk-styles.ts';
import { announce, joinSpoken, type SpokenScreen } from '../ui/spoken-screen.ts';

export interface NoticeSavedDetail {
  noticeId: string;
}

type Errors = Partial<Record<keyof NoticeDraft, string>>;

/** The form's raw field values (what people typed), before they become a draft. */
interface FormValues {
  board: Board | '';
  title: string;
  body: string;
  images: string;
  publishAt: string;
  expireAt: string;
  pinned: boolean;
  emergency: boolean;
}

export class LinliNoticeEditorScreen extends LitElement implements SpokenScreen {
  static override styles = [
    kioskStyles,
    css`
      form {
        display: grid;
        gap: 24px;
        max-inline-size: 40em;
      }
      fieldset {
        border: 3px solid ${token('--linli-color-border')};
        border-radius: ${token('--linli-radius')};
        margin: 0;
        padding: 0.5em 0.75em;
      }
      legend {
        font-weight: 600;
        padding-inline: 0.25em;
      }
      .choices {
        display: flex;
        flex-wrap: wrap;
        gap: 16px;
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
        font-weight: 600;
        cursor: pointer;
      }
      .choice input {
        inline-size: 32px;
        block-size: 32px;
        min-block-size: 0;
        margin: 0;
      }
      textarea {
        min-block-size: 8em;
        padding-block: 0.25em;
      }
      textarea.images {
        min-block-size: 4em;
      }
      .hint {
        font-weight: 400;
        color: ${token('--linli-color-text-muted')};
        margin: 0;
      }
      .summary {
        border-inline-start: 8px solid ${token('--linli-color-danger')};
        padding-inline-start: 0.5em;
      }
      .findings {
        margin-block: 0 1em;
      }
      mark {
        background: #ffe680;
        color: #000000;
      }
    `,
  ];

  static override properties = {
    services: { attribute: false },
    staff: { attribute: false },
    notice: { attribute: false },
    emergencyPreset: { type: Boolean, attribute: 'emergency-preset' },
    values: { attribute: false },
    errors: { attribute: false },
    findings: { attribute: false },
    busy: { attribute: false },
  };

  declare services: KioskServices | null;
  declare staff: StaffSession | null;
  /** The notice being edited; null for a new one. */
  declare notice: ReplicaNotice | null;
  /** A new notice starts as an emergency (安全提示, pinned). */
  declare emergencyPreset: boolean;
  declare values: FormValues;
  declare errors: Errors;
  /** Personal numbers found at the last save attempt; the warning sheet shows while non-empty. */
  declare findings: PersonalNumberFinding[];
  declare busy: boolean;
  readonly #locale = new LocaleController(this);
  #initialised = false;

  constructor() {
    super();
    this.services = null;
    this.staff = null;
    this.notice = null;
    this.emergencyPreset = false;
    this.values = { board: '', title: '', body: '', images: '', publishAt: '', expireAt: '', pinned: false, emergency: false };
    this.errors = {};
    this.findings = [];
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.#initialised) this.#initialise();
  }

  #initialise(): void {
    this.#initialised = true;
    const n = this.notice;
    if (n) {
      this.values = {
        board: n.board,
        title: n.title,
        body: n.body,
        images: n.images.join('\n'),
        publishAt: isoToStationInput(n.publishAt),
        expireAt: n.expireAt ? isoToStationInput(n.expireAt) : '',
        pinned: n.pinned,
        emergency: n.emergency,
      };
    } else {
      const now = this.services?.now() ?? new Date();
      this.values = {
        ...this.values,
        board: this.emergencyPreset ? '安全提示' : '',
        publishAt: isoToStationInput(now.toISOString()),
        pinned: this.emergencyPreset,
        emergency: this.emergencyPreset,
      };
    }
  }

  /** The draft the form describes now. Unparseable times become '' so validation names them. */
  draft(): NoticeDraft {
    const v = this.values;
    return {
      board: v.board as Board,
      title: v.title.trim(),
      body: v.body,
      images: v.images.split('\n').map((s) => s.trim()).filter((s) => s.length > 0),
      publishAt: stationInputToIso(v.publishAt) ?? '',
      expireAt: v.expireAt.trim() === '' ? null : (stationInputToIso(v.expireAt) ?? ''),
      pinned: v.pinned,
      emergency: v.emergency,
      retired: this.notice ? draftOf(this.notice).retired : false,
    };
  }

  /** Validate; on success check for personal numbers and publish (or show the warning sheet). */
  async submit(): Promise<void> {
    if (this.busy) return;
    const draft = this.draft();
    this.errors = validateNoticeDraft(draft);
    if (Object.keys(this.errors).length > 0) {
      announce(this, this.#errorSummary());
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.summary')?.focus();
      return;
    }
    const findings = findPersonalNumbers(`${draft.title}\n${draft.body}`);
    if (findings.length > 0) {
      this.findings = findings;
      const p = kioskStrings[this.#locale.value].personal;
      announce(this, joinSpoken([p.heading, p.intro], this.#locale.value));
      return;
    }
    await this.publish();
  }

  /** Store the save command (after the warning, when there was one). */
  async publish(): Promise<void> {
    const s = this.services;
    if (this.busy || !s || !this.staff) return;
    this.busy = true;
    this.findings = [];
    try {
      const stationId = (await s.db.getMeta('stationId')) ?? this.notice?.stationId ?? '';
      const command = await saveNotice(s.outbox, stationId, this.staff, this.notice, this.draft());
      this.dispatchEvent(new CustomEvent<NoticeSavedDetail>('linli-notice-saved', { detail: { noticeId: command.payload.noticeId }, bubbles: true, composed: true }));
    } finally {
      this.busy = false;
    }
  }

  #errorSummary(): string {
    const locale = this.#locale.value;
    const errors = Object.values(this.errors).filter((e): e is string => typeof e === 'string');
    return errors.length === 0 ? '' : joinSpoken([fill(kioskStrings[locale].editor.fixErrors, { n: errors.length }), ...errors], locale);
  }

  /** Heading, the warning sheet when open, and every error (never the typed text). */
  spokenText(): string {
    const locale = this.#locale.value;
    const t = kioskStrings[locale];
    if (this.findings.length > 0) return joinSpoken([t.personal.heading, t.personal.intro], locale);
    return joinSpoken([this.notice ? t.editor.editHeading : t.editor.newHeading, this.#errorSummary()], locale);
  }

  #set<K extends keyof FormValues>(key: K, value: FormValues[K]): void {
    this.values = { ...this.values, [key]: value };
  }

  #field(id: keyof NoticeDraft, label: string, control: unknown, hint?: string): unknown {
    const error = this.errors[id];
    return html`<div class="field">
      <label for=${id}>${label}</label>
      ${hint ? html`<p class="hint" id=${`${id}-hint`}>${hint}</p>` : nothing} ${control}
      ${error ? html`<p class="error" id=${`${id}-error`}>${error}</p>` : nothing}
    </div>`;
  }

  #describedBy(id: keyof NoticeDraft, hasHint = false): string {
    return [hasHint ? `${id}-hint` : '', this.errors[id] ? `${id}-error` : ''].filter(Boolean).join(' ');
  }

  protected override render(): unknown {
    const locale = this.#locale.value;
    const t = kioskStrings[locale];
    const e = t.editor;
    const v = this.values;
    const errorCount = Object.keys(this.errors).length;
    const input = (ev: Event): string => (ev.target as HTMLInputElement | HTMLTextAreaElement).value;
    return html`
      <div ?inert=${this.findings.length > 0}>
        <h1>${this.notice ? e.editHeading : e.newHeading}</h1>
        ${errorCount > 0 ? html`<p class="summary error" tabindex="-1" role="alert">${fill(e.fixErrors, { n: errorCount })}</p>` : nothing}
        <form novalidate @submit=${(ev: Event) => { ev.preventDefault(); void this.submit(); }}>
          <fieldset aria-describedby=${this.#describedBy('board')}>
            <legend>${e.board}</legend>
            <div class="choices">
              ${BOARDS.map(
                (b) => html`<label class="choice"
                  ><input type="radio" name="board" .value=${b} .checked=${v.board === b} @change=${() => this.#set('board', b)} />${t.boards[b]}</label
                >`,
              )}
            </div>
            ${this.errors.board ? html`<p class="error" id="board-error">${this.errors.board}</p>` : nothing}
          </fieldset>
          ${this.#field(
            'title',
            e.title,
            html`<input id="title" .value=${v.title} aria-invalid=${this.errors.title ? 'true' : 'false'} aria-describedby=${this.#describedBy('title')}
              @input=${(ev: Event) => this.#set('title', input(ev))} />`,
          )}
          ${this.#field(
            'body',
            e.body,
            html`<textarea id="body" .value=${v.body} aria-invalid=${this.errors.body ? 'true' : 'false'} aria-describedby=${this.#describedBy('body', true)}
              @input=${(ev: Event) => this.#set('body', input(ev))}></textarea>`,
            e.bodyHint,
          )}
          ${this.#field(
            'images',
            e.images,
            html`<textarea id="images" class="images" .value=${v.images} aria-invalid=${this.errors.images ? 'true' : 'false'}
              aria-describedby=${this.#describedBy('images', true)} @input=${(ev: Event) => this.#set('images', input(ev))}></textarea>`,
            e.imagesHint,
          )}
          ${this.#field(
            'publishAt',
            e.publishAt,
            html`<input id="publishAt" type="datetime-local" .value=${v.publishAt} aria-invalid=${this.errors.publishAt ? 'true' : 'false'}
              aria-describedby=${this.#describedBy('publishAt')} @input=${(ev: Event) => this.#set('publishAt', input(ev))} />`,
          )}
          ${this.#field(
            'expireAt',
            e.expireAt,
            html`<input id="expireAt" type="datetime-local" .value=${v.expireAt} aria-invalid=${this.errors.expireAt ? 'true' : 'false'}
              aria-describedby=${this.#describedBy('expireAt', true)} @input=${(ev: Event) => this.#set('expireAt', input(ev))} />`,
            e.expireAtHint,
          )}
          <div class="choices">
            <label class="choice"><input type="checkbox" name="pinned" .checked=${v.pinned} @change=${(ev: Event) => this.#set('pinned', (ev.target as HTMLInputElement).checked)} />${e.pinned}</label>
            <label class="choice"><input type="checkbox" name="emergency" .checked=${v.emergency} @change=${(ev: Event) => this.#set('emergency', (ev.target as HTMLInputElement).checked)} />${e.emergency}</label>
          </div>
          <div class="actions">
            <button type="submit" class="primary save" ?disabled=${this.busy}>${e.save}</button>
            <button type="button" class="cancel" @click=${() => navigate(this, { screen: 'staff-notices', replace: true })}>${e.cancel}</button>
          </div>
        </form>
      </div>
      ${this.findings.length > 0
        ? html`<linli-confirm-sheet
            tone="danger"
            heading=${t.personal.heading}
            message=${t.personal.intro}
            confirm-label=${t.personal.publishAnyway}
            cancel-label=${t.personal.goBack}
            @linli-confirm=${() => void this.publish()}
            @linli-cancel=${() => (this.findings = [])}
          >
            <ul class="findings">
              ${this.findings.map((f) => html`<li><span class="kind">${f.kind === 'mobile' ? t.personal.mobile : t.personal.idCard}</span> <mark>${f.text}</mark></li>`)}
            </ul>
          </linli-confirm-sheet>`
        : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'linli-notice-editor-screen': LinliNoticeEditorScreen;
  }
  interface GlobalEventHandlersEventMap {
    'linli-notice-saved': CustomEvent<NoticeSavedDetail>;
  }
}
