/**
 * What the points shop, the meal booking and the volunteer board share once a resident acts on a
 * website: the phone + PIN form, the session kept in memory only (dropped on 退出登录, when the
 * widget leaves the page, and after 30 minutes at the latest), the masked who-line, one alert
 * template, a status line while busy, and focus moved to each new step. Loaded with the first
 * flow, so reading a catalogue, a ranking or a menu never carries it.
 */
import { adoptStyles, html, nothing, type CSSResult, type TemplateResult } from 'lit';
import { maskName, maskPhone } from '../../domain/personal-data.ts';
import { fill, type Locale } from './i18n.ts';
import { RESIDENT_SESSION_MS, type PointsSession } from './points-source.ts';
import { residentFlowStyles } from './resident-flow.styles.ts';
import type { ResidentErrorStrings, ResidentStrings, SourceErrorStrings } from './strings.ts';

/** What a flow needs from the widget that loaded it. */
export interface ResidentFlowHost extends HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly locale: Locale;
  requestUpdate(): void;
  readonly updateComplete: Promise<boolean>;
  /** Back to the list, focus where the flow was opened from (or the sign-in bar). */
  closeFlow(): void;
  /** Fetch the public data again (stock, seats or places changed). */
  reload(): Promise<void>;
}

/** A flow's strings: the sign-in's, and a sentence for every error kind it can meet. */
export interface FlowStringsBase extends ResidentStrings {
  errors: SourceErrorStrings['errors'] & ResidentErrorStrings & Record<string, string>;
}

/** A failure as flows see it: a kind to explain, and the HTTP status when there was one. */
export interface FlowError {
  readonly kind: string;
  readonly status: number | undefined;
}

/** Errors after which the same id is sent again: the station may have applied it. */
export const RETRY_SAME_ID: ReadonlySet<string> = new Set(['network', 'server']);

const styled = new WeakSet<Node>();

export abstract class ResidentFlow<T extends FlowStringsBase, E extends FlowError = FlowError> {
  protected readonly host: ResidentFlowHost;
  /** The open step, or null while the widget shows its list. */
  protected step: string | null = null;
  protected session: PointsSession | null = null;
  /** What is being waited for (shown in the status line), or null. */
  protected busy: string | null = null;
  /** The error shown in the open step. */
  protected error: E | null = null;
  /** The error shown in the account bar (no step open). */
  protected barError: E | null = null;
  /** A sentence shown in the account bar (signed out, cancelled …). */
  protected notice: string | null = null;
  private invalid: 'phone' | 'pin' | null = null;
  private sessionTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: ResidentFlowHost, styles: CSSResult) {
    const root = host.renderRoot;
    if (!styled.has(root) && root instanceof ShadowRoot) {
      styled.add(root);
      const sheets = [residentFlowStyles, styles];
      if (styles.styleSheet) root.adoptedStyleSheets = [...root.adoptedStyleSheets, ...sheets.map((s) => s.styleSheet!)];
      else adoptStyles(root, sheets);
    }
    this.host = host;
  }

  /** This locale's strings, or null while they load. */
  protected abstract get t(): T | null;
  /** Any thrown value as this flow's error. */
  protected abstract toError(err: unknown): E;
  /** Sign in with the widget's source (null when it has none). */
  protected abstract signInWith(phone: string, pin: string): Promise<PointsSession> | null;
  /** After a sign-in: go on with what the resident opened the flow for. */
  protected abstract signedIn(): Promise<void> | void;
  /** Forget what the widget kept about the resident (called when the session ends). */
  protected abstract forget(): void;

  protected update(focus?: string): void {
    this.host.requestUpdate();
    if (focus) {
      void this.host.updateComplete.then(() => {
        this.host.renderRoot.querySelector<HTMLElement>(focus)?.focus();
      });
    }
  }

  /** Open `step`, or sign in first (focus on the phone) when nobody is signed in. */
  protected open(step: string): void {
    this.error = null;
    this.invalid = null;
    this.notice = null;
    if (!this.session) {
      this.step = 'sign-in';
      this.update('#linli-phone');
    } else {
      this.step = step;
      this.update('.flow h3');
    }
  }

  protected close(): void {
    this.step = null;
    this.error = null;
    this.host.closeFlow();
  }

  /** Show why it went wrong (in the step, else in the bar); an ended session goes back to signing in. */
  protected fail(err: unknown, focus = true): void {
    const e = this.toError(err);
    if (e.kind === 'signed-out' && this.session) {
      this.drop();
      if (this.step) this.step = 'sign-in';
    }
    if (this.step) this.error = e;
    else this.barError = e;
    this.update(focus ? '[role="alert"]' : undefined);
  }

  protected emit<D>(type: string, detail: D): void {
    this.host.dispatchEvent(new CustomEvent<D>(type, { detail, bubbles: true, composed: true }));
  }

  private readonly onSignIn = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    if (this.busy) return;
    const form = e.target as HTMLFormElement;
    const pinInput = form.elements.namedItem('pin') as HTMLInputElement;
    const phone = (form.elements.namedItem('phone') as HTMLInputElement).value.replace(/[\s-]/g, '');
    const pin = pinInput.value.trim();
    this.error = null;
    this.invalid = !/^\d{11}$/.test(phone) ? 'phone' : !/^\d{4}$/.test(pin) ? 'pin' : null;
    if (this.invalid) {
      this.update(this.invalid === 'phone' ? '#linli-phone' : '#linli-pin');
      return;
    }
    const signingIn = this.signInWith(phone, pin);
    if (!signingIn) return;
    this.busy = 'signing-in';
    this.update();
    try {
      const session = await signingIn;
      this.session = session;
      // Whichever comes first: the server's expiry or 30 minutes from now.
      const ms = Math.min(RESIDENT_SESSION_MS, Date.parse(session.expiresAt) - Date.now() || RESIDENT_SESSION_MS);
      clearTimeout(this.sessionTimer);
      this.sessionTimer = setTimeout(() => this.signOut('expired'), Math.max(0, ms));
      this.emit('linli-signed-in', undefined);
      this.busy = null;
      await this.signedIn();
    } catch (err) {
      this.busy = null;
      const failure = this.toError(err);
      this.fail(failure);
      if (failure.kind === 'wrong-pin') this.update('#linli-pin');
    } finally {
      // The PIN never stays in the page.
      pinInput.value = '';
    }
  };

  private drop(): void {
    this.session = null;
    clearTimeout(this.sessionTimer);
    this.forget();
  }

  /** Forget the resident: 退出登录 ('signedOut'), the 30 minutes ran out ('expired'), or the widget left the page (null). */
  signOut(reason: 'signedOut' | 'expired' | null): void {
    const had = this.session !== null;
    this.drop();
    this.barError = null;
    this.notice = reason && this.t ? this.t[reason] : null;
    if (reason === null) {
      this.step = null;
      return;
    }
    if (had) this.emit('linli-signed-out', undefined);
    if (this.step !== null) this.close();
    else this.update('[part~="account"] button');
  }

  // ── Rendering ──────────────────────────────────────────────────────────────

  /** The bar's first lines: the notice, then who is signed in (masked) with 退出登录 — or `signIn`. */
  protected renderWho(t: T, signIn: TemplateResult): TemplateResult {
    const s = this.session;
    const notice = this.notice ? html`<p class="notice" role="status" tabindex="-1" data-focus>${this.notice}</p>` : nothing;
    if (!s) return html`${notice}${signIn}`;
    return html`<p class="who">
        <strong tabindex="-1" data-focus>${fill(t.who, { name: maskName(s.resident.name), building: s.resident.building })}</strong>
        <span>${maskPhone(s.resident.phone)}</span>
      </p>
      <button part="button" type="button" @click=${() => this.signOut('signedOut')}>${t.signOut}</button>
      ${notice}
      ${this.barError ? html`<div class="error" role="alert" tabindex="-1"><p>${this.message(t, this.barError)}</p></div>` : nothing}`;
  }

  /** The open step inside its panel, with the status line that says what is being waited for. */
  protected panel(body: TemplateResult, busy: string): TemplateResult {
    return html`<section class="flow" part="panel" aria-labelledby="linli-flow-title">
      ${body}
      <p class="busy" role="status">${busy}</p>
    </section>`;
  }

  protected title(text: string): TemplateResult {
    return html`<h3 id="linli-flow-title" tabindex="-1">${text}</h3>`;
  }

  protected message(t: T, e: FlowError): string {
    return t.errors[e.kind] ?? t.errors.server;
  }

  /** One template for every error, so a message that changes keeps its element (and focus). */
  protected alert(t: T, message: string, retry?: () => void): TemplateResult {
    return html`<div class="error" role="alert" tabindex="-1">
      <p>${message}</p>
      ${retry ? html`<button part="button" type="button" class="primary" @click=${retry}>${t.retry}</button>` : nothing}
    </div>`;
  }

  /** The step's error, with 重试 when trying again with the same id is safe. */
  protected renderError(t: T, retry?: () => void): TemplateResult | typeof nothing {
    const e = this.error;
    if (!e) return nothing;
    return this.alert(t, this.message(t, e), retry && RETRY_SAME_ID.has(e.kind) ? retry : undefined);
  }

  protected renderSignIn(t: T): TemplateResult {
    const inv = this.invalid;
    return html`${this.title(t.signInTitle)}
      <p>${t.signInHint}</p>
      ${this.renderError(t)}
      <form novalidate @submit=${this.onSignIn}>
        <label for="linli-phone">${t.phone}</label>
        <input
          id="linli-phone"
          part="input"
          name="phone"
          type="tel"
          inputmode="numeric"
          autocomplete="tel-national"
          maxlength="13"
          aria-invalid=${inv === 'phone' ? 'true' : 'false'}
          aria-describedby=${inv === 'phone' ? 'linli-invalid' : nothing}
        />
        <label for="linli-pin">${t.pin} <span class="hint">（${t.pinHint}）</span></label>
        <input
          id="linli-pin"
          part="input"
          name="pin"
          type="password"
          inputmode="numeric"
          autocomplete="off"
          maxlength="4"
          aria-invalid=${inv === 'pin' ? 'true' : 'false'}
          aria-describedby=${inv === 'pin' ? 'linli-invalid' : nothing}
        />
        ${inv ? html`<p id="linli-invalid" class="invalid" role="alert">${inv === 'phone' ? t.phoneInvalid : t.pinInvalid}</p>` : nothing}
        <div class="actions">
          <button part="button" type="submit" class="primary">${t.submit}</button>
          <button part="button" type="button" @click=${() => this.close()}>${t.back}</button>
        </div>
      </form>`;
  }
}
