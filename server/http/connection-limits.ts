/**
 * Timeouts and connection limits of the HTTP server (issue 13, defect 8). Node's defaults let a
 * slow or truncated request hold a socket forever (requestTimeout 0): 200 slow-body sockets
 * were still open after 100 s. Event streams are long responses, not slow requests: the request
 * timeouts end when the request has arrived, and the idle timeout is lifted on an open stream
 * (event-stream.ts), whose pings keep proxies awake anyway.
 */
import type { FastifyServerOptions } from 'fastify';

export interface HttpLimits {
  /** The whole request, headers and body, must have arrived within this (then 408 and close). */
  readonly requestTimeoutMs: number;
  /** The request headers must have arrived within this. */
  readonly headersTimeoutMs: number;
  /** A socket with no traffic either way for this long is closed. */
  readonly idleTimeoutMs: number;
  /** An idle keep-alive connection between requests is closed after this. */
  readonly keepAliveTimeoutMs: number;
  /** Connections beyond this many open at once are closed as they arrive. */
  readonly maxConnections: number;
  /** How often Node looks for requests past their timeouts. */
  readonly checkIntervalMs: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 15_000,
  idleTimeoutMs: 60_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 2_000,
  checkIntervalMs: 1_000,
};

export function httpLimitsWith(overrides: Partial<HttpLimits> = {}): HttpLimits {
  const limits = { ...DEFAULT_HTTP_LIMITS, ...overrides };
  // Node refuses a headers timeout longer than the request timeout.
  return { ...limits, headersTimeoutMs: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) };
}

/** The Fastify options that carry the limits (maxConnections is set on the server once built). */
export function serverTimeoutOptions(limits: HttpLimits): Pick<FastifyServerOptions, 'requestTimeout' | 'connectionTimeout' | 'keepAliveTimeout'> & {
  http: { headersTimeout: number; requestTimeout: number; connectionsCheckingInterval: number };
} {
  return {
    requestTimeout: limits.requestTimeoutMs,
    connectionTimeout: limits.idleTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    http: { headersTimeout: limits.headersTimeoutMs, requestTimeout: limits.requestTimeoutMs, connectionsCheckingInterval: limits.checkIntervalMs },
  };
}
