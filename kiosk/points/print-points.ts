/**
 * Printing a voucher or a passbook page, the way the notice poster prints (poster/print-poster.ts):
 * the layout goes under <body> with a document-level sheet that hides everything else while
 * printing, and is removed afterwards.
 */
import { defineElement } from '../../components/core/define.ts';
import type { PassbookLine, Redemption } from '../../domain/index.ts';
import { maskName } from '../../domain/index.ts';
import { printAlone } from '../ui/print-alone.ts';
import { LinliPointsPrint } from './points-print.ts';

export interface PrintPointsOptions {
  kind: 'voucher' | 'passbook';
  stationName: string;
  /** The resident's name: printed masked only. */
  residentName: string;
  redemption?: Redemption;
  /** Newest first, as the replica keeps them; printed oldest first. */
  lines?: readonly PassbookLine[];
  lang: string;
  print: () => void;
}

export async function printPoints(options: PrintPointsOptions): Promise<void> {
  defineElement('linli-points-print', LinliPointsPrint);
  const el = document.createElement('linli-points-print');
  el.kind = options.kind;
  el.stationName = options.stationName;
  el.maskedName = maskName(options.residentName);
  el.redemption = options.redemption ?? null;
  el.lines = [...(options.lines ?? [])].reverse();
  el.lang = options.lang;
  await printAlone(el, () => el.updateComplete, options.print);
}
