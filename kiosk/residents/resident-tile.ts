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
import { token } from '../../components/core/theme.ts';
import { navigate } from '../navigation.ts';
import type { ResidentSession } from '../session/resident-session.ts';
import { kioskStyles } from '../ui/kiosk-styles.ts';
import { residentStrings } from './strings.ts';

export class LinliResidentTile extends LitElement {
  static override styles = [
    kioskStyles,
    css`
      :host {
        margin-block-start: 32px;
      }
      .tiles {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 14em), 1fr));
        gap: 32px;
      }
      .tile {
        display: flex;
        flex-direction: column;
        align-items: flex-start;
        justify-content: center;
        gap: 0.25em;
        min-block-size: 160px;
        padding: 1em;
        text-align: start;
        background: ${token('--linli-color-accent')};
        color: ${token('--linli-color-on-accent')};
      }
      .tile .name {
        font-size: 2em;
        line-height: 1.2;
      }
      .tile .hint {
        font-weight: 400;
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
      </div>
      <div class="actions">
        <button type="button" class="sign-out" @click=${() => this.dispatchEvent(new CustomEvent('linli-resident-sign-out', { bubbles: true, composed: true }))}>
          ${t.signOut}
        </button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'linli-resident-tile': LinliResidentTile;
  }
}
