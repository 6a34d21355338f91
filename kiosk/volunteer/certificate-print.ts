/**
 * The printable certificate of service hours (志愿服务时长证明), A4: station, title, the
 * resident's full name (a staff-printed document handed to the resident, like the server's
 * certificateText), the sentence with the activities and the total, one line per activity with
 * date and hours, the issue date and a place for the station's seal. Never a phone number.
 * Print-only, like the points passbook: printCertificate puts it under <body> just for printing.
 *
 * @summary Printable certificate of volunteer service hours.
 */
import { css, html, LitElement, nothing } from 'lit';
import { defineElement } from '../../components/core/define.ts';
import { fill, formatDate, type Locale } from '../../components/core/i18n.ts';
import { LocaleController } from '../../components/core/locale-controller.ts';
import { LinliPointsPrint } from '../points/points-print.ts';
import type { Certificate } from './staff-desk.ts';
import { printAlone } from '../ui/print-alone.ts';
import { volunteerStrings } from './strings.ts';

/** Hours as the domain writes them (formatServiceHours): at most two decimals. */
export function hoursText(hours: number, locale: Locale): string {
  return fill(volunteerStrings[locale].records.certificate.hours, { n: String(Math.round(hours * 100) / 100) });
}

export class LinliVolunteerCertificate extends LitElement {
  // The print-only host, station line, table and number cells of the points passbook.
  static override styles = [
    LinliPointsPrint.styles,
    css`
      :host {
        line-height: 1.6;
      }
      .station {
        margin-block-end: 8mm;
      }
      h1 {
        font-size: 26pt;
        text-align: center;
        letter-spacing: 0.2em;
        margin-block-end: 8mm;
      }
      .body {
        text-indent: 2em;
        margin-block-end: 6mm;
      }
      table {
        margin-block: 4mm 10mm;
      }
      .sign {
        margin-inline-start: 55%;
      }
      .seal {
        margin-block-start: 20mm;
      }
    `,
  ];

  static override properties = {
    certificate: { attribute: false },
    year: { type: Number },
    issuedAt: { type: String, attribute: 'issued-at' },
    preview: { type: Boolean, reflect: true },
  };

  declare certificate: Certificate | null;
  declare year: number;
  declare issuedAt: string;
  declare preview: boolean;
  readonly #locale = new LocaleController(this);

  constructor() {
    super();
    this.certificate = null;
    this.year = 0;
    this.issuedAt = '';
    this.preview = false;
  }

  protected override render(): unknown {
    const c = this.certificate;
    if (!c) return nothing;
    const locale = this.#locale.value;
    const t = volunteerStrings[locale].records.certificate;
    const total = hoursText(c.hours, locale);
    // The server's own sentence in Chinese; the same facts in the other languages.
    const body = locale === 'zh-CN' ? c.text : fill(t.body, { name: c.residentName, year: this.year, station: c.stationName, n: c.activities, hours: total });
    return html`<article class="certificate">
      <div class="station">${c.stationName}</div>
      <h1>${t.title}</h1>
      <p class="name">${fill(t.name, { name: c.residentName })}</p>
      <p class="body">${body}</p>
      <p class="total">${fill(t.total, { hours: total })}</p>
      ${c.lines.length === 0
        ? html`<p class="none">${t.none}</p>`
        : html`<table>
            <thead>
              <tr><th>${t.columns.date}</th><th>${t.columns.activity}</th><th class="num">${t.columns.hours}</th></tr>
            </thead>
            <tbody>
              ${c.lines.map((l) => html`<tr class="line"><td>${formatDate(l.startAt, locale)}</td><td>${l.title}</td><td class="num">${hoursText(l.hours, locale)}</td></tr>`)}
            </tbody>
          </table>`}
      <div class="sign">
        <p class="seal">${fill(t.seal, { station: c.stationName })}</p>
        <p class="issued">${fill(t.issued, { date: this.issuedAt ? formatDate(this.issuedAt, locale) : '' })}</p>
      </div>
    </article>`;
  }
}


export interface PrintCertificateOptions {
  certificate: Certificate;
  year: number;
  issuedAt: Date;
  lang: string;
  /** The kiosk's print (window.print); it blocks until the dialog closes. */
  print: () => void;
}

/** Print the certificate the way the passbook prints (points/print-points.ts). */
export async function printCertificate(options: PrintCertificateOptions): Promise<void> {
  defineElement('linli-volunteer-certificate', LinliVolunteerCertificate);
  const el = document.createElement('linli-volunteer-certificate');
  el.certificate = options.certificate;
  el.year = options.year;
  el.issuedAt = options.issuedAt.toISOString();
  el.lang = options.lang;
  await printAlone(el, () => el.updateComplete, options.print, 20);
}

declare global {
  interface HTMLElementTagNameMap {
    'linli-volunteer-certificate': LinliVolunteerCertificate;
  }
}
