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
import { kioskStrings } from '../strings.ts';
import { kioskStyles } from '../ui/kiosk-styles.ts';

export class LinliNoticesScreen extends LitElement {
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
        font-size: 24px;
        /* The list fills the screen between the board buttons and the footer. */
        --linli-notice-board-max-block-size: max(10em, calc(100dvh - 520px));
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
