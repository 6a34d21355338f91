/**
 * Read-aloud over the Web Speech API: speak(), stop(), hasVoice(), and the <linli-read-aloud>
 * button. Nothing personal is ever spoken: full mobile and ID numbers are removed before any text
 * reaches the speech engine (domain findPersonalNumbers), whoever calls speak().
 */
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { findPersonalNumbers } from '../../domain/personal-data.ts';
import type { Locale } from './i18n.ts';
import { LocaleController } from './locale-controller.ts';
import { readAloudStyles } from './read-aloud.styles.ts';
import { readAloudStrings } from './read-aloud.strings.ts';

function synth(): SpeechSynthesis | null {
  return typeof globalThis.speechSynthesis === 'object' && globalThis.speechSynthesis !== null ? globalThis.speechSynthesis : null;
}

/** Text with every full mobile or ID number cut out. */
export function stripPersonalNumbers(text: string): string {
  let out = text;
  // From the end, so earlier indexes stay valid.
  for (const f of findPersonalNumbers(text).reverse()) out = out.slice(0, f.index) + out.slice(f.index + f.text.length);
  return out;
}

/** Which of our locales a voice speaks (zh-CN, zh_CN, cmn-Hans-CN → zh-CN; zh-TW, zh-HK → zh-TW). */
function voiceLocale(lang: string): Locale | null {
  const t = lang.replace(/_/g, '-').toLowerCase();
  if (/^(zh|cmn)\b/.test(t)) return /hant|tw|hk|mo/.test(t) ? 'zh-TW' : 'zh-CN';
  if (/^en\b/.test(t)) return 'en';
  return null;
}

/** The best installed voice for a locale: exact tag first, then a local (offline) voice. */
export function pickVoice(locale: Locale): SpeechSynthesisVoice | null {
  const voices = synth()?.getVoices() ?? [];
  const matching = voices.filter((v) => voiceLocale(v.lang) === locale);
  const score = (v: SpeechSynthesisVoice): number =>
    (v.lang.replace(/_/g, '-').toLowerCase() === locale.toLowerCase() ? 2 : 0) + (v.localService ? 1 : 0);
  return matching.sort((a, b) => score(b) - score(a))[0] ?? null;
}

export function hasVoice(locale: Locale): boolean {
  return pickVoice(locale) !== null;
}

/** Speak text (personal numbers removed) in the locale's voice; resolves when speech ends or stops. */
export function speak(text: string, locale: Locale): Promise<void> {
  const s = synth();
  const voice = pickVoice(locale);
  if (!s || !voice) return Promise.resolve();
  s.cancel();
  const utterance = new SpeechSynthesisUtterance(stripPersonalNumbers(text));
  utterance.voice = voice;
  utterance.lang = voice.lang;
  utterance.rate = 0.9;
  return new Promise((resolve) => {
    utterance.addEventListener('end', () => resolve());
    utterance.addEventListener('error', () => resolve());
    s.speak(utterance);
  });
}

export function stop(): void {
  synth()?.cancel();
}

/**
 * A button that reads a text aloud, and stops it. It hides itself when the device has no voice
 * for the locale.
 *
 * @summary Read-aloud button (Web Speech API).
 * @csspart button - The read/stop button.
 * @cssprop --linli-color-accent - Button colour.
 * @cssprop --linli-target-size - Minimum button size.
 */
export class LinliReadAloud extends LitElement {
  static override styles = readAloudStyles;
  static override properties = {
    text: { type: String },
    _speaking: { state: true },
  };

  /** What to read. Personal numbers are removed before speaking. */
  declare text: string;
  declare private _speaking: boolean;
  private readonly locale = new LocaleController(this);
  private run = 0;

  constructor() {
    super();
    this.text = '';
    this._speaking = false;
  }

  private readonly onVoices = (): void => this.requestUpdate();

  override connectedCallback(): void {
    super.connectedCallback();
    synth()?.addEventListener('voiceschanged', this.onVoices);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    synth()?.removeEventListener('voiceschanged', this.onVoices);
    if (this._speaking) stop();
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    this.toggleAttribute('hidden', !hasVoice(this.locale.value));
  }

  private async toggle(): Promise<void> {
    if (this._speaking) {
      stop();
      this._speaking = false;
      return;
    }
    const run = ++this.run;
    this._speaking = true;
    await speak(this.text, this.locale.value);
    if (run === this.run) this._speaking = false;
  }

  protected override render(): unknown {
    if (!hasVoice(this.locale.value)) return nothing;
    const t = readAloudStrings[this.locale.value];
    return html`<button part="button" type="button" class=${this._speaking ? 'speaking' : ''} @click=${this.toggle}>
      ${this._speaking ? t.stop : t.read}
    </button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'linli-read-aloud': LinliReadAloud;
  }
}
