/**
 * Pokes for server-sent events: "station S changed, its cursor is now N".
 *
 * In-process only for now: one process serves one station. When several server processes share
 * one PostgreSQL, poke() becomes a NOTIFY and each process LISTENs and fans out to its own
 * subscribers; nothing else has to change, because a poke carries no data, only "pull now".
 */
import { EventEmitter } from 'node:events';

export type PokeListener = (cursor: number) => void;

export class ChangeNotifier {
  readonly #emitter = new EventEmitter();

  constructor() {
    // One listener per open event stream; a busy station hall has many screens.
    this.#emitter.setMaxListeners(0);
  }

  /** Call after the transaction that made the change has committed. */
  poke(stationId: string, cursor: number): void {
    this.#emitter.emit(stationId, cursor);
  }

  subscribe(stationId: string, listener: PokeListener): () => void {
    this.#emitter.on(stationId, listener);
    return () => this.#emitter.off(stationId, listener);
  }

  listenerCount(stationId: string): number {
    return this.#emitter.listenerCount(stationId);
  }
}
