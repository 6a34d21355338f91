/**
 * Residents (居民): the minimum a station needs to know about a person (PIPL) — name, mobile
 * number, birth year (for age-based rules such as meal subsidies), building, and when they agreed
 * to it. Never a national ID number. PINs and card numbers are kept only as hashes. A 4-digit PIN's
 * verifier falls in minutes to anyone who holds it, so a kiosk receives a resident's PIN hash only
 * where she needs offline sign-in (KioskResident, docs/operations.md 当终端丢失或被盗).
 */
import { PIN_HASH_ITERATIONS } from './pin-hash.ts';


export interface Resident {
  id: string;
  stationId: string;
  name: string;
  /** Mainland mobile number, 11 digits. Unique per station (it is how residents sign in). */
  phone: string;
  birthYear: number;
  building: string;
  /** When the resident was told the purpose and agreed (ISO-8601 UTC). */
  consentAt: string;
  /** PBKDF2 hash of the 4-digit PIN (domain/pin-hash.ts), set by the resident on the keypad. */
  pinHash: string;
  /** SHA-256 of the station id and the normalised card number; null without a resident card. */
  cardHash: string | null;
  active: boolean;
  /** Increases by one on every accepted change (register = 1, each PIN reset + 1). */
  revision: number;
  updatedAt: string;
}

/**
 * A resident as a kiosk receives her (the pull feed, command outcomes). `pinHash` is there only
 * on kiosks linked to her — registered there, her PIN set there, or signed in there online — and
 * never while `pinResetRequired`: a kiosk that held her verifier was revoked (lost or stolen), so
 * staff must set a new PIN before she signs in anywhere again.
 */
export interface KioskResident extends Omit<Resident, 'pinHash'> {
  pinHash?: string;
  /** Present (true) only when set. */
  pinResetRequired?: true;
}

/** The fields staff type when registering someone. */
export interface ResidentDraft {
  name: string;
  phone: string;
  birthYear: number;
  building: string;
  /** Null until the consent box is ticked. */
  consentAt: string | null;
}

export const RESIDENT_LIMITS = {
  nameMax: 20,
  buildingMax: 40,
  birthYearMin: 1900,
} as const;

/** The same rule as for staff: 5 wrong PINs in a row lock that resident for 15 minutes. */
export const RESIDENT_LOCKOUT = { maxFailures: 5, minutes: 15 } as const;

/**
 * The fewest PBKDF2 iterations the server accepts for a PIN hash made on a kiosk: the standard
 * itself. A 4-digit PIN has only 10 000 values, so a cheaper hash only makes cracking cheaper.
 */
export const PIN_HASH_MIN_ITERATIONS = PIN_HASH_ITERATIONS;
/** The most: every sign-in checks the hash again, so a far slower one would stall the server and the kiosks. */
export const PIN_HASH_MAX_ITERATIONS = PIN_HASH_ITERATIONS * 10;

/** Whether a PIN hash from a kiosk is as slow as the standard asks (and not absurdly slower). */
export function isStandardPinHash(pinHash: string): boolean {
  const iterations = Number(pinHash.split('$')[1]);
  return Number.isInteger(iterations) && iterations >= PIN_HASH_MIN_ITERATIONS && iterations <= PIN_HASH_MAX_ITERATIONS;
}

/** How long a website resident session (POST /api/residents/login) lasts. */
export const RESIDENT_SESSION_MINUTES = 30;

const MOBILE = /^1[3-9]\d{9}$/;

/** Digits only: people and on-screen keypads add spaces and dashes (138 0013 8001). */
export function normalizePhone(input: string): string {
  return input.replace(/[\s-]/g, '');
}

export function isMainlandMobile(phone: string): boolean {
  return MOBILE.test(phone);
}

function charCount(text: string): number {
  return [...text].length;
}

/** Problems in a draft, in plain Chinese, keyed by field; empty when the draft is valid. */
export function validateResidentDraft(draft: ResidentDraft, now: Date): Partial<Record<keyof ResidentDraft, string>> {
  const errors: Partial<Record<keyof ResidentDraft, string>> = {};
  const name = draft.name.trim();
  if (name.length === 0) errors.name = '请填写姓名';
  else if (charCount(name) > RESIDENT_LIMITS.nameMax) errors.name = `姓名不能超过 ${RESIDENT_LIMITS.nameMax} 个字`;
  const phone = normalizePhone(draft.phone);
  if (phone.length === 0) errors.phone = '请填写手机号';
  else if (!isMainlandMobile(phone)) errors.phone = '手机号应为 11 位数字，以 1 开头';
  const thisYear = now.getUTCFullYear();
  if (!Number.isInteger(draft.birthYear)) errors.birthYear = '请填写出生年份，例如 1948';
  else if (draft.birthYear < RESIDENT_LIMITS.birthYearMin || draft.birthYear > thisYear) {
    errors.birthYear = `出生年份应在 ${RESIDENT_LIMITS.birthYearMin} 到 ${thisYear} 之间`;
  }
  const building = draft.building.trim();
  if (building.length === 0) errors.building = '请填写楼号，例如 3 号楼 2 单元';
  else if (charCount(building) > RESIDENT_LIMITS.buildingMax) errors.building = `楼号不能超过 ${RESIDENT_LIMITS.buildingMax} 个字`;
  if (draft.consentAt === null || Number.isNaN(Date.parse(draft.consentAt))) errors.consentAt = '请先向居民说明用途，并勾选“已告知并同意”';
  return errors;
}

/**
 * A card number as a USB reader types it, in one canonical form: spaces and dashes dropped,
 * letters upper-cased. Null when it cannot be a card number (too short, too long, other
 * characters), so stray keyboard input is never taken for a card.
 */
export function normalizeCardNumber(raw: string): string | null {
  const compact = raw.replace(/[\s-]/g, '').toUpperCase();
  return /^[0-9A-Z]{6,32}$/.test(compact) ? compact : null;
}

function toHex(bytes: ArrayBuffer): string {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * SHA-256 (hex) of the station id and the normalised card number. A fast hash is enough to keep
 * card numbers out of the database and the kiosks (a card is a physical token, not a secret the
 * resident chose) and it must be deterministic so a swipe can be looked up; the station id keeps
 * one hash from matching across stations. Returns null for input that is not a card number.
 */
export async function hashCardNumber(stationId: string, raw: string): Promise<string | null> {
  const card = normalizeCardNumber(raw);
  if (card === null) return null;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`linli-card:${stationId}:${card}`));
  return toHex(digest);
}

export interface ResidentSearch {
  name?: string;
  building?: string;
  /** The last four digits of the phone number. */
  phoneLast4?: string;
}

/**
 * Staff search in staff-assisted mode: every criterion given must match (name and building as
 * parts of the text, the phone by its last four digits); with no criterion, nobody (staff must
 * not be able to page through everyone). Active residents only, sorted by name.
 */
export function findResidents<R extends Pick<Resident, 'name' | 'building' | 'phone' | 'active' | 'id'>>(
  residents: Iterable<R>,
  search: ResidentSearch,
): R[] {
  const name = search.name?.trim() ?? '';
  const building = search.building?.trim() ?? '';
  const last4 = (search.phoneLast4 ?? '').replace(/\D/g, '');
  if (name === '' && building === '' && last4 === '') return [];
  const out: R[] = [];
  for (const r of residents) {
    if (!r.active) continue;
    if (name !== '' && !r.name.includes(name)) continue;
    if (building !== '' && !r.building.includes(building)) continue;
    if (last4 !== '' && !r.phone.endsWith(last4)) continue;
    out.push(r);
  }
  return out.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || (a.id < b.id ? -1 : 1));
}

/** A resident may undo their own action (a booking, a redemption) for this long. */
export const UNDO_WINDOW_MS = 10 * 60_000;

export interface UndoableAction {
  /** When the resident did it (ISO-8601). */
  createdAt: string;
  status: 'pending' | 'applied' | 'rejected' | 'conflict';
  /** Set once undone: it cannot be undone twice. */
  undoneAt?: string | null;
}

/** Within 10 minutes, not refused by the server, not already undone. */
export function canUndo(action: UndoableAction, now: Date): boolean {
  if (action.undoneAt) return false;
  if (action.status === 'rejected' || action.status === 'conflict') return false;
  const at = Date.parse(action.createdAt);
  if (Number.isNaN(at)) return false;
  const age = now.getTime() - at;
  return age >= -60_000 && age < UNDO_WINDOW_MS; // a minute of clock skew between kiosk clocks is tolerated
}
