/** kiosk.coldstart-20000.first_screen_ms — filled in once the kiosk screens exist. */
import type { Figures } from './results.ts';

export async function benchKioskColdStart(): Promise<Figures> {
  throw new Error('not measured yet');
}
