/**
 * A resident's own calls (loaded on the first sign-in, by the points shop, the meal booking and
 * the volunteer board alike): JSON over fetch with the session's bearer token.
 */
import type { HttpBase } from './http-base.ts';
import type { PointsSession } from './points-source.ts';
import { LinliSourceError } from './source.ts';

/**
 * POST `body` (GET without one) to `{api}{path}`; a failure becomes a LinliSourceError whose kind
 * is the server's `{ error }` code when it is one of `known`, else decided by the status.
 */
export async function send<T>(source: HttpBase, path: string, body: unknown, known: ReadonlySet<string>, session?: PointsSession): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  // The token travels only in this header; nothing is stored (credentials: omit, no cookies).
  if (session) headers.Authorization = `Bearer ${session.token}`;
  let res: Response;
  try {
    res = await (source.options.fetch ?? fetch)(`${source.api}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (err) {
    throw new LinliSourceError('network', String(err));
  }
  let json: { error?: unknown } | null = null;
  try {
    json = (await res.json()) as { error?: unknown };
  } catch {
    // Not JSON (a captive portal's page, a proxy's error page): decided by the status below.
  }
  if (res.ok && json) return json as T;
  const code = json?.error;
  const named = typeof code === 'string' && known.has(code) ? code : null;
  // 401 is a wrong PIN at sign-in and an expired or unknown token afterwards; the body's
  // `message` is never shown (the widget explains each kind in the reader's language).
  const kind =
    res.status === 401 ? (session ? 'signed-out' : 'wrong-pin') : res.status === 423 ? 'locked' : (named ?? (res.ok ? 'network' : res.status === 404 ? 'not-found' : 'server'));
  throw new LinliSourceError(kind, `HTTP ${res.status}`, res.status);
}
