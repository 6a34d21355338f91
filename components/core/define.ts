/**
 * Registers a custom element once. A page that loads the script twice, or two Linli versions,
 * gets a console warning instead of a thrown DOMException (Shoelace learned this from embedders).
 */
export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  const existing = customElements.get(tag);
  if (existing) {
    if (existing !== ctor) console.warn(`[linli] <${tag}> is already defined (another copy or version of Linli); keeping the first.`);
    return;
  }
  customElements.define(tag, ctor);
}
