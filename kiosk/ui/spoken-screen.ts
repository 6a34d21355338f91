/**
 * The spoken form of a kiosk screen. Every screen implements `spokenText()`, built from its
 * strings (heading, instructions, the items on screen, prompts, errors) and never from what
 * someone typed; the app's 读给我听 button speaks it. A screen that shows a prompt or an error
 * also calls `announce()`, which the app speaks at once when 朗读 is on.
 *
 * Whatever a screen returns is redacted again before it is spoken (components/core/read-aloud):
 * phone numbers, ID numbers, the resident's name and digits typed on a keypad never reach the
 * speech engine.
 */
import type { Locale } from '../../components/core/i18n.ts';

export interface SpokenScreen {
  spokenText(): string;
}

export function isSpokenScreen(el: unknown): el is SpokenScreen {
  return typeof el === 'object' && el !== null && typeof (el as Partial<SpokenScreen>).spokenText === 'function';
}

const SENTENCE_END = /[。！？.!?…]$/u;
const SOFT_END = /[\s，,、：:；;]+$/u;

/**
 * Sentences joined the way a voice should pause between them: 「一。二。」 in Chinese,
 * "One. Two?" in English. Empty parts are left out; a part that already ends a sentence keeps
 * its own mark (a question stays a question).
 */
export function joinSpoken(parts: readonly (string | null | undefined | false)[], locale: Locale): string {
  const stop = locale === 'en' ? '.' : '。';
  return parts
    .filter((p): p is string => typeof p === 'string')
    .map((p) => p.replace(/\s+/g, ' ').trim().replace(SOFT_END, ''))
    .filter((p) => p.length > 0)
    .map((p) => (SENTENCE_END.test(p) ? p : `${p}${stop}`))
    .join(locale === 'en' ? ' ' : '');
}

export interface SpeakRequestDetail {
  text: string;
}

/** Ask the app to speak a prompt or an error now (only when 朗读 is on). */
export function announce(from: Element, text: string): void {
  if (text.trim().length === 0) return;
  from.dispatchEvent(new CustomEvent<SpeakRequestDetail>('linli-speak', { detail: { text }, bubbles: true, composed: true }));
}

declare global {
  interface GlobalEventHandlersEventMap {
    'linli-speak': CustomEvent<SpeakRequestDetail>;
  }
}
