/** The station server's settings, from the environment (see README). */
import { resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '..');

export interface ServerConfig {
  port: number;
  host: string;
  /** postgres://… when set; SQLite otherwise. */
  databaseUrl?: string;
  sqliteFile: string;
  corsOrigins: string[] | '*';
  /** The built kiosk served at /kiosk/ (LINLI_KIOSK_DIR, default dist/kiosk). */
  kioskDir: string;
  /** LINLI_TRUST_PROXY=1 (or a proxy address list): client addresses from X-Forwarded-For. */
  trustProxy: boolean | string;
  /** LINLI_REQUEST_TIMEOUT_MS, LINLI_MAX_CONNECTIONS (see docs/operations.md). */
  http: { requestTimeoutMs?: number; maxConnections?: number };
  /** LINLI_LOGIN_PER_CLIENT_PER_MINUTE, LINLI_LOGIN_GLOBAL_PER_MINUTE. */
  loginPerMinute: { perClient?: number; global?: number };
  /** LINLI_DEVICE_TOKEN_EXPIRE_DAYS (default 30) and LINLI_DEVICE_TOKEN_ROTATE_DAYS (default 7). */
  deviceTokens: { expireAfterDays?: number; rotateAfterDays?: number };
}

function positiveInt(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number above 0, not "${raw}"`);
  return n;
}

function days(value: string | undefined): number | undefined {
  return value === undefined || value === '' ? undefined : Number(value);
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = env.PORT === undefined || env.PORT === '' ? 8080 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  const origins = (env.LINLI_CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter((o) => o !== '');
  return {
    port,
    host: env.HOST || '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    sqliteFile: resolve(REPO_ROOT, env.LINLI_DB_FILE || 'data/linli.sqlite'),
    corsOrigins: origins.length === 0 || origins.includes('*') ? '*' : origins,
    kioskDir: resolve(REPO_ROOT, env.LINLI_KIOSK_DIR || 'dist/kiosk'),
    trustProxy: env.LINLI_TRUST_PROXY === '1' ? true : env.LINLI_TRUST_PROXY ? env.LINLI_TRUST_PROXY : false,
    http: { requestTimeoutMs: positiveInt(env, 'LINLI_REQUEST_TIMEOUT_MS'), maxConnections: positiveInt(env, 'LINLI_MAX_CONNECTIONS') },
    loginPerMinute: { perClient: positiveInt(env, 'LINLI_LOGIN_PER_CLIENT_PER_MINUTE'), global: positiveInt(env, 'LINLI_LOGIN_GLOBAL_PER_MINUTE') },
    deviceTokens: {
      ...(days(env.LINLI_DEVICE_TOKEN_EXPIRE_DAYS) === undefined ? {} : { expireAfterDays: days(env.LINLI_DEVICE_TOKEN_EXPIRE_DAYS) }),
      ...(days(env.LINLI_DEVICE_TOKEN_ROTATE_DAYS) === undefined ? {} : { rotateAfterDays: days(env.LINLI_DEVICE_TOKEN_ROTATE_DAYS) }),
    },
  };
}
