/**
 * Who is using the kiosk right now. A resident signs in with phone + PIN or a resident card, or a
 * staff member acts for one (proxy). The app keeps one ResidentSession at most and wipes it —
 * with every other trace of the resident — when they finish or the kiosk goes idle.
 */

export type ResidentSignInMethod = 'pin' | 'card' | 'proxy';

export interface ResidentSession {
  residentId: string;
  /** The resident's name: shown only on their own screens, never spoken or printed publicly. */
  name: string;
  method: ResidentSignInMethod;
  /** For proxy sessions: the staff member acting for the resident (every action is audited). */
  proxyStaffNo?: string;
  /** ISO-8601. */
  startedAt: string;
  /**
   * Optional: more of this resident's data the kiosk must never speak while the session lasts
   * (their phone number, a card number). The name is always kept from speech.
   */
  unspoken?: readonly string[];
}

export interface ResidentSignedInDetail {
  session: ResidentSession;
}

declare global {
  interface GlobalEventHandlersEventMap {
    /** A sign-in screen (or staff proxy search) asks the app to start a resident session. */
    'linli-resident-signed-in': CustomEvent<ResidentSignedInDetail>;
    /** The resident (or staff) ends the session: the app wipes it. */
    'linli-resident-sign-out': CustomEvent<void>;
  }
}
