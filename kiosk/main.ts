/**
 * Kiosk entry: page-level styles (as a constructable sheet, so a strict CSP works) and the app
 * element. The API base is `/api` on this origin, or `?api=` in the URL.
 *
 * The PWA side (service worker and updates, persistent storage, storage watch, quota path) is
 * in kiosk/pwa/ and loaded after the first screen is up, so it adds nothing to what the kiosk
 * loads before home is interactive.
 */
import { css } from 'lit';
import './define-first.ts';

const pageSheet = css`
  html,
  body {
    margin: 0;
    background: #ffffff;
    color: #1a1a1a;
    font-family: system-ui, 'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif;
    overflow-x: hidden;
  }
  html {
    /* Scrolling yes, pinch zoom no: a stuck zoomed-in screen is a dead end for a resident. */
    touch-action: pan-x pan-y;
  }
`.styleSheet;
if (pageSheet) document.adoptedStyleSheets = [...document.adoptedStyleSheets, pageSheet];

let app = document.querySelector('linli-kiosk-app');
if (!app) {
  app = document.createElement('linli-kiosk-app');
  document.body.append(app);
}
const kioskApp = app;

/** After the page has loaded and the app shows its first screen (`ready`), when the browser is idle. */
function whenFirstScreenShown(run: () => void): void {
  let started = false;
  const go = (): void => {
    if (started) return;
    started = true;
    observer.disconnect();
    if ('requestIdleCallback' in window) requestIdleCallback(run, { timeout: 3_000 });
    else setTimeout(run, 500);
  };
  const check = (): void => {
    if (document.readyState === 'complete' && kioskApp.hasAttribute('ready')) go();
  };
  const observer = new MutationObserver(check);
  observer.observe(kioskApp, { attributes: true, attributeFilter: ['ready'] });
  addEventListener('load', check, { once: true });
  // Never later than this, even if the app does not say it is ready.
  setTimeout(go, 10_000);
  check();
}

// The rest of the screens right after the first one is painted (not when idle): a resident may
// touch a tile at once. A screen opened before they arrive upgrades when they do.
// Two frames after `ready`: the home screen is painted and can be touched before this is fetched.
const rest = (): void => {
  requestAnimationFrame(() =>
    requestAnimationFrame(() => void import('./define.ts').catch((error: unknown) => console.warn('[linli] screens failed to load', error))),
  );
};
if (kioskApp.hasAttribute('ready')) rest();
else new MutationObserver((_records, observer) => {
  if (!kioskApp.hasAttribute('ready')) return;
  observer.disconnect();
  rest();
}).observe(kioskApp, { attributes: true, attributeFilter: ['ready'] });

whenFirstScreenShown(() => {
  // The points screens too, while the network is surely there: a resident may redeem offline later.
  void (kioskApp as HTMLElement & { loadPoints?: () => Promise<void> }).loadPoints?.().catch((error: unknown) => console.warn('[linli] points screens failed to load', error));
  import('./pwa/start-pwa.ts')
    .then(({ startPwa }) => startPwa(kioskApp))
    .catch((error: unknown) => console.warn('[linli] PWA start failed', error));
});
