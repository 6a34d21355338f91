/**
 * The home screen's resident tile: 登录 when nobody is signed in; 我的 and 退出登录 for the
 * signed-in resident (or the resident staff are acting for).
 *
 * @summary Home tile for resident sign-in / 我的.
 * @fires linli-resident-sign-out - The resident (or staff) ends the session.
 */
import { css, html, LitElement } from 'lit';
import { fill } from '../../components/core/i18n.ts';
import { LocaleController } from '../../components/core/locale-controller.ts';
import { navigate } from '../navigation.ts';
import type { ResidentSession } from '../session/resident-session.ts';
import { kioskStyles } from '../ui/kiosk-styles.ts';
import { joinSpoken, type SpokenScreen } from '../ui/spoken-screen.ts';
import { tileStyles } from '../ui/tile-styles.ts';
import { residentStrings } from './strings.ts';

/** Ask the app to end the resident's session (退出登录). */
export function requestSignOut(from: Element): void {
  from.dispatchEvent(new CustomEvent('linli-resident-sign-out', { bubbles: true, composed: true }));
}

export class LinliResidentTile extends LitElement implements SpokenScreen {
  static override styles = [
    kioskStyles,
    tileStyles,
    css`
      :host {
        margin-block-start: 32px;
      }
    `,
  ];

  static override properties = {
    session: { attribute: false },
  };

  declare session: ResidentSession | null;
  readonly #locale = new LocaleController(this);

  constructor() {
    super();
    this.session = null;
  }

  /** The tile's name and hint; signed in, a greeting without the name (never spoken), 我的 and 退出登录. */
  spokenText(): string {
    const locale = this.#locale.value;
    const t = residentStrings[locale].tile;
    const s = this.session;
    if (!s) return joinSpoken([t.signIn, t.signInHint], locale);
    return joinSpoken([s.method === 'proxy' ? t.spokenProxy : t.spokenSignedIn, t.mine, t.mineHint, t.shop, t.shopHint, t.points, t.pointsHint, t.meals, t.mealsHint, t.signOut], locale);
  }

  protected override render(): unknown {
    const t = residentStrings[this.#locale.value].tile;
    const s = this.session;
    if (!s) {
      return html`<div class="tiles">
        <button type="button" class="tile" data-tile="resident-sign-in" @click=${() => navigate(this, { screen: 'resident-sign-in' })}>
          <span class="name">${t.signIn}</span><span class="hint">${t.signInHint}</span>
        </button>
      </div>`;
    }
    return html`
      <p class="greeting">${fill(s.method === 'proxy' ? t.proxyGreeting : t.greeting, { name: s.name })}</p>
      <div class="tiles">
        <button type="button" class="tile" data-tile="mine" @click=${() => navigate(this, { screen: 'mine' })}>
          <span class="name">${t.mine}</span><span class="hint">${t.mineHint}</span>
        </button>
        <button type="button" class="tile" data-tile="points-shop" @click=${() => navigate(this, { screen: 'points-shop' })}>
          <span class="name">${t.shop}</span><span class="hint">${t.shopHint}</span>
        </button>
        <button type="button" class="tile" data-tile="my-points" @click=${() => navigate(this, { screen: 'my-points' })}>
          <span class="name">${t.points}</span><span class="hint">${t.pointsHint}</span>
        </button>
        <button type="button" class="tile" data-tile="meal-book" @click=${() => navigate(this, { screen: 'meal-book' })}>
          <span class="name">${t.meals}</span><span class="hint">${t.mealsHint}</span>
        </button>
      </div>
      <div class="actions">
        <button type="button" class="sign-out" @click=${() => requestSignOut(this)}>${t.signOut}</button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'linli-resident-tile': LinliResidentTile;
  }
}
