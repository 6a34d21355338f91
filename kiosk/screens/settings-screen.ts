/**
 * Settings for this session only: text size (字号), high contrast (高对比度), read-aloud (朗读) and
 * its volume, and the language. Every choice is a big button that shows whether it is on
 * (aria-pressed and a filled style, never colour alone); the app applies it at once and puts the
 * defaults back when the session is wiped. Read-aloud and volume are left out when the device has
 * no voice for the language.
 *
 * @summary Kiosk settings screen.
 * @fires linli-settings-change - With `detail.settings`, the changed settings.
 */
import { css, html, LitElement, nothing } from 'lit';
import { fill, LOCALES, type Locale } from '../../components/core/i18n.ts';
import { LocaleController } from '../../components/core/locale-controller.ts';
import { token } from '../../components/core/theme.ts';
import { defaultSettings, stepVolume, TEXT_SIZES, VOLUME_STEPS, type KioskSettings, type SettingsChangeDetail } from '../session/kiosk-settings.ts';
import { kioskStrings } from '../strings.ts';
import { kioskStyles } from '../ui/kiosk-styles.ts';
import { joinSpoken, type SpokenScreen } from '../ui/spoken-screen.ts';

export function formatVolume(volume: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { style: 'percent' }).format(volume);
}

export class LinliSettingsScreen extends LitElement implements SpokenScreen {
  static override styles = [
    kioskStyles,
    css`
      section {
        border-block-start: 3px solid ${token('--linli-color-border')};
        padding-block: 0.5em;
      }
      .choices {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 16px;
      }
      .choices button {
        flex: 0 1 auto;
      }
      .choices button[aria-pressed='true'] {
        background: ${token('--linli-color-accent')};
        color: ${token('--linli-color-on-accent')};
      }
      .choices button[aria-pressed='true']::before {
        content: '✓ ';
      }
      .value {
        font-weight: 700;
        min-inline-size: 6em;
        text-align: center;
      }
      .hint {
        margin-block: 0.25em 0.5em;
      }
    `,
  ];

  static override properties = {
    settings: { attribute: false },
    voiceAvailable: { type: Boolean, attribute: 'voice-available' },
  };

  declare settings: KioskSettings;
  /** Whether the device can speak the chosen language (read-aloud settings show only then). */
  declare voiceAvailable: boolean;
  readonly #locale = new LocaleController(this);

  constructor() {
    super();
    this.settings = defaultSettings();
    this.voiceAvailable = false;
  }

  #change(settings: Partial<KioskSettings>): void {
    this.dispatchEvent(new CustomEvent<SettingsChangeDetail>('linli-settings-change', { detail: { settings }, bubbles: true, composed: true }));
  }

  spokenText(): string {
    const locale = this.#locale.value;
    const t = kioskStrings[locale].settings;
    const s = this.settings;
    const value = (name: string, v: string): string => fill(t.spokenValue, { name, value: v });
    return joinSpoken(
      [
        t.heading,
        t.intro,
        value(t.textSize, t.textSizes[s.textSize]),
        value(t.contrast, s.theme === 'high-contrast' ? t.on : t.off),
        this.voiceAvailable && value(t.readAloud, s.readAloud ? t.on : t.off),
        this.voiceAvailable && value(t.volume, formatVolume(s.volume, locale)),
        value(t.language, t.languages[s.locale]),
      ],
      locale,
    );
  }

  protected override render(): unknown {
    const locale = this.#locale.value;
    const t = kioskStrings[locale].settings;
    const s = this.settings;
    const pressed = (on: boolean): 'true' | 'false' => (on ? 'true' : 'false');
    const onOff = (on: boolean, set: (on: boolean) => void): unknown =>
      html`<button type="button" class="on" aria-pressed=${pressed(on)} @click=${() => set(true)}>${t.on}</button>
        <button type="button" class="off" aria-pressed=${pressed(!on)} @click=${() => set(false)}>${t.off}</button>`;
    return html`
      <h1>${t.heading}</h1>
      <p>${t.intro}</p>
      <section class="text-size" aria-labelledby="text-size">
        <h2 id="text-size">${t.textSize}</h2>
        <div class="choices" role="group" aria-labelledby="text-size">
          ${TEXT_SIZES.map(
            (size) =>
              html`<button type="button" data-size=${size} aria-pressed=${pressed(s.textSize === size)} @click=${() => this.#change({ textSize: size })}>
                ${t.textSizes[size]}
              </button>`,
          )}
        </div>
      </section>
      <section class="contrast" aria-labelledby="contrast">
        <h2 id="contrast">${t.contrast}</h2>
        <p class="hint muted">${t.contrastHint}</p>
        <div class="choices" role="group" aria-labelledby="contrast">
          ${onOff(s.theme === 'high-contrast', (on) => this.#change({ theme: on ? 'high-contrast' : 'standard' }))}
        </div>
      </section>
      ${this.voiceAvailable
        ? html`<section class="read-aloud" aria-labelledby="read-aloud">
              <h2 id="read-aloud">${t.readAloud}</h2>
              <p class="hint muted">${t.readAloudHint}</p>
              <div class="choices" role="group" aria-labelledby="read-aloud">
                ${onOff(s.readAloud, (on) => this.#change({ readAloud: on }))}
              </div>
            </section>
            <section class="volume" aria-labelledby="volume">
              <h2 id="volume">${t.volume}</h2>
              <div class="choices" role="group" aria-labelledby="volume">
                <button type="button" class="quieter" ?disabled=${s.volume <= VOLUME_STEPS[0]!} @click=${() => this.#change({ volume: stepVolume(s.volume, -1) })}>
                  ${t.quieter}
                </button>
                <span class="value" role="status">${fill(t.volumeValue, { n: formatVolume(s.volume, locale) })}</span>
                <button type="button" class="louder" ?disabled=${s.volume >= VOLUME_STEPS[VOLUME_STEPS.length - 1]!} @click=${() => this.#change({ volume: stepVolume(s.volume, 1) })}>
                  ${t.louder}
                </button>
              </div>
            </section>`
        : nothing}
      <section class="language" aria-labelledby="language">
        <h2 id="language">${t.language}</h2>
        <div class="choices" role="group" aria-labelledby="language">
          ${LOCALES.map(
            (l) =>
              html`<button type="button" data-locale=${l} lang=${l} aria-pressed=${pressed(s.locale === l)} @click=${() => this.#change({ locale: l })}>
                ${t.languages[l]}
              </button>`,
          )}
        </div>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'linli-settings-screen': LinliSettingsScreen;
  }
}
