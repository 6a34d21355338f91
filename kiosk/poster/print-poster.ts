/** Printing a notice as an A4 poster (kiosk/ui/print-alone.ts does the page). */
import type { Notice } from '../../domain/index.ts';
import { defineElement } from '../../components/core/define.ts';
import { printAlone } from '../ui/print-alone.ts';
import { LinliNoticePoster } from './notice-poster.ts';

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
  await printAlone(poster, () => poster.ready, options.print ?? (() => window.print()));
}
