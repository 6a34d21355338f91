/**
 * Print layouts for points: a voucher (兑换券: station, big code, item, quantity, time, masked
 * name) and a passbook page (存折: masked name, every line with date, memo, in/out and balance).
 * Never a phone number, never the full name. Print-only, like the notice poster: print-points.ts
 * puts it under <body> just for printing.
 *
 * @summary Printable voucher and passbook.
 */
import { css, html, LitElement, nothing } from 'lit';
import { fill, formatDate, formatDateTime, formatNumber } from '../../components/core/i18n.ts';
import { LocaleController } from '../../components/core/locale-controller.ts';
import type { PassbookLine, Redemption } from '../../domain/index.ts';
import { pointsStrings } from './strings.ts';

export class LinliPointsPrint extends LitElement {
  static override styles = css`
    :host {
      display: none;
      color: #000000;
      background: #ffffff;
      font-size: 14pt;
      line-height: 1.5;
    }
    :host([preview]) {
      display: block;
    }
    @media print {
      :host {
        display: block;
      }
    }
    .station {
      font-size: 16pt;
      font-weight: 700;
      border-block-end: 2pt solid #000000;
      padding-block-end: 3mm;
      margin-block-end: 6mm;
    }
    h1 {
      font-size: 24pt;
      margin-block: 0 6mm;
    }
    .voucher {
      border: 2pt dashed #000000;
      padding: 8mm;
      max-inline-size: 120mm;
    }
    .code {
      font-size: 40pt;
      font-weight: 800;
      letter-spacing: 0.2em;
      font-family: ui-monospace, monospace;
      margin-block: 4mm;
    }
    table {
      inline-size: 100%;
      border-collapse: collapse;
    }
    th,
    td {
      border: 1pt solid #000000;
      padding: 2mm;
      text-align: start;
    }
    td.num,
    th.num {
      text-align: end;
      font-variant-numeric: tabular-nums;
    }
  `;

  static override properties = {
    kind: { type: String },
    stationName: { type: String, attribute: 'station-name' },
    maskedName: { type: String, attribute: 'masked-name' },
    redemption: { attribute: false },
    lines: { attribute: false },
    preview: { type: Boolean, reflect: true },
  };

  declare kind: 'voucher' | 'passbook';
  declare stationName: string;
  /** Always masked (张*英): a printout may be left at the printer. */
  declare maskedName: string;
  declare redemption: Redemption | null;
  /** Passbook lines, oldest first. */
  declare lines: readonly PassbookLine[];
  declare preview: boolean;
  readonly #locale = new LocaleController(this);

  constructor() {
    super();
    this.kind = 'voucher';
    this.stationName = '';
    this.maskedName = '';
    this.redemption = null;
    this.lines = [];
    this.preview = false;
  }

  protected override render(): unknown {
    const locale = this.#locale.value;
    const t = pointsStrings[locale];
    if (this.kind === 'voucher') {
      const r = this.redemption;
      if (!r) return nothing;
      return html`<article class="voucher">
        <div class="station">${this.stationName}</div>
        <h1>${t.voucher.printTitle}</h1>
        <div>${t.voucher.code}</div>
        <div class="code">${r.voucherCode}</div>
        <p class="item">${fill(t.voucher.item, { item: r.itemName, n: formatNumber(r.quantity, locale) })}</p>
        <p>${fill(t.voucher.at, { time: formatDateTime(r.createdAt, locale) })}</p>
        <p class="who">${fill(t.voucher.printFor, { name: this.maskedName })}</p>
        <p>${t.voucher.keep}</p>
      </article>`;
    }
    const c = t.mine.columns;
    return html`<article class="passbook">
      <div class="station">${this.stationName}</div>
      <h1>${t.mine.printTitle}</h1>
      <p class="who">${fill(t.mine.printFor, { name: this.maskedName })}</p>
      <table>
        <thead>
          <tr><th>${c.date}</th><th>${c.memo}</th><th class="num">${c.change}</th><th class="num">${c.balanceAfter}</th></tr>
        </thead>
        <tbody>
          ${this.lines.map(
            (l) => html`<tr>
              <td>${formatDate(l.at, locale)}</td><td>${l.memo}</td>
              <td class="num">${l.change > 0 ? '+' : ''}${formatNumber(l.change, locale)}</td><td class="num">${formatNumber(l.balanceAfter, locale)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'linli-points-print': LinliPointsPrint;
  }
}
