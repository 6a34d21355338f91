/**
 * What the two keypad sign-in screens (staff: 工号 + PIN; residents: mobile number + PIN) share:
 * the layout of a step, the properties (database, clock, step, masked PIN, message, busy) and how
 * a message is shown — on screen in the alert line and spoken at once when 朗读 is on.
 */
import { css, LitElement, type PropertyDeclarations } from 'lit';
import { LocaleController } from '../../components/core/locale-controller.ts';
import type { KioskDb } from '../store/kiosk-db.ts';
import { kioskStyles } from './kiosk-styles.ts';
import { announce } from './spoken-screen.ts';

/** One keypad step: a heading, the keypad, then the step's buttons side by side. */
export const keypadStepStyles = css`
  .step {
    max-inline-size: 28em;
  }
  .actions button {
    flex: 1 1 8em;
  }
`;

export abstract class KeypadSignInScreen<FirstStep extends string> extends LitElement {
  static override styles = [kioskStyles, keypadStepStyles];

  static override properties: PropertyDeclarations = {
    db: { attribute: false },
    now: { attribute: false },
    step: { type: String },
    pin: { type: String, attribute: false },
    message: { type: String, attribute: false },
    busy: { type: Boolean, attribute: false },
  };

  declare db: KioskDb | null;
  declare now: () => Date;
  declare step: FirstStep | 'pin';
  declare pin: string;
  declare message: string;
  declare busy: boolean;
  protected readonly locale = new LocaleController(this);

  constructor(firstStep: FirstStep) {
    super();
    this.db = null;
    this.now = () => new Date();
    this.step = firstStep;
    this.pin = '';
    this.message = '';
    this.busy = false;
  }

  /** Show a prompt or an error, and speak it (when 朗读 is on). */
  protected say(message: string): void {
    this.message = message;
    announce(this, message);
  }
}
