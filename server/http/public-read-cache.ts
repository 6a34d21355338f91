/**
 * The public notice feed is read far more often than it changes: every district page that embeds
 * a widget revalidates after every poke. A feed body is therefore kept per station and URL and
 * reused while the station's change cursor is the same and for at most a second of server time
 * (notices also appear and expire by the clock, without a change). So a busy page costs one
 * indexed read of the cursor instead of a query, a JSON serialisation and a hash per request.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServerContext } from '../context.ts';
import { etagOf, ifNoneMatchMatches, PUBLIC_MAX_AGE_SECONDS } from './cacheable.ts';

const FRESH_MS = 1_000;
/** Enough for every board combination of many stations; the oldest entry goes first. */
const MAX_ENTRIES = 2_000;

interface Entry {
  changeSeq: number;
  at: number;
  body: string;
  etag: string;
}

export class PublicReadCache {
  readonly #entries = new Map<string, Entry>();

  /**
   * The body for `key`: reused when the station's cursor is unchanged and it was made within the
   * last second of server time (a clock moved backwards — tests do — is never "fresh"), otherwise
   * made by `load`. Null when the station does not exist or `load` finds nothing.
   */
  async read(ctx: ServerContext, stationId: string, key: string, load: () => Promise<unknown>): Promise<{ body: string; etag: string } | null> {
    const station = await ctx.db.selectFrom('stations').select('change_seq').where('id', '=', stationId).executeTakeFirst();
    if (!station) return null;
    const now = ctx.clock().getTime();
    const cacheKey = `${stationId}\n${key}`;
    const hit = this.#entries.get(cacheKey);
    if (hit && hit.changeSeq === station.change_seq && now >= hit.at && now - hit.at < FRESH_MS) return hit;
    const value = await load();
    if (value === null || value === undefined) return null;
    const body = JSON.stringify(value);
    const entry: Entry = { changeSeq: station.change_seq, at: now, body, etag: etagOf(body) };
    this.#entries.delete(cacheKey);
    this.#entries.set(cacheKey, entry);
    if (this.#entries.size > MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value!);
    return entry;
  }
}

/** Like sendCacheable, for a body that is already serialised with its ETag. */
export function sendPrepared(request: FastifyRequest, reply: FastifyReply, prepared: { body: string; etag: string }): FastifyReply {
  reply.header('etag', prepared.etag).header('cache-control', `public, max-age=${PUBLIC_MAX_AGE_SECONDS}`);
  if (ifNoneMatchMatches(request.headers['if-none-match'], prepared.etag)) return reply.code(304).send();
  return reply.type('application/json; charset=utf-8').send(prepared.body);
}
