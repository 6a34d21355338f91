/**
 * An A4 poster of a notice for the building bulletin boards: title, the sanitized body, the
 * date, the station name and a QR code to the online copy. It is a print layout only: on
 * screen it stays out of sight (print-poster.ts puts it in the document just for printing).
 *
 * @summary Printable A4 notice poster.
 */
import { css, html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { Notice } from '../../domain/index.ts';
import { fill, formatDate } from '../../components/core/i18n.ts';
import { LocaleController } from '../../components/core/locale-controller.ts';
import { renderMarkdownInto } from '../../components/core/markdown.ts';
import { qrCode } from '../../components/core/qr-code.ts';
import { kioskStrings } from '../strings.ts';

export class LinliNoticePoster extends LitElement {
  static override styles = css`
    :host {
      display: none;
      color: #000000;
      background: #ffffff;
      font-size: 14pt;
      line-height: 1.6;
    }
    :host([preview]) {
      display: block;
    }
    @media print {
      :host {
        display: block;
      }
    }
    .page {
      display: flex;
      flex-direction: column;
      min-block-size: 260mm;
      padding: 0;
      overflow-wrap: anywhere;
    }
    .station {
      font-size: 16pt;
      font-weight: 700;
      border-block-end: 2pt solid #000000;
      padding-block-end: 4mm;
      margin-block-end: 8mm;
    }
    h1 {
      font-size: 30pt;
      line-height: 1.25;
      margin-block: 0 8mm;
    }
    .body {
      flex: 1;
    }
    .body img {
      max-inline-size: 100%;
      max-block-size: 90mm;
      block-size: auto;
    }
    footer {
      display: flex;
      align-items: flex-end;
      justify-content: space-between;
      gap: 8mm;
      border-block-start: 2pt solid #000000;
      padding-block-start: 6mm;
      margin-block-start: 8mm;
      break-inside: avoid;
    }
    .qr {
      text-align: center;
      font-size: 11pt;
    }
    .qr svg {
      display: block;
      inline-size: 40mm;
      block-size: 40mm;
    }
  `;

  static override properties = {
    notice: { attribute: false },
    stationName: { type: String, attribute: 'station-name' },
    url: { type: String },
    preview: { type: Boolean, reflect: true },
    qr: { state: true },
  };

  declare notice: Notice | null;
  declare stationName: string;
  /** The public URL of the notice (for the QR code). */
  declare url: string;
  /** Show on screen too (tests, a print preview). */
  declare preview: boolean;
  declare qr: TemplateResult | null;
  readonly #locale = new LocaleController(this);
  #ready: Promise<void> = Promise.resolve();

  constructor() {
    super();
    this.notice = null;
    this.stationName = '';
    this.url = '';
    this.preview = false;
    this.qr = null;
  }

  /** Resolves when the body and the QR code are in place (print only after this). */
  get ready(): Promise<void> {
    return this.updateComplete.then(() => this.#ready);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('url') || changed.has('notice')) {
      const label = kioskStrings[this.#locale.value].poster.scanToRead;
      this.#ready = (async () => {
        this.qr = this.url ? await qrCode(this.url, label) : null;
        await this.updateComplete;
        const body = this.renderRoot.querySelector('.body');
        if (body && this.notice) await renderMarkdownInto(body, this.notice.body);
      })();
    }
  }

  protected override render(): unknown {
    const locale = this.#locale.value;
    const t = kioskStrings[locale].poster;
    const n = this.notice;
    if (!n) return nothing;
    return html`<article class="page">
      <div class="station">${this.stationName}</div>
      <h1>${n.title}</h1>
      <div class="body"></div>
      <footer>
        <div>
          <div class="date">${fill(t.publishedOn, { date: formatDate(n.publishAt, locale) })}</div>
          <div class="station-name">${this.stationName}</div>
        </div>
        <div class="qr">${this.qr ?? nothing}<div>${t.scanToRead}</div></div>
      </footer>
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'linli-notice-poster': LinliNoticePoster;
  }
}
