/**
 * A confirmation as a full-width sheet along the bottom of the screen, never a pop-up window:
 * a heading, a plain sentence, optional details (slot) and two big buttons, confirm first (or
 * only the confirm button, `no-cancel`, for a notice such as the idle warning). The screen
 * behind should be made `inert` by its owner while the sheet is open.
 *
 * @summary Full-width confirmation sheet.
 * @slot - Extra details between the message and the buttons.
 * @fires linli-confirm - The person confirmed.
 * @fires linli-cancel - The person went back.
 * @csspart sheet - The sheet.
 */
import { css, html, LitElement, type PropertyValues } from 'lit';
import { LocaleController } from '../../components/core/locale-controller.ts';
import { token } from '../../components/core/theme.ts';
import { kioskStrings } from '../strings.ts';
import { kioskStyles } from './kiosk-styles.ts';

export class LinliConfirmSheet extends LitElement {
  static override styles = [
    kioskStyles,
    css`
      :host {
        position: fixed;
        inset-inline: 0;
        inset-block-end: 0;
        z-index: 10;
      }
      .sheet {
        background: ${token('--linli-color-surface')};
        border-block-start: 6px solid ${token('--linli-color-accent')};
        box-shadow: 0 -0.5em 1.5em rgb(0 0 0 / 0.35);
        padding: 1em;
        max-block-size: 80dvh;
        overflow-y: auto;
        overflow-x: hidden;
      }
      :host([no-cancel]) .actions {
        grid-template-columns: 1fr;
      }
      :host([tone='danger']) .sheet {
        border-block-start-color: ${token('--linli-color-danger')};
      }
      .actions {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 24px;
      }
      .actions button {
        min-block-size: 88px;
        font-size: 1.125em;
        min-inline-size: 0;
      }
    `,
  ];

  static override properties = {
    heading: { type: String },
    message: { type: String },
    confirmLabel: { type: String, attribute: 'confirm-label' },
    cancelLabel: { type: String, attribute: 'cancel-label' },
    tone: { type: String, reflect: true },
    noCancel: { type: Boolean, attribute: 'no-cancel', reflect: true },
  };

  declare heading: string;
  declare message: string;
  /** Defaults to 确认. */
  declare confirmLabel: string;
  /** Defaults to 取消. */
  declare cancelLabel: string;
  declare tone: 'normal' | 'danger';
  /** Only the confirm button (a notice to acknowledge, not a choice). */
  declare noCancel: boolean;

  readonly #locale = new LocaleController(this);

  constructor() {
    super();
    this.heading = '';
    this.message = '';
    this.confirmLabel = '';
    this.cancelLabel = '';
    this.tone = 'normal';
    this.noCancel = false;
  }

  protected override firstUpdated(_changed: PropertyValues<this>): void {
    // Move focus into the sheet so keyboards and screen readers land on it.
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  #fire(type: 'linli-confirm' | 'linli-cancel'): void {
    this.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true }));
  }

  protected override render(): unknown {
    const t = kioskStrings[this.#locale.value].sheet;
    return html`<section class="sheet" part="sheet" role="alertdialog" aria-modal="true" aria-labelledby="heading" aria-describedby="message">
      <h2 id="heading" tabindex="-1">${this.heading}</h2>
      <p id="message">${this.message}</p>
      <slot></slot>
      <div class="actions">
        <button type="button" class="primary confirm" @click=${() => this.#fire('linli-confirm')}>${this.confirmLabel || t.confirm}</button>
        ${this.noCancel ? null : html`<button type="button" class="cancel" @click=${() => this.#fire('linli-cancel')}>${this.cancelLabel || t.cancel}</button>`}
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'linli-confirm-sheet': LinliConfirmSheet;
  }
  interface GlobalEventHandlersEventMap {
    'linli-confirm': CustomEvent<void>;
    'linli-cancel': CustomEvent<void>;
  }
}
