/**
 * Read-aloud over the Web Speech API: speak(), stop(), hasVoice(), and the <linli-read-aloud>
 * button. Nothing personal is ever spoken: full mobile and ID numbers (domain findPersonalNumbers),
 * any other phone-like run of 7 or more digits, and whatever a host put on the deny-list (the
 * kiosk adds the signed-in resident's name and the digits typed on its keypads) are removed before
 * any text reaches the speech engine, whoever calls speak().
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

const denied = new Set<string>();
let defaultVolume = 1;

/**
 * Never speak these strings (until clearDeniedSpeech()): a resident's name, a PIN or phone number
 * typed on a keypad. Strings of digits also match with spaces or dashes between the digits.
 */
export function denySpeech(...values: string[]): void {
  for (const v of values) {
    const t = v.trim();
    if (t.length > 0) denied.add(t);
  }
}

/** Forget the deny-list (the kiosk does so when it wipes a session). */
export function clearDeniedSpeech(): void {
  denied.clear();
}

/** How many strings the deny-list holds (for tests and the kiosk's wipe check). */
export function deniedSpeechCount(): number {
  return denied.size;
}

/** The volume (0–1) of every utterance that does not set its own; the kiosk resets it per session. */
export function setSpeechVolume(volume: number): void {
  defaultVolume = Math.min(1, Math.max(0, volume));
}

export function speechVolume(): number {
  return defaultVolume;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// 7+ digits, optionally with spaces, dashes or a leading +: a phone number (landline, hotline).
const PHONE_LIKE = /\+?(?<!\d)\d(?:[\s-]?\d){6,}(?!\d)/g;
// …but an ISO date (2026-11-20) is not one.
const ISO_DATE = /^\d{4}-\d{1,2}-\d{1,2}$/;

/** The text as it may be spoken: personal numbers, phone-like numbers and denied strings removed. */
export function redactForSpeech(text: string): string {
  let out = stripPersonalNumbers(text).replace(PHONE_LIKE, (m) => (ISO_DATE.test(m) ? m : ''));
  // Longest first, so a full number goes before a shorter piece of it.
  for (const value of [...denied].sort((a, b) => b.length - a.length)) {
    const pattern = /^\d+$/.test(value) ? [...value].join('[\\s-]?') : escapeRegExp(value);
    out = out.replace(new RegExp(pattern, 'gi'), '');
  }
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

export interface SpeakOptions {
  /** 0–1; default: setSpeechVolume()'s value. */
  volume?: number;
}

/**
 * Speak text (redactForSpeech) in the locale's voice; resolves when speech ends or stops. Nothing
 * is spoken when nothing is left after redaction.
 */
export function speak(text: string, locale: Locale, options: SpeakOptions = {}): Promise<void> {
  const s = synth();
  const voice = pickVoice(locale);
  if (!s || !voice) return Promise.resolve();
  s.cancel();
  const said = redactForSpeech(text);
  if (said.trim().length === 0) return Promise.resolve();
  const utterance = new SpeechSynthesisUtterance(said);
  utterance.voice = voice;
  utterance.lang = voice.lang;
  utterance.rate = 0.9;
  utterance.volume = Math.min(1, Math.max(0, options.volume ?? defaultVolume));
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
 * @tagname linli-read-aloud
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
