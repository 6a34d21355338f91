/**
 * Server-sent events for one station: `event: poke` with `{ cursor }` after every committed change
 * (widgets refetch, kiosks pull), and a comment line every 25 s so proxies and NATs keep the
 * connection open. The first poke carries the current cursor, so a client that reconnects after
 * missing pokes catches up at once.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SyncPoke } from '../../domain/index.ts';
import type { ServerContext } from '../context.ts';

export const SSE_PING_MS = 25_000;

/** The open streams of one server, so shutdown can end them instead of waiting for clients. */
export class EventStreams {
  readonly #open = new Set<() => void>();
  add(close: () => void): void {
    this.#open.add(close);
  }
  delete(close: () => void): void {
    this.#open.delete(close);
  }
  get size(): number {
    return this.#open.size;
  }
  closeAll(): void {
    for (const close of [...this.#open]) close();
  }
}

export function openEventStream(ctx: ServerContext, request: FastifyRequest, reply: FastifyReply, stationId: string, cursor: number): void {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(reply.getHeaders())) if (typeof v === 'string') headers[k] = v;
  reply.hijack();
  const res = reply.raw;
  // A stream is quiet between pokes: the server's idle timeout is for stalled requests, not this.
  request.raw.socket?.setTimeout(0);
  res.writeHead(200, {
    ...headers,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    // nginx and similar proxies would otherwise buffer the stream.
    'x-accel-buffering': 'no',
  });
  const poke = (c: number) => res.write(`event: poke\ndata: ${JSON.stringify({ cursor: c } satisfies SyncPoke)}\n\n`);
  res.write('retry: 5000\n\n');
  poke(cursor);
  const unsubscribe = ctx.notifier.subscribe(stationId, poke);
  const ping = setInterval(() => res.write(': ping\n\n'), SSE_PING_MS);
  ping.unref();
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(ping);
    unsubscribe();
    ctx.streams.delete(close);
    res.end();
  };
  ctx.streams.add(close);
  request.raw.on('close', close);
  res.on('error', close);
}
