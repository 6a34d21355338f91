/** A resident's own points calls (loaded on the first sign-in): JSON over fetch with the session's bearer token. */
import type { HttpBase } from './http-base.ts';
import { PointsError, pointsErrorKind, type PointsSession } from './points-source.ts';

/** POST `body` (GET without one) to `{api}{path}`; failures become PointsErrors by kind. */
export async function send<T>(source: HttpBase, path: string, body: unknown, session?: PointsSession): Promise<T> {
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
    throw new PointsError('network', String(err));
  }
  let json: { error?: unknown } | null = null;
  try {
    json = (await res.json()) as { error?: unknown };
  } catch {
    // Not JSON (a captive portal's page, a proxy's error page): decided by the status below.
  }
  if (res.ok && json) return json as T;
  const named = pointsErrorKind(json?.error);
  // 401 is a wrong PIN at sign-in and an expired or unknown token afterwards; the body's
  // `message` is never shown (the widget explains each kind in the reader's language).
  const kind =
    res.status === 401 ? (session ? 'signed-out' : 'wrong-pin') : res.status === 423 ? 'locked' : (named ?? (res.ok ? 'network' : res.status === 404 ? 'not-found' : 'server'));
  throw new PointsError(kind, `HTTP ${res.status}`, res.status);
}
