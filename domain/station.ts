/** A community service station and its staff. */

export interface Station {
  id: string;
  name: string;
  address: string;
  /** The help line shown on every kiosk screen. */
  phone: string;
}

export type StaffRole = 'manager' | 'social-worker' | 'kitchen';

/** What a kiosk receives about a staff member so staff can sign in offline. Never public. */
export interface StaffCredential {
  id: string;
  staffNo: string;
  name: string;
  role: StaffRole;
  pinHash: string;
  active: boolean;
}

export const STAFF_LOCKOUT = { maxFailures: 5, minutes: 15 } as const;
