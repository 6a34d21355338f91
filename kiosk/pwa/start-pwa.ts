/**
 * The kiosk's PWA side, loaded lazily by main.ts once the first screen is up (so neither
 * workbox-window nor this code is part of what the kiosk loads before home is interactive):
 * service worker registration and the update flow, persistent storage, the storage watch and
 * the database quota path.
 */
import { Workbox } from 'workbox-window';
import type { LinliKioskApp } from '../kiosk-app.ts';
import type { KioskServices } from '../kiosk-services.ts';
import { dropImageCache, guardDatabase, reportStaffWarning, requestPersistence, staffWarning, watchStorage, type StaffWarning } from './storage-health.ts';
import { UpdateController, updateCheckInterval, type KioskRestState, type UpdatePort } from './update-controller.ts';

/** The event <linli-kiosk-app> fires when it comes to rest or leaves it (owned by the app). */
export const REST_CHANGE_EVENT = 'linli-kiosk-rest-change';

/**
 * Is the kiosk at rest? The app's own `atRest` when it has one; until then, the home screen or
 * the attract loop (a signed-in resident on home is not visible from here — the app's `atRest`
 * will cover that).
 */
export function appAtRest(app: Element): boolean {
  const own = (app as { atRest?: unknown }).atRest;
  if (typeof own === 'boolean') return own;
  const screen = (app as { screen?: unknown }).screen ?? app.getAttribute('screen');
  return screen === 'home' || screen === 'attract';
}

function servicesOf(app: LinliKioskApp): KioskServices | null {
  return app.services ?? null;
}

/** The app and its sync engine as the update controller sees them. */
export function appRestState(app: LinliKioskApp): KioskRestState {
  return {
    atRest: () => appAtRest(app),
    // Unknown (no services yet) counts as not empty.
    pending: () => servicesOf(app)?.engine.status.pending ?? Number.POSITIVE_INFINITY,
    subscribe(listener) {
      const cleanups: (() => void)[] = [];
      app.addEventListener(REST_CHANGE_EVENT, listener);
      cleanups.push(() => app.removeEventListener(REST_CHANGE_EVENT, listener));
      // Fallback while the app has no rest event: the reflected `screen` attribute.
      const observer = new MutationObserver(listener);
      observer.observe(app, { attributes: true, attributeFilter: ['screen'] });
      cleanups.push(() => observer.disconnect());
      const engine = servicesOf(app)?.engine;
      if (engine) {
        engine.addEventListener('status-change', listener);
        cleanups.push(() => engine.removeEventListener('status-change', listener));
      }
      return () => cleanups.splice(0).forEach((c) => c());
    },
  };
}

/** workbox-window behind the controller's port. */
export function workboxPort(wb: Workbox): UpdatePort {
  let registration: ServiceWorkerRegistration | undefined;
  return {
    async register() {
      registration = await wb.register();
    },
    update: () => wb.update(),
    hasWaiting: () => Boolean(registration?.waiting),
    skipWaiting: () => wb.messageSkipWaiting(),
    onWaiting: (listener) => wb.addEventListener('waiting', () => listener()),
    onControlling: (listener) => wb.addEventListener('controlling', (event) => listener(Boolean(event.isUpdate))),
  };
}

/** Where the service worker lives: next to the manifest (both are at the kiosk's base URL). */
export function serviceWorkerUrl(doc: Document = document): URL {
  const manifest = doc.querySelector<HTMLLinkElement>('link[rel="manifest"]');
  return new URL('sw.js', manifest?.href ?? new URL('/kiosk/', doc.baseURI));
}

export interface PwaHandle {
  updates: UpdateController | null;
  stop: () => void;
}

export async function startPwa(app: LinliKioskApp, loc: Location = location): Promise<PwaHandle> {
  const cleanups: (() => void)[] = [];
  const warn = (warning: StaffWarning): void => reportStaffWarning(app, warning);

  // Storage: ask to persist, watch the estimate, and give the database a quota path.
  const storage = navigator.storage as StorageManager | undefined;
  void requestPersistence(storage).then((granted) => {
    if (!granted && storage && 'persist' in storage) warn(staffWarning('storage-not-persistent'));
  });
  const watch = watchStorage({ storage, onWarning: warn });
  cleanups.push(watch.stop);
  const db = servicesOf(app)?.db;
  if (db) cleanups.push(guardDatabase(db, { onWarning: warn, freeSpace: () => dropImageCache(), recheck: () => watch.check() }));

  // Service worker and updates (not in dev servers or browsers without service workers).
  let updates: UpdateController | null = null;
  const swUrl = serviceWorkerUrl();
  if ('serviceWorker' in navigator && (window.isSecureContext || loc.hostname === 'localhost')) {
    const intervalMs = updateCheckInterval({
      query: new URLSearchParams(loc.search).get('update-check-ms'),
      stored: safeLocalStorage('linli.update-check-ms'),
      meta: document.querySelector<HTMLMetaElement>('meta[name="linli-update-check-ms"]')?.content ?? null,
    });
    const wb = new Workbox(swUrl.href, { scope: new URL('./', swUrl).pathname });
    updates = new UpdateController({ port: workboxPort(wb), rest: appRestState(app), intervalMs, reload: () => loc.reload() });
    const controller = updates;
    cleanups.push(() => controller.stop());
    // Exposed for diagnostics and the end-to-end tests.
    (window as { linliUpdates?: UpdateController }).linliUpdates = updates;
    try {
      await updates.start();
    } catch (error) {
      console.warn('[linli] service worker registration failed', error);
    }
  }
  return { updates, stop: () => cleanups.splice(0).forEach((c) => c()) };
}

function safeLocalStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
