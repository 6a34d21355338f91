/**
 * A QR code of a URL as an SVG built from Lit templates (no innerHTML). The encoder
 * (qr-encode.ts, byte mode, level M) is loaded on first use.
 */
import { html, svg, type TemplateResult } from 'lit';

let encoder: Promise<typeof import('./qr-encode.ts')> | null = null;

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
  encoder ??= import('./qr-encode.ts');
  const qr = (await encoder).encodeQr(asAscii(text));
  const count = qr.size;
  const margin = 4;
  const size = count + margin * 2;
  const d = qrPath(qr.dark, count, margin);
  return html`<svg viewBox="0 0 ${size} ${size}" role="img" aria-label=${label} shape-rendering="crispEdges"
    >${svg`<rect width=${size} height=${size} fill="#ffffff"></rect><path d=${d} fill="#000000"></path>`}</svg
  >`;
}
