/**
 * "A double tap acts once": a second click on the same control within a short window is
 * swallowed before it reaches the control. Installed once on a root (the kiosk app), it covers
 * every button inside it, shadow roots included, embedded widgets too.
 */

/** The control a click was meant for: the innermost button, link or form control on its path. */
function controlOf(event: Event): Element | null {
  for (const node of event.composedPath()) {
    if (!(node instanceof Element)) continue;
    if (node.matches('button, a[href], input, select, textarea, summary, [role="button"], [role="tab"]')) return node;
  }
  return null;
}

export class DoubleTapGuard {
  windowMs: number;
  #last: { control: Element; at: number } | null = null;
  #now: () => number;

  constructor(windowMs = 350, now: () => number = () => performance.now()) {
    this.windowMs = windowMs;
    this.#now = now;
  }

  /** True when this click should act; false for a repeat on the same control within the window. */
  accept(control: Element): boolean {
    const at = this.#now();
    const last = this.#last;
    if (last && last.control === control && at - last.at < this.windowMs) return false;
    this.#last = { control, at };
    return true;
  }

  /** Swallow repeated clicks under `root`; returns the uninstall function. */
  install(root: HTMLElement): () => void {
    const onClick = (event: Event): void => {
      const control = controlOf(event);
      if (!control || this.windowMs <= 0) return;
      // Text fields take as many clicks as people like (placing the caret).
      if (control.matches('input:not([type="checkbox"]):not([type="radio"]), textarea, select')) return;
      if (!this.accept(control)) {
        event.stopImmediatePropagation();
        event.preventDefault();
      }
    };
    root.addEventListener('click', onClick, { capture: true });
    return () => root.removeEventListener('click', onClick, { capture: true });
  }
}
