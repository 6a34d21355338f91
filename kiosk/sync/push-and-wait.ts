/**
 * Deciding a resident's action online when the network allows (points redemption, meal booking,
 * volunteer sign-up): whether the kiosk looks online, and waiting for the server's outcome of a
 * pushed command as it lands in the resident's 我的 record. Shared by every feature that pushes at
 * once and falls back to "provisional, confirmed when online".
 */
import type { KioskServices } from '../kiosk-services.ts';

/** Online as far as the kiosk can tell: the browser says so and the last sync did not fail on the network. */
export function looksOnline(services: Pick<KioskServices, 'engine'>): boolean {
  const engine = services.engine;
  return engine.env.isOnline() && engine.status.problem !== 'network';
}

/** Wait for the server's outcome of a resident command (its 我的 record), or null after `ms`. */
export async function waitForOutcome(services: Pick<KioskServices, 'db'>, commandId: string, ms: number): Promise<{ status: string; reason?: string } | null> {
  const db = services.db;
  const read = async (): Promise<{ status: string; reason?: string } | null> => {
    const action = await db.run((conn) => conn.get('residentActions', commandId));
    return action && action.status !== 'pending' ? { status: action.status, ...(action.reason ? { reason: action.reason } : {}) } : null;
  };
  const first = await read();
  if (first) return first;
  return new Promise((resolve) => {
    let done = false;
    const finish = (value: { status: string; reason?: string } | null): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      stop();
      resolve(value);
    };
    const timer = setTimeout(() => finish(null), ms);
    const stop = db.onChange(() => {
      void read().then((v) => {
        if (v) finish(v);
      });
    });
  });
}
