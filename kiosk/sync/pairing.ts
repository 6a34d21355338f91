/**
 * Pairing: staff create a one-time code on the server; the kiosk trades it for a device token
 * (POST /devices/pair) and from then on syncs as that device.
 */
import { commitOrAbort, type KioskDb } from '../store/kiosk-db.ts';

export interface PairResponse {
  deviceId: string;
  deviceToken: string;
  stationId: string;
}

export type PairResult = { ok: true; stationId: string } | { ok: false; reason: 'bad-code' | 'network' | 'server' };

/** Codes are typed on a big keyboard: ignore spaces and dashes, compare in upper case. */
export function normalizePairingCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

export async function pairDevice(
  db: KioskDb,
  api: string,
  code: string,
  deviceName: string,
  fetchFn: (url: string, init?: RequestInit) => Promise<Response> = (url, init) => fetch(url, init),
): Promise<PairResult> {
  let response: Response;
  try {
    response = await fetchFn(`${api.replace(/\/+$/, '')}/devices/pair`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: normalizePairingCode(code), name: deviceName }),
    });
  } catch {
    return { ok: false, reason: 'network' };
  }
  if (response.status >= 400 && response.status < 500) return { ok: false, reason: 'bad-code' };
  if (!response.ok) return { ok: false, reason: 'server' };
  let body: PairResponse;
  try {
    body = (await response.json()) as PairResponse;
  } catch {
    return { ok: false, reason: 'server' };
  }
  if (!body.deviceToken || !body.stationId) return { ok: false, reason: 'server' };
  await db.run(async (conn) => {
    const tx = conn.transaction(['meta', 'notices', 'station', 'staff'], 'readwrite');
    await commitOrAbort(tx, async () => {
      const meta = tx.objectStore('meta');
      const previousStation = (await meta.get('stationId')) as string | undefined;
      await meta.put(body.deviceId, 'deviceId');
      await meta.put(body.deviceToken, 'deviceToken');
      // A new device: the tokens of the old one would only ever meet a revoked or expired device.
      await meta.delete('retiredTokens');
      await meta.put(body.stationId, 'stationId');
      // A new station starts its replica from scratch; the same station keeps what it has.
      if (previousStation !== body.stationId) {
        await meta.put(0, 'cursor');
        if (previousStation !== undefined) for (const store of ['notices', 'station', 'staff'] as const) await tx.objectStore(store).clear();
      }
      if ((await meta.get('nextSeq')) === undefined) await meta.put(1, 'nextSeq');
    });
  });
  db.notifyChanged();
  return { ok: true, stationId: body.stationId };
}
