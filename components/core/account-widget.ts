/**
 * The shell the widgets with a resident's account share (the points shop, the meal booking, the
 * volunteer board): the public list read from the active source (loading, error with 重试,
 * "not offered here"), the account bar, and the sign-in-and-act flow loaded on first use and shown
 * in place of the list, focus going back where it was opened from when it closes.
 */
import { html, LitElement, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { ActiveSource, type PointsCapable } from './active-source.ts';
import type { HttpBase } from './http-base.ts';
import type { Locale } from './i18n.ts';
import { LocaleController } from './locale-controller.ts';
import type { ResidentFlowHost } from './resident-flow.ts';
import { toSourceError, type LinliSource, type LinliSourceError } from './source.ts';
import type { SourceErrorStrings } from './strings.ts';

/** What the lazily loaded flow offers the widget. */
export interface AccountFlow {
  /** Open for `key` (the list entry acted on), or just to sign in when null. */
  start(key: string | null): void;
  /** The open step, or null when the flow is closed or its strings are loading. */
  render(): TemplateResult | null;
  /** The account bar: who is signed in and their things, or `signIn`. */
  renderBar(signIn: TemplateResult): TemplateResult;
  signOut(reason: null): void;
}

/** The list's words every such widget has. */
export interface AccountWidgetStrings extends SourceErrorStrings {
  loading: string;
  unavailable: string;
  signIn: string;
  signInHint: string;
  opening: string;
  back: string;
}

type Status = 'loading' | 'ready' | 'error' | 'unavailable';

export abstract class AccountWidget<D, F extends AccountFlow, S extends AccountWidgetStrings> extends LitElement implements ResidentFlowHost {
  static override properties: PropertyDeclarations = {
    api: {},
    station: {},
    source: { attribute: false },
    _status: { state: true },
    _data: { state: true },
    _flowOpen: { state: true },
  };

  /** With `station`: the station server's API base URL; the widget then fetches by itself. */
  declare api: string;
  /** With `api`: the station id. */
  declare station: string;
  /** A data source set from script; it takes precedence over `api` and the provider's. */
  declare source: LinliSource | undefined;

  declare protected _status: Status;
  declare protected _data: D | null;
  declare private _flowOpen: boolean;

  private readonly lang$ = new LocaleController(this);
  protected readonly active: ActiveSource;
  private error: LinliSourceError | null = null;
  private token = 0;
  protected flow: F | null = null;
  private flowFailed: LinliSourceError | null = null;
  private returnTo: string | null = null;

  /** `install` gives the widget's own website source its capability (withPoints, withMeals …). */
  constructor(install?: (base: HttpBase) => HttpBase) {
    super();
    this.api = '';
    this.station = '';
    this.source = undefined;
    this._status = 'loading';
    this._data = null;
    this._flowOpen = false;
    this.active = new ActiveSource(this, () => void this.reload(), install);
  }

  get locale(): Locale {
    return this.lang$.value;
  }

  /** This locale's list strings, or null while they load. */
  protected abstract get strings(): S | null;
  /** Read the public data from `source`, or null when the source does not offer it. */
  protected abstract read(source: PointsCapable): Promise<D> | null;
  /** Load the flow module and make the flow for this widget. */
  protected abstract loadFlow(): Promise<F>;
  /** The list, once read. */
  protected abstract renderData(t: S, data: D): TemplateResult;
  /** Whether the account bar shows above the list (not when there is nothing to act on). */
  protected showAccount(_data: D): boolean {
    return true;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // A page that removes the widget also forgets who was signed in.
    this.flow?.signOut(null);
    this._flowOpen = false;
  }

  /** Read again (what 重试 does; also after every change at the station). */
  async reload(): Promise<void> {
    const token = ++this.token;
    const source = this.active.value;
    if (!source) return;
    const reading = this.read(source);
    if (!reading) {
      this._status = 'unavailable';
      return;
    }
    if (this._status === 'error') this._status = 'loading';
    try {
      const data = await reading;
      if (token !== this.token) return;
      this._data = data;
      this._status = 'ready';
    } catch (err) {
      if (token !== this.token || this._status === 'ready') return;
      this.error = toSourceError(err);
      this._status = 'error';
    }
  }

  /** Open the flow for `key` (sign in first if needed), or just to sign in when null. */
  protected openFlow(key: string | null): void {
    this.returnTo = key;
    this._flowOpen = true;
    this.flowFailed = null;
    const flow = this.flow ? Promise.resolve(this.flow) : this.loadFlow();
    flow.then(
      (f) => {
        if (!this._flowOpen) return;
        this.flow ??= f;
        this.flow.start(key);
      },
      (err: unknown) => {
        this.flowFailed = toSourceError(err);
        this.requestUpdate();
      },
    );
  }

  closeFlow(): void {
    this._flowOpen = false;
    const key = this.returnTo;
    void this.updateComplete.then(() => {
      const root = this.renderRoot;
      const target =
        (key && root.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]:not(:disabled)`)) ||
        root.querySelector<HTMLElement>('[part~="account"] [data-focus]') ||
        root.querySelector<HTMLElement>('[part~="account"] button');
      target?.focus();
    });
  }

  protected override render(): unknown {
    const t = this.strings;
    if (!t) return nothing;
    if (this._flowOpen) {
      return (
        this.flow?.render() ??
        html`<section class="pending" part="panel">
          <button part="button" type="button" @click=${() => this.closeFlow()}>${t.back}</button>
          ${this.flowFailed ? this.renderError(this.flowFailed, () => this.openFlow(this.returnTo)) : html`<p class="message" role="status">${t.opening}</p>`}
        </section>`
      );
    }
    const data = this._data;
    if (this._status === 'unavailable') return html`<p class="message" role="status">${t.unavailable}</p>`;
    if (this._status === 'error') return this.renderError(this.error, () => void this.reload());
    if (this._status === 'loading' || !data) return html`<p class="message" role="status">${t.loading}</p>`;
    return html`${this.showAccount(data) ? this.renderAccount(t) : nothing}${this.renderData(t, data)}`;
  }

  private renderError(error: LinliSourceError | null, retry: () => void): TemplateResult {
    const t = this.strings!;
    return html`<div class="message error" role="alert">
      <p>${t.errors[error?.kind ?? 'network']}</p>
      <button part="button" type="button" class="primary" @click=${retry}>${t.retry}</button>
    </div>`;
  }

  private renderAccount(t: S): TemplateResult {
    const signIn = html`<p>${t.signInHint}</p>
      <button part="button" type="button" class="primary" @click=${() => this.openFlow(null)}>${t.signIn}</button>`;
    return html`<div class="account" part="account">${this.flow ? this.flow.renderBar(signIn) : signIn}</div>`;
  }

  /** A click on a list button with `data-key` opens the flow for it. */
  protected readonly onListClick = (e: Event): void => {
    const key = (e.target as Element).closest<HTMLButtonElement>('button[data-key]')?.dataset.key;
    if (key) this.openFlow(key);
  };
}
