/**
 * The emergency screen: while the station has a visible emergency notice it replaces the home
 * screen and the attract loop on every kiosk, in large high-contrast type with read-aloud.
 *
 * @summary Emergency notice takeover.
 */
import { css, html, LitElement, type PropertyValues } from 'lit';
import type { Notice } from '../../domain/index.ts';
import { fill, formatDateTime } from '../../components/core/i18n.ts';
import { LocaleController } from '../../components/core/locale-controller.ts';
import { navigate } from '../navigation.ts';
import { kioskStrings } from '../strings.ts';
import { kioskStyles } from '../ui/kiosk-styles.ts';
import { joinSpoken, type SpokenScreen } from '../ui/spoken-screen.ts';

/** Plain text of a Markdown body for speech (markup characters dropped). */
export function speechText(title: string, markdown: string): string {
  return `${title}。${markdown.replace(/[#*_>`~[\]()!|-]+/g, ' ').replace(/\s+/g, ' ').trim()}`;
}

export class LinliEmergencyScreen extends LitElement implements SpokenScreen {
  static override styles = [
    kioskStyles,
    css`
      .alarm {
        background: #7a0000;
        color: #ffffff;
        padding: 1em;
        border: 6px solid #000000;
        border-radius: 0.25em;
      }
      .label {
        display: inline-block;
        font-size: 1.5em;
        font-weight: 800;
        background: #ffffff;
        color: #7a0000;
        padding-inline: 0.5em;
        margin-block-end: 0.5em;
      }
      h1 {
        font-size: 2.25em;
      }
      .body {
        font-size: 1.375em;
        line-height: 1.6;
      }
      .body a {
        color: #ffffff;
      }
      .body img {
        max-inline-size: 100%;
        block-size: auto;
      }
      .actions button.other {
        background: #ffffff;
        color: #000000;
        border-color: #000000;
      }
    `,
  ];

  static override properties = {
    notice: { attribute: false },
  };

  declare notice: Notice | null;
  readonly #locale = new LocaleController(this);

  constructor() {
    super();
    this.notice = null;
  }

  protected override async updated(changed: PropertyValues<this>): Promise<void> {
    const body = this.renderRoot.querySelector('.body');
    if (changed.has('notice') && body && this.notice) await (await import('../../components/core/markdown.ts')).renderMarkdownInto(body, this.notice.body);
  }

  spokenText(): string {
    const locale = this.#locale.value;
    const t = kioskStrings[locale];
    const n = this.notice;
    if (!n) return '';
    return joinSpoken([t.emergency.heading, speechText(n.title, n.body), t.emergency.otherNotices], locale);
  }

  protected override render(): unknown {
    const locale = this.#locale.value;
    const t = kioskStrings[locale];
    const n = this.notice;
    if (!n) return null;
    return html`
      <section class="alarm" role="alert" aria-labelledby="title">
        <div class="label">${t.emergency.heading}</div>
        <h1 id="title">${n.title}</h1>
        <div class="body"></div>
        <p>${fill(t.emergency.since, { time: formatDateTime(n.publishAt, locale) })}</p>
      </section>
      <div class="actions">
        <linli-read-aloud .text=${speechText(n.title, n.body)}></linli-read-aloud>
        <button type="button" class="other" @click=${() => navigate(this, { screen: 'notices' })}>${t.emergency.otherNotices}</button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'linli-emergency-screen': LinliEmergencyScreen;
  }
}
