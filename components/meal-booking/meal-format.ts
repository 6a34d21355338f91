/** Money of the meal widget, through Intl. */
import { formatMoney, type Locale } from '../core/i18n.ts';

/** Whole fen as money: 1250 → "¥12.50". */
export function money(fen: number, locale: Locale): string {
  return formatMoney(fen / 100, locale);
}
