/**
 * The home screen: big tiles for what works at this station today (notices, 志愿服务 — open to
 * everyone; the resident's own tiles come with resident-tile.ts).
 *
 * @summary Kiosk home screen.
 */
import { css, html, LitElement } from 'lit';
import { fill, formatNumber } from '../../components/core/i18n.ts';
import { LocaleController } from '../../components/core/locale-controller.ts';
import { navigate } from '../navigation.ts';
import { kioskStrings } from '../strings.ts';
import { kioskStyles } from '../ui/kiosk-styles.ts';
import { tileStyles } from '../ui/tile-styles.ts';
import { joinSpoken, type SpokenScreen } from '../ui/spoken-screen.ts';

export class LinliHomeScreen extends LitElement implements SpokenScreen {
  static override styles = [
    kioskStyles,
    tileStyles,
    css`
      .tile {
        min-block-size: 200px;
      }
    `,
  ];

  static override properties = {
    noticeCount: { type: Number, attribute: 'notice-count' },
  };

  /** How many notices are visible now (shown on the tile). */
  declare noticeCount: number;
  readonly #locale = new LocaleController(this);

  constructor() {
    super();
    this.noticeCount = 0;
  }

  /** Heading, hint, then each tile: its name, what it holds, its count. */
  spokenText(): string {
    const locale = this.#locale.value;
    const t = kioskStrings[locale].home_;
    return joinSpoken([t.heading, t.touchHint, t.notices, t.noticesHint, fill(t.noticeCount, { n: formatNumber(this.noticeCount, locale) }), t.volunteer, t.volunteerHint], locale);
  }

  protected override render(): unknown {
    const locale = this.#locale.value;
    const t = kioskStrings[locale].home_;
    return html`
      <h1>${t.heading}</h1>
      <p class="muted">${t.touchHint}</p>
      <div class="tiles">
        <button type="button" class="tile" data-tile="notices" @click=${() => navigate(this, { screen: 'notices' })}>
          <span class="name">${t.notices}</span>
          <span class="hint">${t.noticesHint}</span>
          <span class="hint">${fill(t.noticeCount, { n: formatNumber(this.noticeCount, locale) })}</span>
        </button>
        <button type="button" class="tile" data-tile="volunteer" @click=${() => navigate(this, { screen: 'volunteer' })}>
          <span class="name">${t.volunteer}</span>
          <span class="hint">${t.volunteerHint}</span>
        </button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'linli-home-screen': LinliHomeScreen;
  }
}
