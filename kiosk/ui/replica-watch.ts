/**
 * Keeps a screen's list fresh: `reload` runs when the screen gets its services (on connect or
 * later — a screen upgraded after its properties were set sees them only at its first update) and
 * whenever the replica changes, until the screen goes away.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { KioskDb } from '../store/kiosk-db.ts';

export interface ReplicaWatchHost extends ReactiveControllerHost {
  services: { db: Pick<KioskDb, 'onChange'> } | null;
}

export class ReplicaWatch implements ReactiveController {
  readonly #host: ReplicaWatchHost;
  readonly #reload: () => void;
  #db: Pick<KioskDb, 'onChange'> | null = null;
  #unsubscribe: (() => void) | null = null;

  constructor(host: ReplicaWatchHost, reload: () => void) {
    this.#host = host;
    this.#reload = reload;
    host.addController(this);
  }

  hostConnected(): void {
    this.#follow();
  }

  hostUpdate(): void {
    this.#follow();
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#db = null;
  }

  #follow(): void {
    const db = this.#host.services?.db ?? null;
    if (db === this.#db) return;
    this.#unsubscribe?.();
    this.#db = db;
    this.#unsubscribe = db ? db.onChange(() => this.#reload()) : null;
    if (db) this.#reload();
  }
}
