/**
 * The notices screen: the boards as big buttons and the notice board widget in kiosk scale,
 * reading the replica through the kiosk source (provided by the app through @lit/context).
 *
 * @summary Kiosk notices screen.
 */
import { css, html, LitElement } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { BOARDS, type Board } from '../../domain/index.ts';
import { LocaleController } from '../../components/core/locale-controller.ts';
import { token } from '../../components/core/theme.ts';
import { fill } from '../../components/core/i18n.ts';
import { kioskStrings } from '../strings.ts';
import { kioskStyles } from '../ui/kiosk-styles.ts';
import { joinSpoken, type SpokenScreen } from '../ui/spoken-screen.ts';

export class LinliNoticesScreen extends LitElement implements SpokenScreen {
  static override styles = [
    kioskStyles,
    css`
      .boards {
        display: flex;
        flex-wrap: wrap;
        gap: 16px;
        margin-block-end: 24px;
      }
      .boards button[aria-pressed='true'] {
        background: ${token('--linli-color-accent')};
        color: ${token('--linli-color-on-accent')};
      }
      linli-notice-board {
        display: block;
        /* The list fills the screen between the board buttons and the footer. */
        --linli-notice-board-max-block-size: max(10em, calc(100dvh - 520px));
      }
      /* Room between the rows, so a shaky tap does not open the neighbour (rows keep their height). */
      linli-notice-board::part(item) {
        block-size: calc(100% - 0.5em);
      }
    `,
  ];

  static override properties = {
    board: { type: String },
  };

  /** The board shown, or '' for all boards. */
  declare board: Board | '';
  readonly #locale = new LocaleController(this);

  constructor() {
    super();
    this.board = '';
  }

  /**
   * Heading and the board chosen, then what the board widget shows through its documented parts:
   * the titles in the list, or the open notice's title and body.
   */
  spokenText(): string {
    const locale = this.#locale.value;
    const t = kioskStrings[locale];
    const root = this.renderRoot.querySelector('linli-notice-board')?.shadowRoot ?? null;
    const detail = root?.querySelector<HTMLElement>('[part~="detail"]') ?? null;
    if (detail) {
      const title = detail.querySelector('[part~="title"]')?.textContent ?? '';
      const body = detail.querySelector<HTMLElement>('[part~="body"]')?.innerText ?? '';
      return joinSpoken([t.spoken.noticeOpen, title, ...body.split(/\n+/)], locale);
    }
    const titles = [...(root?.querySelectorAll('[part~="title"]') ?? [])].map((el) => el.textContent ?? '');
    const status = titles.length === 0 ? (root?.querySelector('[role="status"], [role="alert"]')?.textContent ?? '') : '';
    const board = this.board ? t.boards[this.board] : t.notices.all;
    return joinSpoken([t.notices.heading, fill(t.spoken.board, { board }), ...titles, status], locale);
  }

  protected override render(): unknown {
    const locale = this.#locale.value;
    const t = kioskStrings[locale];
    const tab = (board: Board | '', label: string): unknown =>
      html`<button type="button" aria-pressed=${this.board === board ? 'true' : 'false'} data-board=${board} @click=${() => (this.board = board)}>${label}</button>`;
    return html`
      <h1>${t.notices.heading}</h1>
      <div class="boards" role="group" aria-label=${t.notices.boardsLabel}>
        ${tab('', t.notices.all)} ${BOARDS.map((b) => tab(b, t.boards[b]))}
      </div>
      <linli-notice-board board=${ifDefined(this.board || undefined)} lang=${locale}></linli-notice-board>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'linli-notices-screen': LinliNoticesScreen;
  }
}
