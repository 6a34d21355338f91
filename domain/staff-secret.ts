/**
 * Staff secrets and command proofs (docs/security.md, "Staff").
 *
 * A staff member signs in with their 工号 and a 10-digit secret the server drew at random
 * (never one a person chose), so the verifier a kiosk holds costs an offline guesser 10^10 / 2
 * PBKDF2 runs on average. Residents keep their 4-digit PIN (domain/pin-hash.ts).
 *
 * At sign-in the kiosk also derives a command key K = PBKDF2(secret, commandKeySalt) and keeps it
 * in memory for that staff session only. Every command naming the staff member carries
 * `actor.staffProof` = HMAC-SHA256(K, canonical command); the server holds K and checks it. A
 * copied kiosk profile holds the verifier, the salt and the device token, never the secret or K,
 * so it can sign nothing.
 *
 * Web Crypto only (no Node APIs): the kiosk and the server run this same code.
 */
import type { CommandActor, CommandType } from './sync.ts';

export const STAFF_SECRET_DIGITS = 10;
/** How many secrets there are: uniform over 0000000000 … 9999999999. */
export const STAFF_SECRET_SPACE = 10 ** STAFF_SECRET_DIGITS;
/**
 * PBKDF2-SHA256 iterations of staff verifiers and command keys: 2.5× the residents'. A kiosk
 * sign-in runs two of them (the verifier, then K); at 600,000 that measured 326–389 ms in this
 * machine's Chromium under load, over the ~0.3 s a sign-in may take, so 300,000
 * (bench/offline-crack.ts, docs/security.md).
 */
export const STAFF_SECRET_ITERATIONS = 300_000;

export const STAFF_SECRET_PATTERN = '^\\d{10}$';

/** A staff secret is exactly ten digits. */
export function isWellFormedStaffSecret(secret: unknown): secret is string {
  return typeof secret === 'string' && /^\d{10}$/.test(secret);
}

/** Ten digits, uniform over 10^10 (rejection sampling: no modulo bias), from the platform's CSPRNG. */
export function drawStaffSecret(): string {
  const limit = 2 ** 32 - (2 ** 32 % 100_000);
  const words = new Uint32Array(1);
  const part = (): string => {
    for (;;) {
      crypto.getRandomValues(words);
      if (words[0]! < limit) return String(words[0]! % 100_000).padStart(5, '0');
    }
  };
  return part() + part();
}

export function bytesToBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** A fresh 16-byte salt for a command key, base64. */
export function newCommandKeySalt(): string {
  return bytesToBase64(crypto.getRandomValues(new Uint8Array(16)));
}

/** K = PBKDF2-SHA256(secret, salt, iterations), 32 bytes. */
export async function deriveCommandKey(secret: string, saltBase64: string, iterations: number): Promise<Uint8Array<ArrayBuffer>> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: base64ToBytes(saltBase64), iterations }, key, 256);
  return new Uint8Array(bits);
}

/** K as a non-extractable HMAC key: script on the kiosk can sign with it but never read it out. */
export function importCommandKey(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

/** What a proof covers: never `seq` or the device (a command is renumbered and resent after re-pairing or a restore). */
export interface ProvableCommand {
  id: string;
  type: CommandType;
  payload: unknown;
  createdAt: string;
  actor: CommandActor;
}

/** JSON with object keys sorted at every level, so the kiosk and the server encode one command alike. */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The bytes a staff proof signs: id, type, payload, createdAt and the actor without its proof. */
export function commandProofMessage(command: ProvableCommand): Uint8Array<ArrayBuffer> {
  const { staffProof: _proof, ...actor } = command.actor;
  const text = canonicalJson({ v: 1, id: command.id, type: command.type, payload: command.payload, createdAt: command.createdAt, actor });
  return new TextEncoder().encode(text);
}

/** actor.staffProof for this command: base64 HMAC-SHA256(K, canonical command). */
export async function proveCommand(key: CryptoKey, command: ProvableCommand): Promise<string> {
  return bytesToBase64(new Uint8Array(await crypto.subtle.sign('HMAC', key, commandProofMessage(command))));
}

/** The server's check: recompute with the stored K and compare in constant time. */
export async function verifyCommandProof(rawKey: Uint8Array<ArrayBuffer>, command: ProvableCommand, proof: string | undefined): Promise<boolean> {
  if (typeof proof !== 'string') return false;
  let given: Uint8Array;
  try {
    given = base64ToBytes(proof);
  } catch {
    return false;
  }
  const key = await crypto.subtle.importKey('raw', rawKey, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const expected = new Uint8Array(await crypto.subtle.sign('HMAC', key, commandProofMessage(command)));
  if (given.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= expected[i]! ^ given[i]!;
  return diff === 0;
}
