import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { Board, Notice } from '../../domain/notice.ts';
import { fill, formatDate, formatNumber, type Locale } from '../core/i18n.ts';
import { HttpSource } from '../core/http-source.ts';
import { LocaleController } from '../core/locale-controller.ts';
import { SourceConsumer } from '../core/source-consumer.ts';
import { toSourceError, type LinliSource, type LinliSourceError } from '../core/source.ts';
import { noticeBoardStyles } from './notice-board.styles.ts';
import { listStrings, type NoticeListStrings } from './strings.ts';

type DetailModule = typeof import('./notice-detail.ts');
type DetailController = InstanceType<DetailModule['NoticeDetail']>;
let detailModule: Promise<DetailModule> | null = null;

/** Row height, in em of the list's font size: two lines of title and one of details. */
const ROW_EM = 5.5;
/** Lists longer than this are windowed. */
const VIRTUAL_FROM = 60;
/** Rows rendered beyond each edge of the visible window. */
const OVERSCAN = 6;
/** Rows rendered before the list has been measured. */
const FIRST_ROWS = 16;
/**
 * Without a limit the board first asks for this many notices and paints them, then fetches the
 * whole list off the critical path: a long board's first paint does not wait for every notice.
 */
const FIRST_PAGE = 20;

export interface NoticeEventDetail {
  noticeId: string;
}

/** What the lazily loaded detail view needs from the board. */
export interface NoticeDetailHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly dataSource: LinliSource | undefined;
  readonly locale: Locale;
  /** The notice as the list has it, to show at once. */
  listed(id: string): Notice | null;
  requestUpdate(): void;
  close(): void;
  renderError(error: LinliSourceError | null, retry: () => void): TemplateResult;
}

type Status = 'loading' | 'ready' | 'error';

/**
 * The station's notices by board: a list (pinned first) and, on a click or Enter, the notice in
 * full with read-aloud, larger text and a QR code to take it home. Long lists are windowed, so
 * thousands of notices stay light. The detail view, its Markdown renderer and the QR code load on the
 * first open.
 *
 * Data comes from the `api` + `station` attributes when both are set, else from the nearest
 * `<linli-provider>` (or the kiosk's root).
 *
 * @summary Notice board (公告栏) widget.
 * @tagname linli-notice-board
 * @csspart list - The scrolling box around the list of notices.
 * @csspart item - One notice in the list (a button).
 * @csspart title - A notice title, in the list and in the detail.
 * @csspart detail - The detail view of one notice.
 * @csspart body - The notice's text in the detail view.
 * @csspart button - Every button (back, text size, read aloud, retry).
 * @csspart qr - The QR code figure with its caption.
 * @cssprop --linli-notice-board-max-block-size - Height of the list before it scrolls (default 30em).
 * @cssprop --linli-color-text - Text colour.
 * @cssprop --linli-color-text-muted - Secondary text (board, date).
 * @cssprop --linli-color-surface - Background.
 * @cssprop --linli-color-surface-alt - Background of a hovered notice.
 * @cssprop --linli-color-accent - Buttons, links and focus.
 * @cssprop --linli-color-on-accent - Text on accent backgrounds.
 * @cssprop --linli-color-pinned - The pinned badge.
 * @cssprop --linli-color-on-pinned - Text of the pinned badge.
 * @cssprop --linli-color-danger - Error messages.
 * @cssprop --linli-color-border - Borders and dividers.
 * @cssprop --linli-space-xs - Smallest spacing.
 * @cssprop --linli-space-s - Small spacing.
 * @cssprop --linli-space-m - Medium spacing.
 * @cssprop --linli-space-l - Large spacing.
 * @cssprop --linli-font-size-base - Base text size (default: the host's, 1em).
 * @cssprop --linli-font-size-small - Secondary text size.
 * @cssprop --linli-font-size-title - Detail title size.
 * @cssprop --linli-radius - Corner radius.
 * @cssprop --linli-focus-ring - Focus outline.
 * @cssprop --linli-target-size - Minimum touch target size.
 * @fires {CustomEvent<NoticeEventDetail>} linli-notice-open - A notice was opened.
 * @fires {CustomEvent<NoticeEventDetail>} linli-notice-close - The open notice was closed (返回).
 */
export class LinliNoticeBoard extends LitElement implements NoticeDetailHost {
  static override styles = noticeBoardStyles;
  static override properties = {
    board: {},
    limit: { type: Number },
    api: {},
    station: {},
    noticeId: { attribute: 'notice-id' },
    source: { attribute: false },
    _status: { state: true },
    _notices: { state: true },
    _openId: { state: true },
    _first: { state: true },
    _last: { state: true },
    _complete: { state: true },
  };

  /** Boards to show, comma-separated (e.g. `公示栏,活动`); empty shows every board. */
  declare board: string;
  /** Most notices to show; 0 shows all. */
  declare limit: number;
  /** With `station`: the station server's API base URL; the widget then fetches by itself. */
  declare api: string;
  /** With `api`: the station id. */
  declare station: string;
  /** Open this notice's detail directly. */
  declare noticeId: string;
  /** A data source set from script; it takes precedence over `api` and the provider's. */
  declare source: LinliSource | undefined;

  declare private _status: Status;
  declare private _notices: Notice[];
  /** The id of the open notice, or null while the list shows. */
  declare private _openId: string | null;
  declare private _first: number;
  declare private _last: number;
  /** False while only the first page is on screen (the count is not known yet). */
  declare private _complete: boolean;

  private readonly lang$ = new LocaleController(this);
  private readonly context = new SourceConsumer(this);
  private own: HttpSource | undefined;
  private active: LinliSource | undefined;
  private unsubscribe: (() => void) | null = null;
  private error: LinliSourceError | null = null;
  private token = 0;
  private detail: DetailController | null = null;
  private detailFailed: LinliSourceError | null = null;
  private rowPx = 0;
  private viewPx = 0;
  private resizer: ResizeObserver | null = null;
  private observed: Element | null = null;
  private focusId: string | null = null;
  /** The notice of the list row that has focus, so focus can follow it when the window moves. */
  private focusedRow: string | null = null;
  private hashChecked = false;

  constructor() {
    super();
    this.board = '';
    this.limit = 0;
    this.api = '';
    this.station = '';
    this.noticeId = '';
    this.source = undefined;
    this._status = 'loading';
    this._notices = [];
    this._openId = null;
    this._first = 0;
    this._last = 0;
    this._complete = false;
  }

  /** The source the board reads now (own, provided or set). */
  get dataSource(): LinliSource | undefined {
    return this.active;
  }

  get locale(): Locale {
    return this.lang$.value;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.active && !this.unsubscribe) this.unsubscribe = this.active.subscribe(this.changed);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.resizer?.disconnect();
    this.observed = null;
    this.detail?.close();
  }

  private readonly changed = (): void => {
    void this.reload();
    void this.detail?.refresh();
  };

  listed(id: string): Notice | null {
    return this._notices.find((n) => n.id === id) ?? null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('api') || changed.has('station')) {
      this.own = this.api && this.station ? new HttpSource(this.api, this.station) : undefined;
    }
    const next = this.source ?? this.own ?? this.context.value;
    if (next !== this.active) {
      this.unsubscribe?.();
      this.active = next;
      this.unsubscribe = next && this.isConnected ? next.subscribe(this.changed) : null;
      if (next) this.changed();
    } else if (changed.has('board') || changed.has('limit')) {
      void this.reload();
    }
    if (changed.has('noticeId')) {
      if (this.noticeId) this.open(this.noticeId, null);
      else if (changed.get('noticeId')) this.close();
    }
    if (!this.hashChecked && next) {
      this.hashChecked = true;
      const m = /^#linli-notice=([^&]+)$/.exec(location.hash);
      if (m && !this.noticeId) {
        const id = decodeURIComponent(m[1]!);
        void next.notice(id).then((n) => n && this._openId === null && this.open(id, null), () => undefined);
      }
    }
    if ((changed as Map<PropertyKey, unknown>).has('_notices')) this.computeWindow(false);
  }

  /** Fetch the list again (what 重试 does). */
  async reload(): Promise<void> {
    const source = this.active;
    if (!source) return;
    const token = ++this.token;
    if (this._status === 'error') this._status = 'loading';
    try {
      const boards = this.board.split(',').map((b) => b.trim()).filter(Boolean) as Board[];
      const limit = this.limit > 0 ? this.limit : FIRST_PAGE;
      const list = await source.notices({ boards, limit });
      if (token !== this.token) return;
      this._notices = list;
      this._complete = this.limit > 0 || list.length < FIRST_PAGE;
      this._status = 'ready';
      if (!this._complete) {
        // Let the first page paint before parsing a long list blocks the main thread.
        await this.updateComplete;
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
        if (token !== this.token) return;
        const all = await source.notices({ boards });
        if (token !== this.token) return;
        this._notices = all;
        this._complete = true;
      }
    } catch (err) {
      // A failed refresh keeps a list already on screen; only an empty screen shows the error.
      if (token !== this.token || this._status === 'ready') return;
      this.error = toSourceError(err);
      this._status = 'error';
    }
  }

  /** Open a notice's detail. `row` is the list row to focus again on 返回. */
  private open(id: string, row: string | null): void {
    this._openId = id;
    this.focusId = row;
    this.detailFailed = null;
    this.detail?.close();
    this.detail = null;
    detailModule ??= import('./notice-detail.ts');
    detailModule.then(
      (mod) => {
        if (this._openId !== id) return;
        this.detail = new mod.NoticeDetail(this, id);
        this.requestUpdate();
      },
      (err: unknown) => {
        detailModule = null;
        this.detailFailed = toSourceError(err);
        this.requestUpdate();
      },
    );
    this.emit('linli-notice-open', id);
  }

  /** Close the detail and go back to the list, focusing the row that opened it. */
  close(): void {
    const id = this._openId;
    if (id === null) return;
    this.detail?.close();
    this.detail = null;
    this._openId = null;
    if (this._status !== 'ready') void this.reload();
    this.emit('linli-notice-close', id);
    void this.returnFocus(this.focusId ?? id);
  }

  private emit(type: 'linli-notice-open' | 'linli-notice-close', noticeId: string): void {
    this.dispatchEvent(new CustomEvent<NoticeEventDetail>(type, { detail: { noticeId }, bubbles: true, composed: true }));
  }

  private async returnFocus(id: string): Promise<void> {
    await this.updateComplete;
    const index = this._notices.findIndex((n) => n.id === id);
    const scroller = this.scroller;
    if (scroller && index >= 0 && (index < this._first || index >= this._last)) {
      this.measure();
      scroller.scrollTop = index * this.rowPx - (this.viewPx - this.rowPx) / 2;
      this.computeWindow(true);
      await this.updateComplete;
    }
    (this.row(id) ?? this.renderRoot.querySelector<HTMLElement>('[part~="item"]'))?.focus();
  }

  private row(id: string): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`[data-id="${CSS.escape(id)}"]`);
  }

  // ── Windowing: rows of a fixed height in em, spacers above and below ──────

  private get scroller(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('.scroller');
  }

  private get virtual(): boolean {
    return this._notices.length > VIRTUAL_FROM;
  }

  /** Row height in px from the list's computed font size, and the visible height. */
  private measure(): void {
    const scroller = this.scroller;
    if (!scroller) return;
    this.rowPx = ROW_EM * (parseFloat(getComputedStyle(scroller).fontSize) || 16);
    this.viewPx = scroller.clientHeight;
  }

  private computeWindow(measure: boolean): void {
    const n = this._notices.length;
    let first = 0;
    let last = n;
    if (this.virtual) {
      if (measure) this.measure();
      const rowPx = this.rowPx || ROW_EM * 16;
      const top = this.scroller?.scrollTop ?? 0;
      first = Math.max(0, Math.floor(top / rowPx) - OVERSCAN);
      last = Math.min(n, Math.ceil((top + (this.viewPx || rowPx * FIRST_ROWS)) / rowPx) + OVERSCAN);
    }
    this._first = first;
    this._last = last;
  }

  private readonly onScroll = (): void => this.computeWindow(false);

  protected override updated(): void {
    const scroller = this.scroller;
    if (scroller !== this.observed) {
      this.resizer?.disconnect();
      this.observed = scroller;
      if (scroller) {
        this.resizer ??= new ResizeObserver(() => this.computeWindow(true));
        this.resizer.observe(scroller);
      }
    }
    if (scroller) {
      // Spacer heights through CSSOM: a strict CSP forbids style attributes, not this.
      const [before, after] = scroller.querySelectorAll<HTMLElement>('.spacer');
      before!.style.blockSize = `${this.virtual ? this._first * ROW_EM : 0}em`;
      after!.style.blockSize = `${this.virtual ? (this._notices.length - this._last) * ROW_EM : 0}em`;
      // Rows are not keyed: if the window moved under a focused row, focus follows its notice.
      const focused = (this.shadowRoot!.activeElement as HTMLElement | null)?.dataset.id;
      if (focused && this.focusedRow && focused !== this.focusedRow) this.row(this.focusedRow)?.focus();
    }
    this.detail?.updated();
  }

  // ── Rendering ──────────────────────────────────────────────────────────────

  renderError(error: LinliSourceError | null, retry: () => void): TemplateResult {
    const e = this.strings!; // only called while rendering, after the table loaded
    return html`<div class="message error" role="alert">
      <p>${e.errors[error?.kind ?? 'network']}</p>
      <button part="button" type="button" class="primary" @click=${retry}>${e.retry}</button>
    </div>`;
  }

  /** This locale's strings, or null while they load. */
  private get strings(): NoticeListStrings | null {
    return listStrings(this.locale, () => this.requestUpdate());
  }

  protected override render(): unknown {
    const t = this.strings;
    if (!t) return nothing;
    const open = this._openId !== null;
    return html`<div class="view" ?hidden=${open}>${this.renderList(t)}</div>
      ${open
        ? (this.detail?.render(t) ??
          html`<section class="pending">
            <button part="button" type="button" @click=${this.close}>${t.back}</button>
            ${this.detailFailed
              ? this.renderError(this.detailFailed, () => this.open(this._openId!, this.focusId))
              : html`<p class="message" role="status">${t.opening}</p>`}
          </section>`)
        : nothing}`;
  }

  private renderList(t: NoticeListStrings): TemplateResult {
    const locale = this.locale;
    if (this._status === 'loading') return html`<p class="message loading" role="status">${t.loading}</p>`;
    if (this._status === 'error') return this.renderError(this.error, () => void this.reload());
    const n = this._notices.length;
    if (n === 0) return html`<p class="message" role="status">${t.empty}</p>`;
    const first = this._first;
    return html`<section class="list" aria-label=${t.listLabel}>
      <p class="count">${this._complete ? fill(t.count, { count: formatNumber(n, locale) }) : nothing}</p>
      <div class="scroller" part="list" @scroll=${this.onScroll}>
        <div class="spacer"></div>
        <ul @click=${this.onClick} @focusin=${this.onFocusIn}>
          ${this._notices.slice(first, this._last).map(
            (notice, i) => html`<li aria-posinset=${first + i + 1} aria-setsize=${n}>
              <button type="button" part="item" class="item" data-id=${notice.id}>
                <span class="title" part="title"
                  >${notice.pinned ? html`<span class="badge">${t.pinned}</span> ` : nothing}${notice.title}</span
                >
                <span class="meta"
                  >${t.boards[notice.board] ?? notice.board} ·
                  <time datetime=${notice.publishAt}>${formatDate(notice.publishAt, locale)}</time></span
                >
              </button>
            </li>`,
          )}
        </ul>
        <div class="spacer"></div>
      </div>
    </section>`;
  }

  private readonly onFocusIn = (e: Event): void => {
    this.focusedRow = (e.target as HTMLElement).dataset.id ?? null;
  };

  private readonly onClick = (e: Event): void => {
    const id = (e.target as Element).closest<HTMLElement>('[data-id]')?.dataset.id;
    if (id) this.open(id, id);
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'linli-notice-board': LinliNoticeBoard;
  }
  interface GlobalEventHandlersEventMap {
    'linli-notice-open': CustomEvent<NoticeEventDetail>;
    'linli-notice-close': CustomEvent<NoticeEventDetail>;
  }
}
