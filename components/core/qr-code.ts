/**
 * A QR code of a URL as an SVG built from Lit templates (no innerHTML), with qrcode-generator
 * loaded lazily on first use.
 */
import { html, svg, type TemplateResult } from 'lit';

type QrFactory = typeof import('qrcode-generator');
let factory: Promise<QrFactory> | null = null;

/** QR byte mode is Latin-1 here: percent-encode anything else so phones read the URL right. */
function asAscii(text: string): string {
  try {
    return new URL(text).href;
  } catch {
    return encodeURI(text);
  }
}

/** Dark modules as one SVG path: a rectangle per horizontal run. */
export function qrPath(isDark: (row: number, col: number) => boolean, count: number, margin: number): string {
  let d = '';
  for (let r = 0; r < count; r++) {
    for (let c = 0; c < count; c++) {
      if (!isDark(r, c)) continue;
      let run = 1;
      while (c + run < count && isDark(r, c + run)) run++;
      d += `M${c + margin} ${r + margin}h${run}v1h-${run}z`;
      c += run - 1;
    }
  }
  return d;
}

/**
 * An `<svg role="img">` QR code of `text` (error correction M, 4-module quiet zone), labelled
 * `label` for screen readers. Size it with CSS (it scales to its box).
 */
export async function qrCode(text: string, label: string): Promise<TemplateResult> {
  factory ??= import('qrcode-generator').then((m) => m.default);
  const qrcode = await factory;
  const qr = qrcode(0, 'M');
  qr.addData(asAscii(text), 'Byte');
  qr.make();
  const count = qr.getModuleCount();
  const margin = 4;
  const size = count + margin * 2;
  const d = qrPath((r, c) => qr.isDark(r, c), count, margin);
  return html`<svg viewBox="0 0 ${size} ${size}" role="img" aria-label=${label} shape-rendering="crispEdges"
    >${svg`<rect width=${size} height=${size} fill="#ffffff"></rect><path d=${d} fill="#000000"></path>`}</svg
  >`;
}
