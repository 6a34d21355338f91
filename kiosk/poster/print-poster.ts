/**
 * Printing a poster: the poster element goes straight under <body> (outside the kiosk's shadow
 * tree) with a document-level stylesheet for `@page { size: A4 }` and for hiding everything else
 * when printing (an @page rule inside a shadow root is ignored). Constructable stylesheets keep a
 * strict CSP happy. The element is removed again after printing.
 */
import type { Notice } from '../../domain/index.ts';
import { defineElement } from '../../components/core/define.ts';
import { LinliNoticePoster } from './notice-poster.ts';

const pageSheet = new CSSStyleSheet();
pageSheet.replaceSync(`
  @page { size: A4 portrait; margin: 15mm; }
  @media print {
    body > :not(linli-notice-poster) { display: none !important; }
    body { margin: 0; background: #ffffff; }
  }
`);

export interface PrintPosterOptions {
  notice: Notice;
  stationName: string;
  url: string;
  lang: string;
  /** window.print by default. It blocks until the print dialog closes. */
  print?: () => void;
}

export async function printPoster(options: PrintPosterOptions): Promise<void> {
  defineElement('linli-notice-poster', LinliNoticePoster);
  const poster = document.createElement('linli-notice-poster');
  poster.notice = options.notice;
  poster.stationName = options.stationName;
  poster.url = options.url;
  poster.lang = options.lang;
  const sheets = document.adoptedStyleSheets;
  if (!sheets.includes(pageSheet)) document.adoptedStyleSheets = [...sheets, pageSheet];
  document.body.append(poster);
  try {
    await poster.ready;
    (options.print ?? (() => window.print()))();
  } finally {
    poster.remove();
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== pageSheet);
  }
}
