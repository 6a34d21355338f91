/**
 * Pairing: a kiosk with no device token asks for the one-time code staff created on the
 * server, typed on a big on-screen keyboard (or a real one).
 *
 * @summary Kiosk pairing screen.
 */
import { css, html, LitElement } from 'lit';
import { LocaleController } from '../../components/core/locale-controller.ts';
import type { PairResult } from '../sync/pairing.ts';
import { normalizePairingCode } from '../sync/pairing.ts';
import { kioskStrings } from '../strings.ts';
import { kioskStyles } from '../ui/kiosk-styles.ts';
import { announce, joinSpoken, type SpokenScreen } from '../ui/spoken-screen.ts';

const KEYS = [...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'];

export class LinliPairingScreen extends LitElement implements SpokenScreen {
  static override styles = [
    kioskStyles,
    css`
      input {
        font-size: 1.75em;
        letter-spacing: 0.2em;
        text-transform: uppercase;
        max-inline-size: 16em;
        font-variant-numeric: tabular-nums;
      }
      .keys {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(72px, 1fr));
        gap: 12px;
        margin-block: 24px;
      }
      .keys button {
        font-size: 1.25em;
        padding-inline: 0;
      }
      .keys button.word {
        grid-column: span 2;
        font-size: 1em;
      }
      .submit {
        min-inline-size: 12em;
        font-size: 1.25em;
      }
    `,
  ];

  static override properties = {
    pair: { attribute: false },
    code: { type: String },
    busy: { type: Boolean },
    error: { type: String },
  };

  /** Trades a code for a device token (the app stores it and starts syncing). */
  declare pair: (code: string) => Promise<PairResult>;
  declare code: string;
  declare busy: boolean;
  declare error: '' | 'bad-code' | 'network' | 'server';
  readonly #locale = new LocaleController(this);

  constructor() {
    super();
    this.pair = async () => ({ ok: false, reason: 'network' });
    this.code = '';
    this.busy = false;
    this.error = '';
  }

  async #submit(event?: Event): Promise<void> {
    event?.preventDefault();
    const code = normalizePairingCode(this.code);
    if (this.busy || code.length === 0) return;
    this.busy = true;
    this.error = '';
    try {
      const result = await this.pair(code);
      if (!result.ok) {
        this.error = result.reason;
        announce(this, kioskStrings[this.#locale.value].pairing.errors[result.reason]);
      }
    } finally {
      this.busy = false;
    }
  }

  /** Never the typed code: heading, instructions, the field's name and the error. */
  spokenText(): string {
    const locale = this.#locale.value;
    const t = kioskStrings[locale].pairing;
    return joinSpoken([t.heading, t.intro, t.codeLabel, this.error ? t.errors[this.error] : ''], locale);
  }

  protected override render(): unknown {
    const t = kioskStrings[this.#locale.value].pairing;
    const k = kioskStrings[this.#locale.value].keypad;
    return html`
      <h1>${t.heading}</h1>
      <p>${t.intro}</p>
      <form @submit=${(e: Event) => void this.#submit(e)}>
        <label for="code">${t.codeLabel}</label>
        <input
          id="code"
          name="code"
          autocomplete="off"
          autocapitalize="characters"
          spellcheck="false"
          maxlength="16"
          .value=${this.code}
          aria-invalid=${this.error === 'bad-code' ? 'true' : 'false'}
          aria-describedby="error"
          @input=${(e: Event) => (this.code = (e.target as HTMLInputElement).value.toUpperCase())}
        />
        <div class="keys" role="group" aria-label=${t.keyboardLabel}>
          ${KEYS.map((key) => html`<button type="button" @click=${() => (this.code += key)}>${key}</button>`)}
          <button type="button" class="word" aria-label=${k.backspace} @click=${() => (this.code = this.code.slice(0, -1))}>${k.backspaceShort}</button>
          <button type="button" class="word" aria-label=${k.clear} @click=${() => (this.code = '')}>${k.clearShort}</button>
        </div>
        <p id="error" class="error" role="alert">${this.error ? t.errors[this.error] : ''}</p>
        <button type="submit" class="primary submit" ?disabled=${this.busy || this.code.length === 0}>${this.busy ? t.busy : t.submit}</button>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'linli-pairing-screen': LinliPairingScreen;
  }
}
