/**
 * Asking the station server to check a resident's PIN (POST /sync/resident-sign-in, as this
 * paired kiosk) when the kiosk does not hold her verifier. The server answers her record with the
 * verifier, which the kiosk keeps so her next sign-in here works offline.
 */
import { PIN_RESET_REQUIRED_ERROR, type ApiError, type KioskResidentSignInResponse, type KioskResident } from '../../domain/index.ts';
import type { KioskServices } from '../kiosk-services.ts';
import { looksOnline } from '../sync/push-and-wait.ts';

export type OnlineSignInAnswer =
  | { kind: 'ok'; resident: KioskResident }
  | { kind: 'wrong' }
  | { kind: 'locked'; retryAfterSeconds: number }
  /** A kiosk that held her verifier was revoked: staff must set a new PIN. */
  | { kind: 'reset-required' }
  /** Too many sign-ins just now (429) or the server failed (5xx): try again in a moment. */
  | { kind: 'busy' }
  /** No network, or this kiosk is not accepted any more. */
  | { kind: 'unreachable' };

export interface OnlineResidentSignIn {
  /** Whether the kiosk looks online now (asking is worth it). */
  available(): boolean;
  check(phone: string, pin: string): Promise<OnlineSignInAnswer>;
}

type SignInServices = Pick<KioskServices, 'api' | 'db' | 'fetch' | 'engine'>;
// One per services object, so a screen rendered again gets the same one.
const made = new WeakMap<SignInServices, OnlineResidentSignIn>();

export function onlineResidentSignIn(services: SignInServices): OnlineResidentSignIn {
  let online = made.get(services);
  if (!online) {
    online = askServer(services);
    made.set(services, online);
  }
  return online;
}

function askServer(services: SignInServices): OnlineResidentSignIn {
  return {
    available: () => looksOnline(services),
    async check(phone, pin) {
      const token = await services.db.getMeta('deviceToken');
      if (!token) return { kind: 'unreachable' };
      let response: Response;
      try {
        response = await services.fetch(`${services.api}/sync/resident-sign-in`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ phone, pin }),
        });
      } catch {
        return { kind: 'unreachable' };
      }
      if (response.ok) {
        const body = (await response.json().catch(() => null)) as KioskResidentSignInResponse | null;
        return body?.resident?.pinHash ? { kind: 'ok', resident: body.resident } : { kind: 'busy' };
      }
      if (response.status === 423) return { kind: 'locked', retryAfterSeconds: Number(response.headers.get('retry-after')) || 15 * 60 };
      if (response.status === 403) {
        const error = (await response.json().catch(() => null)) as ApiError | null;
        return error?.error === PIN_RESET_REQUIRED_ERROR ? { kind: 'reset-required' } : { kind: 'unreachable' };
      }
      if (response.status === 401) {
        const error = (await response.json().catch(() => null)) as ApiError | null;
        return error?.error === 'wrong-pin' ? { kind: 'wrong' } : { kind: 'unreachable' };
      }
      return { kind: 'busy' };
    },
  };
}
