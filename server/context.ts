/** What every route of the station server shares. */
import type { Kysely } from 'kysely';
import type { LoginAttempt, LoginLimits } from './auth/login-limits.ts';
import type { DeviceTokenPolicy } from './auth/device-tokens.ts';
import type { Database, DialectName } from './db/schema.ts';
import type { ChangeNotifier } from './events/change-notifier.ts';
import type { EventStreams } from './routes/event-stream.ts';

export type Clock = () => Date;

export interface ServerContext {
  db: Kysely<Database>;
  dialect: DialectName;
  clock: Clock;
  notifier: ChangeNotifier;
  streams: EventStreams;
  /** Origins allowed to read the public API from a browser; '*' for any. */
  corsOrigins: readonly string[] | '*';
  loginLimits: LoginLimits;
  /** The PIN check (domain verifyPin; tests count its calls). */
  verifyPin: (pin: string, stored: string) => Promise<boolean>;
  /** Set by a login route for its sign-in (withLoginAttempt): who asks for which account, from where. */
  loginAttempt?: LoginAttempt;
  /** Device token expiry and rotation; the defaults (30 and 7 days) when absent. */
  deviceTokens?: DeviceTokenPolicy;
}
