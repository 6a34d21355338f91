/** A community service station and its staff. */

export interface Station {
  id: string;
  name: string;
  address: string;
  /** The help line shown on every kiosk screen. */
  phone: string;
}

/** 站长, 社工, 厨房, 志愿服务, 街道 (read-only); what each may do is domain/roles.ts. */
export type StaffRole = 'manager' | 'social-worker' | 'kitchen' | 'volunteer-coordinator' | 'district-viewer';

/** What a kiosk receives about a staff member so staff can sign in offline. Never public. */
export interface StaffCredential {
  id: string;
  staffNo: string;
  name: string;
  role: StaffRole;
  /** The verifier of the staff member's 10-digit secret (domain/staff-secret.ts). */
  pinHash: string;
  /** The salt of the command key K the kiosk derives from the secret at sign-in (base64). */
  commandKeySalt: string;
  active: boolean;
}

export const STAFF_LOCKOUT = { maxFailures: 5, minutes: 15 } as const;
