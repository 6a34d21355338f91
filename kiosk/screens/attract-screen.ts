/**
 * The attract loop: while nobody uses the kiosk, current notices rotate full-screen (one every
 * 10 s). Any touch brings back the home screen (the app listens for it).
 *
 * @summary Idle attract loop.
 */
import { css, html, LitElement, type PropertyValues } from 'lit';
import type { Notice } from '../../domain/index.ts';
import { formatDate } from '../../components/core/i18n.ts';
import { LocaleController } from '../../components/core/locale-controller.ts';
import { token } from '../../components/core/theme.ts';
import { kioskStrings } from '../strings.ts';
import { kioskStyles } from '../ui/kiosk-styles.ts';
import { joinSpoken, type SpokenScreen } from '../ui/spoken-screen.ts';

export class LinliAttractScreen extends LitElement implements SpokenScreen {
  static override styles = [
    kioskStyles,
    css`
      :host {
        min-block-size: 60dvh;
        cursor: pointer;
      }
      .slide {
        display: flex;
        flex-direction: column;
        gap: 0.5em;
      }
      .board {
        display: flex;
        flex-wrap: wrap;
        gap: 1em;
        font-size: 1.25em;
        font-weight: 700;
        color: ${token('--linli-color-accent')};
      }
      h1 {
        font-size: 2.25em;
      }
      .body {
        font-size: 1.25em;
        max-block-size: 50dvh;
        overflow: hidden;
      }
      .body img {
        max-inline-size: 100%;
        block-size: auto;
      }
      .touch {
        font-size: 1.5em;
        font-weight: 700;
        margin-block-start: 1em;
        padding: 0.5em;
        text-align: center;
        border: 3px solid ${token('--linli-color-accent')};
        border-radius: ${token('--linli-radius')};
      }
    `,
  ];

  static override properties = {
    notices: { attribute: false },
    intervalMs: { type: Number, attribute: 'interval-ms' },
    index: { type: Number },
  };

  declare notices: Notice[];
  /** How long each notice stays, in ms (10 s). */
  declare intervalMs: number;
  /** The notice on screen. */
  declare index: number;
  readonly #locale = new LocaleController(this);
  #timer: ReturnType<typeof setInterval> | null = null;

  constructor() {
    super();
    this.notices = [];
    this.intervalMs = 10_000;
    this.index = 0;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#restart();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
  }

  #restart(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = setInterval(() => {
      this.index = this.notices.length > 0 ? (this.index + 1) % this.notices.length : 0;
    }, this.intervalMs);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('intervalMs') && this.isConnected) this.#restart();
    if (this.index >= this.notices.length) this.index = 0;
  }

  protected override async updated(): Promise<void> {
    const body = this.renderRoot.querySelector('.body');
    const current = this.notices[this.index];
    if (body && current) await (await import('../../components/core/markdown.ts')).renderMarkdownInto(body, current.body);
  }

  spokenText(): string {
    const locale = this.#locale.value;
    const t = kioskStrings[locale];
    const current = this.notices[this.index];
    return joinSpoken([current ? t.attract.heading : t.attract.empty, current?.title, t.attract.touchToStart], locale);
  }

  protected override render(): unknown {
    const locale = this.#locale.value;
    const t = kioskStrings[locale];
    const current = this.notices[this.index];
    return html`
      ${current
        ? html`<article class="slide" aria-live="polite" data-notice-id=${current.id}>
            <div class="board"><span>${t.boards[current.board]}</span><span>${formatDate(current.publishAt, locale)}</span></div>
            <h1>${current.title}</h1>
            <div class="body"></div>
          </article>`
        : html`<h1>${t.attract.empty}</h1>`}
      <p class="touch">${t.attract.touchToStart}</p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'linli-attract-screen': LinliAttractScreen;
  }
}
