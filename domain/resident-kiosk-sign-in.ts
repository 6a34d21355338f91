/**
 * A resident signing in at a kiosk that does not hold her PIN verifier: the kiosk asks the server
 * (POST /api/sync/resident-sign-in, device token), which checks the PIN under the same lockout as
 * the website and answers her record with the verifier, so the next sign-in there works offline.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { KioskResident } from './resident.ts';
import { PHONE_PATTERN, PIN_PATTERN } from './schemas.ts';

export const KioskResidentSignInBodySchema = Type.Object(
  {
    phone: Type.String({ pattern: PHONE_PATTERN, title: '手机号' }),
    pin: Type.String({ pattern: PIN_PATTERN, title: '密码' }),
  },
  { additionalProperties: false },
);
export type KioskResidentSignInBody = Static<typeof KioskResidentSignInBodySchema>;

export interface KioskResidentSignInResponse {
  /** Her record as this kiosk now may hold it: with `pinHash`. */
  resident: KioskResident;
}

/** The error code of the 403 for a resident whose PIN staff must set again (website and kiosk). */
export const PIN_RESET_REQUIRED_ERROR = 'pin-reset-required';
