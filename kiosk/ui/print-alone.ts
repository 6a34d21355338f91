/**
 * Printing one element on A4 (the notice poster, a voucher or passbook page, a volunteer
 * certificate): it goes straight under <body>, outside the kiosk's shadow tree, with a
 * document-level stylesheet for `@page` and for hiding everything else while printing (an @page
 * rule inside a shadow root is ignored); it is removed again afterwards. Constructable stylesheets
 * keep a strict CSP happy.
 */
const sheets = new Map<string, CSSStyleSheet>();

function pageSheet(tag: string, marginMm: number): CSSStyleSheet {
  const key = `${tag}/${marginMm}`;
  let sheet = sheets.get(key);
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(`
      @page { size: A4 portrait; margin: ${marginMm}mm; }
      @media print {
        body > :not(${tag}) { display: none !important; }
        body { margin: 0; background: #ffffff; }
      }
    `);
    sheets.set(key, sheet);
  }
  return sheet;
}

/** Show `el` alone on the page, wait for `ready`, call `print` (it blocks until the dialog closes), then remove it. */
export async function printAlone(el: HTMLElement, ready: () => Promise<unknown>, print: () => void, marginMm = 15): Promise<void> {
  const sheet = pageSheet(el.localName, marginMm);
  if (!document.adoptedStyleSheets.includes(sheet)) document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  document.body.append(el);
  try {
    await ready();
    print();
  } finally {
    el.remove();
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
  }
}
