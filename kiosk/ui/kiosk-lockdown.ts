/**
 * Kiosk hardening: the app is the only thing a resident can reach. No context menu (a long press
 * on a touch screen opens one), no zoom by pinch, ctrl+wheel or ctrl +/−, no dragging links or
 * pictures out, no link or window.open() that leaves the app (links inside notices are offered
 * as a QR code instead), and the browser's back (gesture, key, mouse button) stays inside the
 * app. Text selection is left alone: notice text stays selectable; controls opt out in CSS.
 */

export interface LockdownOptions {
  /** A link to an http(s) page outside the app was touched: offer it another way (QR code). */
  onExternalLink: (url: string) => void;
  /** The browser's back: go back inside the app. */
  onBack: () => void;
}

/** The link a click is on (its composed path crosses shadow roots), if any. */
function linkOf(event: Event): HTMLAnchorElement | SVGAElement | null {
  for (const node of event.composedPath()) {
    if (node instanceof HTMLAnchorElement || node instanceof HTMLAreaElement) return node.hasAttribute('href') ? (node as HTMLAnchorElement) : null;
    if (node instanceof SVGAElement) return node.hasAttribute('href') || node.hasAttribute('xlink:href') ? node : null;
  }
  return null;
}

function hrefOf(link: HTMLAnchorElement | SVGAElement): string {
  if (link instanceof SVGAElement) return link.href.baseVal;
  return link.getAttribute('href') ?? '';
}

/** True when following the link would load another document (anything but a jump inside this page). */
export function leavesApp(href: string, target: string, here: URL = new URL(location.href)): boolean {
  let url: URL;
  try {
    url = new URL(href, here);
  } catch {
    return true;
  }
  if (target && target !== '_self') return true;
  return !(url.origin === here.origin && url.pathname === here.pathname && url.search === here.search && url.hash !== '');
}

export function installKioskLockdown(host: HTMLElement, options: LockdownOptions): () => void {
  const cleanups: (() => void)[] = [];
  const on = <K extends keyof WindowEventMap>(target: Window | HTMLElement, type: K, fn: (e: WindowEventMap[K]) => void, opts: AddEventListenerOptions): void => {
    target.addEventListener(type, fn as EventListener, opts);
    cleanups.push(() => target.removeEventListener(type, fn as EventListener, opts));
  };
  const prevent = (event: Event): void => event.preventDefault();

  on(window, 'contextmenu', prevent, { capture: true });
  on(host, 'dragstart', prevent, { capture: true });
  // Pinch and keyboard/trackpad zoom (the viewport meta and touch-action do most of it).
  on(window, 'touchmove', (e) => e.touches.length > 1 && e.preventDefault(), { capture: true, passive: false });
  on(window, 'wheel', (e) => e.ctrlKey && e.preventDefault(), { capture: true, passive: false });
  on(window, 'keydown', (e) => (e.ctrlKey || e.metaKey) && ['+', '-', '=', '0', '_'].includes(e.key) && e.preventDefault(), { capture: true });
  for (const type of ['gesturestart', 'gesturechange'] as const) {
    window.addEventListener(type, prevent, { capture: true });
    cleanups.push(() => window.removeEventListener(type, prevent, { capture: true }));
  }

  const onLink = (event: MouseEvent): void => {
    const link = linkOf(event);
    if (!link) return;
    const href = hrefOf(link);
    const target = link.getAttribute('target') ?? '';
    if (!leavesApp(href, target) && event.type === 'click' && !event.ctrlKey && !event.metaKey && !event.shiftKey) return;
    event.preventDefault();
    if (event.type !== 'click') return;
    try {
      const url = new URL(href, location.href);
      if (url.protocol === 'http:' || url.protocol === 'https:') options.onExternalLink(url.href);
    } catch {
      // Not a URL at all: nothing to offer.
    }
  };
  on(host, 'click', onLink, { capture: true });
  on(host, 'auxclick', onLink, { capture: true });

  // window.open() leaves the app (a new window the resident cannot close): refuse it.
  const ownOpen = (): null => null;
  const originalOpen = window.open;
  window.open = ownOpen;
  cleanups.push(() => {
    if (window.open === ownOpen) window.open = originalOpen;
  });

  // One history entry of our own: the browser's back lands on it and becomes the app's 返回.
  history.pushState({ linliKiosk: true }, '');
  on(
    window,
    'popstate',
    () => {
      history.pushState({ linliKiosk: true }, '');
      options.onBack();
    },
    {},
  );

  return () => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  };
}
