/**
 * The all-in-one embed script (dist/widgets/linli.js): a small loader that fetches each widget's
 * code only when its tag appears on the page — now or later (a CMS that inserts content, a React
 * or Vue page that renders it). The widgets are in dist/widgets/all/ (built from
 * components/all-widgets/), found relative to this script's own URL, so it works from whatever
 * server and path a site loads it from. There, Lit and the shared core are one chunk that every
 * widget uses.
 *
 * Tags inside another component's shadow root are not seen; load that widget's own file there.
 */
// (Held in a variable: Vite rewrites `new URL(…, import.meta.url)` patterns it sees literally.)
const here = import.meta.url;
const TAGS = ['provider', 'notice-board', 'points-ranking', 'points-shop', 'meal-booking', 'volunteer-board'] as const;
const started = new Set<string>();

function load(name: string): void {
  const tag = `linli-${name}`;
  if (started.has(name) || customElements.get(tag)) return;
  started.add(name);
  const url = new URL(`./all/${name}.js`, here).href;
  import(/* @vite-ignore */ url).catch((err: unknown) => {
    started.delete(name); // a later appearance tries again (a flaky network, say)
    console.error(`[linli] could not load <${tag}>`, err);
  });
}

function scan(root: ParentNode): void {
  for (const name of TAGS) if (!started.has(name) && root.querySelector(`linli-${name}`)) load(name);
}

scan(document);
const observer = new MutationObserver((records) => {
  for (const record of records) {
    for (const node of record.addedNodes) {
      if (!(node instanceof Element)) continue;
      if (node.localName.startsWith('linli-')) load(node.localName.slice(6));
      if (node.firstElementChild) scan(node);
    }
  }
  if (started.size === TAGS.length) observer.disconnect();
});
observer.observe(document, { childList: true, subtree: true });
