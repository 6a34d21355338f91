/**
 * USB resident-card readers "type" the card number like a keyboard, very fast, and end with
 * Enter. This listener, attached once at the app level, tells them apart from people on any
 * screen: printable keystrokes are held back for a moment; at least `minLength` of them each less
 * than `maxGapMs` apart followed by Enter are a card (nothing of it reaches the focused field),
 * and anything else is handed on unchanged to where it was going — typed into the field it was
 * meant for, or re-sent as a key to the element (the numeric keypad listens to keys).
 *
 * A card is first offered to the page as a cancelable `linli-card-read` event on window (the
 * registration screen takes it to record a new card); if nobody takes it, the resident is signed
 * in, or the sign-in screen says the card is not registered.
 */
import { normalizeCardNumber } from '../../domain/index.ts';
import type { KioskDb } from '../store/kiosk-db.ts';
import { dispatchSignedIn, findResidentByCard, residentSession } from './resident-sign-in.ts';

export interface CardReaderOptions {
  /** Fewest characters a card number has (6). */
  minLength?: number;
  /** Most time between two keys of a card reader, in ms (50). */
  maxGapMs?: number;
  /** The clock for key timing (tests drive it). */
  now?: () => number;
  setTimeout?: (run: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
  onCard: (cardNumber: string) => void;
}

interface HeldKey {
  key: string;
  at: number;
  target: EventTarget | null;
}

// Keys this listener re-sends itself; they must pass through untouched.
const replayed = new WeakSet<Event>();

function isTextField(el: EventTarget | null): el is HTMLInputElement | HTMLTextAreaElement {
  if (el instanceof HTMLTextAreaElement) return true;
  return el instanceof HTMLInputElement && ['text', 'search', 'tel', 'number', 'email', 'url', 'password', ''].includes(el.type);
}

function insertText(field: HTMLInputElement | HTMLTextAreaElement, text: string): void {
  if (field.readOnly || field.disabled) return;
  const start = field.selectionStart ?? field.value.length;
  const end = field.selectionEnd ?? field.value.length;
  if (field.maxLength >= 0 && field.value.length - (end - start) + text.length > field.maxLength) return;
  try {
    field.setRangeText(text, start, end, 'end');
  } catch {
    // type=number has no selection API.
    field.value += text;
  }
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: text }));
}

export class CardReaderListener {
  readonly minLength: number;
  readonly maxGapMs: number;
  #now: () => number;
  #setTimeout: (run: () => void, ms: number) => unknown;
  #clearTimeout: (handle: unknown) => void;
  #onCard: (cardNumber: string) => void;
  #held: HeldKey[] = [];
  #timer: unknown = null;
  #target: EventTarget | null = null;

  constructor(options: CardReaderOptions) {
    this.minLength = options.minLength ?? 6;
    this.maxGapMs = options.maxGapMs ?? 50;
    this.#now = options.now ?? (() => performance.now());
    this.#setTimeout = options.setTimeout ?? ((run, ms) => setTimeout(run, ms));
    this.#clearTimeout = options.clearTimeout ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
    this.#onCard = options.onCard;
  }

  /** Listen on `target` (window) in the capture phase, ahead of every screen. */
  attach(target: EventTarget): () => void {
    this.#target = target;
    const listener = (event: Event): void => this.#onKeyDown(event as KeyboardEvent);
    target.addEventListener('keydown', listener, { capture: true });
    return () => {
      target.removeEventListener('keydown', listener, { capture: true });
      this.flush();
      this.#target = null;
    };
  }

  #onKeyDown(event: KeyboardEvent): void {
    if (replayed.has(event)) return;
    const at = this.#now();
    const last = this.#held[this.#held.length - 1];
    const burst = last !== undefined && at - last.at < this.maxGapMs;
    if (event.key === 'Enter' && !event.isComposing) {
      if (burst && this.#held.length >= this.minLength) {
        const card = normalizeCardNumber(this.#held.map((k) => k.key).join(''));
        if (card !== null) {
          event.preventDefault();
          event.stopImmediatePropagation();
          this.#clearTimer();
          this.#held = [];
          this.#onCard(card);
          return;
        }
      }
      this.flush();
      return;
    }
    const printable = event.key.length === 1 && !event.ctrlKey && !event.altKey && !event.metaKey && !event.isComposing;
    if (!printable) {
      this.flush();
      return;
    }
    if (!burst) this.flush();
    // Held back until it is clear this is a person; then it is handed on (see flush).
    event.preventDefault();
    event.stopImmediatePropagation();
    this.#held.push({ key: event.key, at, target: event.composedPath()[0] ?? event.target });
    this.#clearTimer();
    this.#timer = this.#setTimeout(() => {
      this.#timer = null;
      this.flush();
    }, this.maxGapMs);
  }

  /** Hand held keys on to where they were going (a person typed them). */
  flush(): void {
    this.#clearTimer();
    const held = this.#held;
    this.#held = [];
    for (const k of held) {
      if (isTextField(k.target)) {
        insertText(k.target, k.key);
        continue;
      }
      const to = k.target ?? this.#target;
      if (!to) continue;
      const again = new KeyboardEvent('keydown', { key: k.key, bubbles: true, composed: true, cancelable: true });
      replayed.add(again);
      to.dispatchEvent(again);
    }
  }

  #clearTimer(): void {
    if (this.#timer !== null) this.#clearTimeout(this.#timer);
    this.#timer = null;
  }
}

export interface CardReadDetail {
  cardNumber: string;
}

/** The sign-in screen's message for a card nobody registered, kept until it is shown. */
let unknownCardAt: number | null = null;

/** True once if a card was not recognised in the last few seconds (the sign-in screen shows it). */
export function takeUnknownCardNotice(now = Date.now()): boolean {
  const at = unknownCardAt;
  unknownCardAt = null;
  return at !== null && now - at < 5_000;
}

export interface CardSignInHost {
  /** Where the session event is sent from (an element inside the app, so the app hears it). */
  eventSource(): EventTarget;
  db(): KioskDb | null;
  now(): Date;
  /** Show the resident sign-in screen (for "card not registered"). */
  showSignIn(): void;
  /** After a card signed someone in (e.g. leave the sign-in screen). */
  signedIn?(): void;
}

/**
 * The app-level wiring: read cards on `target` (window) and sign their residents in. Returns the
 * function that detaches it.
 */
export function attachCardSignIn(target: Window, host: CardSignInHost, options: Partial<CardReaderOptions> = {}): () => void {
  const reader = new CardReaderListener({
    ...options,
    onCard: (cardNumber) => {
      const offered = new CustomEvent<CardReadDetail>('linli-card-read', { detail: { cardNumber }, cancelable: true });
      target.dispatchEvent(offered);
      if (offered.defaultPrevented) return;
      void (async () => {
        const db = host.db();
        const resident = db ? await findResidentByCard(db, cardNumber) : null;
        if (resident) {
          // The card number (as read and as stored) is never spoken while the session lasts.
          dispatchSignedIn(host.eventSource(), residentSession(resident, 'card', host.now(), undefined, [cardNumber, normalizeCardNumber(cardNumber) ?? '']));
          host.signedIn?.();
          return;
        }
        // A sign-in screen already showing takes the message itself; otherwise it shows it on arrival.
        const unknown = new CustomEvent('linli-card-unknown', { cancelable: true });
        target.dispatchEvent(unknown);
        if (unknown.defaultPrevented) return;
        unknownCardAt = Date.now();
        host.showSignIn();
      })();
    },
  });
  return reader.attach(target);
}

declare global {
  interface WindowEventMap {
    'linli-card-read': CustomEvent<CardReadDetail>;
    'linli-card-unknown': CustomEvent<void>;
  }
}
