/**
 * Bearer tokens and pairing codes. Only their SHA-256 is stored: a leaked database does not let
 * anyone act as a staff member or a kiosk. (A fast hash is right here, unlike for PINs, because
 * the tokens are 256 random bits, not something a person chose.)
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';

export const STAFF_SESSION_HOURS = 12;
export const PAIRING_CODE_MINUTES = 10;
/** No 0/O, 1/I/L: the code is read off one screen and typed on another. */
export const PAIRING_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const PAIRING_CODE_LENGTH = 8;

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function newPairingCode(): string {
  let code = '';
  for (let i = 0; i < PAIRING_CODE_LENGTH; i++) code += PAIRING_CODE_ALPHABET[randomInt(PAIRING_CODE_ALPHABET.length)];
  return code;
}

/** What people type ("abcd-efgh") to the stored form ("ABCDEFGH"). */
export function normalizePairingCode(input: string): string {
  return input.replace(/-/g, '').toUpperCase();
}

/** The token from `Authorization: Bearer <token>`, or null. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header.trim());
  return m ? m[1]! : null;
}
